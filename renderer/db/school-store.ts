import type { School, SchoolDetails } from '../../shared/school/school-records';
import { newId, nowIso, type AppDatabase } from './app-database';

export async function createSchool(db: AppDatabase, details: SchoolDetails): Promise<School> {
  const now = nowIso();
  const school: School = { ...details, id: newId(), createdAt: now, updatedAt: now };
  await db.schools.add(school);
  return school;
}

export async function updateSchool(db: AppDatabase, id: string, details: SchoolDetails): Promise<void> {
  await db.schools.update(id, { ...details, updatedAt: nowIso() });
}
