import { describe, expect, it } from 'vitest';
import { dayInEngland } from '../../shared/formats/england-clock';

/** The day in England as the time-zone database (through Intl) gives it: the independent answer. */
const LONDON_DAY = new Intl.DateTimeFormat('en-GB', { year: 'numeric', month: 'numeric', day: 'numeric', timeZone: 'Europe/London' });
function dayFromIntl(time: Date) {
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(LONDON_DAY.formatToParts(time).find((p) => p.type === type)?.value);
  return { year: part('year'), month: part('month'), day: part('day') };
}

const HOUR = 3_600_000;
const MINUTE = 60_000;

const LONDON_HOUR = new Intl.DateTimeFormat('en-GB', { hour: 'numeric', hourCycle: 'h23', timeZone: 'Europe/London' });

/** Where the clocks change in `year`, found from Intl alone: the UTC hours at which London's offset changes. */
function changesOfTheClocks(year: number): number[] {
  const offsetAt = (ms: number) => (Number(LONDON_HOUR.format(new Date(ms))) - new Date(ms).getUTCHours() + 24) % 24;
  const changes: number[] = [];
  for (let ms = Date.UTC(year, 0, 1); ms < Date.UTC(year + 1, 0, 1); ms += HOUR) {
    if (offsetAt(ms) !== offsetAt(ms + HOUR)) changes.push(ms + HOUR);
  }
  return changes;
}

describe('dayInEngland (the clocks’ rule, without Intl)', () => {
  it('agrees with the time-zone database a minute either side of every change of the clocks from 1996 to 2099', () => {
    let checked = 0;
    for (let year = 1996; year <= 2099; year += 1) {
      const changes = changesOfTheClocks(year);
      expect(changes).toHaveLength(2);
      for (const change of changes) {
        // Around midnight in England on the day of the change, and either side of the change itself.
        for (const ms of [
          change - MINUTE,
          change,
          change + MINUTE,
          change - HOUR - MINUTE,
          change + 23 * HOUR - MINUTE,
          change + 23 * HOUR,
        ]) {
          const time = new Date(ms);
          expect(dayInEngland(time), time.toISOString()).toEqual(dayFromIntl(time));
          checked += 1;
        }
      }
    }
    expect(checked).toBe(104 * 2 * 6);
  });

  it('agrees with the time-zone database at half past eleven and half past midnight UTC on every day of 2024 to 2028', () => {
    for (let ms = Date.UTC(2024, 0, 1); ms < Date.UTC(2029, 0, 1); ms += 24 * HOUR) {
      for (const time of [new Date(ms + 23.5 * HOUR), new Date(ms + 0.5 * HOUR)]) {
        expect(dayInEngland(time), time.toISOString()).toEqual(dayFromIntl(time));
      }
    }
  });

  it('gives the next day late on a summer evening and the same day in winter', () => {
    expect(dayInEngland(new Date('2026-06-30T23:30:00Z'))).toEqual({ year: 2026, month: 7, day: 1 });
    expect(dayInEngland(new Date('2026-12-31T23:30:00Z'))).toEqual({ year: 2026, month: 12, day: 31 });
  });

  it('leaves years its rule does not cover, and times that are not times, to Intl', () => {
    expect(dayInEngland(new Date('1995-07-01T12:00:00Z'))).toBeNull();
    expect(dayInEngland(new Date('2100-07-01T12:00:00Z'))).toBeNull();
    expect(dayInEngland(new Date('not a time'))).toBeNull();
  });
});
