/**
 * Reading comfort: the font, text size, line spacing, background tint, theme and motion a reader
 * chooses in Settings. Pure data and functions: no DOM, no storage (see apply-reading-preferences.ts).
 *
 * Stored per install as JSON; anything unknown or malformed in what is read back falls back, one
 * setting at a time, to its default, so a damaged or older value never stops the app from starting.
 */

export const READING_PREFERENCES_KEY = 'sen-accreditation.reading-comfort';

/** The version written with the stored value, so a later format can tell old values apart. */
export const READING_PREFERENCES_VERSION = 1;

export const FONT_CHOICES = ['system', 'atkinson-hyperlegible', 'opendyslexic', 'lexend'] as const;
export const TEXT_SIZE_CHOICES = ['100', '125', '150', '200'] as const;
export const LINE_SPACING_CHOICES = ['normal', 'wider', 'widest'] as const;
export const TINT_CHOICES = ['none', 'cream', 'blue'] as const;
export const THEME_CHOICES = ['standard', 'high-contrast'] as const;
export const MOTION_CHOICES = ['system', 'reduce'] as const;

export type FontChoice = (typeof FONT_CHOICES)[number];
export type TextSizeChoice = (typeof TEXT_SIZE_CHOICES)[number];
export type LineSpacingChoice = (typeof LINE_SPACING_CHOICES)[number];
export type TintChoice = (typeof TINT_CHOICES)[number];
export type ThemeChoice = (typeof THEME_CHOICES)[number];
export type MotionChoice = (typeof MOTION_CHOICES)[number];

export interface ReadingPreferences {
  font: FontChoice;
  textSize: TextSizeChoice;
  lineSpacing: LineSpacingChoice;
  tint: TintChoice;
  theme: ThemeChoice;
  motion: MotionChoice;
}

export type ReadingSetting = keyof ReadingPreferences;

export const DEFAULT_READING_PREFERENCES: Readonly<ReadingPreferences> = Object.freeze({
  font: 'system',
  textSize: '100',
  lineSpacing: 'normal',
  tint: 'none',
  theme: 'standard',
  motion: 'system',
});

const CHOICES: { readonly [K in ReadingSetting]: readonly ReadingPreferences[K][] } = {
  font: FONT_CHOICES,
  textSize: TEXT_SIZE_CHOICES,
  lineSpacing: LINE_SPACING_CHOICES,
  tint: TINT_CHOICES,
  theme: THEME_CHOICES,
  motion: MOTION_CHOICES,
};

export const READING_SETTINGS: readonly ReadingSetting[] = ['font', 'textSize', 'lineSpacing', 'tint', 'theme', 'motion'];

/** The font-family name each bundled font registers (see reading-fonts.css); null for the system font. */
export const FONT_FAMILY_NAMES: Readonly<Record<FontChoice, string | null>> = {
  system: null,
  'atkinson-hyperlegible': 'Atkinson Hyperlegible',
  opendyslexic: 'OpenDyslexic',
  lexend: 'Lexend',
};

export interface ReadingOption<V extends string> {
  value: V;
  label: string;
  hint?: string;
}

export interface ReadingSettingDescription<K extends ReadingSetting> {
  setting: K;
  legend: string;
  hint?: string;
  options: readonly ReadingOption<ReadingPreferences[K]>[];
}

/** What Settings shows for each setting, in order: a legend, an optional hint and the options. */
export const READING_SETTING_DESCRIPTIONS: { readonly [K in ReadingSetting]: ReadingSettingDescription<K> } = {
  font: {
    setting: 'font',
    legend: 'Font',
    hint: 'All fonts come with the app; nothing is downloaded.',
    options: [
      { value: 'system', label: 'The app’s standard font', hint: 'Your computer’s own system font.' },
      { value: 'atkinson-hyperlegible', label: 'Atkinson Hyperlegible', hint: 'Letters that are hard to mistake for each other.' },
      { value: 'opendyslexic', label: 'OpenDyslexic', hint: 'Heavier letter bottoms, designed with dyslexic readers in mind.' },
      { value: 'lexend', label: 'Lexend', hint: 'Wide letters and spacing, designed for reading fluency.' },
    ],
  },
  textSize: {
    setting: 'textSize',
    legend: 'Text size',
    options: [
      { value: '100', label: 'Standard (100%)' },
      { value: '125', label: 'Larger (125%)' },
      { value: '150', label: 'Large (150%)' },
      { value: '200', label: 'Largest (200%)' },
    ],
  },
  lineSpacing: {
    setting: 'lineSpacing',
    legend: 'Line spacing',
    options: [
      { value: 'normal', label: 'Normal' },
      { value: 'wider', label: 'Wider (1.8 lines)' },
      { value: 'widest', label: 'Widest (2.1 lines)' },
    ],
  },
  tint: {
    setting: 'tint',
    legend: 'Background tint',
    hint: 'A tinted background can make text easier to read for some people.',
    options: [
      { value: 'none', label: 'None (white)' },
      { value: 'cream', label: 'Cream' },
      { value: 'blue', label: 'Pale blue' },
    ],
  },
  theme: {
    setting: 'theme',
    legend: 'Colours',
    options: [
      { value: 'standard', label: 'Standard colours' },
      { value: 'high-contrast', label: 'High contrast', hint: 'Black text, strong borders and underlined links.' },
    ],
  },
  motion: {
    setting: 'motion',
    legend: 'Motion',
    options: [
      { value: 'system', label: 'Follow my computer’s setting' },
      { value: 'reduce', label: 'Always reduce motion', hint: 'No animations, transitions or smooth scrolling.' },
    ],
  },
};

function isChoice<K extends ReadingSetting>(setting: K, value: unknown): value is ReadingPreferences[K] {
  return typeof value === 'string' && (CHOICES[setting] as readonly string[]).includes(value);
}

function choiceOrDefault<K extends ReadingSetting>(setting: K, value: unknown): ReadingPreferences[K] {
  return isChoice(setting, value) ? value : DEFAULT_READING_PREFERENCES[setting];
}

/** Reading preferences from any value (parsed JSON, or anything else): each unknown setting takes its default. */
export function readingPreferencesFrom(value: unknown): ReadingPreferences {
  const record: Partial<Readonly<Record<ReadingSetting, unknown>>> = typeof value === 'object' && value !== null ? value : {};
  return {
    font: choiceOrDefault('font', record.font),
    textSize: choiceOrDefault('textSize', record.textSize),
    lineSpacing: choiceOrDefault('lineSpacing', record.lineSpacing),
    tint: choiceOrDefault('tint', record.tint),
    theme: choiceOrDefault('theme', record.theme),
    motion: choiceOrDefault('motion', record.motion),
  };
}

/** Reading preferences from the stored text (or null when nothing is stored); never throws. */
export function parseReadingPreferences(stored: string | null): ReadingPreferences {
  if (stored === null) return { ...DEFAULT_READING_PREFERENCES };
  try {
    return readingPreferencesFrom(JSON.parse(stored) as unknown);
  } catch {
    return { ...DEFAULT_READING_PREFERENCES };
  }
}

export function serialiseReadingPreferences(preferences: ReadingPreferences): string {
  const clean = readingPreferencesFrom(preferences);
  return JSON.stringify({ version: READING_PREFERENCES_VERSION, ...clean });
}

/** A copy with one setting changed; a value that is not one of that setting's choices changes nothing. */
export function withReadingSetting<K extends ReadingSetting>(
  preferences: ReadingPreferences,
  setting: K,
  value: string,
): ReadingPreferences {
  return isChoice(setting, value) ? { ...preferences, [setting]: value } : preferences;
}

export function isDefaultReadingPreferences(preferences: ReadingPreferences): boolean {
  return READING_SETTINGS.every((setting) => preferences[setting] === DEFAULT_READING_PREFERENCES[setting]);
}

/**
 * The data attributes that carry the preferences on the root element, where reading-comfort.css
 * picks them up: `data-reading-font="opendyslexic"` and so on.
 */
export function readingAttributes(preferences: ReadingPreferences): Record<string, string> {
  return {
    'data-reading-font': preferences.font,
    'data-text-size': preferences.textSize,
    'data-line-spacing': preferences.lineSpacing,
    'data-tint': preferences.tint,
    'data-theme': preferences.theme,
    'data-motion': preferences.motion,
  };
}
