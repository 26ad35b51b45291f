import { describe, expect, it } from 'vitest';
import { csvField, toCsv } from '../../shared/partnership/csv';

describe('CSV fields (RFC 4180)', () => {
  it.each<[string | number | null, string]>([
    ['Riverside Primary', 'Riverside Primary'],
    ['Devon, North', '"Devon, North"'],
    ['The "hub" school', '"The ""hub"" school"'],
    ['two\nlines', '"two\nlines"'],
    ['cr\rhere', '"cr\rhere"'],
    ['', ''],
    [null, ''],
    [42, '42'],
    [-3, '-3'],
    [12.5, '12.5'],
    [Number.NaN, ''],
  ])('%j is written as %j', (cell, written) => {
    expect(csvField(cell)).toBe(written);
  });
});

describe('formulas are neutralised', () => {
  it.each<[string, string]>([
    ['=SUM(A1:A2)', "'=SUM(A1:A2)"],
    ['+44 1234', "'+44 1234"],
    ['-1+1', "'-1+1"],
    ['@cmd', "'@cmd"],
    ['\t=1', "'\t=1"],
    // An apostrophe and quoting together: the apostrophe goes inside the quotes.
    ['=HYPERLINK("http://x","y")', '"\'=HYPERLINK(""http://x"",""y"")"'],
    ['a=b', 'a=b'],
    ["'already", "'already"],
  ])('%j is written as %j', (cell, written) => {
    expect(csvField(cell)).toBe(written);
  });
});

describe('a table', () => {
  it('has a header, one line per row, every line ended by CRLF', () => {
    expect(
      toCsv(
        ['School', 'URN', 'Count'],
        [
          ['Riverside, Primary', '123456', 3],
          ['=evil', null, 0],
        ],
      ),
    ).toBe('School,URN,Count\r\n"Riverside, Primary",123456,3\r\n\'=evil,,0\r\n');
  });
  it('an empty table is its header alone', () => {
    expect(toCsv(['A'], [])).toBe('A\r\n');
  });
});
