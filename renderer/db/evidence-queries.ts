import { useLiveQuery } from 'dexie-react-hooks';
import type { AppDatabase } from './app-database';

/** Reads of the evidence library and its links to criteria, followed live (undefined until the first read). */

/** A school's evidence items (an empty list while there is no school yet). */
export function useSchoolEvidence(db: AppDatabase, schoolId: string | null) {
  return useLiveQuery(() => (schoolId ? db.evidence.where('schoolId').equals(schoolId).toArray() : []), [db, schoolId]);
}

/**
 * The evidence library of an evaluation's school, and which of the evaluation's criteria each item
 * is linked to. Found from the evaluation alone, so a screen starts this read as it opens, beside
 * the read of the evaluation itself, rather than after it (`schoolId` null when there is no such evaluation).
 */
export function useEvidenceLibrary(db: AppDatabase, evaluationId: string) {
  return useLiveQuery(async () => {
    const evaluation = await db.evaluations.get(evaluationId);
    if (!evaluation) return { schoolId: null, items: [], links: [] };
    const [items, links] = await Promise.all([
      db.evidence.where('schoolId').equals(evaluation.schoolId).toArray(),
      db.evidenceLinks.where('evaluationId').equals(evaluationId).toArray(),
    ]);
    return { schoolId: evaluation.schoolId, items, links };
  }, [db, evaluationId]);
}

/** What useEvidenceLibrary reads: undefined until the first read. */
export type EvidenceLibraryRecords = ReturnType<typeof useEvidenceLibrary>;

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
