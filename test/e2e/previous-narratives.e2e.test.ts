import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { frameworkRef } from '../../shared/framework/applied-framework';
import { createCatalogue } from '../../shared/framework/framework-catalogue';
import type { FrameworkRef } from '../../shared/framework/framework-types';
import { loadShippedData } from '../../shared/framework/shipped-frameworks';
import { historicFrameworkForRegion } from '../fixtures/historic-edition';
import { checkScreen, expectSavedAfter, expectText, expectValue, expectVisible } from './support/app';
import { fillSchoolForm, RIVERSIDE_PRIMARY } from './support/school-steps';
import { expectNoAxeViolations } from './support/axe';
import { horizontalOverflow, storeReadingPreferences, THEME_AND_TINT } from './support/reading-themes';
import { useAppSession } from './support/session';
import type { StaticServer } from './support/static-server';

/**
 * A school with an evaluation on the 2005 edition starts a 2026 one from it: the narrative of a
 * 2005 criterion whose procedure has gone is shown beside its successor for reference, is copied
 * into the narrative with one button, saved, and taken out again with Undo in the field.
 */

let server: StaticServer;
let page: Page;
let historic: FrameworkRef;
useAppSession((session) => ({ server, page } = session));

const OLD_NARRATIVE = 'Our SEN policy is on the website and was reviewed by governors in July.';
const MINE = 'The SEN information report is linked from the home page.';

beforeAll(async () => {
  const { frameworks, regions } = await loadShippedData();
  historic = frameworkRef(historicFrameworkForRegion(createCatalogue(frameworks, regions), 'north-east').base);
});

/** Writes a 2005 evaluation with a narrative on NE-1.1.1 straight into the app's database, as an older version left it. */
async function seedHistoricEvaluation(framework: FrameworkRef): Promise<void> {
  await page.evaluate(
    async ({ framework, narrative }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('sen-accreditation');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const schoolId = await new Promise<string>((resolve, reject) => {
        const request = db.transaction('schools').objectStore('schools').getAll();
        request.onsuccess = () => resolve((request.result[0] as { id: string }).id);
        request.onerror = () => reject(request.error);
      });
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction(['evaluations', 'responses'], 'readwrite');
        const at = '2025-06-01T09:00:00.000Z';
        tx.objectStore('evaluations').add({
          id: 'e-2005',
          schoolId,
          title: 'Accreditation 2024–25',
          regionId: 'north-east',
          framework,
          supplement: null,
          carriedForwardFrom: null,
          createdAt: at,
          updatedAt: at,
        });
        tx.objectStore('responses').add({
          key: 'e-2005|NE-1.1.1',
          evaluationId: 'e-2005',
          criterionId: 'NE-1.1.1',
          judgement: 'established',
          narrative,
          nextSteps: '',
          updatedAt: at,
        });
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      db.close();
    },
    { framework, narrative: OLD_NARRATIVE },
  );
}

describe('a narrative from the 2005 evaluation, for reference', () => {
  it('is shown beside its 2026 successor, copied into the narrative, saved, and undone with Undo', async () => {
    await page.goto(`${server.url}#/schools/new`);
    await fillSchoolForm(page, RIVERSIDE_PRIMARY);
    await page.getByRole('button', { name: 'Set up school' }).click();
    await expectVisible(page.getByRole('heading', { level: 1, name: RIVERSIDE_PRIMARY.name }));
    await seedHistoricEvaluation(historic);
    await page.reload();

    await page.getByLabel('Start from').selectOption({ label: 'Carry forward “Accreditation 2024–25”' });
    await page.getByRole('button', { name: 'Start evaluation' }).click();
    await expectVisible(page.getByRole('heading', { level: 1, name: /^Accreditation \d{4}–\d{2}$/ }));
    const evaluationId = /#\/evaluations\/([^/]+)/.exec(page.url())?.[1];
    if (!evaluationId) throw new Error(`No evaluation in ${page.url()}`);

    await page.goto(`${server.url}#/evaluations/${evaluationId}/criteria/NE26-4.1.1`);
    const section = page.getByRole('region', { name: 'From your previous evaluation (2005 edition, criterion NE-1.1.1), for reference' });
    await expectVisible(section);
    await checkScreen(page, 'criterion-with-previous-narrative', /^NE26-4\.1\.1\b/);
    await expectText(section.locator('.previous-narratives__text'), OLD_NARRATIVE);
    // The terms the criterion uses are listed too.
    await expectVisible(page.getByText(/^Terms used in NE26-4\.1\.1 \(\d+\): what they mean$/));

    const narrative = page.getByLabel('Narrative');
    await expectSavedAfter(page, () => narrative.fill(MINE));
    await expectSavedAfter(page, () => section.getByRole('button', { name: 'Copy the NE-1.1.1 narrative into your narrative' }).click());
    const combined = `${MINE}\n\n${OLD_NARRATIVE}`;
    await expectValue(narrative, combined);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('narrative');
    await page.reload();
    await expectValue(page.getByLabel('Narrative'), combined);

    // Undo in the field takes the copy out again, and that is saved too.
    await expectSavedAfter(page, () => page.getByRole('button', { name: 'Copy the NE-1.1.1 narrative into your narrative' }).click());
    await expectValue(page.getByLabel('Narrative'), `${combined}\n\n${OLD_NARRATIVE}`);
    await expectSavedAfter(page, () => page.keyboard.press('Control+z'));
    await expectValue(page.getByLabel('Narrative'), combined);
    await page.reload();
    await expectValue(page.getByLabel('Narrative'), combined);
  });

  it('the criterion screen with its terms and previous narrative, and Help with the glossary, pass axe in every look and reflow at 320 px', async () => {
    const criterionUrl = page.url();
    expect(criterionUrl).toContain('/criteria/NE26-4.1.1');
    const addresses = [criterionUrl, `${server.url}#/help`];
    await page.goto(`${server.url}#/help`);
    await checkScreen(page, 'help', 'Help and keyboard shortcuts');
    await expectVisible(page.getByRole('region', { name: 'Glossary' }));
    // Open every disclosure of terms, so what it holds is checked too.
    const open = () => page.evaluate(() => document.querySelectorAll('details.terms-used').forEach((d) => d.setAttribute('open', '')));
    for (const look of THEME_AND_TINT) {
      await storeReadingPreferences(page, look);
      for (const address of addresses) {
        await page.goto(address);
        await page.reload();
        await expectVisible(page.locator('h1'));
        await open();
        await expectNoAxeViolations(page, `${address} in ${look.theme} with ${look.tint} tint`);
      }
    }
    await page.setViewportSize({ width: 320, height: 720 });
    for (const address of addresses) {
      await page.goto(address);
      await page.reload();
      await expectVisible(page.locator('h1'));
      await open();
      const overflow = await horizontalOverflow(page);
      expect(overflow.root, `${address} at 320 px: ${overflow.culprits.join(', ')}`).toBeLessThanOrEqual(overflow.width);
    }
    await page.setViewportSize({ width: 1280, height: 900 });
    await storeReadingPreferences(page, {});
  });
});
