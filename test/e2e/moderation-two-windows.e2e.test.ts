import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppliedFramework } from '../../shared/framework/applied-framework';
import {
  expectChecked,
  expectSavedAfter,
  expectText,
  expectValue,
  expectVisible,
  shippedFrameworkForRegion,
  UI_TIMEOUT,
} from './support/app';
import { expectNoAxeViolations } from './support/axe';
import type { AppBrowser } from './support/browser';
import { setUpWorkspaceAndTrustSubmission } from './support/moderator-steps';
import {
  continueWithFirstCriterion,
  exportSignedSubmission,
  judge,
  northEastPrimary,
  setUpSchool,
  startEvaluation,
} from './support/school-steps';
import { closeAppSession, openAppSession } from './support/session';
import type { StaticServer } from './support/static-server';

/**
 * One criterion of a moderated submission open in two windows of a moderator workspace (two pages
 * of one browser share one database, as two app windows or two tabs do): a decision made in one
 * and a comment typed in the other both survive a reload of each; a clash over the comment is
 * shown, not overwritten; a page closed moments after typing keeps the comment.
 */

let server: StaticServer;
let app: AppBrowser;
let pageA: Page;
let framework: AppliedFramework;
let reviewUrl = '';

const SCHOOL = 'Hillcrest Primary School';

beforeAll(async () => {
  framework = await shippedFrameworkForRegion('north-east');
  ({ server, app, page: pageA } = await openAppSession());
});

afterAll(async () => {
  await closeAppSession({ app, server });
});

// The checks the steps make (expect.poll) run only inside a test.
it('sets up: a school exports a signed submission and a moderator imports it', async () => {
  const downloads = await mkdtemp(join(tmpdir(), 'sen-moderation-two-windows-'));
  const first = framework.criteria[0]!;

  // The school exports a signed submission (as in moderation-journey.e2e.test.ts) ...
  await pageA.goto(server.url);
  await setUpSchool(pageA, northEastPrimary({ name: SCHOOL, urn: '654321' }));
  await startEvaluation(pageA);
  await continueWithFirstCriterion(pageA, first.id);
  await judge(pageA, 'Established');
  const submissionPath = await exportSignedSubmission(pageA, downloads);

  // ... and a moderator imports it.
  await setUpWorkspaceAndTrustSubmission(
    pageA,
    { name: 'Jordan Hale', region: 'North East', organisation: 'North East SEN Partnership' },
    submissionPath,
  );
  await pageA.getByRole('link', { name: `Open submission v1 from ${SCHOOL}` }).click();
  await expectVisible(pageA.getByRole('heading', { level: 1, name: `${SCHOOL}: submission v1` }));
  reviewUrl = pageA.url();
});

/** The address of one criterion's moderation: the overview's address with the criterion after it. */
function criterionUrl(index: number): string {
  const criterion = framework.criteria[index];
  if (!criterion) throw new Error('framework too small');
  return `${reviewUrl}/criteria/${encodeURIComponent(criterion.id)}`;
}

const decisionGroup = (page: Page, index: number) => page.getByRole('group', { name: `Decision on ${framework.criteria[index]!.id}` });
const comment = (page: Page) => page.getByLabel('Comment for the school', { exact: true });

async function openIn(page: Page, index: number): Promise<void> {
  await page.goto(criterionUrl(index));
  await expectVisible(decisionGroup(page, index));
}

describe('one moderated criterion in two windows', () => {
  it('keeps the decision made in one and the comment typed in the other, through a reload of each', async () => {
    await openIn(pageA, 0);
    const pageB = await app.context.newPage();
    await openIn(pageB, 0);

    await expectSavedAfter(pageA, () => decisionGroup(pageA, 0).getByLabel('More evidence needed').check());
    await expectSavedAfter(pageB, () => comment(pageB).pressSequentially('Send the minutes of the governors’ meeting.'));
    // Each window shows what the other saved.
    await expectChecked(decisionGroup(pageB, 0).getByRole('radio', { name: 'More evidence needed' }));
    await expectValue(comment(pageA), 'Send the minutes of the governors’ meeting.');
    await expectText(pageA.getByText(/changed in another window; this form now shows/), /^The comment was changed in another window/);

    for (const page of [pageA, pageB]) {
      await page.reload();
      await expectVisible(decisionGroup(page, 0));
      await expectChecked(decisionGroup(page, 0).getByRole('radio', { name: 'More evidence needed' }));
      await expectValue(comment(page), 'Send the minutes of the governors’ meeting.');
    }
    await pageB.close();
  });

  it('shows a clash over the comment in the window that saved second, and stores the version the moderator keeps', async () => {
    await openIn(pageA, 1);
    const pageB = await app.context.newPage();
    await openIn(pageB, 1);

    // Both type before either has saved (a save waits for a pause in typing).
    await Promise.all([comment(pageA).fill('Comment from A'), comment(pageB).fill('Comment from B')]);
    const clash = (page: Page) => page.getByRole('region', { name: 'The comment was also changed in another window' });
    await expect
      .poll(async () => (await clash(pageA).count()) + (await clash(pageB).count()), {
        timeout: UI_TIMEOUT,
        message: 'windows showing the clash',
      })
      .toBe(1);
    const [second, first, secondText, firstText] =
      (await clash(pageA).count()) === 1
        ? [pageA, pageB, 'Comment from A', 'Comment from B']
        : [pageB, pageA, 'Comment from B', 'Comment from A'];
    await expectValue(comment(second), secondText);
    await expectVisible(clash(second).getByText(firstText, { exact: true }));
    await expectValue(comment(first), firstText);
    await expectNoAxeViolations(second, 'moderated criterion with a clash between two windows');

    await clash(second).getByRole('button', { name: 'Keep my comment' }).focus();
    await second.keyboard.press('Enter');
    await expect.poll(() => clash(second).count(), { timeout: UI_TIMEOUT }).toBe(0);
    await expectValue(comment(first), secondText);

    for (const page of [pageA, pageB]) {
      await page.reload();
      await expectVisible(decisionGroup(page, 1));
      await expectValue(comment(page), secondText);
    }
    await pageB.close();
  });

  it('keeps a comment typed 50 ms before the page is closed without being asked', async () => {
    const text = 'Typed just before closing.';
    const page = await app.context.newPage();
    await openIn(page, 2);
    await comment(page).pressSequentially(text);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await page.close();

    const reopened = await app.context.newPage();
    await openIn(reopened, 2);
    await expectValue(comment(reopened), text);
    await reopened.reload();
    await expectVisible(decisionGroup(reopened, 2));
    await expectValue(comment(reopened), text);
    await reopened.close();
  });
});
