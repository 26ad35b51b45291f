import { useLiveQuery } from 'dexie-react-hooks';
import type { AppDatabase } from './app-database';

/** An evaluation's action plan, followed live (undefined until the first read). */
export function useActions(db: AppDatabase, evaluationId: string) {
  return useLiveQuery(() => db.actions.where('evaluationId').equals(evaluationId).toArray(), [db, evaluationId]);
}
