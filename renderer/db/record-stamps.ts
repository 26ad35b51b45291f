import { isoDateInEngland } from '../../shared/formats/en-gb-dates';

/** A new record's id. */
export function newId(): string {
  return globalThis.crypto.randomUUID();
}

/** The time a record is stamped with (ISO 8601, UTC); its first ten characters are today's date. */
export function nowIso(): string {
  return new Date().toISOString();
}

/** Today's date in England (yyyy-mm-dd): the day due dates and overdue marks are judged against. */
export function todayIso(): string {
  return isoDateInEngland(new Date());
}
