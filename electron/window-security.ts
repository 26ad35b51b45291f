import type { Session, WebContents } from 'electron';
import { APP_SCHEME, APP_HOST } from './app-protocol';

/** Web preferences for every window: isolated, sandboxed, no Node. */
export function secureWebPreferences(preloadPath: string) {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    spellcheck: true,
  } as const;
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
