import { describe, expect, it } from 'vitest';
import { academicYearOfDate, academicYearOfTime } from '../../shared/formats/academic-year';
import { actionsInPlanOrder, estimatedLines } from '../../shared/pdf/layout-blocks';
import { shortened } from '../../shared/portfolio/portfolio-layout';
import type { SubmissionAction } from '../../shared/submission/submission-format';

/** The small rules behind the PDFs' reading order: the academic year, the action plan's order, captions, and how long a block is. */

describe('the academic year', () => {
  it('runs from September to August', () => {
    expect(academicYearOfDate('2026-09-01')).toBe('2026 to 2027');
    expect(academicYearOfDate('2026-11-20')).toBe('2026 to 2027');
    expect(academicYearOfDate('2027-08-31')).toBe('2026 to 2027');
    expect(academicYearOfDate('2026-08-31')).toBe('2025 to 2026');
    expect(academicYearOfDate('2027-01-15')).toBe('2026 to 2027');
  });

  it('takes a time as the day it was in England', () => {
    // 23:30 on 31 August in UTC is already 1 September in London (summer time).
    expect(academicYearOfTime('2026-08-31T23:30:00Z')).toBe('2026 to 2027');
    expect(academicYearOfTime('2026-08-31T22:30:00Z')).toBe('2025 to 2026');
    expect(academicYearOfTime('2026-11-20T10:30:00.000Z')).toBe('2026 to 2027');
    // Before 1996 (outside england-clock's rule) the time-zone database answers, and London was on summer time then too.
    expect(academicYearOfTime('1990-08-31T23:30:00Z')).toBe('1990 to 1991');
    expect(academicYearOfTime('1990-08-31T22:30:00Z')).toBe('1989 to 1990');
  });

  it('gives null for what is not a date or a time', () => {
    expect(academicYearOfDate('')).toBeNull();
    expect(academicYearOfDate('20/11/2026')).toBeNull();
    expect(academicYearOfDate('2026-13-01')).toBeNull();
    expect(academicYearOfTime('')).toBeNull();
    expect(academicYearOfTime('not a time')).toBeNull();
  });
});

describe('the action plan’s order', () => {
  const action = (id: string, byWhen: string, criterionIds: string[]): SubmissionAction => ({
    id,
    what: id,
    who: '',
    byWhen,
    status: 'not-started',
    successCriteria: '',
    criterionIds,
  });
  const order = ['A-1', 'A-2', 'A-10', 'B-1'];

  it('is by due date, earliest first, undated last', () => {
    const sorted = actionsInPlanOrder(
      [action('undated', '', ['A-1']), action('later', '2027-06-01', ['A-1']), action('sooner', '2026-12-01', ['B-1'])],
      order,
    );
    expect(sorted.map((a) => a.id)).toEqual(['sooner', 'later', 'undated']);
  });

  it('puts actions due the same day, or both undated, in the framework’s order of their first criterion', () => {
    const sorted = actionsInPlanOrder(
      [
        action('undated B-1', '', ['B-1']),
        action('March A-10', '2027-03-31', ['A-10']),
        action('undated A-2', '', ['B-1', 'A-2']),
        action('March A-2', '2027-03-31', ['A-2']),
      ],
      order,
    );
    expect(sorted.map((a) => a.id)).toEqual(['March A-2', 'March A-10', 'undated A-2', 'undated B-1']);
  });

  it('puts criteria the framework does not list after those it does, by id with numbers in order, and keeps the school’s order last', () => {
    const sorted = actionsInPlanOrder(
      [
        action('no criteria', '', []),
        action('unknown X-10', '', ['X-10']),
        action('unknown X-9', '', ['X-9']),
        action('known', '', ['B-1']),
        action('known too', '', ['B-1']),
      ],
      order,
    );
    expect(sorted.map((a) => a.id)).toEqual(['known', 'known too', 'unknown X-9', 'unknown X-10', 'no criteria']);
  });

  it('treats a malformed date as undated, and does not change the list it is given', () => {
    const given = [action('malformed', '31/03/2027', ['A-1']), action('dated', '2027-03-31', ['B-1'])];
    expect(actionsInPlanOrder(given, order).map((a) => a.id)).toEqual(['dated', 'malformed']);
    expect(given.map((a) => a.id)).toEqual(['malformed', 'dated']);
  });
});

describe('a caption shortened', () => {
  it('is left as it is when short enough, with its white space made single', () => {
    expect(shortened('Taken in  the\nlibrary.', 40)).toBe('Taken in the library.');
  });

  it('is cut at a word with an ellipsis, never longer than asked', () => {
    const text = 'The sensory room after its refit in the autumn term, with the new lighting';
    const cut = shortened(text, 30);
    expect(cut).toBe('The sensory room after its…');
    expect(cut.length).toBeLessThanOrEqual(30);
  });

  it('cuts a single long word where it must', () => {
    expect(shortened('x'.repeat(50), 10)).toBe(`${'x'.repeat(9)}…`);
  });
});

describe('the estimate of a block’s lines', () => {
  it('counts each piece of text, long text by its length, and each line break', () => {
    expect(estimatedLines({ text: 'short' })).toBe(2);
    expect(estimatedLines({ text: 'x'.repeat(200) })).toBe(4);
    expect(estimatedLines({ text: 'one\ntwo\nthree' })).toBe(4);
  });

  it('measures inline pieces as one paragraph, and adds up stacks, lists and tables', () => {
    expect(estimatedLines({ text: [{ text: 'Evidence: ' }, 'none referred to.'] })).toBe(2);
    expect(estimatedLines({ stack: [{ text: 'a' }, { ul: ['b', 'c'] }] })).toBe(4);
    expect(estimatedLines({ table: { body: [[{ text: 'a' }, { text: 'b' }]] } })).toBe(6);
  });

  it('counts an image as a quarter page, and ignores what is not content', () => {
    expect(estimatedLines({ image: 'photo' })).toBeGreaterThanOrEqual(10);
    expect(estimatedLines(null)).toBe(0);
    expect(estimatedLines({ style: 'label' })).toBe(0);
  });
});
