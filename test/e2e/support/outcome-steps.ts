import type { Page } from 'playwright-core';

/** yyyy-mm-dd, `days` after today (UTC). */
export function dayFromToday(days: number): string {
  return new Date(Date.now() + days * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
}

/** Fills a day-month-year date field, found by its legend. */
export async function fillDate(page: Page, legend: string, isoDate: string): Promise<void> {
  const [year = '', month = '', day = ''] = isoDate.split('-');
  const group = page.getByRole('group', { name: legend });
  await group.getByLabel('Day').fill(String(Number(day)));
  await group.getByLabel('Month').fill(String(Number(month)));
  await group.getByLabel('Year').fill(year);
}

/**
 * What every outcome needs besides its kind: a strength, an area for development, the summary and
 * the moderator's declaration of no conflict of interest.
 */
export async function fillOutcomeFeedback(page: Page, summary: string): Promise<void> {
  await page.getByRole('button', { name: 'Add a strength' }).click();
  await page.getByLabel('Strength 1', { exact: true }).fill('The SENCO knows every pupil on the register well.');
  await page.getByRole('button', { name: 'Add an area for development' }).click();
  await page.getByLabel('Area for development 1', { exact: true }).fill('Gather parents’ views in a planned way.');
  await page.getByLabel('Summary for the school').fill(summary);
  await page.getByLabel('I have no conflict of interest with this school').check();
}
