import type { SharedFolderEntry } from '../moderation/shared-folder-index';

/**
 * A shared-folder index entry without the parts only the criteria and agreement tables read: each
 * submission's judgements, each report's decisions, each second moderation's criteria. The Regional
 * overview's first draw (the filters, the count, the schools, renewals and states) reads these
 * summaries alone, so it does not wait for every submission's criteria to be read and copied; the
 * full entries follow for the tables after it.
 *
 * A summary is kept beside its entry (renderer/db/shared-folder-store.ts writes and removes both in
 * one transaction) and has the entry's shape, so the overview's rules (regional-overview.ts) read a
 * summary exactly as they read its entry and give the same schools, renewals, states and counts.
 */
export type FolderEntrySummary = SharedFolderEntry & {
  /** Marks a summary: the criteria lists are empty here, whatever the entry holds. */
  readonly criteriaLeftOut: true;
};

/** The summary of one index entry: the entry with its criteria lists emptied. */
export function summaryOfEntry(entry: SharedFolderEntry): FolderEntrySummary {
  // The trust basis only decides whether a rescan checks the file again; the overview never reads it.
  const kept: SharedFolderEntry = { ...entry };
  delete kept.trustBasis;
  const { submission, report, second } = entry;
  return {
    ...kept,
    submission: submission && submission.detail ? { ...submission, detail: { ...submission.detail, criteria: [] } } : submission,
    report: report && report.detail ? { ...report, detail: { ...report.detail, criteria: [] } } : report,
    ...(second ? { second: { ...second, criterionIds: [], decisions: [] } } : second === null ? { second: null } : {}),
    criteriaLeftOut: true,
  };
}
