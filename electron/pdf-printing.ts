import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BrowserWindowConstructorOptions, Session } from 'electron';
import { applySpellCheckSettings, NO_SPELL_CHECK } from './spellcheck';
import { denyAllPermissions } from './window-security';

/**
 * Printing a PDF the page made (the portfolio): the bytes go to a private temporary folder, a
 * window shows them in Chromium's built-in PDF viewer and asks for the system print dialog; the
 * folder goes when the window closes.
 *
 * Why a viewer window, left open: webContents.print() on a PDF printed blank pages in Electron
 * for years (https://github.com/electron/electron/issues/30947; fixed in August 2024 by
 * https://github.com/electron/electron/pull/43309, backported to Electron 30-32), and it can
 * still run before the viewer has drawn the document, as 'did-finish-load' fires early for PDFs
 * (https://github.com/electron/electron/issues/40797, #10512). The viewer's own printer button
 * printed correctly even while print() did not (comments on #30947), so the window stays open and
 * its title says to use that button if no dialog appears or the page comes out blank.
 *
 * The window has its own in-memory session, so the app's session, its app:// scheme and its
 * Content-Security-Policy stay exactly as they are. That session reaches the one file being
 * printed and the viewer's built-in pages, and nothing else: no network, no other file.
 */
export const PRINT_PARTITION = 'sen-print';
export const PRINT_FOLDER_PREFIX = 'sen-accreditation-print-';
/** Chromium's PDF viewer is a built-in extension with this fixed id. */
export const PDF_VIEWER_EXTENSION_ID = 'mhjfbmdgcfjbbpaeojofohoefgiehjai';
/** A moment for the viewer to draw the PDF after the page loads, before the print dialog. */
export const VIEWER_SETTLE_MS = 500;

export function printWindowTitle(fileName: string): string {
  return `${fileName} – Print (no print dialog, or a blank page? Use the printer button at the top right)`;
}

/**
 * The print window. The preferences are written out here, literally, for readers and for the
 * static security check (npm run lint:electron). The viewer needs `plugins` (it is the PDF plugin)
 * and JavaScript (the viewer's toolbar and pages are script); it needs no preload and no Node.
 */
export function createPrintWindow<W>(BrowserWindow: new (options: BrowserWindowConstructorOptions) => W, title: string): W {
  return new BrowserWindow({
    title,
    width: 960,
    height: 720,
    center: true,
    show: false,
    autoHideMenuBar: true,
    webPreferences: {
      partition: PRINT_PARTITION,
      plugins: true,
      javascript: true,
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
      disableBlinkFeatures: 'Auxclick',
      spellcheck: NO_SPELL_CHECK.webPreference,
      safeDialogs: true,
    },
  });
}

function samePath(a: string, b: string): boolean {
  const left = path.resolve(a);
  const right = path.resolve(b);
  return process.platform === 'win32' ? left.toLowerCase() === right.toLowerCase() : left === right;
}

/**
 * What the print window may load: exactly the files being printed, and the viewer's own built-in
 * pages (the PDF viewer extension, chrome:// and chrome-untrusted:// resources, blob: and data:),
 * none of which touches the network. Every other URL, file or remote, is refused.
 */
export function isAllowedPrintRequest(url: string, printFiles: ReadonlySet<string>): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  switch (parsed.protocol) {
    case 'file:': {
      let filePath: string;
      try {
        filePath = fileURLToPath(parsed);
      } catch {
        return false;
      }
      return [...printFiles].some((allowed) => samePath(allowed, filePath));
    }
    case 'chrome-extension:':
      return parsed.host === PDF_VIEWER_EXTENSION_ID;
    case 'chrome:':
    case 'chrome-untrusted:':
    case 'blob:':
    case 'data:':
    case 'devtools:':
      return true;
    default:
      return false;
  }
}

export type PrintSession = Pick<
  Session,
  | 'webRequest'
  | 'on'
  | 'setPermissionRequestHandler'
  | 'setPermissionCheckHandler'
  | 'setSpellCheckerEnabled'
  | 'setSpellCheckerDictionaryDownloadURL'
>;

/**
 * Locks down the print window's session once, at start: permissions refused, no spell checker (so
 * no dictionary download), requests limited by isAllowedPrintRequest, and no downloads (the
 * viewer's save button would otherwise write the PDF wherever it liked; the app saves PDFs itself).
 */
export function lockDownPrintSession(session: PrintSession, printFiles: ReadonlySet<string>): void {
  denyAllPermissions(session);
  applySpellCheckSettings(session, NO_SPELL_CHECK);
  session.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isAllowedPrintRequest(details.url, printFiles) });
  });
  session.on('will-download', (event) => event.preventDefault());
}

/** What printPdf needs of a BrowserWindow. */
export interface PrintWindow {
  loadURL(url: string): Promise<void>;
  show(): void;
  isDestroyed(): boolean;
  destroy(): void;
  on(event: 'closed', listener: () => void): unknown;
  on(event: 'page-title-updated', listener: (event: { preventDefault(): void }) => void): unknown;
  readonly webContents: {
    print(options: { silent: boolean }, callback: (success: boolean, failureReason: string) => void): void;
  };
}

/** What printPdf needs of node:fs/promises. */
export interface PrintFileSystem {
  mkdtemp(prefix: string): Promise<string>;
  writeFile(file: string, data: Uint8Array, options: { mode: number; flag: string }): Promise<void>;
  rm(target: string, options: { recursive: true; force: true; maxRetries: number; retryDelay: number }): Promise<void>;
}

export interface PrintDependencies<W extends PrintWindow> {
  BrowserWindow: new (options: BrowserWindowConstructorOptions) => W;
  /** app.getPath('temp') */
  tempFolder: string;
  fs: PrintFileSystem;
  /** The files the print session may read (see lockDownPrintSession); printPdf adds and removes. */
  printFiles: Set<string>;
  /** Waits before the print dialog (a stand-in in tests). */
  wait?: (ms: number) => Promise<void>;
}

// Windows may keep a file busy for a moment after the window that read it has gone.
const RM_OPTIONS = { recursive: true, force: true, maxRetries: 5, retryDelay: 200 } as const;

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Writes the PDF (already checked by checkPrintPdfArgs, so `fileName` is safe) to a new private
 * folder (mkdtemp: readable by this user only), shows it in a print window and asks for the
 * system print dialog. Resolves 'printing' once the dialog has been asked for; the window stays
 * open for the viewer's printer button, and closing it deletes the folder.
 */
export async function printPdf<W extends PrintWindow>(
  deps: PrintDependencies<W>,
  fileName: string,
  bytes: Uint8Array,
): Promise<'printing'> {
  if (path.basename(fileName) !== fileName || fileName === '' || fileName.startsWith('.'))
    throw new Error('Refused: not a plain file name.');
  const folder = await deps.fs.mkdtemp(path.join(deps.tempFolder, PRINT_FOLDER_PREFIX));
  const filePath = path.join(folder, fileName);
  let removing: Promise<void> | null = null;
  const removeFolder = (): Promise<void> => {
    if (!removing) {
      deps.printFiles.delete(filePath);
      removing = deps.fs.rm(folder, RM_OPTIONS).catch(() => undefined);
    }
    return removing;
  };

  let window: W;
  try {
    await deps.fs.writeFile(filePath, bytes, { mode: 0o600, flag: 'wx' });
    deps.printFiles.add(filePath);
    window = createPrintWindow(deps.BrowserWindow, printWindowTitle(fileName));
  } catch (error) {
    await removeFolder();
    throw error;
  }
  window.on('closed', () => void removeFolder());
  // The viewer sets the page title to the PDF's own title; keep ours, with its hint.
  window.on('page-title-updated', (event) => event.preventDefault());

  try {
    await window.loadURL(pathToFileURL(filePath).href);
  } catch (error) {
    if (!window.isDestroyed()) window.destroy();
    await removeFolder();
    throw new Error(`The PDF could not be shown for printing: ${error instanceof Error ? error.message : String(error)}`);
  }
  window.show();
  await (deps.wait ?? delay)(VIEWER_SETTLE_MS);
  if (!window.isDestroyed()) {
    // A failed or cancelled print leaves the window open: the viewer's printer button can retry.
    window.webContents.print({ silent: false }, () => undefined);
  }
  return 'printing';
}

const LEFTOVER_FOLDER = new RegExp(`^${PRINT_FOLDER_PREFIX}[A-Za-z0-9]{6}$`);

/**
 * Removes print folders left behind by an earlier run that ended before its windows closed (a
 * crash, a power cut): only folders whose names mkdtemp gave them here. Call it at start, while
 * the single-instance lock is held, so no other instance is printing from them.
 */
export async function removeLeftoverPrintFolders(
  fs: Pick<PrintFileSystem, 'rm'> & { readdir(folder: string): Promise<string[]> },
  tempFolder: string,
): Promise<string[]> {
  let names: string[];
  try {
    names = await fs.readdir(tempFolder);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names.filter((entry) => LEFTOVER_FOLDER.test(entry))) {
    try {
      await fs.rm(path.join(tempFolder, name), RM_OPTIONS);
      removed.push(name);
    } catch {
      // Someone else's (a shared /tmp) or still busy: leave it.
    }
  }
  return removed;
}
