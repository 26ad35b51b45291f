import type { Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { UI_TIMEOUT } from './app';
import { launchAppBrowser, type AppBrowser } from './browser';
import { startStaticServer, type StaticServer } from './static-server';

/** What a journey runs in: the built app on a local server, and a fresh Chromium on it. */
export interface AppSession {
  server: StaticServer;
  app: AppBrowser;
  page: Page;
}

/** Starts the server and the browser; the page waits up to UI_TIMEOUT for anything by default. */
export async function openAppSession(): Promise<AppSession> {
  const server = await startStaticServer();
  try {
    const app = await launchAppBrowser(server.origin);
    app.page.setDefaultTimeout(UI_TIMEOUT);
    // File choosers are intercepted from the start. Playwright switches interception on when a test
    // first waits for a chooser, and that can reach the browser after the key press that opens one:
    // the chooser then opens unseen and the wait times out (it did, once in about 30 runs, in CI).
    app.page.on('filechooser', () => undefined);
    return { server, app, page: app.page };
  } catch (error) {
    await server.close();
    throw error;
  }
}

/** Closes the browser, then the server: whichever of them were started. */
export async function closeAppSession({ app, server }: Partial<AppSession>): Promise<void> {
  await app?.close();
  await server?.close();
}

/**
 * Opens a session before the file's tests and closes it after them. `opened` receives it, for the
 * file to keep what it uses: `useAppSession((session) => ({ server, page } = session));`.
 */
export function useAppSession(opened: (session: AppSession) => void): void {
  let session: AppSession | undefined;
  beforeAll(async () => {
    session = await openAppSession();
    opened(session);
  });
  afterAll(async () => {
    await closeAppSession(session ?? {});
  });
}
