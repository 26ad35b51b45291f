import { describe, expect, it } from 'vitest';
import { joinDate } from '../../renderer/components/DateField';

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
