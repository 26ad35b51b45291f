import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppliedFramework } from '../../shared/framework/applied-framework';
import { sha256Hex } from '../../shared/formats/sha256';
import { verifyModerationReport } from '../../shared/moderation/moderation-report-verifier';
import { expectSavedAfter, expectText, expectVisible, shippedFrameworkForRegion } from './support/app';
import type { AppBrowser } from './support/browser';
import { runTool, saveDownload } from './support/downloads';
import { setUpWorkspaceAndTrustSubmission } from './support/moderator-steps';
import { fillOutcomeFeedback } from './support/outcome-steps';
import {
  continueWithFirstCriterion,
  exportSignedSubmission,
  judge,
  openFromSideList,
  setUpSchool,
  sideList,
  startEvaluation,
  startsWithId,
  type SchoolAnswers,
} from './support/school-steps';
import { closeAppSession, openAppSession } from './support/session';
import type { StaticServer } from './support/static-server';

/**
 * A secondary school claims that one criterion the framework allows to be "not applicable" does not
 * apply to it: refused without a reason, kept with one. It exports the signed submission; a
 * moderator imports it, reads the claim and its reason on the criterion, and disputes it; the
 * overview and the signed moderation report show the dispute.
 */
let server: StaticServer;
let app: AppBrowser;
let page: Page;
let framework: AppliedFramework;
let downloads: string;
let submissionPath = '';

const SCHOOL = 'Castle Hill Academy';
const ANSWERS: SchoolAnswers = {
  name: SCHOOL,
  urn: '318274',
  region: 'North East',
  localAuthority: 'County Durham',
  phase: 'Secondary',
  headTeacher: 'Helen Marsh',
  senco: 'Imran Qureshi',
  onRoll: '950',
  senSupport: '120',
  withPlan: '22',
};
/** Individual healthcare plans: a criterion the framework marks as possibly not applicable. */
const CLAIMED = 'NE26-6.1.2';
const REASON = 'No pupil on roll has a medical condition that needs an individual healthcare plan this year.';
/** The decision as the criterion screen offers it, and as the overview and the report name it. */
const DISPUTE = 'Dispute: it does apply';
const DISPUTED = 'Does apply: the school’s “not applicable” is disputed';

beforeAll(async () => {
  framework = await shippedFrameworkForRegion('north-east');
  ({ server, app, page } = await openAppSession());
  downloads = await mkdtemp(join(tmpdir(), 'sen-not-applicable-'));
});

afterAll(async () => {
  await closeAppSession({ app, server });
});

describe('a school’s “not applicable” claim, from the school to the moderator', () => {
  it('the school marks a criterion not applicable: refused without a reason, kept with one', async () => {
    const criterion = framework.criterionById.get(CLAIMED);
    expect(criterion?.mayBeNotApplicable).toBe(true);
    const first = framework.criteria[0]!;
    await page.goto(server.url);
    await setUpSchool(page, ANSWERS);
    await startEvaluation(page);
    await continueWithFirstCriterion(page, first.id);
    await judge(page, 'Established');

    await openFromSideList(page, criterion!);
    const claim = page.getByRole('region', { name: 'Does this criterion apply to your school?' });
    await claim.getByRole('button', { name: 'Mark as not applicable' }).click();
    await expectVisible(
      claim.getByText(`Write why ${CLAIMED} does not apply to your school. The moderator reads the reason and may disagree.`),
    );
    await expect(
      sideList(page)
        .getByRole('link', { name: startsWithId(CLAIMED) })
        .getAttribute('aria-current'),
    ).resolves.toBe('page');
    await expectText(sideList(page).getByRole('link', { name: startsWithId(CLAIMED) }), /: not judged, no evidence$/);

    await claim.getByLabel('Why it does not apply').fill(REASON);
    await claim.getByRole('button', { name: 'Mark as not applicable' }).click();
    await expectVisible(claim.getByRole('status').getByText('Marked as not applicable. The moderator will read your reason.'));
    await expectText(sideList(page).getByRole('link', { name: startsWithId(CLAIMED) }), /: not applicable, reason given, no evidence$/);
    await expectVisible(claim.getByRole('button', { name: 'It applies after all' }));

    submissionPath = await exportSignedSubmission(page, downloads);
  });

  it('the moderator imports it, reads the claim and its reason on the criterion, and disputes it', async () => {
    await setUpWorkspaceAndTrustSubmission(
      page,
      { name: 'Priya Nair', region: 'North East', organisation: 'North East SEN Partnership' },
      submissionPath,
    );
    await page.getByRole('link', { name: `Open submission v1 from ${SCHOOL}` }).click();
    const first = framework.criteria[0]!;
    await page.getByRole('link', { name: `Start the review at ${first.id}` }).click();
    await expectVisible(page.getByRole('heading', { level: 1, name: new RegExp(first.id.replaceAll('.', '\\.')) }));

    const criterion = framework.criterionById.get(CLAIMED)!;
    await openFromSideList(page, criterion);
    await expectText(
      sideList(page).getByRole('link', { name: startsWithId(CLAIMED) }),
      /: not reviewed, the school says not applicable, reason given$/,
    );
    await expectText(page.getByTestId('not-applicable-claim'), `The school says this criterion does not apply: ${REASON}`);

    const decision = page.getByRole('group', { name: `Decision on ${CLAIMED}` });
    await expectSavedAfter(page, () => decision.getByLabel(DISPUTE).check());
    await expectSavedAfter(page, () =>
      page.getByLabel('Comment for the school').fill('Two pupils have asthma care plans: show how they are agreed and reviewed.'),
    );
    await expectText(
      sideList(page).getByRole('link', { name: startsWithId(CLAIMED) }),
      /: “not applicable” disputed, the school says not applicable, reason given$/,
    );
  });

  it('the overview and the signed moderation report show the dispute', async () => {
    const submissionNav = page.getByRole('navigation', { name: 'Moderation of this submission' });
    await submissionNav.getByRole('link', { name: 'Overview' }).click();
    const row = page
      .getByTestId('moderation-criteria')
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: CLAIMED }) });
    await expectText(row.getByRole('cell').nth(1), DISPUTED);

    await submissionNav.getByRole('link', { name: 'Outcome and report' }).click();
    await page.getByLabel('Not accredited').check();
    await fillOutcomeFeedback(page, 'Individual healthcare plans apply to your school: please evidence them.');
    await page.getByRole('button', { name: 'Record the outcome' }).click();
    await expectVisible(page.getByText(/^Outcome recorded: not accredited/i));
    const report = await saveDownload(
      page,
      downloads,
      () => page.getByRole('button', { name: 'Export the signed moderation report' }).click(),
      'report.pdf',
    );
    await expectVisible(page.getByTestId('report-exported'));

    const submissionSha256 = await sha256Hex(new Uint8Array(await readFile(submissionPath)));
    const verified = await verifyModerationReport(new Uint8Array(await readFile(report.path)), {
      submissionSha256: () => submissionSha256,
    });
    if (!verified.ok) throw new Error(verified.rejection.message);
    expect(verified.report.moderation.criteria.find((c) => c.criterionId === CLAIMED)?.decision).toBe('not-applicable-disputed');
    const text = runTool('pdftotext', ['-raw', report.path, '-']).replace(/\s+/g, ' ');
    expect(text).toContain(`${CLAIMED} `);
    expect(text).toContain('“not applicable” is disputed');
    expect(app.pageErrors).toEqual([]);
    expect(app.outsideRequests).toEqual([]);
  });
});
