import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { isMenuCommand, type MenuCommand } from '../shared/desktop/menu-commands';
import type { SubmissionFileVerdict } from '../shared/desktop/submission-file-verdict';
import type { PartnershipTrustDer } from '../shared/submission/submission-signer-trust';
import { IPC } from './ipc-channels';

// The only desktop powers the page gets (see renderer/platform/platform-port.ts). The preload runs
// sandboxed, so build-main.mjs bundles it with the channel names and the closed list of menu
// commands into one script that loads nothing but 'electron'.

// Before the window closes, main asks for pending changes to be saved and waits for the answer.
// Every form that saves as the person types subscribes; the answer goes once all have finished.
const flushCallbacks = new Set<() => Promise<void>>();
ipcRenderer.on(IPC.flushBeforeClose, (_event: IpcRendererEvent, ...args: unknown[]) => {
  const [request] = args;
  if (args.length !== 1 || typeof request !== 'number' || !Number.isSafeInteger(request)) return;
  void Promise.allSettled([...flushCallbacks].map((callback) => callback())).then(() => ipcRenderer.send(IPC.flushedBeforeClose, request));
});

const version = process.argv.find((a) => a.startsWith('--app-version='))?.slice('--app-version='.length) ?? '0.0.0';

contextBridge.exposeInMainWorld('senDesktop', {
  appVersion: version,
  saveFile: (suggestedName: string, bytes: Uint8Array): Promise<'saved' | 'cancelled'> =>
    ipcRenderer.invoke(IPC.saveFile, suggestedName, bytes),
  /** Shows the PDF in a print window with the system print dialog (main checks the name and bytes). */
  printPdf: (suggestedName: string, bytes: Uint8Array): Promise<'printing' | 'cancelled'> =>
    ipcRenderer.invoke(IPC.printPdf, suggestedName, bytes),
  /** Writes the daily backup into Documents/SEN Accreditation/Backups (main checks the name and bytes, and keeps the newest 10). */
  writeAutomaticBackup: (fileName: string, bytes: Uint8Array): Promise<void> =>
    ipcRenderer.invoke(IPC.writeAutomaticBackup, fileName, bytes),
  /** The shared folder: the main process holds its path and checks every name; the page sends a workspace id and file names only. */
  sharedFolder: {
    current: (folderKey: string): Promise<{ name: string } | null> => ipcRenderer.invoke(IPC.sharedFolderCurrent, folderKey),
    choose: (folderKey: string): Promise<{ name: string } | null> => ipcRenderer.invoke(IPC.sharedFolderChoose, folderKey),
    list: (folderKey: string): Promise<{ name: string; size: number; lastModified: number }[]> =>
      ipcRenderer.invoke(IPC.sharedFolderList, folderKey),
    read: (folderKey: string, name: string): Promise<Uint8Array> => ipcRenderer.invoke(IPC.sharedFolderRead, folderKey, name),
    readRange: (folderKey: string, name: string, offset: number, length: number): Promise<Uint8Array> =>
      ipcRenderer.invoke(IPC.sharedFolderReadRange, folderKey, name, offset, length),
    write: (folderKey: string, name: string, bytes: Uint8Array): Promise<'written' | 'same-file-there' | 'different-file-there'> =>
      ipcRenderer.invoke(IPC.sharedFolderWrite, folderKey, name, bytes),
  },
  /**
   * Verifies a submission PDF the person picked or dropped, in the main process, reading it from
   * disk. The path is found here, from the File, and never taken from the page, so the page can have
   * checked only files the person chose. Null for a File with no path on disk (one made in memory).
   */
  verifySubmissionFile: async (file: File, partnership?: PartnershipTrustDer): Promise<SubmissionFileVerdict | null> => {
    const path = webUtils.getPathForFile(file);
    if (path === '') return null;
    return partnership === undefined
      ? ipcRenderer.invoke(IPC.verifySubmissionFile, path)
      : ipcRenderer.invoke(IPC.verifySubmissionFile, path, partnership);
  },
  /** Calls back when the window is about to close; the window closes once every callback's promise settles. Returns an unsubscribe function. */
  onFlushBeforeClose: (callback: () => Promise<void>): (() => void) => {
    if (typeof callback !== 'function') throw new TypeError('onFlushBeforeClose needs a function.');
    // Wrapped, so the same function subscribed twice is two subscriptions and a throw is a rejection.
    const entry = async () => callback();
    flushCallbacks.add(entry);
    return () => {
      flushCallbacks.delete(entry);
    };
  },
  /** Calls back with each menu command id from the closed list (anything else is dropped); returns an unsubscribe function. */
  onMenuCommand: (callback: (command: MenuCommand) => void): (() => void) => {
    if (typeof callback !== 'function') throw new TypeError('onMenuCommand needs a function.');
    // The page never sees the IPC event object, only the command id.
    const listener = (_event: IpcRendererEvent, ...args: unknown[]) => {
      const [command] = args;
      if (args.length === 1 && isMenuCommand(command)) callback(command);
    };
    ipcRenderer.on(IPC.menuCommand, listener);
    return () => {
      ipcRenderer.removeListener(IPC.menuCommand, listener);
    };
  },
});
