/**
 * The one way dates are written for people, on screen and in the PDFs: "1 March 2026". Each
 * formatter is built once and reused, as building an Intl formatter costs far more than using one
 * and a queue or a portfolio formats many dates; and each is built the first time it is used, not
 * when the module loads, as the app's start loads this module and the first screen may format no date.
 */
function formatter(options: Intl.DateTimeFormatOptions): () => Intl.DateTimeFormat {
  let built: Intl.DateTimeFormat | null = null;
  return () => (built ??= new Intl.DateTimeFormat('en-GB', options));
}

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
  return LONG_DATE_UTC().format(date);
}

/**
 * The formatters below write a moment in this computer's own time zone, as the person at it lived
 * it: when a backup was made, when a change was saved.
 */
const LONG_DATE_HERE = formatter({ day: 'numeric', month: 'long', year: 'numeric' });
const TIME_HERE = formatter({ hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const TIME_WITH_SECONDS_HERE = formatter({
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** "2026-11-24T09:30:00Z" -> "24 November 2026 at 09:30", in this computer's time zone; an unreadable time as it is. */
export function dateAndTimeOfTime(iso: string): string {
  const time = new Date(iso);
  return Number.isNaN(time.getTime()) ? iso : `${LONG_DATE_HERE().format(time)} at ${TIME_HERE().format(time)}`;
}

/** "2026-11-24T09:30:05Z" -> "09:30:05", in this computer's time zone; an unreadable time as it is. */
export function timeOfDayOfTime(iso: string): string {
  const time = new Date(iso);
  return Number.isNaN(time.getTime()) ? iso : TIME_WITH_SECONDS_HERE().format(time);
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
  return Number.isNaN(time.getTime()) ? iso : LONG_DATE_LONDON().format(time);
}

const PARTS_IN_ENGLAND = formatter({ day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'Europe/London' });

/**
 * The day a moment was in England, as yyyy-mm-dd: "2026-06-30T23:30:00Z" -> "2026-07-01". "Today"
 * for due dates, overdue marks and the dates forms start from is this of now, not the UTC date,
 * which is yesterday's between midnight and one in the morning all summer.
 */
export function isoDateInEngland(time: Date): string {
  if (Number.isNaN(time.getTime())) return '';
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    PARTS_IN_ENGLAND()
      .formatToParts(time)
      .find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}
