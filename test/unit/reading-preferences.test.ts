import { describe, expect, it } from 'vitest';
import {
  applyReadingPreferences,
  loadReadingPreferences,
  readingFontReady,
  saveReadingPreferences,
  type PreferenceStorage,
} from '../../renderer/settings/reading-comfort/apply-reading-preferences';
import {
  DEFAULT_READING_PREFERENCES,
  FONT_CHOICES,
  FONT_FAMILY_NAMES,
  isDefaultReadingPreferences,
  parseReadingPreferences,
  READING_PREFERENCES_KEY,
  READING_SETTING_DESCRIPTIONS,
  READING_SETTINGS,
  readingAttributes,
  readingPreferencesFrom,
  serialiseReadingPreferences,
  withReadingSetting,
  type ReadingPreferences,
} from '../../renderer/settings/reading-comfort/reading-preferences';

const CHOSEN: ReadingPreferences = {
  font: 'opendyslexic',
  textSize: '200',
  lineSpacing: 'widest',
  tint: 'cream',
  theme: 'high-contrast',
  motion: 'reduce',
};

function memoryStorage(initial: Record<string, string> = {}): PreferenceStorage & { items: Map<string, string> } {
  const items = new Map(Object.entries(initial));
  return {
    items,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => {
      items.set(key, value);
    },
  };
}

describe('reading preferences: defaults and parsing', () => {
  it('defaults to the app as it has always looked', () => {
    expect(DEFAULT_READING_PREFERENCES).toEqual({
      font: 'system',
      textSize: '100',
      lineSpacing: 'normal',
      tint: 'none',
      theme: 'standard',
      motion: 'system',
    });
    expect(Object.isFrozen(DEFAULT_READING_PREFERENCES)).toBe(true);
    expect(isDefaultReadingPreferences({ ...DEFAULT_READING_PREFERENCES })).toBe(true);
    expect(isDefaultReadingPreferences(CHOSEN)).toBe(false);
  });

  it('gives the defaults when nothing, or nothing readable, is stored', () => {
    for (const stored of [null, '', 'not json', '{', 'null', '42', '"opendyslexic"', '[]', 'true']) {
      expect(parseReadingPreferences(stored), String(stored)).toEqual(DEFAULT_READING_PREFERENCES);
    }
  });

  it('reads back what it wrote', () => {
    const text = serialiseReadingPreferences(CHOSEN);
    expect(JSON.parse(text)).toEqual({ version: 1, ...CHOSEN });
    expect(parseReadingPreferences(text)).toEqual(CHOSEN);
  });

  it('replaces each unknown or malformed setting by its default, and keeps the rest', () => {
    const stored = JSON.stringify({
      version: 7,
      font: 'Comic Sans',
      textSize: 200,
      lineSpacing: 'widest',
      tint: 'CREAM',
      theme: 'high-contrast',
      motion: null,
      extra: 'ignored',
    });
    expect(parseReadingPreferences(stored)).toEqual({
      font: 'system',
      textSize: '100',
      lineSpacing: 'widest',
      tint: 'none',
      theme: 'high-contrast',
      motion: 'system',
    });
    expect(readingPreferencesFrom({ font: 'lexend' })).toEqual({ ...DEFAULT_READING_PREFERENCES, font: 'lexend' });
    expect(parseReadingPreferences('{"__proto__": {"font": "lexend"}}')).toEqual(DEFAULT_READING_PREFERENCES);
  });

  it('changes one setting only to one of its own choices', () => {
    const base = { ...DEFAULT_READING_PREFERENCES };
    expect(withReadingSetting(base, 'tint', 'blue')).toEqual({ ...base, tint: 'blue' });
    expect(withReadingSetting(base, 'tint', 'high-contrast')).toBe(base);
    expect(withReadingSetting(base, 'textSize', '300')).toBe(base);
    expect(base).toEqual(DEFAULT_READING_PREFERENCES);
  });

  it('carries every setting as a data attribute on the root element', () => {
    expect(readingAttributes(CHOSEN)).toEqual({
      'data-reading-font': 'opendyslexic',
      'data-text-size': '200',
      'data-line-spacing': 'widest',
      'data-tint': 'cream',
      'data-theme': 'high-contrast',
      'data-motion': 'reduce',
    });
    const set = new Map<string, string>();
    applyReadingPreferences(CHOSEN, { setAttribute: (name: string, value: string) => void set.set(name, value) });
    expect(Object.fromEntries(set)).toEqual(readingAttributes(CHOSEN));
  });

  it('describes every choice of every setting for Settings, each once, with a label', () => {
    expect(READING_SETTINGS).toEqual(['font', 'textSize', 'lineSpacing', 'tint', 'theme', 'motion']);
    for (const setting of READING_SETTINGS) {
      const description = READING_SETTING_DESCRIPTIONS[setting];
      expect(description.setting).toBe(setting);
      const values = description.options.map((o) => o.value);
      expect(new Set(values).size).toBe(values.length);
      expect(values).toContain(DEFAULT_READING_PREFERENCES[setting]);
      for (const value of values) expect(withReadingSetting(DEFAULT_READING_PREFERENCES, setting, value)[setting]).toBe(value);
      expect(description.options.every((o) => o.label.trim().length > 0)).toBe(true);
    }
    expect(READING_SETTING_DESCRIPTIONS.font.options.map((o) => o.value)).toEqual([...FONT_CHOICES]);
  });
});

describe('reading preferences: storage', () => {
  it('loads the defaults from empty storage, and what was saved after saving', () => {
    const storage = memoryStorage();
    expect(loadReadingPreferences(storage)).toEqual(DEFAULT_READING_PREFERENCES);
    expect(saveReadingPreferences(CHOSEN, storage)).toBe(true);
    expect([...storage.items.keys()]).toEqual([READING_PREFERENCES_KEY]);
    expect(READING_PREFERENCES_KEY).toBe('sen-accreditation.reading-comfort');
    expect(loadReadingPreferences(storage)).toEqual(CHOSEN);
  });

  it('falls back to the defaults when storage is missing or throws, and reports a failed save', () => {
    const failing: PreferenceStorage = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(loadReadingPreferences(failing)).toEqual(DEFAULT_READING_PREFERENCES);
    expect(loadReadingPreferences(null)).toEqual(DEFAULT_READING_PREFERENCES);
    expect(saveReadingPreferences(CHOSEN, failing)).toBe(false);
    expect(saveReadingPreferences(CHOSEN, null)).toBe(false);
  });
});

describe('reading preferences: waiting for the chosen font before the first screen', () => {
  it('waits for nothing with the system font', async () => {
    const asked: string[] = [];
    await readingFontReady(DEFAULT_READING_PREFERENCES, { load: async (font) => (asked.push(font), []) });
    expect(asked).toEqual([]);
    await expect(readingFontReady(CHOSEN, undefined)).resolves.toBeUndefined();
  });

  it('asks for the regular and bold faces of the chosen font', async () => {
    for (const font of FONT_CHOICES.filter((f) => f !== 'system')) {
      const asked: string[] = [];
      await readingFontReady({ ...DEFAULT_READING_PREFERENCES, font }, { load: async (spec) => (asked.push(spec), []) });
      expect(asked).toEqual([`400 1em "${FONT_FAMILY_NAMES[font]}"`, `700 1em "${FONT_FAMILY_NAMES[font]}"`]);
    }
  });

  it('gives up waiting after the time limit, and never rejects', async () => {
    const never = { load: () => new Promise<FontFace[]>(() => undefined) };
    const started = Date.now();
    await readingFontReady(CHOSEN, never, 30);
    expect(Date.now() - started).toBeLessThan(1000);
    await expect(readingFontReady(CHOSEN, { load: () => Promise.reject(new Error('no such font')) })).resolves.toBeUndefined();
  });
});
