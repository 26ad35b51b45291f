import { useLiveQuery } from 'dexie-react-hooks';
import type { AppDatabase } from './app-database';

/** Reads of the evidence library and its links to criteria, followed live (undefined until the first read). */

/** A school's evidence items (an empty list while there is no school yet). */
export function useSchoolEvidence(db: AppDatabase, schoolId: string | null) {
  return useLiveQuery(() => (schoolId ? db.evidence.where('schoolId').equals(schoolId).toArray() : []), [db, schoolId]);
}

/** A school's evidence items, and which criteria of one evaluation each is linked to. */
export function useEvidenceLibrary(db: AppDatabase, schoolId: string, evaluationId: string) {
  return useLiveQuery(async () => {
    const [items, links] = await Promise.all([
      db.evidence.where('schoolId').equals(schoolId).toArray(),
      db.evidenceLinks.where('evaluationId').equals(evaluationId).toArray(),
    ]);
    return { items, links };
  }, [db, schoolId, evaluationId]);
}

/** The links of one criterion to evidence, beside the school's whole library by title. */
export function useCriterionEvidence(db: AppDatabase, evaluationId: string, criterionId: string, schoolId: string) {
  return useLiveQuery(async () => {
    const [links, library] = await Promise.all([
      db.evidenceLinks.where('[evaluationId+criterionId]').equals([evaluationId, criterionId]).toArray(),
      db.evidence.where('schoolId').equals(schoolId).sortBy('title'),
    ]);
    return { links, library };
  }, [db, evaluationId, criterionId, schoolId]);
}
