import { dayInEngland } from './england-clock';

/**
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
  return academicYearLabel(Number(match[1]), month);
}

/** "2026 to 2027" for an ISO 8601 time, taken as the day it was in England; null for anything that is not a time. */
export function academicYearOfTime(iso: string): string | null {
  const time = new Date(iso);
  if (iso.trim() === '' || Number.isNaN(time.getTime())) return null;
  const day = dayInEngland(time);
  if (day) return academicYearLabel(day.year, day.month);
  londonYearMonth ??= new Intl.DateTimeFormat('en-GB', { year: 'numeric', month: 'numeric', timeZone: 'Europe/London' });
  const parts = londonYearMonth.formatToParts(time);
  const year = Number(parts.find((p) => p.type === 'year')?.value);
  const month = Number(parts.find((p) => p.type === 'month')?.value);
  if (!Number.isInteger(year) || !Number.isInteger(month)) return null;
  return academicYearLabel(year, month);
}

/** Built only for a time outside the years england-clock's rule covers. */
let londonYearMonth: Intl.DateTimeFormat | null = null;

function academicYearLabel(year: number, month: number): string {
  const first = month >= FIRST_MONTH ? year : year - 1;
  return `${first} to ${first + 1}`;
}
