import { useLiveQuery } from 'dexie-react-hooks';
import { useServices } from './app-context';

/** The live records of one evaluation: responses, evidence links and actions. */
export function useEvaluationRecords(evaluationId: string) {
  const { db } = useServices();
  return useLiveQuery(async () => {
    const [responses, links, actions] = await Promise.all([
      db.responses.where('evaluationId').equals(evaluationId).toArray(),
      db.evidenceLinks.where('evaluationId').equals(evaluationId).toArray(),
      db.actions.where('evaluationId').equals(evaluationId).toArray(),
    ]);
    return { responses, links, actions };
  }, [db, evaluationId]);
}
