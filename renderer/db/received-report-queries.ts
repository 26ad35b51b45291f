import Dexie from 'dexie';
import { useLiveQuery } from 'dexie-react-hooks';
import { latestSubmissionReport } from '../../shared/moderation/school-standing';
import type { AppDatabase } from './app-database';

/** Reads of the moderation reports a school imported, followed live (undefined until the first read). */

/** One imported report (record null when missing). */
export function useReceivedReport(db: AppDatabase, reportId: string) {
  return useLiveQuery(async () => ({ record: (await db.receivedReports.get(reportId)) ?? null }), [db, reportId]);
}

/** A school (undefined when missing), the reports it imported and its evaluations. */
export function useSchoolReports(db: AppDatabase, schoolId: string) {
  return useLiveQuery(async () => {
    const [school, reports, evaluations] = await Promise.all([
      db.schools.get(schoolId),
      db.receivedReports.where('schoolId').equals(schoolId).toArray(),
      db.evaluations.where('schoolId').equals(schoolId).toArray(),
    ]);
    return { school, reports, evaluations };
  }, [db, schoolId]);
}

/**
 * The report about the evaluation's latest submission, or null when that submission has none yet
 * (or nothing was exported). Reads only the submissions' ids and versions, not their data.
 */
export function useLatestSubmissionReport(db: AppDatabase, evaluationId: string) {
  return useLiveQuery(async () => {
    const range = () =>
      db.submissions.where('[evaluationId+version]').between([evaluationId, Dexie.minKey], [evaluationId, Dexie.maxKey], true, true);
    const [keys, ids, reports] = await Promise.all([
      range().keys(),
      range().primaryKeys(),
      db.receivedReports.where('evaluationId').equals(evaluationId).toArray(),
    ]);
    const submissions = ids.map((id, i) => {
      const key = keys[i];
      return { id, version: Array.isArray(key) ? Number(key[1]) : 0 };
    });
    return { report: latestSubmissionReport(submissions, reports) };
  }, [db, evaluationId]);
}
