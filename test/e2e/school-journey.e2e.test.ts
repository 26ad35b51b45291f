import northEast2026 from '../../criteria/frameworks/north-east-2026.json';
import northEast from '../../criteria/frameworks/north-east.json';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { criterionApplies, type ApplicabilityProfile } from '../../shared/framework/applicability';
import type { AppliedFramework } from '../../shared/framework/applied-framework';
import { shortHash } from '../../shared/formats/sha256';
import {
  checkScreen,
  expectChecked,
  expectedStrandRows,
  expectSavedAfter,
  expectText,
  expectValue,
  expectVisible,
  focusedElement,
  screensChecked,
  shippedFrameworkForRegion,
  strandTableRows,
  UI_TIMEOUT,
} from './support/app';
import type { AppBrowser } from './support/browser';
import {
  fillSchoolForm,
  judge,
  judgementGroup,
  openCriterion,
  profileOf,
  RIVERSIDE_PRIMARY,
  setUpSchool,
  startEvaluation,
  startsWithId,
  type SchoolAnswers,
} from './support/school-steps';
import { closeAppSession, openAppSession } from './support/session';
import type { StaticServer } from './support/static-server';

/** A 1×1 PNG, so the evidence library has an image to preview. */
const PNG_1X1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const POLICY_TEXT = 'SEN policy 2025. Reviewed by governors in September; next review July.';

let server: StaticServer;
let app: AppBrowser;
let page: Page;
let northEastFramework: AppliedFramework;
let southWestFramework: AppliedFramework;

/** Where the journeys left things, for the later checks. */
const visited: {
  swDashboardUrl?: string;
  schoolUrl?: string;
  dashboardUrl?: string;
  criterionUrl?: string;
  evidenceUrl?: string;
  actionsUrl?: string;
} = {};

beforeAll(async () => {
  [northEastFramework, southWestFramework] = await Promise.all([
    shippedFrameworkForRegion('north-east'),
    shippedFrameworkForRegion('south-west'),
  ]);
  ({ server, app, page } = await openAppSession());
});

afterAll(async () => {
  await closeAppSession({ app, server });
});

async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function reloadApp(heading: string | RegExp): Promise<void> {
  await page.reload();
  await expectVisible(page.getByRole('heading', { level: 1, name: heading }));
}

async function expectDashboardCounts(total: number, counts: { judged: number; withEvidence: number; actions: number }): Promise<void> {
  await expectText(page.getByTestId('judged-count'), `${counts.judged} of ${total}`);
  await expectText(page.getByTestId('evidence-count'), `${counts.withEvidence} of ${total}`);
  await expectText(page.getByTestId('action-count'), String(counts.actions));
}

async function expectStrandTable(
  framework: AppliedFramework,
  judgements: ReadonlyMap<string, string>,
  evidenced: ReadonlySet<string>,
  profile: ApplicabilityProfile,
): Promise<void> {
  const { header, rows } = await strandTableRows(page);
  expect(header).toEqual(['Strand', 'Judged', 'With evidence', ...framework.scale.points.map((p) => p.label)]);
  expect(rows).toEqual(expectedStrandRows(framework, judgements, evidenced, profile));
}

/** Riverside with a URN one digit short, for the form to refuse before it is corrected. */
const RIVERSIDE: SchoolAnswers = { ...RIVERSIDE_PRIMARY, urn: '12345' };

const TAMAR_VALLEY: SchoolAnswers = {
  name: 'Tamar Valley Academy',
  urn: '654321',
  region: 'South West',
  localAuthority: 'Devon',
  phase: 'Secondary',
  headTeacher: 'Ruth Penhale',
  senco: 'Kit Polglaze',
  onRoll: '1100',
  senSupport: '140',
  withPlan: '31',
};

const labelOf = (framework: AppliedFramework, pointId: string) => {
  const point = framework.scale.points.find((p) => p.id === pointId);
  if (!point) throw new Error(`No scale point ${pointId} in ${framework.title}`);
  return point.label;
};

/** Each main screen's address, for loading it afresh. */
function freshScreens(): [string, string][] {
  const { schoolUrl, dashboardUrl, criterionUrl, evidenceUrl, actionsUrl } = visited;
  if (!schoolUrl || !dashboardUrl || !criterionUrl || !evidenceUrl || !actionsUrl)
    throw new Error('The North East journey did not visit every screen');
  return [
    ['home', server.url],
    ['school-form', `${server.url}#/schools/new`],
    ['school', schoolUrl],
    ['dashboard', dashboardUrl],
    ['criterion', criterionUrl],
    ['evidence', evidenceUrl],
    ['action-plan', actionsUrl],
    ['settings', `${server.url}#/settings`],
    ['not-found', `${server.url}#/no/such/page`],
  ];
}

describe('a school evaluates its SEN provision', () => {
  it('North East: sets up a school, judges criteria, adds evidence and an action, and finds it all again after a reload', async () => {
    const framework = northEastFramework;
    const profile = profileOf(RIVERSIDE);
    // The school screen names every criterion of the edition; the dashboard counts those that apply to the school.
    const applying = framework.criteria.filter((c) => criterionApplies(c, profile).applies);
    const total = applying.length;
    const [first, second, third, fourth] = applying;
    if (!first || !second || !third || !fourth) throw new Error('The North East framework has fewer than four criteria');

    await page.goto(server.url);
    await checkScreen(page, 'home', 'Your schools');
    await expectVisible(page.getByText('No school has been set up yet.'));

    await page.getByRole('link', { name: 'Set up a new school' }).click();
    await checkScreen(page, 'school-form', 'Set up a new school', { screenshot: 'school-form' });

    await fillSchoolForm(page, RIVERSIDE);
    await page.getByRole('button', { name: 'Set up school' }).click();

    // The error summary appears, takes the focus, and its link takes the user to the field.
    const summary = page.getByRole('alert').filter({ has: page.getByRole('heading', { name: 'There is a problem' }) });
    await expectVisible(summary);
    await expect.poll(async () => (await focusedElement(page)).text).toMatch(/^There is a problem/);
    const urnProblem = summary.getByRole('link', { name: 'The URN must be 6 digits; this one has 5' });
    await expect(summary.getByRole('link').allInnerTexts()).resolves.toEqual(['The URN must be 6 digits; this one has 5']);
    const urnField = page.getByLabel('Unique reference number (URN)');
    await expect(urnField.getAttribute('aria-invalid')).resolves.toBe('true');
    await checkScreen(page, 'school-form-errors', 'Set up a new school');
    await urnProblem.click();
    await expect.poll(async () => (await focusedElement(page)).id).toBe('school-urn');
    expect(page.url()).not.toContain('#school-urn');

    await urnField.fill('123456');
    await page.getByRole('button', { name: 'Set up school' }).click();
    await checkScreen(page, 'school', 'Riverside Primary School', { screenshot: 'school' });
    visited.schoolUrl = page.url();
    const details = page.getByRole('region', { name: 'School details' });
    await expectText(details.getByRole('definition').nth(0), '123456');
    await expectText(details.getByRole('definition').nth(2), 'Gateshead');
    await expectVisible(page.getByText(`${framework.criteria.length} criteria.`, { exact: false }));

    const title = await startEvaluation(page);
    await checkScreen(page, 'dashboard', title);
    visited.dashboardUrl = page.url();
    await expectText(
      page.locator('.framework-identity'),
      `${northEast2026.title}, version 1.0.0 (identity ${shortHash(framework.base.contentHash)})`,
    );
    await expectDashboardCounts(total, { judged: 0, withEvidence: 0, actions: 0 });
    await expectStrandTable(framework, new Map(), new Set(), profile);

    // The first criterion, through the dashboard's "Continue with …".
    await openCriterion(page, first.id, () => page.getByRole('link', { name: `Continue with ${first.id}` }).click());
    await checkScreen(page, 'criterion', startsWithId(first.id));
    visited.criterionUrl = page.url();
    const judgements = new Map<string, string>();
    await judge(page, labelOf(framework, 'established'));
    judgements.set(first.id, 'established');
    const narrative = 'Our SEN policy was rewritten with parents in 2025 and is on the website. Governors review it each July.';
    const nextSteps = 'Publish a parent-friendly summary of the SEN policy.';
    await expectSavedAfter(page, () => page.getByLabel('Narrative').fill(narrative));
    await expectSavedAfter(page, () => page.getByLabel('Next steps').fill(nextSteps));

    await page.getByLabel('Add a new file and link it').setInputFiles([
      { name: 'SEN-policy-2025.txt', mimeType: 'text/plain', buffer: Buffer.from(POLICY_TEXT) },
      { name: 'provision-map.png', mimeType: 'image/png', buffer: PNG_1X1 },
    ]);
    await expectVisible(page.getByText('Added and linked “SEN-policy-2025.txt”. Added and linked “provision-map.png”.'));
    const firstEvidence = page.getByRole('region', { name: `Evidence for ${first.id}` });
    await expectText(firstEvidence.getByRole('listitem').nth(0), /^SEN policy 2025 \(Other\)/);
    await expectText(firstEvidence.getByRole('listitem').nth(1), /^provision map \(Other\)/);

    await page.getByRole('button', { name: 'Create an action from the next steps' }).click();
    await expectVisible(page.getByText('Action added to the action plan. Add who will do it and by when there.'));

    // The next criterion, through "Next:": judged, and linked to one of the files already in the library.
    await openCriterion(page, second.id, () => page.getByRole('link', { name: `Next: ${second.id}` }).click());
    await judge(page, labelOf(framework, 'embedded'));
    judgements.set(second.id, 'embedded');
    const library = page.getByLabel('Link evidence from the library');
    // The evidence section is drawn once the response form is on screen: waited for, not read at once.
    await expect.poll(() => library.locator('option').allInnerTexts()).toEqual(['Choose evidence', 'SEN policy 2025', 'provision map']);
    await library.selectOption({ label: 'provision map' });
    await page.getByRole('button', { name: 'Link', exact: true }).click();
    await expectVisible(page.getByText('Linked “provision map”.'));
    const secondEvidence = page.getByRole('region', { name: `Evidence for ${second.id}` });
    await expectText(secondEvidence.getByRole('list'), /^provision map \(Other\)/);

    await openCriterion(page, third.id, () => page.getByRole('link', { name: `Next: ${third.id}` }).click());
    await judge(page, labelOf(framework, 'developing'));
    judgements.set(third.id, 'developing');

    // Everything survives a reload.
    await reloadApp(startsWithId(third.id));
    await expectChecked(judgementGroup(page).getByRole('radio', { name: labelOf(framework, 'developing'), exact: true }));
    await expectVisible(page.getByText('No evidence linked yet.'));

    await openCriterion(page, second.id, () => page.getByRole('link', { name: `Previous: ${second.id}` }).click());
    await expectChecked(judgementGroup(page).getByRole('radio', { name: labelOf(framework, 'embedded'), exact: true }));
    await expect
      .poll(() =>
        page
          .getByRole('region', { name: `Evidence for ${second.id}` })
          .getByRole('listitem')
          .allInnerTexts(),
      )
      .toEqual([expect.stringMatching(/^provision map \(Other\)/)]);

    await openCriterion(page, first.id, () => page.getByRole('link', { name: `Previous: ${first.id}` }).click());
    await expectChecked(judgementGroup(page).getByRole('radio', { name: labelOf(framework, 'established'), exact: true }));
    await expectChecked(judgementGroup(page).getByRole('radio', { name: labelOf(framework, 'embedded'), exact: true }), false);
    await expectValue(page.getByLabel('Narrative'), narrative);
    await expectValue(page.getByLabel('Next steps'), nextSteps);
    await expect
      .poll(() =>
        page
          .getByRole('region', { name: `Evidence for ${first.id}` })
          .getByRole('listitem')
          .allInnerTexts(),
      )
      .toEqual([expect.stringMatching(/^SEN policy 2025 \(Other\)/), expect.stringMatching(/^provision map \(Other\)/)]);
    await checkScreen(page, 'criterion-with-work', startsWithId(first.id), { screenshot: 'criterion' });

    // The dashboard adds it up.
    const evaluationNav = page.getByRole('navigation', { name: 'Evaluation' });
    await evaluationNav.getByRole('link', { name: 'Dashboard' }).click();
    await checkScreen(page, 'dashboard-with-progress', title);
    await expectDashboardCounts(total, { judged: 3, withEvidence: 2, actions: 1 });
    await expectStrandTable(framework, judgements, new Set([first.id, second.id]), profile);
    await expectVisible(page.getByRole('link', { name: `Continue with ${fourth.id}` }));

    // The evidence library lists both files, one of them used for two criteria.
    await evaluationNav.getByRole('link', { name: 'Evidence library' }).click();
    await checkScreen(page, 'evidence', 'Evidence library');
    visited.evidenceUrl = page.url();
    await expectVisible(page.getByText('2 items in the library.'));
    const cards = page.getByRole('list', { name: 'Evidence' }).getByRole('listitem');
    const mapCard = cards.filter({ has: page.getByRole('heading', { name: 'provision map' }) });
    const policyCard = cards.filter({ has: page.getByRole('heading', { name: 'SEN policy 2025' }) });
    await expectText(mapCard.getByText(/^Used for:/), `Used for: ${first.id}, ${second.id}`);
    await expectText(policyCard.getByText(/^Used for:/), `Used for: ${first.id}`);
    await expectVisible(policyCard.getByText(`SEN-policy-2025.txt (${Buffer.byteLength(POLICY_TEXT)} bytes)`));

    await policyCard.getByRole('button', { name: 'View and edit SEN policy 2025' }).click();
    const panel = page.getByRole('region', { name: 'SEN policy 2025', exact: true });
    await expectVisible(panel);
    await expectText(panel.getByRole('region', { name: 'Text of SEN policy 2025' }), POLICY_TEXT);
    await checkScreen(page, 'evidence-item-open', 'Evidence library');
    await panel.getByRole('button', { name: 'Close SEN policy 2025' }).click();
    await mapCard.getByRole('button', { name: 'View and edit provision map' }).click();
    await expectVisible(page.getByRole('img', { name: 'provision map' }));
    const usedFor = page
      .getByRole('region', { name: 'provision map', exact: true })
      .getByRole('region', { name: 'Criteria it is used for' })
      .getByRole('list')
      .getByRole('link');
    await expect.poll(async () => (await usedFor.allInnerTexts()).map((text) => text.split(' ')[0])).toEqual([first.id, second.id]);

    // The action plan has the action made from the next steps.
    await evaluationNav.getByRole('link', { name: 'Action plan' }).click();
    await checkScreen(page, 'action-plan', 'Action plan', { screenshot: 'action-plan' });
    visited.actionsUrl = page.url();
    const actionRow = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: nextSteps }) });
    await expectVisible(actionRow);
    await expect(page.getByRole('rowheader').allInnerTexts()).resolves.toEqual([nextSteps]);
    await expectVisible(actionRow.getByRole('link', { name: first.id, exact: true }));
    await expectValue(actionRow.getByLabel(/^Status of/), 'not-started');
  });

  it('South West: the evaluation includes the parents supplement, and an SW judgement survives a reload', async () => {
    const framework = southWestFramework;
    const profile = profileOf(TAMAR_VALLEY);
    const total = framework.criteria.filter((c) => criterionApplies(c, profile).applies).length;
    const swCriterion = framework.criteria.find((c) => c.id.startsWith('SW26-'));
    const swStrand = framework.strands.find((s) => s.id.startsWith('SW26-'));
    if (!swCriterion || !swStrand || !framework.supplement) throw new Error('The South West framework has no supplement criteria');

    await page.goto(server.url);
    await checkScreen(page, 'home-with-school', 'Your schools', { screenshot: 'home' });
    await expectVisible(page.getByRole('list', { name: 'Schools' }).getByRole('link', { name: 'Riverside Primary School' }));
    await setUpSchool(page, TAMAR_VALLEY);

    const title = await startEvaluation(page);
    visited.swDashboardUrl = page.url();
    const { base, supplement } = framework;
    await expectText(
      page.locator('.framework-identity'),
      `${base.file.title}, version ${base.file.version} (identity ${shortHash(base.contentHash)}), with ${supplement.file.title}, version ${supplement.file.version} (identity ${shortHash(supplement.contentHash)})`,
    );
    await expectDashboardCounts(total, { judged: 0, withEvidence: 0, actions: 0 });
    const { rows } = await strandTableRows(page);
    expect(rows.map((r) => r[0])).toContain(`${swStrand.id} ${swStrand.title}`);
    expect(rows.some((r) => r[0]?.startsWith('SW26-1'))).toBe(true);

    // Find the supplement's first criterion in the list of criteria still to judge.
    await page.getByText(`Criteria without a judgement: ${total}`).click();
    await openCriterion(page, swCriterion.id, () => page.getByRole('link', { name: swCriterion.id, exact: true }).click());
    const workingWell = labelOf(framework, 'working-well');
    await judge(page, workingWell);

    await reloadApp(startsWithId(swCriterion.id));
    await expectChecked(judgementGroup(page).getByRole('radio', { name: workingWell, exact: true }));

    await page.getByRole('navigation', { name: 'Evaluation' }).getByRole('link', { name: 'Dashboard' }).click();
    await expectVisible(page.getByRole('heading', { level: 1, name: title }));
    await expectDashboardCounts(total, { judged: 1, withEvidence: 0, actions: 0 });
    await expectStrandTable(framework, new Map([[swCriterion.id, 'working-well']]), new Set(), profile);
  });

  it('keeps typing that was never blurred: after a pause, a reload and even a crash lose nothing', async () => {
    const narrative = page.getByLabel('Narrative');
    const swFirst = southWestFramework.criteria.find((c) => c.id.startsWith('SW26-'));
    const swSecond = southWestFramework.criteria.find((c) => c.id.startsWith('SW26-') && c !== swFirst);
    if (!swFirst || !swSecond) throw new Error('The South West supplement has fewer than two criteria');

    if (!visited.swDashboardUrl) throw new Error('The South West journey did not reach its dashboard');
    await page.goto(visited.swDashboardUrl);
    await page.getByRole('link', { name: `Continue with ${southWestFramework.criteria[0]?.id ?? ''}` }).click();
    await page
      .getByRole('complementary', { name: 'All criteria' })
      .getByText(/^SW26-1 /)
      .click();
    await openCriterion(page, swSecond.id, () =>
      page
        .getByRole('navigation', { name: 'Criteria' })
        .getByRole('link', { name: startsWithId(swSecond.id) })
        .click(),
    );

    const typed = 'Parents told us in the spring survey that they want termly meetings with the SENCO.';
    await narrative.click();
    await narrative.pressSequentially(typed);
    await page.waitForTimeout(1_500);
    expect((await focusedElement(page)).id).toBe('narrative');
    await reloadApp(startsWithId(swSecond.id));
    await expectValue(narrative, typed);

    // A crash gives the page no chance to save on the way out: only the timed autosave can have kept this.
    const more = ' We now hold them in October, February and June.';
    await narrative.click();
    await narrative.press('Control+End');
    await narrative.pressSequentially(more);
    await page.waitForTimeout(1_500);
    expect((await focusedElement(page)).id).toBe('narrative');
    const url = page.url();
    const cdp = await app.context.newCDPSession(page);
    const crashed = new Promise<void>((resolve) => page.once('crash', () => resolve()));
    // The renderer dies before it can answer, so the command is not awaited.
    void cdp.send('Page.crash').catch(() => undefined);
    await withTimeout(crashed, UI_TIMEOUT, 'the page to crash');
    await withTimeout(page.close(), UI_TIMEOUT, 'the crashed page to close');
    page = await app.context.newPage();
    page.setDefaultTimeout(UI_TIMEOUT);
    await page.goto(url);
    await expectVisible(page.getByRole('heading', { level: 1, name: startsWithId(swSecond.id) }));
    await expectValue(page.getByLabel('Narrative'), typed + more);
  });

  it('Settings: refuses a broken framework file with the problem at its JSON pointer, and imports a new version', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await checkScreen(page, 'settings', 'Settings', { screenshot: 'settings' });
    const importedTable = page.getByRole('table', { name: 'Frameworks imported on this computer' });
    await expect(importedTable.count()).resolves.toBe(0);
    const chooser = page.getByLabel('Choose a framework file to import');

    const broken = structuredClone(northEast);
    const criterion = broken.strands[0]?.standards[0]?.criteria[0];
    if (!criterion) throw new Error('north-east.json has no first criterion');
    criterion.id = 'XX-1';
    await chooser.setInputFiles({
      name: 'north-east-broken.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(broken, null, 2)),
    });
    const problems = page
      .getByRole('alert')
      .filter({ has: page.getByRole('heading', { name: /^“north-east-broken\.json” was not imported: \d+ problems?$/ }) });
    await expectVisible(problems);
    const lines = await problems.getByRole('listitem').allInnerTexts();
    expect(lines.some((line) => line.includes('/strands/0/standards/0/criteria/0/id'))).toBe(true);
    await checkScreen(page, 'settings-import-problems', 'Settings');
    await expect(importedTable.count()).resolves.toBe(0);

    const newer = { ...structuredClone(northEast2026), version: '1.1.0' };
    await chooser.setInputFiles({
      name: 'north-east-2026-1.1.0.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(newer, null, 2)),
    });
    await expectVisible(
      page.getByText(`Imported ${northEast2026.title}, version 1.1.0. New evaluations in regions that use “north-east-2026” now use it.`, {
        exact: true,
      }),
    );
    await expect(problems.count()).resolves.toBe(0);
    await expectVisible(importedTable.getByRole('cell', { name: 'north-east-2026 1.1.0' }));

    // It is stored, and new North East evaluations would use it; the existing one keeps its version.
    await reloadApp('Settings');
    await expectVisible(importedTable.getByRole('cell', { name: 'north-east-2026 1.1.0' }));
    if (!visited.schoolUrl || !visited.dashboardUrl) throw new Error('The North East journey did not get as far as the dashboard');
    await page.goto(visited.schoolUrl);
    await expectVisible(page.getByText(`Against the ${northEast2026.title} (version 1.1.0, identity`));
    await page.goto(visited.dashboardUrl);
    await expectText(
      page.locator('.framework-identity'),
      `${northEast2026.title}, version 1.0.0 (identity ${shortHash(northEastFramework.base.contentHash)})`,
    );
  });

  it('Accessibility: every screen passes axe and has exactly one h1; freshly loaded, the first Tab reaches “Skip to main content” and it passes axe again', async () => {
    await page.goto(`${server.url}#/no/such/page`);
    await checkScreen(page, 'not-found', 'Page not found');

    const required = [
      'home',
      'school-form',
      'school-form-errors',
      'school',
      'dashboard',
      'criterion',
      'evidence',
      'action-plan',
      'settings',
      'not-found',
    ];
    expect(required.filter((name) => !screensChecked.has(name))).toEqual([]);

    const skipLinkNotFirst: string[] = [];
    for (const [name, url] of freshScreens()) {
      await page.goto('about:blank');
      await page.goto(url);
      await expectVisible(page.locator('h1'));
      await page.keyboard.press('Tab');
      const focused = await focusedElement(page);
      if (focused.text !== 'Skip to main content') {
        skipLinkNotFirst.push(
          `${name}: Tab focused <${focused.tag}${focused.id ? ` id="${focused.id}"` : ''}> “${focused.text.slice(0, 40)}”`,
        );
      }
      // The same fresh page, with the skip link shown by its focus.
      await checkScreen(page, `${name} (fresh load)`, /./);
    }
    expect(skipLinkNotFirst, 'The first Tab on a freshly loaded screen should reach “Skip to main content”').toEqual([]);
  });

  it('the skip link, once focused, is visible and takes the keyboard to the main content', async () => {
    if (!visited.dashboardUrl) throw new Error('The North East journey did not reach the dashboard');
    await page.goto('about:blank');
    await page.goto(visited.dashboardUrl);
    await expectVisible(page.locator('h1'));
    const skip = page.getByRole('link', { name: 'Skip to main content' });
    const firstFocusable = await page.evaluate(() => {
      const el = document.querySelector<HTMLElement>(
        'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea, [tabindex="0"]',
      );
      return el?.textContent?.trim() ?? '';
    });
    expect(firstFocusable).toBe('Skip to main content');
    await skip.focus();
    const box = await skip.boundingBox();
    expect(box && box.x >= 0 && box.y >= 0 && box.width > 0 && box.height > 0).toBe(true);
    await page.keyboard.press('Enter');
    const focused = await focusedElement(page);
    expect(focused.tag).toBe('h1');
    await expect(page.evaluate(() => document.activeElement?.closest('main')?.id ?? null)).resolves.toBe('main-content');
  });

  it('made no request to anything but the local server, and logged no errors', () => {
    expect(app.outsideRequests).toEqual([]);
    expect(app.pageErrors).toEqual([]);
  });
});
