import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { criterionApplies } from '../../shared/framework/applicability';
import type { AppliedFramework } from '../../shared/framework/applied-framework';
import { expectText, expectValue, expectVisible, shippedFrameworkForRegion } from './support/app';
import { expectNoAxeViolations } from './support/axe';
import type { AppBrowser } from './support/browser';
import { focusInfo, tabTo } from './support/keyboard';
import { horizontalOverflow, storeReadingPreferences, THEME_AND_TINT } from './support/reading-themes';
import {
  continueWithFirstCriterion,
  judge,
  profileOf,
  RIVERSIDE_PRIMARY,
  setUpSchoolFromHome,
  startEvaluation,
} from './support/school-steps';
import { useAppSession } from './support/session';
import type { StaticServer } from './support/static-server';

/**
 * The criteria overview in the built app: reached from the dashboard's strand row with its filter
 * in the address, filtered and searched by keyboard (focus stays where the user typed), kept
 * through a reload and the browser's Back, free of axe violations in every theme and tint, and
 * without sideways scrolling of the page in a narrow window.
 */
let server: StaticServer;
let app: AppBrowser;
let page: Page;
useAppSession((session) => ({ server, app, page } = session));

let framework: AppliedFramework;
let overviewUrl = '';

const heading = (p: Page) => p.getByRole('heading', { level: 1, name: 'Criteria overview' });
const count = (p: Page) => p.getByTestId('overview-count');
const rowIds = async (p: Page) =>
  (
    await p
      .getByRole('table', { name: /^Criteria of / })
      .getByRole('rowheader')
      .allInnerTexts()
  ).map((t) => t.trim());

describe('the criteria overview', () => {
  it('opens from a strand row of the dashboard, filtered to that strand', async () => {
    framework = await shippedFrameworkForRegion('north-east');
    await setUpSchoolFromHome(page, server.url, RIVERSIDE_PRIMARY);
    const title = await startEvaluation(page);
    const first = framework.criteria[0];
    if (!first) throw new Error('The framework has no criteria');
    await continueWithFirstCriterion(page, first.id);
    await judge(page, framework.scale.points[1]?.label ?? '');
    await page.getByRole('navigation', { name: 'Evaluation' }).getByRole('link', { name: 'Dashboard' }).click();
    await expectVisible(page.getByRole('heading', { level: 1, name: title }));

    const strand = framework.strands[0];
    if (!strand) throw new Error('The framework has no strands');
    await page
      .getByTestId('strand-table')
      .getByRole('link', { name: `${strand.id} ${strand.title}` })
      .click();
    await expectVisible(heading(page));
    // The heading takes focus on arrival, as on every screen.
    expect((await focusInfo(page)).tag).toBe('h1');
    expect(new URL(page.url()).hash).toMatch(new RegExp(`/overview\\?strand=${strand.id}$`));
    const inStrand = framework.criteria.filter((c) => c.strandId === strand.id).map((c) => c.id);
    await expectText(count(page), `Showing ${inStrand.length} of ${framework.criteria.length} criteria`);
    await expect.poll(() => rowIds(page)).toEqual(inStrand);
    await expectValue(page.getByLabel('Strand'), strand.id);
    overviewUrl = page.url();
  });

  it('filters and searches by keyboard, keeping focus where the user is, and keeps the filters through a reload and Back', async () => {
    await tabTo(page, 'Mandatory only');
    await page.keyboard.press('Space');
    const mandatory = framework.criteria.filter((c) => c.strandId === framework.strands[0]?.id && c.mandatory).map((c) => c.id);
    await expectText(count(page), `Showing ${mandatory.length} of ${framework.criteria.length} criteria`);
    expect((await focusInfo(page)).name).toBe('Mandatory only');
    expect(new URL(page.url()).hash).toMatch(/\?mandatory=yes&strand=/);

    await tabTo(page, 'Show every criterion');
    await page.keyboard.press('Enter');
    await expectText(count(page), `Showing ${framework.criteria.length} of ${framework.criteria.length} criteria`);

    await tabTo(page, /^Search the criteria/, { backwards: true });
    await page.keyboard.type('annual review');
    const search = page.getByRole('searchbox', { name: 'Search the criteria' });
    await expectValue(search, 'annual review');
    expect((await focusInfo(page)).tag).toBe('input');
    const found = await rowIds(page);
    expect(found.length).toBeGreaterThan(0);
    expect(found.length).toBeLessThan(framework.criteria.length);

    await page.reload();
    await expectVisible(heading(page));
    await expectValue(page.getByRole('searchbox', { name: 'Search the criteria' }), 'annual review');
    await expect.poll(() => rowIds(page)).toEqual(found);

    const target = found[0] ?? '';
    await page
      .getByRole('table', { name: /^Criteria of / })
      .getByRole('link', { name: target, exact: true })
      .click();
    await expectVisible(page.getByRole('heading', { level: 1, name: new RegExp(`^${target.replaceAll('.', '\\.')}\\b`) }));
    await page.goBack();
    await expectVisible(heading(page));
    await expectValue(page.getByRole('searchbox', { name: 'Search the criteria' }), 'annual review');
    await expect.poll(() => rowIds(page)).toEqual(found);
  });

  it('has no axe violations in any theme or tint, with every criterion shown', async () => {
    for (const look of THEME_AND_TINT) {
      await storeReadingPreferences(page, look);
      await page.goto(overviewUrl.replace(/\?.*$/, ''));
      await expectVisible(heading(page));
      await expectText(count(page), `Showing ${framework.criteria.length} of ${framework.criteria.length} criteria`);
      await expectNoAxeViolations(page, `criteria overview (${look.theme}, ${look.tint})`);
    }
    await storeReadingPreferences(page, {});
  });

  it('scrolls the table inside its own region in a narrow window, not the page', async () => {
    await page.setViewportSize({ width: 320, height: 800 });
    await page.goto(overviewUrl.replace(/\?.*$/, ''));
    await expectVisible(heading(page));
    const overflow = await horizontalOverflow(page);
    expect(overflow.culprits).toEqual([]);
    expect(overflow.root).toBeLessThanOrEqual(overflow.width);
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('counts for the school as the dashboard does, and logged no errors', async () => {
    const profile = profileOf(RIVERSIDE_PRIMARY);
    const applying = framework.criteria.filter((c) => criterionApplies(c, profile).applies);
    await page.goto(overviewUrl.replace(/\?.*$/, '?judgement=not-judged'));
    await expectVisible(heading(page));
    // Everything that applies, less the one criterion judged.
    await expectText(count(page), `Showing ${applying.length - 1} of ${framework.criteria.length} criteria`);
    expect(app.pageErrors).toEqual([]);
    expect(app.outsideRequests).toEqual([]);
  });
});
