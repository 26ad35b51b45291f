import { deflateSync } from 'node:zlib';
import { PDFDocument, rgb } from 'pdf-lib';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Page, Request } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { checkScreen, expectText, expectVisible } from './support/app';
import { expectNoAxeViolations } from './support/axe';
import { expectAxeInEveryLookHere } from './support/reading-themes';
import type { AppBrowser } from './support/browser';
import { horizontalOverflow } from './support/reading-themes';
import { RIVERSIDE_PRIMARY, setUpSchoolFromHome, startEvaluation } from './support/school-steps';
import { useAppSession } from './support/session';
import { DIST_RENDERER, type StaticServer } from './support/static-server';
import { LARGE_LIBRARY } from '../../build/app-chunk';

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

/** A small real PNG: a blue square, drawn by hand (signature, IHDR, IDAT, IEND with their CRCs). */
function bluePng(side = 64): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes: Buffer) => {
    let c = 0xffffffff;
    for (const byte of bytes) c = (crcTable[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([length, body, sum]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(side, 0);
  header.writeUInt32BE(side, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // truecolour
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: side }, () => [0x1d, 0x4e, 0xd8]).flat())]);
  const pixels = Buffer.concat(Array.from({ length: side }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(pixels)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A one-page PDF with a filled rectangle and a line of text. */
async function onePagePdf(): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const page = pdf.addPage([595, 842]);
  page.drawRectangle({ x: 50, y: 500, width: 495, height: 300, color: rgb(0.1, 0.3, 0.8) });
  page.drawText('SEN policy', { x: 60, y: 450, size: 40 });
  return Buffer.from(await pdf.save());
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

  it('shows thumbnails on the cards of a PNG and a PDF, the file type for a broken image, and passes axe as cards', async () => {
    await page.getByLabel('Choose files to add').setInputFiles([
      { name: 'thumbnail-sensory-room.png', mimeType: 'image/png', buffer: bluePng() },
      { name: 'thumbnail-sen-policy.pdf', mimeType: 'application/pdf', buffer: await onePagePdf() },
      { name: 'thumbnail-broken.png', mimeType: 'image/png', buffer: Buffer.from('not a picture at all') },
    ]);
    await expectText(page.getByText(/^Added 3 files\.$/), 'Added 3 files.', 60_000);
    await library(page).getByRole('radio', { name: 'Cards' }).check();
    await library(page).getByLabel('Search evidence').fill('thumbnail');
    await expectVisible(library(page).getByText('Showing 3 of 303 items.'));
    const card = (title: RegExp) =>
      library(page)
        .getByRole('listitem')
        .filter({ has: page.getByRole('heading', { level: 3, name: title }) });
    for (const title of [/sensory room/i, /sen policy/i]) {
      const image = card(title).locator('img.evidence-thumb__image');
      await expect.poll(() => image.count(), { timeout: 60_000 }).toBe(1);
      // Drawn: the image has loaded and has a size.
      await expect.poll(() => image.evaluate((img) => (img as HTMLImageElement).naturalWidth), { timeout: 30_000 }).toBeGreaterThan(0);
    }
    // The broken file is tried once and shows its type instead, with no message to the person.
    await expectText(card(/broken/i).locator('.evidence-thumb__icon'), 'PNG', 60_000);
    expect(
      await card(/broken/i)
        .locator('img')
        .count(),
    ).toBe(0);
    await expectNoAxeViolations(page, 'evidence library as cards with thumbnails');
    await library(page).getByLabel('Search evidence').fill('');
  });

  it('opens the library by its address with few files of code, none of them the certificate or PDF libraries', async () => {
    // The start's code is one file and the code the screens share another (build/app-chunk.ts),
    // which the page fetches from the start: a fresh open asks for those and the screen's own, not
    // dozens, and a screen that neither signs nor reads PDFs loads no code for it.
    await library(page).getByRole('radio', { name: 'A table' }).check();
    const requested: string[] = [];
    const collect = (request: Request) => {
      const file = new URL(request.url()).pathname.split('/').pop() ?? '';
      if (file.endsWith('.js')) requested.push(file);
    };
    page.on('request', collect);
    await page.reload();
    await expect.poll(() => table(page).locator('tbody tr').count(), { timeout: 30_000 }).toBe(303);
    page.off('request', collect);
    const startFiles = [...readFileSync(join(DIST_RENDERER, 'index.html'), 'utf8').matchAll(/assets\/([^"]+\.js)"/g)].map((m) => m[1]);
    // The start's code is one file too, beside the entry's stub and the bundler's runtime; the
    // screens' shared code is the fourth.
    expect(startFiles.length, startFiles.join(', ')).toBeLessThanOrEqual(4);
    expect(
      startFiles.some((file) => /^app-/.test(file!)),
      startFiles.join(', '),
    ).toBe(true);
    expect(
      startFiles.every((file) => requested.includes(file!)),
      requested.join(', '),
    ).toBe(true);
    const beyondStart = requested.filter((file) => !startFiles.includes(file));
    expect(beyondStart.length, beyondStart.join(', ')).toBeGreaterThan(0);
    expect(beyondStart.length, beyondStart.join(', ')).toBeLessThanOrEqual(4);
    for (const file of requested) {
      const map = join(DIST_RENDERER, 'assets', `${file}.map`);
      // Only the bundler's own small helpers (the entry's stub, the preload helper) have no map.
      if (!existsSync(map)) {
        expect(statSync(join(DIST_RENDERER, 'assets', file)).size, `${file} has no source map`).toBeLessThan(4096);
        continue;
      }
      const { sources } = JSON.parse(readFileSync(map, 'utf8')) as { sources: string[] };
      expect(
        sources.filter((source) => LARGE_LIBRARY.test(source)),
        file,
      ).toEqual([]);
    }
  });

  it('logged no errors and made no request outside the app', () => {
    expect(app.pageErrors).toEqual([]);
    expect(app.outsideRequests).toEqual([]);
  });

  it('the evidence as cards, and as a table with an item open, pass axe in every theme and tint', async () => {
    // Put on in place, as Settings does, over the three items with thumbnails.
    await library(page).getByLabel('Search evidence').fill('thumbnail');
    await expectVisible(library(page).getByText('Showing 3 of 303 items.'));
    await library(page).getByRole('radio', { name: 'Cards' }).check();
    await expect.poll(() => page.locator('img.evidence-thumb__image').count(), { timeout: 60_000 }).toBe(2);
    await expectAxeInEveryLookHere(page, 'evidence library as cards with thumbnails');
    await library(page).getByRole('radio', { name: 'A table' }).check();
    await expect.poll(() => table(page).locator('tbody tr:not([hidden])').count()).toBe(3);
    const open = table(page).locator('tbody tr:not([hidden])').first().getByRole('rowheader').getByRole('button');
    const title = (await open.innerText()).trim();
    await open.click();
    await expectVisible(page.getByRole('region', { name: title, exact: true }));
    await expectAxeInEveryLookHere(page, 'evidence library as a table with an item open');
    expect(app.outsideRequests).toEqual([]);
    expect(app.pageErrors).toEqual([]);
  });
});
