import type { SharedFolderEntry } from '../../shared/moderation/shared-folder-index';
import type { AppDatabase } from './app-database';

/**
 * The shared folder's index (shared/moderation/shared-folder-index.ts): derived from the folder,
 * so it is never backed up, and a scan may rebuild it at any time. Each file's entry is written on
 * its own as soon as it is checked, so a scan that stops keeps what it had done.
 */

/** The index of one workspace's folder, as a scan compares it with the folder. */
export async function storedFolderEntries(db: AppDatabase, folderKey: string): Promise<SharedFolderEntry[]> {
  return db.sharedFolderEntries.where('folderKey').equals(folderKey).toArray();
}

export async function putFolderEntry(db: AppDatabase, entry: SharedFolderEntry): Promise<void> {
  await db.sharedFolderEntries.put(entry);
}

/** Drops the entries of files no longer in the folder. */
export async function removeFolderEntries(db: AppDatabase, keys: readonly string[]): Promise<void> {
  if (keys.length > 0) await db.sharedFolderEntries.bulkDelete([...keys]);
}

/** Forgets a workspace's whole index: another folder was chosen. */
export async function clearFolderIndex(db: AppDatabase, folderKey: string): Promise<void> {
  await db.sharedFolderEntries.where('folderKey').equals(folderKey).delete();
}
