import { useLiveQuery } from 'dexie-react-hooks';
import { snapshotOf, type ProgressSnapshot } from '../../shared/evaluation/progress-history';
import type { AppDatabase } from './app-database';

/**
 * The daily record of an evaluation's progress. `recordProgressSnapshot` runs inside the
 * transaction of the save that changed a judgement, a claim or an evidence link (with
 * db.responses, db.evidenceLinks and db.progressSnapshots in its scope), so the record and the
 * change are written together or not at all. The day's record is replaced by each later save that day.
 */
export async function recordProgressSnapshot(db: AppDatabase, evaluationId: string, now: string): Promise<ProgressSnapshot> {
  const [responses, links] = await Promise.all([
    db.responses.where('evaluationId').equals(evaluationId).toArray(),
    db.evidenceLinks.where('evaluationId').equals(evaluationId).toArray(),
  ]);
  const snapshot = snapshotOf(evaluationId, now, responses, links);
  await db.progressSnapshots.put(snapshot);
  return snapshot;
}

/** An evaluation's daily records, followed live (undefined until the first read). */
export function useProgressSnapshots(db: AppDatabase, evaluationId: string | null): ProgressSnapshot[] | undefined {
  return useLiveQuery(
    async () => (evaluationId === null ? [] : db.progressSnapshots.where('evaluationId').equals(evaluationId).toArray()),
    [db, evaluationId],
  );
}

/** An evaluation's daily records, read once (for the portfolio). */
export async function progressSnapshotsOf(db: AppDatabase, evaluationId: string): Promise<ProgressSnapshot[]> {
  return db.progressSnapshots.where('evaluationId').equals(evaluationId).toArray();
}
