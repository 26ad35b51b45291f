import type { ImportedSubmission } from './moderation-records';
import { fromRecordedStatus, SUBMISSION_STATES, type SubmissionState, type SubmissionStateKind } from './submission-state';
import type { CriterionChange } from './version-diff';

/**
 * The moderator's queue: one light row per imported submission (no submission data, so 200 rows
 * sort and filter at once), grouped by school (URN), newest version first, each row knowing the
 * version before it so "what changed" can be worked out when it is asked for.
 */
export interface QueueRow {
  key: string;
  submissionId: string;
  urn: string;
  schoolName: string;
  regionId: string;
  regionName: string;
  frameworkTitle: string;
  frameworkVersion: string;
  version: number;
  /** When the school exported it (ISO). */
  exportedAt: string;
  importedAt: string;
  /** Where the submission stands (derived by `submissionState`), and its kind, which the queue filters and sorts by. */
  state: SubmissionState;
  status: SubmissionStateKind;
}

export interface QueueGroup {
  urn: string;
  /** Newest first. */
  rows: QueueRow[];
}

export type QueueSortKey = 'school' | 'urn' | 'region' | 'framework' | 'exported' | 'version' | 'status';
export type SortDirection = 'ascending' | 'descending';
export interface QueueSort {
  key: QueueSortKey;
  direction: SortDirection;
}

export interface QueueFilter {
  status: SubmissionStateKind | '';
  /** Part of a school's name or URN. */
  text: string;
}

export const QUEUE_COLUMNS: readonly { key: QueueSortKey; label: string }[] = [
  { key: 'school', label: 'School' },
  { key: 'urn', label: 'URN' },
  { key: 'region', label: 'Region' },
  { key: 'framework', label: 'Framework' },
  { key: 'exported', label: 'Exported' },
  { key: 'version', label: 'Version' },
  { key: 'status', label: 'Status' },
];

/**
 * One row of the queue. `state` is the submission's state derived from its records
 * (`workspaceStates`); without it, only the status stored on the submission is known, which
 * cannot tell a deferral from any other decision.
 */
export function queueRow(
  submission: ImportedSubmission,
  regionName: (regionId: string) => string,
  state: SubmissionState = fromRecordedStatus(submission.status),
): QueueRow {
  return {
    key: submission.key,
    submissionId: submission.submissionId,
    urn: submission.urn,
    schoolName: submission.schoolName,
    regionId: submission.regionId,
    regionName: regionName(submission.regionId),
    frameworkTitle: submission.supplement
      ? `${submission.framework.title}, with ${submission.supplement.title}`
      : submission.framework.title,
    frameworkVersion: submission.supplement
      ? `${submission.framework.version} + ${submission.supplement.version}`
      : submission.framework.version,
    version: submission.version,
    exportedAt: submission.exportedAt,
    importedAt: submission.importedAt,
    state,
    status: state.kind,
  };
}

/** Newest first: by the time the school exported it, then by version, then by import. */
function newestFirst(a: QueueRow, b: QueueRow): number {
  return b.exportedAt.localeCompare(a.exportedAt) || b.version - a.version || b.importedAt.localeCompare(a.importedAt);
}

/** For every submission, the one the same school sent before it (by export time), if any. */
export function previousVersions(rows: readonly QueueRow[]): Map<string, QueueRow> {
  const byUrn = new Map<string, QueueRow[]>();
  for (const row of rows) byUrn.set(row.urn, [...(byUrn.get(row.urn) ?? []), row]);
  const previous = new Map<string, QueueRow>();
  for (const list of byUrn.values()) {
    list.sort(newestFirst);
    list.forEach((row, i) => {
      const older = list[i + 1];
      if (older) previous.set(row.key, older);
    });
  }
  return previous;
}

export function matchesFilter(row: QueueRow, filter: QueueFilter): boolean {
  if (filter.status && row.status !== filter.status) return false;
  const text = filter.text.trim().toLowerCase();
  if (text === '') return true;
  return row.schoolName.toLowerCase().includes(text) || row.urn.includes(text);
}

const statusRank = (status: SubmissionStateKind) => SUBMISSION_STATES.findIndex((s) => s.id === status);
const collator = new Intl.Collator('en-GB', { sensitivity: 'base', numeric: true });

function sortValue(row: QueueRow, key: QueueSortKey): string | number {
  switch (key) {
    case 'school':
      return row.schoolName;
    case 'urn':
      return row.urn;
    case 'region':
      return row.regionName;
    case 'framework':
      return `${row.frameworkTitle} ${row.frameworkVersion}`;
    case 'exported':
      return row.exportedAt;
    case 'version':
      return row.version;
    case 'status':
      return statusRank(row.status);
  }
}

function compareValues(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return collator.compare(String(a), String(b));
}

/**
 * The rows that pass the filter, grouped by URN (newest version first in each group); groups are
 * sorted by their newest row that passed, then by school name and URN so the order is stable.
 */
export function queueGroups(rows: readonly QueueRow[], filter: QueueFilter, sort: QueueSort): QueueGroup[] {
  const byUrn = new Map<string, QueueRow[]>();
  for (const row of rows) {
    if (!matchesFilter(row, filter)) continue;
    byUrn.set(row.urn, [...(byUrn.get(row.urn) ?? []), row]);
  }
  const groups: QueueGroup[] = [...byUrn].map(([urn, list]) => ({ urn, rows: list.sort(newestFirst) }));
  const sign = sort.direction === 'ascending' ? 1 : -1;
  return groups.sort((a, b) => {
    const first = a.rows[0];
    const second = b.rows[0];
    if (!first || !second) return 0;
    return (
      sign * compareValues(sortValue(first, sort.key), sortValue(second, sort.key)) ||
      collator.compare(first.schoolName, second.schoolName) ||
      first.urn.localeCompare(second.urn)
    );
  });
}

/** One line per change, in plain words; `label` names a scale point (or "not judged" for null). */
export function describeChange(change: CriterionChange, label: (pointId: string | null) => string): string[] {
  const lines: string[] = [];
  if (change.judgement) lines.push(`Judgement: ${label(change.judgement.from)} → ${label(change.judgement.to)}`);
  if (change.narrativeChanged) lines.push('Narrative changed');
  if (change.notApplicableChanged) lines.push('“Not applicable” claim changed');
  if (change.nextStepsChanged) lines.push('Next steps changed');
  if (change.evidenceAdded.length > 0) lines.push(`Evidence added: ${change.evidenceAdded.join('; ')}`);
  if (change.evidenceRemoved.length > 0) lines.push(`Evidence removed: ${change.evidenceRemoved.join('; ')}`);
  return lines;
}

/**
 * The groups to draw first: whole groups, in order, until at least `rows` rows are in (every group
 * when there are fewer). The queue draws these, then all of them once that draw is on screen.
 */
export function firstGroups(groups: readonly QueueGroup[], rows: number): readonly QueueGroup[] {
  let count = 0;
  let end = 0;
  while (end < groups.length && count < rows) {
    count += groups[end]?.rows.length ?? 0;
    end += 1;
  }
  return end === groups.length ? groups : groups.slice(0, end);
}
