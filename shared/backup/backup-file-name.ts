/**
 * Backup file names and when a backup is due: pure, so the page (manual backups, the reminder)
 * and the desktop shell (automatic backups, rotation) name and date backups the same way.
 *
 * Names carry the UTC time to the second and the app version, with no characters Windows
 * forbids: sen-accreditation-backup-2026-11-24T09-30-00Z-v0.1.0.senbackup
 */
export const BACKUP_PREFIX = 'sen-accreditation-backup-';
export const BACKUP_EXTENSION = '.senbackup';

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

/** After this many whole days without a backup, the web version reminds the user on the home screen. */
export const BACKUP_REMINDER_DAYS = 7;

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Whole days the data has gone without a backup, or null when there is nothing to remind about:
 * no data, or a backup within the last BACKUP_REMINDER_DAYS days. With no backup ever, the days
 * count from when the oldest data was made. A date in the future (a wrong clock) counts as today.
 */
export function daysWithoutBackup(lastBackupAt: Date | null, oldestDataAt: Date | null, now: Date): number | null {
  if (!oldestDataAt || Number.isNaN(oldestDataAt.getTime())) return null;
  const since = lastBackupAt && !Number.isNaN(lastBackupAt.getTime()) ? lastBackupAt : oldestDataAt;
  const days = Math.max(0, Math.floor((now.getTime() - since.getTime()) / DAY_MS));
  return days >= BACKUP_REMINDER_DAYS ? days : null;
}
