import { useLiveQuery } from 'dexie-react-hooks';
import type { AppDatabase } from './app-database';

/** Reads of the signing keys, followed live (undefined until the first read). */

/** A workspace's signing key (null when it has none yet). */
export function useSigningKey(db: AppDatabase, workspaceId: string) {
  return useLiveQuery(async () => (await db.signingKeys.get(workspaceId)) ?? null, [db, workspaceId]);
}

/** Whether a workspace has a signing key (false when there is no workspace yet). */
export function useHasSigningKey(db: AppDatabase, workspaceId: string | undefined) {
  return useLiveQuery(async () => (workspaceId ? (await db.signingKeys.get(workspaceId)) !== undefined : false), [db, workspaceId]);
}

/** Every school, by name, with its signing key (null when none yet). */
export function useSchoolSigningKeys(db: AppDatabase) {
  return useLiveQuery(async () => {
    const [schools, keys] = await Promise.all([db.schools.toArray(), db.signingKeys.toArray()]);
    const byId = new Map(keys.map((k) => [k.workspaceId, k]));
    return schools.sort((a, b) => a.name.localeCompare(b.name, 'en-GB')).map((school) => ({ school, key: byId.get(school.id) ?? null }));
  }, [db]);
}
