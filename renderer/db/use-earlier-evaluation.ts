import { useLiveQuery } from 'dexie-react-hooks';
import type { Evaluation } from '../../shared/evaluation/evaluation-records';
import { useServices } from '../app/app-context';

/**
 * The evaluation another one was carried forward from, followed live: undefined while loading,
 * null when there is none (not carried forward, or the earlier one has been removed).
 */
export function useEarlierEvaluation(carriedForwardFrom: string | null): Evaluation | null | undefined {
  const { db } = useServices();
  return useLiveQuery(
    async () => (carriedForwardFrom === null ? null : ((await db.evaluations.get(carriedForwardFrom)) ?? null)),
    [db, carriedForwardFrom],
  );
}
