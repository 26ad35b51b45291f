import { useCallback, useState } from 'react';
import { GUIDE_PREFERENCE_KEY, parseGuidePreference, type GuidePreference } from '../../shared/help/getting-started';

/** The part of Web Storage the preference needs, so tests can pass a fake or a failing one. */
export type GuidePreferenceStorage = Pick<Storage, 'getItem' | 'setItem'>;

/** This install's localStorage, or null where the page may not use it (storage disabled, sandboxed). */
function guideStorage(): GuidePreferenceStorage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** The stored choice about the getting-started guide; not chosen yet when storage cannot be read. */
export function loadGuidePreference(storage: GuidePreferenceStorage | null = guideStorage()): GuidePreference {
  try {
    return parseGuidePreference(storage?.getItem(GUIDE_PREFERENCE_KEY) ?? null);
  } catch {
    return 'unset';
  }
}

/** Stores the choice; false when it could not be written (storage full or disabled). */
export function saveGuidePreference(preference: GuidePreference, storage: GuidePreferenceStorage | null = guideStorage()): boolean {
  if (!storage) return false;
  try {
    storage.setItem(GUIDE_PREFERENCE_KEY, preference);
    return true;
  } catch {
    return false;
  }
}

/**
 * The guide preference for a screen: read once when the screen opens, and changed both on screen
 * and on this computer. If storage refuses the write, the screen still follows the choice until it closes.
 */
export function useGuidePreference(): [GuidePreference, (preference: GuidePreference) => void] {
  const [preference, setPreference] = useState<GuidePreference>(() => loadGuidePreference());
  const change = useCallback((next: GuidePreference) => {
    saveGuidePreference(next);
    setPreference(next);
  }, []);
  return [preference, change];
}
