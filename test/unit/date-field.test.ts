import { describe, expect, it } from 'vitest';
import { joinDate } from '../../renderer/ui/DateField';
import { formatIsoDate } from '../../shared/formats/en-gb-dates';

describe('joinDate (the GOV.UK day, month, year fields)', () => {
  it('makes a real date into yyyy-mm-dd, padding day and month', () => {
    expect(joinDate('2026', '3', '1')).toBe('2026-03-01');
    expect(joinDate('2024', '02', '29')).toBe('2024-02-29');
  });

  it('keeps impossible or partial dates as typed, so validation can say so', () => {
    expect(joinDate('2026', '2', '30')).toBe('2026-2-30');
    expect(joinDate('26', '2', '3')).toBe('26-2-3');
    expect(joinDate('', '2', '')).toBe('-2-');
  });

  it('is empty when all three are empty', () => {
    expect(joinDate('', '', '')).toBe('');
  });
});

describe('formatIsoDate (one shared formatter)', () => {
  it('writes a yyyy-mm-dd date in words, the same whatever the time zone', () => {
    expect(formatIsoDate('2026-03-01')).toBe('1 March 2026');
    expect(formatIsoDate('2026-12-31')).toBe('31 December 2026');
    expect(formatIsoDate('1970-01-01')).toBe('1 January 1970');
  });

  it('returns anything that is not a yyyy-mm-dd date as it is', () => {
    expect(formatIsoDate('')).toBe('');
    expect(formatIsoDate('2026-3-1')).toBe('2026-3-1');
    expect(formatIsoDate('2026-03-01T10:00:00.000Z')).toBe('2026-03-01T10:00:00.000Z');
  });
});
