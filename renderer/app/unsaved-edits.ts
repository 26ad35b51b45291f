/**
 * A copy of a form's unsaved changes, kept in the page's local storage from the moment they are
 * typed until they are saved. A browser can close a page before a database write finishes (the
 * person leaves despite the prompt, the tab is killed, the computer sleeps); local storage is
 * written at once, so the next time the record is opened the changes are found and saved then.
 *
 * Each open form writes under its own key (the record's key, then a form id), so two windows on
 * one record do not overwrite each other's copy. An entry holds what the form knew was stored
 * (`base`) and what it held (`mine`): replaying it is the three-way merge the lost save would
 * have made, so nothing saved since by another window is overwritten.
 */

export type UnsavedFields<K extends string> = Record<K, string | null>;

export interface UnsavedEntry<K extends string> {
  base: UnsavedFields<K>;
  mine: UnsavedFields<K>;
  /** When it was written (ISO time): entries are replayed oldest first. */
  at: string;
}

const PREFIX = 'sen-unsaved:';

/** The key prefix of every copy for one record. */
export function unsavedPrefix(recordKind: string, recordKey: string): string {
  return `${PREFIX}${recordKind}:${recordKey}:`;
}

/** Writes this form's copy, or removes it when `entry` is null. Storage that is full or switched off is not an error here: the copy is a safety net. */
export function writeUnsaved<K extends string>(storage: Storage | null, key: string, entry: UnsavedEntry<K> | null): void {
  if (!storage) return;
  try {
    if (entry === null) storage.removeItem(key);
    else storage.setItem(key, JSON.stringify(entry));
  } catch {
    // Nothing to do: the database save still runs.
  }
}

function isFields<K extends string>(value: unknown, fields: readonly K[]): value is UnsavedFields<K> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const record = value as Record<string, unknown>;
  return fields.every((field) => Object.hasOwn(record, field) && (typeof record[field] === 'string' || record[field] === null));
}

/** Parses one stored copy; anything not of the right shape is null. */
export function parseUnsaved<K extends string>(text: string | null, fields: readonly K[]): UnsavedEntry<K> | null {
  if (text === null) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const { base, mine, at } = value as Record<string, unknown>;
  if (!isFields(base, fields) || !isFields(mine, fields) || typeof at !== 'string') return null;
  return { base, mine, at };
}

/**
 * Every copy left for one record, oldest first, except `ownKey`. Copies that cannot be read are
 * removed, so they are not tried again.
 */
export function readUnsaved<K extends string>(
  storage: Storage | null,
  prefix: string,
  fields: readonly K[],
  ownKey: string,
): { key: string; entry: UnsavedEntry<K> }[] {
  if (!storage) return [];
  const found: { key: string; entry: UnsavedEntry<K> }[] = [];
  try {
    const keys: string[] = [];
    for (let index = 0; index < storage.length; index += 1) {
      const key = storage.key(index);
      if (key !== null && key.startsWith(prefix) && key !== ownKey) keys.push(key);
    }
    for (const key of keys) {
      const entry = parseUnsaved(storage.getItem(key), fields);
      if (entry) found.push({ key, entry });
      else storage.removeItem(key);
    }
  } catch {
    return found;
  }
  return found.sort((a, b) => (a.entry.at < b.entry.at ? -1 : a.entry.at > b.entry.at ? 1 : 0));
}

/** The page's local storage, or null where there is none (or it is switched off). */
export function pageStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}
