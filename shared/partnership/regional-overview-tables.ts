import type { AppliedFramework } from '../framework/applied-framework';
import { formatIsoDate } from '../formats/en-gb-dates';
import type { CsvCell } from './csv';
import { phaseLabel, type AgreementRow, type OverviewFramework, type RegionalOverview } from './regional-overview';

/**
 * The overview's tables as rows of cells: the screen shows them and the CSV files hold exactly the
 * same cells, so what is downloaded is what was on the screen (filtered as it was).
 */
export interface OverviewTable {
  id: 'schools' | 'renewals' | 'states' | 'criteria' | 'agreement-pairs' | 'agreement-strands';
  caption: string;
  /** The CSV's file name, e.g. "regional-overview-schools.csv". */
  fileName: string;
  header: string[];
  /** Which columns hold numbers (sorted as numbers, right-aligned). */
  numeric: boolean[];
  rows: CsvCell[][];
  /** What an empty table says instead. */
  empty: string;
}

const percentText = (p: number | null) => (p === null ? null : Math.round(p * 10) / 10);
const kappaValue = (row: AgreementRow) => (row.kappa.kind === 'value' ? Math.round(row.kappa.value * 1000) / 1000 : null);

export function overviewTables(overview: RegionalOverview): OverviewTable[] {
  const table = (t: Omit<OverviewTable, 'fileName' | 'numeric'> & { numeric: number[] }): OverviewTable => ({
    ...t,
    fileName: `regional-overview-${t.id}.csv`,
    numeric: t.header.map((_, i) => t.numeric.includes(i)),
  });
  const agreement = (id: 'agreement-pairs' | 'agreement-strands', caption: string, first: string, rows: AgreementRow[]) =>
    table({
      id,
      caption,
      header: [first, 'Second moderations', 'Criteria compared', 'Decided alike', 'Agreement (%)', "Cohen's kappa", 'What the kappa means'],
      numeric: [1, 2, 3, 4, 5],
      rows: rows.map((r) => [r.label, r.returns, r.compared, r.agreed, percentText(r.percent), kappaValue(r), r.kappa.words]),
      empty: 'No second moderation in the folder compares with a first moderator’s report yet.',
    });
  return [
    table({
      id: 'schools',
      caption: 'Schools by local authority and phase',
      header: [
        'Local authority',
        'Phase',
        'School',
        'URN',
        'Latest version',
        'Framework',
        'Academic year',
        'Level held',
        'Renewal date',
        'Where it stands',
      ],
      numeric: [4],
      rows: overview.schools.map((s) => [
        s.localAuthority,
        phaseLabel(s.phase),
        s.schoolName,
        s.urn,
        s.version,
        s.edition,
        s.academicYear,
        s.levelHeld || 'None',
        s.renewalDate,
        s.stateLabel,
      ]),
      empty: 'No verified submission in the folder matches the filters.',
    }),
    table({
      id: 'renewals',
      caption: 'Renewal calendar',
      header: ['Month', 'Schools to renew', 'Which', 'Overdue'],
      numeric: [1],
      rows: overview.renewals.map((m) => [
        m.label,
        m.schools.length,
        m.schools.map((s) => `${s.schoolName} (${s.levelHeld}, ${formatIsoDate(s.renewalDate)})`).join('; '),
        m.past ? 'Yes' : 'No',
      ]),
      empty: 'No school in the filter holds an award with a renewal date.',
    }),
    table({
      id: 'states',
      caption: 'Submissions by state (each school’s latest)',
      header: ['State', 'Submissions'],
      numeric: [1],
      rows: overview.states.map((s) => [s.label, s.count]),
      empty: 'No submissions.',
    }),
    table({
      id: 'criteria',
      caption: 'Criteria most often moderated down, not met or claimed not applicable',
      header: [
        'Criterion',
        'Strand',
        'Moderated down',
        'Not met',
        'Claimed not applicable',
        'Schools whose report decided it',
        'Schools that submitted it',
      ],
      numeric: [2, 3, 4, 5, 6],
      rows: overview.criteria
        .filter((c) => c.moderatedDown + c.notMet + c.claimedNotApplicable > 0)
        .map((c) => [c.label, c.strand, c.moderatedDown, c.notMet, c.claimedNotApplicable, c.decided, c.submitted]),
      empty: 'No criterion was moderated down, found not met or claimed not applicable in the filter.',
    }),
    agreement('agreement-pairs', 'Agreement between moderators, per pair (second moderation)', 'Moderators', overview.agreementByPair),
    agreement('agreement-strands', 'Agreement between moderators, per strand (second moderation)', 'Strand', overview.agreementByStrand),
  ];
}

export type SortDirection = 'ascending' | 'descending';

/** Rows sorted on one column: numbers as numbers, text as the English alphabet has it; blanks last either way. */
export function sortRows(rows: readonly CsvCell[][], column: number, direction: SortDirection): CsvCell[][] {
  const sign = direction === 'ascending' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = a[column] ?? null;
    const y = b[column] ?? null;
    if (x === null || x === '') return y === null || y === '' ? 0 : 1;
    if (y === null || y === '') return -1;
    if (typeof x === 'number' && typeof y === 'number') return sign * (x - y);
    return sign * String(x).localeCompare(String(y), 'en-GB', { numeric: true });
  });
}

/** What the overview needs of an installed framework (and supplement). */
export function overviewFrameworkOf(framework: AppliedFramework): OverviewFramework {
  const strands = new Map(framework.strands.map((s) => [s.id, s.title]));
  return {
    scale: framework.scale,
    strandOf: (id) => {
      const criterion = framework.criterionById.get(id);
      return criterion ? { id: criterion.strandId, title: strands.get(criterion.strandId) ?? criterion.strandId } : null;
    },
    criterionLabel: (id) => {
      const criterion = framework.criterionById.get(id);
      return criterion ? `${id} ${criterion.title}` : null;
    },
  };
}

/**
 * A key for each row from its cells (a repeated row gets its number of repeats after it), so that
 * a row showing the same cells after a filter or a sort is kept as it is and only rows that came or
 * went are drawn or removed.
 */
export function rowKeys(rows: readonly (readonly CsvCell[])[]): string[] {
  const seen = new Map<string, number>();
  return rows.map((row) => {
    const text = row.map((cell) => (cell === null ? '\u0001' : `${typeof cell}:${String(cell)}`)).join('\u0000');
    const repeats = seen.get(text) ?? 0;
    seen.set(text, repeats + 1);
    return repeats === 0 ? text : `${text}\u0002${repeats}`;
  });
}

/** True when two rows (or two lists of flags) hold the same values in the same order. */
export function sameCells<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((cell, i) => cell === b[i]);
}
