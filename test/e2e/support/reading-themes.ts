import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import {
  DEFAULT_READING_PREFERENCES,
  READING_PREFERENCES_KEY,
  readingAttributes,
  serialiseReadingPreferences,
  type ReadingPreferences,
} from '../../../renderer/settings/reading-comfort/reading-preferences';
import { expectVisible } from './app';
import { AXE_COLOUR_RULES, expectNoAxeViolations } from './axe';

/** Every look the app offers: each theme with each background tint. */
export const THEME_AND_TINT: readonly Pick<ReadingPreferences, 'theme' | 'tint'>[] = [
  { theme: 'standard', tint: 'none' },
  { theme: 'standard', tint: 'cream' },
  { theme: 'standard', tint: 'blue' },
  { theme: 'high-contrast', tint: 'none' },
  { theme: 'high-contrast', tint: 'cream' },
  { theme: 'high-contrast', tint: 'blue' },
];

/**
 * Stores reading preferences as the Settings screen does (the same key and shape), for sweeps
 * over many screens; Settings itself is tested by clicking in reading-comfort.e2e.test.ts.
 * Takes effect at the next page load.
 */
export async function storeReadingPreferences(page: Page, preferences: Partial<ReadingPreferences>): Promise<void> {
  await page.evaluate(({ key, value }) => localStorage.setItem(key, value), {
    key: READING_PREFERENCES_KEY,
    value: serialiseReadingPreferences({ ...DEFAULT_READING_PREFERENCES, ...preferences }),
  });
}

/** How far the page sticks out sideways, and the first elements that do, ignoring regions that scroll on their own. */
export async function horizontalOverflow(page: Page): Promise<{ root: number; body: number; width: number; culprits: string[] }> {
  return page.evaluate(() => {
    const width = window.innerWidth;
    const culprits: string[] = [];
    for (const el of Array.from(document.body.querySelectorAll<HTMLElement>('*'))) {
      const rect = el.getBoundingClientRect();
      if (rect.width === 0 || rect.right <= width + 0.5) continue;
      // Inside a region that scrolls on its own, sticking out of the window is not the page's doing.
      if (el.parentElement?.closest('.table-scroll, .table-wrapper')) continue;
      const name = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className && typeof el.className === 'string' ? `.${el.className.trim().replace(/\s+/g, '.')}` : ''}`;
      culprits.push(`${name} right=${Math.round(rect.right)}`);
    }
    return { root: document.documentElement.scrollWidth, body: document.body.scrollWidth, width, culprits: culprits.slice(0, 8) };
  });
}

/** One look: a theme with a background tint. */
export type Look = (typeof THEME_AND_TINT)[number];

/**
 * Puts reading preferences on the page in place, the way the Settings screen does when a choice
 * changes: the root element's data attributes, at once (anything not given is the default). Waits
 * for any font the change asks for.
 */
export async function putReadingOn(page: Page, preferences: Partial<ReadingPreferences>): Promise<void> {
  await page.evaluate(
    async (attributes) => {
      for (const [name, value] of Object.entries(attributes)) document.documentElement.setAttribute(name, value);
      await document.fonts.ready;
    },
    readingAttributes({ ...DEFAULT_READING_PREFERENCES, ...preferences }),
  );
}

/** Puts a look (a theme and tint, everything else the default) on the page in place. */
export async function putLookOn(page: Page, look: Look): Promise<void> {
  await putReadingOn(page, look);
}

/**
 * Axe on the page as it is now in every look, put on in place: every rule in each theme without a
 * tint, and under the tints (which change colours only) the colour rules. Ends in the standard look.
 * Fails unless each look drew its own background and text colours, the proof axe saw each look.
 */
export async function expectAxeInEveryLookHere(page: Page, name: string): Promise<void> {
  const colours = new Set<string>();
  for (const look of THEME_AND_TINT) {
    await putLookOn(page, look);
    colours.add(
      await page.evaluate(() => {
        const style = getComputedStyle(document.body);
        return `${style.backgroundColor} on ${style.color}`;
      }),
    );
    await expectNoAxeViolations(
      page,
      `${name} in ${look.theme} with ${look.tint} tint`,
      look.tint === 'none' ? undefined : AXE_COLOUR_RULES,
    );
  }
  await putLookOn(page, { theme: 'standard', tint: 'none' });
  expect(colours.size, `distinct colours of the looks on ${name}`).toBe(THEME_AND_TINT.length);
}

/**
 * Opens each address once, loaded afresh in the standard look with one h1, and checks it with axe
 * in every look (expectAxeInEveryLookHere). Returns the addresses swept.
 */
export async function expectAxeInEveryLook(page: Page, addresses: Iterable<string>): Promise<string[]> {
  const swept = [...new Set(addresses)];
  await storeReadingPreferences(page, {});
  for (const address of swept) {
    await page.goto(address);
    await page.reload();
    await expectVisible(page.locator('h1'));
    await expect.poll(() => page.locator('h1').count(), { message: `one h1 at ${address}` }).toBe(1);
    await expectAxeInEveryLookHere(page, address);
  }
  return swept;
}
