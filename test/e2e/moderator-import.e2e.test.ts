import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemonstrationSchool } from '../../shared/demonstration/demonstration-school';
import { shortHash } from '../../shared/formats/sha256';
import type { SigningIdentity } from '../../shared/submission/submission-exporter';
import { assembleSigned, demonstrationData, exportDemonstration, signingIdentityFor } from '../fixtures/signed-submission';
import { checkScreen, expectText, expectVisible } from './support/app';
import type { AppBrowser } from './support/browser';
import { closeAppSession, openAppSession } from './support/session';
import type { StaticServer } from './support/static-server';

/**
 * A moderator sets up a workspace and imports real signed submissions, which the verify worker
 * checks in Chromium: good files, a later version, one signed with a new key, a tampered file and
 * a file that is not a PDF. Then the queue groups the school's versions and shows what changed.
 */
let server: StaticServer;
let app: AppBrowser;
let page: Page;
let demo: DemonstrationSchool;
let keyA: SigningIdentity;
let keyB: SigningIdentity;
const paths: Record<string, string> = {};

beforeAll(async () => {
  demo = await demonstrationData();
  const { name, urn } = demo.snapshot.school;
  [keyA, keyB] = await Promise.all([signingIdentityFor(name, urn), signingIdentityFor(name, urn)]);
  const later = (version: number, key: SigningIdentity) =>
    assembleSigned(demo, key, ({ document }) => {
      document.submissionId = `sub-test-000${version}`;
      document.version = version;
      document.createdAt = `2026-12-0${version}T10:30:00.000Z`;
      const first = document.responses[0];
      if (first) first.narrative = `${first.narrative} Updated after the governors’ review.`;
    });
  const v1 = (await exportDemonstration(demo, keyA)).bytes;
  const tampered = v1.slice();
  const at = tampered.length - 300;
  tampered[at] = (tampered[at] ?? 0) ^ 0x01;
  const files: Record<string, Uint8Array> = {
    'brookfield-v1.pdf': v1,
    'brookfield-v2.pdf': await later(2, keyA),
    'brookfield-v3-new-key.pdf': await later(3, keyB),
    'brookfield-v1-changed.pdf': tampered,
    'minutes.docx': new TextEncoder().encode('Not a PDF at all'),
  };
  const dir = await mkdtemp(join(tmpdir(), 'sen-moderator-'));
  for (const [fileName, bytes] of Object.entries(files)) {
    paths[fileName] = join(dir, fileName);
    await writeFile(join(dir, fileName), bytes);
  }
  ({ server, app, page } = await openAppSession());
}, 120_000);

afterAll(async () => {
  await closeAppSession({ app, server });
});

function result(fileName: string): Locator {
  return page
    .getByRole('list', { name: 'Files and what happened to each' })
    .getByRole('listitem')
    .filter({ has: page.getByRole('heading', { name: new RegExp(`^${fileName.replace('.', '\\.')} `) }) });
}

describe('a moderator imports signed submissions', () => {
  it('sets up a moderator workspace, with the error summary first', async () => {
    await page.goto(server.url);
    await page.getByRole('link', { name: 'Set up a moderator workspace' }).click();
    await checkScreen(page, 'moderator workspace form', 'Set up a moderator workspace');
    await page.getByRole('button', { name: 'Set up moderator workspace' }).click();
    await expectVisible(page.getByRole('heading', { name: 'There is a problem' }));
    await page.getByLabel('Your name').fill('Jo Bloggs');
    await page.getByLabel('Region you moderate').selectOption({ label: 'North East' });
    await expect.poll(() => page.getByLabel('Organisation').inputValue()).toBe('North East SEN Regional Partnership');
    await page.getByRole('button', { name: 'Set up moderator workspace' }).click();
    await checkScreen(page, 'moderation queue (empty)', 'Submissions to moderate');
    await expectVisible(page.getByRole('heading', { name: 'No submissions yet' }));
  });

  it('checks each file in the worker and says what happened to it', async () => {
    await page.getByRole('navigation', { name: 'Moderator workspace' }).getByRole('link', { name: 'Import submissions' }).click();
    await checkScreen(page, 'moderation import', 'Import submissions');
    await page.getByLabel('Choose submission PDFs').setInputFiles(Object.values(paths));
    // The school is new to this workspace: its three files wait until the moderator trusts a key.
    await expectText(
      page.getByRole('status').filter({ hasText: /^Checked/ }),
      /^Checked 5 files: 2 not imported, 3 waiting for your decision\.$/,
      120_000,
    );
    await checkScreen(page, 'moderation import first use', 'Import submissions', { screenshot: 'moderator-import-first-use' });
    await result('brookfield-v1.pdf').getByRole('button', { name: 'Trust and import “brookfield-v1.pdf”' }).click();
    await expectText(
      page.getByRole('status').filter({ hasText: /^Checked/ }),
      /^Checked 5 files: 2 imported, 2 not imported, 1 waiting for your decision\.$/,
      120_000,
    );

    await expectText(result('brookfield-v1.pdf').getByRole('heading'), 'brookfield-v1.pdf Imported');
    await expect.poll(() => result('brookfield-v1.pdf').innerText()).toContain(shortHash(keyA.certificateFingerprint, 16));
    await expect.poll(() => result('brookfield-v1.pdf').innerText()).toContain('First submission from URN 999001 in this workspace');
    await expect.poll(() => result('brookfield-v2.pdf').innerText()).toContain('Matches the key pinned for URN 999001.');
    await expectText(result('brookfield-v1-changed.pdf').getByRole('heading'), 'brookfield-v1-changed.pdf Not imported');
    await expect.poll(() => result('brookfield-v1-changed.pdf').innerText()).toContain('Nothing was imported.');
    await expectText(result('minutes.docx').getByRole('heading'), 'minutes.docx Not imported');
    const question = result('brookfield-v3-new-key.pdf');
    await expect.poll(() => question.innerText()).toContain('Warning: this file is signed with a different key');
    await expect.poll(() => question.innerText()).toContain(shortHash(keyB.certificateFingerprint, 16));
    await checkScreen(page, 'moderation import results', 'Import submissions', { screenshot: 'moderator-import' });

    await question.getByRole('button', { name: 'Accept the new key and import “brookfield-v3-new-key.pdf”' }).click();
    await expectText(result('brookfield-v3-new-key.pdf').getByRole('heading'), 'brookfield-v3-new-key.pdf Imported');
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent ?? '')).toBe('brookfield-v3-new-key.pdf Imported');

    // The same file again: nothing new.
    await page.getByLabel('Choose submission PDFs').setInputFiles([paths['brookfield-v1.pdf'] ?? '']);
    await expectText(page.getByRole('status').filter({ hasText: /^Checked/ }), 'Checked 1 file: 1 already in this workspace.', 60_000);
  });

  it('shows the school’s versions as one group in the queue, with what changed', async () => {
    await page.getByRole('link', { name: 'Go to the submissions' }).click();
    await checkScreen(page, 'moderation queue', 'Submissions to moderate', { screenshot: 'moderator-queue' });
    const table = page.getByRole('table');
    await expect
      .poll(() => table.getByRole('rowheader').allTextContents())
      .toEqual([
        'Brookfield Demonstration Primary School, submission v3',
        'Brookfield Demonstration Primary School, submission v2',
        'Brookfield Demonstration Primary School, submission v1',
      ]);
    await expect.poll(() => table.locator('tbody').count()).toBe(1);
    await page
      .locator('summary')
      .filter({ hasText: /^Changes since v1 / })
      .click();
    const first = demo.snapshot.framework.criteria[0]?.id ?? '';
    await expectText(page.locator('details[open] li').first(), `${first}: Narrative changed`);
    await checkScreen(page, 'moderation queue with changes', 'Submissions to moderate');
    expect(app.outsideRequests).toEqual([]);
    expect(app.pageErrors).toEqual([]);
  });
});
