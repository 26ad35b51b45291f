/**
 * The one way dates are written for people, on screen and in the PDFs: "1 March 2026". Each
 * formatter is built once and reused, as building an Intl formatter costs far more than using one
 * and a queue or a portfolio formats many dates.
 */
const LONG_DATE_UTC = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const LONG_DATE_LONDON = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' });

/**
 * "2026-03-01" -> "1 March 2026", the same whatever the computer's time zone. An empty date gives
 * `whenEmpty` (e.g. "undated"); anything else that is not a yyyy-mm-dd date is returned as it is.
 */
export function formatIsoDate(isoDate: string, whenEmpty = ''): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) return isoDate === '' ? whenEmpty : isoDate;
  const [, year, month, day] = match;
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  if (Number.isNaN(date.getTime())) return isoDate;
  return LONG_DATE_UTC.format(date);
}

/** An ISO 8601 time as the day it was in England: "2026-06-30T23:30:00Z" -> "1 July 2026". */
export function longDateOfTime(iso: string): string {
  const time = new Date(iso);
  return Number.isNaN(time.getTime()) ? iso : LONG_DATE_LONDON.format(time);
}
