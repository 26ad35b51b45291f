import { useLiveQuery } from 'dexie-react-hooks';
import type { AppDatabase } from './app-database';
import { backupDates, oldestDataAt } from './backup-dates';

/** When the last backups were made, followed live (undefined until the first read). */
export function useBackupDates(db: AppDatabase) {
  return useLiveQuery(() => backupDates(db), [db]);
}

/** When the last backup was made and when the oldest data was entered: what the backup reminder needs. */
export function useBackupAge(db: AppDatabase) {
  return useLiveQuery(async () => {
    const [dates, oldest] = await Promise.all([backupDates(db), oldestDataAt(db)]);
    return { lastBackupAt: dates.lastBackupAt, oldest };
  }, [db]);
}
