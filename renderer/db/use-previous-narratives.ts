import { useLiveQuery } from 'dexie-react-hooks';
import type { PreviousNarrative } from '../../shared/evaluation/edition-crosswalk';
import type { FrameworkRef } from '../../shared/framework/framework-types';
import { useServices } from '../app/app-context';

export interface PreviousNarratives {
  /** The narratives carried for reference to this criterion, in the order of their historic criteria. */
  narratives: PreviousNarrative[];
  /** The framework of the evaluation they were written in, when it is still on this computer. */
  from: FrameworkRef | null;
}

/**
 * The narratives of an earlier evaluation, on another edition, kept for reference beside one
 * criterion of this evaluation, followed live; undefined while loading.
 */
export function usePreviousNarratives(evaluationId: string, criterionId: string): PreviousNarratives | undefined {
  const { db } = useServices();
  return useLiveQuery(async () => {
    const narratives = await db.previousNarratives.where('[evaluationId+criterionId]').equals([evaluationId, criterionId]).toArray();
    if (narratives.length === 0) return { narratives, from: null };
    narratives.sort((a, b) => a.fromCriterionId.localeCompare(b.fromCriterionId, 'en-GB', { numeric: true }));
    const evaluation = await db.evaluations.get(evaluationId);
    const earlier = evaluation?.carriedForwardFrom ? await db.evaluations.get(evaluation.carriedForwardFrom) : undefined;
    return { narratives, from: earlier?.framework ?? null };
  }, [db, evaluationId, criterionId]);
}
