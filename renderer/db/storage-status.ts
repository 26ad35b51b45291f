/**
 * The browser's storage for this app: asking for persistent storage (so the browser does not clear
 * the data when the disk runs low) and how much space is used and left. Each function takes the
 * StorageManager as a parameter, so tests give it a stand-in; any of it may be missing.
 */
export type StorageManagerLike = Partial<Pick<StorageManager, 'persist' | 'persisted' | 'estimate'>>;

export type PersistenceState = 'granted' | 'not-granted' | 'unknown';

/** The share of the space that, once used, brings a warning. */
export const STORAGE_WARNING_FRACTION = 0.8;

function defaultStorage(): StorageManagerLike | undefined {
  return typeof navigator === 'undefined' ? undefined : navigator.storage;
}

/** Asks once at start-up; the browser decides (Chromium grants it to installed or much-used sites, and to the desktop app). */
export async function requestPersistentStorage(storage = defaultStorage()): Promise<PersistenceState> {
  try {
    if (!storage?.persisted || !storage.persist) return 'unknown';
    if (await storage.persisted()) return 'granted';
    return (await storage.persist()) ? 'granted' : 'not-granted';
  } catch {
    return 'unknown';
  }
}

export async function persistenceState(storage = defaultStorage()): Promise<PersistenceState> {
  try {
    if (!storage?.persisted) return 'unknown';
    return (await storage.persisted()) ? 'granted' : 'not-granted';
  } catch {
    return 'unknown';
  }
}

export interface StorageUse {
  usedBytes: number;
  /** What the browser lets this app use, in all. */
  quotaBytes: number;
  fractionUsed: number;
  nearlyFull: boolean;
}

export async function storageUse(storage = defaultStorage()): Promise<StorageUse | null> {
  try {
    if (!storage?.estimate) return null;
    const { usage, quota } = await storage.estimate();
    if (typeof usage !== 'number' || typeof quota !== 'number' || quota <= 0) return null;
    const fractionUsed = Math.min(1, usage / quota);
    return { usedBytes: usage, quotaBytes: quota, fractionUsed, nearlyFull: fractionUsed >= STORAGE_WARNING_FRACTION };
  } catch {
    return null;
  }
}
