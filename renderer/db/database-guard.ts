import { DATABASE_SCHEMA_VERSION, type AppDatabase } from './app-database';

/** The keys this app keeps in the `meta` table. */
export const META = {
  /** The database schema version (DATABASE_SCHEMA_VERSION) of the app that last opened it to write. */
  schemaVersion: 'schemaVersion',
  /** The app version that last opened the database to write. */
  appVersion: 'appVersion',
  /** ISO time of the last backup saved, by hand or automatically. */
  lastBackupAt: 'lastBackupAt',
  /** ISO time of the last automatic (desktop) backup. */
  lastAutomaticBackupAt: 'lastAutomaticBackupAt',
  /** ISO time of the last restore, and when the backup restored then was made. */
  lastRestoreAt: 'lastRestoreAt',
  restoredBackupCreatedAt: 'restoredBackupCreatedAt',
} as const;

export type OpenOutcome =
  /** Open; `warning` when something around the opening (the backup before a migration) failed. */
  | { ok: true; warning?: string }
  /** Written by a newer version: not opened, and nothing written. */
  | { ok: false; kind: 'newer'; writtenBy: WrittenBy; message: string }
  | { ok: false; kind: 'failed'; message: string };

interface StoredDatabase {
  /** IndexedDB's own version number (Dexie's version × 10). */
  nativeVersion: number;
  meta: Map<string, unknown>;
}

/**
 * Looks at the database as it is on disk without changing it: its IndexedDB version and what its
 * `meta` table says. Opening with no version number never upgrades; when there is no database yet,
 * the open is aborted before anything is created. Null when there is no database.
 */
export function inspectStoredDatabase(name: string, factory: IDBFactory = globalThis.indexedDB): Promise<StoredDatabase | null> {
  return new Promise((resolve, reject) => {
    let missing = false;
    const request = factory.open(name);
    request.onupgradeneeded = () => {
      // Only a database that does not exist yet gets here: create nothing.
      missing = true;
      request.transaction?.abort();
    };
    request.onerror = (event) => {
      event.preventDefault();
      if (missing) resolve(null);
      else reject(request.error ?? new Error(`The database “${name}” could not be opened.`));
    };
    request.onsuccess = () => {
      const idb = request.result;
      const done = (meta: Map<string, unknown>) => {
        idb.close();
        resolve({ nativeVersion: idb.version, meta });
      };
      if (!idb.objectStoreNames.contains('meta')) {
        done(new Map());
        return;
      }
      try {
        const all = idb.transaction('meta', 'readonly').objectStore('meta').getAll();
        all.onsuccess = () => {
          const rows = (all.result as unknown[]).filter((row): row is { key: string; value: unknown } => {
            return typeof row === 'object' && row !== null && typeof (row as { key?: unknown }).key === 'string';
          });
          done(new Map(rows.map((row) => [row.key, row.value])));
        };
        all.onerror = () => done(new Map());
      } catch {
        done(new Map());
      }
    };
  });
}

/** Who wrote data this version will not touch: the app version when it says, else the schema version. */
export interface WrittenBy {
  appVersion: string | null;
  schemaVersion: number | null;
}

/** The message shown, full screen, instead of the app when the data is from a newer version. */
export function newerDataMessage(writtenBy: WrittenBy, appVersion: string): string {
  // The same app version can hold a newer data format (a development build, or a version number
  // not bumped): then the two formats tell them apart, not the two identical version numbers.
  const sameVersion = writtenBy.appVersion !== null && writtenBy.appVersion === appVersion;
  const which =
    writtenBy.appVersion !== null && !sameVersion ? writtenBy.appVersion : `data format ${writtenBy.schemaVersion ?? 'unknown'}`;
  const ours =
    sameVersion || writtenBy.appVersion === null
      ? `version ${appVersion}, data format ${DATABASE_SCHEMA_VERSION}`
      : `version ${appVersion}`;
  const install = writtenBy.appVersion !== null && !sameVersion ? `version ${writtenBy.appVersion} or newer` : 'the newest version';
  return `This data was written by a newer version (${which}) of SEN Accreditation than this one (${ours}). To keep it safe, this version will not open it or change it in any way. Install ${install} of the app to carry on: all of your data is still there.`;
}

function writtenByOf(stored: StoredDatabase | null): WrittenBy {
  const app = stored?.meta.get(META.appVersion);
  const schema = stored?.meta.get(META.schemaVersion);
  const nativeSchema = stored ? Math.floor(stored.nativeVersion / 10) : null;
  return {
    appVersion: typeof app === 'string' && app !== '' ? app : null,
    schemaVersion: Math.max(typeof schema === 'number' ? schema : 0, nativeSchema ?? 0) || null,
  };
}

/** True when what is on disk was written by a schema newer than this build's. */
export function isFromNewerSchema(stored: StoredDatabase | null, declaredVersion: number): boolean {
  if (!stored) return false;
  // Dexie stores version × 10 (and may add one when it patches a schema in place): 20 or 21 is schema 2.
  if (Math.floor(stored.nativeVersion / 10) > declaredVersion) return true;
  const schema = stored.meta.get(META.schemaVersion);
  return typeof schema === 'number' && schema > DATABASE_SCHEMA_VERSION;
}

function refuse(writtenBy: WrittenBy, appVersion: string): OpenOutcome {
  return { ok: false, kind: 'newer', writtenBy, message: newerDataMessage(writtenBy, appVersion) };
}

/**
 * Opens the app's database at start-up, unless a newer version of the app wrote it: then it is
 * neither opened nor changed (Dexie 4 would otherwise open a newer database as it is, or even
 * add to it). Once open, records this build's schema and app version in `meta`.
 */
export async function openAppDatabase(
  db: AppDatabase,
  appVersion: string,
  factory: IDBFactory = globalThis.indexedDB,
  /** Runs before an older database is migrated (the desktop backs it up); a failure is reported, not fatal. */
  beforeMigration?: (storedSchemaVersion: number) => Promise<void>,
  /** Called when the upgrade waits for another window that still has the older data open. */
  onBlocked?: () => void,
): Promise<OpenOutcome> {
  let stored: StoredDatabase | null;
  try {
    stored = await inspectStoredDatabase(db.name, factory);
    performance.mark('app:database-looked-at');
  } catch (error) {
    return { ok: false, kind: 'failed', message: openFailedMessage(error) };
  }
  if (isFromNewerSchema(stored, db.verno)) return refuse(writtenByOf(stored), appVersion);
  const storedSchema = stored ? Math.floor(stored.nativeVersion / 10) : null;
  let warning: string | undefined;
  if (beforeMigration && storedSchema !== null && storedSchema < db.verno) {
    try {
      await beforeMigration(storedSchema);
    } catch (error) {
      warning = `The backup before updating your data to this version could not be saved (${error instanceof Error ? error.message : String(error)}). Your data has been updated and is safe; make a backup in Settings.`;
    }
  }
  // The versions an older database passes through are declared only when the one on disk needs them.
  db.settleUpgradePath(storedSchema);
  const blocked = () => onBlocked?.();
  if (onBlocked) db.on('blocked', blocked);
  try {
    await db.open();
    performance.mark('app:database-open');
    // The look above read `meta` already: when it names this build's schema and version, and no
    // upgrade ran in between, there is nothing to write and no second round trip to make.
    const alreadyRecorded =
      stored !== null &&
      storedSchema === db.verno &&
      stored.meta.get(META.schemaVersion) === DATABASE_SCHEMA_VERSION &&
      stored.meta.get(META.appVersion) === appVersion;
    if (!alreadyRecorded) {
      await db.transaction('rw', db.meta, async () => {
        const [schema, app] = await db.meta.bulkGet([META.schemaVersion, META.appVersion]);
        if (schema?.value !== DATABASE_SCHEMA_VERSION) await db.meta.put({ key: META.schemaVersion, value: DATABASE_SCHEMA_VERSION });
        if (app?.value !== appVersion) await db.meta.put({ key: META.appVersion, value: appVersion });
      });
    }
    return warning ? { ok: true, warning } : { ok: true };
  } catch (error) {
    db.close();
    if ((error as { name?: unknown })?.name === 'VersionError') {
      // Another window upgraded it between the look and the open.
      return refuse(writtenByOf(await inspectStoredDatabase(db.name, factory).catch(() => null)), appVersion);
    }
    return { ok: false, kind: 'failed', message: openFailedMessage(error) };
  } finally {
    if (onBlocked) db.on('blocked').unsubscribe(blocked);
  }
}

function openFailedMessage(error: unknown): string {
  const name = (error as { name?: unknown; inner?: { name?: unknown } } | null)?.inner?.name ?? (error as { name?: unknown } | null)?.name;
  const message = String((error as { message?: unknown } | null)?.message ?? '');
  if (name === 'QuotaExceededError' || /quota/i.test(message)) {
    return 'The app could not open its storage on this computer because the disk is full. Free some space and start the app again. Your data has not been changed.';
  }
  return 'The app could not open its storage on this computer. Close every window of the app and start it again; if that does not help, restart the computer. Your data has not been changed.';
}

/**
 * While the app is open, another window with a newer version may upgrade the database: stop at once
 * (and never reopen it) rather than write to data this version does not understand.
 */
export function watchForNewerVersion(db: AppDatabase, appVersion: string, onNewer: (outcome: OpenOutcome) => void): () => void {
  const listener = (event: IDBVersionChangeEvent) => {
    if (event.newVersion === null || Math.floor(event.newVersion / 10) <= db.verno) return;
    db.close({ disableAutoOpen: true });
    onNewer(refuse({ appVersion: null, schemaVersion: Math.floor(event.newVersion / 10) }, appVersion));
  };
  db.on('versionchange', listener);
  return () => db.on('versionchange').unsubscribe(listener);
}
