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

/**
 * The most text (characters, all fields of base and mine together) a copy holds. Local storage is
 * written on the page's thread at every keystroke and holds a few million characters per origin:
 * past this a copy is not kept (the database save still runs), so typing stays quick and the
 * copies of several open forms fit.
 */
export const MAX_UNSAVED_COPY_CHARS = 400_000;

function textLength(fields: Record<string, string | null>): number {
  let length = 0;
  for (const value of Object.values(fields)) length += value?.length ?? 0;
  return length;
}

/** The key prefix of every copy for one record. */
export function unsavedPrefix(recordKind: string, recordKey: string): string {
  return `${PREFIX}${recordKind}:${recordKey}:`;
}

/**
 * Writes this form's copy, or removes it when `entry` is null. Returns whether a copy is kept. A
 * copy over MAX_UNSAVED_COPY_CHARS, or one that storage refuses (full, switched off), is not kept
 * and any older copy is removed (replayed later, an older copy would bring back older text): the
 * copy is a safety net, the database save still runs.
 */
export function writeUnsaved<K extends string>(storage: Storage | null, key: string, entry: UnsavedEntry<K> | null): boolean {
  if (!storage) return false;
  try {
    if (entry !== null && textLength(entry.base) + textLength(entry.mine) <= MAX_UNSAVED_COPY_CHARS) {
      storage.setItem(key, JSON.stringify(entry));
      return true;
    }
  } catch {
    // Not kept: fall through to remove any older copy.
  }
  try {
    storage.removeItem(key);
  } catch {
    // Storage that cannot even remove is switched off: nothing is kept in it.
  }
  return false;
}

function isFields<K extends string>(value: unknown, fields: readonly K[]): value is UnsavedFields<K> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const record = value as Record<string, unknown>;
  return fields.every((field) => Object.hasOwn(record, field) && (typeof record[field] === 'string' || record[field] === null));
}

function withFieldsAddedSince<K extends string>(base: unknown, mine: unknown, fields: readonly K[]): [unknown, unknown] {
  if (typeof base !== 'object' || base === null || typeof mine !== 'object' || mine === null) return [base, mine];
  const missing = fields.filter((field) => !Object.hasOwn(base, field) && !Object.hasOwn(mine, field));
  if (missing.length === 0) return [base, mine];
  const nulls = Object.fromEntries(missing.map((field) => [field, null]));
  return [
    { ...base, ...nulls },
    { ...mine, ...nulls },
  ];
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
  const { base: keptBase, mine: keptMine, at } = value as Record<string, unknown>;
  // A copy kept by an earlier build lacks the fields a form gained since: it did not change them,
  // so they read as unchanged (absent from both sides), and the rest of the copy is still saved.
  const [base, mine] = withFieldsAddedSince(keptBase, keptMine, fields);
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
