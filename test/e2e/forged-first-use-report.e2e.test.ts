import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppliedFramework } from '../../shared/framework/applied-framework';
import { fingerprintReadingLines } from '../../shared/moderation/first-use-trust';
import { exportModerationReport } from '../../shared/moderation/moderation-report';
import { verifySubmission } from '../../shared/submission/submission-verifier';
import { moderatorIdentity, sampleModeration } from '../fixtures/moderation-report';
import { checkScreen, expectVisible, shippedFrameworkForRegion } from './support/app';
import type { AppBrowser } from './support/browser';
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
 * A forged moderation report, as an outsider would make one: a fresh key whose self-signed
 * certificate names the school's real moderating organisation, and a report about the school's
 * own exported submission, byte for byte. The signature is intact, so only trust on first use
 * stands between it and the school's plan: the school must be asked before anything is stored,
 * and refusing must leave the database exactly as it was. The real verify worker runs here.
 */
let server: StaticServer;
let app: AppBrowser;
let page: Page;
let framework: AppliedFramework;
let folder: string;
let forgedPath = '';
let forgedFingerprint = '';
let schoolUrl = '';

const SCHOOL = 'Fernhill Primary School';
const URN = '765499';

beforeAll(async () => {
  framework = await shippedFrameworkForRegion('north-east');
  folder = await mkdtemp(join(tmpdir(), 'sen-forged-report-'));
  ({ server, app, page } = await openAppSession());
});

afterAll(async () => {
  await closeAppSession({ app, server });
});

/** How many records each of the tables a report import writes holds, read from the app's own IndexedDB. */
async function storedCounts(): Promise<Record<string, number>> {
  return page.evaluate(
    () =>
      new Promise<Record<string, number>>((resolve, reject) => {
        const request = indexedDB.open('sen-accreditation');
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const idb = request.result;
          const names = ['receivedReports', 'moderatorPins', 'actions'];
          const tx = idb.transaction(names, 'readonly');
          const counts: Record<string, number> = {};
          for (const name of names) {
            const count = tx.objectStore(name).count();
            count.onsuccess = () => {
              counts[name] = count.result;
            };
          }
          tx.oncomplete = () => {
            idb.close();
            resolve(counts);
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
}

describe('a forged first-use moderation report', () => {
  it('the school exports its signed submission', async () => {
    const [first] = framework.criteria;
    if (!first) throw new Error('framework too small');
    await page.goto(server.url);
    await setUpSchool(page, northEastPrimary({ name: SCHOOL, urn: URN, onRoll: '210', senSupport: '30', withPlan: '3' }));
    schoolUrl = page.url();
    await startEvaluation(page);
    await continueWithFirstCriterion(page, first.id);
    await judge(page, 'Embedded');
    const submissionPath = await exportSignedSubmission(page, folder);

    // The forger: the school's real file, moderated and signed with a key of their own naming the real organisation.
    const bytes = new Uint8Array(await readFile(submissionPath));
    const verified = await verifySubmission(bytes.slice());
    if (!verified.ok) throw new Error(verified.rejection.message);
    const forger = await moderatorIdentity('Moderator', 'North East SEN Partnership');
    forgedFingerprint = forger.certificateFingerprint;
    const forged = await exportModerationReport(sampleModeration(verified.report, bytes.length), forger);
    forgedPath = join(folder, `${URN}-moderation-forged.pdf`);
    await writeFile(forgedPath, forged.bytes);
  });

  it('asks before storing it, showing the whole fingerprint; refused, nothing is stored', async () => {
    await page.goto(schoolUrl);
    await page.getByRole('link', { name: 'Import a moderation report, or read the ones imported' }).click();
    await expectVisible(page.getByRole('heading', { level: 1, name: 'Moderation reports' }));
    const before = await storedCounts();
    expect(before).toEqual({ receivedReports: 0, moderatorPins: 0, actions: 0 });

    await page.getByLabel('Choose the moderation report (PDF)').setInputFiles(forgedPath);
    const question = page.getByTestId('first-use-report');
    await expectVisible(question, 60_000);
    await expectVisible(question.getByRole('heading', { name: 'A moderator key this school has not seen before' }));
    const reading = await question.getByTestId('fingerprint-reading').innerText();
    expect(reading.split('\n')).toEqual(fingerprintReadingLines(forgedFingerprint));
    await expect.poll(() => question.innerText()).toContain('North East SEN Partnership');
    await checkScreen(page, 'moderation report first use', 'Moderation reports');
    // Verified and waiting for the answer: nothing written yet.
    expect(await storedCounts()).toEqual(before);

    await question.getByRole('button', { name: /^Do not import/ }).click();
    await expectVisible(page.getByText(/^You did not trust the key\. Nothing from .* was imported\./));
    expect(await storedCounts()).toEqual(before);
    await expectVisible(page.getByText('No moderation report imported yet.'));
    // Still nothing after a reload: no write was pending.
    await page.reload();
    await expectVisible(page.getByText('No moderation report imported yet.'));
    expect(await storedCounts()).toEqual(before);
    expect(app.pageErrors).toEqual([]);
    expect(app.outsideRequests).toEqual([]);
  });
});
