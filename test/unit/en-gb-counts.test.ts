import { describe, expect, it } from 'vitest';
import { formatCount } from '../../shared/formats/en-gb-counts';

describe('formatCount (counts written without Intl, checked against Intl’s en-GB)', () => {
  it('groups whole numbers in threes with commas, as Intl does, at every length', () => {
    const intl = new Intl.NumberFormat('en-GB');
    const samples = [0, 1, 9, 10, 99, 100, 999, 1000, 1650, 9999, 10_000, 123_456, 999_999, 1_000_000, 20_480_123];
    for (let power = 1; power <= Number.MAX_SAFE_INTEGER; power *= 7) samples.push(power, power - 1, power + 13);
    samples.push(Number.MAX_SAFE_INTEGER);
    for (const n of [...samples, ...samples.filter((s) => s !== 0).map((s) => -s)]) expect(formatCount(n), String(n)).toBe(intl.format(n));
    // Minus nought, which Intl writes as "-0", is no count: it is written "0".
    expect(formatCount(-0)).toBe('0');
  });

  it('leaves fractions and numbers beyond exact whole numbers to Intl', () => {
    expect(formatCount(1650.25)).toBe('1,650.25');
    expect(formatCount(2 ** 60)).toBe((2 ** 60).toLocaleString('en-GB'));
  });
});
