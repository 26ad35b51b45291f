import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkScreen, expectChecked, expectText, expectVisible } from './support/app';
import { expectNoAxeViolations } from './support/axe';
import { arrowTo, focusInfo, tabTo } from './support/keyboard';
import { expectAxeInEveryLook, expectAxeInEveryLookHere } from './support/reading-themes';
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
/** The screens each person reached, by address, for the sweep through every look. */
const colleagueScreens: string[] = [];
const sencoScreens: string[] = [];

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
    colleagueScreens.push(page.url());
    // The first item's details by keyboard alone: Tab to the search and type, Tab to the suggestion and Enter, Tab to the note and type.
    const first = page.getByRole('region', { name: /1\. reading-observation\.txt/ });
    await page.getByRole('heading', { level: 1 }).focus();
    await tabTo(page, 'Find a criterion to suggest');
    await page.keyboard.type('NE26-2.1.2');
    await tabTo(page, 'Suggest NE26-2.1.2');
    await page.keyboard.press('Enter');
    const afterSuggest = await focusInfo(page);
    expect(afterSuggest.name, 'the focus after suggesting a criterion goes back to the search').toBe('Find a criterion to suggest');
    expect(afterSuggest.indicator, `the focus on “${afterSuggest.name}” is visible`).toBe(true);
    await tabTo(page, 'A note for your SENCO (optional)');
    await page.keyboard.type('Wave 2 reading, autumn term.');
    await expect.poll(() => first.getByLabel('A note for your SENCO (optional)').inputValue()).toBe('Wave 2 reading, autumn term.');
    await expectText(first, /NE26-2\.1\.2/);
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
    // The second item declined by keyboard alone: Tab into its choices, an arrow to Decline.
    await page.getByRole('article', { name: 'reading observation' }).getByRole('radio', { name: 'Accept' }).focus();
    await tabTo(page, /^(Accept|Decline)$/);
    await arrowTo(page, 'Decline');
    await expectChecked(page.getByRole('article', { name: 'display photo' }).getByRole('radio', { name: 'Decline' }));
    await expectChecked(page.getByRole('article', { name: 'reading observation' }).getByRole('radio', { name: 'Accept' }));
    await checkScreen(page, 'evidence-pack-import', 'Import a colleague’s evidence pack', { screenshot: 'evidence-pack-import' });
    sencoScreens.push(page.url());
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

  it('the pack builder and the import screen pass axe in every theme and tint', async () => {
    expect(colleagueScreens).toHaveLength(1);
    expect(sencoScreens).toHaveLength(1);
    await expectAxeInEveryLook(colleague.page, colleagueScreens);
    // With an item in the pack, in place.
    await colleague.page
      .getByLabel('Choose files for the pack')
      .setInputFiles([{ name: 'phonics-plan.txt', mimeType: 'text/plain', buffer: Buffer.from('Phonics plan for the spring term.') }]);
    await expectVisible(colleague.page.getByRole('region', { name: /phonics-plan\.txt/ }));
    await expectAxeInEveryLookHere(colleague.page, 'the pack builder with an item');
    await expectAxeInEveryLook(senco.page, sencoScreens);
    // The same pack chosen again: said to be imported before, in place.
    await senco.page.getByLabel('Choose the evidence pack').setInputFiles(packPath);
    await expectVisible(senco.page.getByText('This pack was imported before', { exact: true }));
    await expectAxeInEveryLookHere(senco.page, 'the import of a pack refused');
    expect(colleague.app.pageErrors).toEqual([]);
    expect(senco.app.pageErrors).toEqual([]);
  });
});
