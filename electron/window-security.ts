import type { BrowserWindowConstructorOptions, Session, WebContents } from 'electron';
import { APP_SCHEME, APP_HOST } from './app-protocol';

export interface AppWindowOptions {
  preloadPath: string;
  appVersion: string;
  title: string;
  /** Where the window opens and its size (see window-state.ts). */
  bounds: { x?: number; y?: number; width: number; height: number };
  minWidth: number;
  minHeight: number;
  /** Red underlines while typing: only where it needs no download (see spellcheck.ts). */
  spellcheck: boolean;
}

/**
 * Makes the app's window: isolated, sandboxed, no Node in the page, no webviews, no middle-click
 * windows. The preferences are written out here, literally, where a reader and the static
 * security check (npm run lint:electron) can see them; main.ts passes Electron's BrowserWindow.
 */
export function createAppWindow<W>(BrowserWindow: new (options: BrowserWindowConstructorOptions) => W, options: AppWindowOptions): W {
  return new BrowserWindow({
    ...options.bounds,
    minWidth: options.minWidth,
    minHeight: options.minHeight,
    title: options.title,
    show: false,
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      // Middle-click would otherwise ask for a new window (denied anyway by lockDownContents).
      disableBlinkFeatures: 'Auxclick',
      spellcheck: options.spellcheck,
      additionalArguments: [`--app-version=${options.appVersion}`],
    },
  });
}

export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

/** Only https links leave the app, and only to the system browser. */
export function externalLinkAllowed(url: string): boolean {
  try {
    return new URL(url).protocol === 'https:';
  } catch {
    return false;
  }
}

/** Denies navigation away from the app and every new window; https links open in the browser. */
export function lockDownContents(contents: Pick<WebContents, 'on' | 'setWindowOpenHandler'>, openExternal: (url: string) => void): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    if (externalLinkAllowed(url)) openExternal(url);
    return { action: 'deny' };
  });
}

/** The app needs no camera, microphone, location or notifications: refuse every request. */
export function denyAllPermissions(session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

/** Any request that is not for the app's own files is cancelled: the app makes no network requests. */
export function blockNetwork(session: Pick<Session, 'webRequest'>): void {
  session.webRequest.onBeforeRequest((details, callback) => {
    const allowed =
      details.url.startsWith(`${APP_SCHEME}://`) ||
      details.url.startsWith('blob:') ||
      details.url.startsWith('data:') ||
      details.url.startsWith('devtools:');
    callback({ cancel: !allowed });
  });
}
