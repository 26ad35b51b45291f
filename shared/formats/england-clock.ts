/**
 * The day a moment falls on in England, worked out from the rule the clocks follow rather than
 * asked of Intl. Building the first Intl date formatter of a page loads the browser's locale and
 * time-zone data, a cost every screen that shows a date would pay on opening; this rule costs
 * nothing to start. Its answers are checked against Intl's Europe/London (the time-zone database)
 * for every change of the clocks in the years it covers, so a change in the law shows as a failing
 * test (test/unit/england-clock.test.ts).
 *
 * Since 1996 the clocks go forward to British Summer Time at 01:00 UTC on the last Sunday of March
 * and back at 01:00 UTC on the last Sunday of October. Earlier years followed other rules, and the
 * rule is not assumed beyond 2099: for those years `dayInEngland` returns null and the caller asks
 * Intl.
 */

/** The years the rule above is used for. */
const RULE_FIRST_YEAR = 1996;
const RULE_LAST_YEAR = 2099;
const HOUR_MS = 3_600_000;

/** 01:00 UTC on the last Sunday of the month (0-based) of `year`, whose last day is `lastDay`. */
function lastSundayAtOneUtc(year: number, month: number, lastDay: number): number {
  const last = Date.UTC(year, month, lastDay, 1);
  return last - new Date(last).getUTCDay() * 24 * HOUR_MS;
}

/** A day as numbers: the month runs from 1 (January) to 12. */
export interface CalendarDay {
  year: number;
  month: number;
  day: number;
}

/**
 * The day `time` fell on in England, or null when the rule does not cover its year (or the time
 * is not a time), for the caller to ask Intl instead.
 */
export function dayInEngland(time: Date): CalendarDay | null {
  const ms = time.getTime();
  if (Number.isNaN(ms)) return null;
  const year = time.getUTCFullYear();
  if (year < RULE_FIRST_YEAR || year > RULE_LAST_YEAR) return null;
  const summer = ms >= lastSundayAtOneUtc(year, 2, 31) && ms < lastSundayAtOneUtc(year, 9, 31);
  // Summer time never reaches the end of December, so the year in England is the UTC year.
  const local = new Date(summer ? ms + HOUR_MS : ms);
  return { year, month: local.getUTCMonth() + 1, day: local.getUTCDate() };
}
