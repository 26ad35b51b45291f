/*
 * Telling whether data read again is the same as what was read before, so a screen following a
 * read live keeps what it drew from the last answer when the new answer changes nothing.
 */

/**
 * True when `a` and `b` hold the same plain data: the same primitives, arrays of the same length
 * with equal items, and plain objects with the same own keys and equal values. Anything else (a
 * Date, a Blob, a typed array, a class instance) is equal only to itself, so a record holding one
 * is never taken for unchanged when it may have changed.
 */
export function samePlainData(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i += 1) if (!samePlainData(a[i], b[i])) return false;
    return true;
  }
  if (!isPlainObject(a) || !isPlainObject(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const key of keys) {
    if (!Object.prototype.hasOwnProperty.call(b, key) || !samePlainData(a[key], b[key])) return false;
  }
  return true;
}

function isPlainObject(value: object): value is Record<string, unknown> {
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * The next answer of a read, with every part (each own property of an object answer) that holds
 * the same data as the previous answer's replaced by the previous one, and the previous answer
 * itself when nothing changed. So a part that did not change keeps its identity, and what a screen
 * worked out from it, or drew from it, can be kept too.
 */
export function keepUnchanged<T>(previous: T | undefined, next: T): T {
  if (previous === undefined) return next;
  if (samePlainData(previous, next)) return previous;
  if (!isObjectAnswer(previous) || !isObjectAnswer(next)) return next;
  const kept: Record<string, unknown> = { ...next };
  for (const key of Object.keys(next)) {
    if (Object.prototype.hasOwnProperty.call(previous, key) && samePlainData(previous[key], next[key])) kept[key] = previous[key];
  }
  return kept as T;
}

function isObjectAnswer(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && isPlainObject(value);
}
