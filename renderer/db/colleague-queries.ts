import { useLiveQuery } from 'dexie-react-hooks';
import type { EvidencePackDraftItem } from '../../shared/evidence/evidence-pack-builder';
import type { ColleagueProfile } from '../../shared/evidence/evidence-pack-records';
import type { AppDatabase } from './app-database';

/** The colleague profiles on this computer (usually one), oldest first: undefined until read. */
export function useColleagueProfiles(db: AppDatabase): ColleagueProfile[] | undefined {
  return useLiveQuery(async () => (await db.colleagueProfiles.toArray()).sort((a, b) => a.createdAt.localeCompare(b.createdAt)), [db]);
}

/**
 * The items of the colleague's pack kept from before ([] when none), with the profile they belong
 * to: a live query keeps its last answer while a new one is read, so the caller checks the profile.
 */
export function useColleaguePackDraftItems(
  db: AppDatabase,
  profileId: string | null,
): { profileId: string; items: readonly EvidencePackDraftItem[] } | undefined {
  return useLiveQuery(
    async () => (profileId ? { profileId, items: (await db.colleaguePackDrafts.get(profileId))?.items ?? [] } : undefined),
    [db, profileId],
  );
}
