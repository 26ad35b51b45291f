import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { aboutDialogOptions, aboutMessage } from '../../electron/about';
import { buildAppMenuTemplate, type AppMenuOptions } from '../../electron/app-menu';
import {
  acceleratorOn,
  formatAccelerator,
  isMenuCommand,
  KEYBOARD_SHORTCUTS,
  MENU_COMMANDS,
  shortcutPlatform,
  type MenuCommand,
} from '../../shared/desktop/menu-commands';

const PLATFORMS: NodeJS.Platform[] = ['darwin', 'win32', 'linux'];

function build(overrides: Partial<AppMenuOptions> = {}) {
  const sent: MenuCommand[] = [];
  const showAbout = vi.fn();
  const template = buildAppMenuTemplate({
    platform: 'linux',
    appName: 'SEN Accreditation',
    isDevelopment: false,
    send: (command) => sent.push(command),
    showAbout,
    ...overrides,
  });
  return { template, sent, showAbout };
}

function submenu(item: MenuItemConstructorOptions | undefined): MenuItemConstructorOptions[] {
  return Array.isArray(item?.submenu) ? item.submenu : [];
}

function allItems(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((item) => [item, ...allItems(submenu(item))]);
}

const plain = (label: string | undefined) => (label ?? '').replace('&', '');
const menuNamed = (template: MenuItemConstructorOptions[], name: string) => template.find((item) => plain(item.label) === name);
const click = (item: MenuItemConstructorOptions | undefined) => (item?.click as (() => void) | undefined)?.();

/** Accelerators as Electron reads them on Windows and Linux, where CmdOrCtrl is Ctrl. */
const normalise = (accelerator: string) =>
  accelerator
    .split('+')
    .map((part) => part.toLowerCase().replace(/^(cmdorctrl|commandorcontrol|control)$/, 'ctrl'))
    .sort()
    .join('+');

// The keys Electron's Edit, View and window roles use: the page's commands must not take them.
const ROLE_ACCELERATORS = [
  'CmdOrCtrl+Z',
  'CmdOrCtrl+Shift+Z',
  'Ctrl+Y',
  'CmdOrCtrl+X',
  'CmdOrCtrl+C',
  'CmdOrCtrl+V',
  'CmdOrCtrl+A',
  'CmdOrCtrl+0',
  'CmdOrCtrl+Plus',
  'CmdOrCtrl+-',
  'CmdOrCtrl+R',
  'CmdOrCtrl+Shift+R',
  'CmdOrCtrl+Shift+I',
  'CmdOrCtrl+Q',
  'CmdOrCtrl+W',
  'CmdOrCtrl+M',
  'CmdOrCtrl+H',
  'F11',
].map(normalise);

describe('the native menu', () => {
  it.each(PLATFORMS)('has every File item on %s', (platform) => {
    const { template } = build({ platform });
    const labels = submenu(menuNamed(template, 'File')).map((item) => item.label);
    expect(labels).toEqual(
      expect.arrayContaining([
        'New evaluation',
        'Import submission…',
        'Import moderation report…',
        'Export submission…',
        'Print portfolio…',
        'Back up…',
        'Restore…',
      ]),
    );
    const last = submenu(menuNamed(template, 'File')).at(-1);
    expect(last?.role).toBe(platform === 'darwin' ? 'close' : 'quit');
    if (platform === 'win32') expect(last?.label).toBe('E&xit');
  });

  it.each(PLATFORMS)('sends every menu command, and only through send, on %s', (platform) => {
    const { template, sent, showAbout } = build({ platform });
    for (const item of allItems(template)) if (item.click && !plain(item.label).startsWith('About')) click(item);
    expect([...sent].sort()).toEqual([...MENU_COMMANDS].sort());
    expect(showAbout).not.toHaveBeenCalled();
  });

  it.each(PLATFORMS)('has unique accelerators that leave the Edit and View keys alone on %s', (platform) => {
    const { template } = build({ platform, isDevelopment: true });
    const accelerators = allItems(template).flatMap((item) => (item.accelerator ? [normalise(item.accelerator)] : []));
    expect(new Set(accelerators).size).toBe(accelerators.length);
    const commandKeys = allItems(template).flatMap((item) => (item.accelerator && !item.role ? [normalise(item.accelerator)] : []));
    expect(commandKeys.length).toBeGreaterThanOrEqual(6);
    for (const key of commandKeys) expect(ROLE_ACCELERATORS).not.toContain(key);
  });

  it('binds the accelerators Help lists, and the platform roles', () => {
    const { template } = build();
    const file = submenu(menuNamed(template, 'File'));
    expect(file.find((item) => item.label === 'New evaluation')?.accelerator).toBe('CmdOrCtrl+N');
    expect(file.find((item) => item.label === 'Import submission…')?.accelerator).toBe('CmdOrCtrl+O');
    expect(file.find((item) => item.label === 'Export submission…')?.accelerator).toBe('CmdOrCtrl+E');
    expect(file.find((item) => item.label === 'Print portfolio…')?.accelerator).toBe('CmdOrCtrl+P');
    expect(file.find((item) => item.label === 'Restore…')?.accelerator).toBeUndefined();

    // Every command shortcut Help lists is the one its menu item binds, and the other way round.
    const { template: probe, sent } = build();
    const bound = new Map<string, string>();
    for (const item of allItems(probe)) {
      if (!item.accelerator || item.role) continue;
      click(item);
      bound.set(sent.at(-1) ?? '', item.accelerator);
    }
    const listed = KEYBOARD_SHORTCUTS.filter((shortcut) => shortcut.command);
    expect(Object.fromEntries(listed.map((shortcut) => [shortcut.command, shortcut.accelerator]))).toEqual(Object.fromEntries(bound));

    expect(submenu(menuNamed(template, 'Edit')).flatMap((item) => (item.role ? [item.role] : []))).toEqual([
      'undo',
      'redo',
      'cut',
      'copy',
      'paste',
      'selectAll',
    ]);
    const viewRoles = submenu(menuNamed(template, 'View')).map((item) => item.role);
    expect(viewRoles).toEqual(expect.arrayContaining(['resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen']));
  });

  it('reloads and opens developer tools only in development', () => {
    const production = allItems(build({ isDevelopment: false }).template).map((item) => item.role);
    expect(production).not.toContain('reload');
    expect(production).not.toContain('forceReload');
    expect(production).not.toContain('toggleDevTools');
    const development = allItems(build({ isDevelopment: true }).template).map((item) => item.role);
    expect(development).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']));
  });

  it('puts the app menu first on macOS, with About and Quit', () => {
    const { template, showAbout } = build({ platform: 'darwin' });
    expect(template.map((item) => item.label ?? item.role)).toEqual(['SEN Accreditation', 'File', 'Edit', 'View', 'windowMenu', 'Help']);
    const appMenu = submenu(template[0]);
    expect(appMenu.at(-1)?.role).toBe('quit');
    click(appMenu.find((item) => item.label === 'About SEN Accreditation'));
    expect(showAbout).toHaveBeenCalledTimes(1);
    // No About in Help on macOS (it is in the app menu), and no mnemonics.
    expect(submenu(menuNamed(template, 'Help')).map((item) => item.label)).toEqual(['Keyboard shortcuts']);
    expect(template.some((item) => item.label?.includes('&'))).toBe(false);
  });

  it.each(['win32', 'linux'] as const)('starts with File and has About in Help on %s', (platform) => {
    const { template, showAbout } = build({ platform });
    expect(template.map((item) => item.label)).toEqual(['&File', '&Edit', '&View', '&Help']);
    click(submenu(menuNamed(template, 'Help')).find((item) => item.label === 'About SEN Accreditation'));
    expect(showAbout).toHaveBeenCalledTimes(1);
  });
});

describe('menu commands and keyboard shortcuts', () => {
  it('recognises only the closed list', () => {
    for (const command of MENU_COMMANDS) expect(isMenuCommand(command)).toBe(true);
    for (const other of ['', 'delete-everything', 'NEW-EVALUATION', 'toString', '__proto__', 42, null, undefined, { command: 'back-up' }]) {
      expect(isMenuCommand(other)).toBe(false);
    }
  });

  it('formats accelerators for people on each platform', () => {
    expect(formatAccelerator('CmdOrCtrl+N', 'windows')).toBe('Ctrl+N');
    expect(formatAccelerator('CmdOrCtrl+N', 'mac')).toBe('⌘N');
    expect(formatAccelerator('CmdOrCtrl+Shift+O', 'linux')).toBe('Ctrl+Shift+O');
    expect(formatAccelerator('CmdOrCtrl+Shift+O', 'mac')).toBe('⇧⌘O');
    expect(formatAccelerator('Shift+CmdOrCtrl+z', 'mac')).toBe('⇧⌘Z');
    expect(formatAccelerator('Ctrl+Cmd+F', 'mac')).toBe('⌃⌘F');
    expect(formatAccelerator('CmdOrCtrl+Plus', 'windows')).toBe('Ctrl+Plus');
    expect(formatAccelerator('CmdOrCtrl+Plus', 'mac')).toBe('⌘+');
    expect(formatAccelerator('CmdOrCtrl+-', 'linux')).toBe('Ctrl+Minus');
    expect(formatAccelerator('CmdOrCtrl+/', 'windows')).toBe('Ctrl+/');
    expect(formatAccelerator('Alt+F4', 'windows')).toBe('Alt+F4');
    expect(formatAccelerator('F11', 'linux')).toBe('F11');
  });

  it('lists platform differences and maps platform names', () => {
    const redo = KEYBOARD_SHORTCUTS.find((shortcut) => shortcut.action === 'Redo');
    expect(redo && formatAccelerator(acceleratorOn(redo, 'windows'), 'windows')).toBe('Ctrl+Y');
    expect(redo && formatAccelerator(acceleratorOn(redo, 'mac'), 'mac')).toBe('⇧⌘Z');
    expect(shortcutPlatform('darwin')).toBe('mac');
    expect(shortcutPlatform('MacIntel')).toBe('mac');
    expect(shortcutPlatform('win32')).toBe('windows');
    expect(shortcutPlatform('Win32')).toBe('windows');
    expect(shortcutPlatform('linux')).toBe('linux');
    const keys = KEYBOARD_SHORTCUTS.map((shortcut) => normalise(shortcut.accelerator));
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('About', () => {
  const details = {
    appName: 'SEN Accreditation',
    version: '0.1.0',
    dataFolder: 'C:\\Users\\senco\\AppData\\Roaming\\SEN Accreditation',
    electron: '45.4.1',
    chrome: '140.0.7339.41',
    node: '22.19.0',
  };

  it('shows the version, the data folder and the runtime versions', () => {
    const message = aboutMessage(details);
    expect(message.split('\n')[0]).toBe('SEN Accreditation');
    expect(message).toContain('Version 0.1.0');
    expect(message).toContain(`\n${details.dataFolder}\n`);
    expect(message).toContain('Electron 45.4.1, Chromium 140.0.7339.41, Node.js 22.19.0');
  });

  it('makes message box options with the name as the message', () => {
    const options = aboutDialogOptions(details);
    expect(options).toMatchObject({ type: 'info', title: 'About SEN Accreditation', message: 'SEN Accreditation', buttons: ['OK'] });
    expect(options.detail.startsWith('Version 0.1.0')).toBe(true);
    expect(options.detail).toContain(details.dataFolder);
  });
});
