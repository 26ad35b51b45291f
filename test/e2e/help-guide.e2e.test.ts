import { mkdir } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectVisible } from './support/app';
import { expectNoAxeViolations } from './support/axe';
import { horizontalOverflow, storeReadingPreferences } from './support/reading-themes';
import { useAppSession } from './support/session';
import type { StaticServer } from './support/static-server';

/**
 * The teaching help in a real browser: the getting-started guide on a fresh install, and the Help
 * screen with the round diagram, free of axe violations in the standard and high-contrast themes
 * and without sideways scrolling at 320 CSS px.
 *
 * HELP_SCREENSHOTS=/some/folder also saves screenshots there for a person to look at.
 */

let server: StaticServer;
let page: Page;
useAppSession((session) => ({ server, page } = session));

const SCREENSHOT_DIR = process.env.HELP_SCREENSHOTS;

/** Saves the part of the page a person needs to look at (the whole page when no test id is given). */
async function screenshot(name: string, testId?: string): Promise<void> {
  if (!SCREENSHOT_DIR) return;
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const path = `${SCREENSHOT_DIR}/${name}.png`;
  if (testId) await page.getByTestId(testId).screenshot({ path });
  else await page.screenshot({ path, fullPage: true });
}

async function openHelp(): Promise<void> {
  await page.goto('about:blank');
  await page.goto(`${server.url}#/help`);
  await expectVisible(page.getByRole('heading', { level: 2, name: 'The round of accreditation' }));
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
}

describe('help that teaches', () => {
  it('shows the getting-started guide on a fresh install, with no accessibility violations', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(server.url);
    await expectVisible(page.getByRole('heading', { level: 2, name: 'Getting started' }));
    await expectNoAxeViolations(page, 'home (first run)');
    await screenshot('home-first-run');
  });

  for (const theme of ['standard', 'high-contrast'] as const) {
    it(`draws the round on Help in the ${theme} theme, at desktop width and at 320 px`, async () => {
      await storeReadingPreferences(page, { theme });
      for (const viewport of [
        { width: 1280, height: 900 },
        { width: 320, height: 720 },
      ]) {
        await page.setViewportSize(viewport);
        await openHelp();
        await expectNoAxeViolations(page, `Help (${theme}, ${viewport.width} px)`);
        const overflow = await horizontalOverflow(page);
        expect(overflow.culprits).toEqual([]);
        const picture = await page.getByTestId('round-diagram-picture').boundingBox();
        expect(picture?.width ?? 0).toBeGreaterThan(200);
        expect((picture?.x ?? 0) + (picture?.width ?? 0)).toBeLessThanOrEqual(viewport.width);
        // The arrows and labels take the theme's text colour.
        const colour = await page.getByTestId('round-diagram-picture').evaluate((svg) => getComputedStyle(svg).color);
        const text = await page.locator('main').evaluate((main) => getComputedStyle(main).color);
        expect(colour).toBe(text);
        await screenshot(`help-${theme}-${viewport.width}`, 'round-diagram');
      }
    });
  }
});
