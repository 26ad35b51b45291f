import { nowIso, type AppDatabase } from './app-database';
import { META } from './database-guard';

/*
 * When the backups were made and whether there is anything to back up: what the backup reminder
 * and Settings show, with none of the code that makes, checks or restores a backup (backup-store.ts).
 */

function isoOrNull(value: unknown): string | null {
  return typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? value : null;
}

export interface BackupDates {
  lastBackupAt: string | null;
  lastAutomaticBackupAt: string | null;
}

export async function backupDates(db: AppDatabase): Promise<BackupDates> {
  const [last, automatic] = await db.meta.bulkGet([META.lastBackupAt, META.lastAutomaticBackupAt]);
  return { lastBackupAt: isoOrNull(last?.value), lastAutomaticBackupAt: isoOrNull(automatic?.value) };
}

/** When the oldest school was set up, or null when there is nothing worth backing up. */
export async function oldestDataAt(db: AppDatabase): Promise<string | null> {
  const schools = await db.schools.toArray();
  const dates = schools.map((s) => s.createdAt).filter((d) => !Number.isNaN(Date.parse(d)));
  return dates.length === 0 ? (schools.length > 0 ? nowIso() : null) : dates.sort()[0]!;
}

export async function hasSchoolData(db: AppDatabase): Promise<boolean> {
  return (await db.schools.count()) > 0;
}
