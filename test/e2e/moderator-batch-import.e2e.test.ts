import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectText, expectVisible, UI_TIMEOUT } from './support/app';
import { launchAppBrowser, type AppBrowser } from './support/browser';
import { startStaticServer, type StaticServer } from './support/static-server';
import { assembleSigned, demonstrationData, signingIdentityFor } from '../fixtures/signed-submission';

/**
 * Twenty schools' signed submissions dropped in at once: the import shows its progress, each file
 * is checked in the worker one after another, and the rest of the app stays usable meanwhile.
 */
const SCHOOLS = 20;
let server: StaticServer;
let app: AppBrowser;
let page: Page;
const paths: string[] = [];

beforeAll(async () => {
  const demo = await demonstrationData();
  const dir = await mkdtemp(join(tmpdir(), 'sen-batch-'));
  for (let i = 0; i < SCHOOLS; i += 1) {
    const urn = String(700001 + i);
    const name = `Batch School ${i + 1}`;
    const school = { ...demo.snapshot.school, name, urn };
    const signing = await signingIdentityFor(name, urn);
    const bytes = await assembleSigned({ ...demo, snapshot: { ...demo.snapshot, school } }, signing, ({ document }) => {
      document.submissionId = `batch-${urn}`;
    });
    const path = join(dir, `${urn}-north-east-v1.pdf`);
    await writeFile(path, bytes);
    paths.push(path);
  }
  server = await startStaticServer();
  app = await launchAppBrowser(server.origin);
  page = app.page;
  page.setDefaultTimeout(UI_TIMEOUT);
}, 180_000);

afterAll(async () => {
  await app?.close();
  await server?.close();
});

describe('a moderator imports 20 submissions at once', () => {
  it('shows progress, keeps the queue usable while the files are checked, and imports all twenty', async () => {
    await page.goto(server.url);
    await page.getByRole('link', { name: 'Set up a moderator workspace' }).click();
    await page.getByLabel('Your name').fill('Sam Moderator');
    await page.getByLabel('Region you moderate').selectOption({ label: 'North East' });
    await page.getByRole('button', { name: 'Set up moderator workspace' }).click();
    await expectVisible(page.getByRole('heading', { level: 1, name: 'Submissions to moderate' }));
    const queueUrl = page.url();
    await page.getByRole('navigation', { name: 'Moderator workspace' }).getByRole('link', { name: 'Import submissions' }).click();
    await expectVisible(page.getByRole('heading', { level: 1, name: 'Import submissions' }));

    await page.getByLabel('Choose submission PDFs').setInputFiles(paths);
    const bar = page.getByRole('progressbar', { name: 'Submissions checked' });
    await expectVisible(bar);
    await expect.poll(async () => Number(await bar.getAttribute('max'))).toBe(SCHOOLS);
    const seen = new Set<number>();
    await expect
      .poll(
        async () => {
          const value = Number((await bar.getAttribute('value', { timeout: 1000 }).catch(() => null)) ?? SCHOOLS);
          seen.add(value);
          return value;
        },
        { timeout: 30_000, interval: 20 },
      )
      .toBeGreaterThan(2);
    // The queue can be opened during the import: the import carries on in the background.
    await page.goto(queueUrl);
    await expectVisible(page.getByRole('heading', { level: 1, name: 'Submissions to moderate' }));
    expect(seen.size).toBeGreaterThanOrEqual(2);

    // Every school is new to this workspace: each file waits, stored nowhere, until the moderator trusts its key.
    await page.getByRole('navigation', { name: 'Moderator workspace' }).getByRole('link', { name: 'Import submissions' }).click();
    await expectText(
      page.getByRole('status').filter({ hasText: /^Checked/ }),
      `Checked ${SCHOOLS} files: ${SCHOOLS} waiting for your decision.`,
      120_000,
    );
    const trust = page.getByRole('button', { name: /^Trust and import / });
    await expect.poll(() => trust.count()).toBe(SCHOOLS);
    for (let left = SCHOOLS; left > 0; left -= 1) {
      await trust.first().click();
      await expect.poll(() => trust.count()).toBe(left - 1);
    }
    await expectText(page.getByRole('status').filter({ hasText: /^Checked/ }), `Checked ${SCHOOLS} files: ${SCHOOLS} imported.`, 60_000);
    await page.goto(queueUrl);
    await expect.poll(() => page.getByRole('table').getByRole('rowheader').count(), { timeout: 120_000 }).toBe(SCHOOLS);
    expect(app.outsideRequests).toEqual([]);
    expect(app.pageErrors).toEqual([]);
  });
});
