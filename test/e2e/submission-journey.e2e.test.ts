import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePng } from '../../shared/demonstration/demonstration-files';
import { criterionApplies } from '../../shared/framework/applicability';
import type { AppliedFramework } from '../../shared/framework/applied-framework';
import { sha256Hex, shortHash } from '../../shared/formats/sha256';
import { verifySubmission } from '../../shared/submission/submission-verifier';
import { checkScreen, expectText, expectVisible, shippedFrameworkForRegion } from './support/app';
import type { AppBrowser } from './support/browser';
import {
  approveForSubmission,
  judge,
  openCriterion,
  profileOf,
  setUpSchool,
  startEvaluation,
  type SchoolAnswers,
} from './support/school-steps';
import { runTool, saveDownload } from './support/downloads';
import { closeAppSession, openAppSession } from './support/session';
import type { StaticServer } from './support/static-server';

/**
 * A new user completes a small evaluation, exports the signed submission, and prints a portfolio.
 * The downloaded PDFs are then checked by tools that know nothing of the app.
 */
let server: StaticServer;
let app: AppBrowser;
let page: Page;
let framework: AppliedFramework;
let downloads: string;
let dashboardUrl = '';

const SCHOOL = 'Hillside Academy';
const URN = '654321';
const PHOTO = Buffer.from(makePng(40, 30, (x, y) => [x * 6, y * 8, 120]));
const ANSWERS: SchoolAnswers = {
  name: SCHOOL,
  urn: URN,
  region: 'North East',
  localAuthority: 'County Durham',
  phase: 'Secondary',
  headTeacher: 'Grace Okafor',
  senco: 'Dan Whitley',
  onRoll: '1100',
  senSupport: '140',
  withPlan: '31',
};
/** The criteria that apply to this school: the export's check counts only these. */
const applyingCriteria = () => framework.criteria.filter((c) => criterionApplies(c, profileOf(ANSWERS)).applies);

beforeAll(async () => {
  framework = await shippedFrameworkForRegion('north-east');
  ({ server, app, page } = await openAppSession());
  downloads = await mkdtemp(join(tmpdir(), 'sen-downloads-'));
});

afterAll(async () => {
  await closeAppSession({ app, server });
});

const download = (click: () => Promise<void>, name: string) => saveDownload(page, downloads, click, name);

/** In the evidence library: opens an item's details, ticks a box, and saves. */
async function tickAndSaveEvidence(title: string, checkbox: string): Promise<void> {
  const item = page
    .getByRole('list', { name: 'Evidence' })
    .getByRole('listitem')
    .filter({ has: page.getByRole('heading', { name: title }) });
  await item.getByRole('button', { name: `View and edit ${title}` }).click();
  const panel = page.getByRole('region', { name: title, exact: true });
  await panel.getByLabel(checkbox).check();
  await panel.getByRole('button', { name: 'Save details' }).click();
  await expectVisible(panel.getByText(/saved/i));
}

const evaluationNav = () => page.getByRole('navigation', { name: 'Evaluation' });
const labelOf = (pointId: string) => framework.scale.points.find((p) => p.id === pointId)?.label ?? pointId;

describe('a school exports its signed submission and prints its portfolio', () => {
  it('sets up a school and makes a small evaluation with evidence, one item flagged as personal data', async () => {
    const [first, second] = framework.criteria;
    if (!first || !second) throw new Error('framework too small');
    await page.goto(server.url);
    await setUpSchool(page, ANSWERS);
    await startEvaluation(page);
    dashboardUrl = page.url();

    await openCriterion(page, first.id, () => page.getByRole('link', { name: `Continue with ${first.id}` }).click());
    await judge(page, labelOf('embedded'));
    await page.getByLabel('Add a new file and link it').setInputFiles([
      { name: 'sensory-room.png', mimeType: 'image/png', buffer: PHOTO },
      { name: 'pupil-tracker.csv', mimeType: 'text/csv', buffer: Buffer.from('Pupil,Reading age\nA.B.,9.2\n') },
    ]);
    await expectVisible(page.getByText(/Added and linked “sensory-room\.png”/));
    await openCriterion(page, second.id, () => page.getByRole('link', { name: `Next: ${second.id}` }).click());
    await judge(page, labelOf('established'));

    // The tracker names pupils: flag it as personal data, not yet redacted.
    await evaluationNav().getByRole('link', { name: 'Evidence library' }).click();
    await tickAndSaveEvidence('pupil tracker', 'It contains personal data');
  });

  it('refuses to export until the personal data is confirmed redacted and the declaration is made', async () => {
    await evaluationNav().getByRole('link', { name: 'Submit' }).click();
    await checkScreen(page, 'submit', 'Export the signed submission', { screenshot: 'submit' });
    const warnings = page.getByTestId('preflight-warnings');
    await expectText(warnings.getByText(/criteria have no judgement/), `${applyingCriteria().length - 2} criteria have no judgement`);
    await expectVisible(page.getByRole('heading', { name: 'Must be fixed: personal data not confirmed as redacted' }));

    await page.getByRole('button', { name: 'Export the signed submission' }).click();
    const summary = page.getByRole('alert').filter({ has: page.getByRole('heading', { name: 'The submission cannot be exported yet' }) });
    await expectVisible(summary);
    await expect(summary.getByRole('link').allInnerTexts()).resolves.toEqual([
      'The head teacher (or a governor or trustee) has not approved this self-evaluation yet: ask them to approve it on the Approval page',
      '1 evidence item is marked as containing personal data and not confirmed as redacted',
      'Confirm that the self-evaluation is accurate',
    ]);
    await checkScreen(page, 'submit-errors', 'Export the signed submission');

    // Fix the evidence: redaction confirmed.
    await page.getByRole('link', { name: 'pupil tracker' }).click();
    await tickAndSaveEvidence('pupil tracker', 'I confirm it has been redacted or anonymised');
  });

  it('exports a signed submission that pdfsig, qpdf, pdfdetach, pdftotext and the verifier all accept', async () => {
    await evaluationNav().getByRole('link', { name: 'Submit' }).click();
    await expectVisible(page.getByRole('heading', { level: 1, name: 'Export the signed submission' }));
    await expect.poll(() => page.getByRole('heading', { name: /Must be fixed/ }).count()).toBe(0);
    await page.getByRole('link', { name: 'Go to the approval' }).click();
    await checkScreen(page, 'approval', 'Approval before submission');
    await page.getByLabel('I have reviewed this self-evaluation and approve it for submission.').check();
    await page.getByRole('button', { name: 'Approve for submission' }).click();
    await expectVisible(page.getByTestId('approval-state').getByText(/^Approved for submission by Grace Okafor, Head teacher, on /));
    await page.getByRole('link', { name: 'Go to the export' }).click();
    await expectVisible(page.getByRole('heading', { level: 1, name: 'Export the signed submission' }));
    await expect(page.getByLabel('Head teacher’s name').inputValue()).resolves.toBe('Grace Okafor');
    await page.getByLabel('Chair of governors’ name (optional)').fill('Priya Nair');
    await page.getByLabel(/We confirm that this self-evaluation is an accurate account/).check();

    const today = new Date().toISOString().slice(0, 10);
    const { path, suggested } = await download(
      () => page.getByRole('button', { name: 'Export the signed submission' }).click(),
      'submission.pdf',
    );
    expect(suggested).toBe(`${URN}-north-east-2026-${today}-v1.pdf`);
    await expectVisible(page.getByTestId('export-done').getByRole('heading', { name: 'Submission v1 exported' }));
    await checkScreen(page, 'submit-done', 'Export the signed submission');

    const signatures = runTool('pdfsig', [path]);
    expect(signatures).toMatch(/Signature Validation: Signature is Valid\./);
    expect(signatures).toMatch(/Total document signed/);
    expect(runTool('qpdf', ['--check', path])).toMatch(/No syntax or stream encoding errors found/);
    const attachments = runTool('pdfdetach', ['-list', path]);
    expect(attachments).toMatch(/submission\.json/);
    expect(attachments).toMatch(/framework\.json/);
    expect(attachments).toMatch(/evidence-\d{3}-sensory-room\.png/);
    expect(attachments).toMatch(/evidence-\d{3}-pupil-tracker\.csv/);
    const text = runTool('pdftotext', [path, '-']);
    expect(text).toContain(SCHOOL);
    expect(text).toMatch(/Approved\s+for\s+submission\s+by\s+Grace\s+Okafor,\s+Head\s+teacher,\s+on\s+\d{1,2}\s+[A-Z][a-z]+\s+\d{4}/);
    expect(framework.criteria.map((c) => c.id).filter((id) => !text.includes(id))).toEqual([]);

    const bytes = new Uint8Array(await readFile(path));
    const verified = await verifySubmission(bytes);
    if (!verified.ok) throw new Error(verified.rejection.message);
    expect(verified.report.submission.declaration.chairOfGovernors).toBe('Priya Nair');
    expect(verified.report.submission.approval).toMatchObject({ name: 'Grace Okafor', role: 'Head teacher' });
    expect(verified.report.submission.responses.filter((r) => r.judgement !== null)).toHaveLength(2);
    const photo = verified.report.submission.evidence.find((e) => e.file?.originalName === 'sensory-room.png');
    expect(photo?.file?.sha256).toBe(await sha256Hex(new Uint8Array(PHOTO)));

    // The same fingerprint is in Settings.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await expectText(page.getByTestId('certificate-list'), new RegExp(shortHash(verified.report.certificate.fingerprint, 16)));

    // The submission is frozen and can be saved again, byte for byte.
    await page.goto(dashboardUrl);
    await page.getByTestId('submission-list').getByRole('link', { name: 'Submission v1' }).click();
    await checkScreen(page, 'submission', 'Submission v1', { screenshot: 'submission' });
    const again = await download(() => page.getByRole('button', { name: 'Save the PDF again' }).click(), 'again.pdf');
    expect(await sha256Hex(new Uint8Array(await readFile(again.path)))).toBe(await sha256Hex(bytes));
    await expectVisible(page.getByText(/the same file, byte for byte/));
  });

  it('shows progress while a submission with 20 evidence files is made, stays usable, and can be cancelled', async () => {
    const [, , third] = framework.criteria;
    if (!third) throw new Error('framework too small');
    await page.goto(dashboardUrl);
    await openCriterion(page, third.id, () => page.getByRole('link', { name: `Continue with ${third.id}` }).click());
    const files = Array.from({ length: 20 }, (_, i) => ({
      name: `lesson-observation-${String(i + 1).padStart(2, '0')}.bin`,
      mimeType: 'application/octet-stream',
      buffer: Buffer.alloc(1_500_000 + i * 1000, i + 1),
    }));
    await page.getByLabel('Add a new file and link it').setInputFiles(files);
    await expectVisible(page.getByText(/Added and linked “lesson-observation-20\.bin”/), 60_000);

    // Twenty files added since the head approved: the approval is out of date, and is given again.
    await evaluationNav().getByRole('link', { name: 'Submit' }).click();
    await expectVisible(page.getByTestId('approval-state').getByText(/^Out of date: changed since Grace Okafor approved it on /));
    await approveForSubmission(page);
    await page.getByLabel(/We confirm that this self-evaluation is an accurate account/).check();
    await page.getByRole('button', { name: 'Export the signed submission' }).click();
    const bar = page.locator('#pdf-progress-bar');
    await expectVisible(bar);
    await expect.poll(async () => Number(await bar.getAttribute('value')), { timeout: 60_000 }).toBeGreaterThan(0);
    // While the worker works, the page still answers: the focus is on Cancel, and pressing it stops the export.
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Cancel');
    await page.keyboard.press('Enter');
    await expectVisible(page.getByRole('alert').getByText('Cancelled. Nothing was saved.'));
    await expect(page.getByTestId('submission-list').getByRole('listitem').count()).resolves.toBe(1);

    // Then the whole export, watching the bar move through several values.
    await page.getByLabel(/We confirm that this self-evaluation is an accurate account/).check();
    const seen = new Set<number>();
    const watch = setInterval(() => {
      void bar
        .getAttribute('value', { timeout: 1000 })
        .then((v) => v !== null && seen.add(Number(v)))
        .catch(() => undefined);
    }, 50);
    const { path, suggested } = await download(() => page.getByRole('button', { name: 'Export the signed submission' }).click(), 'v2.pdf');
    clearInterval(watch);
    expect(suggested).toMatch(/-v2\.pdf$/);
    expect(seen.size).toBeGreaterThanOrEqual(2);
    const verified = await verifySubmission(new Uint8Array(await readFile(path)));
    if (!verified.ok) throw new Error(verified.rejection.message);
    expect(verified.report.evidenceFiles.size).toBe(22);
    expect(verified.report.submission.version).toBe(2);
  });

  it('prints a portfolio with the chosen sections, the photo printed once', async () => {
    await page.goto(dashboardUrl);
    await evaluationNav().getByRole('link', { name: 'Portfolio' }).click();
    await checkScreen(page, 'portfolio', 'Print the accreditation portfolio', { screenshot: 'portfolio' });
    await page.getByLabel('Action plan').uncheck();
    const { path } = await download(() => page.getByRole('button', { name: 'Download the portfolio to print' }).click(), 'portfolio.pdf');
    await expectVisible(page.getByText(/The portfolio was downloaded as/));
    const text = runTool('pdftotext', [path, '-']);
    expect(text).toContain(SCHOOL);
    expect(text).toMatch(/Contents/);
    expect(text).not.toMatch(/\nAction plan\n/);
    const images = runTool('pdfimages', ['-list', path]).trim().split('\n').slice(2);
    expect(images).toHaveLength(1);
  });

  it('made no request to anything but the local server, and logged no errors', () => {
    expect(app.outsideRequests).toEqual([]);
    expect(app.pageErrors).toEqual([]);
  });
});
