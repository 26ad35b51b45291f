import { useLiveQuery } from 'dexie-react-hooks';
import { trustMaterial } from '../../shared/moderation/partnership-trust';
import { summariseIndex, type SharedFolderEntry, type SharedFolderSummary } from '../../shared/moderation/shared-folder-index';
import type { FolderEntrySummary } from '../../shared/partnership/regional-overview-summary';
import type { AppDatabase } from './app-database';

/**
 * A workspace's shared-folder index, grouped for the screen, followed live (undefined while loading);
 * the partnerships it has pinned flag a key one of them did not certify for a school it did.
 */
export function useSharedFolderIndex(db: AppDatabase, folderKey: string): SharedFolderSummary | undefined {
  return useLiveQuery(async () => {
    const [entries, trust] = await Promise.all([
      db.sharedFolderEntries.where('folderKey').equals(folderKey).toArray(),
      db.partnershipTrust.where('workspaceId').equals(folderKey).toArray(),
    ]);
    return summariseIndex(entries, trustMaterial(trust).rootFingerprints);
  }, [db, folderKey]);
}

/** The SHA-256 of every submission PDF the workspace has imported, followed live: a file in the folder already here is not offered again. */
export function useImportedFileHashes(db: AppDatabase, workspaceId: string): ReadonlySet<string> | undefined {
  return useLiveQuery(
    async () => new Set((await db.importedSubmissions.where('workspaceId').equals(workspaceId).toArray()).map((s) => s.fileSha256)),
    [db, workspaceId],
  );
}

/**
 * The summary of every entry of a workspace's shared-folder index (the entry without its criteria
 * lists: shared/partnership/regional-overview-summary.ts), followed live (undefined while loading):
 * what the Regional overview draws first. Read in a transaction of its own, as useFolderEntries is.
 */
export function useFolderSummaries(db: AppDatabase, folderKey: string): FolderEntrySummary[] | undefined {
  return useLiveQuery(
    async () =>
      db.transaction('r', db.sharedFolderSummaries, () => db.sharedFolderSummaries.where('folderKey').equals(folderKey).toArray()),
    [db, folderKey],
  );
}

/**
 * Every entry of a workspace's shared-folder index as stored, followed live (undefined while loading,
 * and while `wanted` is false: the overview asks for them once its first draw, from the summaries,
 * is on screen). Read in a transaction of its own, so the entries come to the screen as IndexedDB
 * gives them: a live query's plain read keeps the result in Dexie's cache and hands out a deep copy
 * of every entry (each submission's criteria), which the overview, only reading them, does not
 * need. The query is still followed: a change to the folder's entries reads them again.
 */
export function useFolderEntries(db: AppDatabase, folderKey: string, wanted = true): SharedFolderEntry[] | undefined {
  return useLiveQuery(
    async () =>
      wanted
        ? db.transaction('r', db.sharedFolderEntries, () => db.sharedFolderEntries.where('folderKey').equals(folderKey).toArray())
        : undefined,
    [db, folderKey, wanted],
  );
}
