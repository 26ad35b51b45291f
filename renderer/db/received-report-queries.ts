import { useLiveQuery } from 'dexie-react-hooks';
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
