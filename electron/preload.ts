import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { MenuCommand } from '../shared/desktop/menu-commands';
import type { IPC } from './ipc-contract';

// The only desktop powers the page gets (see renderer/platform/platform-port.ts).
//
// A sandboxed preload cannot load our other files, so the channel names and the closed list of
// menu commands are written out here; their types make the compiler check them against
// ipc-contract.ts and shared/desktop/menu-commands.ts (a missing or extra command fails to build).
const SAVE_FILE: (typeof IPC)['saveFile'] = 'sen:save-file';
const PRINT_PDF: (typeof IPC)['printPdf'] = 'sen:print-pdf';
const MENU_COMMAND: (typeof IPC)['menuCommand'] = 'sen:menu-command';
const WRITE_AUTOMATIC_BACKUP: (typeof IPC)['writeAutomaticBackup'] = 'sen:write-automatic-backup';
const FLUSH_BEFORE_CLOSE: (typeof IPC)['flushBeforeClose'] = 'sen:flush-before-close';
const FLUSHED_BEFORE_CLOSE: (typeof IPC)['flushedBeforeClose'] = 'sen:flushed-before-close';
const KNOWN_MENU_COMMANDS: Readonly<Record<MenuCommand, true>> = {
  'new-evaluation': true,
  'import-submission': true,
  'import-moderation-report': true,
  'export-submission': true,
  'print-portfolio': true,
  'back-up': true,
  restore: true,
  'show-keyboard-shortcuts': true,
};

function isKnownMenuCommand(value: unknown): value is MenuCommand {
  return typeof value === 'string' && Object.hasOwn(KNOWN_MENU_COMMANDS, value);
}

// Before the window closes, main asks for pending changes to be saved and waits for the answer.
// Every form that saves as the person types subscribes; the answer goes once all have finished.
const flushCallbacks = new Set<() => Promise<void>>();
ipcRenderer.on(FLUSH_BEFORE_CLOSE, (_event: IpcRendererEvent, ...args: unknown[]) => {
  const [request] = args;
  if (args.length !== 1 || typeof request !== 'number' || !Number.isSafeInteger(request)) return;
  void Promise.allSettled([...flushCallbacks].map((callback) => callback())).then(() => ipcRenderer.send(FLUSHED_BEFORE_CLOSE, request));
});

const version = process.argv.find((a) => a.startsWith('--app-version='))?.slice('--app-version='.length) ?? '0.0.0';

contextBridge.exposeInMainWorld('senDesktop', {
  appVersion: version,
  saveFile: (suggestedName: string, bytes: Uint8Array): Promise<'saved' | 'cancelled'> =>
    ipcRenderer.invoke(SAVE_FILE, suggestedName, bytes),
  /** Shows the PDF in a print window with the system print dialog (main checks the name and bytes). */
  printPdf: (suggestedName: string, bytes: Uint8Array): Promise<'printing' | 'cancelled'> =>
    ipcRenderer.invoke(PRINT_PDF, suggestedName, bytes),
  /** Writes the daily backup into Documents/SEN Accreditation/Backups (main checks the name and bytes, and keeps the newest 10). */
  writeAutomaticBackup: (fileName: string, bytes: Uint8Array): Promise<void> => ipcRenderer.invoke(WRITE_AUTOMATIC_BACKUP, fileName, bytes),
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
      if (args.length === 1 && isKnownMenuCommand(command)) callback(command);
    };
    ipcRenderer.on(MENU_COMMAND, listener);
    return () => {
      ipcRenderer.removeListener(MENU_COMMAND, listener);
    };
  },
});
