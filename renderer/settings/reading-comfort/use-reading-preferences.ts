import { useCallback, useState } from 'react';
import { applyReadingPreferences, loadReadingPreferences, saveReadingPreferences } from './apply-reading-preferences';
import { DEFAULT_READING_PREFERENCES, withReadingSetting, type ReadingPreferences, type ReadingSetting } from './reading-preferences';

export const SAVED_MESSAGE = 'Reading settings saved.';
export const RESET_MESSAGE = 'Reading settings reset to the defaults and saved.';
export const NOT_SAVED_MESSAGE = 'Reading settings changed, but this computer would not store them: they will be lost when the app closes.';

export interface Announcement {
  text: string;
  /** Counts announcements, so the same words said twice are a new message to screen readers. */
  count: number;
}

/**
 * The reading preferences as state: each change is applied to the page at once, stored for this
 * install, and described in an announcement for a polite live region.
 */
export function useReadingPreferences(): {
  preferences: ReadingPreferences;
  announcement: Announcement | null;
  change: (setting: ReadingSetting, value: string) => void;
  reset: () => void;
} {
  const [preferences, setPreferences] = useState<ReadingPreferences>(() => loadReadingPreferences());
  const [announcement, setAnnouncement] = useState<Announcement | null>(null);

  const commit = useCallback((next: ReadingPreferences, message: string) => {
    applyReadingPreferences(next);
    const stored = saveReadingPreferences(next);
    setPreferences(next);
    setAnnouncement((previous) => ({ text: stored ? message : NOT_SAVED_MESSAGE, count: (previous?.count ?? 0) + 1 }));
  }, []);

  const change = useCallback(
    (setting: ReadingSetting, value: string) => commit(withReadingSetting(preferences, setting, value), SAVED_MESSAGE),
    [commit, preferences],
  );
  const reset = useCallback(() => commit({ ...DEFAULT_READING_PREFERENCES }, RESET_MESSAGE), [commit]);

  return { preferences, announcement, change, reset };
}
