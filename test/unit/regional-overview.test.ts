import { describe, expect, it } from 'vitest';
import {
  INDEX_DETAIL_VERSION,
  type FolderModeratedCriterion,
  type FolderSubmittedCriterion,
  type SharedFolderEntry,
} from '../../shared/moderation/shared-folder-index';
import {
  NO_FILTERS,
  editionKey,
  filterOptions,
  regionalOverview,
  type FrameworkLookup,
  type OverviewFramework,
} from '../../shared/partnership/regional-overview';

// A framework of four criteria in two strands, on a four-point scale (strongest first).
const framework: OverviewFramework = {
  scale: {
    name: 'Judgements',
    points: [
      { id: 'outstanding', label: 'Outstanding' },
      { id: 'good', label: 'Good' },
      { id: 'developing', label: 'Developing' },
      { id: 'not-yet', label: 'Not yet' },
    ],
    metAtOrAbove: 'developing',
  } as OverviewFramework['scale'],
  strandOf: (id) =>
    id === 'c1' || id === 'c2' ? { id: 's1', title: 'Leadership' } : id === 'c3' || id === 'c4' ? { id: 's2', title: 'Teaching' } : null,
  criterionLabel: (id) => `Criterion ${id}`,
};
const lookup: FrameworkLookup = (ref) => (ref.id === 'F' ? framework : null);

const base = { size: 1, lastModified: 0, valid: true, reason: null, checkedAt: 'now', detail: INDEX_DETAIL_VERSION } as const;
const ref = (version: string) => ({ id: 'F', version, title: 'Framework', contentHash: `h${version}`, supplementHash: null });

function submission(
  sha: string,
  school: { urn: string; name: string; la: string; phase: string; year: string; edition?: string },
  version: number,
  criteria: FolderSubmittedCriterion[],
): SharedFolderEntry {
  return {
    ...base,
    key: `p|${sha}`,
    folderKey: 'p',
    name: `${sha}.pdf`,
    sha256: sha,
    kind: 'submission',
    submission: {
      submissionId: `sub-${school.urn}`,
      schoolName: school.name,
      urn: school.urn,
      version,
      exportedAt: `2026-0${version}-01T10:00:00.000Z`,
      regionId: 'south-west',
      signerFingerprint: 'f',
      detail: {
        localAuthority: school.la,
        phase: school.phase,
        phases: [],
        framework: ref(school.edition ?? '1'),
        academicYear: school.year,
        criteria,
      },
    },
    report: null,
  };
}

function report(
  id: string,
  submissionSha: string,
  moderatorName: string,
  outcome: {
    kind: 'accredited' | 'accredited-with-conditions' | 'not-yet' | 'deferred';
    level: string | null;
    renewal: string;
    decided: string;
    resubmitBy?: string;
  },
  criteria: FolderModeratedCriterion[],
): SharedFolderEntry {
  return {
    ...base,
    key: `p|${id}`,
    folderKey: 'p',
    name: `${id}.pdf`,
    sha256: id,
    kind: 'moderation-report',
    submission: null,
    report: {
      reportId: id,
      submissionId: 'x',
      submissionSha256: submissionSha,
      schoolName: 'x',
      urn: 'x',
      version: 1,
      issuedAt: `${outcome.decided}T12:00:00.000Z`,
      outcome: outcome.kind,
      moderatorName,
      organisation: 'SW',
      detail: {
        levelId: outcome.level?.toLowerCase() ?? null,
        levelLabel: outcome.level ?? '',
        renewalDate: outcome.renewal,
        decidedOn: outcome.decided,
        resubmitBy: outcome.resubmitBy ?? null,
        followsReportId: null,
        framework: ref('1'),
        criteria,
      },
    },
  };
}

function secondReturn(
  id: string,
  submissionSha: string,
  requester: string,
  second: string,
  decisions: [string, string, string | null][],
): SharedFolderEntry {
  return {
    ...base,
    key: `p|${id}`,
    folderKey: 'p',
    name: `${id}.pdf`,
    sha256: id,
    kind: 'second-return',
    submission: null,
    report: null,
    second: {
      requestId: `req-${id}`,
      returnId: id,
      submissionId: 'x',
      submissionSha256: submissionSha,
      schoolName: 'x',
      urn: 'x',
      version: 1,
      createdAt: '2026-11-30T10:00:00.000Z',
      requesterName: requester,
      requesterOrganisation: 'SW',
      secondModeratorName: second,
      criterionIds: decisions.map((d) => d[0]),
      decisions: decisions.map(([criterionId, decision, moderatedJudgement]) => ({
        criterionId,
        decision: decision as FolderModeratedCriterion['decision'],
        moderatedJudgement,
      })),
      requestSha256: 'r',
    },
  };
}

const s = (criterionId: string, judgement: string | null, notApplicable = false): FolderSubmittedCriterion => ({
  criterionId,
  judgement,
  notApplicable,
});
const m = (
  criterionId: string,
  schoolJudgement: string | null,
  decision: FolderModeratedCriterion['decision'],
  moderatedJudgement: string | null = null,
) => ({
  criterionId,
  schoolJudgement,
  decision,
  moderatedJudgement,
});

const alder = { urn: '100001', name: 'Alder Primary', la: 'Devon', phase: 'primary', year: '2026 to 2027' };
const beech = { urn: '100002', name: 'Beech Academy', la: 'Devon', phase: 'secondary', year: '2026 to 2027' };
const cedar = { urn: '100003', name: 'Cedar School', la: 'Cornwall', phase: 'special', year: '2025 to 2026', edition: '0.9' };

const index: SharedFolderEntry[] = [
  submission('sA1', alder, 1, [s('c1', 'outstanding'), s('c2', 'good'), s('c3', 'good'), s('c4', null, true)]),
  submission('sA2', alder, 2, [s('c1', 'good'), s('c2', 'good'), s('c3', 'good'), s('c4', 'good')]),
  report('rA1', 'sA1', 'Jo Bloggs', { kind: 'accredited', level: 'Gold', renewal: '2029-11-30', decided: '2026-11-20' }, [
    m('c1', 'outstanding', 'moderated', 'good'),
    m('c2', 'good', 'agree'),
    m('c3', 'good', 'not-met'),
    m('c4', null, 'agree'),
  ]),
  submission('sB1', beech, 1, [s('c1', 'good'), s('c2', 'good'), s('c3', 'developing'), s('c4', null, true)]),
  report('rB1', 'sB1', 'Jo Bloggs', { kind: 'deferred', level: null, renewal: '', decided: '2026-11-10', resubmitBy: '2026-12-01' }, [
    m('c1', 'good', 'moderated', 'developing'),
    m('c3', 'developing', 'not-met'),
  ]),
  submission('sC1', cedar, 1, [s('c1', 'good'), s('c2', 'good'), s('c3', null, true), s('c4', 'good')]),
  report('rC1', 'sC1', 'Ann Lee', { kind: 'accredited-with-conditions', level: 'Silver', renewal: '2028-07-15', decided: '2025-07-01' }, [
    m('c1', 'good', 'agree'),
    m('c2', 'good', 'moderated', 'outstanding'),
  ]),
  // A follow-up: the latest report stands.
  report('rC2', 'sC1', 'Ann Lee', { kind: 'accredited', level: 'Silver', renewal: '2028-07-15', decided: '2025-09-01' }, [
    m('c1', 'good', 'agree'),
    m('c2', 'good', 'moderated', 'outstanding'),
  ]),
  secondReturn('R1', 'sA1', 'Jo Bloggs', 'Sam Patel', [
    ['c1', 'moderated', 'good'],
    ['c2', 'agree', null],
    ['c3', 'agree', null],
  ]),
  secondReturn('R2', 'sB1', 'Jo Bloggs', 'Sam Patel', [
    ['c1', 'moderated', 'developing'],
    ['c3', 'not-met', null],
  ]),
  secondReturn('R3', 'sC1', 'Ann Lee', 'Sam Patel', [
    ['c1', 'agree', null],
    ['c2', 'agree', null],
  ]),
  // On a submission nobody has reported on: nothing to compare with.
  secondReturn('R4', 'sA2', 'Jo Bloggs', 'Sam Patel', [['c1', 'agree', null]]),
  // Never counted: a failed file, and an entry from before the index kept the overview's data.
  { ...submission('bad', { ...alder, urn: '999999', name: 'Forged School' }, 1, []), valid: false, reason: 'Tampered.' },
  (() => {
    const older = submission('old', { ...beech, urn: '888888', name: 'Old Entry School' }, 1, []);
    delete older.detail;
    delete older.submission!.detail;
    return older;
  })(),
];
const TODAY = '2026-12-04';

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
