import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { checkScreen, expectText, expectVisible } from './support/app';
import { expectNoAxeViolations } from './support/axe';
import type { AppBrowser } from './support/browser';
import { horizontalOverflow } from './support/reading-themes';
import { RIVERSIDE_PRIMARY, setUpSchoolFromHome, startEvaluation } from './support/school-steps';
import { useAppSession } from './support/session';
import type { StaticServer } from './support/static-server';

/**
 * A school with 300 evidence files in the built app: added through the file button in one go, shown
 * as a table, 50 of them found by a search, selected at once and changed in one action; an item
 * opened from a row far down the list shows its details beside the list, in view.
 */
let server: StaticServer;
let app: AppBrowser;
let page: Page;
useAppSession((session) => ({ server, app, page } = session));

/** The first criterion of the school's framework, read from the bulk form's list. */
let criterion = '';

function files(): { name: string; mimeType: string; buffer: Buffer }[] {
  return Array.from({ length: 300 }, (_, i) => {
    const number = String(i + 1).padStart(3, '0');
    const minutes = (i + 1) % 6 === 0;
    const name = minutes ? `governors-minutes-${number}.txt` : `lesson-visit-${number}.txt`;
    return { name, mimeType: 'text/plain', buffer: Buffer.from(`${name}: notes kept by the SENCO.`) };
  });
}

const library = (p: Page) => p.getByRole('region', { name: 'Evidence in the library' });
const table = (p: Page) => p.getByRole('table', { name: /^Evidence, sorted by/ });

describe('a school with 300 evidence files', () => {
  it('adds 300 files at once and sees them in a table', async () => {
    await setUpSchoolFromHome(page, server.url, RIVERSIDE_PRIMARY);
    await startEvaluation(page);
    await page.getByRole('navigation', { name: 'Evaluation' }).getByRole('link', { name: 'Evidence library' }).click();
    await expectVisible(page.getByRole('heading', { level: 1, name: 'Evidence library' }));
    await page.getByLabel('Choose files to add').setInputFiles(files());
    await expectText(page.getByText(/^Added 300 files\.$/), 'Added 300 files.', 60_000);
    await expectVisible(library(page).getByText('300 items in the library.'));
    await expect.poll(() => table(page).locator('tbody tr').count()).toBe(300);
    // The name suggested a kind; the person has not confirmed it yet.
    const row = table(page).locator('tbody tr').filter({ hasText: 'governors minutes 300' });
    await expectVisible(row.getByText('Other (suggested: Minutes)'));
  });

  it('bulk-edits the 50 sets of minutes in one action', async () => {
    await library(page).getByLabel('Search evidence').fill('minutes');
    await expectVisible(library(page).getByText('Showing 50 of 300 items.'));
    await page.getByRole('checkbox', { name: 'Select all 50 shown' }).check();
    await expectVisible(library(page).getByText('50 files selected.'));

    const bulk = page.getByRole('region', { name: 'Change the 50 selected files' });
    await bulk.getByLabel('Kind of evidence').selectOption('suggested');
    await bulk.getByLabel('Document date').selectOption('set');
    const date = bulk.getByRole('group', { name: 'The date on the documents' });
    await date.getByLabel('Day').fill('12');
    await date.getByLabel('Month').fill('11');
    await date.getByLabel('Year').fill('2025');
    const linkTo = bulk.getByLabel('Link them to a criterion');
    criterion = (await linkTo.locator('option').nth(1).getAttribute('value')) ?? '';
    expect(criterion).toMatch(/^NE/);
    await linkTo.selectOption(criterion);
    await checkScreen(page, 'evidence-bulk-edit', 'Evidence library');
    await bulk.getByRole('button', { name: 'Apply to the 50 selected files' }).click();
    await expectVisible(bulk.getByText('Updated 50 files.'));

    const row = table(page).locator('tbody tr').filter({ hasText: 'governors minutes 300' });
    await expectText(row.locator('td').nth(1), 'Minutes');
    await expectText(row.locator('td').nth(2), '12 November 2025');
    await expectText(row.getByRole('link'), criterion);

    // Found again by the criterion: the 50, and only them.
    await library(page).getByLabel('Search evidence').fill('');
    await page.getByRole('button', { name: 'Clear the selection' }).click();
    await library(page).getByLabel('Filter by criterion').selectOption(criterion);
    await expectVisible(library(page).getByText('Showing 50 of 300 items.'));
    await library(page).getByLabel('Filter by kind').selectOption('minutes');
    await expectVisible(library(page).getByText('Showing 50 of 300 items.'));
  });

  it('opens an item from a row far down the list with its details beside the list, in view', async () => {
    await page.getByRole('button', { name: 'Clear the filters' }).click();
    await expectVisible(library(page).getByText('300 items in the library.'));
    const last = table(page).locator('tbody tr').last().getByRole('rowheader').getByRole('button');
    const title = (await last.innerText()).trim();
    await last.scrollIntoViewIfNeeded();
    await last.click();
    const panel = page.getByRole('region', { name: title, exact: true });
    await expectVisible(panel);
    const box = await panel.boundingBox();
    const listBox = await page.getByRole('region', { name: 'Evidence table' }).boundingBox();
    if (!box || !listBox) throw new Error('The panel or the table has no box on the page.');
    // Beside the table (to its right), and its top within the window.
    expect(box.x).toBeGreaterThanOrEqual(listBox.x + listBox.width);
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y).toBeLessThan(page.viewportSize()?.height ?? 0);
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H2');
    await expectNoAxeViolations(page, 'evidence library with an item open beside the table');
  });

  it('does not scroll sideways at 320 px, the details under the open row', async () => {
    await page.setViewportSize({ width: 320, height: 800 });
    const overflow = await horizontalOverflow(page);
    expect(overflow.culprits).toEqual([]);
    const openRow = table(page).locator('tr.evidence-table__panel-row');
    await expectVisible(openRow.getByRole('heading', { level: 2 }));
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('logged no errors and made no request outside the app', () => {
    expect(app.pageErrors).toEqual([]);
    expect(app.outsideRequests).toEqual([]);
  });
});
