import { evaluateAwards, type AwardOutcome, type CriterionStanding } from '../awards/award-rules';
import { isRealDate } from '../actions/action-plan';
import { LIST_MAX_ITEMS, LONG_TEXT_MAX_CHARS, OUTCOME_LIST_MAX_ITEMS, tooLongMessage } from '../formats/field-limits';
import type { AppliedFramework } from '../framework/applied-framework';
import { submissionApplicabilityProfile, type SubmissionDocument } from '../submission/submission-format';
import {
  isAccreditation,
  type ConflictOfInterest,
  type CriterionModeration,
  type ModerationOutcome,
  type OutcomeKind,
} from './moderation-records';
import { formatCount } from '../formats/en-gb-counts';

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

/** The outcome form's data: lists as typed, dates as yyyy-mm-dd ('' when not given). */
export interface OutcomeDraft {
  kind: OutcomeKind;
  levelId: string | null;
  overrideReason: string;
  /** The overall summary for the school. */
  feedback: string;
  /** Only for an award with conditions. */
  conditions: { text: string; dueOn: string }[];
  /** Only for a deferral: the date the school must resubmit by. */
  resubmitBy: string;
  /** Only for a deferral. */
  evidenceRequests: { criterionId: string; what: string; dueOn: string }[];
  strengths: string[];
  areasForDevelopment: string[];
  recommendations: string[];
  /** '' until the moderator has declared. */
  conflictOfInterest: ConflictOfInterest['kind'] | '';
  /** The conflict declared, when there is one. */
  conflictText: string;
}

/** The feedback lists of an outcome, in the order the form and the report give them. */
export const FEEDBACK_LISTS = [
  { field: 'strengths', label: 'Strengths', item: 'Strength' },
  { field: 'areasForDevelopment', label: 'Areas for development', item: 'Area for development' },
  { field: 'recommendations', label: 'Recommendations', item: 'Recommendation' },
] as const;

export type FeedbackListField = (typeof FEEDBACK_LISTS)[number]['field'];

/** A field of the form, or one item of a list ("conditions.0.dueOn", "strengths.2"). */
export type OutcomeField =
  | keyof OutcomeDraft
  | `conditions.${number}.${'text' | 'dueOn'}`
  | `evidenceRequests.${number}.${'criterionId' | 'what' | 'dueOn'}`
  | `${FeedbackListField}.${number}`;

export type OutcomeProblems = Partial<Record<OutcomeField, string>>;

/** The facts outside the form its rules need. */
export interface OutcomeContext {
  /** yyyy-mm-dd: the day the outcome is decided. No date the school is given may be before it. */
  today: string;
}

/** yyyy-mm-dd, `days` after `day`. */
export function addDays(day: string, days: number): string {
  const [y, m, d] = day.slice(0, 10).split('-').map(Number);
  if (!y || !m || !d) return '';
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The last day the school can appeal: the region's window counted from the day of the decision. */
export function appealByDate(decidedAt: string, appealWindowDays: number): string {
  return addDays(decidedAt, appealWindowDays);
}

/** What is wrong with a date the school is given, or null. `what` names it as a sentence would. */
function dueDateProblem(what: string, day: string, today: string, latest?: { day: string; name: string }): string | null {
  if (day.trim() === '') return `Give ${what}`;
  if (!isRealDate(day)) return `${capitalise(what)} is not a real date: enter it as day, month and year, for example 31 March 2027`;
  if (day < today) return `${capitalise(what)} is before today: the school needs time, so choose today or a later date`;
  if (latest && isRealDate(latest.day) && day > latest.day)
    return `${capitalise(what)} is after ${latest.name}: choose that date or an earlier one`;
  return null;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** What is wrong with an outcome before it can be recorded, by field (and by item of a list). */
export function outcomeProblems(
  draft: OutcomeDraft,
  computedLevelId: string | null,
  framework: AppliedFramework,
  context: OutcomeContext,
): OutcomeProblems {
  const problems: OutcomeProblems = {};
  const accredits = isAccreditation(draft.kind);
  if (accredits) {
    if (!draft.levelId) problems.levelId = 'Choose the level the school is accredited at';
    else if (!framework.levels.some((l) => l.id === draft.levelId)) problems.levelId = 'Choose a level of this framework';
    else if (draft.levelId !== computedLevelId && draft.overrideReason.trim() === '') {
      problems.overrideReason = 'Say why the level differs from the one the award rules give';
    }
  }
  if (draft.kind === 'accredited-with-conditions') conditionProblems(draft, context, problems);
  if (draft.kind === 'deferred') deferralProblems(draft, framework, context, problems);

  if (draft.feedback.trim() === '') problems.feedback = 'Write the feedback for the school';
  const feedback = tooLongMessage('The feedback', draft.feedback, LONG_TEXT_MAX_CHARS);
  if (feedback) problems.feedback = feedback;
  // The reason is kept only when the level differs from the computed one: only then can it be too long.
  const reasonKept = accredits && draft.levelId !== computedLevelId;
  const reason = problems.overrideReason || !reasonKept ? null : tooLongMessage('The reason', draft.overrideReason, LONG_TEXT_MAX_CHARS);
  if (reason) problems.overrideReason = reason;

  for (const list of FEEDBACK_LISTS) {
    const items = draft[list.field];
    items.forEach((item, i) => {
      if (item.trim() === '') problems[`${list.field}.${i}`] = `${list.item} ${i + 1} is empty: write it or remove it`;
      else {
        const long = tooLongMessage(`${list.item} ${i + 1}`, item, LONG_TEXT_MAX_CHARS);
        if (long) problems[`${list.field}.${i}`] = long;
      }
    });
    if (items.length > OUTCOME_LIST_MAX_ITEMS) {
      problems[list.field] =
        `${list.label} can have at most ${OUTCOME_LIST_MAX_ITEMS} points; join or remove ${items.length - OUTCOME_LIST_MAX_ITEMS}`;
    }
  }
  if (draft.strengths.length === 0) problems.strengths = 'Name at least one strength of the school’s SEN provision';
  if (draft.areasForDevelopment.length === 0) {
    problems.areasForDevelopment = 'Name at least one area for development, so the school knows what to work on next';
  }

  if (draft.conflictOfInterest === '') {
    problems.conflictOfInterest = 'Declare whether you have a conflict of interest with this school before you record the outcome';
  } else if (draft.conflictOfInterest === 'declared') {
    if (draft.conflictText.trim() === '') problems.conflictText = 'Describe the conflict of interest: your link with the school';
    else {
      const long = tooLongMessage('The declaration', draft.conflictText, LONG_TEXT_MAX_CHARS);
      if (long) problems.conflictText = long;
    }
  }
  return problems;
}

function conditionProblems(draft: OutcomeDraft, context: OutcomeContext, problems: OutcomeProblems): void {
  if (draft.conditions.length === 0) {
    problems.conditions = 'Add at least one condition, or choose “Accredited” if the award has none';
    return;
  }
  if (draft.conditions.length > OUTCOME_LIST_MAX_ITEMS) {
    problems.conditions = `An award can have at most ${OUTCOME_LIST_MAX_ITEMS} conditions; join or remove ${draft.conditions.length - OUTCOME_LIST_MAX_ITEMS}`;
  }
  draft.conditions.forEach((condition, i) => {
    const text =
      condition.text.trim() === ''
        ? `Say what condition ${i + 1} asks the school to do`
        : tooLongMessage(`Condition ${i + 1}`, condition.text, LONG_TEXT_MAX_CHARS);
    if (text) problems[`conditions.${i}.text`] = text;
    const due = dueDateProblem(`the date condition ${i + 1} is due`, condition.dueOn, context.today);
    if (due) problems[`conditions.${i}.dueOn`] = due;
  });
}

function deferralProblems(draft: OutcomeDraft, framework: AppliedFramework, context: OutcomeContext, problems: OutcomeProblems): void {
  const resubmit = dueDateProblem('the date the school must resubmit by', draft.resubmitBy, context.today);
  if (resubmit) problems.resubmitBy = resubmit;
  if (draft.evidenceRequests.length === 0) {
    problems.evidenceRequests = 'Add at least one request for evidence, so the school knows what to send';
    return;
  }
  if (draft.evidenceRequests.length > LIST_MAX_ITEMS) {
    problems.evidenceRequests = `A deferral can have at most ${formatCount(LIST_MAX_ITEMS)} requests for evidence`;
  }
  const seen = new Set<string>();
  draft.evidenceRequests.forEach((request, i) => {
    if (request.criterionId === '') problems[`evidenceRequests.${i}.criterionId`] = `Choose the criterion request ${i + 1} is about`;
    else if (!framework.criterionById.has(request.criterionId)) {
      problems[`evidenceRequests.${i}.criterionId`] =
        `Request ${i + 1} names ${request.criterionId}, which is not a criterion of this framework`;
    } else if (seen.has(request.criterionId)) {
      problems[`evidenceRequests.${i}.criterionId`] =
        `Request ${i + 1} is about ${request.criterionId} again: put everything asked for it in one request`;
    }
    seen.add(request.criterionId);
    const what =
      request.what.trim() === ''
        ? `Say what evidence request ${i + 1} asks for`
        : tooLongMessage(`Request ${i + 1}`, request.what, LONG_TEXT_MAX_CHARS);
    if (what) problems[`evidenceRequests.${i}.what`] = what;
    const due = dueDateProblem(`the date request ${i + 1} is due`, request.dueOn, context.today, {
      day: draft.resubmitBy,
      name: 'the resubmission date',
    });
    if (due) problems[`evidenceRequests.${i}.dueOn`] = due;
  });
}

/** The facts of the region the outcome needs: its renewal period and its appeal window. */
export interface OutcomeRegionRules {
  renewalYears: number;
  appealWindowDays: number;
}

/**
 * The outcome record from a draft that has no problems: only the fields its kind has (a level and a
 * renewal date for an award, conditions for an award with conditions, the resubmission date and the
 * requests for a deferral), texts trimmed, and the appeal date from the region's window.
 */
export function decideOutcome(
  draft: OutcomeDraft,
  computedLevelId: string | null,
  submissionKey: string,
  decidedAt: string,
  rules: OutcomeRegionRules,
): ModerationOutcome {
  const accredits = isAccreditation(draft.kind);
  const list = (items: readonly string[]) => items.map((item) => item.trim()).filter((item) => item !== '');
  return {
    submissionKey,
    kind: draft.kind,
    levelId: accredits ? draft.levelId : null,
    computedLevelId,
    overrideReason: accredits && draft.levelId !== computedLevelId ? draft.overrideReason.trim() : '',
    renewalDate: accredits ? renewalDate(decidedAt, rules.renewalYears) : '',
    resubmitBy: draft.kind === 'deferred' ? draft.resubmitBy : null,
    feedback: draft.feedback.trim(),
    decidedAt,
    conditions:
      draft.kind === 'accredited-with-conditions'
        ? draft.conditions.map((c) => ({ text: c.text.trim(), dueOn: c.dueOn, dischargedOn: null }))
        : [],
    evidenceRequests:
      draft.kind === 'deferred'
        ? draft.evidenceRequests.map((r) => ({ criterionId: r.criterionId, what: r.what.trim(), dueOn: r.dueOn, receivedOn: null }))
        : [],
    strengths: list(draft.strengths),
    areasForDevelopment: list(draft.areasForDevelopment),
    recommendations: list(draft.recommendations),
    conflictOfInterest: draft.conflictOfInterest === 'declared' ? { kind: 'declared', text: draft.conflictText.trim() } : { kind: 'none' },
    appealBy: appealByDate(decidedAt, rules.appealWindowDays),
  };
}

/**
 * Why a report cannot be made from these records yet, in words for the moderator, or null. An outcome
 * recorded before outcomes carried the moderator's declaration of interests, the appeal date and
 * the feedback lists is recorded again first, so every new report has them.
 */
export function moderationReportProblem(input: { outcome: ModerationOutcome }): string | null {
  const { outcome } = input;
  if (!outcome.conflictOfInterest) {
    return 'Declare whether you have a conflict of interest with this school, then record the outcome again before you sign the report.';
  }
  if (!outcome.appealBy) return 'The outcome has no date the school can appeal by. Record the outcome again before you sign the report.';
  if (!outcome.strengths?.length || !outcome.areasForDevelopment?.length) {
    return 'The outcome has no strengths or areas for development for the school. Add them and record the outcome again before you sign the report.';
  }
  if (outcome.kind === 'accredited-with-conditions' && !outcome.conditions?.length) {
    return 'An award with conditions needs at least one dated condition. Add it and record the outcome again before you sign the report.';
  }
  if (outcome.kind === 'deferred' && (!outcome.resubmitBy || !outcome.evidenceRequests?.length)) {
    return 'A deferral needs the date the school must resubmit by and at least one dated request for evidence. Add them and record the outcome again before you sign the report.';
  }
  return null;
}
