import { criterionApplies, type ApplicabilityProfile } from '../framework/applicability';
import { scalePoint, type AppliedFramework, type PlacedCriterion } from '../framework/applied-framework';
import type { SubmissionDocument, SubmissionEvidence } from '../submission/submission-format';
import type { ModerationDocument } from './moderation-format';
import { outcomeProblems, type OutcomeContext, type OutcomeDraft, type OutcomeField, type OutcomeProblems } from './moderation-outcome';
import {
  MODERATION_DECISIONS,
  type CriterionModeration,
  type ModerationDecision,
  type ModerationOutcome,
  type OutcomeKind,
  type SubmissionStatus,
  type VisitPlan,
} from './moderation-records';
import { sampleCriteria } from './visit-sampling';

/**
 * The moderator's review, as plain rules the screens share: what a criterion's decision reads as,
 * how far the review has got, how a submission's status moves, and how a visit plan is checked.
 */

/** What the moderator decided for one criterion, as the school reads it. */
export function decisionText(
  framework: AppliedFramework,
  decision: ModerationDecision | null,
  moderatedJudgement: string | null,
  whenNone = 'Not reviewed yet',
): string {
  if (decision === null) return whenNone;
  if (decision === 'moderated') {
    const point = scalePoint(framework, moderatedJudgement);
    return point ? `Moderated to ${point.label}` : 'Moderated (no judgement chosen yet)';
  }
  return MODERATION_DECISIONS.find((d) => d.id === decision)?.label ?? decision;
}

/** The evidence items the school linked to a criterion, in the order of its evidence index. */
export function evidenceForCriterion(document: SubmissionDocument, criterionId: string): SubmissionEvidence[] {
  const response = document.responses.find((r) => r.criterionId === criterionId);
  const ids = new Set(response?.evidenceIds ?? []);
  return document.evidence.filter((e) => ids.has(e.id) || e.criterionIds.includes(criterionId));
}

/**
 * The criteria the moderator reviews: those that apply to the school by the profile in its
 * submission (null, a submission made before profiles: every criterion), in framework order. A
 * criterion the school claims does not apply is among them: the claim needs a decision, to accept
 * or to dispute it. Those the framework limits to other schools count nowhere.
 */
export function criteriaToReview(framework: Pick<AppliedFramework, 'criteria'>, profile: ApplicabilityProfile | null): PlacedCriterion[] {
  return profile ? framework.criteria.filter((c) => criterionApplies(c, profile).applies) : [...framework.criteria];
}

export interface StrandProgress {
  strandId: string;
  title: string;
  /** The strand's criteria to review (those that apply to the school), in framework order. */
  criterionIds: string[];
  reviewed: number;
  agreed: number;
  moderated: number;
  moreEvidence: number;
}

export interface ReviewProgress {
  strands: StrandProgress[];
  total: number;
  reviewed: number;
  agreed: number;
  moderated: number;
  moreEvidence: number;
}

/** How many of the criteria to review (criteriaToReview) have a decision, strand by strand. */
export function reviewProgress(
  framework: AppliedFramework,
  moderations: readonly CriterionModeration[],
  profile: ApplicabilityProfile | null = null,
): ReviewProgress {
  const decisions = new Map(moderations.map((m) => [m.criterionId, m.decision]));
  const toReview = criteriaToReview(framework, profile);
  const strands = framework.strands.map((strand): StrandProgress => {
    const criterionIds = toReview.filter((c) => c.strandId === strand.id).map((c) => c.id);
    const count = (decision: ModerationDecision) => criterionIds.filter((id) => decisions.get(id) === decision).length;
    const agreed = count('agree');
    // "Moderated" counts every decision that changes what the school claimed.
    const moderated = count('moderated') + count('not-met') + count('not-applicable-disputed');
    const moreEvidence = count('more-evidence');
    return {
      strandId: strand.id,
      title: strand.title,
      criterionIds,
      reviewed: agreed + moderated + moreEvidence,
      agreed,
      moderated,
      moreEvidence,
    };
  });
  const sum = (key: 'reviewed' | 'agreed' | 'moderated' | 'moreEvidence') => strands.reduce((total, s) => total + s[key], 0);
  return {
    strands,
    total: toReview.length,
    reviewed: sum('reviewed'),
    agreed: sum('agreed'),
    moderated: sum('moderated'),
    moreEvidence: sum('moreEvidence'),
  };
}

/**
 * The first criterion to review after `afterId` (wrapping round) that has no decision, or null when
 * all have one. `afterId` may be a criterion that does not apply: the search starts from its place.
 */
export function nextUndecided(
  framework: AppliedFramework,
  moderations: readonly CriterionModeration[],
  afterId: string | null = null,
  profile: ApplicabilityProfile | null = null,
): string | null {
  const decided = new Set(moderations.filter((m) => m.decision !== null).map((m) => m.criterionId));
  const toReview = new Set(criteriaToReview(framework, profile).map((c) => c.id));
  const ids = framework.criteria.map((c) => c.id).filter((id) => id === afterId || toReview.has(id));
  const start = afterId === null ? 0 : ids.indexOf(afterId) + 1;
  for (let i = 0; i < ids.length; i += 1) {
    const id = ids[(start + i) % ids.length];
    if (id !== undefined && id !== afterId && toReview.has(id) && !decided.has(id)) return id;
  }
  return null;
}

/** A new submission moves to "in review" with the moderator's first decision; any other status stays as it is. */
export function statusAfterDecision(current: SubmissionStatus, decision: ModerationDecision | null): SubmissionStatus {
  return current === 'new' && decision !== null ? 'in-review' : current;
}

/** What the moderator may type for the random draw, checked. */
export interface DrawDraft {
  perStrand: string;
  seed: string;
}

export function drawProblems(draft: DrawDraft): Partial<Record<keyof DrawDraft, string>> {
  const problems: Partial<Record<keyof DrawDraft, string>> = {};
  const perStrand = Number(draft.perStrand);
  if (draft.perStrand.trim() === '' || !Number.isInteger(perStrand) || perStrand < 1) {
    problems.perStrand = 'Enter how many criteria to draw from each strand, as a whole number of 1 or more';
  } else if (perStrand > 50) problems.perStrand = 'Draw no more than 50 criteria from each strand';
  const seed = seedProblem(draft.seed);
  if (seed) problems.seed = seed;
  return problems;
}

/** What is wrong with a typed seed (empty is fine: a new one is made), or null. */
export function seedProblem(typed: string): string | null {
  const seed = typed.trim();
  if (seed.length > 200) return 'The seed must be 200 characters or fewer';
  if (seed !== '' && !/^[\x21-\x7e]+$/.test(seed)) return 'The seed can only have letters, digits and punctuation, with no spaces';
  return null;
}

/** The random draw a visit plan records: repeatable from its seed. */
export function drawnPlan(framework: AppliedFramework, perStrand: number, seed: string): Pick<VisitPlan, 'criterionIds' | 'method'> {
  return { criterionIds: sampleCriteria(framework, perStrand, seed), method: { kind: 'random', seed, perStrand } };
}

/** Whether a recorded random draw still gives exactly the criteria the plan holds (false once changed by hand). */
export function drawStillMatches(framework: AppliedFramework, plan: Pick<VisitPlan, 'criterionIds' | 'method'>): boolean {
  if (plan.method.kind !== 'random') return false;
  const again = sampleCriteria(framework, plan.method.perStrand, plan.method.seed);
  return again.length === plan.criterionIds.length && again.every((id, i) => plan.criterionIds[i] === id);
}

/** One action the school's plan gets from a report: a request for more evidence. */
export interface EvidenceRequestAction {
  criterionId: string;
  what: string;
  /** yyyy-mm-dd the evidence is due, or '' when the report gives no date. */
  byWhen: string;
}

/**
 * Each request for evidence of a report, as the action it becomes in the school's plan: a deferral's
 * dated requests, with their dates; otherwise (a report without them) each "more evidence needed"
 * decision, undated, as before.
 */
export function evidenceRequestActions(moderation: ModerationDocument): EvidenceRequestAction[] {
  const tidy = (text: string) => text.trim().replace(/\s+/g, ' ');
  const dated = moderation.outcome.evidenceRequests ?? [];
  if (dated.length > 0) {
    return dated.map((r) => ({
      criterionId: r.criterionId,
      what: `Send more evidence for ${r.criterionId}: ${tidy(r.what)}`,
      byWhen: r.dueOn,
    }));
  }
  return moderation.criteria
    .filter((c) => c.decision === 'more-evidence')
    .map((c) => {
      const comment = tidy(c.comment);
      return {
        criterionId: c.criterionId,
        what: comment ? `Send more evidence for ${c.criterionId}: ${comment}` : `Send more evidence for ${c.criterionId}`,
        byWhen: '',
      };
    });
}

/** The outcome form as typed: the outcome may not be chosen yet. */
export interface OutcomeForm extends Omit<OutcomeDraft, 'kind'> {
  kind: OutcomeKind | '';
}

/** Everything wrong with the outcome form, by field, in the order the form asks. */
export function outcomeFormProblems(
  form: OutcomeForm,
  computedLevelId: string | null,
  framework: AppliedFramework,
  context: OutcomeContext,
): OutcomeProblems {
  if (form.kind === '') {
    // Until an outcome is chosen, only what every outcome needs (feedback, the declaration) is checked besides.
    return {
      kind: 'Choose the outcome of the moderation',
      ...outcomeProblems({ ...form, kind: 'not-yet' }, computedLevelId, framework, context),
    };
  }
  return outcomeProblems({ ...form, kind: form.kind }, computedLevelId, framework, context);
}

/**
 * The outcome form as it opens: the outcome recorded before, when there is one (an outcome recorded
 * before the lists and the declaration opens with them empty, so the moderator fills them in);
 * otherwise empty, with the level the rules give and, for a deferral, one request for each
 * criterion the moderator asked more evidence for, with what was asked (the date left to choose).
 */
export function initialOutcomeForm(
  recorded: ModerationOutcome | null | undefined,
  moderations: readonly Pick<CriterionModeration, 'criterionId' | 'decision' | 'comment'>[],
  computedLevelId: string | null,
): OutcomeForm {
  const asked = moderations
    .filter((m) => m.decision === 'more-evidence')
    .map((m) => ({ criterionId: m.criterionId, what: m.comment.trim(), dueOn: '' }));
  return {
    kind: recorded?.kind ?? '',
    levelId: recorded?.levelId ?? computedLevelId,
    overrideReason: recorded?.overrideReason ?? '',
    feedback: recorded?.feedback ?? '',
    conditions: (recorded?.conditions ?? []).map((c) => ({ text: c.text, dueOn: c.dueOn })),
    resubmitBy: recorded?.resubmitBy ?? '',
    evidenceRequests: recorded?.evidenceRequests?.length
      ? recorded.evidenceRequests.map((r) => ({ criterionId: r.criterionId, what: r.what, dueOn: r.dueOn }))
      : asked,
    strengths: [...(recorded?.strengths ?? [])],
    areasForDevelopment: [...(recorded?.areasForDevelopment ?? [])],
    recommendations: [...(recorded?.recommendations ?? [])],
    conflictOfInterest: recorded?.conflictOfInterest?.kind ?? '',
    conflictText: recorded?.conflictOfInterest?.kind === 'declared' ? recorded.conflictOfInterest.text : '',
  };
}

const FIELD_RANK: readonly string[] = [
  'kind',
  'levelId',
  'overrideReason',
  'conditions',
  'resubmitBy',
  'evidenceRequests',
  'strengths',
  'areasForDevelopment',
  'recommendations',
  'feedback',
  'conflictOfInterest',
  'conflictText',
];
const PART_RANK: readonly string[] = ['', 'text', 'criterionId', 'what', 'dueOn'];

/** The problems in the order the form asks its questions, for the error summary. */
export function orderedOutcomeProblems(problems: OutcomeProblems): [OutcomeField, string][] {
  const rank = (field: string): number[] => {
    const [name = '', index, part = ''] = field.split('.');
    return [FIELD_RANK.indexOf(name), index === undefined ? -1 : Number(index), PART_RANK.indexOf(part)];
  };
  const entries = Object.entries(problems).filter((entry): entry is [OutcomeField, string] => typeof entry[1] === 'string');
  return entries.sort(([a], [b]) => {
    const [ra, rb] = [rank(a), rank(b)];
    for (let i = 0; i < ra.length; i += 1) if (ra[i] !== rb[i]) return (ra[i] ?? 0) - (rb[i] ?? 0);
    return 0;
  });
}

/** The appeal window that applies: the region's, or 28 days (the default of a region file without one) when the region is not known. */
export function appealWindowDaysFor(region: { moderation: { appealWindowDays: number } } | null | undefined): number {
  const days = region?.moderation.appealWindowDays;
  return typeof days === 'number' && Number.isInteger(days) && days > 0 ? days : 28;
}

/** The renewal period that applies: the region's, or three years (the usual period) when the region is not known. */
export function renewalYearsFor(region: { renewalYears: number } | null | undefined): number {
  return region && Number.isInteger(region.renewalYears) && region.renewalYears > 0 ? region.renewalYears : 3;
}
