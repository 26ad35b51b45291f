import { evaluateAwards, type AwardOutcome, type CriterionStanding } from '../awards/award-rules';
import { LONG_TEXT_MAX_CHARS, tooLongMessage } from '../formats/field-limits';
import type { AppliedFramework } from '../framework/applied-framework';
import { submissionApplicabilityProfile, type SubmissionDocument } from '../submission/submission-format';
import type { CriterionModeration, ModerationOutcome, OutcomeKind } from './moderation-records';

/**
 * The judgement that stands for each criterion after moderation:
 * - agreed, or not looked at individually (accepted on the desk review): the school's judgement;
 * - moderated: the moderator's judgement;
 * - more evidence needed: none yet, so the criterion counts as not met until the evidence comes;
 * - not met (a criterion the school did not judge), or a disputed "not applicable": none, so the
 *   criterion counts as not met.
 */
export function moderatedJudgements(document: SubmissionDocument, moderations: readonly CriterionModeration[]): Map<string, string | null> {
  const byCriterion = new Map(moderations.map((m) => [m.criterionId, m]));
  const out = new Map<string, string | null>();
  for (const response of document.responses) {
    const moderation = byCriterion.get(response.criterionId);
    if (moderation?.decision === 'moderated') out.set(response.criterionId, moderation.moderatedJudgement);
    else if (
      moderation?.decision === 'more-evidence' ||
      moderation?.decision === 'not-met' ||
      moderation?.decision === 'not-applicable-disputed'
    ) {
      out.set(response.criterionId, null);
    } else out.set(response.criterionId, response.judgement);
  }
  return out;
}

/**
 * The criteria whose "not applicable" claim the moderator does not accept: disputed, or any other
 * decision than agreeing (more evidence asked for, or a judgement of the moderator’s own; no decision yet leaves the claim standing), so the
 * criterion counts again, as not met until it is judged.
 */
export function disputedNotApplicable(document: SubmissionDocument, moderations: readonly CriterionModeration[]): Set<string> {
  const claimed = new Set(document.responses.filter((r) => r.notApplicable).map((r) => r.criterionId));
  return new Set(
    moderations.filter((m) => claimed.has(m.criterionId) && m.decision !== null && m.decision !== 'agree').map((m) => m.criterionId),
  );
}

/**
 * The award the framework's rules give from the moderated judgements, for the school's profile (in
 * the submission) and its "not applicable" claims the moderator has not disputed: the same rules,
 * and so the same award, as the school's dashboard and the submission PDF for an undisputed submission.
 */
export function moderatedAward(
  framework: AppliedFramework,
  document: SubmissionDocument,
  moderations: readonly CriterionModeration[],
): AwardOutcome {
  const judgements = moderatedJudgements(document, moderations);
  const standings = new Map<string, CriterionStanding>();
  for (const response of document.responses) {
    const judgement = judgements.get(response.criterionId) ?? null;
    const known = framework.scale.points.some((p) => p.id === judgement);
    standings.set(response.criterionId, {
      judgement: known ? judgement : null,
      evidenceCount: response.evidenceIds.length,
      notApplicable: response.notApplicable ?? null,
    });
  }
  return evaluateAwards(framework, standings, {
    profile: submissionApplicabilityProfile(document.school),
    disputedNotApplicable: disputedNotApplicable(document, moderations),
  });
}

/** yyyy-mm-dd, `years` after the decision date (29 February becomes 28 February). */
export function renewalDate(decidedOn: string, years: number): string {
  const [y, m, d] = decidedOn.slice(0, 10).split('-').map(Number);
  if (!y || !m || !d) return '';
  const date = new Date(Date.UTC(y + years, m - 1, d));
  if (date.getUTCMonth() !== m - 1) date.setUTCDate(0);
  return date.toISOString().slice(0, 10);
}

export interface OutcomeDraft {
  kind: OutcomeKind;
  levelId: string | null;
  overrideReason: string;
  feedback: string;
}

/** What is wrong with an outcome before it can be recorded, by field. */
export function outcomeProblems(
  draft: OutcomeDraft,
  computedLevelId: string | null,
  framework: AppliedFramework,
): Partial<Record<keyof OutcomeDraft, string>> {
  const problems: Partial<Record<keyof OutcomeDraft, string>> = {};
  if (draft.kind === 'accredited') {
    if (!draft.levelId) problems.levelId = 'Choose the level the school is accredited at';
    else if (!framework.levels.some((l) => l.id === draft.levelId)) problems.levelId = 'Choose a level of this framework';
    else if (draft.levelId !== computedLevelId && draft.overrideReason.trim() === '') {
      problems.overrideReason = 'Say why the level differs from the one the award rules give';
    }
  }
  if (draft.feedback.trim() === '') problems.feedback = 'Write the feedback for the school';
  const feedback = tooLongMessage('The feedback', draft.feedback, LONG_TEXT_MAX_CHARS);
  if (feedback) problems.feedback = feedback;
  // The reason is kept only when the level differs from the computed one: only then can it be too long.
  const reasonKept = draft.kind === 'accredited' && draft.levelId !== computedLevelId;
  const reason = problems.overrideReason || !reasonKept ? null : tooLongMessage('The reason', draft.overrideReason, LONG_TEXT_MAX_CHARS);
  if (reason) problems.overrideReason = reason;
  return problems;
}

export function decideOutcome(
  draft: OutcomeDraft,
  computedLevelId: string | null,
  submissionKey: string,
  decidedAt: string,
  renewalYears: number,
): ModerationOutcome {
  const accredited = draft.kind === 'accredited';
  return {
    submissionKey,
    kind: draft.kind,
    levelId: accredited ? draft.levelId : null,
    computedLevelId,
    overrideReason: accredited && draft.levelId !== computedLevelId ? draft.overrideReason.trim() : '',
    renewalDate: accredited ? renewalDate(decidedAt, renewalYears) : '',
    feedback: draft.feedback.trim(),
    decidedAt,
  };
}
