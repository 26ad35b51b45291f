import { describe, expect, it } from 'vitest';
import { growingRows, wordCount, wordCountText } from '../../shared/evaluation/narrative-size';

describe('the words in a narrative', () => {
  it.each([
    ['', 0],
    ['   \n\t ', 0],
    ['Policy', 1],
    ['Policy agreed by governors in March.', 6],
    ['  leading   and\ttrailing\nspaces  ', 4],
    ['well-being is one word, as is EHCP’s', 7],
    ['Reviewed — termly, with parents', 4],
    ['- bullet\n- another bullet', 3],
    ['Year 7 to Year 11: 1,650 pupils', 7],
    ['Évaluation naïve', 2],
  ])('%j has %d words', (text, count) => {
    expect(wordCount(text)).toBe(count);
  });

  it('says the count as a person would', () => {
    expect(wordCountText('')).toBe('No words yet');
    expect(wordCountText('one')).toBe('1 word');
    expect(wordCountText('one two')).toBe('2 words');
    expect(wordCountText(Array.from({ length: 312 }, () => 'word').join(' '))).toBe('312 words');
    expect(wordCountText(Array.from({ length: 1204 }, () => 'word').join(' '))).toBe('1,204 words');
  });
});

describe('the rows a growing box needs', () => {
  const size = { minRows: 8, charsPerRow: 10 };

  it('never goes below the fewest rows', () => {
    expect(growingRows('', size)).toBe(8);
    expect(growingRows('short', size)).toBe(8);
  });

  it('counts a row for each line and for each wrap of a long line, and one to type on', () => {
    expect(growingRows(Array.from({ length: 12 }, () => 'line').join('\n'), size)).toBe(13);
    // 25 characters wrap onto 3 rows of 10; 10 fit on 1; an empty line still takes 1.
    expect(growingRows(`${'x'.repeat(25)}\n${'y'.repeat(10)}\n\n${'z'.repeat(95)}`, size)).toBe(3 + 1 + 1 + 10 + 1);
    expect(growingRows('x'.repeat(101), { minRows: 2, charsPerRow: 10 })).toBe(12);
  });
});
