import { dayInEngland, type CalendarDay } from './england-clock';

/**
 * The one way dates are written for people, on screen and in the PDFs: "1 March 2026". The usual
 * dates are written here from their numbers, as Intl's en-GB long date writes them (checked against
 * it in test/unit/en-gb-dates.test.ts): the first Intl date formatter a page builds loads the
 * browser's locale data, a cost each screen showing a date would otherwise pay as it opens. Intl
 * writes the rest (years before 1000 or after 9999, days the England rule does not cover); each of
 * its formatters is built once, the first time it is needed.
 */
function formatter(options: Intl.DateTimeFormatOptions): () => Intl.DateTimeFormat {
  let built: Intl.DateTimeFormat | null = null;
  return () => (built ??= new Intl.DateTimeFormat('en-GB', options));
}

const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/** "1 March 2026" for a day (month 1 to 12), or null for a year Intl would write otherwise. */
function longDate({ year, month, day }: CalendarDay): string | null {
  return year >= 1000 && year <= 9999 ? `${day} ${MONTH_NAMES[month - 1]} ${year}` : null;
}

const twoDigits = (n: number) => String(n).padStart(2, '0');

const LONG_DATE_UTC = formatter({ day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const LONG_DATE_LONDON = formatter({ day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' });

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
  const parts = { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
  return longDate(parts) ?? LONG_DATE_UTC().format(date);
}

/**
 * The formatters below write a moment in this computer's own time zone, as the person at it lived
 * it: when a backup was made, when a change was saved.
 */
const LONG_DATE_HERE = formatter({ day: 'numeric', month: 'long', year: 'numeric' });

/** "2026-11-24T09:30:00Z" -> "24 November 2026 at 09:30", in this computer's time zone; an unreadable time as it is. */
export function dateAndTimeOfTime(iso: string): string {
  const time = new Date(iso);
  if (Number.isNaN(time.getTime())) return iso;
  const day = longDate({ year: time.getFullYear(), month: time.getMonth() + 1, day: time.getDate() });
  return `${day ?? LONG_DATE_HERE().format(time)} at ${twoDigits(time.getHours())}:${twoDigits(time.getMinutes())}`;
}

/** "2026-11-24T09:30:05Z" -> "09:30:05", in this computer's time zone; an unreadable time as it is. */
export function timeOfDayOfTime(iso: string): string {
  const time = new Date(iso);
  if (Number.isNaN(time.getTime())) return iso;
  return `${twoDigits(time.getHours())}:${twoDigits(time.getMinutes())}:${twoDigits(time.getSeconds())}`;
}

/** A date typed into a date field ("yyyy-mm-dd", or its parts as typed) that is not a real day, for the person to put right. */
export function typedDateProblem(typed: string, what: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(typed);
  if (typed === '') return null;
  if (match) {
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const date = new Date(Date.UTC(year, month - 1, day));
    if (date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day) return null;
  }
  return `Enter ${what} as a real date, for example day 3, month 2, year 2027 for 3 February 2027, or clear all three boxes. Until then it is not saved.`;
}

/** An ISO 8601 time as the day it was in England: "2026-06-30T23:30:00Z" -> "1 July 2026". */
export function longDateOfTime(iso: string): string {
  const time = new Date(iso);
  if (Number.isNaN(time.getTime())) return iso;
  const day = dayInEngland(time);
  return (day && longDate(day)) ?? LONG_DATE_LONDON().format(time);
}

const PARTS_IN_ENGLAND = formatter({ day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'Europe/London' });

/**
 * The day a moment was in England, as yyyy-mm-dd: "2026-06-30T23:30:00Z" -> "2026-07-01". "Today"
 * for due dates, overdue marks and the dates forms start from is this of now, not the UTC date,
 * which is yesterday's between midnight and one in the morning all summer.
 */
export function isoDateInEngland(time: Date): string {
  if (Number.isNaN(time.getTime())) return '';
  const day = dayInEngland(time);
  if (day) return `${day.year}-${twoDigits(day.month)}-${twoDigits(day.day)}`;
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    PARTS_IN_ENGLAND()
      .formatToParts(time)
      .find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}
