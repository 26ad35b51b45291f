import * as path from 'node:path';

/**
 * Naming, scheduling and pruning of automatic backups (the backup file itself is made elsewhere).
 * Names carry the UTC time to the second and the app version, with no characters Windows
 * forbids: sen-accreditation-backup-2026-11-24T09-30-00Z-v0.1.0.senbackup
 */
export const BACKUP_PREFIX = 'sen-accreditation-backup-';
export const BACKUP_EXTENSION = '.senbackup';
export const DEFAULT_BACKUPS_KEPT = 10;

const BACKUP_NAME =
  /^sen-accreditation-backup-(\d{4})-(\d{2})-(\d{2})T(\d{2})-(\d{2})-(\d{2})Z-v([0-9A-Za-z][0-9A-Za-z.-]{0,63})\.senbackup$/;

/** A version as it may appear in a file name: letters, digits, dots and hyphens only. */
function safeVersion(version: string): string {
  const cleaned = version
    .replace(/[^0-9A-Za-z.-]+/g, '-')
    .replace(/^[^0-9A-Za-z]+/, '')
    .slice(0, 64);
  return cleaned === '' ? 'unknown' : cleaned;
}

const pad = (value: number, length = 2) => String(value).padStart(length, '0');

export function backupFileName(date: Date, appVersion: string): string {
  if (Number.isNaN(date.getTime())) throw new RangeError('A backup needs a valid date.');
  const stamp = `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}T${pad(date.getUTCHours())}-${pad(date.getUTCMinutes())}-${pad(date.getUTCSeconds())}Z`;
  return `${BACKUP_PREFIX}${stamp}-v${safeVersion(appVersion)}${BACKUP_EXTENSION}`;
}

export interface ParsedBackupName {
  takenAt: Date;
  appVersion: string;
}

/** The time and version in one of our backup names, or null for any other file. */
export function parseBackupFileName(fileName: string): ParsedBackupName | null {
  const match = BACKUP_NAME.exec(fileName);
  if (!match) return null;
  const [, year, month, day, hours, minutes, seconds, appVersion] = match;
  const parts = [year, month, day, hours, minutes, seconds].map(Number) as [number, number, number, number, number, number];
  const takenAt = new Date(Date.UTC(parts[0], parts[1] - 1, parts[2], parts[3], parts[4], parts[5]));
  // Reject impossible dates (2026-02-30, 25:00) rather than let Date roll them over.
  if (
    takenAt.getUTCFullYear() !== parts[0] ||
    takenAt.getUTCMonth() !== parts[1] - 1 ||
    takenAt.getUTCDate() !== parts[2] ||
    takenAt.getUTCHours() !== parts[3] ||
    takenAt.getUTCMinutes() !== parts[4] ||
    takenAt.getUTCSeconds() !== parts[5]
  )
    return null;
  return { takenAt, appVersion: appVersion ?? '' };
}

const localDay = (date: Date) => `${date.getFullYear()}-${date.getMonth()}-${date.getDate()}`;

/**
 * Once a day: due when there has been no backup, or the last one was on another calendar day in
 * local time (earlier, or "later" because the clock was wrong then: a spare backup costs little).
 */
export function isBackupDue(lastBackupAt: Date | null | undefined, now: Date): boolean {
  if (!lastBackupAt || Number.isNaN(lastBackupAt.getTime())) return true;
  return localDay(lastBackupAt) !== localDay(now);
}

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
