/** A new record's id. */
export function newId(): string {
  return globalThis.crypto.randomUUID();
}

/** The time a record is stamped with (ISO 8601, UTC); its first ten characters are today's date. */
export function nowIso(): string {
  return new Date().toISOString();
}
