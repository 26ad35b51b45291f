import type { ModerationCriterion, ModerationDocument } from './moderation-format';
import { outcomeHeadline, type OutcomeKind } from './moderation-records';
import { submissionState, submissionStateLabel, type SubmissionState } from './submission-state';

/**
 * What a school sees of its moderation outside the report page: on its dashboard, the outcome of
 * the report about its latest submission with every date it must meet, soonest first and overdue
 * ones marked; on a criterion's screen, the moderator's decision on that criterion in its words.
 * Pure: the records and today's date in, what to show out.
 */

/** The fields of a received report this needs. */
export interface ReportForStanding {
  id: string;
  submissionId: string;
  importedAt: string;
  document: ModerationDocument;
}

/**
 * The report about the evaluation's latest submission (the highest version), or null when that
 * submission has no report yet: a report on an earlier version no longer says where the school
 * stands once it has sent a later one. Two reports on the same submission (a report re-issued):
 * the one the moderator made last, then the one imported last.
 */
export function latestSubmissionReport<R extends ReportForStanding>(
  submissions: readonly { id: string; version: number }[],
  reports: readonly R[],
): R | null {
  const latest = [...submissions].sort((a, b) => b.version - a.version)[0];
  if (!latest) return null;
  const about = reports
    .filter((r) => r.submissionId === latest.id)
    .sort((a, b) => compareText(b.document.createdAt, a.document.createdAt) || compareText(b.importedAt, a.importedAt));
  return about[0] ?? null;
}

/** A dated thing the school must do: `overdue` once the day has passed (the day itself is not late). */
export interface StandingDate {
  /** yyyy-mm-dd, or '' when the moderator set no date. */
  dueOn: string;
  overdue: boolean;
}

export interface StandingCondition extends StandingDate {
  text: string;
  /** yyyy-mm-dd the condition was discharged (by a signed follow-up), or null while it is still due. */
  dischargedOn: string | null;
}

export interface StandingRequest extends StandingDate {
  criterionId: string;
  /** What to send, in the moderator's words (never empty). */
  what: string;
}

export interface SchoolStanding {
  reportId: string;
  /** The submission version the report moderates. */
  version: number;
  kind: OutcomeKind;
  /** "Accredited at Established, with conditions", "Deferred", … */
  headline: string;
  /** The level's name when a level was awarded, else null. */
  levelLabel: string | null;
  /** The same state the moderator's queue shows, as of today. */
  state: SubmissionState;
  /** e.g. "Decided: accredited with conditions, next due 31 March 2027". */
  stateLabel: string;
  /** yyyy-mm-dd the outcome was decided. */
  decidedOn: string;
  /** yyyy-mm-dd, or '' when there is none. */
  renewalDate: string;
  /** Soonest first. */
  conditions: StandingCondition[];
  /** Soonest first; undated ones last, in the report's order. */
  requests: StandingRequest[];
  resubmitBy: StandingDate | null;
  /** `overdue` here means the time to appeal has ended. */
  appealBy: StandingDate | null;
  /** How many conditions, requests and the resubmission are past their date. */
  overdueCount: number;
}

const isDay = (text: string | null | undefined): text is string => typeof text === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(text);

function dated(dueOn: string | null | undefined, today: string): StandingDate {
  const day = isDay(dueOn) ? dueOn : '';
  return { dueOn: day, overdue: day !== '' && today > day };
}

/** Soonest first, undated last; the sort is stable, so equal dates keep the report's order. */
function bySoonest<T extends StandingDate>(items: T[]): T[] {
  return [...items].sort((a, b) => {
    if (a.dueOn === b.dueOn) return 0;
    if (a.dueOn === '') return 1;
    if (b.dueOn === '') return -1;
    return a.dueOn < b.dueOn ? -1 : 1;
  });
}

/**
 * Where the school stands after a report, as of `today` (yyyy-mm-dd). A deferral's dated requests
 * for evidence are the requests; a report without them asks, undated, for each criterion the
 * moderator marked "more evidence needed", as the report page does.
 */
export function schoolStanding(
  report: Pick<ReportForStanding, 'id' | 'document'>,
  today: string,
  /** The appeal the school lodged against this report, if any (the report's appeal result resolves it). */
  lodgedAppeal: { lodgedOn: string } | null = null,
): SchoolStanding {
  const { document } = report;
  const { outcome } = document;
  // A discharged condition is never overdue; open ones come first, soonest first, then the discharged.
  const conditions = bySoonest(
    (outcome.conditions ?? []).map((c) => ({
      text: c.text,
      ...dated(c.dueOn, today),
      ...(c.dischargedOn ? { overdue: false } : {}),
      dischargedOn: c.dischargedOn ?? null,
    })),
  ).sort((a, b) => Number(a.dischargedOn !== null) - Number(b.dischargedOn !== null));
  const datedRequests = outcome.evidenceRequests ?? [];
  const requests = bySoonest(
    datedRequests.length > 0
      ? datedRequests.map((r) => ({ criterionId: r.criterionId, what: r.what.trim() || FALLBACK_REQUEST, ...dated(r.dueOn, today) }))
      : document.criteria
          .filter((c) => c.decision === 'more-evidence')
          .map((c) => ({ criterionId: c.criterionId, what: c.comment.trim() || FALLBACK_REQUEST, dueOn: '', overdue: false })),
  );
  const resubmitBy = isDay(outcome.resubmitBy) ? dated(outcome.resubmitBy, today) : null;
  const appealBy = isDay(outcome.appealBy) ? dated(outcome.appealBy, today) : null;
  const state = submissionState({
    recordedStatus: 'decided',
    decisions: document.criteria,
    visit: null,
    outcome: {
      kind: outcome.kind,
      levelId: outcome.levelId,
      renewalDate: outcome.renewalDate,
      resubmitBy: outcome.resubmitBy ?? null,
      evidenceRequests: datedRequests,
      conditions: outcome.conditions ?? [],
    },
    requests: [],
    appeal: outcome.appealResult
      ? { lodgedOn: outcome.appealResult.lodgedOn, resolvedOn: outcome.appealResult.decidedOn }
      : lodgedAppeal
        ? { lodgedOn: lodgedAppeal.lodgedOn, resolvedOn: null }
        : null,
    laterVersion: null,
    today,
  });
  const awarded = outcome.kind === 'accredited' || outcome.kind === 'accredited-with-conditions';
  return {
    reportId: report.id,
    version: document.submission.version,
    kind: outcome.kind,
    headline: outcomeHeadline(outcome.kind, outcome.levelLabel),
    levelLabel: awarded && outcome.levelLabel ? outcome.levelLabel : null,
    state,
    stateLabel: submissionStateLabel(state),
    decidedOn: outcome.decidedAt.slice(0, 10),
    renewalDate: isDay(outcome.renewalDate) ? outcome.renewalDate : '',
    conditions,
    requests,
    resubmitBy,
    appealBy,
    overdueCount: [...conditions, ...requests, ...(resubmitBy ? [resubmitBy] : [])].filter((d) => d.overdue).length,
  };
}

const FALLBACK_REQUEST = 'Please send further evidence.';

/** The moderator's decision on one criterion, as the school reads it on that criterion's screen. */
export interface SchoolCriterionDecision {
  reportId: string;
  version: number;
  /** "Agreed", "Moderated to Secure", "More evidence needed", "Not met", "“Not applicable” disputed: it applies". */
  decision: string;
  /** The moderator's comment, or '' when there is none. */
  comment: string;
  /** The dated request for evidence on this criterion, when the outcome made one. */
  request: StandingRequest | null;
  /** The earlier version the decision was carried over from, or null. */
  carriedFromVersion: number | null;
}

/**
 * The decision on `criterionId` in the report, or null when the report has no decision on it (not
 * in the report, or left undecided). `pointLabel` names a point of the framework's scale, or
 * null when the framework has no such point.
 */
export function criterionDecisionForSchool(
  report: Pick<ReportForStanding, 'id' | 'document'>,
  criterionId: string,
  pointLabel: (pointId: string) => string | null,
  today: string,
): SchoolCriterionDecision | null {
  const criterion = report.document.criteria.find((c) => c.criterionId === criterionId);
  if (!criterion || criterion.decision === null) return null;
  const request = (report.document.outcome.evidenceRequests ?? []).find((r) => r.criterionId === criterionId);
  return {
    reportId: report.id,
    version: report.document.submission.version,
    decision: decisionWords(criterion, pointLabel),
    comment: criterion.comment.trim(),
    request: request
      ? { criterionId, what: request.what.trim() || FALLBACK_REQUEST, ...dated(request.dueOn, today) }
      : criterion.decision === 'more-evidence'
        ? { criterionId, what: criterion.comment.trim() || FALLBACK_REQUEST, dueOn: '', overdue: false }
        : null,
    carriedFromVersion: criterion.carriedFromVersion ?? null,
  };
}

function decisionWords(criterion: ModerationCriterion, pointLabel: (pointId: string) => string | null): string {
  switch (criterion.decision) {
    case 'agree':
      return 'Agreed';
    case 'moderated': {
      const label = criterion.moderatedJudgement === null ? null : pointLabel(criterion.moderatedJudgement);
      return label ? `Moderated to ${label}` : 'Moderated to a different judgement';
    }
    case 'more-evidence':
      return 'More evidence needed';
    case 'not-met':
      return 'Not met';
    case 'not-applicable-disputed':
      return '“Not applicable” disputed: the moderator judged that this criterion applies';
    case null:
      return 'No decision';
  }
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
