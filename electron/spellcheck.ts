import type { Session } from 'electron';

/**
 * Spell checking without a single network request (the app makes none).
 *
 * On Windows and Linux Chromium's spell checker uses Hunspell dictionaries that Electron downloads
 * from a Google CDN (https://www.electronjs.org/docs/latest/tutorial/spellchecker), and it has been
 * seen downloading them even with the spell checker switched off
 * (https://github.com/electron/electron/issues/22995). macOS uses the system's own spell checker,
 * which is offline and downloads nothing.
 */
export interface SpellCheckSettings {
  /** The window's `spellcheck` web preference: red underlines while typing. */
  webPreference: boolean;
  /** session.setSpellCheckerEnabled(): the session-wide switch of the built-in spell checker. */
  sessionEnabled: boolean;
  /**
   * Where the session would download Hunspell dictionaries from, or null to leave it (macOS, where
   * the call does nothing). Port 0 on the loopback address cannot be connected to, so a download,
   * if one were still tried, fails on this computer: no name lookup, nothing leaves the machine.
   */
  dictionaryDownloadUrl: string | null;
}

export const UNREACHABLE_DICTIONARY_URL = 'http://127.0.0.1:0/';

/** Spell checking stays only where the system checks spelling itself (macOS); elsewhere it is off. */
export function spellCheckSettings(platform: NodeJS.Platform): SpellCheckSettings {
  if (platform === 'darwin') return { webPreference: true, sessionEnabled: true, dictionaryDownloadUrl: null };
  return { webPreference: false, sessionEnabled: false, dictionaryDownloadUrl: UNREACHABLE_DICTIONARY_URL };
}

/** Settings for a window where nobody types (the print window): off on every platform. */
export const NO_SPELL_CHECK: SpellCheckSettings = {
  webPreference: false,
  sessionEnabled: false,
  dictionaryDownloadUrl: UNREACHABLE_DICTIONARY_URL,
};

/** Applies the session half of the settings; call it before the session's first window opens. */
export function applySpellCheckSettings(
  session: Pick<Session, 'setSpellCheckerEnabled' | 'setSpellCheckerDictionaryDownloadURL'>,
  settings: SpellCheckSettings,
): void {
  // The URL first: should switching off ever start the spell-check service, it finds no CDN to use.
  if (settings.dictionaryDownloadUrl !== null) session.setSpellCheckerDictionaryDownloadURL(settings.dictionaryDownloadUrl);
  session.setSpellCheckerEnabled(settings.sessionEnabled);
}
