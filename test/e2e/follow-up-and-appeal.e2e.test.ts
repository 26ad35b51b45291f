import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppliedFramework } from '../../shared/framework/applied-framework';
import { formatIsoDate } from '../../shared/formats/en-gb-dates';
import { checkScreen, expectChecked, expectText, expectVisible, shippedFrameworkForRegion, UI_TIMEOUT } from './support/app';
import { launchAppBrowser, type AppBrowser } from './support/browser';
import { runTool, saveDownload } from './support/downloads';
import { tabTo } from './support/keyboard';
import { setUpWorkspaceAndTrustSubmission } from './support/moderator-steps';
import { dayFromToday, fillDate, fillOutcomeFeedback } from './support/outcome-steps';
import { expectNoAxeViolationsInBothThemes, typeDateByKeyboard } from './support/follow-up-steps';
import {
  continueWithFirstCriterion,
  exportSignedSubmission,
  judge,
  northEastPrimary,
  openCriterion,
  setUpSchool,
  startEvaluation,
} from './support/school-steps';
import { closeAppSession, openAppSession } from './support/session';
import type { StaticServer } from './support/static-server';

/**
 * A conditional award followed up and appealed, between a school and a moderator each in their own
 * browser profile: the award has two dated conditions; a signed follow-up discharges one; the school
 * sees one discharged and one still due; it appeals within the window, and the moderator records the
 * appeal's result. Every screen the journey shows with the new sections gets axe in the standard
 * and high-contrast themes; the discharge and the appeal are completed by keyboard alone.
 */
let server: StaticServer;
let schoolApp: AppBrowser;
let moderatorApp: AppBrowser;
let school: Page;
let moderator: Page;
let framework: AppliedFramework;
let downloads: string;
let submissionPath = '';
let reportPath = '';
let followUpPath = '';
let appealPath = '';
let schoolUrl = '';
let outcomeUrl = '';
let queueUrl = '';

const SCHOOL = 'Hawthorn Primary School';
const URN = '765501';
const ORGANISATION = 'North East SEN Partnership';
const FIRST = 'Publish the SEN information report on the school website.';
const SECOND = 'Train every governor in the SEND Code of Practice.';
const today = () => dayFromToday(0);

beforeAll(async () => {
  framework = await shippedFrameworkForRegion('north-east');
  ({ server, app: schoolApp, page: school } = await openAppSession());
  moderatorApp = await launchAppBrowser(server.origin);
  moderator = moderatorApp.page;
  moderator.setDefaultTimeout(UI_TIMEOUT);
  moderator.on('filechooser', () => undefined);
  downloads = await mkdtemp(join(tmpdir(), 'sen-follow-up-appeal-'));
});

afterAll(async () => {
  await moderatorApp?.close();
  await closeAppSession({ app: schoolApp, server });
});

const validSignature = (path: string) => expect(runTool('pdfsig', [path])).toMatch(/Signature Validation: Signature is Valid\./);

describe('a conditional award, followed up and appealed', () => {
  it('the school exports; the moderator records an award with two dated conditions and exports the report', async () => {
    const [a, b] = framework.criteria;
    if (!a || !b) throw new Error('framework too small');
    await school.goto(server.url);
    await setUpSchool(school, northEastPrimary({ name: SCHOOL, urn: URN }));
    schoolUrl = school.url();
    await startEvaluation(school);
    await continueWithFirstCriterion(school, a.id);
    await judge(school, 'Embedded');
    await openCriterion(school, b.id, () => school.getByRole('link', { name: `Next: ${b.id}` }).click());
    await judge(school, 'Established');
    submissionPath = await exportSignedSubmission(school, downloads);

    await moderator.goto(server.url);
    await setUpWorkspaceAndTrustSubmission(
      moderator,
      { name: 'Jordan Hale', region: 'North East', organisation: ORGANISATION },
      submissionPath,
    );
    await moderator.getByRole('link', { name: `Open submission v1 from ${SCHOOL}` }).click();
    await moderator
      .getByRole('navigation', { name: 'Moderation of this submission' })
      .getByRole('link', { name: 'Outcome and report' })
      .click();
    outcomeUrl = moderator.url();
    queueUrl = outcomeUrl.replace(/(#\/moderation\/[^/]+)\/.*$/, '$1');
    await moderator.getByLabel('Accredited with conditions').check();
    await moderator.getByRole('group', { name: 'Level' }).getByRole('radio').first().check();
    const override = moderator.getByLabel('Why the level differs from the one the rules give');
    if ((await override.count()) > 0) await override.fill('Seen on the visit: the provision is in place.');
    for (const [index, text] of [FIRST, SECOND].entries()) {
      await moderator.getByRole('button', { name: /^Add (a|another) condition$/ }).click();
      await moderator.getByLabel('What the school must do').nth(index).fill(text);
      await fillDate(moderator, `Condition ${index + 1} is due by`, dayFromToday(60 + index * 30));
    }
    await fillOutcomeFeedback(moderator, 'A strong start with two gaps to close.');
    await moderator.getByRole('button', { name: 'Record the outcome' }).click();
    await expectVisible(moderator.getByText(/^Outcome recorded: accredited at .* with 2 conditions/));
    reportPath = (
      await saveDownload(
        moderator,
        downloads,
        () => moderator.getByRole('button', { name: 'Export the signed moderation report' }).click(),
        'report.pdf',
      )
    ).path;
    await expectVisible(moderator.getByTestId('follow-up-section'));
    await checkScreen(moderator, 'follow-up-outcome-with-report', 'Outcome and moderation report');
    await expectNoAxeViolationsInBothThemes(moderator, 'the outcome screen with its follow-up section');
  });

  it('the school imports the report and sees both conditions due and the window to appeal', async () => {
    await school.goto(schoolUrl);
    await school.getByRole('link', { name: 'Import a moderation report, or read the ones imported' }).click();
    await school.getByLabel('Choose the moderation report (PDF)').setInputFiles(reportPath);
    await school.getByRole('button', { name: /^Trust and import/ }).click();
    await school.getByTestId('report-imported').getByRole('link', { name: 'See the moderation beside your judgements' }).click();
    await checkScreen(school, 'follow-up-received-report', 'Moderation of submission v1');
    const conditions = school.getByTestId('received-conditions').getByRole('listitem');
    await expectText(conditions.nth(0), `${FIRST} Due by ${formatIsoDate(dayFromToday(60))}.`);
    await expectText(conditions.nth(1), `${SECOND} Due by ${formatIsoDate(dayFromToday(90))}.`);
    await expectVisible(school.getByTestId('appeal-window').getByText(/^The school can appeal until /));
    await expectNoAxeViolationsInBothThemes(school, 'the received report with the appeal form');
  });

  it('the moderator records the second condition discharged, by keyboard alone, and exports the signed follow-up', async () => {
    await moderator.goto(outcomeUrl);
    await moderator.getByRole('heading', { level: 2, name: 'After the report: conditions, appeals and follow-up' }).waitFor();
    await moderator.getByRole('heading', { level: 1 }).focus();
    // The first condition's form comes first: Tab past it to the second one's.
    await tabTo(moderator, 'Record condition 1 as discharged', { limit: 200 });
    await typeDateByKeyboard(moderator, today());
    await tabTo(moderator, 'What the school showed');
    await moderator.keyboard.type('Certificates of the governors’ training, seen.');
    await tabTo(moderator, 'Record condition 2 as discharged');
    await moderator.keyboard.press('Enter');
    const listed = moderator.getByTestId('moderator-conditions').getByRole('listitem');
    await expectText(listed.nth(1), `${SECOND} Discharged on ${formatIsoDate(today())}: Certificates of the governors’ training, seen.`);
    await expectVisible(listed.nth(0).getByRole('button', { name: 'Record condition 1 as discharged' }));
    // Recording the outcome again would lose the discharge: the screen says so before anyone tries.
    await expectVisible(moderator.getByTestId('outcome-discharged-notice'));

    followUpPath = (
      await saveDownload(
        moderator,
        downloads,
        () => moderator.getByRole('button', { name: 'Export the signed follow-up report' }).click(),
        'follow-up.pdf',
      )
    ).path;
    await expectVisible(moderator.getByTestId('follow-up-exported'));
    validSignature(followUpPath);
    await expectNoAxeViolationsInBothThemes(moderator, 'the outcome screen after a discharge and a follow-up');
  });

  it('the school imports the follow-up: one condition discharged with its date, one still due, on the report page and the dashboard', async () => {
    await school.goto(schoolUrl);
    await school.getByRole('link', { name: 'Import a moderation report, or read the ones imported' }).click();
    await school.getByLabel('Choose the moderation report (PDF)').setInputFiles(followUpPath);
    await school.getByTestId('report-imported').getByRole('link', { name: 'See the moderation beside your judgements' }).click();
    await expectVisible(school.getByTestId('follow-up-note'));
    const conditions = school.getByTestId('received-conditions').getByRole('listitem');
    await expectText(conditions.nth(0), `${FIRST} Due by ${formatIsoDate(dayFromToday(60))}.`);
    await expectText(
      conditions.nth(1),
      `${SECOND} Discharged on ${formatIsoDate(today())}: Certificates of the governors’ training, seen.`,
    );
    await checkScreen(school, 'follow-up-received-follow-up', 'Moderation of submission v1');
    await expectNoAxeViolationsInBothThemes(school, 'the received follow-up');
    const reportUrl = school.url();

    await school.getByRole('navigation', { name: 'Evaluation' }).getByRole('link', { name: 'Dashboard' }).click();
    const onDashboard = school
      .getByRole('region', { name: 'Moderation outcome' })
      .getByTestId('moderation-conditions')
      .getByRole('listitem');
    await expect.poll(() => onDashboard.count(), { timeout: UI_TIMEOUT }).toBe(2);
    await expectVisible(onDashboard.filter({ hasText: FIRST }).getByText(formatIsoDate(dayFromToday(60)), { exact: false }));
    await expectText(onDashboard.filter({ hasText: SECOND }), `${SECOND} Discharged on ${formatIsoDate(today())}.`);
    await checkScreen(school, 'follow-up-dashboard', /\S/);
    await expectNoAxeViolationsInBothThemes(school, 'the dashboard after the follow-up');

    // The appeal, by keyboard alone: the grounds, what is disputed, the head teacher, then Enter on the button.
    await school.goto(reportUrl);
    await school.getByRole('heading', { level: 1 }).focus();
    await tabTo(school, 'Grounds of the appeal (required)', { limit: 200 });
    await school.keyboard.type('The information report was published before the visit; the link was in our evidence.');
    await tabTo(school, 'The outcome');
    await school.keyboard.press('Space');
    await tabTo(school, 'Head teacher’s name (required)');
    await school.keyboard.type('Alex Morgan');
    await tabTo(school, 'Sign and export the appeal');
    appealPath = (await saveDownload(school, downloads, () => school.keyboard.press('Enter'), 'appeal.pdf')).path;
    await expectVisible(school.getByTestId('appeal-exported'));
    await expectVisible(school.getByTestId('lodged-appeals').getByText(/waiting for the moderator’s result/));
    validSignature(appealPath);
    await expectNoAxeViolationsInBothThemes(school, 'the received follow-up after an appeal');
  });

  it('the moderator imports the appeal: the queue reads Appealed until the result is recorded', async () => {
    await moderator.goto(outcomeUrl);
    await moderator.getByLabel('Import a school’s signed appeal (PDF)').setInputFiles(appealPath);
    await expectVisible(moderator.getByTestId('appeal-import-status').getByText(/^Appeal imported: lodged by Alex Morgan/));
    await expectNoAxeViolationsInBothThemes(moderator, 'the outcome screen with an open appeal');

    const queueRow = () => moderator.getByRole('row').filter({ hasText: SCHOOL });
    await moderator.goto(queueUrl);
    await expectVisible(queueRow().getByText('Appealed', { exact: true }));
    await expectNoAxeViolationsInBothThemes(moderator, 'the queue with an appealed submission');

    // The result, by keyboard alone: an arrow to choose, the reasons typed, Enter on the button.
    await moderator.goto(outcomeUrl);
    await moderator.getByRole('heading', { level: 1 }).focus();
    // Enter with nothing chosen: refused, and the refusal is announced.
    await tabTo(moderator, 'Record the result', { limit: 200 });
    await moderator.keyboard.press('Enter');
    await expectText(
      moderator.getByTestId('moderator-appeals').getByRole('alert'),
      'The result was not recorded: Choose whether the appeal is upheld or not upheld. Give the reasons for the result, for the school to read.',
    );
    await moderator.getByRole('heading', { level: 1 }).focus();
    await tabTo(moderator, 'Upheld', { limit: 200 });
    await moderator.keyboard.press('ArrowDown');
    await expectChecked(moderator.getByLabel('Not upheld'));
    await tabTo(moderator, 'Reasons, for the school');
    await moderator.keyboard.type('The link in the evidence was to a draft; the published report came after the visit.');
    await tabTo(moderator, 'Record the result');
    await moderator.keyboard.press('Enter');
    await expectVisible(moderator.getByTestId('moderator-appeals').getByText('Resolved: not upheld'));
    await expectNoAxeViolationsInBothThemes(moderator, 'the outcome screen with a resolved appeal');

    await moderator.goto(queueUrl);
    await expectVisible(queueRow().getByText(/^Decided/));
    await expect(queueRow().getByText('Appealed', { exact: true }).count()).resolves.toBe(0);
  });

  it('a second follow-up carries the result to the school: its dashboard no longer reads Appealed', async () => {
    await school.getByRole('navigation', { name: 'Evaluation' }).getByRole('link', { name: 'Dashboard' }).click();
    const panel = school.getByRole('region', { name: 'Moderation outcome' });
    await expectVisible(panel.getByText(/Where it stands now: Appealed\./));

    await moderator.goto(outcomeUrl);
    const second = await saveDownload(
      moderator,
      downloads,
      () => moderator.getByRole('button', { name: 'Export the signed follow-up report' }).click(),
      'follow-up-2.pdf',
    );
    validSignature(second.path);
    await school.goto(schoolUrl);
    await school.getByRole('link', { name: 'Import a moderation report, or read the ones imported' }).click();
    await school.getByLabel('Choose the moderation report (PDF)').setInputFiles(second.path);
    await school.getByTestId('report-imported').getByRole('link', { name: 'See the moderation beside your judgements' }).click();
    await expectText(
      school.getByTestId('appeal-result'),
      new RegExp(`^The school’s appeal, lodged on ${formatIsoDate(today())}, was not upheld on`),
    );
    await expectNoAxeViolationsInBothThemes(school, 'the received follow-up with the appeal’s result');
    await school.getByRole('navigation', { name: 'Evaluation' }).getByRole('link', { name: 'Dashboard' }).click();
    await expectVisible(school.getByRole('region', { name: 'Moderation outcome' }).getByText(/Where it stands now:/));
    await expect(
      school
        .getByRole('region', { name: 'Moderation outcome' })
        .getByText(/Where it stands now: Appealed/)
        .count(),
    ).resolves.toBe(0);
    expect(schoolApp.pageErrors).toEqual([]);
    expect(moderatorApp.pageErrors).toEqual([]);
  });
});
