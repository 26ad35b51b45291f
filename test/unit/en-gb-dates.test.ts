import { describe, expect, it } from 'vitest';
import {
  dateAndTimeOfTime,
  formatIsoDate,
  isoDateInEngland,
  longDateOfTime,
  timeOfDayOfTime,
  typedDateProblem,
} from '../../shared/formats/en-gb-dates';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

describe('formatIsoDate (the one date formatter, on screen and in the PDFs)', () => {
  it('writes every day of a leap year as a person would, checked against month names written out here', () => {
    const daysInMonth = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    let days = 0;
    daysInMonth.forEach((count, month) => {
      for (let day = 1; day <= count; day += 1) {
        const iso = `2024-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
        expect(formatIsoDate(iso)).toBe(`${day} ${MONTHS[month]} 2024`);
        days += 1;
      }
    });
    expect(days).toBe(366);
  });

  it('gives the caller’s words for an empty date, and an empty string when it has none', () => {
    expect(formatIsoDate('', 'undated')).toBe('undated');
    expect(formatIsoDate('', 'not set yet')).toBe('not set yet');
    expect(formatIsoDate('')).toBe('');
  });

  it('returns a date it cannot read as it is, whatever the words for an empty one', () => {
    expect(formatIsoDate('next Tuesday', 'undated')).toBe('next Tuesday');
    expect(formatIsoDate('2026-3-1', 'undated')).toBe('2026-3-1');
  });
});

describe('longDateOfTime', () => {
  it('gives the day it was in England, in summer time and out of it', () => {
    expect(longDateOfTime('2026-06-30T23:30:00.000Z')).toBe('1 July 2026');
    expect(longDateOfTime('2026-12-31T23:30:00.000Z')).toBe('31 December 2026');
  });

  it('returns a time it cannot read as it is', () => {
    expect(longDateOfTime('not a time')).toBe('not a time');
  });
});

describe('dates and times of day in this computer’s time zone, and dates typed into a date field', () => {
  it('writes a moment as its day and time here, with the same day as a long date', () => {
    const iso = new Date(2026, 10, 24, 9, 30, 5).toISOString();
    expect(dateAndTimeOfTime(iso)).toBe('24 November 2026 at 09:30');
    expect(timeOfDayOfTime(iso)).toBe('09:30:05');
    expect(dateAndTimeOfTime(new Date(2027, 0, 1, 23, 5, 0).toISOString())).toBe('1 January 2027 at 23:05');
    expect(dateAndTimeOfTime('not a time')).toBe('not a time');
    expect(timeOfDayOfTime('')).toBe('');
  });

  it('accepts an empty date or a real one, and explains anything else', () => {
    for (const fine of ['', '2027-02-03', '2028-02-29']) expect(typedDateProblem(fine, 'the date of the visit'), fine).toBeNull();
    for (const wrong of ['2027-02-30', '2027-2-', '--3', '2027-13-01', '2027-02-3', '2027-02-00'])
      expect(typedDateProblem(wrong, 'the date of the visit'), wrong).toBe(
        'Enter the date of the visit as a real date, for example day 3, month 2, year 2027 for 3 February 2027, or clear all three boxes. Until then it is not saved.',
      );
  });
});

describe('the day a moment was in England, as yyyy-mm-dd', () => {
  it('is the next day after 23:00 UTC in summer, the same day in winter, and follows the clocks changing', () => {
    expect(isoDateInEngland(new Date('2026-06-30T23:30:00Z'))).toBe('2026-07-01');
    expect(isoDateInEngland(new Date('2026-06-30T22:59:59Z'))).toBe('2026-06-30');
    expect(isoDateInEngland(new Date('2026-12-31T23:30:00Z'))).toBe('2026-12-31');
    expect(isoDateInEngland(new Date('2027-01-01T00:00:00Z'))).toBe('2027-01-01');
    // British Summer Time begins at 01:00 UTC on 28 March 2027 and ends at 01:00 UTC on 31 October 2027.
    expect(isoDateInEngland(new Date('2027-03-27T23:30:00Z'))).toBe('2027-03-27');
    expect(isoDateInEngland(new Date('2027-03-28T23:30:00Z'))).toBe('2027-03-29');
    expect(isoDateInEngland(new Date('2027-10-30T23:30:00Z'))).toBe('2027-10-31');
    expect(isoDateInEngland(new Date('2027-10-31T23:30:00Z'))).toBe('2027-10-31');
    // Checked against the long date of the same moment, written by a separate formatter.
    for (const iso of ['2026-06-30T23:30:00Z', '2026-02-28T12:00:00Z', '2028-02-29T23:59:00Z']) {
      const [y, m, d] = isoDateInEngland(new Date(iso)).split('-');
      expect(formatIsoDate(`${y}-${m}-${d}`)).toBe(longDateOfTime(iso));
    }
    expect(isoDateInEngland(new Date('not a time'))).toBe('');
  });
});

describe('dates written without Intl, checked against Intl’s en-GB', () => {
  const intl = (options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat('en-GB', options);
  const LONG = { day: 'numeric', month: 'long', year: 'numeric' } as const;

  it('writes every day from 1999 to 2031, and years at the edges, as Intl writes them', () => {
    const utc = intl({ ...LONG, timeZone: 'UTC' });
    for (let ms = Date.UTC(1999, 0, 1); ms < Date.UTC(2032, 0, 1); ms += 86_400_000) {
      const iso = new Date(ms).toISOString().slice(0, 10);
      expect(formatIsoDate(iso)).toBe(utc.format(new Date(ms)));
    }
    for (const iso of ['0050-06-01', '0999-12-31', '1000-01-01', '9999-12-31']) {
      const [y, m, d] = iso.split('-').map(Number);
      expect(formatIsoDate(iso), iso).toBe(utc.format(new Date(Date.UTC(y!, m! - 1, d!))));
    }
  });

  it('writes moments in this computer’s time zone, and in England, as Intl writes them', () => {
    const here = intl(LONG);
    const time = intl({ hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    const seconds = intl({ hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    const london = intl({ ...LONG, timeZone: 'Europe/London' });
    for (let ms = Date.UTC(2025, 0, 1, 0, 7, 9); ms < Date.UTC(2027, 0, 1); ms += 7 * 3_600_000 + 13 * 60_000) {
      const moment = new Date(ms);
      const iso = moment.toISOString();
      expect(dateAndTimeOfTime(iso)).toBe(`${here.format(moment)} at ${time.format(moment)}`);
      expect(timeOfDayOfTime(iso)).toBe(seconds.format(moment));
      expect(longDateOfTime(iso)).toBe(london.format(moment));
    }
    // Before the years the England rule covers, Intl answers.
    expect(longDateOfTime('1990-06-30T23:30:00.000Z')).toBe(london.format(new Date('1990-06-30T23:30:00.000Z')));
  });
});
