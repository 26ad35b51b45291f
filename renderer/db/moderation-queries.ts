import { useLiveQuery } from 'dexie-react-hooks';
import type { ImportedSubmission, ImportedSubmissionDocument } from '../../shared/moderation/moderation-records';
import type { AppDatabase } from './app-database';
import { liveReadOf, useEarlyAnswer } from './first-screen-reads';
import { readWorkspaceSubmissionStates, workspaceSubmissionStatesKey } from './workspace-queue-reads';

/** Reads of the submissions a moderator imported and the moderation of them, followed live (undefined until the first read). */

/** A workspace, one of its submissions, and the moderator's decisions, visit plan and outcome for it. */
export function useModeratedSubmissionRecords(db: AppDatabase, workspaceId: string, submissionKey: string) {
  return useLiveQuery(async () => {
    const [workspace, submission, moderations, visit, outcome] = await Promise.all([
      db.moderatorWorkspaces.get(workspaceId),
      db.importedSubmissions.get(submissionKey),
      db.criterionModerations.where('submissionKey').equals(submissionKey).toArray(),
      db.visitPlans.get(submissionKey),
      db.moderationOutcomes.get(submissionKey),
    ]);
    return { key: submissionKey, workspace, submission, records: { moderations, visit: visit ?? null, outcome: outcome ?? null } };
  }, [db, workspaceId, submissionKey]);
}

/** A submission's data (submission.json), kept in a table of its own, with the key it was read for. */
export function useImportedSubmissionDocument(db: AppDatabase, submissionKey: string) {
  return useLiveQuery(
    async () => ({ key: submissionKey, record: await db.importedSubmissionDocuments.get(submissionKey) }),
    [db, submissionKey],
  );
}

/** A workspace's submissions (no submission data) and where each stands as of today. */
export function useWorkspaceSubmissionStates(db: AppDatabase, workspaceId: string) {
  const key = workspaceSubmissionStatesKey(workspaceId);
  const live = useLiveQuery(
    liveReadOf(db, key, () => readWorkspaceSubmissionStates(db, workspaceId)),
    [db, workspaceId],
  );
  // Read at the app's start when the queue is the first screen: its rows are drawn from that
  // answer if it arrives first, and from the live read's from then on.
  const early = useEarlyAnswer<Awaited<ReturnType<typeof readWorkspaceSubmissionStates>>>(db, key);
  return live ?? early;
}

/** The moderation reports exported for one submission, oldest first. */
export function useModerationReports(db: AppDatabase, submissionKey: string) {
  return useLiveQuery(() => db.moderationReports.where('submissionKey').equals(submissionKey).sortBy('createdAt'), [db, submissionKey]);
}

/** Imported submissions with their data, read once in one transaction (undefined where missing). */
export async function importedSubmissionsWithDocuments(
  db: AppDatabase,
  submissionKeys: string[],
): Promise<[(ImportedSubmission | undefined)[], (ImportedSubmissionDocument | undefined)[]]> {
  return db.transaction('r', [db.importedSubmissions, db.importedSubmissionDocuments], () =>
    Promise.all([db.importedSubmissions.bulkGet(submissionKeys), db.importedSubmissionDocuments.bulkGet(submissionKeys)]),
  );
}
