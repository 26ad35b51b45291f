import { isMenuCommand } from '../../shared/desktop/menu-commands';
import type { DesktopBridge, PlatformPort } from './platform-port';

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
