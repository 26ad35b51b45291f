import { mkdir, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppliedFramework } from '../../shared/framework/applied-framework';
import { formatIsoDate } from '../../shared/formats/en-gb-dates';
import { sha256Hex } from '../../shared/formats/sha256';
import { criteriaToReview } from '../../shared/moderation/moderation-review';
import { verifyModerationReport } from '../../shared/moderation/moderation-report-verifier';
import { checkScreen, expectSavedAfter, expectVisible, screenAddresses, shippedFrameworkForRegion, readmeScreenshot } from './support/app';
import { AXE_COLOUR_RULES, expectNoAxeViolations } from './support/axe';
import { horizontalOverflow, putLookOn, storeReadingPreferences, THEME_AND_TINT } from './support/reading-themes';
import type { AppBrowser } from './support/browser';
import {
  continueWithFirstCriterion,
  exportSignedSubmission,
  judge,
  northEastPrimary,
  openCriterion,
  profileOf,
  setUpSchool,
  startEvaluation,
} from './support/school-steps';
import { setUpWorkspaceAndTrustSubmission } from './support/moderator-steps';
import { dayFromToday, fillDate, fillOutcomeFeedback } from './support/outcome-steps';
import { runTool, saveDownload } from './support/downloads';
import { closeAppSession, openAppSession } from './support/session';
import type { StaticServer } from './support/static-server';

/**
 * Both sides of moderation in one browser, as the two people do it: a school exports its signed
 * submission; a moderator imports it, reviews criteria (opening the evidence inside the PDF), plans
 * a visit from a seed, records the outcome and exports the signed report; the school imports the
 * report, sees the moderation beside its judgements, and finds the request for evidence in its plan;
 * it sends that evidence, has the changed evaluation approved again and resubmits, and the moderator's
 * version 2 carries over the decisions on the criteria that did not change.
 * The real workers run here (pkijs works in Chromium), and every screen gets an axe scan.
 */
let server: StaticServer;
let app: AppBrowser;
let page: Page;
let framework: AppliedFramework;
let downloads: string;
let submissionPath = '';
let reportPath = '';
let schoolUrl = '';
let reviewUrl = '';

const SCHOOL = 'Moorside Primary School';
const URN = '765432';
const MODERATOR = 'Jordan Hale';
const ORGANISATION = 'North East SEN Partnership';
/** Set LOOK_DIR to keep a full-page screenshot of each screen, to look at. */
const LOOK_DIR = process.env.LOOK_DIR ?? '';

beforeAll(async () => {
  framework = await shippedFrameworkForRegion('north-east');
  ({ server, app, page } = await openAppSession());
  downloads = await mkdtemp(join(tmpdir(), 'sen-moderation-downloads-'));
  if (LOOK_DIR) await mkdir(LOOK_DIR, { recursive: true });
});

afterAll(async () => {
  await closeAppSession({ app, server });
});

const download = (click: () => Promise<void>, name: string) => saveDownload(page, downloads, click, name);

/** The axe scan and one-h1 check of every screen, and a screenshot to look at when LOOK_DIR is set. */
async function look(name: string, heading: string | RegExp): Promise<void> {
  await checkScreen(page, name, heading);
  if (!LOOK_DIR) return;
  await page.screenshot({ path: join(LOOK_DIR, `${name}.png`), fullPage: true, animations: 'disabled', caret: 'hide' });
  await page.screenshot({ path: join(LOOK_DIR, `${name}-top.png`), animations: 'disabled', caret: 'hide' });
}

/** The criteria the moderator reviews: those that apply to the school by the profile in its submission. */
const toReview = () => criteriaToReview(framework, profileOf(northEastPrimary({ name: SCHOOL, urn: URN })));

type Look = (typeof THEME_AND_TINT)[number];

const submissionNav = () => page.getByRole('navigation', { name: 'Moderation of this submission' });

describe('moderation, from the school to the moderator and back', () => {
  it('the school exports a signed submission', async () => {
    const [first, second] = framework.criteria;
    if (!first || !second) throw new Error('framework too small');
    await page.goto(server.url);
    await setUpSchool(page, northEastPrimary({ name: SCHOOL, urn: URN }));
    schoolUrl = page.url();
    await startEvaluation(page);
    await continueWithFirstCriterion(page, first.id);
    await judge(page, 'Embedded');
    await expectSavedAfter(page, () => page.getByLabel('Narrative').fill('Governors approved the SEN policy in October.'));
    await page
      .getByLabel('Add a new file and link it')
      .setInputFiles([
        { name: 'provision-map.csv', mimeType: 'text/csv', buffer: Buffer.from('Group,Provision\nYear 3,Precision teaching\n') },
      ]);
    await expectVisible(page.getByText(/Added and linked “provision-map\.csv”/));
    await openCriterion(page, second.id, () => page.getByRole('link', { name: `Next: ${second.id}` }).click());
    await judge(page, 'Established');

    submissionPath = await exportSignedSubmission(page, downloads);
  });

  it('a moderator sets up a workspace and imports the submission', async () => {
    await setUpWorkspaceAndTrustSubmission(page, { name: MODERATOR, region: 'North East', organisation: ORGANISATION }, submissionPath);
    await page.getByRole('link', { name: `Open submission v1 from ${SCHOOL}` }).click();
    await look('moderation-overview', `${SCHOOL}: submission v1`);
    reviewUrl = page.url();
    // Counted over the criteria that apply to a primary school: the Year 9 ones are not reviewed.
    await expectVisible(page.getByText(`0 of ${toReview().length} criteria reviewed`, { exact: false }));
  });

  it('reviews criteria: more evidence needed on the first, after opening its evidence; agreement on the next in one press', async () => {
    const [first, second, third] = toReview();
    if (!first || !second || !third) throw new Error('framework too small');
    await page.getByRole('link', { name: `Start the review at ${first.id}` }).click();
    await expectVisible(page.getByRole('heading', { level: 1, name: new RegExp(first.id.replaceAll('.', '\\.')) }));
    await expectVisible(page.getByText('Governors approved the SEN policy in October.'));
    await page.getByText('Open the file', { exact: false }).click();
    await expectVisible(page.getByRole('region', { name: 'Text of provision map' }));
    await look('moderation-criterion', new RegExp(first.statement.slice(0, 30)));
    await readmeScreenshot(page, 'moderation-criterion', page.locator('.moderation-columns'), { height: 900 });

    const decision = page.getByRole('group', { name: `Decision on ${first.id}` });
    await expectSavedAfter(page, () => decision.getByLabel('More evidence needed').check());
    await expectSavedAfter(page, () => page.getByLabel('Comment for the school').fill('Send the minutes of the governors’ meeting.'));
    await page.getByRole('link', { name: `Next: ${second.id} →` }).click();
    await page.getByRole('button', { name: `Agree and go to ${third.id}` }).click();
    await expectVisible(page.getByRole('heading', { level: 1, name: new RegExp(third.id.replaceAll('.', '\\.')) }));
    // The school did not judge the third criterion: there is nothing to agree with or moderate, so "Not met" is offered instead.
    const thirdDecision = page.getByRole('group', { name: `Decision on ${third.id}` });
    await expect(thirdDecision.getByRole('radio').count()).resolves.toBe(2);
    await expect(page.getByRole('button', { name: /^Agree and go/ }).count()).resolves.toBe(0);
    await thirdDecision.getByLabel('Not met').check();
    await expectVisible(page.getByText(/^Saved at/));
    await look('moderation-criterion-moderated', new RegExp(third.id.replaceAll('.', '\\.')));

    await submissionNav().getByRole('link', { name: 'Overview' }).click();
    await expectVisible(page.getByText(`3 of ${toReview().length} criteria reviewed: 1 agreed, 1 moderated, 1 needing more evidence.`));
    await expect(page.getByLabel('Status of this submission').inputValue()).resolves.toBe('in-review');
  });

  it('plans the visit by the region’s rule from a seed and prints the plan', async () => {
    await submissionNav().getByRole('link', { name: 'Visit' }).click();
    await page.getByLabel('Seed for the random draw').fill('MOORSIDE');
    await page.getByRole('button', { name: 'Propose the sample' }).click();
    await expectVisible(
      page
        .getByTestId('visit-method')
        .getByText('Proposed by the region’s rule, with the seed MOORSIDE. Each says why it is in the sample.'),
    );
    const visitDate = page.getByRole('group', { name: 'Date of the visit' });
    await visitDate.getByLabel('Day').fill('3');
    await visitDate.getByLabel('Month').fill('2');
    await visitDate.getByLabel('Year').fill('2027');
    // Day, month and year side by side on one line, each about as wide as what it holds.
    const [day, month, year] = await Promise.all(['Day', 'Month', 'Year'].map((label) => visitDate.getByLabel(label).boundingBox()));
    expect(day && month && year).toBeTruthy();
    expect([month?.y, year?.y]).toEqual([day?.y, day?.y]);
    expect(day?.width).toBeLessThan(120);
    expect(year?.width).toBeLessThan(160);
    await expectSavedAfter(page, () => page.getByLabel('Notes for the visit').fill('Meet the SENCO and two governors.'));
    // A timetable with an interview, its questions under it: the screen is scanned with them.
    const timetable = page.getByRole('region', { name: /Timetable for the day/ });
    await timetable.getByRole('button', { name: 'Add a row to the timetable' }).click();
    await timetable.getByLabel('Start time').fill('10:00');
    await timetable.getByLabel('End time (optional)').fill('10:30');
    await timetable.getByLabel('Activity').selectOption('interview');
    await timetable.getByLabel('Governors or trustees').check();
    await timetable.getByRole('group', { name: 'Criteria it covers' }).getByRole('checkbox').first().check();
    await expectSavedAfter(page, () => timetable.getByRole('button', { name: 'Add the row' }).click());
    await expectVisible(timetable.getByRole('heading', { level: 3, name: '10:00 to 10:30 Interview' }));
    await expectVisible(timetable.getByText('Questions to ask'));
    await look('moderation-visit', 'Plan the visit');
    await readmeScreenshot(page, 'visit-timetable', page.locator('section.visit-timetable'));
    const plan = await download(() => page.getByRole('button', { name: 'Download the visit plan to print' }).click(), 'visit-plan.pdf');
    expect(plan.suggested).toMatch(new RegExp(`^${URN}-visit-plan-\\d{4}-\\d{2}-\\d{2}\\.pdf$`));
    const text = runTool('pdftotext', ['-layout', plan.path, '-']);
    expect(text).toContain('Moderation visit plan');
    expect(text).toContain('MOORSIDE');
    expect(text).toContain('Timetable for the day');
    expect(text).toContain('10:00 to 10:30 Interview with governors or trustees');
  });

  it('records the outcome, after the error summary, and exports the signed report', async () => {
    await submissionNav().getByRole('link', { name: 'Outcome and report' }).click();
    await page.getByRole('button', { name: 'Record the outcome' }).click();
    await expectVisible(page.getByRole('alert').getByRole('link', { name: 'Choose the outcome of the moderation' }));
    await look('moderation-outcome-errors', 'Outcome and moderation report');
    await page.getByLabel('Deferred').check();
    // The request for evidence made during the review is listed already; it needs its date, and the deferral its own.
    await fillDate(page, 'The school must resubmit by', dayFromToday(45));
    await fillDate(page, 'Request 1 is due by', dayFromToday(30));
    await fillOutcomeFeedback(page, 'A clear start. Send the evidence asked for, then we will visit.');
    await page.getByRole('button', { name: 'Record the outcome' }).click();
    await expectVisible(page.getByText(/^Outcome recorded: deferred/));
    const report = await download(() => page.getByRole('button', { name: 'Export the signed moderation report' }).click(), 'report.pdf');
    reportPath = report.path;
    expect(report.suggested).toMatch(new RegExp(`^${URN}-moderation-\\d{4}-\\d{2}-\\d{2}-v1\\.pdf$`));
    await expectVisible(page.getByTestId('report-exported'));
    await look('moderation-report-exported', 'Outcome and moderation report');

    const signatures = runTool('pdfsig', [reportPath]);
    expect(signatures).toMatch(/Signature Validation: Signature is Valid\./);
    expect(signatures).toMatch(/Total document signed/);
    const submissionSha256 = await sha256Hex(new Uint8Array(await readFile(submissionPath)));
    const verified = await verifyModerationReport(new Uint8Array(await readFile(reportPath)), {
      submissionSha256: () => submissionSha256,
    });
    if (!verified.ok) throw new Error(verified.rejection.message);
    expect(verified.report.moderation.outcome.kind).toBe('deferred');
    expect(verified.report.moderation.submission.school.urn).toBe(URN);
  });

  it('the school imports the report, sees it beside its judgements, finds the request in its action plan, and sees the outcome on its dashboard and the decision on the criterion', async () => {
    const [first] = framework.criteria;
    await page.goto(schoolUrl);
    await page.getByRole('link', { name: 'Import a moderation report, or read the ones imported' }).click();
    await look('moderation-reports', 'Moderation reports');
    await page.getByLabel('Choose the moderation report (PDF)').setInputFiles(reportPath);
    // The first report from this moderator's organisation: the school checks the fingerprint, then trusts it.
    await expectVisible(page.getByTestId('first-use-report'));
    await look('moderation-report-first-use', 'Moderation reports');
    await page.getByRole('button', { name: /^Trust and import/ }).click();
    await expectVisible(page.getByTestId('report-imported').getByText(/1 request for more evidence became an action in your plan\./));
    await page.getByRole('link', { name: 'See the moderation beside your judgements' }).click();
    await look('received-report', 'Moderation of submission v1');
    await expectVisible(page.getByText('A clear start. Send the evidence asked for, then we will visit.'));
    await page.getByRole('navigation', { name: 'Evaluation' }).getByRole('link', { name: 'Action plan' }).click();
    await expectVisible(page.getByText(`Send more evidence for ${first?.id}: Send the minutes of the governors’ meeting.`));

    // Where the school stands, on its dashboard and on the criterion's own screen (axe-checked, and swept below).
    if (!first) throw new Error('framework too small');
    await page.getByRole('navigation', { name: 'Evaluation' }).getByRole('link', { name: 'Dashboard' }).click();
    const outcome = page.getByRole('region', { name: 'Moderation outcome' });
    await expectVisible(outcome.getByText('Deferred', { exact: true }));
    await expect(outcome.getByTestId('moderation-resubmit-by').textContent()).resolves.toBe(formatIsoDate(dayFromToday(45)));
    const request = outcome.getByRole('listitem').filter({ hasText: 'Send the minutes of the governors’ meeting.' });
    await expectVisible(request.getByText(`Due by ${formatIsoDate(dayFromToday(30))}.`, { exact: false }));
    await look('dashboard-moderation-outcome', /\S/);
    await request.getByRole('link', { name: first.id }).click();
    const decision = page.getByRole('region', { name: 'Moderator’s decision' });
    await expectVisible(decision.getByText('More evidence needed', { exact: true }));
    await expectVisible(decision.getByText('Send the minutes of the governors’ meeting.', { exact: true }));
    await look('criterion-moderator-decision', new RegExp(first.id.replaceAll('.', '\\.')));

    // Importing the same report again adds nothing.
    await page.goto(schoolUrl);
    await page.getByRole('link', { name: 'Import a moderation report, or read the ones imported' }).click();
    await page.getByLabel('Choose the moderation report (PDF)').setInputFiles(reportPath);
    await expectVisible(page.getByText('This report was imported before. Nothing was added again.'));
    expect(reviewUrl).toContain('#/moderation/');
    expect(app.pageErrors).toEqual([]);
    expect(app.outsideRequests).toEqual([]);
  });

  it('the school sends the evidence asked for: the approval goes out of date and is renewed, and version 2 carries the unchanged decisions over with the changed criterion first', async () => {
    const [first, second, third] = toReview();
    const criterionAddress = screenAddresses.get('criterion-moderator-decision');
    if (!first || !second || !third || !criterionAddress) throw new Error('the journey did not reach the criterion');
    await page.goto(criterionAddress);
    await expectVisible(page.getByRole('heading', { level: 1, name: new RegExp(first.id.replaceAll('.', '\\.')) }));
    await page
      .getByLabel('Add a new file and link it')
      .setInputFiles([
        { name: 'governors-minutes.txt', mimeType: 'text/plain', buffer: Buffer.from('Minutes: the SEN policy was approved.\n') },
      ]);
    await expectVisible(page.getByText(/Added and linked “governors-minutes\.txt”/));

    // The head teacher approved version 1: the change puts that approval out of date, and the export asks for it again.
    await page.getByRole('navigation', { name: 'Evaluation' }).getByRole('link', { name: 'Submit' }).click();
    await expectVisible(page.getByTestId('approval-state').getByText(/^Out of date: changed since /));
    await page.getByLabel(/We confirm that this self-evaluation is an accurate account/).check();
    await page.getByRole('button', { name: 'Export the signed submission' }).click();
    await expectVisible(
      page.getByRole('alert').getByRole('link', { name: /^Out of date: changed since .*; ask them to approve it again/ }),
    );
    const resubmissionPath = await exportSignedSubmission(page, downloads);

    await page.goto(reviewUrl.replace(/#\/moderation\/([^/]+)\/.*$/, '#/moderation/$1/import'));
    await page.getByLabel('Choose submission PDFs').setInputFiles(resubmissionPath);
    // The school's key is trusted from version 1: version 2 comes in without asking again.
    await page.getByRole('link', { name: `Open submission v2 from ${SCHOOL}` }).click();
    await expectVisible(page.getByRole('heading', { level: 1, name: `${SCHOOL}: submission v2` }));
    await expectVisible(
      page
        .getByTestId('carry-over-summary')
        .getByText(/^1 of \d+ criteria changed since version 1\. 2 decisions were carried over from the criteria that did not change\./),
    );
    const rows = page.getByTestId('moderation-criteria').getByRole('row');
    await expect(rows.nth(1).getByRole('rowheader').textContent()).resolves.toBe(first.id);
    await expectVisible(rows.nth(1).getByText('Changed or new: review it'));
    await expectVisible(rows.filter({ hasText: third.id }).getByText('Carried over from version 1'));
    await look('moderation-overview-v2', `${SCHOOL}: submission v2`);
    expect(app.pageErrors).toEqual([]);
  });

  // Every screen both journeys reached, and the ones beside them, in every look.
  function sweptAddresses(): string[] {
    const evaluationId = /#\/evaluations\/([^/]+)/.exec(screenAddresses.get('received-report') ?? '')?.[1];
    const workspace = /#\/moderation\/([^/]+)/.exec(reviewUrl)?.[1];
    if (!evaluationId || !workspace) throw new Error('the journey did not reach the evaluation and the workspace');
    const addresses = new Set([
      server.url,
      `${server.url}#/settings`,
      `${server.url}#/help`,
      schoolUrl,
      ...['', '/evidence', '/actions', '/submit', '/portfolio'].map((tail) => `${server.url}#/evaluations/${evaluationId}${tail}`),
      `${server.url}#/moderation/${workspace}`,
      `${server.url}#/moderation/${workspace}/import`,
      ...screenAddresses.values(),
    ]);
    expect(addresses.size).toBeGreaterThanOrEqual(18);
    return [...addresses];
  }

  /**
   * Opens each address once (loaded afresh in the standard look) and puts each look on it in turn
   * the way the Settings screen does when a choice changes: the root element's data attributes, at once.
   */
  async function sweep(addresses: readonly string[], looks: readonly Look[], check: (address: string, look: Look) => Promise<void>) {
    await storeReadingPreferences(page, {});
    for (const address of addresses) {
      await page.goto(address);
      await page.reload();
      await expectVisible(page.locator('h1'));
      await expect.poll(() => page.locator('h1').count(), { message: `one h1 at ${address}` }).toBe(1);
      for (const look of looks) {
        await putLookOn(page, look);
        await check(address, look);
      }
    }
  }

  /** The page's background and text colours in each look, by address: the proof that each look was on the page axe checked. */
  const backgrounds = new Map<string, Set<string>>();

  /** Every rule in each theme without a tint; the tints change colours only, so under them the colour rules. */
  async function axeInEveryLook(address: string, look: Look): Promise<void> {
    const background = await page.evaluate(() => {
      const style = getComputedStyle(document.body);
      return `${style.backgroundColor} on ${style.color}`;
    });
    backgrounds.set(address, (backgrounds.get(address) ?? new Set()).add(background));
    await expectNoAxeViolations(
      page,
      `${address} in ${look.theme} with ${look.tint} tint`,
      look.tint === 'none' ? undefined : AXE_COLOUR_RULES,
    );
  }

  /** At 320 px in the standard and high-contrast themes, the page does not scroll sideways; then back to the desktop window. */
  async function reflowsHere(address: string): Promise<void> {
    await page.setViewportSize({ width: 320, height: 720 });
    try {
      for (const look of THEME_AND_TINT.filter((each) => each.tint === 'none')) {
        await putLookOn(page, look);
        const overflow = await horizontalOverflow(page);
        expect(overflow.root, `${address} at 320 px in ${look.theme}: ${overflow.culprits.join(', ')}`).toBeLessThanOrEqual(overflow.width);
        expect(overflow.body, `${address} at 320 px in ${look.theme}`).toBeLessThanOrEqual(overflow.width);
        reflowed.add(`${address} ${look.theme}`);
      }
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  }
  const reflowed = new Set<string>();

  /** Axe in every look and, on the last, the reflow at 320 px: one load of each address for both. */
  async function axeAndReflow(address: string, look: Look): Promise<void> {
    await axeInEveryLook(address, look);
    if (look === THEME_AND_TINT[THEME_AND_TINT.length - 1]) await reflowsHere(address);
  }

  it('every screen of the school’s journey passes axe in every theme and tint, and reflows at 320 px in the standard and high-contrast themes', async () => {
    const school = sweptAddresses().filter((address) => !address.includes('#/moderation/'));
    expect(school.length).toBeGreaterThanOrEqual(9);
    await sweep(school, THEME_AND_TINT, axeAndReflow);
    expect(app.pageErrors).toEqual([]);
  });

  it('every screen of the moderator’s journey passes axe in every theme and tint, and reflows at 320 px in the standard and high-contrast themes', async () => {
    const moderator = sweptAddresses().filter((address) => address.includes('#/moderation/'));
    expect(moderator.length).toBeGreaterThanOrEqual(6);
    await sweep(moderator, THEME_AND_TINT, axeAndReflow);
    expect(app.pageErrors).toEqual([]);
    // Each look drew its own colours on every screen swept, and every screen reflowed in both themes.
    expect(backgrounds.size).toBe(sweptAddresses().length);
    for (const [address, seen] of backgrounds) expect(seen.size, address).toBe(THEME_AND_TINT.length);
    expect(reflowed.size).toBe(sweptAddresses().length * 2);
  });
});
