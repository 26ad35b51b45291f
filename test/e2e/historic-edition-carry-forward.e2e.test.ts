import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_NAME } from '../../renderer/db/app-database';
import type { AppliedFramework } from '../../shared/framework/applied-framework';
import { SHIPPED_CROSSWALKS } from '../../shared/framework/shipped-frameworks';
import schema1 from '../fixtures/database-schema-1.json';
import { checkScreen, expectText, expectValue, expectVisible, shippedFrameworkForRegion } from './support/app';
import type { AppBrowser } from './support/browser';
import { continueWithFirstCriterion, judgementGroup, openFromSideList } from './support/school-steps';
import { closeAppSession, openAppSession } from './support/session';
import type { StaticServer } from './support/static-server';

/**
 * A database left by the first release (schema 1, the stored fixture of a realistic database)
 * holds a North East evaluation made on the 2005 edition. This build opens it: the evaluation shows
 * as on the historic edition, with its judgements and narratives. Starting a new evaluation from it
 * carries the narratives and evidence across to the 2026 edition where the crosswalk maps them,
 * never the judgements, and lists the criteria new in 2026.
 */
let server: StaticServer;
let app: AppBrowser;
let page: Page;
let current: AppliedFramework;

interface DatabaseFixture {
  schemaVersion: number;
  stores: Record<string, string>;
  tables: Record<string, unknown[]>;
}
const OLD = schema1 as DatabaseFixture;
const SCHOOL = 'Riverside Primary School';
const OLD_TITLE = 'Accreditation 2025–26';
const NEW_TITLE = 'Accreditation 2026–27';
const crosswalk = SHIPPED_CROSSWALKS.find((c) => c.from === 'north-east' && c.to === 'north-east-2026');

beforeAll(async () => {
  current = await shippedFrameworkForRegion('north-east');
  ({ server, app, page } = await openAppSession());
});

afterAll(async () => {
  await closeAppSession({ app, server });
});

/**
 * Writes the fixture into IndexedDB as the first release left it (Dexie stores version n as n × 10),
 * from a page of the app's origin that does not run the app, before the app ever opens.
 */
async function seedOldDatabase(): Promise<void> {
  await page.goto(`${server.origin}/e2e-blank-page`);
  await page.evaluate(
    ({ name, fixture }) =>
      new Promise<void>((resolve, reject) => {
        const revive = (value: unknown): unknown => {
          if (Array.isArray(value)) return value.map(revive);
          if (!value || typeof value !== 'object') return value;
          const record = value as Record<string, unknown>;
          if (typeof record.$blobBase64 === 'string') {
            const bytes = Uint8Array.from(atob(record.$blobBase64), (c) => c.charCodeAt(0));
            return new Blob([bytes], { type: String(record.type ?? '') });
          }
          return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, revive(v)]));
        };
        const request = indexedDB.open(name, fixture.schemaVersion * 10);
        request.onupgradeneeded = () => {
          const idb = request.result;
          for (const [store, schema] of Object.entries(fixture.stores)) {
            const [primary = '', ...indexes] = schema.split(',').map((part) => part.trim());
            const objectStore = idb.createObjectStore(store, { keyPath: primary });
            for (const index of indexes) {
              const multiEntry = index.startsWith('*');
              const keyPath = index.replace(/^\*/, '');
              const compound = /^\[(.+)\]$/.exec(keyPath);
              objectStore.createIndex(keyPath, compound ? (compound[1] ?? '').split('+') : keyPath, { multiEntry });
            }
          }
          const tx = request.transaction!;
          for (const [store, rows] of Object.entries(fixture.tables)) {
            for (const row of rows) tx.objectStore(store).add(revive(row));
          }
        };
        request.onsuccess = () => {
          request.result.close();
          resolve();
        };
        request.onerror = () => reject(request.error ?? new Error('The old database was not made'));
      }),
    { name: DATABASE_NAME, fixture: OLD },
  );
}

const evaluationNav = () => page.getByRole('navigation', { name: 'Evaluation' });

describe('an older database with a 2005-edition evaluation', () => {
  it('opens, and the evaluation shows as on the historic edition with its judgements and narratives', async () => {
    expect(crosswalk).toBeDefined();
    await seedOldDatabase();
    await page.goto(server.url);
    await expectVisible(page.getByRole('heading', { level: 1, name: 'Your schools' }));
    await page.getByRole('link', { name: SCHOOL }).first().click();
    await expectVisible(page.getByRole('heading', { level: 1, name: SCHOOL }));
    const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: OLD_TITLE }) });
    await expectText(
      card.locator('p'),
      /^North East SEN Accreditation Framework version 1\.0\.0 · started \d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4} · historic edition$/,
    );

    await card.getByRole('link', { name: OLD_TITLE }).click();
    await expectVisible(page.getByRole('heading', { level: 1, name: OLD_TITLE }));
    await expectText(page.getByTestId('judged-count'), /^3 of \d+$/);
    await checkScreen(page, 'dashboard-historic-edition', OLD_TITLE);
    await expectText(
      page.getByTestId('historic-edition'),
      /^This evaluation uses a historic edition, the North East SEN Accreditation Framework\. .* start a new evaluation on the school’s page and carry this one forward/,
    );

    // The criteria of the historic edition, through "Continue with" and the side list.
    await continueWithFirstCriterion(page, 'NE-1.2.1');
    await openFromSideList(page, { id: 'NE-1.1.2', strandId: 'NE-1' });
    // Read only: the judgement and narrative as text, no field to type in, and the way on.
    const response = page.getByTestId('read-only-response');
    await expectText(response.locator('dd').first(), /^Embedded$/);
    await expectVisible(response.getByText('The SENCO is on the senior leadership team and reports to governors each term.'));
    await expect(page.getByRole('textbox').count()).resolves.toBe(0);
    await expect(page.getByRole('radio').count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: 'Link' }).count()).resolves.toBe(0);
    await checkScreen(page, 'criterion-historic-read-only', /^NE-1\.1\.2 /);
  });

  it('carries forward into the 2026 edition: narratives and evidence where the crosswalk maps them, no judgements', async () => {
    // From the historic criterion screen: the school page opens with the old evaluation chosen to carry forward.
    await page.getByTestId('historic-read-only').getByRole('link', { name: 'Carry forward into the 2026 edition' }).click();
    await expectVisible(page.getByRole('heading', { level: 1, name: SCHOOL }));
    await expectText(page.getByLabel('Start from').locator('option:checked'), `Carry forward “${OLD_TITLE}”`);
    await page.getByLabel('Name of the evaluation').fill(NEW_TITLE);
    await page.getByRole('button', { name: 'Start evaluation' }).click();
    await expectVisible(page.getByRole('heading', { level: 1, name: NEW_TITLE }));
    await expectText(page.locator('.framework-identity'), new RegExp(`^${current.title}, version`));
    await expectText(page.getByTestId('judged-count'), /^0 of \d+$/);
    await expect(page.getByTestId('historic-edition').count()).resolves.toBe(0);
    // The criteria new in 2026 are listed, in framework order, each by id and title.
    const fresh = current.criteria.filter((c) => crosswalk?.newCriteria.includes(c.id));
    expect(fresh.length).toBeGreaterThan(0);
    const newCriteria = page.getByRole('region', { name: 'New in this edition' });
    await expectText(
      newCriteria.locator('p'),
      new RegExp(
        `^This evaluation was carried forward from “${OLD_TITLE}” on the North East SEN Accreditation Framework\\. .* ${fresh.length} criteria are new, with nothing carried to them:$`,
      ),
    );
    // The dashboard's charts are on the page when axe looks: progress over time, and this evaluation against the 2005 one.
    await expectVisible(page.getByRole('region', { name: 'Progress over time' }));
    const comparison = page.getByRole('region', { name: `This evaluation against ${OLD_TITLE}` });
    await expectVisible(comparison);
    await expectText(comparison.locator('p').first(), /^The earlier evaluation used an older edition\./);
    await checkScreen(page, 'dashboard-new-in-edition', NEW_TITLE);
    await expect(newCriteria.getByRole('link').allInnerTexts()).resolves.toEqual(fresh.map((c) => `${c.id} ${c.title}`));

    // NE-1.1.2 → NE26-3.1.1: the narrative comes across, the judgement does not.
    await continueWithFirstCriterion(page, current.criteria[0]!.id);
    await openFromSideList(page, current.criterionById.get('NE26-3.1.1')!);
    await expectValue(page.getByLabel('Narrative'), 'The SENCO is on the senior leadership team and reports to governors each term.');
    await expect(judgementGroup(page).getByRole('radio', { checked: true }).count()).resolves.toBe(0);
    // The evidence section is drawn once the response form is on screen: waited for, not read at once.
    await expect.poll(() => page.locator('.evidence-links__title').allInnerTexts()).toEqual(['Governors’ minutes, July 2025']);

    // NE-1.1.1 → NE26-4.1.1 carries evidence only: the two files are linked, the old narrative is not.
    await openFromSideList(page, current.criterionById.get('NE26-4.1.1')!);
    await expectValue(page.getByLabel('Narrative'), '');
    await expect
      .poll(async () => (await page.locator('.evidence-links__title').allInnerTexts()).sort())
      .toEqual(['SEN policy 2025', 'provision map']);
    await evaluationNav().getByRole('link', { name: 'Dashboard' }).click();
    // The one error: the blank page the old database was written from is not part of the app.
    expect(app.pageErrors).toEqual(['console.error: Failed to load resource: the server responded with a status of 404 (Not Found)']);
  });
});
