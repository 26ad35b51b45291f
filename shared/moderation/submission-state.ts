import { formatIsoDate } from '../formats/en-gb-dates';
import type { CriterionModeration, ModerationOutcome, OutcomeKind, SubmissionStatus, VisitPlan } from './moderation-records';

/**
 * Where a submission stands, derived from the moderator's records, so the queue, the report and
 * the school's view all say the same thing. The state is never stored: it is worked out from the
 * records and today's date each time, so a deferral lapses on its own when its date passes.
 *
 * The rules, in the order they are applied:
 * 1. An appeal lodged and not yet resolved: "appealed".
 * 2. An outcome recorded:
 *    - deferred, and the school has sent a later version: "decided" (deferred, resubmitted);
 *    - deferred, and the deadline (the resubmission date, or else the latest date an open request
 *      for evidence is due) has passed: "lapsed";
 *    - deferred otherwise: "awaiting evidence", due on that deadline;
 *    - an award with conditions: "decided", with how many conditions are open and the soonest due;
 *    - any other outcome: "decided", with the outcome.
 *    A deferral's own dated requests for evidence count with those made during the review.
 * 3. No outcome yet:
 *    - a request for evidence not yet received: "awaiting evidence", due on the earliest date of
 *      the open requests (and overdue once that date has passed: a request before the outcome
 *      never lapses the submission, the moderator decides what happens next);
 *    - a visit dated today or later: "visit planned";
 *    - a visit whose date has passed, or any decision on a criterion: "in review";
 *    - otherwise what was recorded by hand before these rules existed ("awaiting evidence" and
 *      "visit planned" without a date), or "new".
 */

/** The states, in the order the queue sorts them (the order of the statuses before them, then the two new ones). */
export const SUBMISSION_STATES = [
  { id: 'new', label: 'New' },
  { id: 'in-review', label: 'In review' },
  { id: 'awaiting-evidence', label: 'Awaiting evidence' },
  { id: 'visit-planned', label: 'Visit planned' },
  { id: 'decided', label: 'Decided' },
  { id: 'appealed', label: 'Appealed' },
  { id: 'lapsed', label: 'Lapsed' },
] as const;

export type SubmissionStateKind = (typeof SUBMISSION_STATES)[number]['id'];

export type SubmissionState =
  | { kind: 'new' }
  | {
      kind: 'in-review';
      /** How many criteria have a decision. */
      decided: number;
      /** yyyy-mm-dd of a visit that has taken place, or null. */
      visitedOn: string | null;
    }
  | { kind: 'visit-planned'; /** yyyy-mm-dd, or null when the plan has no date yet. */ visitDate: string | null }
  | {
      kind: 'awaiting-evidence';
      /** yyyy-mm-dd the evidence (or the resubmission) is due, or null when no date was set. */
      dueOn: string | null;
      overdue: boolean;
      /** 'requests': asked for during the review; 'deferral': the outcome was deferred. */
      because: 'requests' | 'deferral';
      /** Open requests for evidence. */
      openRequests: number;
    }
  | {
      kind: 'decided';
      /** null only for a submission marked decided by hand before outcomes were recorded. */
      outcome: OutcomeKind | null;
      levelId: string | null;
      /** yyyy-mm-dd, or '' when there is none. */
      renewalDate: string;
      /** The version the school sent after a deferral, or null. */
      resubmittedAs: number | null;
      /** yyyy-mm-dd an appeal was resolved, or null when there was none. */
      appealResolvedOn: string | null;
      /** Only for an award with conditions: how many are still open, and the soonest date one is due. */
      conditions?: ConditionsStanding;
    }
  | { kind: 'appealed'; lodgedOn: string; outcome: OutcomeKind | null }
  | { kind: 'lapsed'; /** yyyy-mm-dd the resubmission was due. */ dueOn: string };

/** The open conditions of an award with conditions. */
export interface ConditionsStanding {
  open: number;
  /** yyyy-mm-dd the soonest open condition is due, or null when none is open. */
  dueOn: string | null;
  overdue: boolean;
}

/**
 * The outcome as the state needs it. `resubmitBy` (yyyy-mm-dd) is the date a deferral must be
 * answered by; `evidenceRequests` are a deferral's dated requests, `conditions` an award's.
 */
export type OutcomeFacts = Pick<ModerationOutcome, 'kind' | 'levelId' | 'renewalDate'> & {
  resubmitBy?: string | null;
  evidenceRequests?: readonly { dueOn: string; receivedOn?: string | null }[];
  conditions?: readonly { dueOn: string; dischargedOn?: string | null }[];
};

/** A request for evidence: when it is due and, once it came, when. */
export interface EvidenceRequestFacts {
  /** yyyy-mm-dd, or '' when no date was set. */
  dueOn: string;
  /** yyyy-mm-dd the evidence was received, or null while it is still awaited. */
  receivedOn: string | null;
}

export interface AppealFacts {
  /** yyyy-mm-dd */
  lodgedOn: string;
  /** yyyy-mm-dd, or null while the appeal is open. */
  resolvedOn: string | null;
}

/** Everything the state is derived from. Records that do not exist yet are null or empty. */
export interface SubmissionFacts {
  /** The status stored on the submission (set by hand before these rules), read only as a last resort. */
  recordedStatus: SubmissionStatus;
  decisions: readonly Pick<CriterionModeration, 'decision'>[];
  visit: Pick<VisitPlan, 'visitDate'> | null;
  outcome: OutcomeFacts | null;
  requests: readonly EvidenceRequestFacts[];
  appeal: AppealFacts | null;
  /** The version of a later submission from the same school in the workspace, or null. */
  laterVersion: number | null;
  /** yyyy-mm-dd */
  today: string;
}

const isDay = (text: string | null | undefined): text is string => typeof text === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(text);

export function submissionState(facts: SubmissionFacts): SubmissionState {
  const { outcome, appeal, today } = facts;
  if (appeal && appeal.resolvedOn === null) return { kind: 'appealed', lodgedOn: appeal.lodgedOn, outcome: outcome?.kind ?? null };
  // A deferral's own requests count with those made during the review.
  const deferralRequests = outcome?.kind === 'deferred' ? (outcome.evidenceRequests ?? []) : [];
  const open = [...facts.requests, ...deferralRequests.map((r) => ({ dueOn: r.dueOn, receivedOn: r.receivedOn ?? null }))].filter(
    (r) => r.receivedOn === null,
  );
  const openDates = open
    .map((r) => r.dueOn)
    .filter(isDay)
    .sort();

  if (outcome) {
    if (outcome.kind === 'deferred' && facts.laterVersion === null) {
      const deadline = isDay(outcome.resubmitBy) ? outcome.resubmitBy : (openDates[openDates.length - 1] ?? null);
      if (deadline !== null && today > deadline) return { kind: 'lapsed', dueOn: deadline };
      return { kind: 'awaiting-evidence', dueOn: deadline, overdue: false, because: 'deferral', openRequests: open.length };
    }
    return {
      kind: 'decided',
      outcome: outcome.kind,
      levelId: outcome.levelId,
      renewalDate: outcome.renewalDate,
      resubmittedAs: outcome.kind === 'deferred' ? facts.laterVersion : null,
      appealResolvedOn: appeal?.resolvedOn ?? null,
      ...(outcome.kind === 'accredited-with-conditions' ? { conditions: conditionsStanding(outcome.conditions ?? [], today) } : {}),
    };
  }

  if (open.length > 0) {
    const dueOn = openDates[0] ?? null;
    return { kind: 'awaiting-evidence', dueOn, overdue: dueOn !== null && today > dueOn, because: 'requests', openRequests: open.length };
  }
  const visitDate = facts.visit && isDay(facts.visit.visitDate) ? facts.visit.visitDate : null;
  if (visitDate !== null && visitDate >= today) return { kind: 'visit-planned', visitDate };
  const decided = facts.decisions.filter((d) => d.decision !== null).length;
  if (visitDate !== null || decided > 0) return { kind: 'in-review', decided, visitedOn: visitDate };
  return fromRecordedStatus(facts.recordedStatus);
}

function conditionsStanding(conditions: NonNullable<OutcomeFacts['conditions']>, today: string): ConditionsStanding {
  const open = conditions.filter((c) => !c.dischargedOn);
  const dueOn =
    open
      .map((c) => c.dueOn)
      .filter(isDay)
      .sort()[0] ?? null;
  return { open: open.length, dueOn, overdue: dueOn !== null && today > dueOn };
}

/**
 * What a status set by hand (before the state was derived) reads as, when no record says more.
 * "Decided" without an outcome record cannot say which outcome, so it says none.
 */
export function fromRecordedStatus(status: SubmissionStatus): SubmissionState {
  switch (status) {
    case 'new':
      return { kind: 'new' };
    case 'in-review':
      return { kind: 'in-review', decided: 0, visitedOn: null };
    case 'visit-planned':
      return { kind: 'visit-planned', visitDate: null };
    case 'awaiting-evidence':
      return { kind: 'awaiting-evidence', dueOn: null, overdue: false, because: 'requests', openRequests: 0 };
    case 'decided':
      return { kind: 'decided', outcome: null, levelId: null, renewalDate: '', resubmittedAs: null, appealResolvedOn: null };
  }
}

const OUTCOME_WORDS: Record<OutcomeKind, string> = {
  accredited: 'accredited',
  'accredited-with-conditions': 'accredited with conditions',
  'not-yet': 'not accredited',
  deferred: 'deferred',
};

/** The short label a queue or a dashboard shows, e.g. "Awaiting evidence, due 24 November 2026". */
export function submissionStateLabel(state: SubmissionState): string {
  switch (state.kind) {
    case 'new':
      return 'New';
    case 'in-review':
      return 'In review';
    case 'visit-planned':
      return state.visitDate ? `Visit planned, ${formatIsoDate(state.visitDate)}` : 'Visit planned';
    case 'awaiting-evidence':
      if (state.dueOn === null) return 'Awaiting evidence';
      return state.overdue
        ? `Awaiting evidence, overdue since ${formatIsoDate(state.dueOn)}`
        : `Awaiting evidence, due ${formatIsoDate(state.dueOn)}`;
    case 'decided':
      if (state.conditions && state.conditions.open > 0 && state.conditions.dueOn !== null) {
        return state.conditions.overdue
          ? `Decided: accredited with conditions, overdue since ${formatIsoDate(state.conditions.dueOn)}`
          : `Decided: accredited with conditions, next due ${formatIsoDate(state.conditions.dueOn)}`;
      }
      // An award whose every condition is discharged stands as a plain award: the conditions were met.
      if (state.conditions && state.conditions.open === 0) return 'Decided: accredited, conditions met';
      return state.outcome ? `Decided: ${OUTCOME_WORDS[state.outcome]}` : 'Decided';
    case 'appealed':
      return 'Appealed';
    case 'lapsed':
      return 'Lapsed';
  }
}

/**
 * One or two sentences on where the submission stands and what happens next. `levelLabel` names
 * an award level (the framework's words for it).
 */
export function submissionStateExplanation(state: SubmissionState, levelLabel: (levelId: string) => string = (id) => id): string {
  switch (state.kind) {
    case 'new':
      return 'Imported and not yet reviewed. Open it to start the desk review.';
    case 'in-review':
      return state.visitedOn
        ? `The visit took place on ${formatIsoDate(state.visitedOn)}. The outcome is still to be recorded.`
        : `The desk review is under way: ${state.decided} ${state.decided === 1 ? 'criterion has' : 'criteria have'} a decision so far.`;
    case 'visit-planned':
      return state.visitDate
        ? `A visit to the school is planned for ${formatIsoDate(state.visitDate)}.`
        : 'A visit to the school is planned but has no date yet. Set the date in the visit plan.';
    case 'awaiting-evidence': {
      const what =
        state.because === 'deferral'
          ? 'The outcome was deferred: the school is to send more evidence and resubmit'
          : `The school has been asked for more evidence${state.openRequests > 0 ? ` (${state.openRequests} ${state.openRequests === 1 ? 'request' : 'requests'} open)` : ''}`;
      if (state.dueOn === null) return `${what}. No date has been set: set the date it is due.`;
      if (state.overdue)
        return `${what}. It was due on ${formatIsoDate(state.dueOn)} and has not all arrived: contact the school or record the outcome.`;
      return `${what} by ${formatIsoDate(state.dueOn)}.`;
    }
    case 'decided': {
      const accredited = `Accredited${state.levelId ? ` at ${levelLabel(state.levelId)}` : ''}`;
      const renewal = state.renewalDate ? `, to be renewed by ${formatIsoDate(state.renewalDate)}` : '';
      const outcome =
        state.outcome === null
          ? 'The outcome was recorded before outcomes were kept in detail.'
          : state.outcome === 'accredited'
            ? `${accredited}${renewal}.`
            : state.outcome === 'accredited-with-conditions'
              ? state.conditions && state.conditions.open === 0
                ? `${accredited}${renewal}. Every condition of the award has been met.`
                : `${accredited} with conditions${renewal}. ${conditionsSentence(state.conditions)}`
              : state.outcome === 'deferred'
                ? `Deferred${state.resubmittedAs !== null ? `; the school has since sent version ${state.resubmittedAs}` : ''}.`
                : 'Not accredited.';
      return state.appealResolvedOn ? `${outcome} An appeal was resolved on ${formatIsoDate(state.appealResolvedOn)}.` : outcome;
    }
    case 'appealed':
      return `The school lodged an appeal on ${formatIsoDate(state.lodgedOn)}. It is open until it is resolved.`;
    case 'lapsed':
      return `The outcome was deferred and the school did not resubmit by ${formatIsoDate(state.dueOn)}, so the submission has lapsed. The school can apply again with a new submission.`;
  }
}

function conditionsSentence(conditions: ConditionsStanding | undefined): string {
  if (!conditions || conditions.open === 0) return 'Every condition has been met.';
  const count = `${conditions.open} ${conditions.open === 1 ? 'condition is' : 'conditions are'} still open`;
  if (conditions.dueOn === null) return `${count}.`;
  return conditions.overdue
    ? `${count}; the first was due on ${formatIsoDate(conditions.dueOn)}: contact the school.`
    : `${count}; the next is due by ${formatIsoDate(conditions.dueOn)}.`;
}

/** The records of a workspace the queue derives every submission's state from. */
export interface WorkspaceRecords {
  submissions: readonly { key: string; urn: string; version: number; exportedAt: string; status: SubmissionStatus }[];
  decisions: readonly Pick<CriterionModeration, 'submissionKey' | 'decision'>[];
  visits: readonly Pick<VisitPlan, 'submissionKey' | 'visitDate'>[];
  outcomes: readonly (OutcomeFacts & { submissionKey: string })[];
  requests: readonly (EvidenceRequestFacts & { submissionKey: string })[];
  appeals: readonly (AppealFacts & { submissionKey: string })[];
}

/**
 * The state of every submission of a workspace, by key. A later version is one from the same
 * school (URN) with a higher version number.
 */
export function workspaceStates(records: WorkspaceRecords, today: string): Map<string, SubmissionState> {
  // Grouped by appending in place: a workspace may hold a decision on every criterion of every submission.
  const group = <T extends { submissionKey: string }>(list: readonly T[]) => {
    const out = new Map<string, T[]>();
    for (const item of list) {
      const found = out.get(item.submissionKey);
      if (found) found.push(item);
      else out.set(item.submissionKey, [item]);
    }
    return out;
  };
  const decisions = group(records.decisions);
  const requests = group(records.requests);
  const visits = new Map(records.visits.map((v) => [v.submissionKey, v]));
  const outcomes = new Map(records.outcomes.map((o) => [o.submissionKey, o]));
  const appeals = new Map(records.appeals.map((a) => [a.submissionKey, a]));
  const versionsByUrn = new Map<string, number[]>();
  for (const s of records.submissions) {
    const versions = versionsByUrn.get(s.urn);
    if (versions) versions.push(s.version);
    else versionsByUrn.set(s.urn, [s.version]);
  }
  const states = new Map<string, SubmissionState>();
  for (const submission of records.submissions) {
    const later = (versionsByUrn.get(submission.urn) ?? []).filter((v) => v > submission.version).sort((a, b) => a - b)[0];
    states.set(
      submission.key,
      submissionState({
        recordedStatus: submission.status,
        decisions: decisions.get(submission.key) ?? [],
        visit: visits.get(submission.key) ?? null,
        outcome: outcomes.get(submission.key) ?? null,
        requests: requests.get(submission.key) ?? [],
        appeal: appeals.get(submission.key) ?? null,
        laterVersion: later ?? null,
        today,
      }),
    );
  }
  return states;
}
