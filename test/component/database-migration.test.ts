import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { AppDatabase, DATABASE_SCHEMA_VERSION } from '../../renderer/db/app-database';
import { inspectStoredDatabase, META, openAppDatabase } from '../../renderer/db/database-guard';
import schema1 from '../fixtures/database-schema-1.json';
import schema2 from '../fixtures/database-schema-2.json';
import { materialise } from './backup-test-data';

/**
 * Every older schema, as a stored fixture of a realistic database, opened by this build: every
 * record must survive, the newer tables must exist, and `meta` must record this schema and app.
 */
interface DatabaseFixture {
  schemaVersion: number;
  stores: Record<string, string>;
  tables: Record<string, unknown[]>;
}

const FIXTURES: [string, DatabaseFixture][] = [
  ['schema 1', schema1 as DatabaseFixture],
  ['schema 2', schema2 as DatabaseFixture],
];

/** The fixture's JSON stand-ins made real: Blobs, byte arrays and (non-extractable) key pairs. */
async function revive(value: unknown): Promise<unknown> {
  if (Array.isArray(value)) return Promise.all(value.map(revive));
  if (!value || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  if (typeof record.$blobBase64 === 'string')
    return new Blob([Buffer.from(record.$blobBase64, 'base64')], { type: String(record.type ?? '') });
  if (typeof record.$bytesBase64 === 'string') return new Uint8Array(Buffer.from(record.$bytesBase64, 'base64'));
  if (record.$cryptoKeyPair) return crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(record)) out[key] = await revive(item);
  return out;
}

/** Writes the fixture with raw Dexie at its own schema version, as that version of the app did. */
async function createOldDatabase(name: string, fixture: DatabaseFixture): Promise<Record<string, unknown[]>> {
  const old = new Dexie(name);
  // Each older schema as its app declared it: version 1 first, then the tables each later version added.
  const v1Tables = Object.keys(schema1.stores);
  old.version(1).stores(Object.fromEntries(Object.entries(fixture.stores).filter(([table]) => v1Tables.includes(table))));
  if (fixture.schemaVersion >= 2)
    old.version(2).stores(Object.fromEntries(Object.entries(fixture.stores).filter(([table]) => !v1Tables.includes(table))));
  await old.open();
  const revived: Record<string, unknown[]> = {};
  for (const [table, records] of Object.entries(fixture.tables)) {
    revived[table] = (await revive(records)) as unknown[];
    await old.table(table).bulkAdd(revived[table]);
  }
  old.close();
  return revived;
}

describe('opening a database written by an older version', () => {
  it('declares the schema version that it records', () => {
    expect(new AppDatabase('never-opened').verno).toBe(DATABASE_SCHEMA_VERSION);
  });

  it.each(FIXTURES)(
    'keeps every record of a %s database, adds the newer tables, and records this schema and app',
    async (_label, fixture) => {
      const name = `migration-${fixture.schemaVersion}-${Date.now()}`;
      const written = await createOldDatabase(name, fixture);
      const before = await inspectStoredDatabase(name);
      expect(before?.nativeVersion).toBe(fixture.schemaVersion * 10);

      const db = new AppDatabase(name);
      expect(await openAppDatabase(db, '0.3.0-test')).toEqual({ ok: true });

      for (const [table, records] of Object.entries(written)) {
        if (table === 'meta') continue;
        const primaryKey = db.table(table).schema.primKey.keyPath as string;
        const stored = await db.table(table).toArray();
        const sortByKey = (rows: unknown[]) =>
          [...rows].sort((a, b) =>
            String((a as Record<string, unknown>)[primaryKey]).localeCompare(String((b as Record<string, unknown>)[primaryKey])),
          );
        if (table === 'signingKeys') {
          // A CryptoKey compares as an object; its kind is what survives to check.
          const [key] = stored as { keys: CryptoKeyPair; fingerprint: string }[];
          expect(key?.keys.privateKey.type).toBe('private');
          expect(key?.keys.privateKey.extractable).toBe(false);
          expect(key?.fingerprint).toBe((records[0] as { fingerprint: string }).fingerprint);
          continue;
        }
        expect(await materialise(sortByKey(stored)), `the ${table} table`).toEqual(await materialise(sortByKey(records)));
      }

      const names = db.tables.map((t) => t.name);
      for (const table of ['signingKeys', 'submissions', 'moderatorWorkspaces', 'importedSubmissions', 'receivedReports'])
        expect(names).toContain(table);
      expect(await db.submissions.count()).toBe(fixture.schemaVersion >= 2 ? 1 : 0);
      // The newer tables work.
      await db.moderatorWorkspaces.add({
        id: 'w1',
        moderatorName: 'Pat Lee',
        organisation: 'North East SEN Partnership',
        regionId: 'north-east',
        createdAt: '',
        updatedAt: '',
      });

      expect(await db.meta.get(META.schemaVersion)).toEqual({ key: META.schemaVersion, value: DATABASE_SCHEMA_VERSION });
      expect(await db.meta.get(META.appVersion)).toEqual({ key: META.appVersion, value: '0.3.0-test' });
      db.close();
      expect((await inspectStoredDatabase(name))?.nativeVersion).toBe(DATABASE_SCHEMA_VERSION * 10);
    },
  );
});

/** A database as a newer version of the app would leave it: a higher IndexedDB version, meta naming that app. */
async function createNewerDatabase(
  name: string,
  options: { nativeVersion: number; meta: { key: string; value: unknown }[] },
): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const request = indexedDB.open(name, options.nativeVersion);
    request.onupgradeneeded = () => {
      const idb = request.result;
      idb.createObjectStore('schools', { keyPath: 'id' });
      idb.createObjectStore('meta', { keyPath: 'key' });
      idb.createObjectStore('somethingNew', { keyPath: 'id' });
      const tx = request.transaction!;
      tx.objectStore('schools').add({ id: 's1', name: 'Riverside Primary School', urn: '123456' });
      for (const row of options.meta) tx.objectStore('meta').add(row);
    };
    request.onsuccess = () => {
      request.result.close();
      resolve();
    };
    request.onerror = () => reject(request.error);
  });
}

async function rawContents(name: string): Promise<{ version: number; stores: string[]; rows: Record<string, unknown[]> }> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name);
    request.onsuccess = () => {
      const idb = request.result;
      const stores = [...idb.objectStoreNames].sort();
      const tx = idb.transaction(stores, 'readonly');
      const rows: Record<string, unknown[]> = {};
      for (const store of stores) {
        const all = tx.objectStore(store).getAll();
        all.onsuccess = () => {
          rows[store] = all.result;
        };
      }
      tx.oncomplete = () => {
        idb.close();
        resolve({ version: idb.version, stores, rows });
      };
    };
    request.onerror = () => reject(request.error);
  });
}

describe('refusing a database written by a newer version', () => {
  it('does not open a database whose IndexedDB version is higher, and leaves it exactly as it was', async () => {
    const name = `newer-${Date.now()}`;
    await createNewerDatabase(name, { nativeVersion: (DATABASE_SCHEMA_VERSION + 1) * 10, meta: [{ key: 'appVersion', value: '9.1.0' }] });
    const before = await rawContents(name);

    const db = new AppDatabase(name);
    const outcome = await openAppDatabase(db, '0.3.0');
    expect(outcome).toMatchObject({
      ok: false,
      kind: 'newer',
      writtenBy: { appVersion: '9.1.0', schemaVersion: DATABASE_SCHEMA_VERSION + 1 },
    });
    if (outcome.ok) throw new Error('opened');
    expect(outcome.message).toBe(
      'This data was written by a newer version (9.1.0) of SEN Accreditation than this one (version 0.3.0). To keep it safe, this version will not open it or change it in any way. Install version 9.1.0 or newer of the app to carry on: all of your data is still there.',
    );
    expect(db.isOpen()).toBe(false);
    expect(await rawContents(name)).toEqual(before);
  });

  it('says which data format when the newer version did not say which app it was', async () => {
    const name = `newer-no-meta-${Date.now()}`;
    await createNewerDatabase(name, { nativeVersion: 70, meta: [] });
    const outcome = await openAppDatabase(new AppDatabase(name), '0.3.0');
    if (outcome.ok) throw new Error('opened');
    expect(outcome.message).toMatch(/^This data was written by a newer version \(data format 7\) of SEN Accreditation than this one/);
    expect(outcome.message).toContain('Install the newest version of the app');
  });

  it('refuses when meta says a newer schema wrote it, even at the same IndexedDB version', async () => {
    const name = `newer-meta-${Date.now()}`;
    const db = new AppDatabase(name);
    expect(await openAppDatabase(db, '0.3.0')).toEqual({ ok: true });
    await db.meta.bulkPut([
      { key: META.schemaVersion, value: DATABASE_SCHEMA_VERSION + 1 },
      { key: META.appVersion, value: '1.4.0' },
    ]);
    db.close();
    const before = await rawContents(name);
    const again = new AppDatabase(name);
    expect(await openAppDatabase(again, '0.3.0')).toMatchObject({ ok: false, kind: 'newer', writtenBy: { appVersion: '1.4.0' } });
    expect(await rawContents(name)).toEqual(before);
  });

  it('shows why the check is needed: Dexie 4 on its own opens a newer database without complaint', async () => {
    const name = `newer-dexie-${Date.now()}`;
    await createNewerDatabase(name, { nativeVersion: 990, meta: [] });
    const plain = new Dexie(name);
    plain.version(1).stores({ schools: 'id', meta: 'key', somethingNew: 'id' });
    await expect(plain.open()).resolves.toBe(plain);
    plain.close();
  });

  it('looks at a database that is not there without making one', async () => {
    const name = `absent-${Date.now()}`;
    expect(await inspectStoredDatabase(name)).toBeNull();
    expect((await indexedDB.databases()).map((d) => d.name)).not.toContain(name);
  });
});
