import { useEffect, useRef } from 'react';
import type { MenuCommand } from '../../shared/desktop/menu-commands';
import type { PlatformPort } from './platform-port';

/** What to do for each native menu command; commands with no handler are ignored. */
export type MenuCommandHandlers = Partial<Record<MenuCommand, () => void>>;

/**
 * Runs the matching handler whenever a native menu command arrives (desktop only; the web has no
 * native menus, so nothing happens there). Subscribes once per platform: the handlers may be new
 * functions on every render without resubscribing.
 */
export function useMenuCommands(platform: PlatformPort, handlers: MenuCommandHandlers): void {
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });
  useEffect(() => {
    if (!platform.onMenuCommand) return undefined;
    return platform.onMenuCommand((command) => latest.current[command]?.());
  }, [platform]);
}
