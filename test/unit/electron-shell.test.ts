import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_START_URL, CONTENT_SECURITY_POLICY, resolveAppFile, SCHEME_PRIVILEGES } from '../../electron/app-protocol';
import { checkSaveFileArgs, isTrustedSender, safeFileName } from '../../electron/ipc-contract';
import type { BrowserWindowConstructorOptions } from 'electron';
import { createAppWindow, externalLinkAllowed, isAppUrl, lockDownContents } from '../../electron/window-security';

const root = path.resolve('/opt/app/renderer');

describe('app:// protocol', () => {
  it('serves files inside the renderer folder with their content type', () => {
    expect(resolveAppFile('app://renderer/index.html', root)).toEqual({
      filePath: path.join(root, 'index.html'),
      contentType: 'text/html; charset=utf-8',
    });
    expect(resolveAppFile('app://renderer/', root)?.filePath).toBe(path.join(root, 'index.html'));
    expect(resolveAppFile('app://renderer/assets/main-1a2b.js', root)?.contentType).toBe('text/javascript; charset=utf-8');
  });

  it.each([['app://renderer/../../etc/passwd'], ['app://renderer/%2e%2e/%2e%2e/etc/passwd'], ['app://renderer/a/..%2f..%2f..%2fsecret']])(
    'never leaves the renderer folder for %s',
    (url) => {
      const file = resolveAppFile(url, root);
      if (file) expect(file.filePath.startsWith(root + path.sep)).toBe(true);
    },
  );

  it('refuses an encoded climb out of the folder', () => {
    expect(resolveAppFile('app://renderer/..%2f..%2fsecret', root)).toBeNull();
  });

  it.each([['app://other-host/index.html'], ['https://renderer/index.html'], ['app://renderer/%00'], ['not a url']])(
    'refuses %s',
    (url) => {
      expect(resolveAppFile(url, root)).toBeNull();
    },
  );

  it('is a standard, secure scheme that keeps compiled code between starts', () => {
    // Electron keeps V8's code cache for a custom scheme only when it is standard and asks for it.
    expect(SCHEME_PRIVILEGES).toMatchObject({ standard: true, secure: true, codeCache: true, corsEnabled: false });
  });

  it('has a policy with no eval, no inline script and no remote origin', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|unsafe-inline|https?:/);
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
  });
});

describe('IPC argument checks', () => {
  it('accepts a name and bytes, cleaning the name', () => {
    const result = checkSaveFileArgs(['../123456-north-east.pdf', new Uint8Array([1, 2])]);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.value.suggestedName).toBe('-123456-north-east.pdf'.replace(/^\./, ''));
  });

  it.each([
    [[], 'expected a file name and the bytes'],
    [['a.pdf'], 'expected a file name and the bytes'],
    [[42, new Uint8Array()], 'the file name must be text of 1 to 255 characters'],
    [['', new Uint8Array()], 'the file name must be text of 1 to 255 characters'],
    [['a'.repeat(256), new Uint8Array()], 'the file name must be text of 1 to 255 characters'],
    [['a.pdf', 'not bytes'], 'the data must be bytes'],
    [['a.pdf', [1, 2, 3]], 'the data must be bytes'],
  ])('refuses %j', (args, reason) => {
    expect(checkSaveFileArgs(args)).toEqual({ ok: false, reason });
  });

  it('makes safe file names', () => {
    expect(safeFileName('a/b\\c:d*e?f"g<h>i|j.pdf')).toBe('a-b-c-d-e-f-g-h-i-j.pdf');
    expect(safeFileName('...hidden')).toBe('hidden');
    expect(safeFileName('\u0007')).toBe('document.pdf');
    expect(safeFileName('invoice\u202Efdp.exe')).toBe('invoicefdp.exe');
    expect(safeFileName('report. . ')).toBe('report');
    // A name the page already shortened to the file-name limit keeps its extension.
    const long = `${'a'.repeat(250)}.pdf`;
    expect(safeFileName(long)).toBe(long);
  });

  it('trusts only the app page as a sender', () => {
    expect(isTrustedSender('app://renderer/index.html#/settings', APP_START_URL)).toBe(true);
    expect(isTrustedSender('https://example.org/', APP_START_URL)).toBe(false);
    expect(isTrustedSender('app://evil/index.html', APP_START_URL)).toBe(false);
    expect(isTrustedSender(undefined, APP_START_URL)).toBe(false);
  });
});

describe('window security', () => {
  it('isolates and sandboxes the renderer', () => {
    class FakeWindow {
      constructor(readonly options: BrowserWindowConstructorOptions) {}
    }
    const window = createAppWindow(FakeWindow, {
      preloadPath: '/p/preload.js',
      appVersion: '1.2.3',
      title: 'SEN Accreditation',
      bounds: { x: 10, y: 20, width: 800, height: 600 },
      minWidth: 360,
      minHeight: 480,
      spellcheck: false,
    });
    expect(window.options).toMatchObject({ x: 10, y: 20, width: 800, height: 600, minWidth: 360, minHeight: 480, show: false });
    expect(window.options.webPreferences).toMatchObject({
      preload: '/p/preload.js',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      disableBlinkFeatures: 'Auxclick',
      spellcheck: false,
      additionalArguments: ['--app-version=1.2.3'],
    });
  });

  it('recognises the app origin and allows only https links out', () => {
    expect(isAppUrl('app://renderer/index.html')).toBe(true);
    expect(isAppUrl('file:///etc/passwd')).toBe(false);
    expect(externalLinkAllowed('https://www.gov.uk/')).toBe(true);
    expect(externalLinkAllowed('http://example.org/')).toBe(false);
    expect(externalLinkAllowed('file:///C:/x')).toBe(false);
  });

  it('prevents navigation away and denies every new window', () => {
    const listeners = new Map<string, (event: { preventDefault(): void }, url: string) => void>();
    let openHandler: ((details: { url: string }) => { action: string }) | null = null;
    const opened: string[] = [];
    const contents = {
      on: (name: string, listener: (event: { preventDefault(): void }, url: string) => void) => {
        listeners.set(name, listener);
        return contents;
      },
      setWindowOpenHandler: (handler: (details: { url: string }) => { action: string }) => {
        openHandler = handler;
      },
    };
    lockDownContents(contents as unknown as Parameters<typeof lockDownContents>[0], (url) => opened.push(url));
    let prevented = 0;
    const event = { preventDefault: () => (prevented += 1) };
    listeners.get('will-navigate')?.(event, 'https://example.org/');
    listeners.get('will-navigate')?.(event, 'app://renderer/index.html#/settings');
    expect(prevented).toBe(1);
    expect(openHandler).not.toBeNull();
    expect(openHandler!({ url: 'https://www.gov.uk/' })).toEqual({ action: 'deny' });
    expect(openHandler!({ url: 'http://example.org/' })).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://www.gov.uk/']);
  });
});
