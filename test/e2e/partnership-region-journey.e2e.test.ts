import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCertificateRequest } from '../../shared/crypto/certificate-request';
import { importIssuedCertificate } from '../../shared/crypto/partnership-certificate';
import { certificateFingerprint, createSigningKeyPair } from '../../shared/crypto/signing-certificate';
import type { DemonstrationSchool } from '../../shared/demonstration/demonstration-school';
import type { AppliedFramework } from '../../shared/framework/applied-framework';
import { criteriaToReview } from '../../shared/moderation/moderation-review';
import { partsToBytes } from '../../shared/pdf/signed-pdf-writer';
import { exportSubmission, type SigningIdentity } from '../../shared/submission/submission-exporter';
import { demonstrationData, IDENTITY, signingIdentityFor } from '../fixtures/signed-submission';
import { checkScreen, expectText, expectVisible, screenAddresses, shippedFrameworkForRegion } from './support/app';
import { runTool, saveDownload } from './support/downloads';
import { tabTo } from './support/keyboard';
import { fillOutcomeFeedback } from './support/outcome-steps';
import { expectAxeInEveryLook } from './support/reading-themes';
import {
  continueWithFirstCriterion,
  exportSignedSubmission,
  judge,
  northEastPrimary,
  openCriterion,
  profileOf,
  setUpSchoolFromHome,
  startEvaluation,
} from './support/school-steps';
import { closeAppSession, openAppSession, type AppSession } from './support/session';
import { PICKED_FOLDER, pickerGivesSharedFolder, syncFolder } from './support/shared-folder-sync';

/**
 * A region's journey through one shared folder on disk, in three browser profiles (issue 19):
 * the school writes a certificate request; the partnership (its own profile) issues its certificate,
 * and revokes another school's; the school exports a certified submission (pdfsig validates it) into
 * the folder. A moderator (the third profile) pins the partnership's root and imports its revocation
 * list, points the workspace at the folder and scans it: the school's submission is certified; one
 * signed by the revoked certificate is refused with the revocation's reason; one signed by a key no
 * partnership certified, naming the certified school, is flagged as possibly forged; a changed copy
 * fails. The moderator imports the school's submission from the folder, moderates it, asks for a
 * second moderation and puts the report into the folder. A second moderator (a moderator workspace
 * in the partnership's profile: a partnership officer who moderates) takes the request from the
 * folder, decides and returns it there. The partnership scans the folder and its overview shows the
 * school, where it stands, its level and the agreement between the two moderators. openssl parses
 * the request, root, certificates and revocation list the app wrote; axe on each new screen, then
 * every look. Each profile's folder picker gives its copy of the folder (support/shared-folder-sync).
 */
const SCHOOL = northEastPrimary({ name: 'Kingsbridge Community College', urn: '113532' });
const PARTNERSHIP = 'North East SEN Regional Partnership';
/** The folder on disk the region shares, and one for each person's other downloads. */
let shared: string;
let work: string;
let framework: AppliedFramework;
let demo: DemonstrationSchool;
let school: AppSession;
let schoolUrl = '';
let partnershipUrl = '';
let folderUrl = '';
/** Kept open to the end, for the sweep through every look. */
let partnership: AppSession | undefined;
let moderator: AppSession | undefined;
const files: Record<string, string> = {};
/** The other school, whose certificate the partnership revokes: its keys stay in this test. */
let otherKeys: CryptoKeyPair;

/** A submission from the demonstration school as the app exports it, signed now with `signing`, for `school`'s name and URN. */
async function exportedNow(signing: SigningIdentity, schoolName: { name: string; urn: string } | null, submissionId: string) {
  const snapshot = schoolName ? { ...demo.snapshot, school: { ...demo.snapshot.school, ...schoolName } } : demo.snapshot;
  const now = new Date().toISOString();
  const exported = await exportSubmission({
    snapshot,
    identity: { ...IDENTITY, submissionId, createdAt: now, declaration: { ...IDENTITY.declaration, date: now.slice(0, 10) } },
    signing,
    readEvidence: async (sha256) => {
      const bytes = demo.files.get(sha256);
      if (!bytes) throw new Error(`missing ${sha256}`);
      return bytes;
    },
  });
  return partsToBytes(exported.sealed);
}

beforeAll(async () => {
  framework = await shippedFrameworkForRegion('north-east');
  demo = await demonstrationData();
  shared = await mkdtemp(join(tmpdir(), 'sen-region-folder-'));
  work = await mkdtemp(join(tmpdir(), 'sen-region-work-'));
  otherKeys = await createSigningKeyPair();
  files.otherRequest = join(work, 'other.csr.pem');
  await writeFile(
    files.otherRequest,
    await createCertificateRequest(otherKeys, { commonName: demo.snapshot.school.name, role: 'School', urn: demo.snapshot.school.urn }),
  );
  school = await openAppSession();
}, 120_000);

afterAll(async () => {
  if (partnership) await closeAppSession(partnership);
  if (moderator) await closeAppSession(moderator);
  await closeAppSession(school);
});

const certificatePanel = (page: Page) =>
  page.locator('section').filter({ has: page.getByRole('heading', { level: 2, name: 'Get a certificate from your partnership' }) });
const scanStatus = (page: Page) => page.getByRole('status').filter({ hasText: /^Scan finished/ });
const idPattern = (id: string) => new RegExp(id.replaceAll('.', '\\.'));
const toReview = () => criteriaToReview(framework, profileOf(SCHOOL));

describe('a region works from one shared folder: certified, refused, flagged, moderated, second-moderated and overseen', () => {
  it('the school writes a certificate request for its own key', async () => {
    const { page, server } = school;
    await setUpSchoolFromHome(page, server.url, SCHOOL);
    schoolUrl = page.url();
    const panel = certificatePanel(page);
    await expectText(panel.getByTestId('partnership-certificate-state'), /^No certificate from a partnership yet\./);
    const request = await saveDownload(
      page,
      work,
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

  it('the partnership, in its own profile, saves its root, certifies the school, revokes another school’s certificate and publishes its list', async () => {
    partnership = await openAppSession();
    const { page, server } = partnership;
    await pickerGivesSharedFolder(page);
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
    partnershipUrl = page.url();

    const root = await saveDownload(
      page,
      work,
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
    const certificate = await saveDownload(page, work, () => page.keyboard.press('Enter'), 'school.crt.pem');
    files.certificate = certificate.path;
    const register = page.locator('section').filter({ has: page.getByRole('heading', { level: 2, name: 'Certificates issued' }) });
    await expectVisible(register.getByRole('rowheader', { name: 'Kingsbridge Community College (school)' }));
    expect(runTool('openssl', ['verify', '-CAfile', files.root, files.certificate]).trim()).toBe(`${files.certificate}: OK`);

    // Another school's certificate, issued from its request and then revoked: its key was on a stolen laptop.
    const other = demo.snapshot.school.name;
    await page.getByLabel('Choose a certificate request (.csr.pem)').setInputFiles(files.otherRequest!);
    await expect.poll(() => asks.innerText()).toContain(other);
    const otherCertificate = await saveDownload(
      page,
      work,
      () => page.getByRole('button', { name: 'Issue the certificate' }).click(),
      'other.crt.pem',
    );
    await expectVisible(register.getByRole('rowheader', { name: `${other} (school)` }));
    await register
      .getByRole('row')
      .filter({ hasText: other })
      .getByRole('button', { name: /^Revoke/ })
      .click();
    await page.getByLabel('Why is it revoked?').selectOption({ label: 'The signing key may have been used by someone else' });
    await page.getByRole('button', { name: 'Revoke the certificate' }).click();
    await expectVisible(register.getByText(/^Revoked on .*: the signing key may have been used by someone else/));

    const list = await saveDownload(
      page,
      work,
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
      /^Revocation list 1 is signed, listing 1 revoked certificate\./,
    );
    await checkScreen(page, 'partnership with its register', PARTNERSHIP, { screenshot: 'partnership' });
    const crl = spawnSync('openssl', ['crl', '-in', files.list, '-CAfile', files.root, '-noout', '-text'], { encoding: 'utf8' });
    expect(crl.status).toBe(0);
    expect(crl.stderr + crl.stdout).toContain('verify OK');
    expect(crl.stdout).toContain('Key Compromise');

    // Whoever has that key still signs a submission with the revoked certificate, and it reaches the folder.
    const imported = await importIssuedCertificate(new Uint8Array(await readFile(otherCertificate.path)), {
      publicKey: otherKeys.publicKey,
      role: 'School',
    });
    if (!imported.ok) throw new Error(imported.message);
    const signing: SigningIdentity = {
      privateKey: otherKeys.privateKey,
      certificateDer: imported.imported.certificateDer,
      certificateFingerprint: await certificateFingerprint(imported.imported.certificateDer),
      issuerCertificatesDer: [imported.imported.root.certificateDer],
    };
    await writeFile(join(shared, 'brookfield-revoked-key.pdf'), await exportedNow(signing, null, 'sub-revoked-0001'));
  });

  it('the school imports its certificate and exports a certified submission into the shared folder, which pdfsig validates; a forgery naming it arrives too', async () => {
    const { page } = school;
    await page.goto(schoolUrl);
    const panel = certificatePanel(page);
    await panel.getByLabel('Import the certificate from your partnership (.crt.pem)').setInputFiles(files.certificate!);
    await expectText(
      panel.getByRole('status'),
      `Certificate imported: certified by the ${PARTNERSHIP}. From now on the files you export carry it.`,
    );
    await expectText(panel.getByTestId('partnership-certificate-state'), new RegExp(`^Certified by the ${PARTNERSHIP} until `));

    const [first, second] = framework.criteria;
    if (!first || !second) throw new Error('framework too small');
    await startEvaluation(page);
    await continueWithFirstCriterion(page, first.id);
    await judge(page, 'Embedded');
    await openCriterion(page, second.id, () => page.getByRole('link', { name: `Next: ${second.id}` }).click());
    await judge(page, 'Established');
    const exported = await exportSignedSubmission(page, work);
    files.submission = join(shared, 'kingsbridge-v1.pdf');
    await writeFile(files.submission, await readFile(exported));
    const pdfsig = runTool('pdfsig', [files.submission]);
    expect(pdfsig).toContain('Signature Validation: Signature is Valid.');
    expect(pdfsig).toContain('Signer Certificate Common Name: Kingsbridge Community College');

    // A file naming the school, signed by a key no partnership certified, and a changed copy of it.
    const forger = await signingIdentityFor(SCHOOL.name, SCHOOL.urn);
    const forged = await exportedNow(forger, { name: SCHOOL.name, urn: SCHOOL.urn }, 'sub-forged-0001');
    await writeFile(join(shared, 'kingsbridge-v1-resent.pdf'), forged);
    const changed = forged.slice();
    changed[changed.length - 300] = (changed[changed.length - 300] ?? 0) ^ 0x01;
    await writeFile(join(shared, 'kingsbridge-v1-resent-changed.pdf'), changed);
  });

  it('a moderator who pinned the root and imported the list scans the folder: certified, refused with the revocation’s reason, flagged, failed', async () => {
    moderator = await openAppSession();
    const { page, server } = moderator;
    await pickerGivesSharedFolder(page);
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
    await expectVisible(page.getByText(/Revocation list issued .*: 1 certificate revoked\./));
    await checkScreen(page, 'moderator details with certificate panel', 'Moderator workspace details');

    await page.getByRole('navigation', { name: 'Moderator workspace' }).getByRole('link', { name: 'Shared folder' }).click();
    await expectVisible(page.getByText('No folder is chosen for this workspace yet.'));
    await syncFolder(page, shared);
    await page.getByRole('button', { name: 'Choose the shared folder' }).click();
    await expectText(page.getByText(/^Folder:/), `Folder: ${PICKED_FOLDER}`);
    // By keyboard: the scan button takes focus and Enter starts it.
    await page.getByRole('button', { name: 'Scan the folder' }).focus();
    await page.keyboard.press('Enter');
    await expectText(scanStatus(page), 'Scan finished: 4 files checked.', 120_000);

    const submissions = page.getByRole('region', { name: 'Submissions in the folder (2)' }).getByRole('row');
    await expect.poll(() => submissions.count()).toBe(3);
    await expectText(
      submissions.filter({ hasText: 'kingsbridge-v1.pdf' }),
      new RegExp(`Passed every check\\. Certified by the ${PARTNERSHIP}\\.`),
    );
    await expectText(
      submissions.filter({ hasText: 'kingsbridge-v1-resent.pdf' }),
      new RegExp(
        `Warning: This school’s certificate is issued by the ${PARTNERSHIP}; this file is signed by a key the ${PARTNERSHIP} did not certify, so it may be forged\\. Do not accept it until you have checked with the school and the partnership\\.`,
      ),
    );
    const failed = page.getByRole('list', { name: 'Files that failed the checks' }).getByRole('listitem');
    await expect.poll(() => failed.count()).toBe(2);
    await expectText(
      failed.filter({ hasText: 'brookfield-revoked-key.pdf' }),
      new RegExp(
        `^brookfield-revoked-key\\.pdf: The certificate the ${PARTNERSHIP} gave .* was revoked on .* because its signing key may have been used by someone else.*Do not accept the file; contact the partnership\\.$`,
      ),
    );
    await expectText(failed.filter({ hasText: 'kingsbridge-v1-resent-changed.pdf' }), /^kingsbridge-v1-resent-changed\.pdf: .+/);
    await checkScreen(page, 'shared folder (scanned)', 'Shared folder');
    folderUrl = page.url();

    // The certified submission is imported from the folder with no fingerprint question.
    // Chromium puts a space before the visually hidden part of a name, so the buttons are found by their row.
    await submissions
      .filter({ hasText: 'kingsbridge-v1.pdf' })
      .getByRole('button', { name: /^Import into this workspace/ })
      .click();
    await expectText(submissions.filter({ hasText: 'kingsbridge-v1.pdf' }), /Imported$/, 60_000);
    expect(await page.getByText(/waiting for your decision about its signing key/).count()).toBe(0);
  });

  it('the moderator moderates it, asks for a second moderation and puts the report into the folder; a rescan lists them', async () => {
    const { page } = moderator!;
    const [one, two, three] = toReview();
    if (!one || !two || !three) throw new Error('framework too small');
    await page.getByRole('navigation', { name: 'Moderator workspace' }).getByRole('link', { name: 'Submissions', exact: true }).click();
    await page.getByRole('link', { name: new RegExp(`^${SCHOOL.name}\\s?, submission v1$`) }).click();
    await page.getByRole('link', { name: `Start the review at ${one.id}` }).click();
    await expectVisible(page.getByRole('heading', { level: 1, name: idPattern(one.id) }));
    await page.getByRole('button', { name: `Agree and go to ${two.id}` }).click();
    await expectVisible(page.getByRole('heading', { level: 1, name: idPattern(two.id) }));
    await page.getByRole('button', { name: `Agree and go to ${three.id}` }).click();
    await expectVisible(page.getByRole('heading', { level: 1, name: idPattern(three.id) }));
    const submissionNav = page.getByRole('navigation', { name: 'Moderation of this submission' });

    await submissionNav.getByRole('link', { name: 'Second moderation' }).click();
    const sample = page.getByRole('group', { name: /Criteria you have decided \(2\)/ });
    for (const criterion of [one, two]) await sample.getByRole('checkbox', { name: idPattern(criterion.id) }).check();
    files.secondRequest = (
      await saveDownload(
        page,
        shared,
        () => page.getByRole('button', { name: /^Sign and export the request \(2 criteria\)/ }).click(),
        'kingsbridge-second-moderation-request.pdf',
      )
    ).path;
    await expectVisible(page.getByTestId('request-exported'));

    await submissionNav.getByRole('link', { name: 'Outcome and report' }).click();
    await page.getByLabel('Accredited', { exact: true }).check();
    await page.getByRole('group', { name: 'Level' }).getByRole('radio').first().check();
    const override = page.getByLabel('Why the level differs from the one the rules give');
    if ((await override.count()) > 0) await override.fill('Seen on the visit: the provision is in place.');
    await fillOutcomeFeedback(page, 'Strong provision, well led.');
    await page.getByRole('button', { name: 'Record the outcome' }).click();
    await expectVisible(page.getByText(/^Outcome recorded: accredited at /));
    await saveDownload(page, work, () => page.getByRole('button', { name: 'Export the signed moderation report' }).click(), 'report.pdf');
    await page.getByRole('button', { name: `Put a copy in the shared folder “${PICKED_FOLDER}”` }).click();
    await expectText(
      page.getByRole('status').filter({ hasText: /^Put in the shared folder/ }),
      /Other moderators see it when they scan the folder\.$/,
    );
    const written = await syncFolder(page, shared);
    expect(written).toEqual([expect.stringMatching(/^113532-moderation-\d{4}-\d{2}-\d{2}-v1-[0-9a-f]{16}\.pdf$/)]);

    // The folder is remembered after a reload; the rescan checks only the report and the request.
    await page.goto(folderUrl);
    await page.reload();
    await expectText(page.getByText(/^Folder:/), `Folder: ${PICKED_FOLDER}`);
    await page.getByRole('button', { name: 'Rescan (new or changed files only)' }).click();
    await expectText(scanStatus(page), 'Scan finished: 2 files checked, 4 files unchanged since the last scan.', 120_000);
    await expectText(
      page.getByRole('region', { name: 'Moderation reports in the folder (1)' }).getByRole('row').nth(1),
      /^Kingsbridge Community College 113532 1 Accredited Jo Bloggs/,
    );
    await expectText(
      page.getByRole('region', { name: 'Second moderation files in the folder (1)' }).getByRole('row').nth(1),
      /Request: Jo Bloggs \(.*\) asks for a second moderation of 2 criteria .* kingsbridge-second-moderation-request\.pdf Passed every check$/,
    );
    await checkScreen(page, 'shared folder (scanned)', 'Shared folder');
  });

  it('a second moderator, in the partnership’s profile, takes the request from the folder, decides and returns it there', async () => {
    const { page, server } = partnership!;
    await page.goto(server.url);
    await page.getByRole('link', { name: 'Set up a moderator workspace' }).click();
    await page.getByLabel('Your name').fill('Priya Shah');
    await page.getByLabel('Region you moderate').selectOption({ label: 'North East' });
    await page.getByRole('button', { name: 'Set up moderator workspace' }).click();
    await page.getByRole('link', { name: 'Workspace details' }).first().click();
    await page.getByLabel('Choose a partnership’s certificate (.pem or .cer)').setInputFiles(files.root!);
    await page.getByRole('button', { name: 'Pin this partnership' }).click();
    await expectVisible(page.getByRole('list', { name: 'Pinned partnerships' }).getByText(PARTNERSHIP));
    await page.getByRole('link', { name: 'Import submissions' }).first().click();
    await page.getByLabel('Choose submission PDFs').setInputFiles(files.submission!);
    await expectVisible(page.getByRole('link', { name: `Open submission v1 from ${SCHOOL.name}` }), 60_000);

    await page.getByRole('navigation', { name: 'Moderator workspace' }).getByRole('link', { name: 'Second moderation' }).click();
    await page.getByLabel('Choose the signed request (PDF)').setInputFiles(files.secondRequest!);
    await expectVisible(page.getByTestId('first-use-moderator'));
    await page.getByRole('button', { name: /^Trust and import/ }).click();
    await page.getByRole('link', { name: 'Decide its 2 criteria' }).click();
    const [one, two] = toReview();
    const decisions: [NonNullable<typeof one>, string][] = [
      [one!, 'Agree with the school'],
      [two!, 'Agree with the school'],
    ];
    for (const [criterion, choice] of decisions) {
      const form = page.getByRole('form', { name: `Your decision on ${criterion.id}` });
      await form.getByLabel(choice).check();
      await form.getByLabel('Comment').fill('The evidence shows it.');
      await form.getByRole('button', { name: `Save decision on ${criterion.id}` }).click();
      await expectVisible(form.getByText(`Saved your decision on ${criterion.id}.`));
    }
    await saveDownload(
      page,
      shared,
      () => page.getByRole('button', { name: 'Sign and export the return' }).click(),
      'kingsbridge-second-moderation-return.pdf',
    );
    await expectVisible(page.getByTestId('return-signed'));
  });

  it('the partnership scans the folder: its overview shows the school, its level and renewal from the report, and the moderators’ agreement', async () => {
    const { page } = partnership!;
    await page.goto(partnershipUrl);
    await page.getByRole('link', { name: 'Regional overview and the shared folder' }).click();
    await checkScreen(page, 'regional overview (no folder)', 'Regional overview');
    await syncFolder(page, shared);
    await page.getByRole('button', { name: 'Choose the shared folder' }).click();
    await expectText(page.getByText(/^Folder:/), `Folder: ${PICKED_FOLDER}`);
    await page.getByRole('button', { name: 'Scan the shared folder' }).focus();
    await page.keyboard.press('Enter');
    await expectText(scanStatus(page), /^Scan finished: \d+ files checked\.$/, 120_000);
    const schools = page.getByRole('table', { name: /^Schools by local authority and phase/ });
    // The level and renewal date come from the report in the folder, and the school stands where the
    // moderator left it: the partnership's scan judges signers against its own root and register, so
    // the forgery naming the school (newer than its real submission) is not counted, and says so.
    await expectText(
      schools.getByRole('row').filter({ hasText: SCHOOL.name }),
      /Kingsbridge Community College 113532 \d .* Foundation \d{4}-\d{2}-\d{2} Decided: accredited/,
    );
    await expectVisible(
      page.getByText(
        /1 submission is not counted: it names a school this partnership certified but is signed by a key the partnership did not certify, so it may be forged\./,
      ),
    );
    const pairs = page.getByRole('table', { name: /^Agreement between moderators, per pair/ });
    await expectText(pairs.getByRole('row').nth(1), /^Jo Bloggs .* Priya Shah 1 2 2 100\b/);
    // The steering group's report: anonymised, so no school is named in it.
    const steering = await saveDownload(
      page,
      shared,
      () => page.getByRole('button', { name: 'Steering group report (PDF)' }).click(),
      'steering-report.pdf',
    );
    const report = runTool('pdftotext', [steering.path, '-']).replace(/\s+/g, ' ');
    expect(report).toMatch(/No school is named\./);
    expect(report).toContain('fewer than 5');
    expect(report).not.toContain(SCHOOL.name);
    expect(report).not.toContain(SCHOOL.urn);
    // Sorting from the keyboard.
    await schools.getByRole('button', { name: /^School/ }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => schools.getByRole('columnheader', { name: /^School/ }).getAttribute('aria-sort')).toBe('ascending');
    await checkScreen(page, 'regional overview (scanned)', 'Regional overview');
  });

  it('the partnership, the school’s certificate panel, the moderator’s pinned partnerships, the shared folder and the overview pass axe in every theme and tint', async () => {
    const at = (name: string) => {
      const address = screenAddresses.get(name);
      if (!address) throw new Error(`the journey did not reach the ${name} screen`);
      return address;
    };
    if (!partnership || !moderator) throw new Error('the partnership and the moderator were not set up');
    await expectAxeInEveryLook(partnership.page, [
      at('partnership form'),
      at('partnership with its register'),
      at('regional overview (scanned)'),
    ]);
    await expectAxeInEveryLook(school.page, [at('school with certificate request')]);
    await expectAxeInEveryLook(moderator.page, [at('moderator details with certificate panel'), at('shared folder (scanned)')]);
    // Loaded afresh, the overview still shows what the scan found.
    await expectVisible(partnership.page.getByRole('table', { name: /^Schools by local authority and phase/ }));
    for (const session of [partnership, school, moderator]) expect(session.app.pageErrors).toEqual([]);
  });
});
