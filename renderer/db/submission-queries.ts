import { useLiveQuery } from 'dexie-react-hooks';
import type { AppDatabase } from './app-database';

/** Reads of the submissions a school exported, followed live (undefined until the first read). */

/** The submissions exported from an evaluation, newest first. */
export function useSubmissions(db: AppDatabase, evaluationId: string) {
  return useLiveQuery(
    async () => (await db.submissions.where('evaluationId').equals(evaluationId).toArray()).sort((a, b) => b.version - a.version),
    [db, evaluationId],
  );
}

/** One exported submission (null when missing). */
export function useSubmission(db: AppDatabase, submissionId: string) {
  return useLiveQuery(async () => (await db.submissions.get(submissionId)) ?? null, [db, submissionId]);
}
