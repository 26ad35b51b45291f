import { mkdir } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AXE_COLOUR_RULES, expectNoAxeViolations } from './support/axe';
import { expectChecked, expectSavedAfter, expectVisible } from './support/app';
import type { AppBrowser } from './support/browser';
import { fillSchoolForm } from './support/school-steps';
import { horizontalOverflow, putReadingOn, THEME_AND_TINT } from './support/reading-themes';
import {
  DEFAULT_READING_PREFERENCES,
  readingAttributes,
  type ReadingPreferences,
} from '../../renderer/settings/reading-comfort/reading-preferences';
import { closeAppSession, openAppSession } from './support/session';
import type { StaticServer } from './support/static-server';

/**
 * Reading comfort: the choices in Settings apply at once, survive a reload, keep every main screen
 * free of axe violations in each theme and tint (each screen loaded afresh once, the looks then put
 * on in place as Settings applies a choice), load the bundled font (and nothing from outside),
 * and the layout reflows at 320 CSS px (400% zoom of 1280 px) without scrolling sideways.
 *
 * COMFORT_SCREENSHOTS=/some/folder also saves screenshots there for a person to look at.
 */

let server: StaticServer;
let app: AppBrowser;
let page: Page;

const DESKTOP = { width: 1280, height: 900 };
const NARROW = { width: 320, height: 720 };
const SCREENSHOT_DIR = process.env.COMFORT_SCREENSHOTS;

/** The main screens, by name, with their addresses (filled in by the set-up). */
const screens: { name: string; url: string }[] = [];

type Choices = Partial<Record<'Font' | 'Text size' | 'Line spacing' | 'Background tint' | 'Colours' | 'Motion', string>>;

const ATTRIBUTES = ['data-reading-font', 'data-text-size', 'data-line-spacing', 'data-tint', 'data-theme', 'data-motion'] as const;

async function rootAttributes(): Promise<Record<string, string | null>> {
  return page.evaluate(
    (names) => Object.fromEntries(names.map((name) => [name, document.documentElement.getAttribute(name)])),
    [...ATTRIBUTES],
  );
}

async function openSettings(): Promise<void> {
  await page.goto(`${server.url}#/settings`);
  await expectVisible(page.getByRole('heading', { level: 2, name: 'Reading comfort' }));
}

const readingSection = () => page.getByRole('region', { name: 'Reading comfort' });

/** Chooses each option by clicking its label, as a person does, and waits for the polite "saved" message each time. */
async function choose(choices: Choices): Promise<void> {
  for (const [legend, label] of Object.entries(choices)) {
    const radio = readingSection().getByRole('group', { name: legend }).getByRole('radio', { name: label, exact: true });
    if (await radio.isChecked()) continue;
    const status = readingSection().getByRole('status');
    // Mark the message on screen now, so the one this choice brings is known to be new.
    await status.evaluate((box) => box.querySelector('p')?.setAttribute('data-e2e-seen', ''));
    await readingSection().getByRole('group', { name: legend }).getByText(label, { exact: true }).click();
    await expectChecked(radio);
    const message = status.locator('p:not([data-e2e-seen])');
    await expectVisible(message);
    await expect(message.innerText()).resolves.toBe('Reading settings saved.');
  }
}

async function expectChosen(choices: Choices): Promise<void> {
  for (const [legend, label] of Object.entries(choices)) {
    await expectChecked(readingSection().getByRole('group', { name: legend }).getByRole('radio', { name: label, exact: true }));
  }
}

async function gotoScreen(url: string): Promise<void> {
  await page.goto('about:blank');
  await page.goto(url);
  await expectVisible(page.locator('h1'));
  await expect.poll(() => page.locator('h1').count()).toBe(1);
  // Let data-driven parts (Dexie live queries) and fonts settle before measuring.
  await page.waitForFunction(() => !document.querySelector('[role="status"]')?.textContent?.startsWith('Loading'));
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
}

async function screenshot(name: string): Promise<void> {
  if (!SCREENSHOT_DIR) return;
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOT_DIR}/${name}.png`, fullPage: true, animations: 'disabled', caret: 'hide' });
}

/** Where the page is wider than the window: the root, the body, and the elements that stick out. */
beforeAll(async () => {
  ({ server, app, page } = await openAppSession());
});

afterAll(async () => {
  await closeAppSession({ app, server });
});

/** A school with an evaluation, a judged criterion with evidence, and an action, set up through the UI. */
async function setUpSchool(): Promise<void> {
  await page.goto(server.url);
  screens.push({ name: 'home', url: server.url });
  await page.getByRole('link', { name: 'Set up a new school' }).click();
  await expectVisible(page.getByRole('heading', { level: 1, name: 'Set up a new school' }));
  screens.push({ name: 'school-form', url: page.url() });
  await fillSchoolForm(page, {
    name: 'Hollybank Community Primary School and Nursery',
    urn: '135790',
    region: 'North East',
    localAuthority: 'Gateshead',
    phase: 'Primary',
    headTeacher: 'Priya Natarajan',
    senco: 'Owen Fairweather',
    onRoll: '312',
    senSupport: '44',
    withPlan: '7',
  });
  await page.getByRole('button', { name: 'Set up school' }).click();
  await expectVisible(page.getByRole('heading', { level: 1, name: 'Hollybank Community Primary School and Nursery' }));
  screens.push({ name: 'school', url: page.url() });

  await page.getByRole('button', { name: 'Start evaluation' }).click();
  await expectVisible(page.getByRole('link', { name: /^Continue with / }));
  screens.push({ name: 'dashboard', url: page.url() });

  await page.getByRole('link', { name: /^Continue with / }).click();
  const judgement = page.getByRole('group', { name: 'Judgement' });
  await expectVisible(judgement);
  screens.push({ name: 'criterion', url: page.url() });
  await expectSavedAfter(page, () => judgement.locator('label').first().click());
  await expectSavedAfter(page, () =>
    page.getByLabel('Narrative').fill('Pupil passports are reviewed every term with parents; see the provision map.'),
  );
  await expectSavedAfter(page, () => page.getByLabel('Next steps').fill('Train new teaching assistants in writing pupil passports.'));
  await page
    .getByLabel('Add a new file and link it')
    .setInputFiles([
      { name: 'provision-map-2025-26-autumn-term-final-version.txt', mimeType: 'text/plain', buffer: Buffer.from('Provision map.') },
    ]);
  await expectVisible(page.getByText('Added and linked “provision-map-2025-26-autumn-term-final-version.txt”.'));
  await page.getByRole('button', { name: 'Create an action from the next steps' }).click();
  await expectVisible(page.getByText('Action added to the action plan. Add who will do it and by when there.'));

  const evaluationNav = page.getByRole('navigation', { name: 'Evaluation' });
  await evaluationNav.getByRole('link', { name: 'Evidence library' }).click();
  await expectVisible(page.getByRole('heading', { level: 1, name: 'Evidence library' }));
  screens.push({ name: 'evidence', url: page.url() });
  await evaluationNav.getByRole('link', { name: 'Action plan' }).click();
  await expectVisible(page.getByRole('heading', { level: 1, name: 'Action plan' }));
  screens.push({ name: 'action-plan', url: page.url() });
  screens.push({ name: 'settings', url: `${server.url}#/settings` });
  screens.push({ name: 'not-found', url: `${server.url}#/no/such/page` });
}

describe('reading comfort', () => {
  it('sets up a school with an evaluation, evidence and an action, through the UI', async () => {
    await setUpSchool();
    expect(screens.map((s) => s.name)).toEqual([
      'home',
      'school-form',
      'school',
      'dashboard',
      'criterion',
      'evidence',
      'action-plan',
      'settings',
      'not-found',
    ]);
  });

  it('applies each choice at once, announces it, remembers it after a reload, and resets to the defaults', async () => {
    await openSettings();
    expect(await rootAttributes()).toEqual({
      'data-reading-font': 'system',
      'data-text-size': '100',
      'data-line-spacing': 'normal',
      'data-tint': 'none',
      'data-theme': 'standard',
      'data-motion': 'system',
    });
    const choices: Choices = {
      Font: 'OpenDyslexic',
      'Text size': 'Largest (200%)',
      'Line spacing': 'Widest (2.1 lines)',
      'Background tint': 'Cream',
      Colours: 'High contrast',
      Motion: 'Always reduce motion',
    };
    await choose(choices);
    const chosen = {
      'data-reading-font': 'opendyslexic',
      'data-text-size': '200',
      'data-line-spacing': 'widest',
      'data-tint': 'cream',
      'data-theme': 'high-contrast',
      'data-motion': 'reduce',
    };
    expect(await rootAttributes()).toEqual(chosen);
    const applied = await page.evaluate(() => {
      const probe = document.createElement('div');
      probe.style.transition = 'opacity 2s';
      document.body.append(probe);
      const transition = getComputedStyle(probe).transitionDuration;
      probe.remove();
      const body = getComputedStyle(document.body);
      return {
        rootFontSize: getComputedStyle(document.documentElement).fontSize,
        lineHeight: Number.parseFloat(body.lineHeight) / Number.parseFloat(body.fontSize),
        background: body.backgroundColor,
        text: body.color,
        transition,
      };
    });
    expect(applied.lineHeight).toBeCloseTo(2.1, 2);
    expect({ ...applied, lineHeight: undefined }).toEqual({
      rootFontSize: '32px',
      lineHeight: undefined,
      background: 'rgb(251, 245, 228)',
      text: 'rgb(0, 0, 0)',
      transition: '0s',
    });

    // Remembered for this install: after a reload (and on another screen), before anything is touched.
    await page.reload();
    await expectVisible(page.getByRole('heading', { level: 2, name: 'Reading comfort' }));
    expect(await rootAttributes()).toEqual(chosen);
    await expectChosen(choices);
    const stored = await page.evaluate(() => localStorage.getItem('sen-accreditation.reading-comfort'));
    expect(JSON.parse(stored ?? 'null')).toEqual({
      version: 1,
      font: 'opendyslexic',
      textSize: '200',
      lineSpacing: 'widest',
      tint: 'cream',
      theme: 'high-contrast',
      motion: 'reduce',
    });
    const dashboard = screens.find((s) => s.name === 'dashboard');
    if (!dashboard) throw new Error('The set-up did not reach the dashboard');
    await gotoScreen(dashboard.url);
    expect(await rootAttributes()).toEqual(chosen);

    await openSettings();
    await readingSection().getByRole('button', { name: 'Reset reading settings to defaults' }).click();
    await expect.poll(() => readingSection().getByRole('status').innerText()).toBe('Reading settings reset to the defaults and saved.');
    expect(await rootAttributes()).toMatchObject({ 'data-reading-font': 'system', 'data-theme': 'standard', 'data-tint': 'none' });
    await page.reload();
    await expectVisible(page.getByRole('heading', { level: 2, name: 'Reading comfort' }));
    await expectChosen({ Font: 'The app’s standard font', 'Text size': 'Standard (100%)', Colours: 'Standard colours' });
  });

  it('loads the chosen bundled font from the app itself, on every screen, after a reload', async () => {
    const fonts: [string, string][] = [
      ['Atkinson Hyperlegible', 'Atkinson Hyperlegible'],
      ['OpenDyslexic', 'OpenDyslexic'],
      ['Lexend', 'Lexend'],
    ];
    const dashboard = screens.find((s) => s.name === 'dashboard');
    if (!dashboard) throw new Error('The set-up did not reach the dashboard');
    const fontRequests: string[] = [];
    const onRequest = (request: { url(): string; resourceType(): string }) => {
      if (request.resourceType() === 'font') fontRequests.push(request.url());
    };
    page.on('request', onRequest);
    try {
      for (const [label, family] of fonts) {
        await openSettings();
        await choose({ Font: label });
        await gotoScreen(dashboard.url);
        const state = await page.evaluate(async (name) => {
          await document.fonts.ready;
          const faces = Array.from(document.fonts).filter((face) => face.family.replace(/["']/g, '') === name);
          return {
            bodyFont: getComputedStyle(document.body).fontFamily,
            headingFont: getComputedStyle(document.querySelector('h1') ?? document.body).fontFamily,
            regular: document.fonts.check(`400 16px "${name}"`),
            bold: document.fonts.check(`700 16px "${name}"`),
            loaded: faces.filter((face) => face.status === 'loaded').map((face) => face.weight),
          };
        }, family);
        expect(state.bodyFont.startsWith(`"${family}"`) || state.bodyFont.startsWith(family)).toBe(true);
        expect(state.headingFont).toBe(state.bodyFont);
        expect(state.regular && state.bold).toBe(true);
        expect(state.loaded).toEqual(expect.arrayContaining(['400', '700']));
      }
    } finally {
      page.off('request', onRequest);
    }
    expect(fontRequests.length).toBeGreaterThan(0);
    expect(fontRequests.filter((url) => !url.startsWith(server.origin))).toEqual([]);
    expect(fontRequests.every((url) => /\.woff2$/.test(url))).toBe(true);
  });

  it('with OpenDyslexic at 200% chosen and the app reloaded, every main screen, loaded afresh, passes axe in each theme and tint', async () => {
    // The widest the text gets, chosen in Settings with one look, and remembered after a reload.
    const chosen: Choices = {
      Colours: 'High contrast',
      'Background tint': 'Pale blue',
      Font: 'OpenDyslexic',
      'Text size': 'Largest (200%)',
    };
    const widest: Partial<ReadingPreferences> = { font: 'opendyslexic', textSize: '200' };
    await page.setViewportSize(DESKTOP);
    await openSettings();
    await choose(chosen);
    await page.reload();
    await expectVisible(page.getByRole('heading', { level: 2, name: 'Reading comfort' }));
    await expectChosen(chosen);
    for (const { name, url } of screens) {
      if (name === 'school-form' || name === 'not-found') continue;
      await gotoScreen(url);
      // The fresh page shows what was chosen, before anything is put on in place.
      expect(await rootAttributes(), `${name} loaded with the chosen look`).toMatchObject(
        readingAttributes({ ...DEFAULT_READING_PREFERENCES, ...widest, theme: 'high-contrast', tint: 'blue' }),
      );
      // Then each theme and tint in turn, in place as Settings applies a choice: every rule in each
      // theme, and under its tints (which change colours only) the colour rules.
      const colours = new Set<string>();
      for (const look of THEME_AND_TINT) {
        await putReadingOn(page, { ...widest, ...look });
        colours.add(
          await page.evaluate(() => `${getComputedStyle(document.body).backgroundColor} on ${getComputedStyle(document.body).color}`),
        );
        await expectNoAxeViolations(page, `${name} (${look.theme}, ${look.tint})`, look.tint === 'none' ? undefined : AXE_COLOUR_RULES);
      }
      expect(colours.size, `distinct colours of the looks on ${name}`).toBe(THEME_AND_TINT.length);
    }
  });

  it('reflows at 320 CSS px wide (400% zoom) on every screen, in the standard look, in high contrast with OpenDyslexic, and at 200% text', async () => {
    const looks: { name: string; viewport: { width: number; height: number }; preferences: Partial<ReadingPreferences> }[] = [
      { name: 'standard, 320 px', viewport: NARROW, preferences: {} },
      {
        name: 'high contrast, OpenDyslexic, widest spacing, 320 px',
        viewport: NARROW,
        preferences: { theme: 'high-contrast', tint: 'cream', font: 'opendyslexic', lineSpacing: 'widest' },
      },
      {
        // 200% text in a 640 px window is as large, for the layout, as 400% zoom.
        name: 'OpenDyslexic at 200% text, 640 px',
        viewport: { width: 640, height: 900 },
        preferences: { tint: 'blue', font: 'opendyslexic', textSize: '200' },
      },
    ];
    const problems: string[] = [];
    try {
      for (const { name, url } of screens) {
        await page.setViewportSize(DESKTOP);
        await gotoScreen(url);
        // Each look put on in place (as Settings applies a choice) in its window, on the one load.
        for (const look of looks) {
          await putReadingOn(page, look.preferences);
          await page.setViewportSize(look.viewport);
          await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
          const overflow = await horizontalOverflow(page);
          if (overflow.root > overflow.width || overflow.body > overflow.width) {
            problems.push(
              `${name} (${look.name}): page ${overflow.root} px, body ${overflow.body} px in a ${overflow.width} px window; ${overflow.culprits.join(', ')}`,
            );
          }
          // A table that is too wide scrolls inside a focusable, named region; axe checks that too.
          await expectNoAxeViolations(page, `${name} (${look.name})`);
        }
      }
    } finally {
      await page.setViewportSize(DESKTOP);
    }
    expect(problems).toEqual([]);
  });

  it('screenshots for review (COMFORT_SCREENSHOTS)', async () => {
    if (!SCREENSHOT_DIR) return;
    const url = (name: string) => screens.find((s) => s.name === name)?.url ?? server.url;
    await page.setViewportSize(DESKTOP);
    await openSettings();
    await choose({ Colours: 'High contrast', 'Background tint': 'None (white)', Font: 'OpenDyslexic', 'Text size': 'Standard (100%)' });
    await gotoScreen(url('settings'));
    await screenshot('settings-high-contrast-opendyslexic');
    await gotoScreen(url('criterion'));
    await screenshot('criterion-high-contrast-opendyslexic');
    for (const name of ['home', 'school', 'dashboard', 'evidence', 'action-plan']) {
      await gotoScreen(url(name));
      await screenshot(`${name}-high-contrast-opendyslexic`);
    }
    await openSettings();
    await choose({ Colours: 'Standard colours', 'Background tint': 'Cream', Font: 'Atkinson Hyperlegible' });
    await gotoScreen(url('criterion'));
    await screenshot('criterion-cream-atkinson');
    // Focus indicators on a tint, from the keyboard: a radio button, then a button.
    await openSettings();
    await choose({ Colours: 'High contrast' });
    await readingSection().getByRole('button', { name: 'Reset reading settings to defaults' }).focus();
    await page.keyboard.press('Shift+Tab');
    await readingSection().screenshot({ path: `${SCREENSHOT_DIR}/focus-radio-high-contrast-cream.png` });
    await page.keyboard.press('Tab');
    await readingSection().screenshot({ path: `${SCREENSHOT_DIR}/focus-button-high-contrast-cream.png` });
    await choose({ Colours: 'Standard colours' });
    await openSettings();
    await choose({ 'Background tint': 'Pale blue', Font: 'Lexend', 'Text size': 'Large (150%)' });
    await gotoScreen(url('dashboard'));
    await screenshot('dashboard-blue-lexend-150');
    await openSettings();
    await choose({
      'Background tint': 'None (white)',
      Font: 'The app’s standard font',
      'Text size': 'Standard (100%)',
      'Line spacing': 'Normal',
    });
    await page.setViewportSize(NARROW);
    for (const name of ['dashboard', 'criterion', 'action-plan', 'settings', 'evidence']) {
      await gotoScreen(url(name));
      await screenshot(`${name}-320px`);
    }
    await page.setViewportSize(DESKTOP);
  });

  it('made no request to anything but the local server, and logged no errors', () => {
    expect(app.outsideRequests).toEqual([]);
    expect(app.pageErrors).toEqual([]);
  });
});
