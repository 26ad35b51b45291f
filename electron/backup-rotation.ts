import * as path from 'node:path';
import { parseBackupFileName, type ParsedBackupName } from '../shared/backup/backup-file-name';

/**
 * Pruning of automatic backups and where they go; the backup file itself is made by the page, and
 * its name comes from shared/backup/backup-file-name.ts.
 */
export const DEFAULT_BACKUPS_KEPT = 10;

/**
 * Which files to delete so that the newest `keep` backups remain: only names of our own pattern
 * are ever returned (whatever else is in the folder stays), oldest first, by the time in the name.
 */
export function backupsToDelete(fileNames: readonly string[], keep = DEFAULT_BACKUPS_KEPT): string[] {
  if (!Number.isInteger(keep) || keep < 1) throw new RangeError('At least one backup must be kept.');
  const ours = fileNames
    .map((name) => ({ name, parsed: parseBackupFileName(name) }))
    .filter((entry): entry is { name: string; parsed: ParsedBackupName } => entry.parsed !== null)
    .sort((a, b) => a.parsed.takenAt.getTime() - b.parsed.takenAt.getTime() || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return ours.slice(0, Math.max(0, ours.length - keep)).map((entry) => entry.name);
}

/** Documents/SEN Accreditation/Backups: a folder the user can see, find and copy. */
export function defaultBackupFolder(documentsPath: string): string {
  return path.join(documentsPath, 'SEN Accreditation', 'Backups');
}

/** The file operations writeBackupIntoFolder needs (node:fs/promises has them all). */
export interface BackupFolderFs {
  mkdir(folder: string, options: { recursive: true }): Promise<unknown>;
  writeFile(file: string, data: Uint8Array): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  readdir(folder: string): Promise<string[]>;
  rm(file: string, options: { force: true }): Promise<void>;
}

/**
 * Writes one automatic backup into the folder, then deletes the oldest of ours beyond `keep`. The
 * bytes go to a ".partial" file first and are renamed into place, so a backup's name never labels
 * a half-written file; the old backups are pruned only once the new one is safely there.
 */
export async function writeBackupIntoFolder(
  fs: BackupFolderFs,
  folder: string,
  fileName: string,
  bytes: Uint8Array,
  keep = DEFAULT_BACKUPS_KEPT,
): Promise<{ file: string; deleted: string[] }> {
  if (parseBackupFileName(fileName) === null || path.basename(fileName) !== fileName) throw new RangeError('Not a backup file name.');
  await fs.mkdir(folder, { recursive: true });
  const file = path.join(folder, fileName);
  const partial = `${file}.partial`;
  try {
    await fs.writeFile(partial, bytes);
    await fs.rename(partial, file);
  } catch (error) {
    await fs.rm(partial, { force: true }).catch(() => undefined);
    throw error;
  }
  const deleted = backupsToDelete(await fs.readdir(folder), keep);
  for (const name of deleted) await fs.rm(path.join(folder, name), { force: true });
  return { file, deleted };
}
