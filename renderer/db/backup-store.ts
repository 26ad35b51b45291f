import { Dexie, type IndexableTypeArrayReadonly, type Table } from 'dexie';
import { backupFileName } from '../../shared/backup/backup-file-name';
import {
  readBackup,
  writeBackup,
  type BackupManifest,
  type BackupReadResult,
  type BackupTableInput,
  type LeftOutTable,
  type RestoredTable,
  type VerifiedBackup,
} from '../../shared/backup/backup-format';
import {
  DATABASE_SCHEMA_VERSION,
  nowIso,
  splitImportedSubmission,
  type AppDatabase,
  type ImportedSubmissionWithDocument,
} from './app-database';
import type { VerifyRunner } from '../export/verify-jobs';
import { reverifyBackup, type LeftOutRecord, type ReverifiedBackup } from './backup-reverify';
import { META } from './database-guard';
import { describeStorageError, UserFacingError } from './storage-errors';
import { upgradeSchoolToSchema6, type School, type SchoolBeforeSchema6 } from '../../shared/school/school-records';

/**
 * Backing up and restoring the whole database, whatever tables it has (it goes over `db.tables`,
 * so tables added by later versions are backed up with no change here).
 */

/** Tables never put in a backup, and why (said to the user when a backup is restored). */
export const TABLES_LEFT_OUT: Readonly<Record<string, string>> = {
  signingKeys:
    'Signing keys are made so that they can never be copied off the computer they were made on, so they are not in backups. A school restored on a computer without its key gets a new key the next time it exports a submission (a certificate from its partnership is then needed again). A partnership restored without its key keeps its register but cannot issue or revoke certificates on that computer.',
  evidenceThumbnails:
    'The small pictures of evidence files on the library’s cards are made from the files themselves, so they are not in backups. They are made again when the library is next shown as cards.',
};

/**
 * Tables derived from files outside the app and rebuilt from them: never in a backup, and emptied
 * by a restore (the restored workspaces scan their folders again). Nothing is lost, so nothing is said.
 */
export const DERIVED_TABLES: readonly string[] = ['sharedFolderEntries', 'sharedFolderSummaries'];

/** The `meta` keys that describe this database rather than the school's work: a restore leaves them as this computer has them. */
const META_KEYS_KEPT_ON_RESTORE: readonly string[] = [META.schemaVersion, META.appVersion, META.lastAutomaticBackupAt];

export interface BackupCounts {
  schools: number;
  evaluations: number;
  evidence: number;
  files: number;
  submissions: number;
}

export interface MadeBackup {
  file: Blob;
  fileName: string;
  manifest: BackupManifest;
  counts: BackupCounts;
  createdAt: string;
  /** How long it took to make, in milliseconds. */
  tookMs: number;
}

type AnyTable = Table<unknown, unknown>;

function keyPathOf(table: AnyTable): string | string[] | null {
  const keyPath = table.schema.primKey.keyPath;
  return keyPath === undefined || keyPath === null || keyPath === '' ? null : keyPath;
}

function tablesBackedUp(db: Dexie): AnyTable[] {
  return (db.tables as AnyTable[]).filter((table) => !Object.hasOwn(TABLES_LEFT_OUT, table.name) && !DERIVED_TABLES.includes(table.name));
}

function countsOf(tables: readonly { name: string; records: readonly unknown[] }[]): BackupCounts {
  const count = (name: string) => tables.find((t) => t.name === name)?.records.length ?? 0;
  return {
    schools: count('schools'),
    evaluations: count('evaluations'),
    evidence: count('evidence'),
    files: count('evidenceBlobs'),
    submissions: count('submissions'),
  };
}

/** Reads every table in one read transaction, so the backup is one consistent moment. */
async function snapshot(db: Dexie): Promise<{ tables: BackupTableInput[]; leftOut: LeftOutTable[] }> {
  return db.transaction('r', db.tables, async () => {
    const tables: BackupTableInput[] = [];
    for (const table of tablesBackedUp(db)) {
      const primaryKey = keyPathOf(table);
      const records = await table.toArray();
      if (primaryKey === null) tables.push({ name: table.name, primaryKey, records, keys: await table.toCollection().primaryKeys() });
      else tables.push({ name: table.name, primaryKey, records });
    }
    const leftOut: LeftOutTable[] = [];
    for (const table of db.tables as AnyTable[]) {
      const reason = TABLES_LEFT_OUT[table.name];
      if (reason) leftOut.push({ table: table.name, records: await table.count(), reason });
    }
    return { tables, leftOut };
  });
}

/**
 * Makes a backup of everything in the database (signing keys excepted), as a `.senbackup` file.
 * `schemaVersion` is the schema the tables are in: this build's, or an older one's when the backup
 * is taken before a migration (a restore then brings the records into this build's shape).
 */
export async function makeBackup(
  db: Dexie,
  appVersion: string,
  now: Date = new Date(),
  schemaVersion: number = DATABASE_SCHEMA_VERSION,
): Promise<MadeBackup> {
  const started = performance.now();
  try {
    const { tables, leftOut } = await snapshot(db);
    const createdAt = now.toISOString();
    const { file, manifest } = await writeBackup({ appVersion, schemaVersion, createdAt, tables, leftOut });
    return {
      file,
      fileName: backupFileName(now, appVersion),
      manifest,
      counts: countsOf(tables),
      createdAt,
      tookMs: performance.now() - started,
    };
  } catch (error) {
    throw new UserFacingError(
      error instanceof UserFacingError
        ? error.message
        : `The backup could not be made: ${error instanceof Error ? error.message : String(error)}. Nothing was changed.`,
    );
  }
}

/**
 * A backup of a database exactly as an older version left it, made before this build migrates it.
 * Its tables are opened as they are (Dexie without a declared schema reads what is there) and
 * closed again before the migration.
 */
export async function makeBackupOfStoredDatabase(
  databaseName: string,
  appVersion: string,
  now: Date,
  storedSchemaVersion: number,
): Promise<MadeBackup> {
  const old = new Dexie(databaseName);
  try {
    await old.open();
    return await makeBackup(old, appVersion, now, storedSchemaVersion);
  } finally {
    old.close();
  }
}

/** Records that a backup was saved (by hand, or automatically on the desktop). */
export async function recordBackupSaved(db: AppDatabase, createdAt: string, automatic = false): Promise<void> {
  try {
    await db.meta.bulkPut([
      { key: META.lastBackupAt, value: createdAt },
      ...(automatic ? [{ key: META.lastAutomaticBackupAt, value: createdAt }] : []),
    ]);
  } catch (error) {
    throw new UserFacingError(describeStorageError(error, 'the date of the backup'));
  }
}

// The backup dates and whether there is data to back up (backup-dates.ts), read by the reminder
// without loading this module.
export { backupDates, hasSchoolData, oldestDataAt, type BackupDates } from './backup-dates';

export type CheckedBackup =
  | {
      ok: true;
      backup: ReverifiedBackup;
      /** What the restore will bring back (after anything left out). */
      counts: BackupCounts;
      /** Records that will not be restored, and why. */
      leftOut: LeftOutRecord[];
    }
  | { ok: false; message: string };

/**
 * Reads and checks a backup file completely (every SHA-256, the versions that made it, and that
 * this database has a place for each of its tables), then verifies every signed file it holds
 * again (imported submissions and received moderation reports, in the verify worker) and makes
 * the pins from those that verify. Changes nothing.
 */
export async function checkBackupFile(
  db: AppDatabase,
  file: Blob,
  appVersion: string,
  verifyJobs: VerifyRunner,
  onProgress?: (done: number, total: number) => void,
): Promise<CheckedBackup> {
  const result: BackupReadResult = await readBackup(file, { appVersion, schemaVersion: DATABASE_SCHEMA_VERSION });
  if (!result.ok) return { ok: false, message: result.message };
  const { backup } = result;
  const here = new Map(tablesBackedUp(db).map((table) => [table.name, table]));
  for (const table of backup.tables) {
    // An index derived from files outside the app (kept by another build) is rebuilt, not restored.
    if (DERIVED_TABLES.includes(table.name)) continue;
    const target = here.get(table.name);
    if (!target)
      return {
        ok: false,
        message: `This backup holds a kind of record (“${table.name}”) that this version of the app does not keep, so it cannot be restored here. Nothing in the app has been changed.`,
      };
    if (JSON.stringify(keyPathOf(target)) !== JSON.stringify(table.primaryKey))
      return {
        ok: false,
        message: `This backup keeps its “${table.name}” records in a way this version of the app does not, so it cannot be restored here. Nothing in the app has been changed.`,
      };
    if (table.primaryKey !== null && !table.records.every((r) => typeof r === 'object' && r !== null && !Array.isArray(r)))
      return {
        ok: false,
        message: `This backup file is damaged (a “${table.name}” record is not readable). Nothing in the app has been changed.`,
      };
  }
  const tables = asThisSchema(backup).filter((table) => !DERIVED_TABLES.includes(table.name));
  const reverified = await reverifyBackup({ ...backup, tables }, verifyJobs, onProgress);
  if (!reverified.ok) return reverified;
  return { ok: true, backup: reverified.backup, counts: countsOf(reverified.backup.tables), leftOut: reverified.backup.leftOutRecords };
}

export interface RestoreOutcome {
  counts: BackupCounts;
  backupCreatedAt: string;
  /** Workspaces in the restored data with no signing key on this computer: each gets a new key at its next export. */
  workspacesWithoutKey: string[];
  /** Records left out because they did not verify again, and why. */
  leftOut: LeftOutRecord[];
}

/**
 * Replaces everything in the database with a checked and re-verified backup (`checkBackupFile`):
 * one read-write transaction over every table that clears it and writes the backup's records, so
 * if anything fails (a full disk, a bad record) the transaction is undone and nothing at all has
 * changed. Signing keys are left as they are.
 */
export async function restoreBackup(db: AppDatabase, backup: ReverifiedBackup, appVersion: string): Promise<RestoreOutcome> {
  const tables = tablesBackedUp(db);
  const derived = (db.tables as AnyTable[]).filter((table) => DERIVED_TABLES.includes(table.name));
  const byName = new Map(backup.tables.map((t) => [t.name, t]));
  const restoredAt = nowIso();
  try {
    await db.transaction('rw', [...tables, ...derived], async () => {
      const keptMeta = await db.meta.bulkGet([...META_KEYS_KEPT_ON_RESTORE]);
      for (const table of derived) await table.clear();
      for (const table of tables) {
        await table.clear();
        const incoming = byName.get(table.name);
        if (!incoming || incoming.records.length === 0) continue;
        // Keys decoded from the backup: a bad one makes bulkAdd fail, and the whole restore with it.
        if (incoming.keys) await table.bulkAdd(incoming.records, incoming.keys as IndexableTypeArrayReadonly);
        else await table.bulkAdd(incoming.records);
      }
      // What describes this computer's database stays; the app version and schema are this one's.
      await db.meta.bulkPut([
        ...keptMeta.filter((row) => row !== undefined),
        { key: META.schemaVersion, value: DATABASE_SCHEMA_VERSION },
        { key: META.appVersion, value: appVersion },
        // The data is now what the backup holds: it was backed up when the backup was made.
        { key: META.lastBackupAt, value: backup.createdAt },
        { key: META.lastRestoreAt, value: restoredAt },
        { key: META.restoredBackupCreatedAt, value: backup.createdAt },
      ]);
    });
  } catch (error) {
    throw new UserFacingError(restoreFailedMessage(error));
  }
  return {
    counts: countsOf(backup.tables),
    backupCreatedAt: backup.createdAt,
    workspacesWithoutKey: await workspacesWithoutKey(db),
    leftOut: backup.leftOutRecords,
  };
}

/**
 * The backup's tables as this schema keeps them. A backup made before schema 4 has each imported
 * submission's data inside its record: it is split out as the database's own upgrade to version 4
 * does, so every document is restored, into its own table. A backup made before schema 6 has its
 * schools' profiles upgraded as the upgrade to version 6 does.
 */
function asThisSchema(backup: VerifiedBackup): RestoredTable[] {
  const tables = splitSubmissionDocuments(backup);
  if (backup.schemaVersion >= 6) return tables;
  // Before schema 6 a school had one `phase`: its profile is upgraded as the database's own upgrade does.
  return tables.map((table) =>
    table.name === 'schools'
      ? { ...table, records: table.records.map((record) => upgradeSchoolToSchema6(record as SchoolBeforeSchema6 | School)) }
      : table,
  );
}

function splitSubmissionDocuments(backup: VerifiedBackup): RestoredTable[] {
  if (backup.schemaVersion >= 4) return backup.tables;
  const submissions = backup.tables.find((t) => t.name === 'importedSubmissions');
  if (!submissions) return backup.tables;
  const split = submissions.records.map((record) => splitImportedSubmission(record as ImportedSubmissionWithDocument));
  const documents = backup.tables.find((t) => t.name === 'importedSubmissionDocuments')?.records ?? [];
  return [
    ...backup.tables.filter((t) => t.name !== 'importedSubmissions' && t.name !== 'importedSubmissionDocuments'),
    { ...submissions, records: split.map(({ submission }) => submission) },
    {
      name: 'importedSubmissionDocuments',
      primaryKey: 'key',
      records: [...documents, ...split.flatMap(({ document }) => (document ? [document] : []))],
    },
  ];
}

/** The names of the workspaces (schools, and moderators' workspaces) that have no signing key on this computer. */
async function workspacesWithoutKey(db: AppDatabase): Promise<string[]> {
  const [schools, moderators, keys] = await Promise.all([
    db.schools.toArray(),
    db.moderatorWorkspaces.toArray(),
    db.signingKeys.toCollection().primaryKeys(),
  ]);
  const withKey = new Set(keys.map(String));
  const names = [
    ...schools.filter((s) => !withKey.has(s.id)).map((s) => s.name),
    ...moderators.filter((m) => !withKey.has(m.id)).map((m) => `${m.moderatorName} (${m.organisation})`),
  ];
  return names.sort((a, b) => a.localeCompare(b, 'en-GB'));
}

function restoreFailedMessage(error: unknown): string {
  const base = describeStorageError(error, 'the backup');
  // describeStorageError already says "Nothing was changed." where it knows; a restore always undoes everything.
  return /Nothing was changed\./.test(base) ? base : `${base} Nothing in the app has been changed.`;
}
