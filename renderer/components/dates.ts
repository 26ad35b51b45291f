/**
 * One formatter for every date shown: building an Intl formatter costs far more than using one
 * (a queue of 200 rows formats hundreds of dates).
 */
const LONG_DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** "2026-03-01" -> "1 March 2026"; anything that is not a yyyy-mm-dd date is returned as it is. */
export function formatIsoDate(isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) return isoDate;
  const [, year, month, day] = match;
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  if (Number.isNaN(date.getTime())) return isoDate;
  return LONG_DATE.format(date);
}
