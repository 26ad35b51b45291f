import type { AppliedFramework } from '../framework/applied-framework';
import { scalePoint } from '../framework/applied-framework';
import { decisionDirection, decisionProblem, type ClaimedResponse } from './desk-review';
import { MODERATION_DECISIONS, type CriterionModeration, type ModerationDecision } from './moderation-records';
import { decisionCategory, moderatorAgreement, type AgreementResult, type DecisionPair } from './moderator-agreement';
import { seededRandom } from './visit-sampling';

/**
 * Second moderation as data and rules: which criteria of a decided submission a second moderator
 * is asked to decide again, what a second decision and a resolution must hold, and how a
 * resolution changes the first moderator's decision. Pure: the stores write what these return.
 */

/** Why a criterion is in the sample: every one moderated down, then a seeded draw per strand, then any the moderator added. */
export type SecondSampleReason = 'moderated-down' | 'drawn' | 'chosen';

export interface SecondSampleItem {
  criterionId: string;
  reason: SecondSampleReason;
  /** In a sentence, for the first moderator only (the request never says why: it would give the decision away). */
  why: string;
}

/** How many criteria per strand the default draw takes, besides those moderated down. */
export const DEFAULT_DRAW_PER_STRAND = 1;

/**
 * The default sample: every criterion the first moderator moderated down (a lower point, a
 * disputed "not applicable", "not met" on a criterion judged met), then `perStrand` criteria drawn
 * at random from each strand's other decided criteria, repeatably for the seed. Only decided
 * criteria are sampled: an undecided one has nothing to compare. In framework order.
 */
export function secondModerationSample(input: {
  framework: AppliedFramework;
  responses: readonly ClaimedResponse[];
  moderations: readonly Pick<CriterionModeration, 'criterionId' | 'decision' | 'moderatedJudgement'>[];
  seed: string;
  perStrand?: number;
}): SecondSampleItem[] {
  const { framework, seed } = input;
  const perStrand = input.perStrand ?? DEFAULT_DRAW_PER_STRAND;
  const responseById = new Map(input.responses.map((r) => [r.criterionId, r]));
  const decided = new Map(input.moderations.filter((m) => m.decision !== null).map((m) => [m.criterionId, m]));
  const chosen = new Map<string, SecondSampleItem>();
  for (const criterion of framework.criteria) {
    const moderation = decided.get(criterion.id);
    const response = responseById.get(criterion.id);
    if (!moderation || !response) continue;
    if (decisionDirection(framework.scale, response, moderation) === 'down') {
      chosen.set(criterion.id, { criterionId: criterion.id, reason: 'moderated-down', why: 'Moderated down in your review' });
    }
  }
  const random = seededRandom(seed);
  for (const strand of framework.strands) {
    const pool = framework.criteria
      .filter((c) => c.strandId === strand.id && decided.has(c.id) && responseById.has(c.id) && !chosen.has(c.id))
      .map((c) => c.id);
    // A partial Fisher–Yates shuffle, as the visit's draw: the first places are a uniform sample.
    for (let i = 0; i < Math.min(Math.max(0, perStrand), pool.length); i += 1) {
      const j = i + Math.floor(random() * (pool.length - i));
      [pool[i], pool[j]] = [pool[j] as string, pool[i] as string];
      const id = pool[i] as string;
      chosen.set(id, { criterionId: id, reason: 'drawn', why: `Drawn at random from strand ${strand.id} (seed ${seed})` });
    }
  }
  return framework.criteria.flatMap((c) => {
    const item = chosen.get(c.id);
    return item ? [item] : [];
  });
}

/** What is wrong with a sample the first moderator chose, in plain words, or null. */
export function sampleProblem(
  criterionIds: readonly string[],
  moderations: readonly Pick<CriterionModeration, 'criterionId' | 'decision'>[],
): string | null {
  if (criterionIds.length === 0) return 'Choose at least one criterion for the second moderator to decide.';
  const decided = new Set(moderations.filter((m) => m.decision !== null).map((m) => m.criterionId));
  const undecided = criterionIds.filter((id) => !decided.has(id));
  if (undecided.length > 0) {
    return `You have not decided ${undecided.join(', ')} yet: decide ${undecided.length === 1 ? 'it' : 'them'} first, or leave ${undecided.length === 1 ? 'it' : 'them'} out of the sample, so there is a decision to compare.`;
  }
  return null;
}

/** The second moderator's decision on one sampled criterion, as a draft or as stored. */
export interface SecondDecisionDraft {
  decision: ModerationDecision | null;
  moderatedJudgement: string | null;
  comment: string;
}

/**
 * What is wrong with a second moderator's decision, or null: the same rules as the first review
 * (the decisions offered follow the school's claim; a moderated point is on the scale and not the
 * school's own), and a comment whenever the decision is not agreement.
 */
export function secondDecisionProblem(framework: AppliedFramework, response: ClaimedResponse, draft: SecondDecisionDraft): string | null {
  if (draft.decision === null) return `Choose a decision for ${response.criterionId}.`;
  const problem = decisionProblem(framework, response, { decision: draft.decision, moderatedJudgement: draft.moderatedJudgement });
  if (problem) return problem;
  if (draft.decision !== 'agree' && draft.comment.trim() === '') {
    return `Say why in the comment on ${response.criterionId}: the first moderator reads it when your decisions differ.`;
  }
  return null;
}

/** The criteria of a return that are not ready to send, each with what to do, in the request's order. */
export function returnProblems(
  framework: AppliedFramework,
  sampled: readonly string[],
  responses: readonly ClaimedResponse[],
  decisions: ReadonlyMap<string, SecondDecisionDraft>,
): { criterionId: string; message: string }[] {
  const responseById = new Map(responses.map((r) => [r.criterionId, r]));
  return sampled.flatMap((criterionId) => {
    const response = responseById.get(criterionId) ?? { criterionId, judgement: null };
    const draft = decisions.get(criterionId) ?? { decision: null, moderatedJudgement: null, comment: '' };
    const message = secondDecisionProblem(framework, response, draft);
    return message ? [{ criterionId, message }] : [];
  });
}

/** A decision in a few words: "Agree with the school", "Moderated to Established". */
export function decisionWords(
  framework: AppliedFramework | null,
  pair: Pick<CriterionModeration, 'decision' | 'moderatedJudgement'>,
): string {
  if (pair.decision === null) return 'Not decided';
  if (pair.decision === 'moderated') {
    const point = pair.moderatedJudgement ? (framework ? scalePoint(framework, pair.moderatedJudgement)?.label : null) : null;
    return `Moderated to ${point ?? pair.moderatedJudgement ?? 'another point'}`;
  }
  return MODERATION_DECISIONS.find((d) => d.id === pair.decision)?.label ?? pair.decision;
}

/** How the first moderator settled a disagreement. */
export const RESOLUTION_KINDS = [
  { id: 'kept', label: 'Keep my first decision' },
  { id: 'changed-to-second', label: 'Change my decision to the second moderator’s' },
  { id: 'changed-to-other', label: 'Change my decision to another' },
] as const;

export type ResolutionKind = (typeof RESOLUTION_KINDS)[number]['id'];

export interface ResolutionDraft {
  kind: ResolutionKind | null;
  /** For 'changed-to-other'. */
  decision: ModerationDecision | null;
  moderatedJudgement: string | null;
  reason: string;
}

/**
 * What is wrong with a resolution, or null: a way chosen, a reason given, and for a change to
 * another decision a decision that fits the school's claim and differs from both moderators'.
 */
export function resolutionProblem(
  framework: AppliedFramework,
  response: ClaimedResponse,
  first: DecisionPair,
  second: DecisionPair,
  draft: ResolutionDraft,
): string | null {
  const id = response.criterionId;
  if (draft.kind === null) return `Choose how to settle the disagreement on ${id}.`;
  if (draft.reason.trim() === '') return `Give the reason for how you settled ${id}: it is kept with the moderation.`;
  if (draft.kind !== 'changed-to-other') return null;
  if (draft.decision === null) return `Choose the decision ${id} changes to.`;
  const problem = decisionProblem(framework, response, { decision: draft.decision, moderatedJudgement: draft.moderatedJudgement });
  if (problem) return problem;
  const category = decisionCategory({ decision: draft.decision, moderatedJudgement: draft.moderatedJudgement });
  if (category === decisionCategory(first)) return `That is your first decision on ${id}: choose “Keep my first decision” instead.`;
  if (category === decisionCategory(second)) {
    return `That is the second moderator’s decision on ${id}: choose “Change my decision to the second moderator’s” instead.`;
  }
  return null;
}

/**
 * The decision a resolution leaves on the criterion: null when it keeps the first decision (nothing
 * to write), else the CriterionModeration to write in the same transaction as the resolution.
 */
export function resolvedModeration(
  current: CriterionModeration,
  second: DecisionPair & { comment: string },
  draft: ResolutionDraft,
  at: string,
): CriterionModeration | null {
  if (draft.kind === 'kept' || draft.kind === null) return null;
  const next =
    draft.kind === 'changed-to-second'
      ? { decision: second.decision, moderatedJudgement: second.decision === 'moderated' ? second.moderatedJudgement : null }
      : { decision: draft.decision, moderatedJudgement: draft.decision === 'moderated' ? draft.moderatedJudgement : null };
  const comment = current.comment.trim() === '' ? draft.reason.trim() : current.comment;
  // A decision changed here is the moderator's own now, not one carried over from an earlier version.
  const { carriedFrom: _carried, ...rest } = current;
  return { ...rest, ...next, comment, updatedAt: at };
}

/** The agreement, with the disagreements first and then the agreements, each in the sample's order. */
export function secondModerationAgreement(first: readonly DecisionPair[], second: readonly DecisionPair[]): AgreementResult {
  const result = moderatorAgreement(first, second);
  return { ...result, criteria: [...result.disagreements, ...result.criteria.filter((c) => c.agree)] };
}

/** Agreement in a sentence: "3 of 4 criteria agreed (75%)". */
export function agreementSentence(result: Pick<AgreementResult, 'agreed' | 'compared' | 'percent'>): string {
  if (result.percent === null) return 'No criterion was decided by both moderators.';
  return `${result.agreed} of ${result.compared} ${result.compared === 1 ? 'criterion' : 'criteria'} agreed (${Math.round(result.percent)}%)`;
}
