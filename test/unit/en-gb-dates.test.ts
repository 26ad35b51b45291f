import { describe, expect, it } from 'vitest';
import { formatIsoDate, longDateOfTime } from '../../shared/formats/en-gb-dates';

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
