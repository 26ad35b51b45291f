import type { MenuItemConstructorOptions } from 'electron';
import { acceleratorOn, KEYBOARD_SHORTCUTS, shortcutPlatform, type MenuCommand } from '../shared/desktop/menu-commands';

export interface AppMenuOptions {
  platform: NodeJS.Platform;
  appName: string;
  /** Development builds (not packaged) get Reload and the developer tools. */
  isDevelopment: boolean;
  /** Passes a command to the page (main.ts sends it on IPC.menuCommand). */
  send: (command: MenuCommand) => void;
  /** Shows the About box: version and data folder. */
  showAbout: () => void;
}

const separator: MenuItemConstructorOptions = { type: 'separator' };

/**
 * The native menu bar as plain Electron menu template objects. The page's own commands go out
 * through `send` with an id from the closed MENU_COMMANDS list; editing, zoom and window items
 * use Electron's roles, so they work in every text field without the page's help. A command's
 * keys are the ones KEYBOARD_SHORTCUTS lists for it (and Help shows); a command it does not list
 * has none.
 */
export function buildAppMenuTemplate(options: AppMenuOptions): MenuItemConstructorOptions[] {
  const mac = options.platform === 'darwin';
  // Alt+letter mnemonics on Windows and Linux; macOS menus have none.
  const title = (label: string) => (mac ? label.replace('&', '') : label);
  const keysPlatform = shortcutPlatform(options.platform);
  const command = (label: string, id: MenuCommand): MenuItemConstructorOptions => {
    const shortcut = KEYBOARD_SHORTCUTS.find((candidate) => candidate.command === id);
    return { label, ...(shortcut ? { accelerator: acceleratorOn(shortcut, keysPlatform) } : {}), click: () => options.send(id) };
  };
  const about: MenuItemConstructorOptions = { label: `About ${options.appName}`, click: () => options.showAbout() };

  const appMenu: MenuItemConstructorOptions = {
    label: options.appName,
    submenu: [
      about,
      separator,
      { role: 'services' },
      separator,
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      separator,
      { role: 'quit' },
    ],
  };

  const fileMenu: MenuItemConstructorOptions = {
    label: title('&File'),
    submenu: [
      command('New evaluation', 'new-evaluation'),
      separator,
      command('Import submission…', 'import-submission'),
      command('Import moderation report…', 'import-moderation-report'),
      command('Export submission…', 'export-submission'),
      separator,
      command('Print portfolio…', 'print-portfolio'),
      separator,
      command('Back up…', 'back-up'),
      // No keys for Restore (KEYBOARD_SHORTCUTS lists none): it replaces the data on this computer, so it is never one slip away.
      command('Restore…', 'restore'),
      separator,
      // macOS quits from the app menu and closes the window here; elsewhere closing is quitting.
      mac ? { role: 'close' } : { role: 'quit', label: options.platform === 'win32' ? 'E&xit' : '&Quit' },
    ],
  };

  const editMenu: MenuItemConstructorOptions = {
    label: title('&Edit'),
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      separator,
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      separator,
      { role: 'selectAll' },
    ],
  };

  // Reloading mid-sentence would drop the last keystrokes before autosave: development only.
  const developmentItems: MenuItemConstructorOptions[] = options.isDevelopment
    ? [{ role: 'reload' }, { role: 'toggleDevTools' }, separator]
    : [];
  const viewMenu: MenuItemConstructorOptions = {
    label: title('&View'),
    submenu: [
      ...developmentItems,
      { role: 'resetZoom', label: 'Actual size' },
      { role: 'zoomIn', label: 'Make everything larger' },
      // Most keyboards need Shift for "+": the same command on "=", hidden from the menu.
      { role: 'zoomIn', accelerator: 'CmdOrCtrl+=', visible: false, acceleratorWorksWhenHidden: true },
      { role: 'zoomOut', label: 'Make everything smaller' },
      separator,
      { role: 'togglefullscreen' },
    ],
  };

  const helpMenu: MenuItemConstructorOptions = {
    label: title('&Help'),
    role: 'help',
    submenu: [command('Keyboard shortcuts', 'show-keyboard-shortcuts'), ...(mac ? [] : [separator, about])],
  };

  const windowMenu: MenuItemConstructorOptions = { role: 'windowMenu' };

  return mac ? [appMenu, fileMenu, editMenu, viewMenu, windowMenu, helpMenu] : [fileMenu, editMenu, viewMenu, helpMenu];
}
