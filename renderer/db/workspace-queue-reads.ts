import type { ImportedSubmission } from '../../shared/moderation/moderation-records';
import { workspaceStates, type WorkspaceRecords } from '../../shared/moderation/submission-state';
import type { AppDatabase } from './app-database';
import { readEarly } from './first-screen-reads';
import { todayIso } from './record-stamps';

/**
 * What the moderator's queue reads: kept apart from the moderation store, so that the app's start
 * can read the queue's records early without loading the store's code.
 */

/**
 * The records every submission's state in a workspace is derived from (see `workspaceStates`),
 * read in one transaction so the queue never shows a state half-way between two writes. Requests
 * for evidence are not kept yet: none is read. Each imported appeal is an appeal fact (open until its result is recorded).
 */
export async function loadWorkspaceStateRecords(
  db: AppDatabase,
  workspaceId: string,
): Promise<Omit<WorkspaceRecords, 'submissions'> & { submissions: ImportedSubmission[] }> {
  const tables = [db.importedSubmissions, db.criterionModerations, db.visitPlans, db.moderationOutcomes, db.moderatorAppeals];
  return db.transaction('r', tables, async () => {
    const submissions = await db.importedSubmissions.where('workspaceId').equals(workspaceId).toArray();
    const keys = submissions.map((s) => s.key);
    const [decisions, visits, outcomes, appeals] = await Promise.all([
      db.criterionModerations.where('submissionKey').anyOf(keys).toArray(),
      db.visitPlans.where('submissionKey').anyOf(keys).toArray(),
      db.moderationOutcomes.where('submissionKey').anyOf(keys).toArray(),
      db.moderatorAppeals.where('workspaceId').equals(workspaceId).toArray(),
    ]);
    return {
      submissions,
      decisions,
      visits,
      outcomes,
      requests: [],
      // The latest appeal of each submission decides its state: an open one makes it "Appealed".
      appeals: [...appeals]
        .sort((a, b) => a.document.lodgedAt.localeCompare(b.document.lodgedAt))
        .map((a) => ({
          submissionKey: a.submissionKey,
          lodgedOn: a.document.lodgedAt.slice(0, 10),
          resolvedOn: a.result?.decidedOn ?? null,
        })),
    };
  });
}

/** A workspace's submissions (no submission data) and where each stands as of today. */
export async function readWorkspaceSubmissionStates(db: AppDatabase, workspaceId: string) {
  const records = await loadWorkspaceStateRecords(db, workspaceId);
  return { submissions: records.submissions, states: workspaceStates(records, todayIso()) };
}

/** The key the queue's records are read early under. */
export const workspaceSubmissionStatesKey = (workspaceId: string) => `workspace submission states ${workspaceId}`;

/** The app's start: the moderator's queue reads its submissions and their states before it is drawn. */
export function readWorkspaceSubmissionStatesEarly(db: AppDatabase, workspaceId: string): Promise<void> {
  return readEarly(db, workspaceSubmissionStatesKey(workspaceId), () => readWorkspaceSubmissionStates(db, workspaceId));
}
