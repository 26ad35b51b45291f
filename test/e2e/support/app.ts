import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { criterionApplies, type ApplicabilityProfile } from '../../../shared/framework/applicability';
import { createCatalogue, frameworkForRegion } from '../../../shared/framework/framework-catalogue';
import type { AppliedFramework } from '../../../shared/framework/applied-framework';
import { loadShippedData } from '../../../shared/framework/shipped-frameworks';
import { expectNoAxeViolations } from './axe';

/** How long a single thing on screen may take to appear. */
export const UI_TIMEOUT = 10_000;

const SCREENSHOT_DIR = fileURLToPath(new URL('../screenshots/', import.meta.url));
const README_VIEWPORT = { width: 960, height: 1000 };

/** The framework (with its supplement, if any) a new evaluation in the region is made against, worked out from the shipped data. */
export async function shippedFrameworkForRegion(regionId: string): Promise<AppliedFramework> {
  const { frameworks, regions } = await loadShippedData();
  const result = frameworkForRegion(createCatalogue(frameworks, regions), regionId);
  if (!result.ok) throw new Error(result.message);
  return result.framework;
}

/** Waits until the locator's text (whitespace collapsed) matches. */
export async function expectText(locator: Locator, expected: string | RegExp, timeout = UI_TIMEOUT): Promise<void> {
  const read = async () => ((await locator.count()) === 0 ? '' : (await locator.first().innerText()).replace(/\s+/g, ' ').trim());
  if (typeof expected === 'string') await expect.poll(read, { timeout, message: `text of ${String(locator)}` }).toBe(expected);
  else await expect.poll(read, { timeout, message: `text of ${String(locator)}` }).toMatch(expected);
}

/** Waits until the locator is visible; if it never is, the error quotes what the page was saying (its alerts and statuses). */
export async function expectVisible(locator: Locator, timeout = UI_TIMEOUT): Promise<void> {
  try {
    await locator.waitFor({ state: 'visible', timeout });
  } catch (error) {
    throw await withWhatThePageSays(locator.page(), error);
  }
}

/**
 * The words of the page's visible alerts and status messages (an error summary, a refusal, a
 * progress line), so a test that timed out says why the app did not go on rather than only that
 * it did not.
 */
export async function whatThePageSays(page: Page): Promise<string[]> {
  try {
    return await page.evaluate(() =>
      Array.from(document.querySelectorAll<HTMLElement>('[role="alert"], [role="status"], [aria-live]'))
        .filter((el) => el.offsetParent !== null || el.getClientRects().length > 0)
        .map((el) => (el.innerText || '').replace(/\s+/g, ' ').trim())
        .filter((text) => text.length > 0),
    );
  } catch {
    return ['(the page could not be read)'];
  }
}

/** The error, its message followed by what the page was saying when it was thrown. */
export async function withWhatThePageSays(page: Page, error: unknown): Promise<Error> {
  const said = await whatThePageSays(page);
  const message = error instanceof Error ? error.message : String(error);
  const wrapped = new Error(`${message}\nThe page was saying: ${said.length > 0 ? said.map((text) => `“${text}”`).join('; ') : 'nothing'}`);
  if (error instanceof Error) wrapped.stack = `${wrapped.message}\n${error.stack ?? ''}`;
  return wrapped;
}

export async function expectChecked(locator: Locator, checked = true): Promise<void> {
  await expect.poll(() => locator.isChecked(), { timeout: UI_TIMEOUT, message: `checked state of ${String(locator)}` }).toBe(checked);
}

export async function expectValue(locator: Locator, value: string): Promise<void> {
  await expect.poll(() => locator.inputValue(), { timeout: UI_TIMEOUT, message: `value of ${String(locator)}` }).toBe(value);
}

/** The id of the element that has the keyboard focus, or its tag name when it has no id. */
export async function focusedElement(page: Page): Promise<{ id: string; tag: string; text: string }> {
  return page.evaluate(() => {
    const el = document.activeElement;
    return { id: el?.id ?? '', tag: el?.tagName.toLowerCase() ?? '', text: (el?.textContent ?? '').replace(/\s+/g, ' ').trim() };
  });
}

/** Every screen checked with axe so far, by name, so a test can show that none was missed. */
export const screensChecked = new Set<string>();

/** The address each checked screen was at, by name, so a later test can load them all again. */
export const screenAddresses = new Map<string, string>();

/**
 * Waits for the screen's heading, then checks it: exactly one h1, no axe violations, and (when
 * UPDATE_SCREENSHOTS=1) a full-page screenshot.
 */
export async function checkScreen(
  page: Page,
  name: string,
  heading: string | RegExp,
  options: { screenshot?: string } = {},
): Promise<void> {
  const h1 = page.getByRole('heading', { level: 1, name: heading });
  await expectVisible(h1);
  await expect.poll(() => page.locator('h1').count(), { message: `number of h1 elements on the ${name} screen` }).toBe(1);
  await expectNoAxeViolations(page, name);
  screensChecked.add(name);
  screenAddresses.set(name, page.url());
  const lookDir = process.env.LOOK_DIR ?? '';
  if (lookDir) await lookAt(page, lookDir, name);
  if (options.screenshot && process.env.UPDATE_SCREENSHOTS === '1') {
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    // The top of the screen at a modest window size, so the README's PNGs stay small.
    const size = page.viewportSize();
    await page.setViewportSize(README_VIEWPORT);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: `${SCREENSHOT_DIR}${options.screenshot}.png`, animations: 'disabled', caret: 'hide' });
    if (size) await page.setViewportSize(size);
  }
}

/** With UPDATE_SCREENSHOTS=1, a README screenshot of one part of a screen, at the README's window size. */
export async function readmeScreenshot(page: Page, name: string, part: Locator, options: { height?: number } = {}): Promise<void> {
  if (process.env.UPDATE_SCREENSHOTS !== '1') return;
  const size = page.viewportSize();
  await page.setViewportSize(README_VIEWPORT);
  const path = `${SCREENSHOT_DIR}${name}.png`;
  const box = options.height === undefined ? null : await part.boundingBox();
  // With a height: the window's width from the part's top down, the part and what follows it.
  if (box && options.height !== undefined) {
    const top = box.y + (await page.evaluate(() => window.scrollY)) - 8;
    await page.screenshot({
      path,
      fullPage: true,
      clip: { x: 0, y: top, width: README_VIEWPORT.width, height: options.height },
      animations: 'disabled',
      caret: 'hide',
    });
  } else await part.screenshot({ path, animations: 'disabled', caret: 'hide' });
  if (size) await page.setViewportSize(size);
}

/**
 * With LOOK_DIR set, a full-page screenshot of the screen as it is and at 320 px wide (the width of
 * a small phone, where long names must wrap), to look at; the viewport is put back afterwards.
 */
async function lookAt(page: Page, dir: string, name: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  const file = name.replace(/[^a-z0-9-]+/gi, '-');
  await page.screenshot({ path: `${dir}/${file}.png`, fullPage: true, animations: 'disabled', caret: 'hide' });
  const size = page.viewportSize();
  if (!size) return;
  await page.setViewportSize({ width: 320, height: size.height });
  await page.screenshot({ path: `${dir}/${file}-320.png`, fullPage: true, animations: 'disabled', caret: 'hide' });
  await page.setViewportSize(size);
}

/**
 * Runs an edit on a criterion and waits until the autosave has stored it: the status must change
 * (to "Saving…" or a new time) and then read "Saved at hh:mm:ss".
 */
export async function expectSavedAfter(page: Page, edit: () => Promise<void>): Promise<void> {
  const status = page.locator('.save-status p');
  await expectVisible(status);
  // Watch the status for any change, however brief, from before the edit starts.
  await page.evaluate(() => {
    const box = document.querySelector('.save-status');
    if (!box) throw new Error('No save status on the page');
    const record = window as unknown as { e2eSaveStatusChanged?: boolean };
    record.e2eSaveStatusChanged = false;
    const observer = new MutationObserver(() => {
      record.e2eSaveStatusChanged = true;
      observer.disconnect();
    });
    observer.observe(box, { subtree: true, childList: true, characterData: true, attributes: true });
  });
  await edit();
  await page.waitForFunction(() => (window as unknown as { e2eSaveStatusChanged?: boolean }).e2eSaveStatusChanged === true, undefined, {
    timeout: UI_TIMEOUT,
  });
  await expectText(status, /^Saved at \d\d:\d\d:\d\d$/);
}

/** The rows of the dashboard's "Judgements by strand" table as text: [row header, ...cells]. */
export async function strandTableRows(page: Page): Promise<{ header: string[]; rows: string[][] }> {
  const table = page.getByRole('table', { name: 'Number of criteria at each judgement, per strand' });
  await expectVisible(table);
  const clean = (texts: string[]) => texts.map((t) => t.replace(/\s+/g, ' ').trim());
  const header = clean(await table.getByRole('columnheader').allInnerTexts());
  const rows: string[][] = [];
  for (const row of await table.getByRole('row').all()) {
    const rowHeader = row.getByRole('rowheader');
    if ((await rowHeader.count()) === 0) continue;
    rows.push([...clean(await rowHeader.allInnerTexts()), ...clean(await row.getByRole('cell').allInnerTexts())]);
  }
  return { header, rows };
}

/** What the strand table should say, worked out from the framework and what the test did. */
export function expectedStrandRows(
  framework: AppliedFramework,
  judgements: ReadonlyMap<string, string>,
  evidenced: ReadonlySet<string>,
  profile: ApplicabilityProfile,
): string[][] {
  return framework.strands.map((strand) => {
    // The dashboard counts only the criteria that apply to the school.
    const ids = strand.standards.flatMap((s) => s.criteria.filter((c) => criterionApplies(c, profile).applies).map((c) => c.id));
    const judged = ids.filter((id) => judgements.has(id)).length;
    const withEvidence = ids.filter((id) => evidenced.has(id)).length;
    const counts = framework.scale.points.map((p) => String(ids.filter((id) => judgements.get(id) === p.id).length));
    return [`${strand.id} ${strand.title}`, `${judged} of ${ids.length}`, `${withEvidence} of ${ids.length}`, ...counts];
  });
}
