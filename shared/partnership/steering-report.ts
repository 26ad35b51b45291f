import type { Kappa } from '../moderation/moderator-agreement';
import { phaseLabel, type AgreementRow, type FilterOptions, type OverviewFilters, type RegionalOverview } from './regional-overview';

/**
 * The partnership's steering group report: the regional overview (filtered as the screen has it)
 * turned into counts of schools that name no school, ready for the PDF layout
 * (steering-report-layout.ts). Pure.
 *
 * Anonymisation:
 * - No school's name or URN is copied in: every figure is a count, a percentage or a kappa.
 * - Primary suppression: a count of 1 to SUPPRESSION_THRESHOLD − 1 schools is shown as
 *   "fewer than 5". A count of none describes no school and is shown.
 * - Secondary suppression: where figures add up to a total shown beside them (a row, a column,
 *   a table's total), a line with exactly one hidden figure would give it away by subtraction, so
 *   the next smallest figure in that line above none is hidden too (the total itself when there is
 *   none); repeated until no line has exactly one hidden figure.
 * - Agreement between moderators is shown per strand and per pair of moderators, the pairs
 *   lettered rather than named; a row drawn from fewer than five second moderations is hidden whole.
 */

/** The smallest group of schools a figure may describe. */
export const SUPPRESSION_THRESHOLD = 5;

/** What a hidden figure says. */
export const SUPPRESSED_TEXT = `fewer than ${SUPPRESSION_THRESHOLD}`;

/** The rule, in one plain sentence, for the cover. */
export const SUPPRESSION_RULE =
  `No school is named. Any figure that would describe fewer than ${SUPPRESSION_THRESHOLD} schools is shown as “${SUPPRESSED_TEXT}”, ` +
  'and where such a figure could be worked out from a total, the next smallest figure beside it is hidden too.';

export type ReportCell =
  | { kind: 'text'; text: string }
  | { kind: 'count'; value: number }
  | { kind: 'suppressed' }
  /** A percentage or a kappa: `value` is what a chart draws, `text` what the table shows. */
  | { kind: 'measure'; value: number | null; text: string };

export interface ReportTable {
  header: string[];
  rows: ReportCell[][];
  /** How many of the last rows are totals (drawn bold). */
  totalRows: number;
  /** Said instead of an empty table. */
  empty: string;
}

export interface ReportChart {
  /** "Figure 1. Schools in each local authority" */
  caption: string;
  /** How to read it, in a sentence. */
  description: string;
  bars: { label: string; value: ReportCell }[];
  /** Counts start at none and run to the largest; kappa runs from 0 to 1. */
  scale: 'count' | 'kappa';
}

export interface ReportSection {
  id: 'schools' | 'levels' | 'renewals' | 'states' | 'training-needs' | 'agreement-strands' | 'agreement-pairs';
  heading: string;
  intro: string;
  chart: ReportChart | null;
  /** "Table 1. …" */
  tableCaption: string;
  table: ReportTable;
}

export interface SteeringReport {
  partnership: string;
  region: string;
  /** yyyy-mm-dd */
  printedOn: string;
  /** The overview's filters, e.g. "Local authority: Devon"; one line saying there are none. */
  filters: string[];
  suppressionRule: string;
  headline: { label: string; value: ReportCell }[];
  sections: ReportSection[];
}

export const text = (t: string): ReportCell => ({ kind: 'text', text: t });

/** A cell as printed. */
export function cellText(cell: ReportCell): string {
  if (cell.kind === 'text') return cell.text;
  if (cell.kind === 'count') return String(cell.value);
  if (cell.kind === 'suppressed') return SUPPRESSED_TEXT;
  return cell.text;
}

/** Whether a count is hidden on its own account: one to four schools. */
export function belowThreshold(count: number): boolean {
  return count > 0 && count < SUPPRESSION_THRESHOLD;
}

/** Figures (by index into the values) that add up to a total (another index). */
export interface SumLine {
  members: number[];
  total: number;
}

/**
 * Which figures to hide: those below the threshold, then the secondary suppression over the lines.
 * `values` are counts of schools; the result is true where a figure is hidden.
 */
export function suppressedFigures(values: readonly number[], lines: readonly SumLine[]): boolean[] {
  const hidden = values.map(belowThreshold);
  let changed = true;
  while (changed) {
    changed = false;
    for (const line of lines) {
      const hiddenCount = [...line.members, line.total].filter((i) => hidden[i]).length;
      if (hiddenCount !== 1) continue;
      let next: number | null = null;
      for (const i of line.members) {
        const v = values[i] ?? 0;
        if (hidden[i] || v <= 0) continue;
        if (next === null || v < (values[next] ?? 0)) next = i;
      }
      if (next === null && !hidden[line.total]) next = line.total;
      if (next !== null) {
        hidden[next] = true;
        changed = true;
      }
    }
  }
  return hidden;
}

/** A count as a cell, hidden or not. */
const countCell = (value: number, hidden: boolean | undefined): ReportCell => (hidden ? { kind: 'suppressed' } : { kind: 'count', value });

/** A grid of counts with its row totals, column totals and grand total, suppressed as one. */
export function suppressedGrid(values: readonly (readonly number[])[]): {
  cells: ReportCell[][];
  rowTotals: ReportCell[];
  columnTotals: ReportCell[];
  grandTotal: ReportCell;
} {
  const rows = values.length;
  const columns = values[0]?.length ?? 0;
  // Flattened: the grid row by row, then the row totals, then the column totals, then the grand total.
  const flat: number[] = values.flatMap((r) => [...r]);
  const rowTotalAt = (r: number) => rows * columns + r;
  const columnTotalAt = (c: number) => rows * columns + rows + c;
  const grandAt = rows * columns + rows + columns;
  for (const r of values) flat.push(r.reduce((a, b) => a + b, 0));
  for (let c = 0; c < columns; c += 1) flat.push(values.reduce((a, r) => a + (r[c] ?? 0), 0));
  flat.push(flat.slice(0, rows * columns).reduce((a, b) => a + b, 0));
  const lines: SumLine[] = [];
  for (let r = 0; r < rows; r += 1) lines.push({ members: range(columns).map((c) => r * columns + c), total: rowTotalAt(r) });
  for (let c = 0; c < columns; c += 1) lines.push({ members: range(rows).map((r) => r * columns + c), total: columnTotalAt(c) });
  lines.push({ members: range(rows).map(rowTotalAt), total: grandAt });
  lines.push({ members: range(columns).map(columnTotalAt), total: grandAt });
  const hidden = suppressedFigures(flat, lines);
  const cell = (i: number) => countCell(flat[i] ?? 0, hidden[i]);
  return {
    cells: range(rows).map((r) => range(columns).map((c) => cell(r * columns + c))),
    rowTotals: range(rows).map((r) => cell(rowTotalAt(r))),
    columnTotals: range(columns).map((c) => cell(columnTotalAt(c))),
    grandTotal: cell(grandAt),
  };
}

/** A list of counts and their total (one column of a grid). */
export function suppressedList(values: readonly number[]): { cells: ReportCell[]; total: ReportCell } {
  const grid = suppressedGrid(values.map((v) => [v]));
  return { cells: grid.cells.map((r) => r[0]!), total: grid.grandTotal };
}

/** The filters as the cover lists them. */
export function describeFilters(filters: OverviewFilters, options: FilterOptions): string[] {
  const lines: string[] = [];
  if (filters.localAuthority !== null) lines.push(`Local authority: ${filters.localAuthority}`);
  if (filters.phase !== null) lines.push(`Phase: ${phaseLabel(filters.phase)}`);
  if (filters.edition !== null)
    lines.push(`Framework edition: ${options.editions.find((e) => e.key === filters.edition)?.label ?? filters.edition}`);
  if (filters.academicYear !== null) lines.push(`Academic year: ${filters.academicYear}`);
  return lines.length > 0 ? lines : ['None: every school in the shared folder'];
}

/** "Autumn term 2028": autumn runs September to December, spring January to March, summer April to August. */
export function termOf(yyyyMmDd: string): { key: string; label: string } | null {
  const match = /^(\d{4})-(\d{2})-\d{2}$/.exec(yyyyMmDd);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const [order, name] = month >= 9 ? [3, 'Autumn'] : month >= 4 ? [2, 'Summer'] : [1, 'Spring'];
  return { key: `${year}-${order}`, label: `${name} term ${year}` };
}

/** How many criteria the training needs list at most. */
export const TRAINING_NEEDS_LISTED = 10;

export interface SteeringContext {
  partnership: { name: string; region: string };
  filters: string[];
  /** yyyy-mm-dd */
  today: string;
}

/** The report's content from the overview as filtered. Names no school. */
export function steeringReport(overview: RegionalOverview, context: SteeringContext): SteeringReport {
  const schoolCount = overview.schools.length;
  const submissions = overview.submissionsCounted;
  return {
    partnership: context.partnership.name,
    region: context.partnership.region,
    printedOn: context.today,
    filters: context.filters,
    suppressionRule: SUPPRESSION_RULE,
    headline: [
      { label: 'Schools', value: countCell(schoolCount, belowThreshold(schoolCount)) },
      { label: 'Submissions counted', value: countCell(submissions, belowThreshold(submissions)) },
    ],
    sections: [
      schoolsSection(overview),
      levelsSection(overview),
      renewalsSection(overview, context.today),
      statesSection(overview),
      trainingNeedsSection(overview),
      ...agreementSections(overview),
    ],
  };
}

function schoolsSection(overview: RegionalOverview): ReportSection {
  const las = unique(overview.schools.map((s) => s.localAuthority || 'Local authority not given'));
  const phases = unique(overview.schools.map((s) => s.phase));
  const values = las.map((la) =>
    phases.map(
      (phase) => overview.schools.filter((s) => (s.localAuthority || 'Local authority not given') === la && s.phase === phase).length,
    ),
  );
  const grid = suppressedGrid(values);
  return {
    id: 'schools',
    heading: 'Schools by local authority and phase',
    intro: 'Each school counts once, by its latest submission in the filter.',
    chart: {
      caption: 'Figure 1. Schools in each local authority',
      description: 'One bar per local authority, its length the number of schools; the numbers are in Table 1.',
      bars: las.map((la, i) => ({ label: la, value: grid.rowTotals[i]! })),
      scale: 'count',
    },
    tableCaption: 'Table 1. Schools by local authority and phase',
    table: {
      header: ['Local authority', ...phases.map(phaseLabel), 'All phases'],
      rows:
        las.length === 0
          ? []
          : [
              ...las.map((la, i) => [text(la), ...grid.cells[i]!, grid.rowTotals[i]!]),
              [text('All local authorities'), ...grid.columnTotals, grid.grandTotal],
            ],
      totalRows: las.length === 0 ? 0 : 1,
      empty: 'No verified submission in the folder matches the filters.',
    },
  };
}

/** One column of counts with a total row, and a chart of it. */
function listSection(
  base: Omit<ReportSection, 'chart' | 'table'> & { chartCaption: string; description: string; header: [string, string]; empty: string },
  groups: readonly { label: string; count: number }[],
  totalLabel: string,
): ReportSection {
  const list = suppressedList(groups.map((g) => g.count));
  return {
    id: base.id,
    heading: base.heading,
    intro: base.intro,
    tableCaption: base.tableCaption,
    chart:
      groups.length === 0
        ? null
        : {
            caption: base.chartCaption,
            description: base.description,
            bars: groups.map((g, i) => ({ label: g.label, value: list.cells[i]! })),
            scale: 'count',
          },
    table: {
      header: base.header,
      rows: groups.length === 0 ? [] : [...groups.map((g, i) => [text(g.label), list.cells[i]!]), [text(totalLabel), list.total]],
      totalRows: groups.length === 0 ? 0 : 1,
      empty: base.empty,
    },
  };
}

function levelsSection(overview: RegionalOverview): ReportSection {
  const levels = unique(overview.schools.filter((s) => s.levelHeld !== '').map((s) => s.levelHeld));
  const none = overview.schools.filter((s) => s.levelHeld === '').length;
  const groups = [
    ...levels.map((label) => ({ label, count: overview.schools.filter((s) => s.levelHeld === label).length })),
    ...(overview.schools.length > 0 ? [{ label: 'No level held', count: none }] : []),
  ];
  return listSection(
    {
      id: 'levels',
      heading: 'Levels held',
      intro: 'The level each school’s latest award gives, accredited with or without conditions.',
      chartCaption: 'Figure 2. Schools at each level held',
      description: 'One bar per level, its length the number of schools holding it; the numbers are in Table 2.',
      tableCaption: 'Table 2. Schools by level held',
      header: ['Level held', 'Schools'],
      empty: 'No school in the filter.',
    },
    groups,
    'All schools',
  );
}

function renewalsSection(overview: RegionalOverview, today: string): ReportSection {
  const terms = new Map<string, { label: string; count: number }>();
  let overdue = 0;
  let undated = 0;
  for (const school of overview.schools) {
    const term = termOf(school.renewalDate);
    if (!term) undated += 1;
    else if (school.renewalDate < today) overdue += 1;
    else {
      const row = terms.get(term.key) ?? { label: term.label, count: 0 };
      row.count += 1;
      terms.set(term.key, row);
    }
  }
  const groups = [
    ...(overdue > 0 ? [{ label: 'Overdue (renewal date passed)', count: overdue }] : []),
    ...[...terms.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row),
    ...(overview.schools.length > 0 ? [{ label: 'No renewal date (no award held)', count: undated }] : []),
  ];
  return listSection(
    {
      id: 'renewals',
      heading: 'Renewals due by term',
      intro:
        'When each school’s award is due for renewal, by school term (autumn: September to December; spring: January to March; summer: April to August).',
      chartCaption: 'Figure 3. Renewals due in each term',
      description: 'One bar per term, earliest first, its length the number of schools due to renew; the numbers are in Table 3.',
      tableCaption: 'Table 3. Renewals due by term',
      header: ['Term', 'Schools'],
      empty: 'No school in the filter.',
    },
    groups,
    'All schools',
  );
}

function statesSection(overview: RegionalOverview): ReportSection {
  return listSection(
    {
      id: 'states',
      heading: 'Submissions in progress by state',
      intro: 'Where each school’s latest submission stands.',
      chartCaption: 'Figure 4. Submissions in each state',
      description: 'One bar per state, its length the number of schools whose latest submission is in it; the numbers are in Table 4.',
      tableCaption: 'Table 4. Submissions by state (each school’s latest)',
      header: ['State', 'Schools'],
      empty: 'No school in the filter.',
    },
    overview.schools.length === 0 ? [] : overview.states.map((s) => ({ label: s.label, count: s.count })),
    'All schools',
  );
}

function trainingNeedsSection(overview: RegionalOverview): ReportSection {
  const listed = overview.criteria.filter((c) => c.moderatedDown + c.notMet + c.claimedNotApplicable > 0).slice(0, TRAINING_NEEDS_LISTED);
  const rows = listed.map((c) => {
    // Moderated down and not met add up to "down or not met": one line, suppressed together.
    const hidden = suppressedFigures([c.moderatedDown, c.notMet, c.moderatedDown + c.notMet], [{ members: [0, 1], total: 2 }]);
    return {
      label: c.label,
      cells: [
        text(c.label),
        text(c.strand || 'Not known'),
        countCell(c.moderatedDown, hidden[0]),
        countCell(c.notMet, hidden[1]),
        countCell(c.moderatedDown + c.notMet, hidden[2]),
        countCell(c.claimedNotApplicable, belowThreshold(c.claimedNotApplicable)),
        countCell(c.submitted, belowThreshold(c.submitted)),
      ],
    };
  });
  return {
    id: 'training-needs',
    heading: 'Training needs: the criteria most often moderated down, not met or claimed not applicable',
    intro: `Up to ${TRAINING_NEEDS_LISTED} criteria, most often first, counting each school once by its latest moderated submission (else its latest).`,
    chart:
      rows.length === 0
        ? null
        : {
            caption: 'Figure 5. Schools whose moderator moved the criterion down or found it not met',
            description: 'One bar per criterion, its length the number of schools; the other columns are in Table 5.',
            bars: rows.map((r) => ({ label: r.label, value: r.cells[4]! })),
            scale: 'count',
          },
    tableCaption: 'Table 5. Criteria most often moderated down, not met or claimed not applicable',
    table: {
      header: [
        'Criterion',
        'Strand',
        'Moderated down',
        'Not met',
        'Down or not met',
        'Claimed not applicable',
        'Schools that submitted it',
      ],
      rows: rows.map((r) => r.cells),
      totalRows: 0,
      empty: 'No criterion was moderated down, found not met or claimed not applicable in the filter.',
    },
  };
}

const kappaCell = (kappa: Kappa): ReportCell =>
  kappa.kind === 'value'
    ? { kind: 'measure', value: kappa.value, text: (Math.round(kappa.value * 100) / 100).toFixed(2) }
    : { kind: 'measure', value: null, text: 'Not known' };

function agreementRows(rows: readonly AgreementRow[], label: (row: AgreementRow, index: number) => string): ReportCell[][] {
  const hiddenRow: ReportCell = { kind: 'suppressed' };
  return rows.map((r, i) =>
    r.returns < SUPPRESSION_THRESHOLD
      ? [text(label(r, i)), hiddenRow, hiddenRow, hiddenRow, hiddenRow, hiddenRow]
      : [
          text(label(r, i)),
          { kind: 'count', value: r.returns },
          { kind: 'count', value: r.compared },
          r.percent === null
            ? { kind: 'measure', value: null, text: 'Not known' }
            : { kind: 'measure', value: r.percent, text: `${Math.round(r.percent)}%` },
          kappaCell(r.kappa),
          text(r.kappa.words),
        ],
  );
}

const AGREEMENT_HEADER = ['Second moderations', 'Criteria compared', 'Decided alike (%)', 'Cohen’s kappa', 'What the kappa means'];

/** "Pair A", "Pair B", … "Pair Z", "Pair AA". */
export function pairLetter(index: number): string {
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  return index < 26 ? letters[index]! : `${pairLetter(Math.floor(index / 26) - 1)}${letters[index % 26]!}`;
}

function agreementSections(overview: RegionalOverview): ReportSection[] {
  const strands = agreementRows(overview.agreementByStrand, (r) => r.label);
  // Pairs by how much they second-moderated, lettered in that order: no moderator is named.
  const pairs = [...overview.agreementByPair].sort((a, b) => b.returns - a.returns || b.compared - a.compared);
  const empty = 'No second moderation in the filter compares with a first moderator’s report yet.';
  const description =
    'One bar per strand, its length the kappa from 0 (no more agreement than chance) to 1 (full agreement); a strand with fewer than 5 second moderations is not drawn. The numbers are in Table 6.';
  return [
    {
      id: 'agreement-strands',
      heading: 'Agreement between moderators, per strand',
      intro:
        'From second moderation: how often the second moderator decided a criterion as the first did, and Cohen’s kappa, which discounts agreement by chance.',
      chart:
        strands.length === 0
          ? null
          : {
              caption: 'Figure 6. Cohen’s kappa per strand',
              description,
              bars: strands.map((r) => ({ label: cellText(r[0]!), value: r[4]! })),
              scale: 'kappa',
            },
      tableCaption: 'Table 6. Agreement between moderators, per strand',
      table: { header: ['Strand', ...AGREEMENT_HEADER], rows: strands, totalRows: 0, empty },
    },
    {
      id: 'agreement-pairs',
      heading: 'Agreement between moderators, per pair',
      intro: 'The same, for each pair of first and second moderators. Pairs are lettered, not named.',
      chart: null,
      tableCaption: 'Table 7. Agreement between moderators, per pair',
      table: {
        header: ['Moderators', ...AGREEMENT_HEADER],
        rows: agreementRows(pairs, (_, i) => `Pair ${pairLetter(i)}`),
        totalRows: 0,
        empty,
      },
    },
  ];
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}
