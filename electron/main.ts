import { link, lstat, mkdir, mkdtemp, open, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, screen, session, shell, type WebContents } from 'electron';
import { aboutDialogOptions } from './about';
import { chromiumSwitches } from './chromium-features';
import { saveBeforeClose, type CloseHandshake } from './close-handshake';
import { buildAppMenuTemplate } from './app-menu';
import { defaultBackupFolder, writeBackupIntoFolder } from './backup-rotation';
import { APP_SCHEME, APP_START_URL, CONTENT_SECURITY_POLICY, resolveAppFile, SCHEME_PRIVILEGES } from './app-protocol';
import { IPC } from './ipc-channels';
import {
  checkFolderKeyArgs,
  checkPrintPdfArgs,
  checkReadFolderFileArgs,
  checkReadFolderRangeArgs,
  checkSaveFileArgs,
  checkVerifySubmissionFileArgs,
  checkWriteAutomaticBackupArgs,
  checkWriteFolderFileArgs,
  isTrustedSender,
} from './ipc-contract';
import {
  folderDisplayName,
  listFolder,
  parseRememberedFolders,
  readFolderFile,
  readFolderFileRange,
  REMEMBERED_FOLDERS_FILE,
  writeFolderFile,
  type SharedFolderFs,
} from './shared-folder';
import { lockDownPrintSession, printPdf, PRINT_PARTITION, removeLeftoverPrintFolders } from './pdf-printing';
import { applySpellCheckSettings, spellCheckSettings } from './spellcheck';
import { blockNetwork, createAppWindow, denyAllPermissions, lockDownContents } from './window-security';
import { fitWindowToDisplays, MIN_WINDOW_SIZE, readWindowState, trackWindowState, writeWindowState } from './window-state';

// Must run before the app is ready, and never change: the scheme is the data's origin.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: SCHEME_PRIVILEGES }]);

const rendererRoot = path.join(__dirname, '..', 'renderer');

let mainWindow: BrowserWindow | null = null;
/** The files open in print windows: the only files the print session may read. */
const printFiles = new Set<string>();
const spellCheck = spellCheckSettings(process.platform);
/** Each app window's close handshake (see close-handshake.ts), found by the page that answers. */
const closeHandshakes = new WeakMap<WebContents, CloseHandshake>();
/** Quitting closes the windows; a window that waits for its page cancels the quit, so quit again once it has closed. */
let quitting = false;

// Before the app is ready, as Chromium reads its switches when it starts (see chromium-features.ts).
for (const { name, value } of chromiumSwitches()) app.commandLine.appendSwitch(name, value);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
  });
  app.whenReady().then(start, (error: unknown) => {
    dialog.showErrorBox('SEN Accreditation could not start', String(error));
    app.quit();
  });
}

async function start(): Promise<void> {
  const appSession = session.defaultSession;
  denyAllPermissions(appSession);
  blockNetwork(appSession);
  // Before any window: Hunspell dictionaries would come from a Google CDN (see spellcheck.ts).
  applySpellCheckSettings(appSession, spellCheck);
  lockDownPrintSession(session.fromPartition(PRINT_PARTITION), printFiles);
  void removeLeftoverPrintFolders({ readdir, rm }, app.getPath('temp'));
  appSession.protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAppFile(request.url, rendererRoot);
    if (!file) return new Response('Not found', { status: 404 });
    try {
      const body = await readFile(file.filePath);
      return new Response(body, { headers: { 'content-type': file.contentType, 'content-security-policy': CONTENT_SECURITY_POLICY } });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });

  ipcMain.handle(IPC.saveFile, async (event, ...args: unknown[]) => {
    if (!isTrustedSender(event.senderFrame?.url, APP_START_URL)) throw new Error('Refused: not the app’s own page.');
    const checked = checkSaveFileArgs(args);
    if (!checked.ok) throw new Error(`Refused: ${checked.reason}.`);
    const owner = BrowserWindow.fromWebContents(event.sender);
    const options = { defaultPath: path.join(app.getPath('documents'), checked.value.suggestedName) };
    const result = owner ? await dialog.showSaveDialog(owner, options) : await dialog.showSaveDialog(options);
    if (result.canceled || !result.filePath) return 'cancelled';
    await writeFile(result.filePath, checked.value.bytes);
    return 'saved';
  });

  ipcMain.handle(IPC.printPdf, async (event, ...args: unknown[]) => {
    if (!isTrustedSender(event.senderFrame?.url, APP_START_URL)) throw new Error('Refused: not the app’s own page.');
    const checked = checkPrintPdfArgs(args);
    if (!checked.ok) throw new Error(`Refused: ${checked.reason}.`);
    const deps = { BrowserWindow, tempFolder: app.getPath('temp'), fs: { mkdtemp, writeFile, rm }, printFiles };
    return printPdf(deps, checked.value.fileName, checked.value.bytes);
  });

  // The page decides when a daily backup is due and makes it; here it goes into a folder the user can see.
  ipcMain.handle(IPC.writeAutomaticBackup, async (event, ...args: unknown[]) => {
    if (!isTrustedSender(event.senderFrame?.url, APP_START_URL)) throw new Error('Refused: not the app’s own page.');
    const checked = checkWriteAutomaticBackupArgs(args);
    if (!checked.ok) throw new Error(`Refused: ${checked.reason}.`);
    const folder = defaultBackupFolder(app.getPath('documents'));
    await writeBackupIntoFolder({ mkdir, writeFile, rename, readdir, rm }, folder, checked.value.fileName, checked.value.bytes);
  });

  // The shared folder: the page names a workspace and a file; the folder's path never leaves this process.
  const folderFs: SharedFolderFs = { readdir, lstat, readFile, writeFile, link, rm };
  const rememberedFile = path.join(app.getPath('userData'), REMEMBERED_FOLDERS_FILE);
  const remembered = async () => parseRememberedFolders(await readFile(rememberedFile, 'utf8').catch(() => null));
  const folderOf = async (folderKey: string) => {
    const folder = (await remembered())[folderKey];
    if (!folder) throw new Error('No shared folder is chosen for this workspace. Choose the folder first.');
    return folder;
  };
  const refuseStranger = (url: string | undefined) => {
    if (!isTrustedSender(url, APP_START_URL)) throw new Error('Refused: not the app’s own page.');
  };
  ipcMain.handle(IPC.sharedFolderCurrent, async (event, ...args: unknown[]) => {
    refuseStranger(event.senderFrame?.url);
    const checked = checkFolderKeyArgs(args);
    if (!checked.ok) throw new Error(`Refused: ${checked.reason}.`);
    const folder = (await remembered())[checked.value.folderKey];
    return folder ? { name: folderDisplayName(folder) } : null;
  });
  ipcMain.handle(IPC.sharedFolderChoose, async (event, ...args: unknown[]) => {
    refuseStranger(event.senderFrame?.url);
    const checked = checkFolderKeyArgs(args);
    if (!checked.ok) throw new Error(`Refused: ${checked.reason}.`);
    const owner = BrowserWindow.fromWebContents(event.sender);
    const options = { title: 'Choose the shared folder', properties: ['openDirectory' as const, 'createDirectory' as const] };
    const result = owner ? await dialog.showOpenDialog(owner, options) : await dialog.showOpenDialog(options);
    const folder = result.filePaths[0];
    if (result.canceled || !folder) return null;
    const next = { ...(await remembered()), [checked.value.folderKey]: folder };
    await writeFile(`${rememberedFile}.partial`, JSON.stringify(next, null, 2));
    await rename(`${rememberedFile}.partial`, rememberedFile);
    return { name: folderDisplayName(folder) };
  });
  ipcMain.handle(IPC.sharedFolderList, async (event, ...args: unknown[]) => {
    refuseStranger(event.senderFrame?.url);
    const checked = checkFolderKeyArgs(args);
    if (!checked.ok) throw new Error(`Refused: ${checked.reason}.`);
    return listFolder(folderFs, await folderOf(checked.value.folderKey));
  });
  ipcMain.handle(IPC.sharedFolderRead, async (event, ...args: unknown[]) => {
    refuseStranger(event.senderFrame?.url);
    const checked = checkReadFolderFileArgs(args);
    if (!checked.ok) throw new Error(`Refused: ${checked.reason}.`);
    return readFolderFile(folderFs, await folderOf(checked.value.folderKey), checked.value.name);
  });
  ipcMain.handle(IPC.sharedFolderReadRange, async (event, ...args: unknown[]) => {
    refuseStranger(event.senderFrame?.url);
    const checked = checkReadFolderRangeArgs(args);
    if (!checked.ok) throw new Error(`Refused: ${checked.reason}.`);
    const { folderKey, name, offset, length } = checked.value;
    return readFolderFileRange(folderFs, open, await folderOf(folderKey), name, offset, length);
  });
  ipcMain.handle(IPC.sharedFolderWrite, async (event, ...args: unknown[]) => {
    refuseStranger(event.senderFrame?.url);
    const checked = checkWriteFolderFileArgs(args);
    if (!checked.ok) throw new Error(`Refused: ${checked.reason}.`);
    return writeFolderFile(folderFs, await folderOf(checked.value.folderKey), checked.value.name, checked.value.bytes);
  });

  // A submission the moderator picked or dropped, verified here by its path (found by the preload,
  // never named by the page). The verifier and its certificate code load on first use, not at start.
  ipcMain.handle(IPC.verifySubmissionFile, async (event, ...args: unknown[]) => {
    refuseStranger(event.senderFrame?.url);
    const checked = checkVerifySubmissionFileArgs(args);
    if (!checked.ok) throw new Error(`Refused: ${checked.reason}.`);
    const { verifySubmissionFileAt } = await import('./submission-file-verification');
    return verifySubmissionFileAt(checked.value.path, checked.value.partnership);
  });

  // The page's answer that it has saved what was pending, so its window may close.
  ipcMain.on(IPC.flushedBeforeClose, (event, ...args: unknown[]) => {
    if (!isTrustedSender(event.senderFrame?.url, APP_START_URL)) return;
    closeHandshakes.get(event.sender)?.flushed(args);
  });
  app.on('before-quit', () => {
    quitting = true;
  });

  app.on('web-contents-created', (_event, contents) => lockDownContents(contents, (url) => void shell.openExternal(url)));

  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      buildAppMenuTemplate({
        platform: process.platform,
        appName: app.name,
        isDevelopment: !app.isPackaged,
        // The page decides what each command does; with no window open (macOS), open one.
        send: (command) => {
          if (mainWindow) mainWindow.webContents.send(IPC.menuCommand, command);
          else void openMainWindow();
        },
        showAbout: () => void showAbout(),
      }),
    ),
  );

  app.on('activate', () => {
    if (!mainWindow) void openMainWindow();
  });
  await openMainWindow();
}

async function openMainWindow(): Promise<void> {
  const stateFolder = app.getPath('userData');
  const primary = screen.getPrimaryDisplay();
  const workAreas = [
    primary.workArea,
    ...screen.getAllDisplays().flatMap((display) => (display.id === primary.id ? [] : [display.workArea])),
  ];
  const state = fitWindowToDisplays(readWindowState(stateFolder), workAreas);
  const window = createAppWindow(BrowserWindow, {
    preloadPath: path.join(__dirname, 'preload.js'),
    appVersion: app.getVersion(),
    title: app.name,
    bounds: state.bounds,
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    spellcheck: spellCheck.webPreference,
  });
  mainWindow = window;
  trackWindowState(window, { save: (next) => writeWindowState(stateFolder, next) });
  closeHandshakes.set(window.webContents, saveBeforeClose(window));
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
    if (quitting) app.quit();
  });
  window.once('ready-to-show', () => {
    if (state.maximized) window.maximize();
    window.show();
  });
  await window.loadURL(APP_START_URL);
}

async function showAbout(): Promise<void> {
  const options = aboutDialogOptions({
    appName: app.name,
    version: app.getVersion(),
    dataFolder: app.getPath('userData'),
    electron: process.versions.electron,
    chrome: process.versions.chrome,
    node: process.versions.node,
  });
  if (mainWindow) await dialog.showMessageBox(mainWindow, options);
  else await dialog.showMessageBox(options);
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
