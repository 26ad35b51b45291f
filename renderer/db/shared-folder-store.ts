import type { SharedFolderEntry } from '../../shared/moderation/shared-folder-index';
import { summaryOfEntry } from '../../shared/partnership/regional-overview-summary';
import type { AppDatabase } from './app-database';

/**
 * The shared folder's index (shared/moderation/shared-folder-index.ts): derived from the folder,
 * so it is never backed up, and a scan may rebuild it at any time. Each file's entry is written on
 * its own as soon as it is checked, so a scan that stops keeps what it had done.
 *
 * Each entry has a summary beside it under the same key (shared/partnership/regional-overview-summary.ts:
 * what the Regional overview draws first). Every write and removal here changes both in one
 * transaction, so an entry is never stored without its summary, nor a summary without its entry.
 */

/** The index of one workspace's folder, as a scan compares it with the folder. */
export async function storedFolderEntries(db: AppDatabase, folderKey: string): Promise<SharedFolderEntry[]> {
  return db.sharedFolderEntries.where('folderKey').equals(folderKey).toArray();
}

export async function putFolderEntry(db: AppDatabase, entry: SharedFolderEntry): Promise<void> {
  await putFolderEntries(db, [entry]);
}

/** Writes entries, each with its summary, all in one transaction. */
export async function putFolderEntries(db: AppDatabase, entries: readonly SharedFolderEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const summaries = entries.map(summaryOfEntry);
  await db.transaction('rw', db.sharedFolderEntries, db.sharedFolderSummaries, async () => {
    await db.sharedFolderEntries.bulkPut([...entries]);
    await db.sharedFolderSummaries.bulkPut(summaries);
  });
}

/** Drops the entries of files no longer in the folder, and their summaries. */
export async function removeFolderEntries(db: AppDatabase, keys: readonly string[]): Promise<void> {
  if (keys.length === 0) return;
  await db.transaction('rw', db.sharedFolderEntries, db.sharedFolderSummaries, async () => {
    await db.sharedFolderEntries.bulkDelete([...keys]);
    await db.sharedFolderSummaries.bulkDelete([...keys]);
  });
}

/** Forgets a workspace's whole index: another folder was chosen. */
export async function clearFolderIndex(db: AppDatabase, folderKey: string): Promise<void> {
  await db.transaction('rw', db.sharedFolderEntries, db.sharedFolderSummaries, async () => {
    await db.sharedFolderEntries.where('folderKey').equals(folderKey).delete();
    await db.sharedFolderSummaries.where('folderKey').equals(folderKey).delete();
  });
}
