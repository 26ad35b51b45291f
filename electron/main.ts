import { readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, protocol, session, shell } from 'electron';
import { APP_SCHEME, APP_START_URL, CONTENT_SECURITY_POLICY, resolveAppFile, SCHEME_PRIVILEGES } from './app-protocol';
import { checkSaveFileArgs, IPC, isTrustedSender } from './ipc-contract';
import { blockNetwork, denyAllPermissions, lockDownContents, secureWebPreferences } from './window-security';

// Must run before the app is ready, and never change: the scheme is the data's origin.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: SCHEME_PRIVILEGES }]);

const rendererRoot = path.join(__dirname, '..', 'renderer');

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    const [window] = BrowserWindow.getAllWindows();
    if (window) {
      if (window.isMinimized()) window.restore();
      window.focus();
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

  app.on('web-contents-created', (_event, contents) => lockDownContents(contents, (url) => void shell.openExternal(url)));

  const window = new BrowserWindow({
    width: 1280,
    height: 860,
    minWidth: 360,
    minHeight: 480,
    title: 'SEN Accreditation',
    show: false,
    webPreferences: {
      ...secureWebPreferences(path.join(__dirname, 'preload.js')),
      additionalArguments: [`--app-version=${app.getVersion()}`],
    },
  });
  window.once('ready-to-show', () => window.show());
  await window.loadURL(APP_START_URL);
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
