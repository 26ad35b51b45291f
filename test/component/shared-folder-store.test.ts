import { describe, expect, it } from 'vitest';
import { clearFolderIndex, putFolderEntries, putFolderEntry, removeFolderEntries } from '../../renderer/db/shared-folder-store';
import type { AppDatabase } from '../../renderer/db/app-database';
import { summaryOfEntry } from '../../shared/partnership/regional-overview-summary';
import { index } from '../unit/regional-overview-fixtures';
import { freshDatabase } from './render-app';

/**
 * The shared-folder index and its summaries (what the Regional overview draws first) change
 * together: when either write fails, neither is kept, so an entry is never stored without its
 * summary, nor a summary without its entry.
 */
const byKey = (a: { key: string }, b: { key: string }) => a.key.localeCompare(b.key);
const stored = async (db: AppDatabase) => ({
  entries: (await db.sharedFolderEntries.toArray()).sort(byKey),
  summaries: (await db.sharedFolderSummaries.toArray()).sort(byKey),
});
const entry = index[0]!;
const FAILED = 'This write failed.';

describe('the shared-folder index store', () => {
  it('writes each entry with its summary under the same key', async () => {
    const db = freshDatabase();
    await putFolderEntries(db, index);
    const { entries, summaries } = await stored(db);
    expect(entries).toEqual([...index].sort(byKey));
    expect(summaries).toEqual([...index].sort(byKey).map(summaryOfEntry));
    // Writing an entry again replaces both.
    const renamed = { ...entry, submission: entry.submission && { ...entry.submission, schoolName: 'Renamed School' } };
    await putFolderEntry(db, renamed);
    expect((await db.sharedFolderEntries.get(entry.key))?.submission?.schoolName).toBe('Renamed School');
    expect((await db.sharedFolderSummaries.get(entry.key))?.submission?.schoolName).toBe('Renamed School');
  });

  it('keeps neither when the summary cannot be written', async () => {
    const db = freshDatabase();
    db.sharedFolderSummaries.hook('creating', () => {
      throw new Error(FAILED);
    });
    await expect(putFolderEntry(db, entry)).rejects.toThrow(FAILED);
    expect(await stored(db)).toEqual({ entries: [], summaries: [] });
  });

  it('keeps neither when the entry cannot be written', async () => {
    const db = freshDatabase();
    db.sharedFolderEntries.hook('creating', () => {
      throw new Error(FAILED);
    });
    await expect(putFolderEntries(db, index)).rejects.toThrow(FAILED);
    expect(await stored(db)).toEqual({ entries: [], summaries: [] });
  });

  it('removes an entry and its summary together, or neither', async () => {
    const db = freshDatabase();
    await putFolderEntries(db, index);
    const unhook = () => {
      throw new Error(FAILED);
    };
    db.sharedFolderSummaries.hook('deleting', unhook);
    await expect(removeFolderEntries(db, [entry.key])).rejects.toThrow(FAILED);
    expect((await stored(db)).entries).toHaveLength(index.length);
    expect((await stored(db)).summaries).toHaveLength(index.length);
    db.sharedFolderSummaries.hook('deleting').unsubscribe(unhook);
    await removeFolderEntries(db, [entry.key]);
    const { entries, summaries } = await stored(db);
    expect(entries.map((e) => e.key)).not.toContain(entry.key);
    expect(summaries.map((s) => s.key)).toEqual(entries.map((e) => e.key));
    expect(entries).toHaveLength(index.length - 1);
  });

  it('forgets one workspace’s whole index and its summaries, leaving another’s', async () => {
    const db = freshDatabase();
    const other = { ...entry, key: 'w2|a.pdf', folderKey: 'w2' };
    await putFolderEntries(db, [...index, other]);
    await clearFolderIndex(db, entry.folderKey);
    expect(await stored(db)).toEqual({ entries: [other], summaries: [summaryOfEntry(other)] });
  });
});
