import type { DesktopBridge, PlatformPort } from './platform-port';

export function createElectronPlatform(bridge: DesktopBridge): PlatformPort {
  return {
    kind: 'desktop',
    appVersion: () => bridge.appVersion,
    async saveFile(suggestedName, data) {
      return bridge.saveFile(suggestedName, new Uint8Array(await data.arrayBuffer()));
    },
  };
}
