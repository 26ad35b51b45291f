/**
 * Everything the renderer needs from the desktop, and nothing more. The Electron adapter calls
 * the preload bridge; the web adapter uses downloads, so the whole app runs in a plain browser.
 */
export interface PlatformPort {
  readonly kind: 'desktop' | 'web';
  appVersion(): string;
  /** Saves bytes under a suggested name: a save dialog on the desktop, a download on the web. */
  saveFile(suggestedName: string, data: Blob): Promise<'saved' | 'cancelled'>;
}

/** The bridge the Electron preload script exposes as `window.senDesktop`. */
export interface DesktopBridge {
  appVersion: string;
  saveFile(suggestedName: string, bytes: Uint8Array): Promise<'saved' | 'cancelled'>;
}
