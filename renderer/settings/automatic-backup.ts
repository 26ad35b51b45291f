import { isBackupDue } from '../../shared/backup/backup-file-name';
import { backupDates, hasSchoolData, makeBackup, makeBackupOfStoredDatabase, recordBackupSaved } from '../db/backup-store';
import type { AppDatabase } from '../db/app-database';
import type { PlatformPort } from '../platform/platform-port';

export type AutomaticBackupResult = 'unsupported' | 'no-data' | 'not-due' | { saved: string };

/**
 * The desktop's daily backup: once per calendar day, when there is a school to back up, the whole
 * database goes into the automatic backups folder (the main process names the folder and keeps
 * the newest 10). Throws, with a plain-words message, when it could not be made or written.
 */
export async function runAutomaticBackupIfDue(
  db: AppDatabase,
  platform: PlatformPort,
  now: Date = new Date(),
): Promise<AutomaticBackupResult> {
  if (!platform.writeAutomaticBackup) return 'unsupported';
  if (!(await hasSchoolData(db))) return 'no-data';
  const { lastAutomaticBackupAt } = await backupDates(db);
  if (!isBackupDue(lastAutomaticBackupAt ? new Date(lastAutomaticBackupAt) : null, now)) return 'not-due';
  const made = await makeBackup(db, platform.appVersion(), now);
  try {
    await platform.writeAutomaticBackup(made.fileName, made.file);
  } catch (error) {
    const detail = error instanceof Error && error.message ? ` (${error.message})` : '';
    throw new Error(
      `Today’s automatic backup could not be saved in Documents › SEN Accreditation › Backups${detail}. Your work in the app is safe; use Settings › Back up now to save a backup somewhere else.`,
    );
  }
  await recordBackupSaved(db, made.createdAt, true);
  return { saved: made.fileName };
}

/**
 * Before this build migrates an older database: on the desktop, a backup of it exactly as the older
 * version left it, into the automatic backups folder (renderer/db reads it as it is).
 */
export async function backUpBeforeMigration(
  databaseName: string,
  storedSchemaVersion: number,
  platform: PlatformPort,
  now: Date = new Date(),
): Promise<AutomaticBackupResult> {
  if (!platform.writeAutomaticBackup) return 'unsupported';
  const made = await makeBackupOfStoredDatabase(databaseName, platform.appVersion(), now, storedSchemaVersion);
  await platform.writeAutomaticBackup(made.fileName, made.file);
  return { saved: made.fileName };
}
