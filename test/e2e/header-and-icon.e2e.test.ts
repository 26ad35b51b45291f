import { existsSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectVisible } from './support/app';
import type { AppBrowser } from './support/browser';
import { northEastPrimary, setUpSchoolFromHome } from './support/school-steps';
import { closeAppSession, openAppSession } from './support/session';
import { DIST_RENDERER, type StaticServer } from './support/static-server';

/** Screenshots to look at are written here when LOOK_DIR is set. */
const LOOK_DIR = process.env.LOOK_DIR ?? '';

/** A school name of 120 characters: the longest a real school's name is likely to be, and then some. */
const LONG_NAME =
  'The Cardinal Archbishop Thomas Langley Roman Catholic Voluntary Aided Primary and Nursery School and Children’s Centre X';

let server: StaticServer;
let app: AppBrowser;
let page: Page;

beforeAll(async () => {
  ({ server, app, page } = await openAppSession());
});

afterAll(async () => {
  await closeAppSession({ app, server });
});

interface Box {
  top: number;
  bottom: number;
  height: number;
}

/** Where the header's parts are, how tall a line of the name is, and whether anything is wider than the window. */
async function headerGeometry(): Promise<{
  appName: Box;
  workspace: Box & { lineHeight: number; cut: boolean; title: string; text: string };
  nav: Box;
  pageWidth: number;
  windowWidth: number;
}> {
  return page.evaluate(() => {
    const box = (selector: string) => {
      const element = document.querySelector<HTMLElement>(selector);
      if (!element) throw new Error(`${selector} is missing`);
      const { top, bottom, height } = element.getBoundingClientRect();
      return { element, top, bottom, height };
    };
    const { element: workspaceElement, ...workspace } = box('.app-header .workspace-name');
    const { element: _a, ...appName } = box('.app-header .app-name');
    const { element: _n, ...nav } = box('.app-header .main-nav');
    return {
      appName,
      nav,
      workspace: {
        ...workspace,
        lineHeight: Number.parseFloat(getComputedStyle(workspaceElement).lineHeight),
        cut: workspaceElement.scrollWidth > workspaceElement.clientWidth || workspaceElement.scrollHeight > workspaceElement.clientHeight,
        title: workspaceElement.title,
        text: workspaceElement.textContent ?? '',
      },
      pageWidth: document.documentElement.scrollWidth,
      windowWidth: window.innerWidth,
    };
  });
}

async function look(name: string): Promise<void> {
  if (!LOOK_DIR) return;
  await mkdir(LOOK_DIR, { recursive: true });
  await page.screenshot({ path: join(LOOK_DIR, `${name}.png`), animations: 'disabled', caret: 'hide' });
}

describe('the header with a very long school name', () => {
  it('sets up the school (its roll typed with a comma) and shows the name in the header', async () => {
    expect(LONG_NAME).toHaveLength(120);
    await page.setViewportSize({ width: 1280, height: 800 });
    await setUpSchoolFromHome(page, server.url, northEastPrimary({ name: LONG_NAME, urn: '765432', onRoll: '1,650' }));
    await expectVisible(page.locator('.app-header .workspace-name'));
    await expectVisible(page.getByText('1,650', { exact: true }));
  });

  it('at 1280 px keeps one line: the app, the name cut short with an ellipsis, and the navigation side by side', async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    const geometry = await headerGeometry();
    await look('header-long-name-1280');
    const middle = (b: Box) => (b.top + b.bottom) / 2;
    // The three parts share one line: each one's middle is inside the others' boxes.
    for (const part of [geometry.workspace, geometry.nav]) {
      expect(middle(part)).toBeGreaterThan(geometry.appName.top);
      expect(middle(part)).toBeLessThan(geometry.appName.bottom);
    }
    expect(geometry.workspace.height).toBeLessThan(geometry.workspace.lineHeight * 1.5);
    expect(geometry.workspace.cut).toBe(true);
    expect(geometry.workspace.title).toBe(LONG_NAME);
    expect(geometry.workspace.text).toBe(LONG_NAME);
    expect(geometry.pageWidth).toBeLessThanOrEqual(geometry.windowWidth);
  });

  it('at 320 px gives the name a line of its own, at most two lines tall, and nothing sticks out sideways', async () => {
    await page.setViewportSize({ width: 320, height: 640 });
    const geometry = await headerGeometry();
    await look('header-long-name-320');
    expect(geometry.workspace.top).toBeGreaterThanOrEqual(geometry.appName.bottom - 1);
    expect(geometry.workspace.height).toBeLessThanOrEqual(geometry.workspace.lineHeight * 2 + 1);
    expect(geometry.nav.top).toBeGreaterThanOrEqual(geometry.workspace.bottom - 1);
    expect(geometry.workspace.cut).toBe(true);
    expect(geometry.workspace.text).toBe(LONG_NAME);
    expect(geometry.pageWidth).toBeLessThanOrEqual(geometry.windowWidth);
  });
});

describe('the app’s icon', () => {
  it('is bundled beside the app: the built page links to it and the file is in the build', () => {
    const html = readFileSync(join(DIST_RENDERER, 'index.html'), 'utf8');
    const link = /<link rel="icon" type="image\/svg\+xml" href="\.\/(assets\/app-icon-[\w-]+\.svg)"/.exec(html);
    expect(link, 'a <link rel="icon"> to the bundled SVG').not.toBeNull();
    const file = join(DIST_RENDERER, link![1]!);
    expect(existsSync(file)).toBe(true);
    expect(readFileSync(file, 'utf8')).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  });

  it('is what the browser loads for the page, from the app itself', async () => {
    const href = await page.evaluate(() => document.querySelector<HTMLLinkElement>('link[rel="icon"]')?.href ?? '');
    expect(href.startsWith(server.origin)).toBe(true);
    const response = await page.request.get(href);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toBe('image/svg+xml');
  });
});
