import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppliedFramework } from '../../shared/framework/applied-framework';
import { criteriaToReview } from '../../shared/moderation/moderation-review';
import { verifySecondRequest } from '../../shared/moderation/second-moderation-verifier';
import { checkScreen, expectChecked, expectSavedAfter, expectVisible, shippedFrameworkForRegion, UI_TIMEOUT } from './support/app';
import { focusInfo, tabTo } from './support/keyboard';
import { expectAxeInEveryLook } from './support/reading-themes';
import { launchAppBrowser, type AppBrowser } from './support/browser';
import { runTool, saveDownload } from './support/downloads';
import { setUpWorkspaceAndTrustSubmission } from './support/moderator-steps';
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
import { closeAppSession, openAppSession } from './support/session';
import type { StaticServer } from './support/static-server';

/**
 * A second moderation round between two moderators, each in their own browser profile: the first
 * (beside the school, in one profile) decides two criteria and signs a request; the second imports
 * the submission and the request, decides both and signs a return; the first imports it, sees one
 * disagreement, and settles it by taking the second moderator's decision. Every new screen gets axe.
 */
let server: StaticServer;
let first: AppBrowser;
let second: AppBrowser;
let page: Page;
let other: Page;
let framework: AppliedFramework;
let downloads: string;
let submissionPath = '';
let requestPath = '';
let returnPath = '';
let requestUrl = '';
/** The screens each moderator reached, by address, for the sweep through every look. */
const firstScreens: string[] = [];
const secondScreens: string[] = [];

const SCHOOL = 'Fellside Primary School';
const URN = '765499';
const ORGANISATION = 'North East SEN Partnership';

beforeAll(async () => {
  framework = await shippedFrameworkForRegion('north-east');
  ({ server, app: first, page } = await openAppSession());
  second = await launchAppBrowser(server.origin);
  other = second.page;
  other.setDefaultTimeout(UI_TIMEOUT);
  other.on('filechooser', () => undefined);
  downloads = await mkdtemp(join(tmpdir(), 'sen-second-moderation-'));
});

afterAll(async () => {
  await second?.close();
  await closeAppSession({ app: first, server });
});

const toReview = () => criteriaToReview(framework, profileOf(northEastPrimary({ name: SCHOOL, urn: URN })));
const idPattern = (id: string) => new RegExp(id.replaceAll('.', '\\.'));

describe('second moderation, between two moderators', () => {
  it('the school exports; the first moderator decides two criteria: more evidence, then agreement', async () => {
    const [a, b] = framework.criteria;
    if (!a || !b) throw new Error('framework too small');
    await page.goto(server.url);
    await setUpSchool(page, northEastPrimary({ name: SCHOOL, urn: URN }));
    await startEvaluation(page);
    await continueWithFirstCriterion(page, a.id);
    await judge(page, 'Embedded');
    await openCriterion(page, b.id, () => page.getByRole('link', { name: `Next: ${b.id}` }).click());
    await judge(page, 'Established');
    submissionPath = await exportSignedSubmission(page, downloads);

    await setUpWorkspaceAndTrustSubmission(page, { name: 'Jordan Hale', region: 'North East', organisation: ORGANISATION }, submissionPath);
    await page.getByRole('link', { name: `Open submission v1 from ${SCHOOL}` }).click();
    const [one, two, three] = toReview();
    if (!one || !two || !three) throw new Error('framework too small');
    await page.getByRole('link', { name: `Start the review at ${one.id}` }).click();
    await expectVisible(page.getByRole('heading', { level: 1, name: idPattern(one.id) }));
    await expectSavedAfter(page, () =>
      page
        .getByRole('group', { name: `Decision on ${one.id}` })
        .getByLabel('More evidence needed')
        .check(),
    );
    await page.getByRole('link', { name: `Next: ${two.id} →` }).click();
    await page.getByRole('button', { name: `Agree and go to ${three.id}` }).click();
    await expectVisible(page.getByRole('heading', { level: 1, name: idPattern(three.id) }));
  });

  it('the first moderator samples both and signs a request that carries no decision', async () => {
    await page.getByRole('navigation', { name: 'Moderation of this submission' }).getByRole('link', { name: 'Second moderation' }).click();
    await checkScreen(page, 'second-moderation-request', `Second moderation of ${SCHOOL}`);
    firstScreens.push(page.url());
    // By keyboard alone: Tab to each decided criterion and Space to sample it, Tab to the note and type, Enter to sign.
    const sample = page.getByRole('group', { name: /Criteria you have decided \(2\)/ });
    await page.getByRole('heading', { level: 1 }).focus();
    for (const criterion of toReview().slice(0, 2)) {
      await tabTo(page, new RegExp(`^${criterion.id.replaceAll('.', '\\.')} `));
      if (!(await sample.getByRole('checkbox', { name: idPattern(criterion.id) }).isChecked())) await page.keyboard.press('Space');
      await expectChecked(sample.getByRole('checkbox', { name: idPattern(criterion.id) }));
    }
    await tabTo(page, 'Note to the second moderator (optional)');
    await page.keyboard.type('Please look closely at the governors’ minutes.');
    await tabTo(page, /^Sign and export the request \(2 criteria\)/);
    const request = await saveDownload(page, downloads, () => page.keyboard.press('Enter'), 'request.pdf');
    requestPath = request.path;
    await expectVisible(page.getByTestId('request-exported'));
    expect(runTool('pdfsig', [requestPath])).toMatch(/Signature Validation: Signature is Valid\./);
    const verified = await verifySecondRequest(new Uint8Array(await readFile(requestPath)));
    if (!verified.ok) throw new Error(verified.rejection.message);
    expect(JSON.stringify(verified.file.document)).not.toMatch(/decision|moderatedJudgement|comment/);
    await page.getByTestId('sent-requests').getByRole('link').first().click();
    await checkScreen(page, 'second-moderation-result-waiting', /agreement/);
    requestUrl = page.url();
    firstScreens.push(requestUrl);
  });

  it('the second moderator, in another profile, imports the submission and the request, decides both and signs the return', async () => {
    await other.goto(server.url);
    await setUpWorkspaceAndTrustSubmission(other, { name: 'Priya Shah', region: 'North East', organisation: ORGANISATION }, submissionPath);
    await other.getByRole('navigation', { name: 'Moderator workspace' }).getByRole('link', { name: 'Second moderation' }).click();
    await checkScreen(other, 'second-moderation-inbox', 'Second moderation requests');
    secondScreens.push(other.url());
    await other.getByLabel('Choose the signed request (PDF)').setInputFiles(requestPath);
    await expectVisible(other.getByTestId('first-use-moderator'));
    await other.getByRole('button', { name: /^Trust and import/ }).click();
    await other.getByRole('link', { name: 'Decide its 2 criteria' }).click();
    await checkScreen(other, 'second-moderation-decide', `Second moderation of ${SCHOOL}, submission v1`);
    secondScreens.push(other.url());
    // Decided by keyboard alone: Tab into each decision's choices, Space to choose, Tab to the comment and type, Enter to save.
    await other.getByRole('heading', { level: 1 }).focus();
    for (const criterion of toReview().slice(0, 2)) {
      const form = other.getByRole('form', { name: `Your decision on ${criterion.id}` });
      // None is chosen yet, so Tab stops on the first choice; Space chooses it.
      await tabTo(other, 'Agree with the school', { limit: 120 });
      await other.keyboard.press('Space');
      await expectChecked(form.getByLabel('Agree with the school'));
      await tabTo(other, 'Comment');
      await other.keyboard.type('The governors’ minutes show it.');
      await tabTo(other, `Save decision on ${criterion.id}`);
      await other.keyboard.press('Enter');
      await expectVisible(form.getByText(`Saved your decision on ${criterion.id}.`));
      expect((await focusInfo(other)).name, 'the focus stays on the button that saved').toBe(`Save decision on ${criterion.id}`);
    }
    await tabTo(other, 'Sign and export the return', { limit: 120 });
    const returned = await saveDownload(other, downloads, () => other.keyboard.press('Enter'), 'return.pdf');
    returnPath = returned.path;
    await expectVisible(other.getByTestId('return-signed'));
    expect(runTool('pdfsig', [returnPath])).toMatch(/Signature Validation: Signature is Valid\./);
  });

  it('the first moderator imports the return, sees the disagreement first, and settles it', async () => {
    const [one] = toReview();
    if (!one) throw new Error('framework too small');
    await page.goto(requestUrl);
    await page.getByLabel('Choose the signed return (PDF)').setInputFiles(returnPath);
    await page.getByRole('button', { name: /^Trust and import/ }).click();
    const overall = page.getByTestId('agreement-overall');
    await expectVisible(overall.getByText('1 of 2 criteria agreed (50%)'));
    await expectVisible(overall.getByText('0.00: slight'));
    await expect.poll(() => page.getByTestId('agreement-criteria').getByRole('listitem').first().textContent()).toContain(`${one.id}`);
    await checkScreen(page, 'second-moderation-result', /agreement/, { screenshot: 'second-moderation-agreement' });
    // In each card an answer goes under its question, not in a column beside it a word wide.
    const firstCard = page.getByTestId('agreement-criteria').getByRole('listitem').first();
    const [question, answer] = await Promise.all([
      firstCard.locator('dt').first().boundingBox(),
      firstCard.locator('dd').first().boundingBox(),
    ]);
    expect(answer && question && answer.y >= question.y + question.height).toBe(true);

    // Settled by keyboard alone: Tab to the choices, an arrow to choose, Tab to the reason, Enter on the button.
    const settle = page.getByRole('form', { name: `Settle ${one.id}` });
    await page.getByRole('heading', { level: 1 }).focus();
    await tabTo(page, 'Keep my first decision');
    await page.keyboard.press('ArrowDown');
    await expectChecked(settle.getByLabel('Change my decision to the second moderator’s'));
    await tabTo(page, 'Reason');
    await page.keyboard.type('The minutes were in the evidence after all.');
    await tabTo(page, `Record how ${one.id} is settled`);
    await page.keyboard.press('Enter');
    await expectVisible(page.getByTestId(`resolution-${one.id}`));
    await expectVisible(overall.getByText('All settled'));
    await checkScreen(page, 'second-moderation-result-settled', /agreement/);
  });

  it('every second moderation screen each moderator reached passes axe in every theme and tint', async () => {
    expect(firstScreens).toHaveLength(2);
    expect(secondScreens).toHaveLength(2);
    await expectAxeInEveryLook(page, firstScreens);
    await expectAxeInEveryLook(other, secondScreens);
    expect(first.pageErrors).toEqual([]);
    expect(second.pageErrors).toEqual([]);
  });
});
