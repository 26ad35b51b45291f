import { useLiveQuery } from 'dexie-react-hooks';
import type { AppDatabase } from './app-database';

/** Reads of schools, followed live (undefined until the first read). */

/** Every school on this computer, by name. */
export function useSchoolsByName(db: AppDatabase) {
  return useLiveQuery(() => db.schools.orderBy('name').toArray(), [db]);
}

/** One school (undefined while reading, when missing, or when there is no id: a new school). */
export function useSchool(db: AppDatabase, schoolId: string | undefined) {
  return useLiveQuery(async () => (schoolId ? await db.schools.get(schoolId) : undefined), [db, schoolId]);
}

/** A school (undefined when missing) and its evaluations, oldest first. */
export function useSchoolWithEvaluations(db: AppDatabase, schoolId: string) {
  return useLiveQuery(async () => {
    const school = await db.schools.get(schoolId);
    const evaluations = await db.evaluations.where('schoolId').equals(schoolId).sortBy('createdAt');
    return { school, evaluations };
  }, [db, schoolId]);
}
