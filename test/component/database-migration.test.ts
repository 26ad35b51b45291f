import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { AppDatabase, DATABASE_SCHEMA_VERSION, type ModeratorAppealRecord } from '../../renderer/db/app-database';
import { upgradeSchoolToSchema6, type SchoolBeforeSchema6 } from '../../shared/school/school-records';
import { backUpBeforeMigration } from '../../renderer/settings/automatic-backup';
import { checkBackupFile, restoreBackup } from '../../renderer/db/backup-store';
import { inspectStoredDatabase, META, openAppDatabase } from '../../renderer/db/database-guard';
import { createWebPlatform } from '../../renderer/platform/web-platform';
import schema1 from '../fixtures/database-schema-1.json';
import schema2 from '../fixtures/database-schema-2.json';
import schema3 from '../fixtures/database-schema-3.json';
import { genuineFilesIn, genuineFilesVerifier, materialise } from './backup-test-data';
import { northEastFramework } from './moderation-test-data';
import { summaryOfEntry } from '../../shared/partnership/regional-overview-summary';
import { index as regionIndex } from '../unit/regional-overview-fixtures';

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
  ['schema 3', schema3 as DatabaseFixture],
];

/**
 * The stores each older version of the app declared, copied from renderer/db/app-database.ts as
 * they were released. Never change them: they are how those versions left the database.
 */
const DECLARED_STORES: Record<number, Record<string, string>> = {
  1: {
    schools: 'id, urn, name',
    evaluations: 'id, schoolId',
    responses: 'key, evaluationId',
    evidence: 'id, schoolId, file.sha256',
    evidenceBlobs: 'sha256',
    evidenceLinks: 'key, evaluationId, evidenceId, [evaluationId+criterionId]',
    actions: 'id, evaluationId, *criterionIds',
    frameworks: 'contentHash, id',
    meta: 'key',
  },
  2: {
    signingKeys: 'workspaceId',
    submissions: 'id, evaluationId, schoolId, [evaluationId+version]',
  },
  3: {
    moderatorWorkspaces: 'id',
    importedSubmissions: 'key, workspaceId, submissionId, [workspaceId+urn], status',
    importedSubmissionFiles: 'sha256',
    embeddedFrameworks: 'contentHash',
    signerPins: 'key, workspaceId',
    criterionModerations: 'key, submissionKey',
    visitPlans: 'submissionKey',
    moderationOutcomes: 'submissionKey',
    moderationReports: 'id, submissionKey, workspaceId',
    receivedReports: 'id, schoolId, evaluationId, submissionId',
    moderatorPins: 'key, schoolId',
  },
  4: { importedSubmissionDocuments: 'key' },
  5: { moderatorPins: 'key, schoolId' },
  6: { schools: 'id, urn, name' },
  7: { previousNarratives: 'key, evaluationId, [evaluationId+criterionId]' },
  8: { partnershipTrust: 'key, workspaceId' },
  9: { approvals: 'evaluationId' },
  10: { partnerships: 'id', issuedCertificates: 'key, partnershipId' },
  11: {
    secondModerationRequests: 'id, workspaceId, submissionKey',
    secondModerationReturns: 'requestId, workspaceId',
    secondModerationResolutions: 'key, requestId',
    receivedSecondRequests: 'key, workspaceId',
    secondModerationDecisions: 'key, receivedKey',
    peerModeratorPins: 'key, workspaceId',
  },
  12: { evidenceThumbnails: 'sha256' },
  13: { colleagueProfiles: 'id', colleaguePins: 'key, schoolId', evidencePackImports: 'key, schoolId' },
  14: { progressSnapshots: 'key, evaluationId' },
  15: { moderatorAppeals: 'id, workspaceId, submissionKey', lodgedAppeals: 'id, schoolId, evaluationId, reportId' },
  16: { sharedFolderEntries: 'key, folderKey' },
  17: { benchmarks: 'sha256, schoolId' },
  18: { colleaguePackDrafts: 'profileId', colleaguePackDraftFiles: 'key, profileId' },
  19: { sharedFolderSummaries: 'key, folderKey' },
};

/** A database as the app of `schemaVersion` left it: each version declared as it was released, none opened yet. */
function oldDatabaseAt(name: string, schemaVersion: number): Dexie {
  const old = new Dexie(name);
  for (let version = 1; version <= schemaVersion; version += 1) old.version(version).stores(DECLARED_STORES[version]!);
  return old;
}

/** Every store a database of the given schema has: those its version and each earlier one declared. */
/** How the app's start makes its database: the upgrade path declared only when the look at the disk finds it older. */
const AS_THE_APP_STARTS = { declare: 'latest-until-settled' } as const;

function storesUpTo(schemaVersion: number): Record<string, string> {
  const stores: Record<string, string> = {};
  for (let version = 1; version <= schemaVersion; version += 1) Object.assign(stores, DECLARED_STORES[version]);
  return stores;
}

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
  for (let version = 1; version <= fixture.schemaVersion; version += 1) {
    const stores = DECLARED_STORES[version];
    if (!stores) throw new Error(`No declared stores for version ${version}`);
    old.version(version).stores(stores);
  }
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

  it.each(FIXTURES)('describes the stores of a %s database as that version declared them', (_label, fixture) => {
    expect(fixture.stores).toEqual(storesUpTo(fixture.schemaVersion));
  });

  it.each(FIXTURES)(
    'keeps every record of a %s database, adds the newer tables, and records this schema and app',
    async (_label, fixture) => {
      const name = `migration-${fixture.schemaVersion}-${Date.now()}`;
      const written = await createOldDatabase(name, fixture);
      const before = await inspectStoredDatabase(name);
      expect(before?.nativeVersion).toBe(fixture.schemaVersion * 10);

      const db = new AppDatabase(name, AS_THE_APP_STARTS);
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
          const keys = sortByKey(stored) as { keys: CryptoKeyPair; fingerprint: string }[];
          expect(keys.map((k) => k.fingerprint)).toEqual((sortByKey(records) as { fingerprint: string }[]).map((k) => k.fingerprint));
          for (const key of keys) {
            expect(key.keys.privateKey.type).toBe('private');
            expect(key.keys.privateKey.extractable).toBe(false);
          }
          continue;
        }
        if (table === 'importedSubmissions') {
          // Schema 4 keeps each submission's data in a table of its own (checked below): the rest of the record is as it was.
          const withoutDocument = (rows: unknown[]) => rows.map((row) => ({ ...(row as object), document: undefined }));
          for (const row of stored) expect(row).not.toHaveProperty('document');
          expect(await materialise(sortByKey(stored)), `the ${table} table`).toEqual(
            await materialise(withoutDocument(sortByKey(records))),
          );
          continue;
        }
        if (table === 'schools') {
          // Schema 6 turns each school's one phase into its profile (upgradeSchoolToSchema6, tested field by field in school-validation).
          expect(sortByKey(stored), 'the schools table').toEqual(sortByKey((records as SchoolBeforeSchema6[]).map(upgradeSchoolToSchema6)));
          for (const row of stored) expect(row).not.toHaveProperty('phase');
          continue;
        }
        if (table === 'moderatorPins') {
          // Schema 5 keys each pin by region and normalised organisation (checked in its own test below): the pin itself is kept.
          const kept = (rows: unknown[]) =>
            (rows as { schoolId: string; organisation: string; fingerprint: string; pinnedAt: string }[]).map(
              ({ schoolId, organisation, fingerprint, pinnedAt }) => ({ schoolId, organisation, fingerprint, pinnedAt }),
            );
          expect(kept(stored)).toEqual(kept(records));
          continue;
        }
        expect(await materialise(sortByKey(stored)), `the ${table} table`).toEqual(await materialise(sortByKey(records)));
      }

      // Every imported submission's data is now in importedSubmissionDocuments, under the same key, exactly as it was.
      const imported = (written.importedSubmissions ?? []) as { key: string; document: unknown }[];
      const documents = await db.importedSubmissionDocuments.toArray();
      expect(documents.map((d) => d.key).sort()).toEqual(imported.map((s) => s.key).sort());
      for (const before of imported) {
        const moved = await db.importedSubmissionDocuments.get(before.key);
        expect(moved?.document, before.key).toEqual(before.document);
        expect(JSON.stringify(moved?.document), before.key).toBe(JSON.stringify(before.document));
      }
      if (fixture.schemaVersion >= 3) expect(documents).toHaveLength(2);

      const names = db.tables.map((t) => t.name);
      for (const table of [
        'signingKeys',
        'submissions',
        'moderatorWorkspaces',
        'importedSubmissions',
        'importedSubmissionDocuments',
        'receivedReports',
      ])
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

/** The stores and indexes a database really has, as IndexedDB reports them, by store name. */
async function nativeSchema(name: string): Promise<Record<string, unknown>> {
  const idb = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(name);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('open failed'));
  });
  const schema: Record<string, unknown> = {};
  const names = [...idb.objectStoreNames].filter((store) => store !== '$meta');
  if (names.length > 0) {
    const tx = idb.transaction(names, 'readonly');
    for (const storeName of names) {
      const store = tx.objectStore(storeName);
      const indexes = [...store.indexNames].map((indexName) => {
        const index = store.index(indexName);
        return { name: index.name, keyPath: index.keyPath, unique: index.unique, multiEntry: index.multiEntry };
      });
      schema[storeName] = { keyPath: store.keyPath, autoIncrement: store.autoIncrement, indexes };
    }
  }
  idb.close();
  return schema;
}

describe('the stores a database ends with', () => {
  // Only the versions with an upgrade and the latest are declared (app-database.ts): a database of
  // any older version must still end with exactly the stores and indexes of a new one.
  it('of a new database keep every store and index each older version declared', async () => {
    const latestDeclared = Math.max(...Object.keys(DECLARED_STORES).map(Number));
    const old = oldDatabaseAt(`stores-declared-${Date.now()}`, latestDeclared);
    await old.open();
    old.close();
    const declared = await nativeSchema(old.name);
    const fresh = new AppDatabase(`stores-new-${Date.now()}`, AS_THE_APP_STARTS);
    expect(await openAppDatabase(fresh, '0.9.0-test')).toEqual({ ok: true });
    fresh.close();
    const made = await nativeSchema(fresh.name);
    for (const [store, schema] of Object.entries(declared)) expect(made[store], store).toEqual(schema);
  });

  it.each(Object.keys(DECLARED_STORES).map(Number))('are those of a new database, from a database of schema %i', async (schemaVersion) => {
    const fresh = new AppDatabase(`stores-new-${schemaVersion}-${Date.now()}`, AS_THE_APP_STARTS);
    expect(await openAppDatabase(fresh, '0.9.0-test')).toEqual({ ok: true });
    fresh.close();
    const expected = await nativeSchema(fresh.name);
    expect(Object.keys(expected)).toHaveLength(fresh.tables.length);

    const name = `stores-from-${schemaVersion}-${Date.now()}`;
    const old = oldDatabaseAt(name, schemaVersion);
    await old.open();
    old.close();
    expect(Object.keys(await nativeSchema(name)).sort()).toEqual(Object.keys(storesUpTo(schemaVersion)).sort());
    const db = new AppDatabase(name, AS_THE_APP_STARTS);
    expect(await openAppDatabase(db, '0.9.0-test')).toEqual({ ok: true });
    db.close();
    expect(await nativeSchema(name)).toEqual(expected);
  });
});

describe('the upgrade to schema 4', () => {
  it('moves the data of every imported submission, however many there are, each under its own key', async () => {
    const name = `migration-many-${Date.now()}`;
    const old = oldDatabaseAt(name, 3);
    await old.open();
    const [template] = (schema3 as DatabaseFixture).tables.importedSubmissions as {
      workspaceId: string;
      document: { submissionId: string };
    }[];
    // More than the upgrade reads at once, so it goes over them in several batches.
    const records = Array.from({ length: 61 }, (_, i) => {
      const submissionId = `submission-${String(i).padStart(3, '0')}`;
      const record = structuredClone(template!);
      return { ...record, key: `${record.workspaceId}|${submissionId}`, submissionId, document: { ...record.document, submissionId } };
    });
    await old.table('importedSubmissions').bulkAdd(records);
    old.close();

    const db = new AppDatabase(name, AS_THE_APP_STARTS);
    expect(await openAppDatabase(db, '0.4.0-test')).toEqual({ ok: true });
    const stored = await db.importedSubmissions.toArray();
    expect(stored.map((s) => s.key)).toEqual(records.map((r) => r.key));
    expect(stored.filter((s) => 'document' in s)).toEqual([]);
    const documents = await db.importedSubmissionDocuments.toArray();
    expect(documents.map((d) => [d.key, d.document.submissionId])).toEqual(records.map((r) => [r.key, r.submissionId]));
    db.close();
  });
});

describe('the upgrade to schema 5', () => {
  it('keys each moderator pin by region and normalised organisation, keeping the first key pinned when two names are one', async () => {
    const name = `migration-pins-${Date.now()}`;
    const written = await createOldDatabase(name, schema3 as DatabaseFixture);
    const [school] = written.schools as { id: string; regionId: string }[];
    const [report] = written.receivedReports as { signerFingerprint: string }[];
    const old = oldDatabaseAt(name, 4);
    await old.open();
    await old.table('moderatorPins').bulkAdd([
      // The same organisation with a trailing space and another case, pinned later with another key.
      {
        key: `${school!.id}|north east sen partnership `,
        schoolId: school!.id,
        organisation: 'north east sen partnership ',
        fingerprint: '99'.repeat(32),
        pinnedAt: '2026-09-01T09:00:00.000Z',
      },
      // A school that no longer exists: its pin goes with it.
      { key: 'gone|Other', schoolId: 'gone', organisation: 'Other', fingerprint: '88'.repeat(32), pinnedAt: '2026-02-01T09:00:00.000Z' },
    ]);
    old.close();

    const db = new AppDatabase(name, AS_THE_APP_STARTS);
    expect(await openAppDatabase(db, '0.5.0-test')).toEqual({ ok: true });
    expect(await db.moderatorPins.toArray()).toEqual([
      {
        key: `${school!.id}|north-east|north east sen partnership`,
        schoolId: school!.id,
        regionId: 'north-east',
        organisation: 'North East SEN Partnership',
        fingerprint: report!.signerFingerprint,
        moderatorName: 'Jordan Hale',
        pinnedAt: '2026-01-16T08:45:00.000Z',
      },
    ]);
    db.close();
  });
});

/** A school's fields as schema 5 kept them, but for its id, name, phase and statements or plans. */
const SCHOOL_AT_5 = {
  urn: '123456',
  regionId: 'north-east',
  localAuthority: 'Gateshead',
  headTeacher: 'A. Head',
  senco: 'B. Senco',
  senGovernor: '',
  pupilsOnRoll: 300,
  pupilsOnSenSupport: 40,
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
};

describe('the upgrade path is declared only when the database needs it', () => {
  // The app's start makes its database with the latest version alone and declares the path only when
  // its look at the database on disk finds it older (app-database.ts, settleUpgradePath); a database
  // made any other way has the whole path from the start.
  const schoolAt5 = { ...SCHOOL_AT_5, id: 'p', name: 'Riverside Primary', phase: 'primary', pupilsWithStatementOrPlan: 2 };
  const olderDatabase = async (name: string) => {
    const old = oldDatabaseAt(name, 5);
    await old.open();
    await old.table('schools').add(schoolAt5);
    old.close();
  };

  it('migrates an older database opened without the guard’s look: by its first read, or by an open never settled', async () => {
    const name = `migration-direct-${Date.now()}`;
    await olderDatabase(name);
    const db = new AppDatabase(name);
    const school = await db.schools.get('p'); // opens it
    expect(school).toMatchObject({ phases: ['early-years', 'primary'], pupilsWithEhcPlan: 2 });
    expect(school).not.toHaveProperty('phase');
    db.close();

    const other = `migration-unsettled-${Date.now()}`;
    await olderDatabase(other);
    const unsettled = new AppDatabase(other, { declare: 'latest-until-settled' });
    await unsettled.open();
    expect(await unsettled.schools.get('p')).toMatchObject({ phases: ['early-years', 'primary'], pupilsWithEhcPlan: 2 });
    unsettled.close();
  });

  it('migrates an older database when the look found it older, and a new one is made whole from the latest alone', async () => {
    const name = `migration-settled-${Date.now()}`;
    await olderDatabase(name);
    const db = new AppDatabase(name, { declare: 'latest-until-settled' });
    expect(await openAppDatabase(db, '0.9.0-test')).toEqual({ ok: true });
    expect(await db.schools.get('p')).toMatchObject({ phases: ['early-years', 'primary'], pupilsWithEhcPlan: 2 });
    db.close();

    const fresh = new AppDatabase(`migration-settled-new-${Date.now()}`, { declare: 'latest-until-settled' });
    fresh.settleUpgradePath(null);
    await fresh.open();
    expect(fresh.tables.map((t) => t.name).sort()).toEqual(Object.keys(storesUpTo(DATABASE_SCHEMA_VERSION)).sort());
    fresh.close();
  });

  it('would skip an older database’s upgrades if the look were wrong: the path is what carries them', async () => {
    // The guard's look is what makes the latest-only declaration safe; told "current", Dexie would
    // only add the missing tables, and the schools would keep their old shape.
    const name = `migration-wrong-look-${Date.now()}`;
    await olderDatabase(name);
    const db = new AppDatabase(name, { declare: 'latest-until-settled' });
    db.settleUpgradePath(DATABASE_SCHEMA_VERSION);
    await db.open();
    expect(await db.schools.get('p')).toHaveProperty('phase', 'primary');
    db.close();
  });
});

describe('the upgrade to schema 6', () => {
  it('turns each school’s one phase into phases, setting and year groups, and its statements-or-plans into EHC plans', async () => {
    const name = `migration-schools-${Date.now()}`;
    const old = oldDatabaseAt(name, 5);
    await old.open();
    const base = SCHOOL_AT_5;
    await old.table('schools').bulkAdd([
      { ...base, id: 'p', name: 'Riverside Primary', phase: 'primary', pupilsWithStatementOrPlan: 0 },
      { ...base, id: 'r', name: 'Hillside PRU', phase: 'pupil-referral-unit', pupilsWithStatementOrPlan: 4 },
    ]);
    old.close();

    const db = new AppDatabase(name, AS_THE_APP_STARTS);
    expect(await openAppDatabase(db, '0.6.0-test')).toEqual({ ok: true });
    const [primary, unit] = await db.schools.orderBy('id').toArray();
    expect(primary).toEqual({
      ...base,
      id: 'p',
      name: 'Riverside Primary',
      phases: ['early-years', 'primary'],
      setting: 'mainstream',
      lowestYear: 0,
      highestYear: 6,
      pupilsWithEhcPlan: 0,
      resourcedProvision: false,
      lookedAfterOnRoll: true,
    });
    expect(unit).toMatchObject({
      phases: ['secondary'],
      setting: 'alternative-provision',
      lowestYear: 7,
      highestYear: 11,
      pupilsWithEhcPlan: 4,
    });
    expect(unit).not.toHaveProperty('pupilsWithStatementOrPlan');
    db.close();
  });
});

describe('the upgrade to schema 7', () => {
  it('keeps every record of a schema-6 database and adds a working table of previous narratives', async () => {
    const name = `migration-previous-narratives-${Date.now()}`;
    const old = oldDatabaseAt(name, 6);
    await old.open();
    const written: Record<string, unknown[]> = {
      schools: [{ id: 's1', urn: '123456', name: 'Riverside Primary', regionId: 'north-east', phases: ['primary'], setting: 'mainstream' }],
      evaluations: [
        { id: 'e-2005', schoolId: 's1', title: '2025', framework: { id: 'north-east' }, carriedForwardFrom: null },
        { id: 'e-2026', schoolId: 's1', title: '2027', framework: { id: 'north-east-2026' }, carriedForwardFrom: 'e-2005' },
      ],
      responses: [
        { key: 'e-2005|NE-1.1.1', evaluationId: 'e-2005', criterionId: 'NE-1.1.1', judgement: null, narrative: 'Kept.', nextSteps: '' },
      ],
      evidenceLinks: [{ key: 'e-2026|NE26-4.1.1|ev1', evaluationId: 'e-2026', criterionId: 'NE26-4.1.1', evidenceId: 'ev1' }],
      meta: [{ key: META.schemaVersion, value: 6 }],
    };
    for (const [table, records] of Object.entries(written)) await old.table(table).bulkAdd(records);
    old.close();
    expect((await inspectStoredDatabase(name))?.nativeVersion).toBe(60);

    const db = new AppDatabase(name, AS_THE_APP_STARTS);
    expect(await openAppDatabase(db, '0.7.0-test')).toEqual({ ok: true });
    for (const [table, records] of Object.entries(written)) {
      if (table === 'meta') continue;
      expect(await db.table(table).toArray(), `the ${table} table`).toEqual(records);
    }
    expect(await db.previousNarratives.count()).toBe(0);
    const narrative = {
      key: 'e-2026|NE26-4.1.1|NE-1.1.1',
      evaluationId: 'e-2026',
      criterionId: 'NE26-4.1.1',
      fromCriterionId: 'NE-1.1.1',
      narrative: 'Kept.',
      nextSteps: '',
      note: 'Now the SEN information report.',
    };
    await db.previousNarratives.add(narrative);
    expect(await db.previousNarratives.where('[evaluationId+criterionId]').equals(['e-2026', 'NE26-4.1.1']).toArray()).toEqual([narrative]);
    expect(await db.meta.get(META.schemaVersion)).toEqual({ key: META.schemaVersion, value: DATABASE_SCHEMA_VERSION });
    db.close();
    expect((await inspectStoredDatabase(name))?.nativeVersion).toBe(DATABASE_SCHEMA_VERSION * 10);
  });
});

describe('the upgrade to schema 8', () => {
  it('keeps every record of a schema-7 database and adds a working table of partnership roots and revocation lists', async () => {
    const name = `migration-partnership-trust-${Date.now()}`;
    const old = oldDatabaseAt(name, 7);
    await old.open();
    const written: Record<string, unknown[]> = {
      moderatorWorkspaces: [{ id: 'w1', moderatorName: 'Ann Moderator', organisation: 'Devon County Council', regionId: 'south-west' }],
      signerPins: [
        {
          key: 'w1|113532',
          workspaceId: 'w1',
          urn: '113532',
          fingerprint: 'ab'.repeat(32),
          pinnedAt: '2026-10-01T09:00:00.000Z',
          history: [],
        },
      ],
      previousNarratives: [
        { key: 'e|c|p', evaluationId: 'e', criterionId: 'c', fromCriterionId: 'p', narrative: 'Kept.', nextSteps: '', note: '' },
      ],
      meta: [{ key: META.schemaVersion, value: 7 }],
    };
    for (const [table, records] of Object.entries(written)) await old.table(table).bulkAdd(records);
    old.close();
    expect((await inspectStoredDatabase(name))?.nativeVersion).toBe(70);

    const db = new AppDatabase(name, AS_THE_APP_STARTS);
    expect(await openAppDatabase(db, '0.8.0-test')).toEqual({ ok: true });
    for (const [table, records] of Object.entries(written)) {
      if (table === 'meta') continue;
      expect(await db.table(table).toArray(), `the ${table} table`).toEqual(records);
    }
    expect(await db.partnershipTrust.count()).toBe(0);
    const root = {
      key: `w1|root|${'cd'.repeat(32)}`,
      workspaceId: 'w1',
      kind: 'root' as const,
      name: 'South West SEN Regional Partnership',
      region: 'South West',
      fingerprint: 'cd'.repeat(32),
      der: new Uint8Array([0x30, 0x00]),
      notAfter: '2046-01-05T10:00:00.000Z',
      pinnedAt: '2026-12-01T09:00:00.000Z',
    };
    await db.partnershipTrust.add(root);
    const stored = await db.partnershipTrust.where('workspaceId').equals('w1').toArray();
    // Bytes come back from IndexedDB as a typed array of another realm: compared by value.
    expect(stored.map((r) => ({ ...r, der: Array.from(r.der) }))).toEqual([{ ...root, der: [0x30, 0x00] }]);
    expect(await db.meta.get(META.schemaVersion)).toEqual({ key: META.schemaVersion, value: DATABASE_SCHEMA_VERSION });
    db.close();
    expect((await inspectStoredDatabase(name))?.nativeVersion).toBe(DATABASE_SCHEMA_VERSION * 10);
  });

  it('keeps every record of a schema-8 database and adds a working table of approvals, one per evaluation', async () => {
    const name = `migration-approvals-${Date.now()}`;
    const old = oldDatabaseAt(name, 8);
    await old.open();
    const written: Record<string, unknown[]> = {
      schools: [{ id: 's1', urn: '123456', name: 'Riverside Primary', regionId: 'north-east', phases: ['primary'], setting: 'mainstream' }],
      evaluations: [{ id: 'e1', schoolId: 's1', title: '2027', framework: { id: 'north-east-2026' }, carriedForwardFrom: null }],
      responses: [
        { key: 'e1|NE26-1.1.1', evaluationId: 'e1', criterionId: 'NE26-1.1.1', judgement: null, narrative: 'Kept.', nextSteps: '' },
      ],
      previousNarratives: [
        {
          key: 'e1|NE26-4.1.1|NE-1.1.1',
          evaluationId: 'e1',
          criterionId: 'NE26-4.1.1',
          fromCriterionId: 'NE-1.1.1',
          narrative: 'Old.',
          nextSteps: '',
          note: '',
        },
      ],
      meta: [{ key: META.schemaVersion, value: 8 }],
    };
    for (const [table, records] of Object.entries(written)) await old.table(table).bulkAdd(records);
    old.close();
    expect((await inspectStoredDatabase(name))?.nativeVersion).toBe(80);

    const db = new AppDatabase(name, AS_THE_APP_STARTS);
    expect(await openAppDatabase(db, '0.8.0-test')).toEqual({ ok: true });
    for (const [table, records] of Object.entries(written)) {
      if (table === 'meta') continue;
      expect(await db.table(table).toArray(), `the ${table} table`).toEqual(records);
    }
    expect(await db.approvals.count()).toBe(0);
    const approval = {
      evaluationId: 'e1',
      name: 'Alex Morgan',
      role: 'head-teacher' as const,
      otherRole: '',
      date: '2026-11-19',
      snapshotHash: 'ab'.repeat(32),
      counts: { criteria: 1, judged: 0, notApplicable: 0, evidence: 0, actions: 0 },
      recordedAt: '2026-11-19T09:00:00.000Z',
    };
    await db.approvals.put(approval);
    await db.approvals.put({ ...approval, name: 'Jo Reed', role: 'governor' });
    expect(await db.approvals.toArray()).toEqual([{ ...approval, name: 'Jo Reed', role: 'governor' }]);
    expect(await db.meta.get(META.schemaVersion)).toEqual({ key: META.schemaVersion, value: DATABASE_SCHEMA_VERSION });
    db.close();
    expect((await inspectStoredDatabase(name))?.nativeVersion).toBe(DATABASE_SCHEMA_VERSION * 10);
  });

  it('keeps every record of a schema-9 database and adds working tables of partnerships and the certificates they issued', async () => {
    const name = `migration-partnerships-${Date.now()}`;
    const old = oldDatabaseAt(name, 9);
    await old.open();
    const written: Record<string, unknown[]> = {
      schools: [{ id: 's1', urn: '123456', name: 'Riverside Primary', regionId: 'north-east', phases: ['primary'], setting: 'mainstream' }],
      approvals: [{ evaluationId: 'e1', name: 'Alex Morgan', role: 'head-teacher', date: '2026-11-19' }],
      meta: [{ key: META.schemaVersion, value: 9 }],
    };
    for (const [table, records] of Object.entries(written)) await old.table(table).bulkAdd(records);
    old.close();
    expect((await inspectStoredDatabase(name))?.nativeVersion).toBe(90);

    const db = new AppDatabase(name, AS_THE_APP_STARTS);
    expect(await openAppDatabase(db, '0.9.0-test')).toEqual({ ok: true });
    for (const [table, records] of Object.entries(written)) {
      if (table === 'meta') continue;
      expect(await db.table(table).toArray(), `the ${table} table`).toEqual(records);
    }
    expect(await db.partnerships.count()).toBe(0);
    await db.partnerships.put({
      id: 'p1',
      name: 'South West SEN Regional Partnership',
      region: 'South West',
      rootFingerprint: 'ab'.repeat(32),
      createdAt: '2026-12-01T09:00:00.000Z',
      revocationListNumber: 0,
    });
    const issued = {
      key: 'p1|0A1B',
      partnershipId: 'p1',
      serial: '0A1B',
      subject: { commonName: 'Riverside Primary', role: 'School' as const, urn: '123456', organisation: '' },
      keyFingerprint: 'cd'.repeat(32),
      fingerprint: 'ef'.repeat(32),
      certificateDer: new Uint8Array([0x30, 0x00]),
      notBefore: '2026-12-01T09:00:00.000Z',
      notAfter: '2027-12-01T23:59:59.000Z',
      issuedAt: '2026-12-01T09:00:00.000Z',
    };
    await db.issuedCertificates.bulkPut([issued, { ...issued, key: 'p2|0C', partnershipId: 'p2', serial: '0C' }]);
    expect((await db.issuedCertificates.where('partnershipId').equals('p1').toArray()).map((r) => r.serial)).toEqual(['0A1B']);
    expect(await db.meta.get(META.schemaVersion)).toEqual({ key: META.schemaVersion, value: DATABASE_SCHEMA_VERSION });
    db.close();
    expect((await inspectStoredDatabase(name))?.nativeVersion).toBe(DATABASE_SCHEMA_VERSION * 10);
  });

  it('keeps every record of a schema-10 database and adds the second moderation tables, empty and working', async () => {
    const name = `migration-second-moderation-${Date.now()}`;
    const old = oldDatabaseAt(name, 10);
    await old.open();
    const written: Record<string, unknown[]> = {
      moderatorWorkspaces: [{ id: 'w1', moderatorName: 'Jordan Hale', organisation: 'North East SEN Partnership', regionId: 'north-east' }],
      criterionModerations: [
        {
          key: 'w1|sub-1|NE26-1.1.1',
          submissionKey: 'w1|sub-1',
          criterionId: 'NE26-1.1.1',
          decision: 'agree',
          moderatedJudgement: null,
          comment: '',
        },
      ],
      meta: [{ key: META.schemaVersion, value: 10 }],
    };
    for (const [table, records] of Object.entries(written)) await old.table(table).bulkAdd(records);
    old.close();

    const db = new AppDatabase(name, AS_THE_APP_STARTS);
    expect(await openAppDatabase(db, '0.9.0-test')).toEqual({ ok: true });
    for (const [table, records] of Object.entries(written)) {
      if (table === 'meta') continue;
      expect(await db.table(table).toArray(), `the ${table} table`).toEqual(records);
    }
    for (const table of [
      db.secondModerationRequests,
      db.secondModerationReturns,
      db.secondModerationResolutions,
      db.receivedSecondRequests,
      db.secondModerationDecisions,
      db.peerModeratorPins,
    ]) {
      expect(await table.count(), table.name).toBe(0);
    }
    await db.secondModerationResolutions.put({
      key: 'r1|NE26-1.1.1',
      requestId: 'r1',
      criterionId: 'NE26-1.1.1',
      kind: 'kept',
      decision: 'agree',
      moderatedJudgement: null,
      reason: 'Seen again.',
      resolvedAt: '2027-01-01T00:00:00.000Z',
    });
    expect(await db.secondModerationResolutions.where('requestId').equals('r1').count()).toBe(1);
    expect(await db.meta.get(META.schemaVersion)).toEqual({ key: META.schemaVersion, value: DATABASE_SCHEMA_VERSION });
    db.close();
    expect((await inspectStoredDatabase(name))?.nativeVersion).toBe(DATABASE_SCHEMA_VERSION * 10);
  });

  it('keeps every record of a schema-11 database and adds an empty table of evidence thumbnails keyed by SHA-256', async () => {
    const name = `migration-thumbnails-${Date.now()}`;
    const old = oldDatabaseAt(name, 11);
    await old.open();
    const written: Record<string, unknown[]> = {
      evidence: [{ id: 'ev1', schoolId: 's1', title: 'Photo of the sensory room', kind: 'photo', file: { sha256: 'ab'.repeat(32) } }],
      approvals: [{ evaluationId: 'e1', name: 'Alex Morgan', role: 'head-teacher', date: '2026-11-19' }],
      meta: [{ key: META.schemaVersion, value: 11 }],
    };
    for (const [table, records] of Object.entries(written)) await old.table(table).bulkAdd(records);
    old.close();
    expect((await inspectStoredDatabase(name))?.nativeVersion).toBe(110);

    const db = new AppDatabase(name, AS_THE_APP_STARTS);
    expect(await openAppDatabase(db, '0.9.0-test')).toEqual({ ok: true });
    for (const [table, records] of Object.entries(written)) {
      if (table === 'meta') continue;
      expect(await db.table(table).toArray(), `the ${table} table`).toEqual(records);
    }
    expect(await db.evidenceThumbnails.count()).toBe(0);
    const cannotDraw = { sha256: 'ab'.repeat(32), state: 'cannot-draw' as const, madeAt: '2026-12-04T09:00:00.000Z' };
    await db.evidenceThumbnails.put(cannotDraw);
    expect(await db.evidenceThumbnails.get('ab'.repeat(32))).toEqual(cannotDraw);
    expect(await db.meta.get(META.schemaVersion)).toEqual({ key: META.schemaVersion, value: DATABASE_SCHEMA_VERSION });
    db.close();
    expect((await inspectStoredDatabase(name))?.nativeVersion).toBe(DATABASE_SCHEMA_VERSION * 10);
  });

  it('keeps every record of a schema-14 database and adds working tables of appeals on both sides', async () => {
    const name = `migration-appeals-${Date.now()}`;
    const old = oldDatabaseAt(name, 14);
    await old.open();
    const written: Record<string, unknown[]> = {
      schools: [{ id: 's1', urn: '123456', name: 'Riverside Primary', regionId: 'north-east', phases: ['primary'], setting: 'mainstream' }],
      moderationOutcomes: [{ submissionKey: 'w1|sub1', kind: 'accredited', levelId: 'established' }],
      meta: [{ key: META.schemaVersion, value: 14 }],
    };
    for (const [table, records] of Object.entries(written)) await old.table(table).bulkAdd(records);
    old.close();
    expect((await inspectStoredDatabase(name))?.nativeVersion).toBe(140);

    const db = new AppDatabase(name, AS_THE_APP_STARTS);
    expect(await openAppDatabase(db, '0.9.0-test')).toEqual({ ok: true });
    for (const [table, records] of Object.entries(written)) {
      if (table === 'meta') continue;
      expect(await db.table(table).toArray(), `the ${table} table`).toEqual(records);
    }
    expect([await db.moderatorAppeals.count(), await db.lodgedAppeals.count()]).toEqual([0, 0]);
    const document = { appealId: 'a1' } as unknown as ModeratorAppealRecord['document'];
    await db.moderatorAppeals.put({
      id: 'a1',
      workspaceId: 'w1',
      submissionKey: 'w1|sub1',
      reportId: 'r1',
      importedAt: '2027-02-02T09:00:00.000Z',
      fileSha256: 'ab'.repeat(32),
      signerFingerprint: 'cd'.repeat(32),
      document,
      pdf: new Blob(['%PDF']),
      result: null,
    });
    await db.lodgedAppeals.put({
      id: 'a1',
      schoolId: 's1',
      evaluationId: 'e1',
      reportId: 'r1',
      lodgedAt: '2027-02-01T09:00:00.000Z',
      fileName: '123456-appeal-2027-02-01-v1.pdf',
      fileSha256: 'ab'.repeat(32),
      document,
      pdf: new Blob(['%PDF']),
    });
    expect((await db.moderatorAppeals.where('submissionKey').equals('w1|sub1').toArray()).map((a) => a.id)).toEqual(['a1']);
    expect((await db.lodgedAppeals.where('reportId').equals('r1').toArray()).map((a) => a.id)).toEqual(['a1']);
    expect(await db.meta.get(META.schemaVersion)).toEqual({ key: META.schemaVersion, value: DATABASE_SCHEMA_VERSION });
    db.close();
    expect((await inspectStoredDatabase(name))?.nativeVersion).toBe(DATABASE_SCHEMA_VERSION * 10);
  });

  it('keeps every shared-folder entry of a schema-18 database and gives each its summary, under the same key and folder', async () => {
    const name = `migration-folder-summaries-${Date.now()}`;
    const old = oldDatabaseAt(name, 18);
    await old.open();
    // The hand-worked region (submissions with their criteria, reports, a second moderation, an older entry) and another workspace's entry.
    const other = { ...regionIndex[0]!, key: 'w2|a.pdf', folderKey: 'w2' };
    const entries = [...regionIndex, other];
    await old.table('sharedFolderEntries').bulkAdd(entries);
    await old.table('meta').add({ key: META.schemaVersion, value: 18 });
    old.close();
    expect((await inspectStoredDatabase(name))?.nativeVersion).toBe(180);

    const db = new AppDatabase(name, AS_THE_APP_STARTS);
    expect(await openAppDatabase(db, '0.9.0-test')).toEqual({ ok: true });
    const byKey = (a: { key: string }, b: { key: string }) => a.key.localeCompare(b.key);
    expect((await db.sharedFolderEntries.toArray()).sort(byKey)).toEqual([...entries].sort(byKey));
    const summaries = (await db.sharedFolderSummaries.toArray()).sort(byKey);
    expect(summaries).toEqual([...entries].sort(byKey).map(summaryOfEntry));
    // The summaries hold no criteria, and are found by folder as the entries are.
    expect(summaries.some((s) => (s.submission?.detail?.criteria.length ?? 0) > 0 || (s.report?.detail?.criteria.length ?? 0) > 0)).toBe(
      false,
    );
    expect((await db.sharedFolderSummaries.where('folderKey').equals('w2').toArray()).map((s) => s.key)).toEqual(['w2|a.pdf']);
    expect(db.sharedFolderSummaries.schema.primKey.keyPath).toBe('key');
    db.close();
  });

  it('keeps every record of a schema-17 database and adds empty tables for a colleague’s pack as it is put together', async () => {
    const name = `migration-pack-drafts-${Date.now()}`;
    const old = oldDatabaseAt(name, 17);
    await old.open();
    const benchmark = { sha256: 'cd'.repeat(32), schoolId: 's1' };
    await old.table('benchmarks').add(benchmark);
    await old.table('meta').add({ key: META.schemaVersion, value: 17 });
    old.close();
    expect((await inspectStoredDatabase(name))?.nativeVersion).toBe(170);

    const db = new AppDatabase(name, AS_THE_APP_STARTS);
    expect(await openAppDatabase(db, '0.9.0-test')).toEqual({ ok: true });
    expect(await db.benchmarks.toArray()).toEqual([benchmark]);
    expect(await db.colleaguePackDrafts.count()).toBe(0);
    expect(db.colleaguePackDrafts.schema.primKey.keyPath).toBe('profileId');
    expect(db.colleaguePackDraftFiles.schema.indexes.map((i) => i.name)).toEqual(['profileId']);
    db.close();
  });

  it('keeps every record of a schema-16 database and adds an empty table of benchmarks, by school', async () => {
    const name = `migration-benchmarks-${Date.now()}`;
    const old = oldDatabaseAt(name, 16);
    await old.open();
    const entry = { key: 'w1|a.pdf', folderKey: 'w1', name: 'a.pdf', sha256: 'ab'.repeat(32), kind: 'other', valid: false };
    await old.table('sharedFolderEntries').add(entry);
    await old.table('meta').add({ key: META.schemaVersion, value: 16 });
    old.close();
    expect((await inspectStoredDatabase(name))?.nativeVersion).toBe(160);

    const db = new AppDatabase(name, AS_THE_APP_STARTS);
    expect(await openAppDatabase(db, '0.9.0-test')).toEqual({ ok: true });
    expect(await db.sharedFolderEntries.toArray()).toEqual([entry]);
    expect(await db.benchmarks.count()).toBe(0);
    expect(db.benchmarks.schema.primKey.keyPath).toBe('sha256');
    expect(db.benchmarks.schema.indexes.map((i) => i.name)).toEqual(['schoolId']);
    db.close();
  });

  it('keeps every record of a schema-15 database and adds an empty shared-folder index, by workspace', async () => {
    const name = `migration-shared-folder-${Date.now()}`;
    const old = oldDatabaseAt(name, 15);
    await old.open();
    const written: Record<string, unknown[]> = {
      moderatorWorkspaces: [
        { id: 'w1', moderatorName: 'Jo Bloggs', organisation: 'North East SEN Regional Partnership', regionId: 'north-east' },
      ],
      approvals: [{ evaluationId: 'e1', name: 'Alex Morgan', role: 'head-teacher', date: '2026-11-19' }],
      meta: [{ key: META.schemaVersion, value: 15 }],
    };
    for (const [table, records] of Object.entries(written)) await old.table(table).bulkAdd(records);
    old.close();
    expect((await inspectStoredDatabase(name))?.nativeVersion).toBe(150);

    const db = new AppDatabase(name, AS_THE_APP_STARTS);
    expect(await openAppDatabase(db, '0.9.0-test')).toEqual({ ok: true });
    for (const [table, records] of Object.entries(written)) {
      if (table === 'meta') continue;
      expect(await db.table(table).toArray(), `the ${table} table`).toEqual(records);
    }
    expect(await db.sharedFolderEntries.count()).toBe(0);
    const entry = {
      key: 'w1|a.pdf',
      folderKey: 'w1',
      name: 'a.pdf',
      size: 10,
      lastModified: 1,
      sha256: 'ab'.repeat(32),
      kind: 'other' as const,
      valid: false,
      reason: 'The file was changed after it was signed.',
      submission: null,
      report: null,
      checkedAt: '2026-12-01T09:00:00.000Z',
    };
    await db.sharedFolderEntries.bulkAdd([entry, { ...entry, key: 'w2|a.pdf', folderKey: 'w2' }]);
    expect(await db.sharedFolderEntries.where('folderKey').equals('w1').toArray()).toEqual([entry]);
    expect(await db.meta.get(META.schemaVersion)).toEqual({ key: META.schemaVersion, value: DATABASE_SCHEMA_VERSION });
    db.close();
    expect((await inspectStoredDatabase(name))?.nativeVersion).toBe(DATABASE_SCHEMA_VERSION * 10);
  });
});

describe('the upgrade to schema 14', () => {
  it('keeps every record of a schema-9 database and adds an empty table of daily progress records, one per evaluation and day', async () => {
    const name = `migration-progress-${Date.now()}`;
    const old = oldDatabaseAt(name, 9);
    await old.open();
    const written: Record<string, unknown[]> = {
      schools: [{ id: 's1', urn: '123456', name: 'Riverside Primary', regionId: 'north-east', phases: ['primary'], setting: 'mainstream' }],
      evaluations: [{ id: 'e1', schoolId: 's1', title: '2027', framework: { id: 'north-east-2026' }, carriedForwardFrom: null }],
      responses: [
        { key: 'e1|NE26-1.1.1', evaluationId: 'e1', criterionId: 'NE26-1.1.1', judgement: 'secure', narrative: 'Kept.', nextSteps: '' },
      ],
      meta: [{ key: META.schemaVersion, value: 9 }],
    };
    for (const [table, records] of Object.entries(written)) await old.table(table).bulkAdd(records);
    old.close();

    const db = new AppDatabase(name, AS_THE_APP_STARTS);
    expect(await openAppDatabase(db, '0.9.0-test')).toEqual({ ok: true });
    for (const [table, records] of Object.entries(written)) {
      if (table === 'meta') continue;
      expect(await db.table(table).toArray(), `the ${table} table`).toEqual(records);
    }
    // No history is made up for the evaluation that existed before.
    expect(await db.progressSnapshots.count()).toBe(0);
    const day = { evaluationId: 'e1', recordedAt: '2026-11-19T09:00:00.000Z', judgements: {}, evidence: {}, notApplicable: {} };
    await db.progressSnapshots.put({ ...day, key: 'e1|2026-11-19', day: '2026-11-19' });
    await db.progressSnapshots.put({ ...day, key: 'e1|2026-11-19', day: '2026-11-19', judgements: { 'NE26-1.1.1': 'secure' } });
    await db.progressSnapshots.put({ ...day, key: 'e1|2026-11-20', day: '2026-11-20' });
    expect(await db.progressSnapshots.where('evaluationId').equals('e1').count()).toBe(2);
    expect((await db.progressSnapshots.get('e1|2026-11-19'))?.judgements).toEqual({ 'NE26-1.1.1': 'secure' });
    db.close();
    expect((await inspectStoredDatabase(name))?.nativeVersion).toBe(DATABASE_SCHEMA_VERSION * 10);
  });
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

    const db = new AppDatabase(name, AS_THE_APP_STARTS);
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
    await createNewerDatabase(name, { nativeVersion: (DATABASE_SCHEMA_VERSION + 1) * 10, meta: [] });
    const outcome = await openAppDatabase(new AppDatabase(name, AS_THE_APP_STARTS), '0.3.0');
    if (outcome.ok) throw new Error('opened');
    expect(outcome.message).toMatch(
      new RegExp(
        `^This data was written by a newer version \\(data format ${DATABASE_SCHEMA_VERSION + 1}\\) of SEN Accreditation than this one`,
      ),
    );
    expect(outcome.message).toContain('Install the newest version of the app');
  });

  it('names the two data formats, not one version number twice, when the same app version wrote newer data', async () => {
    const name = `newer-same-version-${Date.now()}`;
    await createNewerDatabase(name, { nativeVersion: (DATABASE_SCHEMA_VERSION + 1) * 10, meta: [{ key: 'appVersion', value: '0.3.0' }] });
    const outcome = await openAppDatabase(new AppDatabase(name, AS_THE_APP_STARTS), '0.3.0');
    if (outcome.ok) throw new Error('opened');
    expect(outcome.message).toMatch(
      new RegExp(
        `^This data was written by a newer version \\(data format ${DATABASE_SCHEMA_VERSION + 1}\\) of SEN Accreditation than this one \\(version 0\\.3\\.0, data format ${DATABASE_SCHEMA_VERSION}\\)\\.`,
      ),
    );
    expect(outcome.message).toContain('Install the newest version of the app');
  });

  it('refuses when meta says a newer schema wrote it, even at the same IndexedDB version', async () => {
    const name = `newer-meta-${Date.now()}`;
    const db = new AppDatabase(name, AS_THE_APP_STARTS);
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

describe('the backup before a migration', () => {
  it('saves the older database as it was, before migrating it, and that backup restores into this schema', async () => {
    const fixture = schema3 as DatabaseFixture;
    const name = `pre-migration-${Date.now()}`;
    await createOldDatabase(name, fixture);
    const saved: { name: string; file: Blob }[] = [];
    const platform = {
      ...createWebPlatform('0.3.0-test'),
      kind: 'desktop' as const,
      writeAutomaticBackup: async (fileName: string, file: Blob) => {
        saved.push({ name: fileName, file });
      },
    };

    const db = new AppDatabase(name, AS_THE_APP_STARTS);
    const schemasSeen: number[] = [];
    const opened = await openAppDatabase(db, '0.3.0-test', indexedDB, async (schema) => {
      schemasSeen.push(schema);
      await backUpBeforeMigration(name, schema, platform);
    });
    expect(opened).toEqual({ ok: true });
    expect(schemasSeen).toEqual([3]);
    expect(saved).toHaveLength(1);

    // The signed files the fixture holds are taken as genuine: this test is about the schema, not verification.
    const genuine = await genuineFilesIn(db, await northEastFramework());
    const checked = await checkBackupFile(db, saved[0]?.file ?? new Blob(), '0.3.0-test', genuineFilesVerifier(genuine).runner);
    if (!checked.ok) throw new Error(checked.message);
    expect(checked.backup.schemaVersion).toBe(3);
    expect(checked.backup.tables.find((t) => t.name === 'importedSubmissions')?.records).toHaveLength(2);
    await db.importedSubmissionDocuments.clear();
    await restoreBackup(db, checked.backup, '0.3.0-test');
    expect(await db.importedSubmissionDocuments.count()).toBe(2);
    // The schema-3 pin of the moderator's key comes back keyed as schema 5 keeps it, vouched for by the report that verifies.
    const [report] = fixture.tables.receivedReports as { schoolId: string; signerFingerprint: string }[];
    expect(await db.moderatorPins.toArray()).toEqual([
      expect.objectContaining({
        key: `${report!.schoolId}|north-east|north east sen partnership`,
        regionId: 'north-east',
        organisation: 'North East SEN Partnership',
        fingerprint: report!.signerFingerprint,
        pinnedAt: '2026-01-16T08:45:00.000Z',
      }),
    ]);
    expect(await db.schools.count()).toBe(fixture.tables.schools?.length ?? 0);
    // The schema-3 schools come back with the profile schema 6 keeps.
    for (const school of await db.schools.toArray()) {
      expect(school).not.toHaveProperty('phase');
      expect(school.phases.length).toBeGreaterThan(0);
    }
    db.close();
  });

  it('is not made when the database is new, or already at this schema', async () => {
    const calls: number[] = [];
    const db = new AppDatabase(`fresh-${Date.now()}`);
    expect(await openAppDatabase(db, '0.3.0-test', indexedDB, async (schema) => void calls.push(schema))).toEqual({ ok: true });
    db.close();
    const again = new AppDatabase(db.name);
    expect(await openAppDatabase(again, '0.3.0-test', indexedDB, async (schema) => void calls.push(schema))).toEqual({ ok: true });
    again.close();
    expect(calls).toEqual([]);
  });
  it('keeps every record of a schema-9 database and adds working tables for colleagues’ evidence packs', async () => {
    const name = `migration-evidence-packs-${Date.now()}`;
    const old = oldDatabaseAt(name, 9);
    await old.open();
    const written: Record<string, unknown[]> = {
      schools: [{ id: 's1', urn: '123456', name: 'Riverside Primary', regionId: 'north-east', phases: ['primary'], setting: 'mainstream' }],
      evidence: [{ id: 'ev1', schoolId: 's1', title: 'SEN policy', kind: 'policy', file: null }],
      meta: [{ key: META.schemaVersion, value: 9 }],
    };
    for (const [table, records] of Object.entries(written)) await old.table(table).bulkAdd(records);
    old.close();
    expect((await inspectStoredDatabase(name))?.nativeVersion).toBe(90);

    const db = new AppDatabase(name, AS_THE_APP_STARTS);
    expect(await openAppDatabase(db, '0.9.0-test')).toEqual({ ok: true });
    for (const [table, records] of Object.entries(written)) {
      if (table === 'meta') continue;
      expect(await db.table(table).toArray(), `the ${table} table`).toEqual(records);
    }
    expect(await db.colleagueProfiles.count()).toBe(0);
    const pin = {
      key: 's1|colleague|jo brown',
      schoolId: 's1',
      colleagueName: 'Jo Brown',
      fingerprint: 'ab'.repeat(32),
      pinnedAt: '2026-11-19T09:00:00.000Z',
    };
    await db.colleaguePins.put(pin);
    expect(await db.colleaguePins.where('schoolId').equals('s1').toArray()).toEqual([pin]);
    expect(await db.evidencePackImports.where('schoolId').equals('s1').count()).toBe(0);
    expect(await db.meta.get(META.schemaVersion)).toEqual({ key: META.schemaVersion, value: DATABASE_SCHEMA_VERSION });
    db.close();
  });
});
