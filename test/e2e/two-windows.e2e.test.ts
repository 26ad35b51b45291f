import type { Dialog, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
import { judge, judgementGroup, RIVERSIDE_PRIMARY, setUpSchoolFromHome, startEvaluation } from './support/school-steps';
import { closeAppSession, openAppSession } from './support/session';
import type { StaticServer } from './support/static-server';

/**
 * One criterion open in two windows (two pages of one browser, as two app windows or two tabs
 * share one database): nothing either saves is lost, a same-field clash is shown, not
 * overwritten; and a page closed moments after typing keeps the text.
 */

let server: StaticServer;
let app: AppBrowser;
let pageA: Page;
const criterionUrls: string[] = [];

beforeAll(async () => {
  const framework = await shippedFrameworkForRegion('north-east');
  ({ server, app, page: pageA } = await openAppSession());
  await setUpSchoolFromHome(pageA, server.url, RIVERSIDE_PRIMARY);
  await startEvaluation(pageA);
  const dashboard = new URL(pageA.url());
  const evaluationId = /#\/evaluations\/([^/]+)/.exec(dashboard.hash)?.[1];
  if (!evaluationId) throw new Error(`No evaluation id in ${dashboard.href}`);
  for (const criterion of framework.criteria.slice(0, 6)) {
    criterionUrls.push(`${server.url}#/evaluations/${evaluationId}/criteria/${encodeURIComponent(criterion.id)}`);
  }
});

afterAll(async () => {
  await closeAppSession({ app, server });
});

async function openIn(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expectVisible(judgementGroup(page));
}

const narrative = (page: Page) => page.getByLabel('Narrative', { exact: true });
const nextSteps = (page: Page) => page.getByLabel('Next steps', { exact: true });

describe('one criterion in two windows', () => {
  it('keeps the judgement set in one and the narrative typed in the other, through a reload of each', async () => {
    const url = criterionUrls[0]!;
    await openIn(pageA, url);
    const pageB = await app.context.newPage();
    await openIn(pageB, url);

    await judge(pageA, 'Established');
    await expectSavedAfter(pageB, () => narrative(pageB).pressSequentially('Typed in the second window.'));
    // Each window shows what the other saved.
    await expectChecked(judgementGroup(pageB).getByRole('radio', { name: 'Established', exact: true }));
    await expectValue(narrative(pageA), 'Typed in the second window.');
    await expectText(pageA.getByText(/changed in another window; this form now shows/), /^The narrative was changed in another window/);

    for (const page of [pageA, pageB]) {
      await page.reload();
      await expectVisible(judgementGroup(page));
      await expectChecked(judgementGroup(page).getByRole('radio', { name: 'Established', exact: true }));
      await expectValue(narrative(page), 'Typed in the second window.');
    }
    await pageB.close();
  });

  it('shows a same-field clash in the window that saved second, and stores the version the person keeps', async () => {
    const url = criterionUrls[1]!;
    await openIn(pageA, url);
    const pageB = await app.context.newPage();
    await openIn(pageB, url);

    // Both type before either has saved (a save waits for a pause in typing).
    await Promise.all([nextSteps(pageA).fill('Next steps from A'), nextSteps(pageB).fill('Next steps from B')]);
    const clash = (page: Page) => page.getByRole('region', { name: 'The next steps were also changed in another window' });
    await expect
      .poll(async () => (await clash(pageA).count()) + (await clash(pageB).count()), {
        timeout: UI_TIMEOUT,
        message: 'windows showing the clash',
      })
      .toBe(1);
    const [second, first, secondText, firstText] =
      (await clash(pageA).count()) === 1
        ? [pageA, pageB, 'Next steps from A', 'Next steps from B']
        : [pageB, pageA, 'Next steps from B', 'Next steps from A'];
    // Not overwritten: the window that saved second still has its own words and sees the other's.
    await expectValue(nextSteps(second), secondText);
    await expectVisible(clash(second).getByText(firstText, { exact: true }));
    await expectValue(nextSteps(first), firstText);
    await expectNoAxeViolations(second, 'criterion with a clash between two windows');

    // Chosen by keyboard: the button has a name of its own.
    await clash(second).getByRole('button', { name: 'Keep my next steps' }).focus();
    await second.keyboard.press('Enter');
    await expect.poll(() => clash(second).count(), { timeout: UI_TIMEOUT }).toBe(0);
    await expectValue(nextSteps(first), secondText);

    for (const page of [pageA, pageB]) {
      await page.reload();
      await expectVisible(judgementGroup(page));
      await expectValue(nextSteps(page), secondText);
    }
    await pageB.close();
  });
});

describe('closing a window moments after typing', () => {
  it('keeps the text: the page asks to stay while the save finishes, and then closes without asking', async () => {
    const url = criterionUrls[2]!;
    const page = await app.context.newPage();
    await openIn(page, url);
    const dialogs: Dialog[] = [];
    const stayed = new Promise<void>((resolve) =>
      page.once('dialog', (dialog) => {
        dialogs.push(dialog);
        // The person chooses to stay; the save that the close started finishes meanwhile.
        void dialog.dismiss().then(resolve);
      }),
    );
    await narrative(page).pressSequentially('Written just before closing.');
    await new Promise((resolve) => setTimeout(resolve, 50));
    await page.close({ runBeforeUnload: true });
    await stayed;
    expect(dialogs.map((d) => d.type())).toEqual(['beforeunload']);
    await expectText(page.locator('.save-status p'), /^Saved at \d\d:\d\d:\d\d$/);
    // Nothing pending now: closing asks nothing.
    page.on('dialog', (dialog) => {
      dialogs.push(dialog);
      void dialog.dismiss();
    });
    const closed = new Promise<void>((resolve) => page.once('close', () => resolve()));
    await page.close({ runBeforeUnload: true });
    await closed;
    expect(dialogs).toHaveLength(1);

    const reopened = await app.context.newPage();
    await openIn(reopened, url);
    await expectValue(narrative(reopened), 'Written just before closing.');
    await reopened.close();
  });

  /** Types into the narrative, as a person does, and 50 ms later leaves the page by `leave`. */
  async function typeThenLeave(url: string, text: string, leave: (page: Page) => Promise<void>): Promise<Page> {
    const page = await app.context.newPage();
    await openIn(page, url);
    await narrative(page).pressSequentially(text);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await leave(page);
    return page;
  }

  async function expectNarrativeWhenReopened(url: string, text: string, page?: Page): Promise<void> {
    const reopened = page ?? (await app.context.newPage());
    await openIn(reopened, url);
    await expectValue(narrative(reopened), text);
    await reopened.reload();
    await expectVisible(judgementGroup(reopened));
    await expectValue(narrative(reopened), text);
    await reopened.close();
  }

  it('keeps the text when the person leaves anyway at the prompt', async () => {
    const url = criterionUrls[3]!;
    const text = 'Left at the prompt.';
    await typeThenLeave(url, text, async (page) => {
      const closed = new Promise<void>((resolve) => page.once('close', () => resolve()));
      page.once('dialog', (dialog) => void dialog.accept());
      await page.close({ runBeforeUnload: true });
      await closed;
    });
    await expectNarrativeWhenReopened(url, text);
  });

  it('keeps the text when the page is closed without being asked (no unload handlers run)', async () => {
    const url = criterionUrls[4]!;
    const text = 'Closed without a prompt.';
    await typeThenLeave(url, text, (page) => page.close());
    await expectNarrativeWhenReopened(url, text);
  });

  it('keeps the text when the person navigates away and comes back', async () => {
    const url = criterionUrls[5]!;
    const text = 'Navigated away from.';
    const page = await typeThenLeave(url, text, async (page) => {
      page.once('dialog', (dialog) => void dialog.accept());
      await page.goto('about:blank');
    });
    await expectNarrativeWhenReopened(url, text, page);
  });
});
