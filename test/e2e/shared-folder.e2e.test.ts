import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemonstrationSchool } from '../../shared/demonstration/demonstration-school';
import type { SigningIdentity } from '../../shared/submission/submission-exporter';
import { assembleSigned, demonstrationData, exportDemonstration, signingIdentityFor } from '../fixtures/signed-submission';
import { checkScreen, expectText, expectVisible, screenAddresses } from './support/app';
import type { AppBrowser } from './support/browser';
import { expectAxeInEveryLook } from './support/reading-themes';
import { closeAppSession, openAppSession } from './support/session';
import type { StaticServer } from './support/static-server';

/**
 * A moderator points the workspace at a shared folder and scans it, in Chromium. A headless browser
 * cannot show the folder picker, so the picker hands the app a folder of the origin's private file
 * system (navigator.storage.getDirectory()), which is a real FileSystemDirectoryHandle: the app
 * remembers it in IndexedDB, lists it, reads each file and checks it in the verify worker.
 */
let server: StaticServer;
let app: AppBrowser;
let page: Page;
let demo: DemonstrationSchool;
let key: SigningIdentity;
const files: Record<string, Uint8Array> = {};

beforeAll(async () => {
  demo = await demonstrationData();
  key = await signingIdentityFor(demo.snapshot.school.name, demo.snapshot.school.urn);
  const later = (version: number) =>
    assembleSigned(demo, key, ({ document }) => {
      document.submissionId = `sub-folder-000${version}`;
      document.version = version;
      document.createdAt = `2026-12-0${version}T10:30:00.000Z`;
    });
  files['brookfield-v1.pdf'] = (await exportDemonstration(demo, key)).bytes;
  files['brookfield-v2.pdf'] = await later(2);
  files['brookfield-v3.pdf'] = await later(3);
  const tampered = files['brookfield-v1.pdf'].slice();
  const at = tampered.length - 300;
  tampered[at] = (tampered[at] ?? 0) ^ 0x01;
  files['brookfield-v1-changed.pdf'] = tampered;
  ({ server, app, page } = await openAppSession());
  await page.addInitScript(() => {
    (window as unknown as { showDirectoryPicker: () => Promise<unknown> }).showDirectoryPicker = async () =>
      (await navigator.storage.getDirectory()).getDirectoryHandle('North East moderators', { create: true });
  });
}, 120_000);

afterAll(async () => {
  await closeAppSession({ app, server });
});

/** Puts a file into the folder the picker gives, as a colleague's sync would. */
async function putInFolder(name: string): Promise<void> {
  const base64 = Buffer.from(files[name]!).toString('base64');
  await page.evaluate(
    async ([fileName, data]) => {
      const folder = await (await navigator.storage.getDirectory()).getDirectoryHandle('North East moderators', { create: true });
      const handle = await folder.getFileHandle(fileName, { create: true });
      const writable = await handle.createWritable();
      await writable.write(Uint8Array.from(atob(data), (c) => c.charCodeAt(0)));
      await writable.close();
    },
    [name, base64] as const,
  );
}

const scanStatus = () => page.getByRole('status').filter({ hasText: /^Scan finished/ });
const submissionRows = () => page.getByRole('region', { name: /^Submissions in the folder/ }).getByRole('row');

describe('a moderator works from a shared folder', () => {
  it('sets up a workspace and opens its shared folder screen', async () => {
    await page.goto(server.url);
    await page.getByRole('link', { name: 'Set up a moderator workspace' }).click();
    await page.getByLabel('Your name').fill('Jo Bloggs');
    await page.getByLabel('Region you moderate').selectOption({ label: 'North East' });
    await expect.poll(() => page.getByLabel('Organisation').inputValue()).toBe('North East SEN Regional Partnership');
    await page.getByRole('button', { name: 'Set up moderator workspace' }).click();
    await expectVisible(page.getByRole('heading', { level: 1, name: 'Submissions to moderate' }));
    await page.getByRole('navigation', { name: 'Moderator workspace' }).getByRole('link', { name: 'Shared folder' }).click();
    await checkScreen(page, 'shared folder (none chosen)', 'Shared folder');
    await expectVisible(page.getByText('No folder is chosen for this workspace yet.'));
  });

  it('chooses the folder, scans two signed submissions and lists them as checked, and a tampered one apart with its reason', async () => {
    await putInFolder('brookfield-v1.pdf');
    await putInFolder('brookfield-v2.pdf');
    await putInFolder('brookfield-v1-changed.pdf');
    await page.getByRole('button', { name: 'Choose the shared folder' }).click();
    await expectText(page.getByText(/^Folder:/), 'Folder: North East moderators');
    // By keyboard: the scan button takes focus and Enter starts it.
    await page.getByRole('button', { name: 'Scan the folder' }).focus();
    await page.keyboard.press('Enter');
    await expectText(scanStatus(), 'Scan finished: 3 files checked.', 120_000);
    await expectVisible(page.getByRole('heading', { level: 2, name: 'Submissions in the folder (2)' }));
    await expect.poll(() => submissionRows().count()).toBe(3);
    await expectText(submissionRows().nth(1), /Brookfield.*1.*brookfield-v1\.pdf.*Passed every check/);
    await expectText(submissionRows().nth(2), /Brookfield.*2.*brookfield-v2\.pdf.*Passed every check/);
    await expectVisible(page.getByRole('heading', { level: 2, name: 'Files that failed the checks (1)' }));
    await expectText(
      page.getByRole('list', { name: 'Files that failed the checks' }).getByRole('listitem'),
      /^brookfield-v1-changed\.pdf: .+/,
    );
    await checkScreen(page, 'shared folder (scanned)', 'Shared folder');
  });

  it('remembers the folder after a reload, and a rescan checks only the file added since', async () => {
    await putInFolder('brookfield-v3.pdf');
    await page.reload();
    await expectText(page.getByText(/^Folder:/), 'Folder: North East moderators');
    await page.getByRole('button', { name: 'Rescan (new or changed files only)' }).click();
    await expectText(scanStatus(), 'Scan finished: 1 file checked, 3 files unchanged since the last scan.', 120_000);
    await expectVisible(page.getByRole('heading', { level: 2, name: 'Submissions in the folder (3)' }));
    await expectText(submissionRows().nth(3), /brookfield-v3\.pdf/);
  });

  it('a partnership points at the same folder, scans it and sees the school in its regional overview (axe, keyboard)', async () => {
    await page.goto(server.url);
    await page.getByRole('link', { name: 'Set up a partnership workspace' }).click();
    await page.getByLabel('Region').selectOption({ label: 'North East' });
    await expect.poll(() => page.getByLabel(/Partnership’s name/).inputValue()).not.toBe('');
    await page.getByRole('button', { name: 'Set up partnership workspace' }).click();
    await page.getByRole('link', { name: 'Regional overview and the shared folder' }).click();
    await checkScreen(page, 'regional overview (no folder)', 'Regional overview');
    await page.getByRole('button', { name: 'Choose the shared folder' }).click();
    await expectText(page.getByText(/^Folder:/), 'Folder: North East moderators');
    await page.getByRole('button', { name: 'Scan the shared folder' }).focus();
    await page.keyboard.press('Enter');
    await expectText(scanStatus(), 'Scan finished: 4 files checked.', 120_000);
    const schools = page.getByRole('table', { name: /^Schools by local authority and phase/ });
    await expect.poll(() => schools.getByRole('row').count()).toBe(2);
    await expectText(schools.getByRole('row').nth(1), /Brookfield.*3.*New/);
    // Sorting from the keyboard.
    await schools.getByRole('button', { name: /^School/ }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => schools.getByRole('columnheader', { name: /^School/ }).getAttribute('aria-sort')).toBe('ascending');
    await checkScreen(page, 'regional overview (scanned)', 'Regional overview');
  });

  it('the shared folder and the regional overview, as scanned, pass axe in every theme and tint', async () => {
    const addresses = ['shared folder (scanned)', 'regional overview (scanned)'].map((name) => {
      const address = screenAddresses.get(name);
      if (!address) throw new Error(`the journey did not reach the ${name} screen`);
      return address;
    });
    await expectAxeInEveryLook(page, addresses);
    // Loaded afresh, each still shows what the scan found.
    await expectVisible(page.getByRole('table', { name: /^Schools by local authority and phase/ }));
    expect(app.pageErrors).toEqual([]);
  });
});
