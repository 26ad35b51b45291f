/** A hand-worked region for the regional overview: three schools, their reports and second moderations (test/unit/regional-overview.test.ts works the numbers). */
import {
  INDEX_DETAIL_VERSION,
  type FolderModeratedCriterion,
  type FolderSubmittedCriterion,
  type SharedFolderEntry,
} from '../../shared/moderation/shared-folder-index';
import type { FrameworkLookup, OverviewFramework } from '../../shared/partnership/regional-overview';

// A framework of four criteria in two strands, on a four-point scale (strongest first).
export const framework: OverviewFramework = {
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
export const lookup: FrameworkLookup = (ref) => (ref.id === 'F' ? framework : null);

const base = { size: 1, lastModified: 0, valid: true, reason: null, checkedAt: 'now', detail: INDEX_DETAIL_VERSION } as const;
export const ref = (version: string) => ({ id: 'F', version, title: 'Framework', contentHash: `h${version}`, supplementHash: null });

export function submission(
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

export function report(
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

export function secondReturn(
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

export const s = (criterionId: string, judgement: string | null, notApplicable = false): FolderSubmittedCriterion => ({
  criterionId,
  judgement,
  notApplicable,
});
export const m = (
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

export const alder = { urn: '100001', name: 'Alder Primary', la: 'Devon', phase: 'primary', year: '2026 to 2027' };
export const beech = { urn: '100002', name: 'Beech Academy', la: 'Devon', phase: 'secondary', year: '2026 to 2027' };
export const cedar = { urn: '100003', name: 'Cedar School', la: 'Cornwall', phase: 'special', year: '2025 to 2026', edition: '0.9' };

export const index: SharedFolderEntry[] = [
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
export const TODAY = '2026-12-04';
