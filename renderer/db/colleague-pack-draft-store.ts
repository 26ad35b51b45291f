import type { EvidencePackDraftItem } from '../../shared/evidence/evidence-pack-builder';
import { nowIso, type AppDatabase, type ColleaguePackDraft } from './app-database';
import { describeStorageError, UserFacingError } from './storage-errors';

/**
 * A colleague's evidence pack as it is being put together, kept as it changes so that a reload, a
 * closed window or a crash loses nothing: the items' details (small, written at each change) and
 * each file's bytes once (written when the file is added, before it is shown as added). Each write
 * is one transaction: the items never name a file that is not kept.
 */
const fileKey = (profileId: string, sha256: string) => `${profileId}|${sha256}`;

/** Keeps newly added files and the items that now name them, together. */
export async function keepDraftFiles(
  db: AppDatabase,
  profileId: string,
  files: readonly { sha256: string; file: Blob }[],
  items: readonly EvidencePackDraftItem[],
): Promise<void> {
  try {
    await db.transaction('rw', db.colleaguePackDrafts, db.colleaguePackDraftFiles, async () => {
      await db.colleaguePackDraftFiles.bulkPut(
        files.map(({ sha256, file }) => ({ key: fileKey(profileId, sha256), profileId, sha256, file })),
      );
      await db.colleaguePackDrafts.put({ profileId, items: [...items], updatedAt: nowIso() });
    });
  } catch (error) {
    throw new UserFacingError(describeStorageError(error, 'the files for the pack'));
  }
}

/** Keeps the items' details as they are now, and lets go of the files no item names any longer. */
export async function keepDraftItems(db: AppDatabase, profileId: string, items: readonly EvidencePackDraftItem[]): Promise<void> {
  const named = new Set(items.map((item) => item.file.sha256));
  try {
    await db.transaction('rw', db.colleaguePackDrafts, db.colleaguePackDraftFiles, async () => {
      const unnamed = (await db.colleaguePackDraftFiles.where('profileId').equals(profileId).primaryKeys()).filter(
        (key) => !named.has(key.slice(profileId.length + 1)),
      );
      await db.colleaguePackDraftFiles.bulkDelete(unnamed);
      await db.colleaguePackDrafts.put({ profileId, items: [...items], updatedAt: nowIso() });
    });
  } catch (error) {
    throw new UserFacingError(describeStorageError(error, 'the pack’s details'));
  }
}

/** A kept file of the draft, or null when it is not kept. */
export async function draftFile(db: AppDatabase, profileId: string, sha256: string): Promise<Blob | null> {
  return (await db.colleaguePackDraftFiles.get(fileKey(profileId, sha256)))?.file ?? null;
}

/** The draft as kept, or null when there is none. */
export async function loadDraft(db: AppDatabase, profileId: string): Promise<ColleaguePackDraft | null> {
  return (await db.colleaguePackDrafts.get(profileId)) ?? null;
}

/** Clears the draft once its pack is made and saved. */
export async function clearDraft(db: AppDatabase, profileId: string): Promise<void> {
  await db.transaction('rw', db.colleaguePackDrafts, db.colleaguePackDraftFiles, async () => {
    await db.colleaguePackDraftFiles.where('profileId').equals(profileId).delete();
    await db.colleaguePackDrafts.delete(profileId);
  });
}
