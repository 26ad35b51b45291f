import { contextBridge, ipcRenderer } from 'electron';

// The only desktop powers the page gets (see renderer/platform/platform-port.ts).
const version = process.argv.find((a) => a.startsWith('--app-version='))?.slice('--app-version='.length) ?? '0.0.0';

contextBridge.exposeInMainWorld('senDesktop', {
  appVersion: version,
  saveFile: (suggestedName: string, bytes: Uint8Array): Promise<'saved' | 'cancelled'> =>
    ipcRenderer.invoke('sen:save-file', suggestedName, bytes),
});
