import { createElectronPlatform } from './electron-platform';
import type { DesktopBridge, PlatformPort } from './platform-port';
import { createWebPlatform } from './web-platform';

declare const __APP_VERSION__: string;

export function choosePlatform(): PlatformPort {
  const bridge = (globalThis as { senDesktop?: DesktopBridge }).senDesktop;
  const version = typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : '0.0.0';
  return bridge ? createElectronPlatform(bridge) : createWebPlatform(version);
}
