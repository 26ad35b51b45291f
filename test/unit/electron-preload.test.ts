import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { IPC } from '../../electron/ipc-channels';
import type { DesktopBridge } from '../../renderer/platform/platform-port';
import { createElectronPlatform } from '../../renderer/platform/electron-platform';
import { MENU_COMMANDS } from '../../shared/desktop/menu-commands';

// The preload runs against a stand-in for Electron's contextBridge and ipcRenderer, so the exact
// bridge the page gets is tested from Node.
type Listener = (event: unknown, ...args: unknown[]) => void;
const fake = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  listeners: new Map<string, Set<(event: unknown, ...args: unknown[]) => void>>(),
  invoked: [] as unknown[][],
  sent: [] as unknown[][],
  /** What main answers on a channel (else 'saved'). */
  answers: new Map<string, unknown>(),
  /** The paths on disk of the Files the person "picked"; any other File was made in memory. */
  paths: new Map<unknown, string>(),
}));

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => fake.exposed.set(key, api) },
  ipcRenderer: {
    invoke: async (...args: unknown[]) => {
      fake.invoked.push(args);
      return fake.answers.has(String(args[0])) ? fake.answers.get(String(args[0])) : 'saved';
    },
    send: (...args: unknown[]) => fake.sent.push(args),
    on: (channel: string, listener: Listener) => {
      const set = fake.listeners.get(channel) ?? new Set();
      set.add(listener);
      fake.listeners.set(channel, set);
    },
    removeListener: (channel: string, listener: Listener) => {
      fake.listeners.get(channel)?.delete(listener);
    },
  },
  // As Electron's: a File's path on disk, '' for a File made in memory, and a throw for anything else.
  webUtils: {
    getPathForFile: (file: unknown) => {
      if (!(file instanceof File)) throw new TypeError('getPathForFile needs a File');
      return fake.paths.get(file) ?? '';
    },
  },
}));

/** What the main process would do: webContents.send(channel, ...args). */
function sendFromMain(channel: string, ...args: unknown[]) {
  for (const listener of [...(fake.listeners.get(channel) ?? [])]) listener({ sender: 'ipc-event' }, ...args);
}

let bridge: DesktopBridge;
const argv = process.argv;

beforeAll(async () => {
  process.argv = [...argv, '--app-version=9.8.7'];
  await import('../../electron/preload');
  bridge = fake.exposed.get('senDesktop') as DesktopBridge;
});

afterAll(() => {
  process.argv = argv;
});

describe('the preload bridge', () => {
  it('exposes only the version, saving, printing, automatic backups, menu commands, the shared folder and verifying a picked submission', () => {
    expect([...fake.exposed.keys()]).toEqual(['senDesktop']);
    expect(Object.keys(bridge).sort()).toEqual([
      'appVersion',
      'onFlushBeforeClose',
      'onMenuCommand',
      'printPdf',
      'saveFile',
      'sharedFolder',
      'verifySubmissionFile',
      'writeAutomaticBackup',
    ]);
    expect(Object.keys(bridge.sharedFolder!).sort()).toEqual(['choose', 'current', 'list', 'read', 'readRange', 'write']);
    expect(bridge.appVersion).toBe('9.8.7');
  });

  it('reaches the shared folder by workspace and file name only, through its own channels, also from the Electron platform adapter', async () => {
    fake.invoked.length = 0;
    const bytes = new TextEncoder().encode('%PDF-1.7 report');
    const folder = createElectronPlatform(bridge).sharedFolder!;
    await folder.list('w1');
    await folder.read('w1', 'a.pdf');
    await folder.write('w1', 'b.pdf', bytes);
    await folder.choose('w1');
    await bridge.sharedFolder!.readRange!('w1', 'a.pdf', 4096, 1024);
    expect(fake.invoked).toEqual([
      [IPC.sharedFolderList, 'w1'],
      [IPC.sharedFolderRead, 'w1', 'a.pdf'],
      [IPC.sharedFolderWrite, 'w1', 'b.pdf', bytes],
      [IPC.sharedFolderChoose, 'w1'],
      [IPC.sharedFolderReadRange, 'w1', 'a.pdf', 4096, 1024],
    ]);
    fake.invoked.length = 0;
  });

  it('verifies a picked submission by the path it finds for the File itself, with the partnership, also from the Electron platform adapter', async () => {
    fake.invoked.length = 0;
    const picked = new File(['%PDF-1.7 riverside'], 'riverside.pdf', { type: 'application/pdf' });
    fake.paths.set(picked, '/home/jo/Downloads/riverside.pdf');
    const verdict = { kind: 'refused', message: 'This file is not a PDF.' };
    fake.answers.set(IPC.verifySubmissionFile, verdict);
    const partnership = { rootsDer: [new Uint8Array([0x30, 0x01])], listsDer: [] };
    expect(await bridge.verifySubmissionFile!(picked, partnership)).toEqual(verdict);
    expect(await bridge.verifySubmissionFile!(picked)).toEqual(verdict);
    expect(await createElectronPlatform(bridge).verifySubmissionFile!(picked, partnership)).toEqual(verdict);
    expect(fake.invoked).toEqual([
      [IPC.verifySubmissionFile, '/home/jo/Downloads/riverside.pdf', partnership],
      [IPC.verifySubmissionFile, '/home/jo/Downloads/riverside.pdf'],
      [IPC.verifySubmissionFile, '/home/jo/Downloads/riverside.pdf', partnership],
    ]);
    fake.answers.delete(IPC.verifySubmissionFile);
    fake.invoked.length = 0;
  });

  it('answers null for a File made in memory, asking main nothing, and refuses what is not a File', async () => {
    fake.invoked.length = 0;
    const made = new File(['%PDF-1.7 from the shared folder'], 'made.pdf', { type: 'application/pdf' });
    expect(await bridge.verifySubmissionFile!(made)).toBeNull();
    await expect(bridge.verifySubmissionFile!({ name: '/etc/passwd' } as unknown as File)).rejects.toThrow(TypeError);
    expect(fake.invoked).toEqual([]);
    // An older shell without the channel: the page verifies every file in the verify worker.
    expect(createElectronPlatform({ ...bridge, verifySubmissionFile: undefined }).verifySubmissionFile).toBeUndefined();
  });

  it('saves through the save-file channel', async () => {
    const bytes = new Uint8Array([1, 2, 3]);
    await expect(bridge.saveFile('a.pdf', bytes)).resolves.toBe('saved');
    expect(fake.invoked).toEqual([[IPC.saveFile, 'a.pdf', bytes]]);
  });

  it('prints through the print-pdf channel, also from the Electron platform adapter', async () => {
    fake.invoked.length = 0;
    const bytes = new TextEncoder().encode('%PDF-1.7');
    await bridge.printPdf!('portfolio.pdf', bytes);
    await createElectronPlatform(bridge).printPdf('portfolio.pdf', new Blob([bytes], { type: 'application/pdf' }));
    expect(fake.invoked).toEqual([
      [IPC.printPdf, 'portfolio.pdf', bytes],
      [IPC.printPdf, 'portfolio.pdf', bytes],
    ]);
  });

  it('writes automatic backups through their own channel, also from the Electron platform adapter', async () => {
    fake.invoked.length = 0;
    const bytes = new Uint8Array([0x89, 0x53, 0x45, 0x4e, 0x42, 0x41, 0x4b, 0x0a]);
    const name = 'sen-accreditation-backup-2026-11-24T09-30-00Z-v0.1.0.senbackup';
    await bridge.writeAutomaticBackup!(name, bytes);
    await createElectronPlatform(bridge).writeAutomaticBackup!(name, new Blob([bytes]));
    expect(fake.invoked).toEqual([
      [IPC.writeAutomaticBackup, name, bytes],
      [IPC.writeAutomaticBackup, name, bytes],
    ]);
    // An older shell without the channel: the page has no automatic backups, rather than a broken one.
    expect(createElectronPlatform({ ...bridge, writeAutomaticBackup: undefined }).writeAutomaticBackup).toBeUndefined();
  });

  it('passes on every menu command in the closed list, and only the id', () => {
    const received: unknown[][] = [];
    const unsubscribe = bridge.onMenuCommand!((...args: unknown[]) => received.push(args));
    for (const command of MENU_COMMANDS) sendFromMain(IPC.menuCommand, command);
    expect(received).toEqual(MENU_COMMANDS.map((command) => [command]));
    unsubscribe();
  });

  it.each([
    ['an unknown id', ['delete-everything']],
    ['a near miss', ['Print-Portfolio']],
    ['an inherited name', ['toString']],
    ['a prototype key', ['__proto__']],
    ['a number', [42]],
    ['an object', [{ command: 'back-up' }]],
    ['nothing', []],
    ['extra arguments', ['back-up', 'and more']],
  ])('drops %s', (_what, args) => {
    const received: unknown[] = [];
    const unsubscribe = bridge.onMenuCommand!((command) => received.push(command));
    sendFromMain(IPC.menuCommand, ...args);
    expect(received).toEqual([]);
    unsubscribe();
  });

  it('stops calling back after unsubscribing, without disturbing other subscribers', () => {
    const first: string[] = [];
    const second: string[] = [];
    const stopFirst = bridge.onMenuCommand!((command) => first.push(command));
    const stopSecond = bridge.onMenuCommand!((command) => second.push(command));
    sendFromMain(IPC.menuCommand, 'back-up');
    stopFirst();
    sendFromMain(IPC.menuCommand, 'restore');
    stopSecond();
    sendFromMain(IPC.menuCommand, 'print-portfolio');
    expect(first).toEqual(['back-up']);
    expect(second).toEqual(['back-up', 'restore']);
    expect(fake.listeners.get(IPC.menuCommand)?.size).toBe(0);
  });

  it('refuses a callback that is not a function', () => {
    expect(() => bridge.onMenuCommand!('not a function' as unknown as (command: string) => void)).toThrow(TypeError);
  });

  it('reaches the renderer through the Electron platform adapter', () => {
    const platform = createElectronPlatform(bridge);
    const received: string[] = [];
    const unsubscribe = platform.onMenuCommand!((command) => received.push(command));
    sendFromMain(IPC.menuCommand, 'export-submission');
    sendFromMain(IPC.menuCommand, 'format-disk');
    unsubscribe();
    sendFromMain(IPC.menuCommand, 'export-submission');
    expect(received).toEqual(['export-submission']);
  });

  it('has an adapter that re-checks ids and copes with an older bridge', () => {
    const received: string[] = [];
    const forged: DesktopBridge = {
      appVersion: '1',
      saveFile: async () => 'cancelled',
      onMenuCommand: (callback) => {
        callback('not-a-command');
        callback('back-up');
        return () => undefined;
      },
    };
    createElectronPlatform(forged).onMenuCommand!((command) => received.push(command));
    expect(received).toEqual(['back-up']);
    const older = createElectronPlatform({ appVersion: '1', saveFile: async () => 'cancelled' });
    expect(older.onMenuCommand!(() => undefined)()).toBeUndefined();
  });

  it('answers main’s request to save before closing once every subscriber has finished, also through the adapter', async () => {
    fake.sent.length = 0;
    const finished: string[] = [];
    let releaseSlow: () => void = () => undefined;
    const stopSlow = bridge.onFlushBeforeClose!(
      () =>
        new Promise<void>((resolve) => {
          releaseSlow = () => {
            finished.push('slow');
            resolve();
          };
        }),
    );
    const stopFailing = bridge.onFlushBeforeClose!(async () => {
      finished.push('failing');
      throw new Error('disk full');
    });
    const stopAdapter = createElectronPlatform(bridge).onBeforeClose!({
      flush: async () => void finished.push('adapter'),
      isPending: () => true,
    });
    sendFromMain(IPC.flushBeforeClose, 3);
    await new Promise((resolve) => setTimeout(resolve, 0));
    // Not answered while a save is still running.
    expect(fake.sent).toEqual([]);
    releaseSlow();
    await vi.waitFor(() => expect(fake.sent).toEqual([[IPC.flushedBeforeClose, 3]]));
    expect(finished.sort()).toEqual(['adapter', 'failing', 'slow']);
    stopSlow();
    stopFailing();
    stopAdapter();
  });

  it('answers at once when nothing is subscribed, and ignores a malformed request', async () => {
    fake.sent.length = 0;
    sendFromMain(IPC.flushBeforeClose, 'now');
    sendFromMain(IPC.flushBeforeClose);
    sendFromMain(IPC.flushBeforeClose, 4, 'extra');
    sendFromMain(IPC.flushBeforeClose, 5);
    await vi.waitFor(() => expect(fake.sent).toEqual([[IPC.flushedBeforeClose, 5]]));
    expect(() => bridge.onFlushBeforeClose!('no' as unknown as () => Promise<void>)).toThrow(TypeError);
  });
});
