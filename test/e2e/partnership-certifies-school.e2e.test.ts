import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppliedFramework } from '../../shared/framework/applied-framework';
import { checkScreen, expectText, expectVisible, screenAddresses, shippedFrameworkForRegion } from './support/app';
import { runTool, saveDownload } from './support/downloads';
import { tabTo } from './support/keyboard';
import { expectAxeInEveryLook } from './support/reading-themes';
import {
  continueWithFirstCriterion,
  exportSignedSubmission,
  judge,
  northEastPrimary,
  setUpSchoolFromHome,
  startEvaluation,
} from './support/school-steps';
import { closeAppSession, openAppSession, type AppSession } from './support/session';

/**
 * A partnership certifies a school from its request file, each in its own browser profile: the
 * school writes a request; the partnership (set up in its own profile) reads it, issues a
 * certificate and saves its root; the school imports the certificate and exports a submission,
 * which pdfsig validates with the partnership as issuer; a moderator (a third profile) pins the
 * root and imports the submission, which is certified by the partnership with no fingerprint
 * question. openssl parses the request, root and certificate the app wrote. axe on each new screen.
 */
const SCHOOL = northEastPrimary({ name: 'Kingsbridge Community College', urn: '113532' });
const PARTNERSHIP = 'North East SEN Regional Partnership';
let folder: string;
let framework: AppliedFramework;
let school: AppSession;
let schoolUrl = '';
/** Kept open to the end, for the sweep through every look. */
let partnership: AppSession | undefined;
let moderator: AppSession | undefined;
const files: Record<string, string> = {};

beforeAll(async () => {
  framework = await shippedFrameworkForRegion('north-east');
  folder = await mkdtemp(join(tmpdir(), 'sen-partnership-'));
  school = await openAppSession();
}, 120_000);

afterAll(async () => {
  if (partnership) await closeAppSession(partnership);
  if (moderator) await closeAppSession(moderator);
  await closeAppSession(school);
});

const certificatePanel = (page: Page) =>
  page.locator('section').filter({ has: page.getByRole('heading', { level: 2, name: 'Get a certificate from your partnership' }) });

describe('a partnership certifies a school, and a moderator sees it', () => {
  it('the school writes a certificate request for its own key', async () => {
    const { page, server } = school;
    await setUpSchoolFromHome(page, server.url, SCHOOL);
    schoolUrl = page.url();
    const panel = certificatePanel(page);
    await expectText(panel.getByTestId('partnership-certificate-state'), /^No certificate from a partnership yet\./);
    const request = await saveDownload(
      page,
      folder,
      () => panel.getByRole('button', { name: 'Write a certificate request' }).click(),
      'school.csr.pem',
    );
    files.request = request.path;
    expect(request.suggested).toBe('Kingsbridge Community College certificate request.csr.pem');
    await expectText(panel.getByTestId('partnership-certificate-state'), /^Certificate requested on /);
    await checkScreen(page, 'school with certificate request', SCHOOL.name);
    expect(runTool('openssl', ['req', '-in', files.request, '-noout', '-verify', '-subject'])).toContain(
      'CN = Kingsbridge Community College',
    );
  });

  it('the partnership, in its own profile, is set up, saves its root and issues a certificate from the request', async () => {
    partnership = await openAppSession();
    {
      const { page, server } = partnership;
      await page.goto(server.url);
      await page.getByRole('link', { name: 'Set up a partnership workspace' }).click();
      await checkScreen(page, 'partnership form', 'Set up a partnership workspace');
      await page.getByLabel('Region').selectOption({ label: 'North East' });
      await expect.poll(() => page.getByLabel(/Partnership’s name/).inputValue()).toBe(PARTNERSHIP);
      // By keyboard from the region to the button, each stop showing where the focus is.
      await page.getByLabel('Region').focus();
      await tabTo(page, 'Set up partnership workspace');
      await page.keyboard.press('Enter');
      await checkScreen(page, 'partnership', PARTNERSHIP);

      const root = await saveDownload(
        page,
        folder,
        () => page.getByRole('button', { name: 'Save the root certificate (.pem)' }).click(),
        'root.pem',
      );
      files.root = root.path;
      expect(runTool('openssl', ['x509', '-in', files.root, '-noout', '-subject'])).toContain('OU = Partnership');

      await page.getByLabel('Choose a certificate request (.csr.pem)').setInputFiles(files.request!);
      const asks = page.getByRole('group', { name: 'The request asks for' });
      await expectVisible(asks);
      await expect.poll(() => asks.innerText()).toContain('Kingsbridge Community College');
      await expect.poll(() => asks.innerText()).toContain('113532');
      await checkScreen(page, 'partnership with a request', PARTNERSHIP);
      // The request's details take the focus when shown; the dates and the button follow by Tab.
      await expect.poll(() => page.evaluate(() => document.activeElement?.textContent ?? '')).toBe('The request asks for');
      await tabTo(page, 'Day');
      await expect
        .poll(() => page.getByRole('group', { name: 'Valid until' }).getByLabel('Year').inputValue())
        .toBe(String(new Date().getUTCFullYear() + 1));
      await tabTo(page, 'Issue the certificate');
      const certificate = await saveDownload(page, folder, () => page.keyboard.press('Enter'), 'school.crt.pem');
      files.certificate = certificate.path;
      const register = page.locator('section').filter({ has: page.getByRole('heading', { level: 2, name: 'Certificates issued' }) });
      await expectVisible(register.getByRole('rowheader', { name: 'Kingsbridge Community College (school)' }));
      const verified = runTool('openssl', ['verify', '-CAfile', files.root, files.certificate]);
      expect(verified.trim()).toBe(`${files.certificate}: OK`);

      const list = await saveDownload(
        page,
        folder,
        () => page.getByRole('button', { name: 'Publish a signed revocation list' }).click(),
        'list.crl.pem',
      );
      files.list = list.path;
      expect(list.suggested).toBe(`${PARTNERSHIP} revocation list 1.crl.pem`);
      await expectText(
        page
          .locator('section')
          .filter({ has: page.getByRole('heading', { level: 2, name: 'Revocation list' }) })
          .getByRole('status'),
        /^Revocation list 1 is signed, listing 0 revoked certificates\./,
      );
      await checkScreen(page, 'partnership with its register', PARTNERSHIP, { screenshot: 'partnership' });
      const crl = spawnSync('openssl', ['crl', '-in', files.list, '-CAfile', files.root, '-noout'], { encoding: 'utf8' });
      expect(crl.status).toBe(0);
      expect(crl.stderr + crl.stdout).toContain('verify OK');
    }
  });

  it('the school imports its certificate and exports a submission carrying it, which pdfsig validates', async () => {
    const { page } = school;
    await page.goto(schoolUrl);
    const panel = certificatePanel(page);
    await panel.getByLabel('Import the certificate from your partnership (.crt.pem)').setInputFiles(files.certificate!);
    await expectText(
      panel.getByRole('status'),
      `Certificate imported: certified by the ${PARTNERSHIP}. From now on the files you export carry it.`,
    );
    await expectText(panel.getByTestId('partnership-certificate-state'), new RegExp(`^Certified by the ${PARTNERSHIP} until `));

    const [first] = framework.criteria;
    if (!first) throw new Error('framework too small');
    await startEvaluation(page);
    await continueWithFirstCriterion(page, first.id);
    await judge(page, 'Embedded');
    files.submission = await exportSignedSubmission(page, folder);
    const pdfsig = runTool('pdfsig', [files.submission]);
    expect(pdfsig).toContain('Signature Validation: Signature is Valid.');
    expect(pdfsig).toContain('Signer Certificate Common Name: Kingsbridge Community College');
    expect((await readFile(files.submission)).length).toBeGreaterThan(0);
  });

  it('a moderator who pinned the root imports the submission as certified by the partnership', async () => {
    moderator = await openAppSession();
    {
      const { page, server } = moderator;
      await page.goto(server.url);
      await page.getByRole('link', { name: 'Set up a moderator workspace' }).click();
      await page.getByLabel('Your name').fill('Jo Bloggs');
      await page.getByLabel('Region you moderate').selectOption({ label: 'North East' });
      await page.getByRole('button', { name: 'Set up moderator workspace' }).click();
      await expectVisible(page.getByRole('heading', { level: 1, name: 'Submissions to moderate' }));
      await page.getByRole('link', { name: 'Workspace details' }).first().click();
      await page.getByLabel('Choose a partnership’s certificate (.pem or .cer)').setInputFiles(files.root!);
      await page.getByRole('button', { name: 'Pin this partnership' }).click();
      await expectVisible(page.getByRole('list', { name: 'Pinned partnerships' }).getByText(PARTNERSHIP));
      await page.getByLabel('Choose a revocation list from a pinned partnership (.crl.pem)').setInputFiles(files.list!);
      await expectVisible(page.getByText(/Revocation list issued .*: 0 certificates revoked\./));
      await checkScreen(page, 'moderator details with certificate panel', 'Moderator workspace details');

      await page.getByRole('link', { name: 'Import submissions' }).first().click();
      await page.getByLabel('Choose submission PDFs').setInputFiles(files.submission!);
      const results = page.getByRole('list', { name: 'Files and what happened to each' });
      await expectText(
        results,
        new RegExp(
          `Signed by Kingsbridge Community College, URN 113532, certified by the ${PARTNERSHIP}\\. No fingerprint check is needed`,
        ),
        60_000,
      );
      expect(await page.getByRole('button', { name: /^Trust and import/ }).count()).toBe(0);
    }
  });

  it('the partnership workspace, the school’s certificate panel and the moderator’s pinned partnerships pass axe in every theme and tint', async () => {
    const at = (name: string) => {
      const address = screenAddresses.get(name);
      if (!address) throw new Error(`the journey did not reach the ${name} screen`);
      return address;
    };
    if (!partnership || !moderator) throw new Error('the partnership and the moderator were not set up');
    await expectAxeInEveryLook(partnership.page, [at('partnership form'), at('partnership with its register')]);
    await expectAxeInEveryLook(school.page, [at('school with certificate request')]);
    await expectAxeInEveryLook(moderator.page, [at('moderator details with certificate panel')]);
    for (const session of [partnership, school, moderator]) expect(session.app.pageErrors).toEqual([]);
  });
});
