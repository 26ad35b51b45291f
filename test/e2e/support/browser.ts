import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { chromiumArguments } from '../../../electron/chromium-features';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // British date formats in <input type="date">, as a school in England sees them.
  '--lang=en-GB',
  // The Chromium features the desktop app turns off, so tests and the bench run the renderer as it does.
  ...chromiumArguments(),
];

export interface AppBrowser {
  context: BrowserContext;
  page: Page;
  /** URLs the page asked for that were not the local server's; each was aborted. */
  outsideRequests: string[];
  /** Uncaught exceptions and console errors in the page, as text. */
  pageErrors: string[];
  close(): Promise<void>;
}

export function chromiumPath(): string {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(path)) {
    throw new Error(`No Chromium at ${path}. Install Debian's chromium: apt-get install chromium (or set CHROMIUM_PATH).`);
  }
  return path;
}

/**
 * One Chromium with a fresh profile (so IndexedDB starts empty), whose requests may only go to
 * the local server: anything else is aborted and recorded.
 */
export async function launchAppBrowser(serverOrigin: string): Promise<AppBrowser> {
  const executablePath = chromiumPath();
  const userDataDir = await mkdtemp(join(tmpdir(), 'sen-e2e-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    acceptDownloads: true,
    locale: 'en-GB',
    timezoneId: 'Europe/London',
    viewport: { width: 1280, height: 900 },
    args: CHROMIUM_ARGS,
  });
  const outsideRequests: string[] = [];
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    let origin = '';
    try {
      origin = new URL(url).origin;
    } catch {
      // Not a URL with an origin: treat it as outside.
    }
    // The browser's own pages (its built-in PDF viewer, which a previewed PDF opens) are not the
    // network: they are let through and not counted as requests outside the app.
    const browserOwn = url.startsWith('chrome://') || url.startsWith('chrome-extension://');
    if (origin === serverOrigin || browserOwn) await route.continue();
    else {
      outsideRequests.push(url);
      await route.abort('blockedbyclient');
    }
  });
  const pageErrors: string[] = [];
  const watched = new WeakSet<Page>();
  const watch = (page: Page) => {
    if (watched.has(page)) return;
    watched.add(page);
    page.on('pageerror', (error) => pageErrors.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(`console.error: ${message.text()}`);
    });
  };
  context.on('page', watch);
  const page = context.pages()[0] ?? (await context.newPage());
  watch(page);
  return {
    context,
    page,
    outsideRequests,
    pageErrors,
    close: async () => {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}
