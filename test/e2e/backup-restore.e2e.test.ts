import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_NAME, DATABASE_SCHEMA_VERSION } from '../../renderer/db/app-database';
import { BACKUP_HEADER_BYTES, BACKUP_MAGIC } from '../../shared/backup/backup-format';
import { canonicalJson } from '../../shared/formats/canonical-json';
import { checkScreen, expectSavedAfter, expectText, expectVisible, shippedFrameworkForRegion } from './support/app';
import type { AppBrowser } from './support/browser';
import { RIVERSIDE_PRIMARY, setUpSchoolFromHome } from './support/school-steps';
import { closeAppSession, openAppSession } from './support/session';
import type { StaticServer } from './support/static-server';

/**
 * Backing up and restoring in Chromium, as a person does it: a school, an evaluation and an
 * evidence file made through the screens; "Back up now" (a download); the database deleted;
 * "Restore from a backup…" with the downloaded file; everything back, the file byte for byte.
 * Then the refusals: a backup from a newer version, and a database from a newer version at start.
 */

let server: StaticServer;
let app: AppBrowser;
let page: Page;
let folder: string;

/** Every byte value, twice, then a text line: an evidence file that shows any byte a backup changes. */
const EVIDENCE = Buffer.concat([
  Buffer.from(Array.from({ length: 512 }, (_, i) => i % 256)),
  Buffer.from('\nAttendance extract, anonymised.\n'),
]);
const EVIDENCE_SHA256 = createHash('sha256').update(EVIDENCE).digest('hex');

beforeAll(async () => {
  ({ server, app, page } = await openAppSession());
  folder = await mkdtemp(join(tmpdir(), 'sen-backup-e2e-'));
  // A page of the app's origin that does not run the app (answered here, so the server logs no 404).
  await page.route(`${server.origin}/e2e-blank-page`, (route) =>
    route.fulfill({
      status: 200,
      contentType: 'text/html; charset=utf-8',
      body: '<!doctype html><html lang="en"><title>Blank</title></html>',
    }),
  );
});

afterAll(async () => {
  await closeAppSession({ app, server });
  if (folder) await rm(folder, { recursive: true, force: true });
});

/** A page of the same origin that does not run the app, so the database can be handled with nothing holding it open. */
async function openBlankPageOfTheApp(): Promise<void> {
  await page.goto(`${server.origin}/e2e-blank-page`);
}

async function deleteDatabase(): Promise<void> {
  await openBlankPageOfTheApp();
  await page.evaluate(
    (name) =>
      new Promise<void>((resolve, reject) => {
        const request = indexedDB.deleteDatabase(name);
        request.onsuccess = () => resolve();
        request.onerror = () => reject(request.error ?? new Error('not deleted'));
        request.onblocked = () => reject(new Error('The database is still open somewhere'));
      }),
    DATABASE_NAME,
  );
}

interface Snapshot {
  version: number;
  stores: string[];
  /** Every record of every store but signingKeys and meta; Blobs as their type, size and SHA-256. */
  tables: Record<string, unknown[]>;
  meta: unknown[];
}

/** Reads the whole database in the page, straight from IndexedDB (not through the app). */
async function databaseSnapshot(): Promise<Snapshot> {
  return page.evaluate(async (name) => {
    const idb = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(name);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error('not opened'));
    });
    const stores = [...idb.objectStoreNames].sort();
    const tx = idb.transaction(stores, 'readonly');
    const rows = await Promise.all(
      stores.map(
        (store) =>
          new Promise<unknown[]>((resolve, reject) => {
            const all = tx.objectStore(store).getAll();
            all.onsuccess = () => resolve(all.result as unknown[]);
            all.onerror = () => reject(all.error ?? new Error('not read'));
          }),
      ),
    );
    const version = idb.version;
    idb.close();
    const hex = (buffer: ArrayBuffer) => [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, '0')).join('');
    const plain = async (value: unknown): Promise<unknown> => {
      if (value instanceof Blob)
        return { blobType: value.type, size: value.size, sha256: hex(await crypto.subtle.digest('SHA-256', await value.arrayBuffer())) };
      if (Array.isArray(value)) return Promise.all(value.map(plain));
      if (value && typeof value === 'object') {
        const out: Record<string, unknown> = {};
        for (const [key, item] of Object.entries(value)) out[key] = await plain(item);
        return out;
      }
      return value;
    };
    const tables: Record<string, unknown[]> = {};
    let meta: unknown[] = [];
    for (const [index, store] of stores.entries()) {
      const records = (await plain(rows[index])) as unknown[];
      if (store === 'meta') meta = records;
      else if (store !== 'signingKeys') tables[store] = records;
    }
    return { version, stores, tables, meta };
  }, DATABASE_NAME);
}

async function setUpSchoolWithEvidence(): Promise<{ evidenceTitle: string }> {
  const framework = await shippedFrameworkForRegion('north-east');
  const first = framework.criteria[0];
  if (!first) throw new Error('The North East framework has no criteria');
  await setUpSchoolFromHome(page, server.url, RIVERSIDE_PRIMARY);

  const title = await page.getByLabel('Name of the evaluation').inputValue();
  await page.getByRole('button', { name: 'Start evaluation' }).click();
  await expectVisible(page.getByRole('heading', { level: 1, name: title }));
  await page.getByRole('link', { name: `Continue with ${first.id}` }).click();
  const judgement = page.getByRole('group', { name: 'Judgement' });
  await expectVisible(judgement);
  await expectSavedAfter(page, () => judgement.locator('label').getByText('Established', { exact: true }).click());
  await expectSavedAfter(page, () => page.getByLabel('Narrative').fill('Attendance of pupils on SEN support is tracked weekly.'));
  await page
    .getByLabel('Add a new file and link it')
    .setInputFiles([{ name: 'attendance-extract.bin', mimeType: 'application/octet-stream', buffer: EVIDENCE }]);
  await expectVisible(page.getByText('Added and linked “attendance-extract.bin”.'));
  return { evidenceTitle: 'attendance extract' };
}

async function openSettings(): Promise<void> {
  await page.goto(`${server.url}#/settings`);
  await expectVisible(page.getByRole('heading', { level: 2, name: 'Back up and restore' }));
}

const backupSection = () => page.getByRole('region', { name: 'Back up and restore' });

let backupPath = '';

describe('backing up and restoring in the browser', () => {
  it('backs up a school, its evaluation and an evidence file, and after the database is deleted restores them byte for byte', async () => {
    await setUpSchoolWithEvidence();
    const before = await databaseSnapshot();
    expect(before.version).toBe(DATABASE_SCHEMA_VERSION * 10);
    expect(before.tables.schools).toHaveLength(1);
    expect(before.tables.evaluations).toHaveLength(1);
    expect(before.tables.evidenceBlobs).toEqual([
      {
        sha256: EVIDENCE_SHA256,
        size: EVIDENCE.length,
        type: 'application/octet-stream',
        blob: expect.objectContaining({ sha256: EVIDENCE_SHA256 }),
      },
    ]);
    expect(before.meta).toEqual(expect.arrayContaining([{ key: 'schemaVersion', value: DATABASE_SCHEMA_VERSION }]));

    await openSettings();
    await checkScreen(page, 'settings-backup-and-restore', 'Settings');
    await expectText(backupSection().getByTestId('last-backup'), 'No backup has been made on this computer yet.');
    const started = Date.now();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      backupSection().getByRole('button', { name: 'Back up now' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^sen-accreditation-backup-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ-v[0-9A-Za-z.-]+\.senbackup$/);
    backupPath = join(folder, download.suggestedFilename());
    await download.saveAs(backupPath);
    await expectVisible(backupSection().getByText(/^Backup saved as “sen-accreditation-backup-/));
    console.info(`e2e backup: ${(await readFile(backupPath)).length} bytes, saved in ${Date.now() - started} ms (click to download)`);
    await expectText(backupSection().getByTestId('last-backup'), /^Last backup: \d{1,2} \w+ \d{4} at \d\d:\d\d\.$/);
    const bytes = await readFile(backupPath);
    expect([...bytes.subarray(0, 8)]).toEqual(BACKUP_MAGIC);
    expect(bytes.includes(EVIDENCE)).toBe(true);

    await deleteDatabase();
    await page.goto(server.url);
    await expectVisible(page.getByText('No school has been set up yet.', { exact: false }));

    await openSettings();
    await backupSection().getByLabel('Restore from a backup…').setInputFiles(backupPath);
    const question = backupSection().getByTestId('restore-question');
    await expectText(
      question,
      /^Restoring replaces everything in the app with the backup from \d{1,2} \w+ \d{4} at \d\d:\d\d \(made by version [^)]+\): 1 school, 1 evaluation, 1 item of evidence, 1 stored file, 0 exported submissions\. /,
    );
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('restore-question');
    await checkScreen(page, 'settings-restore-confirm', 'Settings');
    await backupSection().getByRole('button', { name: 'Replace everything with this backup' }).click();
    const done = backupSection().getByText(/^Restored the backup from /);
    await expectVisible(done);
    expect(await done.innerText()).toContain(
      'Riverside Primary School has no signing key on this computer: a new key is made at the next export',
    );
    await checkScreen(page, 'settings-restored', 'Settings');
    await expectVisible(
      page.getByRole('region', { name: 'Signing certificates' }).getByText('No key yet: it is made at the first export.', { exact: true }),
    );

    const after = await databaseSnapshot();
    expect(after.tables).toEqual(before.tables);
    expect(after.version).toBe(before.version);
    expect((after.tables.evidenceBlobs?.[0] as { blob: { sha256: string } }).blob.sha256).toBe(EVIDENCE_SHA256);

    // And the app shows it all again.
    await page.goto(server.url);
    await page.getByRole('list', { name: 'Schools' }).getByRole('link', { name: 'Riverside Primary School' }).click();
    await expectVisible(page.getByRole('heading', { level: 1, name: 'Riverside Primary School' }));
  });

  it('refuses a backup whose manifest says a newer version, with the message, and changes nothing', async () => {
    if (!backupPath) throw new Error('The first test made no backup');
    const original = await readFile(backupPath);
    const length = original.readUInt32BE(12);
    const manifest = JSON.parse(original.subarray(BACKUP_HEADER_BYTES, BACKUP_HEADER_BYTES + length).toString('utf8')) as Record<
      string,
      unknown
    >;
    const json = Buffer.from(canonicalJson({ ...manifest, appVersion: '99.0.0' }));
    const header = Buffer.alloc(BACKUP_HEADER_BYTES);
    Buffer.from(BACKUP_MAGIC).copy(header, 0);
    header.writeUInt32BE(1, 8);
    header.writeUInt32BE(json.length, 12);
    createHash('sha256').update(json).digest().copy(header, 16);
    const newerPath = join(folder, 'from-a-newer-version.senbackup');
    await writeFile(newerPath, Buffer.concat([header, json, original.subarray(BACKUP_HEADER_BYTES + length)]));

    await openSettings();
    const before = await databaseSnapshot();
    await backupSection().getByLabel('Restore from a backup…').setInputFiles(newerPath);
    const summary = page
      .getByRole('alert')
      .filter({ has: page.getByRole('heading', { name: '“from-a-newer-version.senbackup” was not restored' }) });
    await expectVisible(summary);
    await expectText(
      summary.getByRole('link'),
      /^This backup was made by a newer version of SEN Accreditation \(version 99\.0\.0\) than this one \(version [^)]+\), so this version cannot restore it\. Nothing in the app has been changed\./,
    );
    await checkScreen(page, 'settings-restore-refused', 'Settings');
    await expect(backupSection().getByRole('button', { name: 'Replace everything with this backup' }).count()).resolves.toBe(0);
    expect(await databaseSnapshot()).toEqual(before);
  });

  it('refuses at start a database written by a newer version, with the message, and leaves its data untouched', async () => {
    await deleteDatabase();
    const newerVersion = (DATABASE_SCHEMA_VERSION + 1) * 10;
    await page.evaluate(
      ({ name, version }) =>
        new Promise<void>((resolve, reject) => {
          const request = indexedDB.open(name, version);
          request.onupgradeneeded = () => {
            const idb = request.result;
            idb.createObjectStore('schools', { keyPath: 'id' });
            idb.createObjectStore('meta', { keyPath: 'key' });
            idb.createObjectStore('aTableFromTheFuture', { keyPath: 'id' });
            const tx = request.transaction!;
            tx.objectStore('schools').add({
              id: 's1',
              name: 'Riverside Primary School',
              urn: '123456',
              createdAt: '2030-01-01T00:00:00.000Z',
            });
            tx.objectStore('meta').add({ key: 'appVersion', value: '9.1.0' });
            tx.objectStore('aTableFromTheFuture').add({ id: 'x', blob: new Blob(['future'], { type: 'text/plain' }) });
          };
          request.onsuccess = () => {
            request.result.close();
            resolve();
          };
          request.onerror = () => reject(request.error ?? new Error('not made'));
        }),
      { name: DATABASE_NAME, version: newerVersion },
    );
    const before = await databaseSnapshot();
    expect(before.version).toBe(newerVersion);

    await page.goto(server.url);
    await checkScreen(page, 'newer-data-refused', 'This data was written by a newer version of the app');
    await expectText(
      page.getByRole('alert'),
      /^This data was written by a newer version \(9\.1\.0\) of SEN Accreditation than this one \(version [^)]+\)\. To keep it safe, this version will not open it or change it in any way\. Install version 9\.1\.0 or newer of the app to carry on: all of your data is still there\.$/,
    );
    await page.reload();
    await expectVisible(page.getByRole('heading', { level: 1, name: 'This data was written by a newer version of the app' }));

    await openBlankPageOfTheApp();
    expect(await databaseSnapshot()).toEqual(before);
  });

  it('made no request to anything but the local server, and logged no errors', () => {
    expect(app.outsideRequests).toEqual([]);
    expect(app.pageErrors).toEqual([]);
  });
});
