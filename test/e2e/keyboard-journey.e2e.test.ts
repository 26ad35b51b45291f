import { readFile } from 'node:fs/promises';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { verifySubmission } from '../../shared/submission/submission-verifier';
import { expectText, expectVisible } from './support/app';
import type { AppBrowser } from './support/browser';
import { downloadAfter } from './support/downloads';
import { focusInfo, replaceText, tabTo } from './support/keyboard';
import { useAppSession } from './support/session';
import type { StaticServer } from './support/static-server';

/**
 * The school's whole journey with the keyboard alone: no clicks, no filling by selector. Every
 * focus stop on the way must show a visible focus indicator, and Tab must reach every control
 * (a keyboard trap would fail the test).
 */
let server: StaticServer;
let app: AppBrowser;
let page: Page;
useAppSession((session) => ({ server, app, page } = session));

async function heading(name: string | RegExp): Promise<void> {
  await expectVisible(page.getByRole('heading', { level: 1, name }));
}

async function typeInto(label: string | RegExp, text: string): Promise<void> {
  await tabTo(page, label);
  await replaceText(page, text);
}

describe('keyboard only: a school evaluates and exports its submission', () => {
  it('sets up the school', async () => {
    await page.goto(server.url);
    await heading('Your schools');
    const first = await tabTo(page, /.*/);
    expect(first.name).toBe('Skip to main content');
    await tabTo(page, 'Set up a new school');
    await page.keyboard.press('Enter');
    await heading('Set up a new school');

    await typeInto('School name', 'Keyboard Lane Primary');
    await typeInto('Unique reference number (URN)', '246810');
    // Selects answer to typed letters, as they do for a person.
    await tabTo(page, 'Region');
    await page.keyboard.type('North');
    await tabTo(page, 'Local authority');
    await page.keyboard.type('Gates');
    // Check boxes and radio buttons answer to the space bar; within a radio group the arrow keys choose.
    await tabTo(page, 'Early years (nursery or Reception)');
    await page.keyboard.press('Space');
    await tabTo(page, 'Primary (Years 1 to 6)');
    await page.keyboard.press('Space');
    await tabTo(page, 'Mainstream school');
    await page.keyboard.press('Space');
    await tabTo(page, 'Lowest year group on roll');
    await page.keyboard.type('Rec');
    await tabTo(page, 'Highest year group on roll');
    await page.keyboard.type('Year 6');
    await typeInto('Head teacher', 'Ada Keys');
    await typeInto('SENCO', 'Ben Tabb');
    await typeInto('Pupils on roll', '210');
    await typeInto(/^Pupils on SEN support/, '30');
    await typeInto('Pupils with an EHC plan', '4');
    // Resourced provision: no (the arrow moves from Yes to No and chooses it). Looked-after children: yes.
    await tabTo(page, 'Yes');
    await page.keyboard.press('ArrowDown');
    expect((await focusInfo(page)).name).toBe('No');
    await tabTo(page, 'Yes');
    await page.keyboard.press('Space');
    await tabTo(page, 'Set up school');
    await page.keyboard.press('Enter');
    await heading('Keyboard Lane Primary');
  });

  it('starts an evaluation, judges a criterion with the arrow keys and writes its narrative', async () => {
    await tabTo(page, 'Start evaluation');
    await page.keyboard.press('Enter');
    await heading(/^Accreditation/);
    await tabTo(page, /^Continue with NE26-1\.1\.1/);
    await page.keyboard.press('Enter');
    await heading(/^NE26-1\.1\.1/);

    // Into the judgement group: the arrow keys move along the scale and choose.
    await tabTo(page, /^Embedded/);
    await page.keyboard.press('ArrowDown');
    const chosen = await focusInfo(page);
    expect(chosen.name).toMatch(/^Established/);
    await expect(page.getByRole('radio', { name: /^Established/ }).isChecked()).resolves.toBe(true);

    await typeInto('Narrative', 'We review every pupil plan with parents each term.');
    await expectText(page.locator('.save-status p'), /^Saved at \d\d:\d\d:\d\d$/);
  });

  it('adds evidence through the file button with the keyboard', async () => {
    await tabTo(page, 'Add a new file and link it');
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.keyboard.press('Space')]);
    await chooser.setFiles([
      { name: 'plan-review-notes.txt', mimeType: 'text/plain', buffer: Buffer.from('Plan review notes, anonymised.') },
    ]);
    await expectVisible(page.getByText(/Added and linked “plan-review-notes\.txt”/));
    // A person's file dialog closes and the window has the focus again.
    await page.bringToFront();
  });

  it('exports the signed submission', async () => {
    await tabTo(page, 'Submit', { backwards: true });
    await page.keyboard.press('Enter');
    await heading('Export the signed submission');
    // The head teacher's approval first, by keyboard too.
    await tabTo(page, 'Go to the approval');
    await page.keyboard.press('Enter');
    await heading('Approval before submission');
    // The head teacher reads the summary before approving: approving while it is still being
    // prepared is refused in words ("Wait a moment, then approve again"), as approving unseen work should be.
    await expectVisible(page.getByTestId('approval-counts'));
    await tabTo(page, /I have reviewed this self-evaluation and approve it/);
    await page.keyboard.press('Space');
    await tabTo(page, 'Approve for submission');
    await page.keyboard.press('Enter');
    await expectVisible(page.getByTestId('approval-state').getByText(/^Approved for submission by /));
    await tabTo(page, 'Go to the export');
    await page.keyboard.press('Enter');
    await heading('Export the signed submission');
    // The check before export has finished (exporting while it runs is refused in words, "wait a
    // moment, then export", as it should be).
    await expectVisible(page.getByRole('heading', { level: 2, name: 'Before you export' }));
    await tabTo(page, /We confirm that this self-evaluation is an accurate account/);
    await page.keyboard.press('Space');
    await tabTo(page, 'Export the signed submission');
    const downloads = await mkdtemp(join(tmpdir(), 'sen-keyboard-'));
    const download = await downloadAfter(page, () => page.keyboard.press('Enter'));
    const path = join(downloads, 'submission.pdf');
    await download.saveAs(path);
    const verified = await verifySubmission(new Uint8Array(await readFile(path)));
    if (!verified.ok) throw new Error(verified.rejection.message);
    expect(verified.report.submission.school.name).toBe('Keyboard Lane Primary');
    expect(verified.report.submission.responses[0]?.judgement).toBe('established');
  });

  it('reaches Help and its shortcuts from the keyboard', async () => {
    await tabTo(page, 'Help', { backwards: true });
    await page.keyboard.press('Enter');
    await heading('Help and keyboard shortcuts');
    await expectVisible(page.getByTestId('shortcuts-file').getByText('Export the submission'));
  });

  it('made no request to anything but the local server, and logged no errors', () => {
    expect(app.outsideRequests).toEqual([]);
    expect(app.pageErrors).toEqual([]);
  });
});
