import {
  FONT_FAMILY_NAMES,
  parseReadingPreferences,
  READING_PREFERENCES_KEY,
  readingAttributes,
  serialiseReadingPreferences,
  type ReadingPreferences,
} from './reading-preferences';

/** The part of Web Storage the preferences need, so tests can pass a fake or a failing one. */
export type PreferenceStorage = Pick<Storage, 'getItem' | 'setItem'>;

/** This install's localStorage, or null where the page may not use it (storage disabled, sandboxed). */
export function readingStorage(): PreferenceStorage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** The stored preferences; the defaults when nothing usable is stored or storage cannot be read. */
export function loadReadingPreferences(storage: PreferenceStorage | null = readingStorage()): ReadingPreferences {
  try {
    return parseReadingPreferences(storage?.getItem(READING_PREFERENCES_KEY) ?? null);
  } catch {
    return parseReadingPreferences(null);
  }
}

/** Stores the preferences; false when they could not be written (storage full or disabled). */
export function saveReadingPreferences(preferences: ReadingPreferences, storage: PreferenceStorage | null = readingStorage()): boolean {
  if (!storage) return false;
  try {
    storage.setItem(READING_PREFERENCES_KEY, serialiseReadingPreferences(preferences));
    return true;
  } catch {
    return false;
  }
}

/** Puts the preferences on the root element as data attributes, where reading-comfort.css applies them. */
export function applyReadingPreferences(
  preferences: ReadingPreferences,
  root: Pick<Element, 'setAttribute'> = document.documentElement,
): void {
  for (const [name, value] of Object.entries(readingAttributes(preferences))) root.setAttribute(name, value);
}

/**
 * Resolves once the chosen font's regular and bold faces have loaded, or after `timeoutMs`, so the
 * first screen can be drawn in that font rather than swapping to it. Never rejects.
 */
export async function readingFontReady(
  preferences: ReadingPreferences,
  fonts: Pick<FontFaceSet, 'load'> | undefined,
  timeoutMs = 1500,
): Promise<void> {
  const family = FONT_FAMILY_NAMES[preferences.font];
  if (!family || !fonts) return;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, timeoutMs);
  });
  const loaded = Promise.all([fonts.load(`400 1em "${family}"`), fonts.load(`700 1em "${family}"`)]).then(
    () => undefined,
    () => undefined,
  );
  try {
    await Promise.race([loaded, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
