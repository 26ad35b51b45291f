/**
 * The commands the desktop app's native menus send to the page, and the keyboard shortcuts the
 * app offers. Pure data with no imports: the renderer, the main process (its menu) and the
 * sandboxed preload (bundled with it) all take them from here.
 */

/** The closed list of menu commands: anything else arriving from the menu channel is dropped. */
export const MENU_COMMANDS = [
  'new-evaluation',
  'import-submission',
  'import-moderation-report',
  'export-submission',
  'print-portfolio',
  'back-up',
  'restore',
  'show-keyboard-shortcuts',
] as const;

export type MenuCommand = (typeof MENU_COMMANDS)[number];

export function isMenuCommand(value: unknown): value is MenuCommand {
  return typeof value === 'string' && (MENU_COMMANDS as readonly string[]).includes(value);
}

/** Where a shortcut's keys differ: macOS, Windows, and everything else (Linux). */
export type ShortcutPlatform = 'mac' | 'windows' | 'linux';

/** Maps Node's `process.platform` (or a browser's guess at it) to a shortcut platform. */
export function shortcutPlatform(platform: string): ShortcutPlatform {
  if (platform === 'darwin' || /^mac/i.test(platform)) return 'mac';
  if (platform === 'win32' || /^win/i.test(platform)) return 'windows';
  return 'linux';
}

export type ShortcutGroup = 'File' | 'Edit' | 'View' | 'Help';

export interface KeyboardShortcut {
  /** The menu it sits in. */
  readonly group: ShortcutGroup;
  /** What the keys do, in plain words. */
  readonly action: string;
  /** In Electron's accelerator syntax ("CmdOrCtrl+Shift+O"). */
  readonly accelerator: string;
  /** Where macOS or Windows uses other keys than the accelerator above. */
  readonly platformAccelerators?: Partial<Record<ShortcutPlatform, string>>;
  /** The menu command the keys send, when the page handles them. */
  readonly command?: MenuCommand;
}

/**
 * Every keyboard shortcut of the desktop menus, in menu order, so Help can list them. The menu
 * template (electron/app-menu.ts) takes each command's keys from here. The Edit and View keys are
 * Electron's own for those roles.
 */
export const KEYBOARD_SHORTCUTS: readonly KeyboardShortcut[] = [
  { group: 'File', action: 'Start a new evaluation', accelerator: 'CmdOrCtrl+N', command: 'new-evaluation' },
  { group: 'File', action: 'Import a submission', accelerator: 'CmdOrCtrl+O', command: 'import-submission' },
  { group: 'File', action: 'Import a moderation report', accelerator: 'CmdOrCtrl+Shift+O', command: 'import-moderation-report' },
  { group: 'File', action: 'Export the submission', accelerator: 'CmdOrCtrl+E', command: 'export-submission' },
  { group: 'File', action: 'Print the portfolio', accelerator: 'CmdOrCtrl+P', command: 'print-portfolio' },
  { group: 'File', action: 'Back up now', accelerator: 'CmdOrCtrl+Shift+B', command: 'back-up' },
  { group: 'Edit', action: 'Undo', accelerator: 'CmdOrCtrl+Z' },
  { group: 'Edit', action: 'Redo', accelerator: 'CmdOrCtrl+Shift+Z', platformAccelerators: { windows: 'Ctrl+Y' } },
  { group: 'Edit', action: 'Cut', accelerator: 'CmdOrCtrl+X' },
  { group: 'Edit', action: 'Copy', accelerator: 'CmdOrCtrl+C' },
  { group: 'Edit', action: 'Paste', accelerator: 'CmdOrCtrl+V' },
  { group: 'Edit', action: 'Select all', accelerator: 'CmdOrCtrl+A' },
  { group: 'View', action: 'Actual size', accelerator: 'CmdOrCtrl+0' },
  { group: 'View', action: 'Make everything larger', accelerator: 'CmdOrCtrl+Plus' },
  { group: 'View', action: 'Make everything smaller', accelerator: 'CmdOrCtrl+-' },
  { group: 'View', action: 'Full screen on or off', accelerator: 'F11', platformAccelerators: { mac: 'Ctrl+Cmd+F' } },
  { group: 'Help', action: 'Show keyboard shortcuts', accelerator: 'CmdOrCtrl+/', command: 'show-keyboard-shortcuts' },
];

/** The accelerator a shortcut uses on a platform. */
export function acceleratorOn(shortcut: KeyboardShortcut, platform: ShortcutPlatform): string {
  return shortcut.platformAccelerators?.[platform] ?? shortcut.accelerator;
}

const MAC_MODIFIER_ORDER = ['⌃', '⌥', '⇧', '⌘'];
const PC_MODIFIER_ORDER = ['Ctrl', 'Alt', 'Shift'];

/**
 * A person's label for an accelerator: "Ctrl+Shift+O" on Windows and Linux, "⇧⌘O" on macOS
 * (modifiers in Apple's order, no separators).
 */
export function formatAccelerator(accelerator: string, platform: ShortcutPlatform): string {
  const mac = platform === 'mac';
  const modifiers: string[] = [];
  let key = '';
  for (const token of accelerator.split('+')) {
    switch (token.toLowerCase()) {
      case 'cmdorctrl':
      case 'commandorcontrol':
        modifiers.push(mac ? '⌘' : 'Ctrl');
        break;
      case 'cmd':
      case 'command':
      case 'super':
      case 'meta':
        modifiers.push(mac ? '⌘' : 'Win');
        break;
      case 'ctrl':
      case 'control':
        modifiers.push(mac ? '⌃' : 'Ctrl');
        break;
      case 'alt':
      case 'option':
        modifiers.push(mac ? '⌥' : 'Alt');
        break;
      case 'shift':
        modifiers.push(mac ? '⇧' : 'Shift');
        break;
      case 'plus':
        key = mac ? '+' : 'Plus';
        break;
      case '-':
        key = mac ? '-' : 'Minus';
        break;
      default:
        key = token.length === 1 ? token.toUpperCase() : token;
    }
  }
  const order = mac ? MAC_MODIFIER_ORDER : PC_MODIFIER_ORDER;
  const rank = (modifier: string) => {
    const index = order.indexOf(modifier);
    return index === -1 ? order.length : index;
  };
  const sorted = [...new Set(modifiers)].sort((a, b) => rank(a) - rank(b));
  return mac ? `${sorted.join('')}${key}` : [...sorted, key].join('+');
}
