import { isoDateInEngland } from './en-gb-dates';

/*
 * The school year in England runs from September to August: an evaluation made on 20 November
 * 2026 belongs to the academic year "2026 to 2027", one made on 30 June 2027 to the same year.
 */

/** The first month of the academic year (September). */
const FIRST_MONTH = 9;

/** "2026 to 2027" for a yyyy-mm-dd date, or null for anything that is not one. */
export function academicYearOfDate(isoDate: string): string | null {
  const match = /^(\d{4})-(\d{2})-\d{2}$/.exec(isoDate);
  if (!match) return null;
  const month = Number(match[2]);
  if (month < 1 || month > 12) return null;
  const year = Number(match[1]);
  const first = month >= FIRST_MONTH ? year : year - 1;
  return `${first} to ${first + 1}`;
}

/** "2026 to 2027" for an ISO 8601 time, taken as the day it was in England; null for anything that is not a time. */
export function academicYearOfTime(iso: string): string | null {
  if (iso.trim() === '') return null;
  return academicYearOfDate(isoDateInEngland(new Date(iso)));
}
