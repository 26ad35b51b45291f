import { useLiveQuery } from 'dexie-react-hooks';
import type { AppDatabase } from './app-database';

/** The framework files a partnership imported, as stored, followed live (undefined until the first read). */
export function useImportedFrameworkRecords(db: AppDatabase) {
  return useLiveQuery(() => readImportedFrameworkRecords(db), [db]);
}

/** The imported framework records, read once (the app's start reads them before anything is drawn). */
export function readImportedFrameworkRecords(db: AppDatabase) {
  return db.frameworks.toArray();
}
