import type { Page } from 'playwright-core';
import { DEFAULT_READING_PREFERENCES, readingAttributes } from '../../../renderer/settings/reading-comfort/reading-preferences';
import { expectNoAxeViolations } from './axe';
import { tabTo } from './keyboard';

/**
 * Runs axe on the page as it is now in the standard and then the high-contrast theme, putting each
 * look on the page in place as the Settings screen does (the root element's data attributes), and
 * leaves the standard look on.
 */
export async function expectNoAxeViolationsInBothThemes(page: Page, what: string): Promise<void> {
  for (const theme of ['standard', 'high-contrast'] as const) {
    await page.evaluate(
      (attributes) => {
        for (const [name, value] of Object.entries(attributes)) document.documentElement.setAttribute(name, value);
      },
      readingAttributes({ ...DEFAULT_READING_PREFERENCES, theme }),
    );
    await expectNoAxeViolations(page, `${what} in the ${theme} theme`);
  }
  await page.evaluate((attributes) => {
    for (const [name, value] of Object.entries(attributes)) document.documentElement.setAttribute(name, value);
  }, readingAttributes(DEFAULT_READING_PREFERENCES));
}

/**
 * With the focus before a day-month-year date field: Tab to its Day, Month and Year and type each
 * part, as a keyboard user does (each stop must show its focus).
 */
export async function typeDateByKeyboard(page: Page, isoDate: string): Promise<void> {
  const [year = '', month = '', day = ''] = isoDate.split('-');
  await tabTo(page, 'Day');
  await page.keyboard.type(String(Number(day)));
  await tabTo(page, 'Month');
  await page.keyboard.type(String(Number(month)));
  await tabTo(page, 'Year');
  await page.keyboard.type(year);
}
