import { describe, expect, it } from 'vitest';
import { NO_FILTERS, editionKey, filterOptions, prepareOverview, regionalOverview } from '../../shared/partnership/regional-overview';
import { overviewTables, rowKeys, sameCells, sortRows } from '../../shared/partnership/regional-overview-tables';
import { TODAY, beech, index, lookup, m, ref, report, s, secondReturn, submission } from './regional-overview-fixtures';

describe('the regional overview, worked by hand', () => {
  const overview = regionalOverview(index, NO_FILTERS, TODAY, lookup);

  it('lists each school once, by local authority, phase and name, with the level of its latest award and the state of its latest submission', () => {
    expect(overview.schools.map((r) => [r.schoolName, r.localAuthority, r.phase, r.version, r.levelHeld, r.renewalDate, r.state])).toEqual([
      ['Cedar School', 'Cornwall', 'special', 1, 'Silver', '2028-07-15', 'decided'],
      // Version 2 is not moderated yet: new; the award from version 1 is still the level held.
      ['Alder Primary', 'Devon', 'primary', 2, 'Gold', '2029-11-30', 'new'],
      // Deferred, due 1 December, not resubmitted by 4 December: lapsed, and no level held.
      ['Beech Academy', 'Devon', 'secondary', 1, '', '', 'lapsed'],
    ]);
    expect(overview.schools[0]?.stateLabel).toBe('Decided: accredited');
    expect(overview.submissionsCounted).toBe(4);
  });

  it('counts submissions by state, every state listed', () => {
    expect(Object.fromEntries(overview.states.map((st) => [st.state, st.count]))).toEqual({
      new: 1,
      'in-review': 0,
      'awaiting-evidence': 0,
      'visit-planned': 0,
      decided: 1,
      appealed: 0,
      lapsed: 1,
    });
  });

  it('a renewal calendar by month', () => {
    expect(overview.renewals.map((r) => [r.month, r.label, r.past, r.schools.map((x) => x.schoolName)])).toEqual([
      ['2028-07', 'July 2028', false, ['Cedar School']],
      ['2029-11', 'November 2029', false, ['Alder Primary']],
    ]);
    expect(regionalOverview(index, NO_FILTERS, '2028-08-01', lookup).renewals[0]?.past).toBe(true);
  });

  it('the criteria most often moderated down, not met or claimed not applicable, most first', () => {
    expect(
      overview.criteria.map((c) => [c.criterionId, c.moderatedDown, c.notMet, c.claimedNotApplicable, c.decided, c.submitted]),
    ).toEqual([
      ['c3', 0, 2, 1, 2, 3],
      // Alder (outstanding to good) and Beech (good to developing) down; Cedar agreed.
      ['c1', 2, 0, 0, 3, 3],
      ['c4', 0, 0, 2, 1, 3],
      // Cedar's moderator moved c2 up, which is not down.
      ['c2', 0, 0, 0, 2, 3],
    ]);
    expect(overview.criteria[0]).toMatchObject({ label: 'Criterion c3', strand: 'Teaching' });
  });

  it('without the framework installed a moderated point cannot be told down', () => {
    const unknown = regionalOverview(index, NO_FILTERS, TODAY, () => null);
    expect(unknown.criteria.find((c) => c.criterionId === 'c1')).toMatchObject({ moderatedDown: 0, decided: 3, label: 'c1' });
  });

  it('agreement per pair of moderators: percentage and Cohen’s kappa', () => {
    // Jo and Sam: 5 criteria, 4 alike. pe = (1·1 + 1·2 + 2·1 + 1·1) / 25 = 0.24; kappa = (0.8 − 0.24) / 0.76.
    // Ann and Sam: 2 criteria, 1 alike. pe = (1·2 + 1·0) / 4 = 0.5; kappa = 0.
    expect(overview.agreementByPair.map((r) => [r.label, r.returns, r.compared, r.agreed, r.percent])).toEqual([
      ['Ann Lee and Sam Patel', 1, 2, 1, 50],
      ['Jo Bloggs and Sam Patel', 2, 5, 4, 80],
    ]);
    const [ann, jo] = overview.agreementByPair;
    expect(ann?.kappa).toEqual({ kind: 'value', value: 0, words: 'slight' });
    expect(jo?.kappa.kind === 'value' ? jo.kappa.value : null).toBeCloseTo(0.56 / 0.76, 10);
    expect(jo?.kappa.words).toBe('substantial');
    expect(overview.returnsWithoutReport).toBe(1);
  });

  it('agreement per strand', () => {
    // Leadership: 5 criteria, 4 alike; pe = (2·3 + 1·1 + 1·1 + 1·0) / 25 = 0.32; kappa = 0.48 / 0.68.
    // Teaching: 2 criteria, 1 alike; pe = (2/2)·(1/2) = 0.5; kappa = 0.
    expect(overview.agreementByStrand.map((r) => [r.label, r.returns, r.compared, r.agreed, r.percent])).toEqual([
      ['Leadership', 3, 5, 4, 80],
      ['Teaching', 2, 2, 1, 50],
    ]);
    const [leadership, teaching] = overview.agreementByStrand;
    expect(leadership?.kappa.kind === 'value' ? leadership.kappa.value : null).toBeCloseTo(0.48 / 0.68, 10);
    expect(teaching?.kappa).toMatchObject({ kind: 'value', value: 0 });
  });

  it('kappa says in words when it cannot be worked out', () => {
    const alike = [
      submission('sX', beech, 1, [s('c1', 'good')]),
      report('rX', 'sX', 'Jo Bloggs', { kind: 'accredited', level: 'Gold', renewal: '2029-01-01', decided: '2026-11-01' }, [
        m('c1', 'good', 'agree'),
      ]),
      secondReturn('RX', 'sX', 'Jo Bloggs', 'Sam Patel', [['c1', 'agree', null]]),
    ];
    const [row] = regionalOverview(alike, NO_FILTERS, TODAY, lookup).agreementByPair;
    expect(row).toMatchObject({ compared: 1, agreed: 1, percent: 100, kappa: { kind: 'undefined' } });
    expect(row?.kappa.words).toContain('cannot be worked out');
  });
});

describe('filters', () => {
  it('offers every value among verified submissions', () => {
    expect(filterOptions(index)).toEqual({
      localAuthorities: ['Cornwall', 'Devon'],
      phases: ['primary', 'secondary', 'special'],
      editions: [
        { key: 'F@0.9', label: 'Framework (version 0.9)' },
        { key: 'F@1', label: 'Framework (version 1)' },
      ],
      academicYears: ['2025 to 2026', '2026 to 2027'],
    });
  });

  it.each<[string, Partial<typeof NO_FILTERS>, string[]]>([
    ['local authority', { localAuthority: 'Devon' }, ['Alder Primary', 'Beech Academy']],
    ['phase', { phase: 'primary' }, ['Alder Primary']],
    ['framework edition', { edition: editionKey(ref('1')) }, ['Alder Primary', 'Beech Academy']],
    ['academic year', { academicYear: '2025 to 2026' }, ['Cedar School']],
    ['two at once', { localAuthority: 'Devon', phase: 'special' }, []],
  ])('by %s', (_, filters, schools) => {
    expect(regionalOverview(index, { ...NO_FILTERS, ...filters }, TODAY, lookup).schools.map((r) => r.schoolName)).toEqual(schools);
  });

  it('the other tables follow the filter', () => {
    const devon = regionalOverview(index, { ...NO_FILTERS, localAuthority: 'Devon' }, TODAY, lookup);
    expect(devon.renewals.map((r) => r.month)).toEqual(['2029-11']);
    expect(devon.agreementByPair.map((r) => r.label)).toEqual(['Jo Bloggs and Sam Patel']);
    expect(devon.criteria.find((c) => c.criterionId === 'c3')).toMatchObject({ notMet: 2, claimedNotApplicable: 0, submitted: 2 });
  });
});

describe('the tables the screen shows and the CSV files hold', () => {
  const tables = overviewTables(regionalOverview(index, NO_FILTERS, TODAY, lookup));
  const byId = (id: string) => tables.find((t) => t.id === id)!;

  it('one table per view, each with its own CSV file name', () => {
    expect(tables.map((t) => t.fileName)).toEqual([
      'regional-overview-schools.csv',
      'regional-overview-renewals.csv',
      'regional-overview-states.csv',
      'regional-overview-criteria.csv',
      'regional-overview-agreement-pairs.csv',
      'regional-overview-agreement-strands.csv',
    ]);
  });

  it('the schools table says "None" for no level, in words a person reads', () => {
    expect(byId('schools').rows[2]).toEqual([
      'Devon',
      'Secondary',
      'Beech Academy',
      '100002',
      1,
      'Framework (version 1)',
      '2026 to 2027',
      'None',
      '',
      'Lapsed',
    ]);
  });

  it('the criteria table leaves out criteria nobody moderated down, found not met or claimed not applicable', () => {
    expect(byId('criteria').rows.map((r) => r[0])).toEqual(['Criterion c3', 'Criterion c1', 'Criterion c4']);
  });

  it('agreement: percentage to one place, kappa to three, and its words', () => {
    expect(byId('agreement-pairs').rows[1]).toEqual(['Jo Bloggs and Sam Patel', 2, 5, 4, 80, 0.737, 'substantial']);
  });

  it('sorts numbers as numbers and text alphabetically, blanks last', () => {
    const rows = [
      ['b', 10, ''],
      ['a', 9, 'x'],
      ['C', 100, null],
    ];
    expect(sortRows(rows, 1, 'ascending').map((r) => r[1])).toEqual([9, 10, 100]);
    expect(sortRows(rows, 1, 'descending').map((r) => r[1])).toEqual([100, 10, 9]);
    expect(sortRows(rows, 0, 'ascending').map((r) => r[0])).toEqual(['a', 'b', 'C']);
    expect(sortRows(rows, 2, 'descending').map((r) => r[2])).toEqual(['x', '', null]);
  });
});

describe('a submission that may be forged', () => {
  const NE = { name: 'South West SEN Regional Partnership', region: 'South West', rootFingerprint: 'root' };
  const kingsbridge = { urn: '113532', name: 'Kingsbridge Community College', la: 'Devon', phase: 'secondary', year: '2026-27' };
  const certified = (sha: string, version: number) => {
    const entry = submission(sha, kingsbridge, version, []);
    if (entry.submission) entry.submission.certifiedBy = NE;
    return entry;
  };

  it('is not taken as a certified school’s latest: a newer file naming it, signed by a key no partnership certified, is left out and counted apart', () => {
    const forged = submission('forged', kingsbridge, 2, []);
    const overview = regionalOverview([certified('real', 1), forged], NO_FILTERS, TODAY, lookup);
    expect(overview.schools.map((r) => [r.schoolName, r.version])).toEqual([['Kingsbridge Community College', 1]]);
    expect(overview.submissionsCounted).toBe(1);
    expect(overview.uncertifiedLeftOut).toBe(1);
  });

  it('counts a school nobody certified by its own files, as before', () => {
    const overview = regionalOverview(
      [submission('a', kingsbridge, 1, []), submission('b', kingsbridge, 2, [])],
      NO_FILTERS,
      TODAY,
      lookup,
    );
    expect(overview.schools.map((r) => r.version)).toEqual([2]);
    expect(overview.uncertifiedLeftOut).toBe(0);
  });
});

describe('the overview from an index read once', () => {
  it('gives every filter the same overview as the entries themselves, and says what it left out', () => {
    const prepared = prepareOverview(index);
    const filters = [
      NO_FILTERS,
      { ...NO_FILTERS, localAuthority: 'Devon' },
      { ...NO_FILTERS, localAuthority: 'Devon', phase: 'primary' },
      { ...NO_FILTERS, phase: 'special' },
      { ...NO_FILTERS, localAuthority: 'Nowhere' },
    ];
    for (const f of filters) expect(regionalOverview(prepared, f, TODAY, lookup)).toEqual(regionalOverview(index, f, TODAY, lookup));
    expect(prepared.options).toEqual(filterOptions(index));
    // The fixtures hold one entry indexed before the overview's data was kept.
    expect(prepared.older).toBe(1);
    expect(prepared.uncertifiedLeftOut).toBe(0);
  });

  it('without the criteria (the screen’s first draw) gives everything but the criteria and agreement as the whole overview does', () => {
    const prepared = prepareOverview(index);
    for (const f of [NO_FILTERS, { ...NO_FILTERS, localAuthority: 'Devon' }]) {
      const whole = regionalOverview(prepared, f, TODAY, lookup);
      expect(whole.criteria.length).toBeGreaterThan(0);
      expect(whole.agreementByPair.length).toBeGreaterThan(0);
      expect(regionalOverview(prepared, f, TODAY, lookup, { criteria: false })).toEqual({
        ...whole,
        criteria: [],
        agreementByPair: [],
        agreementByStrand: [],
      });
    }
  });
});

describe('row keys', () => {
  it('are the same for the same cells wherever the row is, and differ for repeated or different rows', () => {
    const a = ['Devon', 'Primary', 'Alder Primary', 2];
    const b = ['Devon', 'Secondary', 'Beech Academy', null];
    const [ka, kb] = rowKeys([a, b]);
    expect(rowKeys([b, a])).toEqual([kb, ka]);
    expect(rowKeys([a, a, a]).length).toBe(new Set(rowKeys([a, a, a])).size);
    // A number and the same digits as text, and null and '', are different cells.
    expect(rowKeys([['x', 2]])).not.toEqual(rowKeys([['x', '2']]));
    expect(rowKeys([['x', null]])).not.toEqual(rowKeys([['x', '']]));
    expect(sameCells(a, [...a])).toBe(true);
    expect(sameCells(a, b)).toBe(false);
  });
});
