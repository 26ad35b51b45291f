import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { criterionApplies, type ApplicabilityProfile } from '../../shared/framework/applicability';
import type { AppliedFramework, PlacedCriterion } from '../../shared/framework/applied-framework';
import { checkScreen, expectText, expectVisible, shippedFrameworkForRegion } from './support/app';
import type { AppBrowser } from './support/browser';
import {
  continueWithFirstCriterion,
  judge,
  judgementGroup,
  northEastPrimary,
  openFromSideList,
  profileOf,
  setUpSchool,
  sideList,
  startEvaluation,
  startsWithId,
  strandInSideList,
} from './support/school-steps';
import { closeAppSession, openAppSession } from './support/session';
import type { StaticServer } from './support/static-server';

/**
 * A North East primary school on the 2026 edition: the Year 9 criterion (and the other criteria
 * for older pupils) is never among the criteria it works through, in the side list, the export
 * check or the dashboard's "still to do"; judging every criterion that applies Established gives
 * the Established award, and the dashboard says how many criteria do not apply to a primary school.
 */
let server: StaticServer;
let app: AppBrowser;
let page: Page;
let framework: AppliedFramework;
let dashboardUrl = '';

const ANSWERS = northEastPrimary({ name: 'Brookfield Primary School', urn: '246810' });
const PROFILE: ApplicabilityProfile = profileOf(ANSWERS);
const YEAR_9 = 'NE26-7.3.2';
const applying = (): PlacedCriterion[] => framework.criteria.filter((c) => criterionApplies(c, PROFILE).applies);
const notApplying = (): PlacedCriterion[] => framework.criteria.filter((c) => !criterionApplies(c, PROFILE).applies);

beforeAll(async () => {
  framework = await shippedFrameworkForRegion('north-east');
  ({ server, app, page } = await openAppSession());
});

afterAll(async () => {
  await closeAppSession({ app, server });
});

const evaluationNav = () => page.getByRole('navigation', { name: 'Evaluation' });
const strandIn = (strandId: string) => strandInSideList(page, strandId);

describe('a North East primary school on the 2026 edition', () => {
  it('sets up the school and starts an evaluation on the 2026 edition', async () => {
    expect(framework.base.file.id).toBe('north-east-2026');
    expect(notApplying().map((c) => c.id)).toContain(YEAR_9);
    await page.goto(server.url);
    await setUpSchool(page, ANSWERS);
    await startEvaluation(page);
    dashboardUrl = page.url();
    await expectText(page.getByTestId('judged-count'), `0 of ${applying().length}`);
    const stillToDo = page.getByRole('region', { name: 'Still to do' });
    await expectText(stillToDo.locator('summary').first(), `Criteria without a judgement: ${applying().length}`);
    // Links inside closed disclosures too: the list's whole content, seen or not.
    const listed = await stillToDo.locator('a').evaluateAll((links) => links.map((a) => a.textContent ?? ''));
    expect(listed).toContain(applying()[0]?.id);
    expect(listed).not.toContain(YEAR_9);
  });

  it('the export check counts only the criteria that apply, and never names the Year 9 criterion', async () => {
    await evaluationNav().getByRole('link', { name: 'Submit' }).click();
    const warnings = page.getByTestId('preflight-warnings');
    await expectText(warnings.getByText(/criteria have no judgement/), `${applying().length} criteria have no judgement`);
    const named = await warnings.locator('a').evaluateAll((links) => links.map((a) => a.textContent ?? ''));
    expect(named).toHaveLength(applying().length);
    for (const c of notApplying()) expect(named).not.toContain(c.id);
  });

  it('the side list shows the criteria to work through by id and title, and sets the others apart with the reason', async () => {
    await page.goto(dashboardUrl);
    const first = applying()[0]!;
    await continueWithFirstCriterion(page, first.id);
    for (const strand of framework.strands) {
      const details = strandIn(strand.id);
      if ((await details.getAttribute('open')) === null) await details.locator('summary').first().click();
    }
    const toWorkThrough = await sideList(page)
      .locator('.criteria-nav__standard a')
      .evaluateAll((links) => links.map((a) => a.textContent ?? ''));
    expect(toWorkThrough).toHaveLength(applying().length);
    expect(toWorkThrough[0]).toBe(`○${first.id} ${first.title}: not judged, no evidence`);
    for (const c of notApplying()) expect(toWorkThrough.some((text) => text.includes(c.id))).toBe(false);

    const transition = strandIn('NE26-7');
    const strandCriteria = applying().filter((c) => c.strandId === 'NE26-7');
    await expectText(transition.locator('.criteria-nav__count'), `0 of ${strandCriteria.length} judged`);
    const setAside = transition.locator('details.criteria-nav__set-aside');
    const away = notApplying().filter((c) => c.strandId === 'NE26-7');
    await expectText(setAside.locator('summary'), `Does not apply to this school (${away.length})`);
    await expect(setAside.getByRole('link', { name: startsWithId(YEAR_9) }).count()).resolves.toBe(0);
    await setAside.locator('summary').click();
    await expectVisible(setAside.getByRole('link', { name: startsWithId(YEAR_9) }));
    await expectVisible(setAside.getByText('Only schools with pupils of secondary age'));
    // The criterion screen passes axe with the set-aside group open.
    await checkScreen(page, 'criterion-with-set-aside-criteria', startsWithId(first.id));
    await setAside.locator('summary').click();
  });

  it('judges every criterion that applies Established, through the side list, and reaches the Established award', async () => {
    const [first, ...rest] = applying();
    await judge(page, 'Established');
    for (const criterion of rest) {
      await openFromSideList(page, criterion);
      await expectVisible(judgementGroup(page));
      // The side list never offers the Year 9 criterion among those to work through.
      expect(criterion.id).not.toBe(YEAR_9);
      await judge(page, 'Established');
      // Nor do Previous and Next: they step over the criteria that do not apply.
      const pager = await page.getByRole('navigation', { name: 'Previous and next criterion' }).innerText();
      for (const away of notApplying()) expect(pager).not.toContain(away.id);
    }
    const transition = strandIn('NE26-7');
    await expectText(transition.locator('.criteria-nav__count'), /^(\d+) of \1 judged$/);
    expect(first).toBeDefined();

    await evaluationNav().getByRole('link', { name: 'Dashboard' }).click();
    await expectText(page.getByTestId('judged-count'), `${applying().length} of ${applying().length}`);
    await expectText(page.getByTestId('award-now'), 'The award rules give: Established');
    await expectText(page.getByTestId('award-exclusions'), `${notApplying().length} criteria do not apply to a primary school.`);
    const stillToDo = page.getByRole('region', { name: 'Still to do' });
    await expectText(stillToDo.locator('summary').first(), 'Criteria without a judgement: 0');

    await evaluationNav().getByRole('link', { name: 'Submit' }).click();
    const warnings = page.getByTestId('preflight-warnings');
    await expectVisible(warnings);
    await expect(warnings.getByText(/no judgement/).count()).resolves.toBe(0);
    expect(app.pageErrors).toEqual([]);
    expect(app.outsideRequests).toEqual([]);
  });
});
