import { describe, expect, it } from 'vitest';
import { NO_FILTERS, filterOptions, regionalOverview } from '../../shared/partnership/regional-overview';
import {
  SUPPRESSED_TEXT,
  SUPPRESSION_THRESHOLD,
  cellText,
  describeFilters,
  pairLetter,
  steeringReport,
  suppressedFigures,
  suppressedGrid,
  suppressedList,
  termOf,
  type ReportCell,
  type ReportSection,
  type SteeringReport,
} from '../../shared/partnership/steering-report';
import { lookup } from './regional-overview-fixtures';
import { MODERATORS, SEEDED_SCHOOLS, SEEDED_TODAY, seededIndex } from './steering-report-fixtures';

const texts = (cells: readonly ReportCell[]) => cells.map(cellText);
const F = SUPPRESSED_TEXT;

function seededReport(filters = NO_FILTERS): SteeringReport {
  return steeringReport(regionalOverview(seededIndex, filters, SEEDED_TODAY, lookup), {
    partnership: { name: 'South West SEN Partnership', region: 'South West' },
    filters: describeFilters(filters, filterOptions(seededIndex)),
    today: SEEDED_TODAY,
  });
}
const section = (report: SteeringReport, id: ReportSection['id']) => report.sections.find((s) => s.id === id)!;
const tableTexts = (s: ReportSection) => s.table.rows.map(texts);

describe('suppression', () => {
  it('the threshold is five, and what a hidden figure says follows it', () => {
    expect(SUPPRESSION_THRESHOLD).toBe(5);
    expect(SUPPRESSED_TEXT).toBe('fewer than 5');
  });

  it('a group of 4 is hidden, a group of 5 shown, and none (which describes no school) shown', () => {
    expect(suppressedFigures([4, 5, 0, 1], [])).toEqual([true, false, false, true]);
  });

  it('secondary suppression: one hidden figure in a list with its total hides the next smallest too', () => {
    // 4 + 6 + 9 = 19: with 4 hidden alone, 19 − 6 − 9 would give it away, so 6 goes too.
    expect(texts([...suppressedList([4, 9, 6]).cells, suppressedList([4, 9, 6]).total])).toEqual([F, '9', F, '19']);
    // Nothing hidden, nothing more hidden.
    expect(texts(suppressedList([5, 7]).cells)).toEqual(['5', '7']);
    // Two hidden already hide each other.
    expect(texts(suppressedList([3, 2, 8]).cells)).toEqual([F, F, '8']);
  });

  it('when the only other figures in a line are none, the total is hidden instead', () => {
    // 3 is hidden; its row hides 6 and its column hides 7. Row 2 is then 7 (hidden) and none: its
    // total of 7 would give the 7 away, so the total goes (and column 2's total of 6, for the same reason).
    const grid = suppressedGrid([
      [3, 6],
      [7, 0],
    ]);
    expect(grid.cells.map(texts)).toEqual([
      [F, F],
      [F, '0'],
    ]);
    expect(texts(grid.rowTotals)).toEqual([F, F]);
  });

  it('a grid hides across its rows and columns until no line has exactly one hidden figure (worked by hand)', () => {
    // 3 is hidden; its row hides 6 (the next smallest), its column hides 7; 6's column then hides 5.
    const grid = suppressedGrid([
      [3, 6, 8],
      [7, 5, 9],
    ]);
    expect(grid.cells.map(texts)).toEqual([
      [F, F, '8'],
      [F, F, '9'],
    ]);
    expect(texts(grid.rowTotals)).toEqual(['17', '21']);
    expect(texts(grid.columnTotals)).toEqual(['10', '11', '17']);
    expect(cellText(grid.grandTotal)).toBe('38');
  });
});

describe('the steering group report of the seeded region', () => {
  const report = seededReport();

  it('schools by local authority and phase, suppressed across rows, columns and totals (worked by hand)', () => {
    // Cornwall 5 primary; Devon 6 primary and 3 secondary; Plymouth 4 special. Devon's 3 hides its 6;
    // the primary column then hides Cornwall's 5; Plymouth's total of 4 hides Cornwall's total of 5.
    const schools = section(report, 'schools');
    expect(schools.table.header).toEqual(['Local authority', 'Primary', 'Secondary', 'Special', 'All phases']);
    expect(tableTexts(schools)).toEqual([
      ['Cornwall', F, '0', '0', F],
      ['Devon', F, F, '0', '9'],
      ['Plymouth', '0', '0', F, F],
      ['All local authorities', '11', F, F, '18'],
    ]);
    expect(schools.chart?.bars.map((b) => [b.label, cellText(b.value)])).toEqual([
      ['Cornwall', F],
      ['Devon', '9'],
      ['Plymouth', F],
    ]);
  });

  it('levels held and renewals by term: the small group hides the next smallest', () => {
    // Gold 7, Silver 2, no level 9.
    expect(tableTexts(section(report, 'levels'))).toEqual([
      ['Gold', F],
      ['Silver', F],
      ['No level held', '9'],
      ['All schools', '18'],
    ]);
    // Silver renews 1 October 2028 (autumn); Gold in January to March 2029 (spring).
    expect(tableTexts(section(report, 'renewals'))).toEqual([
      ['Autumn term 2028', F],
      ['Spring term 2029', F],
      ['No renewal date (no award held)', '9'],
      ['All schools', '18'],
    ]);
  });

  it('submissions by state, every state listed, with the total', () => {
    const rows = tableTexts(section(report, 'states'));
    // New: the seven not reported on; decided: the nine awarded; awaiting evidence: the two deferred,
    // not yet due back. The 2 is hidden, and the next smallest (7) with it.
    expect(rows).toEqual([
      ['New', F],
      ['In review', '0'],
      ['Awaiting evidence', F],
      ['Visit planned', '0'],
      ['Decided', '9'],
      ['Appealed', '0'],
      ['Lapsed', '0'],
      ['All schools', '18'],
    ]);
  });

  it('training needs: counts below five hidden, and down and not met hidden together with their sum', () => {
    expect(tableTexts(section(report, 'training-needs'))).toEqual([
      // c1 moderated down at seven schools.
      ['Criterion c1', 'Leadership', '7', '0', '7', '0', '18'],
      // c4 claimed not applicable by six.
      ['Criterion c4', 'Teaching', '0', '0', '0', '6', '18'],
      // c3 not met at three.
      ['Criterion c3', 'Teaching', '0', F, F, '0', '18'],
    ]);
  });

  it('agreement per strand and per pair: a row from 5 second moderations shown, from 4 hidden whole, no moderator named', () => {
    // Leadership: 9 returns, c1 alike at 7 of 9; pe = (7·5 + 2·4) / 81; kappa = (7/9 − 43/81) / (1 − 43/81) = 20/38.
    expect(tableTexts(section(report, 'agreement-strands'))).toEqual([
      ['Leadership', '9', '9', '78%', '0.53', 'moderate'],
      // Teaching: c3 alike at 8 of 9, the second moderator agreeing every time: kappa 0.
      ['Teaching', '9', '9', '89%', '0.00', 'slight'],
    ]);
    // Jo and Sam: 5 returns, 10 criteria, 8 alike; pe = (4·3 + 5·7) / 100; kappa = 0.33 / 0.53. Ann and Sam: 4 returns, hidden.
    expect(tableTexts(section(report, 'agreement-pairs'))).toEqual([
      ['Pair A', '5', '10', '80%', '0.62', 'substantial'],
      ['Pair B', F, F, F, F, F],
    ]);
  });

  it('the cover: the filters applied, the rule, the counts', () => {
    expect(report.filters).toEqual(['None: every school in the shared folder']);
    expect(report.suppressionRule).toContain('fewer than 5');
    expect(report.headline.map((h) => [h.label, cellText(h.value)])).toEqual([
      ['Schools', '18'],
      ['Submissions counted', '18'],
    ]);
    const devon = seededReport({ ...NO_FILTERS, localAuthority: 'Devon', phase: 'secondary' });
    expect(devon.filters).toEqual(['Local authority: Devon', 'Phase: Secondary']);
    expect(devon.headline.map((h) => cellText(h.value))).toEqual([F, F]);
  });

  it('names no school and no URN anywhere, nor any moderator, in any filter', () => {
    for (const filters of [NO_FILTERS, { ...NO_FILTERS, localAuthority: 'Plymouth' }, { ...NO_FILTERS, phase: 'secondary' }]) {
      const whole = JSON.stringify(seededReport(filters));
      for (const school of SEEDED_SCHOOLS) {
        expect(whole).not.toContain(school.name);
        expect(whole).not.toContain(school.urn);
      }
      for (const name of MODERATORS) expect(whole).not.toContain(name);
    }
  });
});

describe('small helpers', () => {
  it('school terms', () => {
    expect(termOf('2028-10-01')).toEqual({ key: '2028-3', label: 'Autumn term 2028' });
    expect(termOf('2029-03-31')?.label).toBe('Spring term 2029');
    expect(termOf('2029-04-01')?.label).toBe('Summer term 2029');
    expect(termOf('2029-08-31')?.label).toBe('Summer term 2029');
    expect(termOf('')).toBeNull();
  });

  it('pairs are lettered', () => {
    expect([0, 1, 25, 26, 27].map(pairLetter)).toEqual(['A', 'B', 'Z', 'AA', 'AB']);
  });
});
