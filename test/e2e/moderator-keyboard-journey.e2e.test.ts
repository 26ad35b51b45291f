import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyModerationReport } from '../../shared/moderation/moderation-report-verifier';
import type { AppliedFramework } from '../../shared/framework/applied-framework';
import { demonstrationData, exportDemonstration, signingIdentityFor } from '../fixtures/signed-submission';
import { expectText, expectVisible } from './support/app';
import { downloadAfter } from './support/downloads';
import { focusInfo, replaceText, tabTo } from './support/keyboard';
import { dayFromToday } from './support/outcome-steps';
import { closeAppSession, openAppSession, type AppSession } from './support/session';

/**
 * The moderator's journey with the keyboard alone: set up a workspace, import a submission through
 * the file button, decide on criteria with the arrow keys and Space, record the outcome and export
 * the signed report. Every focus stop must show a visible indicator; no click is used.
 */
let session: AppSession;
let page: Page;
let framework: AppliedFramework;
let submissionPath = '';
let downloads = '';
let submissionSha256 = '';

beforeAll(async () => {
  const demo = await demonstrationData();
  framework = demo.snapshot.framework;
  const exported = await exportDemonstration(demo, await signingIdentityFor(demo.snapshot.school.name, demo.snapshot.school.urn));
  submissionSha256 = exported.sha256;
  downloads = await mkdtemp(join(tmpdir(), 'sen-moderator-keys-'));
  submissionPath = join(downloads, 'submission.pdf');
  await writeFile(submissionPath, exported.bytes);
  session = await openAppSession();
  page = session.page;
}, 120_000);

afterAll(async () => {
  await closeAppSession(session ?? {});
});

async function heading(name: string | RegExp): Promise<void> {
  await expectVisible(page.getByRole('heading', { level: 1, name }));
}

describe('keyboard only: a moderator moderates a submission and sends the report', () => {
  it('sets up a moderator workspace', async () => {
    await page.goto(session.server.url);
    await heading('Your schools');
    await tabTo(page, 'Set up a moderator workspace');
    await page.keyboard.press('Enter');
    await heading('Set up a moderator workspace');
    await tabTo(page, 'Your name');
    await replaceText(page, 'Kim Keys');
    await tabTo(page, 'Region you moderate');
    await page.keyboard.type('North');
    await expect.poll(() => page.getByLabel('Organisation').inputValue()).not.toBe('');
    await tabTo(page, 'Set up moderator workspace');
    await page.keyboard.press('Enter');
    await heading('Submissions to moderate');
  });

  it('imports the submission through the file button', async () => {
    await tabTo(page, 'Import submissions');
    await page.keyboard.press('Enter');
    await heading('Import submissions');
    await tabTo(page, 'Choose submission PDFs');
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.keyboard.press('Space')]);
    await chooser.setFiles(submissionPath);
    await expectText(page.getByRole('status').filter({ hasText: /^Checked/ }), 'Checked 1 file: 1 waiting for your decision.', 60_000);
    await tabTo(page, /^Trust and import /);
    await page.keyboard.press('Enter');
    await expectText(page.getByRole('status').filter({ hasText: /^Checked/ }), 'Checked 1 file: 1 imported.', 60_000);
  });

  it('opens the submission and decides two criteria with the keyboard', async () => {
    const [first, second, third] = framework.criteria;
    if (!first || !second || !third) throw new Error('framework too small');
    await tabTo(page, /^Open submission v1 from /);
    await page.keyboard.press('Enter');
    await heading(/: submission v1$/);
    await tabTo(page, `Start the review at ${first.id}`);
    await page.keyboard.press('Enter');
    await heading(new RegExp(first.id.replaceAll('.', '\\.')));

    // Into the decision group: Space chooses the focused option, the arrows move along.
    await tabTo(page, 'Agree with the school');
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect((await focusInfo(page)).name).toBe('More evidence needed');
    await expect(page.getByRole('radio', { name: 'More evidence needed' }).isChecked()).resolves.toBe(true);
    await tabTo(page, 'Comment for the school');
    await page.keyboard.type('Send the minutes of the governors’ meeting.');
    await expectText(page.getByText(/^Saved at/).first(), /^Saved at \d\d:\d\d:\d\d$/);

    await tabTo(page, `Next: ${second.id} →`);
    await page.keyboard.press('Enter');
    await heading(new RegExp(second.id.replaceAll('.', '\\.')));
    await tabTo(page, `Agree and go to ${third.id}`);
    await page.keyboard.press('Enter');
    await heading(new RegExp(third.id.replaceAll('.', '\\.')));
  });

  it('records the outcome and exports the signed report', async () => {
    await tabTo(page, 'Outcome and report', { backwards: true });
    await page.keyboard.press('Enter');
    await heading('Outcome and moderation report');
    await tabTo(page, /^Accredited/);
    // The outcome options: Accredited, Accredited with conditions, Deferred, Not accredited.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect(page.getByRole('radio', { name: 'Deferred' }).isChecked()).resolves.toBe(true);
    // The date to resubmit by, then the request for evidence made during the review (listed already) and its date.
    const [year, month, day] = dayFromToday(45).split('-');
    const [dueYear, dueMonth, dueDay] = dayFromToday(30).split('-');
    await tabTo(page, 'Day');
    for (const part of [day, month, year]) {
      await page.keyboard.type(String(Number(part)));
      await page.keyboard.press('Tab');
    }
    await tabTo(page, 'Day');
    for (const part of [dueDay, dueMonth, dueYear]) {
      await page.keyboard.type(String(Number(part)));
      await page.keyboard.press('Tab');
    }
    // Adding a point moves focus into its box.
    await tabTo(page, 'Add a strength');
    await page.keyboard.press('Enter');
    await page.keyboard.type('The SENCO knows every pupil well.');
    await tabTo(page, 'Add an area for development');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Gather parents’ views in a planned way.');
    await tabTo(page, 'Summary for the school');
    await page.keyboard.type('A clear start. Send the evidence asked for.');
    await tabTo(page, 'I have no conflict of interest with this school');
    await page.keyboard.press('Space');
    await tabTo(page, 'Record the outcome');
    await page.keyboard.press('Enter');
    await expectVisible(page.getByText(/^Outcome recorded: deferred/));
    await tabTo(page, 'Export the signed moderation report');
    const download = await downloadAfter(page, () => page.keyboard.press('Enter'));
    const path = join(downloads, 'report.pdf');
    await download.saveAs(path);
    const verified = await verifyModerationReport(new Uint8Array(await readFile(path)), { submissionSha256: () => submissionSha256 });
    if (!verified.ok) throw new Error(verified.rejection.message);
    expect(verified.report.moderation.outcome.kind).toBe('deferred');
    expect(verified.report.moderation.criteria.slice(0, 2).map((c) => c.decision)).toEqual(['more-evidence', 'agree']);
    expect(verified.report.moderation.criteria.find((c) => c.decision === 'more-evidence')?.comment).toBe(
      'Send the minutes of the governors’ meeting.',
    );
    expect(session.app.outsideRequests).toEqual([]);
    expect(session.app.pageErrors).toEqual([]);
  });
});
