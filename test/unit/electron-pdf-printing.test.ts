import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BrowserWindowConstructorOptions } from 'electron';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkPrintPdfArgs, MAX_PRINT_BYTES, pdfFileName } from '../../electron/ipc-contract';
import {
  createPrintWindow,
  isAllowedPrintRequest,
  lockDownPrintSession,
  PDF_VIEWER_EXTENSION_ID,
  PRINT_FOLDER_PREFIX,
  PRINT_PARTITION,
  printPdf,
  printWindowTitle,
  removeLeftoverPrintFolders,
  VIEWER_SETTLE_MS,
  type PrintSession,
} from '../../electron/pdf-printing';
import { UNREACHABLE_DICTIONARY_URL } from '../../electron/spellcheck';

const PDF = new TextEncoder().encode('%PDF-1.7\n%\u00e2\u00e3\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

type Listener = (...args: unknown[]) => void;

/** A stand-in BrowserWindow that records what printPdf asks of it. */
class FakeWindow {
  static made: FakeWindow[] = [];
  static failLoad: Error | null = null;
  listeners = new Map<string, Listener[]>();
  steps: string[] = [];
  loaded = '';
  destroyed = false;
  printed: unknown[] = [];
  webContents = {
    print: (options: unknown, callback: (success: boolean, failureReason: string) => void) => {
      this.steps.push('print');
      this.printed.push(options);
      callback(false, 'Print job canceled');
    },
  };
  constructor(readonly options: BrowserWindowConstructorOptions) {
    FakeWindow.made.push(this);
  }
  on(event: 'closed', listener: () => void): this;
  on(event: 'page-title-updated', listener: (event: { preventDefault(): void }) => void): this;
  on(event: string, listener: (...args: never[]) => void): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener as Listener]);
    return this;
  }
  emit(event: string, ...args: unknown[]) {
    for (const listener of this.listeners.get(event) ?? []) listener(...args);
  }
  async loadURL(url: string) {
    this.steps.push('load');
    this.loaded = url;
    if (FakeWindow.failLoad) throw FakeWindow.failLoad;
  }
  show() {
    this.steps.push('show');
  }
  isDestroyed() {
    return this.destroyed;
  }
  destroy() {
    this.destroyed = true;
    this.emit('closed');
  }
}

let temp: string;
let printFiles: Set<string>;
const waited: number[] = [];

function deps() {
  return {
    BrowserWindow: FakeWindow,
    tempFolder: temp,
    fs: { mkdtemp, writeFile, rm },
    printFiles,
    wait: async (ms: number) => {
      waited.push(ms);
    },
  };
}

const printFolders = () => readdirSync(temp).filter((name) => name.startsWith(PRINT_FOLDER_PREFIX));

beforeEach(() => {
  temp = mkdtempSync(path.join(tmpdir(), 'sen-print-test-'));
  printFiles = new Set();
  FakeWindow.made = [];
  FakeWindow.failLoad = null;
  waited.length = 0;
});

afterEach(() => {
  rmSync(temp, { recursive: true, force: true });
});

describe('the print window', () => {
  it('is isolated, sandboxed, in its own session, with the PDF plugin and no preload', () => {
    const window = createPrintWindow(FakeWindow, 'a.pdf');
    expect(window.options).toMatchObject({ title: 'a.pdf', show: false });
    const preferences = window.options.webPreferences;
    expect(preferences).toMatchObject({
      partition: PRINT_PARTITION,
      plugins: true,
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
    });
    expect(preferences).not.toHaveProperty('preload');
    // In memory: no "persist:" prefix, and not the app's own (default) session.
    expect(PRINT_PARTITION).not.toMatch(/^persist:/);
    expect(PRINT_PARTITION).not.toBe('');
  });

  it('says in its title what to do if no print dialog appears', () => {
    expect(printWindowTitle('portfolio.pdf')).toMatch(/^portfolio\.pdf – Print/);
    expect(printWindowTitle('portfolio.pdf')).toContain('printer button');
  });
});

describe('what the print session may load', () => {
  const file = path.resolve(tmpdir(), `${PRINT_FOLDER_PREFIX}abc123`, 'Portfolio 2026 (draft).pdf');
  const files = new Set([file]);

  it('reads exactly the file being printed, however Chromium spells its URL', () => {
    const url = pathToFileURL(file).href;
    expect(isAllowedPrintRequest(url, files)).toBe(true);
    expect(isAllowedPrintRequest(`${url}#page=2`, files)).toBe(true);
    expect(isAllowedPrintRequest(url.replace('(', '%28').replace(')', '%29'), files)).toBe(true);
  });

  it.each([
    ['another file in the same folder', () => pathToFileURL(path.join(path.dirname(file), 'other.pdf')).href],
    ['a file beside the folder', () => pathToFileURL(path.join(path.dirname(file), '..', 'Portfolio 2026 (draft).pdf')).href],
    ['a climb written into the URL', () => `${pathToFileURL(path.dirname(file)).href}/x/../../secret.pdf`],
    ['the folder itself', () => pathToFileURL(path.dirname(file)).href],
    ['a file with a hostname', () => `file://server${pathToFileURL(file).pathname}`],
  ])('refuses %s', (_what, url) => {
    expect(isAllowedPrintRequest(url(), files)).toBe(false);
  });

  it('refuses every file once nothing is being printed', () => {
    expect(isAllowedPrintRequest(pathToFileURL(file).href, new Set())).toBe(false);
  });

  it('allows the built-in viewer its own pages', () => {
    expect(isAllowedPrintRequest(`chrome-extension://${PDF_VIEWER_EXTENSION_ID}/index.html`, files)).toBe(true);
    expect(isAllowedPrintRequest('chrome://resources/js/load_time_data.js', files)).toBe(true);
    expect(isAllowedPrintRequest('blob:chrome-extension://x/1234', files)).toBe(true);
  });

  it.each([
    ['https://example.org/tracker.png'],
    ['http://127.0.0.1:8080/'],
    ['wss://example.org/'],
    ['ftp://example.org/file.pdf'],
    ['chrome-extension://aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/page.html'],
    ['app://renderer/index.html'],
    ['smb://server/share'],
    ['not a url'],
  ])('refuses %s', (url) => {
    expect(isAllowedPrintRequest(url, files)).toBe(false);
  });

  it('is locked down: permissions refused, no spell checker, requests filtered, no downloads', () => {
    let beforeRequest: ((details: { url: string }, callback: (response: { cancel: boolean }) => void) => void) | null = null;
    const calls: unknown[][] = [];
    const handlers = new Map<string, Listener>();
    const session = {
      setPermissionRequestHandler: (handler: (c: unknown, p: string, callback: (granted: boolean) => void) => void) =>
        handler(null, 'media', (granted) => calls.push(['permission', granted])),
      setPermissionCheckHandler: (handler: () => boolean) => calls.push(['check', handler()]),
      setSpellCheckerEnabled: (enabled: boolean) => calls.push(['spellchecker', enabled]),
      setSpellCheckerDictionaryDownloadURL: (url: string) => calls.push(['dictionaries', url]),
      webRequest: { onBeforeRequest: (listener: typeof beforeRequest) => (beforeRequest = listener) },
      on: (event: string, listener: Listener) => handlers.set(event, listener),
    };
    lockDownPrintSession(session as unknown as PrintSession, files);
    expect(calls).toEqual([
      ['permission', false],
      ['check', false],
      ['dictionaries', UNREACHABLE_DICTIONARY_URL],
      ['spellchecker', false],
    ]);
    const answers: boolean[] = [];
    beforeRequest!({ url: pathToFileURL(file).href }, ({ cancel }) => answers.push(cancel));
    beforeRequest!({ url: 'https://example.org/' }, ({ cancel }) => answers.push(cancel));
    expect(answers).toEqual([false, true]);
    let prevented = false;
    handlers.get('will-download')!({ preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
  });
});

describe('printing a PDF', () => {
  it('writes the PDF to a private folder, shows it, then asks for the print dialog', async () => {
    await expect(printPdf(deps(), 'Portfolio.pdf', PDF)).resolves.toBe('printing');
    const [folder] = printFolders();
    expect(folder).toMatch(new RegExp(`^${PRINT_FOLDER_PREFIX}[A-Za-z0-9]{6}$`));
    const file = path.join(temp, folder!, 'Portfolio.pdf');
    expect(readFileSync(file)).toEqual(Buffer.from(PDF));
    if (process.platform !== 'win32') {
      expect(statSync(path.join(temp, folder!)).mode & 0o777).toBe(0o700);
      expect(statSync(file).mode & 0o777).toBe(0o600);
    }
    const [window] = FakeWindow.made;
    expect(FakeWindow.made).toHaveLength(1);
    expect(window!.options.title).toBe(printWindowTitle('Portfolio.pdf'));
    expect(window!.loaded).toBe(pathToFileURL(file).href);
    expect(window!.steps).toEqual(['load', 'show', 'print']);
    expect(waited).toEqual([VIEWER_SETTLE_MS]);
    expect(window!.printed).toEqual([{ silent: false }]);
    expect([...printFiles]).toEqual([file]);
  });

  it('keeps its own title when the viewer sets the page title', async () => {
    await printPdf(deps(), 'Portfolio.pdf', PDF);
    let prevented = false;
    FakeWindow.made[0]!.emit('page-title-updated', { preventDefault: () => (prevented = true) }, 'Some PDF title', true);
    expect(prevented).toBe(true);
  });

  it('leaves the window open after the dialog, and deletes the file when it closes', async () => {
    await printPdf(deps(), 'Portfolio.pdf', PDF);
    const [window] = FakeWindow.made;
    expect(window!.destroyed).toBe(false);
    expect(printFolders()).toHaveLength(1);
    window!.emit('closed');
    await expect.poll(() => printFolders()).toEqual([]);
    expect(printFiles.size).toBe(0);
  });

  it('keeps each print in its own folder', async () => {
    await printPdf(deps(), 'Portfolio.pdf', PDF);
    await printPdf(deps(), 'Portfolio.pdf', PDF);
    expect(printFolders()).toHaveLength(2);
    expect(printFiles.size).toBe(2);
    FakeWindow.made[0]!.emit('closed');
    await expect.poll(() => printFolders()).toHaveLength(1);
    expect([...printFiles]).toEqual([fileURLToPath(FakeWindow.made[1]!.loaded)]);
  });

  it('removes the folder and reports the error when the PDF cannot be shown', async () => {
    FakeWindow.failLoad = new Error('ERR_ABORTED (-3) loading file:///…');
    await expect(printPdf(deps(), 'Portfolio.pdf', PDF)).rejects.toThrow(/could not be shown for printing: ERR_ABORTED/);
    expect(FakeWindow.made[0]!.destroyed).toBe(true);
    expect(FakeWindow.made[0]!.steps).toEqual(['load']);
    expect(printFolders()).toEqual([]);
    expect(printFiles.size).toBe(0);
  });

  it('does not ask for the dialog if the window was closed while the viewer settled', async () => {
    const closing = { ...deps(), wait: async () => FakeWindow.made[0]!.destroy() };
    await expect(printPdf(closing, 'Portfolio.pdf', PDF)).resolves.toBe('printing');
    expect(FakeWindow.made[0]!.steps).toEqual(['load', 'show']);
    await expect.poll(() => printFolders()).toEqual([]);
  });

  it('removes the folder when the file cannot be written', async () => {
    const failing = { ...deps(), fs: { mkdtemp, rm, writeFile: async () => Promise.reject(new Error('ENOSPC: no space left')) } };
    await expect(printPdf(failing, 'Portfolio.pdf', PDF)).rejects.toThrow('ENOSPC');
    expect(printFolders()).toEqual([]);
    expect(FakeWindow.made).toEqual([]);
    expect(printFiles.size).toBe(0);
  });

  it.each([['../escape.pdf'], ['a/b.pdf'], ['.hidden.pdf'], ['']])('refuses a file name that is not plain: %j', async (name) => {
    await expect(printPdf(deps(), name, PDF)).rejects.toThrow('not a plain file name');
    expect(printFolders()).toEqual([]);
  });

  it('clears out folders an earlier run left behind, and nothing else', async () => {
    for (const name of [
      `${PRINT_FOLDER_PREFIX}a1B2c3`,
      `${PRINT_FOLDER_PREFIX}zzzzzz`,
      `${PRINT_FOLDER_PREFIX}toolong1`,
      'other-app-123456',
    ]) {
      mkdirSync(path.join(temp, name));
    }
    const removed = await removeLeftoverPrintFolders({ readdir, rm }, temp);
    expect(removed.sort()).toEqual([`${PRINT_FOLDER_PREFIX}a1B2c3`, `${PRINT_FOLDER_PREFIX}zzzzzz`]);
    expect(readdirSync(temp).sort()).toEqual(['other-app-123456', `${PRINT_FOLDER_PREFIX}toolong1`]);
    await expect(removeLeftoverPrintFolders({ readdir, rm }, path.join(temp, 'missing'))).resolves.toEqual([]);
    expect(existsSync(temp)).toBe(true);
  });
});

describe('print arguments from the page', () => {
  it('accepts a name and a PDF, making a safe file name ending .pdf', () => {
    expect(checkPrintPdfArgs(['Portfolio: North East 2026', PDF])).toEqual({
      ok: true,
      value: { fileName: 'Portfolio- North East 2026.pdf', bytes: PDF },
    });
  });

  it.each([
    [[], 'expected a file name and the PDF'],
    [['a.pdf'], 'expected a file name and the PDF'],
    [['a.pdf', PDF, 'extra'], 'expected a file name and the PDF'],
    [[42, PDF], 'the file name must be text of 1 to 255 characters'],
    [['', PDF], 'the file name must be text of 1 to 255 characters'],
    [['a'.repeat(256), PDF], 'the file name must be text of 1 to 255 characters'],
    [['a.pdf', 'not bytes'], 'the PDF must be bytes'],
    [['a.pdf', [...PDF]], 'the PDF must be bytes'],
    [['a.pdf', new TextEncoder().encode('<html>not a pdf</html>')], 'the data is not a PDF'],
    [['a.pdf', new TextEncoder().encode('%PDF')], 'the data is not a PDF'],
    [['a.pdf', new Uint8Array()], 'the data is not a PDF'],
  ])('refuses %j', (args, reason) => {
    expect(checkPrintPdfArgs(args)).toEqual({ ok: false, reason });
  });

  it('refuses a PDF over the size limit without reading it', () => {
    const huge = new Uint8Array(new ArrayBuffer(0), 0, 0);
    Object.defineProperty(huge, 'byteLength', { value: MAX_PRINT_BYTES + 1 });
    expect(checkPrintPdfArgs(['a.pdf', huge])).toEqual({ ok: false, reason: 'the PDF is too large to print' });
  });

  it.each([
    ['portfolio.pdf', 'portfolio.pdf'],
    ['portfolio.PDF', 'portfolio.pdf'],
    ['portfolio', 'portfolio.pdf'],
    ['portfolio.pdf.exe', 'portfolio.pdf.exe.pdf'],
    ['../../etc/passwd', '-..-etc-passwd.pdf'],
    ['...', 'document.pdf'],
    ['\u0007', 'document.pdf'],
    ['report. . .', 'report.pdf'],
    ['CON', '_CON.pdf'],
    ['nul.pdf', '_nul.pdf'],
    ['com1.tar', '_com1.tar.pdf'],
    ['LPT9 .x', '_LPT9 .x.pdf'],
    ['console', 'console.pdf'],
    ['a'.repeat(200), `${'a'.repeat(100)}.pdf`],
  ])('names %j for printing as %j', (name, expected) => {
    expect(pdfFileName(name)).toBe(expected);
  });
});
