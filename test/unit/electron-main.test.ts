import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MenuItemConstructorOptions } from 'electron';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { IPC } from '../../electron/ipc-channels';
import { PRINT_FOLDER_PREFIX, PRINT_PARTITION } from '../../electron/pdf-printing';
import { spellCheckSettings, UNREACHABLE_DICTIONARY_URL } from '../../electron/spellcheck';
import { WINDOW_STATE_FILE, writeWindowState } from '../../electron/window-state';

// main.ts is the one file that loads Electron. Here it loads a stand-in that records what main.ts
// asks of it, so the wiring (menus, window, window state, About) is tested from Node.
type Listener = (...args: unknown[]) => void;
const fake = vi.hoisted(() => {
  const userData = { path: '' };
  const temp = { path: '' };
  const documents = { path: '' };
  const handlers = new Map<string, (event: unknown, ...args: unknown[]) => Promise<unknown>>();
  const ipcListeners = new Map<string, (event: unknown, ...args: unknown[]) => void>();
  const appListeners = new Map<string, Listener[]>();
  const windows: FakeWindow[] = [];
  const calls = {
    schemes: [] as unknown[],
    menus: [] as unknown[],
    template: [] as unknown[],
    handles: [] as string[],
    protocols: [] as string[],
    messageBoxes: [] as unknown[][],
    defaultSession: [] as unknown[][],
    printSession: [] as unknown[][],
    partitions: [] as string[],
    switches: [] as [string, string][],
  };
  class FakeWindow {
    listeners = new Map<string, Listener[]>();
    sent: unknown[][] = [];
    printed: unknown[] = [];
    webContents = {
      send: (...args: unknown[]) => this.sent.push(args),
      print: (options: unknown) => this.printed.push(options),
    };
    shown = false;
    destroyed = false;
    maximised = false;
    loaded = '';
    constructor(readonly options: Record<string, unknown>) {
      windows.push(this);
    }
    on(event: string, listener: Listener) {
      this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
      return this;
    }
    once(event: string, listener: Listener) {
      return this.on(event, listener);
    }
    /** Emits like Electron: listeners get an event whose preventDefault keeps the window open. */
    emit(event: string) {
      let prevented = false;
      for (const listener of this.listeners.get(event) ?? []) listener({ preventDefault: () => (prevented = true) });
      return prevented;
    }
    close() {
      if (!this.emit('close')) this.destroy();
    }
    getNormalBounds() {
      const { x, y, width, height } = this.options as { x: number; y: number; width: number; height: number };
      return { x, y, width, height };
    }
    isMaximized = () => this.maximised;
    isMinimized = () => false;
    isFullScreen = () => false;
    maximize() {
      this.maximised = true;
    }
    show() {
      this.shown = true;
    }
    async loadURL(url: string) {
      this.loaded = url;
    }
    isDestroyed = () => this.destroyed;
    destroy() {
      this.destroyed = true;
      this.emit('closed');
    }
    static fromWebContents = () => null;
  }
  const on = (event: string, listener: Listener) => {
    appListeners.set(event, [...(appListeners.get(event) ?? []), listener]);
  };
  const recordingSession = (log: unknown[][]) => ({
    setPermissionRequestHandler: () => log.push(['permission requests']),
    setPermissionCheckHandler: () => log.push(['permission checks']),
    setSpellCheckerEnabled: (enabled: boolean) => log.push(['spell checker', enabled]),
    setSpellCheckerDictionaryDownloadURL: (url: string) => log.push(['dictionaries from', url]),
    webRequest: { onBeforeRequest: () => log.push(['requests']) },
    on: (event: string) => log.push(['on', event]),
    protocol: { handle: (scheme: string) => calls.protocols.push(scheme) },
  });
  return { userData, temp, documents, handlers, ipcListeners, appListeners, windows, calls, FakeWindow, on, recordingSession };
});

vi.mock('electron', () => ({
  app: {
    commandLine: { appendSwitch: (name: string, value: string) => fake.calls.switches.push([name, value]) },
    name: 'SEN Accreditation',
    isPackaged: true,
    requestSingleInstanceLock: () => true,
    whenReady: () => Promise.resolve(),
    on: fake.on,
    quit: () => undefined,
    getVersion: () => '0.1.0',
    getPath: (name: string) =>
      name === 'userData'
        ? fake.userData.path
        : name === 'temp'
          ? fake.temp.path
          : name === 'documents'
            ? fake.documents.path
            : `/fake/${name}`,
  },
  BrowserWindow: fake.FakeWindow,
  dialog: {
    showErrorBox: () => undefined,
    showMessageBox: async (...args: unknown[]) => {
      fake.calls.messageBoxes.push(args);
      return { response: 0 };
    },
  },
  ipcMain: {
    on: (channel: string, listener: (event: unknown, ...args: unknown[]) => void) => {
      fake.ipcListeners.set(channel, listener);
    },
    handle: (channel: string, handler: (event: unknown, ...args: unknown[]) => Promise<unknown>) => {
      fake.calls.handles.push(channel);
      fake.handlers.set(channel, handler);
    },
  },
  Menu: {
    buildFromTemplate: (template: unknown[]) => {
      fake.calls.template.push(...template);
      return { template };
    },
    setApplicationMenu: (menu: unknown) => fake.calls.menus.push(menu),
  },
  protocol: { registerSchemesAsPrivileged: (schemes: unknown) => fake.calls.schemes.push(schemes) },
  screen: {
    getPrimaryDisplay: () => ({ id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1040 } }),
    getAllDisplays: () => [
      { id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1040 } },
      { id: 2, workArea: { x: 1920, y: 0, width: 1280, height: 1000 } },
    ],
  },
  session: {
    defaultSession: fake.recordingSession(fake.calls.defaultSession),
    fromPartition: (partition: string) => {
      fake.calls.partitions.push(partition);
      return fake.recordingSession(fake.calls.printSession);
    },
  },
  shell: { openExternal: async () => undefined },
}));

function items(template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? items(item.submenu) : [])]);
}
const byLabel = (label: string) => items(fake.calls.template as MenuItemConstructorOptions[]).find((item) => item.label === label);

beforeAll(async () => {
  fake.userData.path = mkdtempSync(path.join(tmpdir(), 'sen-main-'));
  fake.temp.path = mkdtempSync(path.join(tmpdir(), 'sen-main-temp-'));
  fake.documents.path = mkdtempSync(path.join(tmpdir(), 'sen-main-documents-'));
  // A print folder left behind when the app last stopped without closing its print window.
  mkdirSync(path.join(fake.temp.path, `${PRINT_FOLDER_PREFIX}Left01`));
  // Last time, the window was maximised on the second monitor.
  writeWindowState(fake.userData.path, { bounds: { x: 2000, y: 100, width: 1000, height: 800 }, maximized: true });
  await import('../../electron/main');
  await vi.waitFor(() => expect(fake.windows[0]?.loaded).not.toBe(''));
});

afterAll(() => {
  rmSync(fake.userData.path, { recursive: true, force: true });
  rmSync(fake.temp.path, { recursive: true, force: true });
  rmSync(fake.documents.path, { recursive: true, force: true });
});

describe('the main process', () => {
  it('registers the app scheme, serves it, and handles only the known channel', () => {
    expect(fake.calls.schemes).toEqual([[expect.objectContaining({ scheme: 'app' })]]);
    expect(fake.calls.protocols).toEqual(['app']);
    expect(fake.calls.handles).toEqual([
      IPC.saveFile,
      IPC.printPdf,
      IPC.writeAutomaticBackup,
      IPC.sharedFolderCurrent,
      IPC.sharedFolderChoose,
      IPC.sharedFolderList,
      IPC.sharedFolderRead,
      IPC.sharedFolderReadRange,
      IPC.sharedFolderWrite,
      IPC.verifySubmissionFile,
    ]);
  });

  it('turns off the Chromium features the app does without, with one switch before the app is ready', () => {
    expect(fake.calls.switches).toEqual([['disable-features', 'NavigationPredictor']]);
  });

  it('locks down the app session, with spell checking only where it needs no download', () => {
    const expected = spellCheckSettings(process.platform);
    expect(fake.calls.defaultSession).toEqual([
      ['permission requests'],
      ['permission checks'],
      ['requests'],
      ...(expected.dictionaryDownloadUrl ? [['dictionaries from', UNREACHABLE_DICTIONARY_URL]] : []),
      ['spell checker', expected.sessionEnabled],
    ]);
    expect(fake.windows[0]?.options.webPreferences).toMatchObject({ spellcheck: expected.webPreference });
  });

  it('locks down a separate session for print windows, and clears out old print folders', async () => {
    expect(fake.calls.partitions).toEqual([PRINT_PARTITION]);
    expect(fake.calls.printSession).toEqual([
      ['permission requests'],
      ['permission checks'],
      ['dictionaries from', UNREACHABLE_DICTIONARY_URL],
      ['spell checker', false],
      ['requests'],
      ['on', 'will-download'],
    ]);
    await vi.waitFor(() => expect(readdirSync(fake.temp.path)).toEqual([]));
  });

  it('opens one secure window where it was last time', () => {
    expect(fake.windows).toHaveLength(1);
    const [window] = fake.windows;
    expect(window?.options).toMatchObject({ x: 2000, y: 100, width: 1000, height: 800, show: false });
    expect(window?.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false });
    expect(window?.loaded).toBe('app://renderer/index.html');
    window?.emit('ready-to-show');
    expect(window?.maximised).toBe(true);
    expect(window?.shown).toBe(true);
  });

  it('sets a production menu whose commands reach the page on the menu channel', () => {
    expect(fake.calls.menus).toHaveLength(1);
    expect(byLabel('Reload')).toBeUndefined();
    expect(items(fake.calls.template as MenuItemConstructorOptions[]).some((item) => item.role === 'reload')).toBe(false);
    (byLabel('Print portfolio…')?.click as () => void)();
    (byLabel('Back up…')?.click as () => void)();
    expect(fake.windows[0]?.sent).toEqual([
      [IPC.menuCommand, 'print-portfolio'],
      [IPC.menuCommand, 'back-up'],
    ]);
  });

  it('shows About with the version and the data folder', async () => {
    (byLabel('About SEN Accreditation')?.click as () => void)();
    await vi.waitFor(() => expect(fake.calls.messageBoxes).toHaveLength(1));
    const [owner, options] = fake.calls.messageBoxes[0] ?? [];
    expect(owner).toBe(fake.windows[0]);
    expect(options).toMatchObject({ type: 'info', message: 'SEN Accreditation' });
    expect((options as { detail: string }).detail).toContain('Version 0.1.0');
    expect((options as { detail: string }).detail).toContain(fake.userData.path);
  });

  it('saves the window state as the window closes', () => {
    const [window] = fake.windows;
    window?.emit('close');
    const saved = JSON.parse(readFileSync(path.join(fake.userData.path, WINDOW_STATE_FILE), 'utf8')) as unknown;
    expect(saved).toEqual({ bounds: { x: 2000, y: 100, width: 1000, height: 800 }, maximized: true });
  });

  it('prints a PDF from the app page only, with checked arguments', async () => {
    const print = fake.handlers.get(IPC.printPdf)!;
    const pdf = new TextEncoder().encode('%PDF-1.7 ...');
    const fromApp = { senderFrame: { url: 'app://renderer/index.html#/portfolio' }, sender: {} };
    await expect(print({ senderFrame: { url: 'https://example.org/' }, sender: {} }, 'a.pdf', pdf)).rejects.toThrow(
      'Refused: not the app’s own page.',
    );
    await expect(print(fromApp, 'a.pdf', new TextEncoder().encode('<html>'))).rejects.toThrow('Refused: the data is not a PDF.');
    expect(fake.windows).toHaveLength(1);

    await expect(print(fromApp, 'Portfolio: 2026', pdf)).resolves.toBe('printing');
    const window = fake.windows[1]!;
    expect(window.options.webPreferences).toMatchObject({
      partition: PRINT_PARTITION,
      plugins: true,
      sandbox: true,
      contextIsolation: true,
    });
    const file = fileURLToPath(window.loaded);
    expect(path.basename(file)).toBe('Portfolio- 2026.pdf');
    expect(path.dirname(path.dirname(file))).toBe(fake.temp.path);
    expect(readFileSync(file)).toEqual(Buffer.from(pdf));
    expect(window.shown).toBe(true);
    expect(window.printed).toEqual([{ silent: false }]);
    window.emit('closed');
    await vi.waitFor(() => expect(existsSync(path.dirname(file))).toBe(false));
  });

  it('reaches a workspace’s shared folder from the app page only, by file name inside the folder, never over another file', async () => {
    const handler = (channel: string) => fake.handlers.get(channel)!;
    const fromApp = { senderFrame: { url: 'app://renderer/index.html#/' }, sender: {} };
    const stranger = { senderFrame: { url: 'https://example.org/' }, sender: {} };
    await expect(handler(IPC.sharedFolderList)(fromApp, 'w1')).rejects.toThrow('No shared folder is chosen for this workspace.');
    expect(await handler(IPC.sharedFolderCurrent)(fromApp, 'w1')).toBeNull();
    const folder = path.join(fake.documents.path, 'Region moderators');
    mkdirSync(folder);
    writeFileSync(path.join(folder, 'a.pdf'), '%PDF-1.7 a');
    writeFileSync(path.join(fake.documents.path, 'secret.pdf'), '%PDF-1.7 secret');
    writeFileSync(path.join(fake.userData.path, 'shared-folders.json'), JSON.stringify({ w1: folder }));
    expect(await handler(IPC.sharedFolderCurrent)(fromApp, 'w1')).toEqual({ name: 'Region moderators' });
    await expect(handler(IPC.sharedFolderList)(stranger, 'w1')).rejects.toThrow('Refused: not the app’s own page.');
    await expect(handler(IPC.sharedFolderList)(fromApp, '../w1')).rejects.toThrow('Refused: the folder key is not a workspace id.');
    expect(await handler(IPC.sharedFolderList)(fromApp, 'w1')).toEqual([
      expect.objectContaining({ name: 'a.pdf', size: '%PDF-1.7 a'.length }),
    ]);
    expect(Buffer.from((await handler(IPC.sharedFolderRead)(fromApp, 'w1', 'a.pdf')) as Uint8Array).toString()).toBe('%PDF-1.7 a');
    await expect(handler(IPC.sharedFolderRead)(fromApp, 'w1', '../secret.pdf')).rejects.toThrow(
      'Refused: the name must be a file in the folder, not a path.',
    );
    const report = new TextEncoder().encode('%PDF-1.7 report');
    expect(await handler(IPC.sharedFolderWrite)(fromApp, 'w1', 'r.pdf', report)).toBe('written');
    expect(await handler(IPC.sharedFolderWrite)(fromApp, 'w1', 'a.pdf', report)).toBe('different-file-there');
    expect(readFileSync(path.join(folder, 'a.pdf'), 'utf8')).toBe('%PDF-1.7 a');
    await expect(handler(IPC.sharedFolderWrite)(fromApp, 'w1', 'x.exe', report)).rejects.toThrow(
      'Refused: only PDFs are written into the shared folder.',
    );
    expect(readdirSync(folder).sort()).toEqual(['a.pdf', 'r.pdf']);
  });

  it('verifies a picked submission file from the app page only, with checked arguments', async () => {
    const verify = fake.handlers.get(IPC.verifySubmissionFile)!;
    const fromApp = { senderFrame: { url: 'app://renderer/index.html#/' }, sender: {} };
    const notPdf = path.join(fake.documents.path, 'notes.pdf');
    writeFileSync(notPdf, 'Not a PDF at all');
    await expect(verify({ senderFrame: { url: 'https://example.org/' }, sender: {} }, notPdf)).rejects.toThrow(
      'Refused: not the app’s own page.',
    );
    await expect(verify(fromApp, notPdf, { rootsDer: 'root', listsDer: [] })).rejects.toThrow(
      'Refused: the partnership’s roots must be a list.',
    );
    // The real check, run in this process: the file is read and refused for what it is.
    expect(await verify(fromApp, notPdf, { rootsDer: [], listsDer: [] })).toEqual({ kind: 'refused', message: 'This file is not a PDF.' });
  });

  it('writes automatic backups from the app page only, into Documents/SEN Accreditation/Backups', async () => {
    const write = fake.handlers.get(IPC.writeAutomaticBackup)!;
    const backup = new Uint8Array([0x89, 0x53, 0x45, 0x4e, 0x42, 0x41, 0x4b, 0x0a, 1, 2, 3]);
    const name = 'sen-accreditation-backup-2026-11-24T09-30-00Z-v0.1.0.senbackup';
    const fromApp = { senderFrame: { url: 'app://renderer/index.html#/' }, sender: {} };
    await expect(write({ senderFrame: { url: 'https://example.org/' }, sender: {} }, name, backup)).rejects.toThrow(
      'Refused: not the app’s own page.',
    );
    await expect(write(fromApp, '../../evil.senbackup', backup)).rejects.toThrow('Refused: the name is not a backup file name.');
    await write(fromApp, name, backup);
    const folder = path.join(fake.documents.path, 'SEN Accreditation', 'Backups');
    expect(readdirSync(folder)).toEqual([name]);
    expect(readFileSync(path.join(folder, name))).toEqual(Buffer.from(backup));
  });

  it('keeps the app window open until its page says it has saved, and hears only the app page', () => {
    const window = fake.windows[0]!;
    const sentBefore = window.sent.length;
    window.close();
    expect(window.destroyed).toBe(false);
    // The request went out when the window first began to close (above); closing again waits for the same answer.
    const requests = window.sent.filter(([channel]) => channel === IPC.flushBeforeClose);
    expect(requests).toEqual([[IPC.flushBeforeClose, 1]]);
    expect(window.sent.length).toBe(sentBefore);
    const flushed = fake.ipcListeners.get(IPC.flushedBeforeClose)!;
    flushed({ senderFrame: { url: 'https://example.org/' }, sender: window.webContents }, 1);
    expect(window.destroyed).toBe(false);
    flushed({ senderFrame: { url: 'app://renderer/index.html#/' }, sender: {} }, 1);
    expect(window.destroyed).toBe(false);
    flushed({ senderFrame: { url: 'app://renderer/index.html#/' }, sender: window.webContents }, 1);
    expect(window.destroyed).toBe(true);
  });
});
