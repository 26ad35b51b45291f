import type { Page } from 'playwright-core';
import {
  DEFAULT_READING_PREFERENCES,
  READING_PREFERENCES_KEY,
  serialiseReadingPreferences,
  type ReadingPreferences,
} from '../../../renderer/settings/reading-comfort/reading-preferences';

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
