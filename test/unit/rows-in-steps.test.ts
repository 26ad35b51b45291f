import { describe, expect, it } from 'vitest';
import { stepLimits } from '../../shared/tables/rows-in-steps';

const SIZES = { first: 3, step: 4 };
const all = (n: number) => Array.from({ length: n }, () => true);

describe('a long table drawn in steps', () => {
  it('draws the first screenful, then a step more each time, until every row is drawn and visible', () => {
    const shown = all(10);
    expect(stepLimits(shown, 0, 0, SIZES)).toEqual({ drawnUpTo: 3, visibleUpTo: 3, complete: false });
    expect(stepLimits(shown, 1, 3, SIZES)).toEqual({ drawnUpTo: 7, visibleUpTo: 7, complete: false });
    expect(stepLimits(shown, 2, 7, SIZES)).toEqual({ drawnUpTo: 10, visibleUpTo: 10, complete: true });
  });

  it('is complete at once for a table shorter than the first screenful', () => {
    expect(stepLimits(all(2), 0, 0, SIZES)).toEqual({ drawnUpTo: 2, visibleUpTo: 2, complete: true });
    expect(stepLimits([], 0, 0, SIZES)).toEqual({ drawnUpTo: 0, visibleUpTo: 0, complete: true });
  });

  it('counts only the rows the filters show: the first screenful of those, drawing as far as the last of them', () => {
    // Shown: indexes 1, 4, 5, 8 (of 10).
    const shown = [false, true, false, false, true, true, false, false, true, false];
    // The first three shown are rows 1, 4 and 5: drawn up to 6, and row 8 waits.
    expect(stepLimits(shown, 0, 0, SIZES)).toEqual({ drawnUpTo: 6, visibleUpTo: 6, complete: false });
    // The next step shows row 8; the hidden rows are drawn on, as far as the step's count.
    expect(stepLimits(shown, 1, 6, SIZES)).toEqual({ drawnUpTo: 9, visibleUpTo: 10, complete: false });
    expect(stepLimits(shown, 2, 9, SIZES)).toEqual({ drawnUpTo: 10, visibleUpTo: 10, complete: true });
  });

  it('all shown rows are visible once the last of them is counted, though hidden rows after it are still to draw', () => {
    const shown = [true, true, true, false, false, false, false, false];
    expect(stepLimits(shown, 0, 0, SIZES)).toEqual({ drawnUpTo: 3, visibleUpTo: 8, complete: false });
  });

  it('never takes back rows already drawn: a search cleared starts the visible rows again, not the drawn ones', () => {
    expect(stepLimits(all(10), 0, 10, SIZES)).toEqual({ drawnUpTo: 10, visibleUpTo: 3, complete: false });
    expect(stepLimits(all(10), 2, 10, SIZES)).toEqual({ drawnUpTo: 10, visibleUpTo: 10, complete: true });
  });

  it('no rows shown: nothing waits to be visible, the hidden rows are still drawn in steps', () => {
    const none = Array.from({ length: 10 }, () => false);
    expect(stepLimits(none, 0, 0, SIZES)).toEqual({ drawnUpTo: 3, visibleUpTo: 10, complete: false });
    expect(stepLimits(none, 2, 7, SIZES)).toEqual({ drawnUpTo: 10, visibleUpTo: 10, complete: true });
  });
});
