import type { SubmissionDocument } from '../submission/submission-format';
import { criterionModerationKey, type CarryOverRecord, type CriterionModeration } from './moderation-records';
import { diffSubmissions, type CriterionChange } from './version-diff';

/**
 * When a school sends a later version of its submission, the moderator's decisions on the earlier
 * version carry over for every criterion the school left as it was: the same judgement, narrative,
 * not-applicable claim and evidence (files compared by SHA-256, see version-diff.ts). A change to
 * the next steps alone does not stop a decision carrying over: the moderator judges the criterion
 * on what is claimed and shown, not on what the school plans next.
 */

export interface VersionOfSubmission {
  submissionKey: string;
  document: SubmissionDocument;
}

export interface CarryOverInput {
  previous: VersionOfSubmission;
  next: VersionOfSubmission;
  /** The moderator's decisions on the earlier version. */
  previousDecisions: readonly CriterionModeration[];
  /** Decisions already made on the later version: never replaced. */
  nextDecisions: readonly CriterionModeration[];
  /** When the carried decisions are written (ISO). */
  at: string;
}

export type CarryOver =
  | { kind: 'refused'; message: string }
  | {
      kind: 'carried';
      /** The decisions to store for the later version, each marked with where it came from. */
      carried: CriterionModeration[];
      /** Criteria whose judgement, narrative, not-applicable claim or evidence changed (or that are new), in framework order. */
      changed: string[];
      /** Every criterion of the later version, the changed ones first, then the rest, each part in framework order. */
      order: string[];
      summary: string;
    };

/** Whether a change means the criterion must be looked at again (a change to the next steps alone does not). */
export function needsReview(change: CriterionChange): boolean {
  return (
    change.judgement !== null ||
    change.narrativeChanged ||
    change.notApplicableChanged === true ||
    change.evidenceAdded.length > 0 ||
    change.evidenceRemoved.length > 0
  );
}

export function carryOverDecisions(input: CarryOverInput): CarryOver {
  const before = input.previous.document;
  const after = input.next.document;
  if (before.school.urn !== after.school.urn) {
    return {
      kind: 'refused',
      message: `Version ${after.version} is from another school (URN ${after.school.urn}, not ${before.school.urn}), so no decisions were carried over.`,
    };
  }
  if (after.version <= before.version) {
    return {
      kind: 'refused',
      message: `Decisions carry over only to a later version: version ${after.version} is not later than version ${before.version}.`,
    };
  }
  const sameFramework =
    before.framework.contentHash === after.framework.contentHash &&
    (before.supplement?.contentHash ?? null) === (after.supplement?.contentHash ?? null);
  if (!sameFramework) {
    return {
      kind: 'refused',
      message: `Version ${after.version} was made against a different framework from version ${before.version}, so a criterion may not mean the same as before. No decisions were carried over: review every criterion.`,
    };
  }

  const inBefore = new Set(before.responses.map((r) => r.criterionId));
  const changedIds = new Set(
    diffSubmissions(before, after)
      .filter(needsReview)
      .map((c) => c.criterionId),
  );
  for (const response of after.responses) if (!inBefore.has(response.criterionId)) changedIds.add(response.criterionId);
  const earlier = new Map(input.previousDecisions.filter((m) => m.decision !== null).map((m) => [m.criterionId, m]));
  const decidedNow = new Set(input.nextDecisions.filter((m) => m.decision !== null).map((m) => m.criterionId));

  const carried: CriterionModeration[] = [];
  for (const response of after.responses) {
    const id = response.criterionId;
    const decision = earlier.get(id);
    if (changedIds.has(id) || !decision || decidedNow.has(id)) continue;
    carried.push({
      key: criterionModerationKey(input.next.submissionKey, id),
      submissionKey: input.next.submissionKey,
      criterionId: id,
      decision: decision.decision,
      moderatedJudgement: decision.moderatedJudgement,
      comment: decision.comment,
      updatedAt: input.at,
      // A decision already carried keeps the version it was first made on.
      carriedFrom: decision.carriedFrom ?? { submissionKey: input.previous.submissionKey, version: before.version },
    });
  }
  const ids = after.responses.map((r) => r.criterionId);
  const changed = ids.filter((id) => changedIds.has(id));
  const order = [...changed, ...ids.filter((id) => !changedIds.has(id))];
  const summary =
    `${changed.length} of ${ids.length} criteria changed since version ${before.version}. ` +
    `${carried.length} ${carried.length === 1 ? 'decision was' : 'decisions were'} carried over from the criteria that did not change.`;
  return { kind: 'carried', carried, changed, order, summary };
}

/** How a carried decision is shown beside the criterion. */
export function carriedText(moderation: Pick<CriterionModeration, 'carriedFrom'>): string | null {
  return moderation.carriedFrom
    ? `Carried over from version ${moderation.carriedFrom.version}: this criterion has not changed since.`
    : null;
}

/** What a carry-over did, as kept on the later version's record so it is done only once. */
export function carryOverRecord(
  result: CarryOver,
  from: { submissionKey: string; version: number },
  allCriteria: readonly string[],
  at: string,
): CarryOverRecord {
  if (result.kind === 'refused') {
    return {
      fromSubmissionKey: from.submissionKey,
      fromVersion: from.version,
      at,
      changed: [...allCriteria],
      carried: 0,
      refused: result.message,
      summary: result.message,
    };
  }
  return {
    fromSubmissionKey: from.submissionKey,
    fromVersion: from.version,
    at,
    changed: [...result.changed],
    carried: result.carried.length,
    refused: null,
    summary: result.summary,
  };
}

/** Where a criterion of a later version stands against the earlier one. */
export type ResubmissionGroup = 'changed' | 'unchanged' | 'carried';

export interface ResubmissionRow {
  criterionId: string;
  group: ResubmissionGroup;
  /** The version a carried decision was first made on, or null. */
  carriedFromVersion: number | null;
}

/**
 * The order the review lists a later version's criteria in: changed or new ones first, then
 * unchanged ones still to decide here (or decided here since), then the decisions carried over,
 * each part in the order given. A carried decision the moderator has since changed is no longer
 * carried (its record has no `carriedFrom`), so it moves to the unchanged part.
 */
export function resubmissionOrder(
  criterionIds: readonly string[],
  changed: readonly string[],
  moderations: readonly Pick<CriterionModeration, 'criterionId' | 'decision' | 'carriedFrom'>[],
): ResubmissionRow[] {
  const changedSet = new Set(changed);
  const carried = new Map(
    moderations.flatMap((m) => (m.carriedFrom && m.decision !== null ? [[m.criterionId, m.carriedFrom.version] as const] : [])),
  );
  const rows = criterionIds.map((criterionId): ResubmissionRow => {
    if (changedSet.has(criterionId)) return { criterionId, group: 'changed', carriedFromVersion: null };
    const version = carried.get(criterionId);
    return version === undefined
      ? { criterionId, group: 'unchanged', carriedFromVersion: null }
      : { criterionId, group: 'carried', carriedFromVersion: version };
  });
  const rank: Record<ResubmissionGroup, number> = { changed: 0, unchanged: 1, carried: 2 };
  // Array.prototype.sort is stable: each part keeps the order given.
  return rows.sort((a, b) => rank[a.group] - rank[b.group]);
}

/** The first criterion in the review's order that has no decision yet, or null. */
export function firstUndecidedInOrder(
  rows: readonly ResubmissionRow[],
  moderations: readonly Pick<CriterionModeration, 'criterionId' | 'decision'>[],
): string | null {
  const decided = new Set(moderations.filter((m) => m.decision !== null).map((m) => m.criterionId));
  return rows.find((r) => !decided.has(r.criterionId))?.criterionId ?? null;
}
