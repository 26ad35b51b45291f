import { useLiveQuery } from 'dexie-react-hooks';
import type { ColleagueProfile } from '../../shared/evidence/evidence-pack-records';
import type { AppDatabase } from './app-database';

/** The colleague profiles on this computer (usually one), oldest first: undefined until read. */
export function useColleagueProfiles(db: AppDatabase): ColleagueProfile[] | undefined {
  return useLiveQuery(async () => (await db.colleagueProfiles.toArray()).sort((a, b) => a.createdAt.localeCompare(b.createdAt)), [db]);
}
