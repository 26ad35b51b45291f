import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkScreen, expectText, expectVisible } from './support/app';
import { expectNoAxeViolations } from './support/axe';
import { runTool, saveDownload } from './support/downloads';
import { RIVERSIDE_PRIMARY, setUpSchoolFromHome, startEvaluation } from './support/school-steps';
import { closeAppSession, openAppSession, type AppSession } from './support/session';

/**
 * A colleague's evidence pack between two computers (two browser profiles, each with its own
 * database): a class teacher makes a signed pack of two files, which pdfsig validates; the SENCO of
 * the same school imports it, declines one item and accepts the other. Both screens pass axe.
 */
let colleague: AppSession;
let senco: AppSession;
let folder = '';

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'sen-evidence-pack-'));
  colleague = await openAppSession();
  senco = await openAppSession();
});

afterAll(async () => {
  await closeAppSession(colleague);
  await closeAppSession(senco);
});

describe('a colleague’s evidence pack', () => {
  let packPath = '';

  it('a class teacher makes a signed pack from the home screen', async () => {
    const { page, server } = colleague;
    await page.goto(server.url);
    await page.getByRole('link', { name: 'Contribute evidence to your SENCO' }).click();
    await expectVisible(page.getByRole('heading', { level: 1, name: 'Contribute evidence to your SENCO' }));
    await page.getByLabel('Your name').fill('Jo Brown');
    await page.getByLabel('Your role').fill('Class teacher, Year 4');
    await page.getByLabel('Your school’s name').fill(RIVERSIDE_PRIMARY.name);
    await page.getByLabel('Your school’s URN').fill(RIVERSIDE_PRIMARY.urn);
    await page.getByLabel('Your school’s region').selectOption({ label: 'North East' });
    await page.getByRole('button', { name: 'Save your details' }).click();
    await expectVisible(page.getByRole('button', { name: 'Change your details' }));

    await page.getByLabel('Choose files for the pack').setInputFiles([
      { name: 'reading-observation.txt', mimeType: 'text/plain', buffer: Buffer.from('Observation of the reading group.') },
      { name: 'display-photo.txt', mimeType: 'text/plain', buffer: Buffer.from('A photograph of the class display.') },
    ]);
    await expectText(page.getByRole('status').filter({ hasText: 'Added' }), 'Added 2 files to the pack.');
    const first = page.getByRole('region', { name: /1\. reading-observation\.txt/ });
    await first.getByLabel('Find a criterion to suggest').fill('NE26-2.1.2');
    await first.getByRole('button', { name: 'Suggest NE26-2.1.2' }).click();
    await first.getByLabel('A note for your SENCO (optional)').fill('Wave 2 reading, autumn term.');
    await expectNoAxeViolations(page, 'Contribute evidence to your SENCO');

    const saved = await saveDownload(
      page,
      folder,
      () => page.getByRole('button', { name: 'Make the signed evidence pack' }).click(),
      'pack.pdf',
    );
    packPath = saved.path;
    expect(saved.suggested).toMatch(/^123456-evidence-pack-\d{4}-\d{2}-\d{2}-jo-brown\.pdf$/);
    await expectVisible(page.getByRole('heading', { name: 'Pack made' }));
    expect(runTool('pdfsig', [packPath])).toMatch(/Signature Validation: Signature is Valid\./);
  });

  it('the SENCO imports it, declining one item', async () => {
    const { page, server } = senco;
    await setUpSchoolFromHome(page, server.url, RIVERSIDE_PRIMARY);
    await startEvaluation(page);
    await page.goto(`${page.url()}/evidence`);
    await page.getByRole('link', { name: 'Import a colleague’s evidence pack' }).click();
    await expectVisible(page.getByRole('heading', { level: 1, name: 'Import a colleague’s evidence pack' }));
    await page.getByLabel('Choose the evidence pack').setInputFiles(packPath);
    await expectVisible(page.getByRole('heading', { level: 2, name: 'From Jo Brown, Class teacher, Year 4' }));
    await page.getByRole('article', { name: 'reading observation' }).getByRole('radio', { name: 'Accept' }).check();
    await page.getByRole('article', { name: 'display photo' }).getByRole('radio', { name: 'Decline' }).check();
    await checkScreen(page, 'evidence-pack-import', 'Import a colleague’s evidence pack', { screenshot: 'evidence-pack-import' });
    await page.getByRole('button', { name: 'Import your decisions' }).click();
    await page
      .getByTestId('first-use-question')
      .getByRole('button', { name: /Trust and import/ })
      .click();
    await expectVisible(page.getByRole('heading', { name: 'Pack imported' }));
    await expectText(page.getByRole('heading', { name: 'Pack imported' }).locator('..'), /Accepted 1 item; declined 1 item\./);
    await expectNoAxeViolations(page, 'Import a colleague’s evidence pack (imported)');

    await page.getByRole('link', { name: 'See them in the evidence library' }).click();
    await expectVisible(page.getByText('reading observation').first());
    expect(await page.getByText('display photo').count()).toBe(0);
  });
});
