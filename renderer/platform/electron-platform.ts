import { isMenuCommand } from '../../shared/desktop/menu-commands';
import type { DesktopBridge, DesktopSharedFolderBridge, PlatformPort, SharedFolderPort } from './platform-port';

export function createElectronPlatform(bridge: DesktopBridge): PlatformPort {
  return {
    kind: 'desktop',
    appVersion: () => bridge.appVersion,
    async saveFile(suggestedName, data) {
      return bridge.saveFile(suggestedName, new Uint8Array(await data.arrayBuffer()));
    },
    async printPdf(suggestedName, pdf) {
      const bytes = new Uint8Array(await pdf.arrayBuffer());
      if (bridge.printPdf) return bridge.printPdf(suggestedName, bytes);
      // An older shell without the print bridge: save it for printing from a PDF reader.
      return (await bridge.saveFile(suggestedName, bytes)) === 'saved' ? 'downloaded' : 'cancelled';
    },
    ...(bridge.writeAutomaticBackup
      ? {
          async writeAutomaticBackup(name: string, data: Blob) {
            await bridge.writeAutomaticBackup?.(name, new Uint8Array(await data.arrayBuffer()));
          },
        }
      : {}),
    ...(bridge.sharedFolder ? { sharedFolder: desktopSharedFolder(bridge.sharedFolder) } : {}),
    ...(bridge.verifySubmissionFile ? { verifySubmissionFile: bridge.verifySubmissionFile.bind(bridge) } : {}),
    onBeforeClose(saver) {
      if (!bridge.onFlushBeforeClose) return () => undefined;
      return bridge.onFlushBeforeClose(() => saver.flush());
    },
    onMenuCommand(callback) {
      if (!bridge.onMenuCommand) return () => undefined;
      // The preload already drops unknown ids; checked again so the page trusts only the list.
      return bridge.onMenuCommand((command) => {
        if (isMenuCommand(command)) callback(command);
      });
    },
  };
}

/** The shared folder on the desktop: the folder is chosen in a native dialog and its path stays in the main process. */
export function desktopSharedFolder(bridge: DesktopSharedFolderBridge): SharedFolderPort {
  const stateOf = (folder: { name: string } | null) =>
    folder ? { state: 'ready' as const, name: folder.name } : { state: 'none' as const };
  const readRange = bridge.readRange?.bind(bridge);
  return {
    current: async (folderKey) => stateOf(await bridge.current(folderKey)),
    async choose(folderKey) {
      const chosen = await bridge.choose(folderKey);
      return chosen ? stateOf(chosen) : 'cancelled';
    },
    // A folder chosen in the native dialog needs no further permission.
    requestAccess: async (folderKey) => stateOf(await bridge.current(folderKey)),
    list: (folderKey) => bridge.list(folderKey),
    read: async (folderKey, name) => new Uint8Array(await bridge.read(folderKey, name)),
    ...(readRange ? { readRange } : {}),
    write: (folderKey, name, bytes) => bridge.write(folderKey, name, bytes),
  };
}
