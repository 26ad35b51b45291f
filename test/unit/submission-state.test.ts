import { describe, expect, it } from 'vitest';
import type { ImportedSubmission } from '../../shared/moderation/moderation-records';
import { queueRow } from '../../shared/moderation/submission-queue';
import {
  fromRecordedStatus,
  SUBMISSION_STATES,
  submissionState,
  submissionStateExplanation,
  submissionStateLabel,
  workspaceStates,
  type SubmissionFacts,
  type SubmissionState,
} from '../../shared/moderation/submission-state';

const TODAY = '2026-12-10';

function facts(over: Partial<SubmissionFacts> = {}): SubmissionFacts {
  return {
    recordedStatus: 'new',
    decisions: [],
    visit: null,
    outcome: null,
    requests: [],
    appeal: null,
    laterVersion: null,
    today: TODAY,
    ...over,
  };
}

const accredited = { kind: 'accredited' as const, levelId: 'silver', renewalDate: '2029-12-01' };
const deferred = (resubmitBy: string | null) => ({ kind: 'deferred' as const, levelId: null, renewalDate: '', resubmitBy });
const notYet = { kind: 'not-yet' as const, levelId: null, renewalDate: '' };
const withConditions = (conditions: { dueOn: string; dischargedOn?: string | null }[]) => ({
  kind: 'accredited-with-conditions' as const,
  levelId: 'silver',
  renewalDate: '2029-12-01',
  conditions,
});

describe('the state of a submission, derived from its records', () => {
  const table: [string, Partial<SubmissionFacts>, SubmissionState][] = [
    ['nothing recorded: new', {}, { kind: 'new' }],
    ['a decision with no decision chosen is still new', { decisions: [{ decision: null }] }, { kind: 'new' }],
    [
      'a first decision: in review',
      { decisions: [{ decision: 'agree' }, { decision: null }] },
      { kind: 'in-review', decided: 1, visitedOn: null },
    ],
    [
      'a visit dated later: visit planned',
      { decisions: [{ decision: 'agree' }], visit: { visitDate: '2026-12-20' } },
      { kind: 'visit-planned', visitDate: '2026-12-20' },
    ],
    ['a visit dated today: still planned', { visit: { visitDate: TODAY } }, { kind: 'visit-planned', visitDate: TODAY }],
    [
      'a visit that has taken place: in review',
      { visit: { visitDate: '2026-12-09' } },
      { kind: 'in-review', decided: 0, visitedOn: '2026-12-09' },
    ],
    [
      'a visit plan without a date and no decisions: what was recorded',
      { visit: { visitDate: '' }, recordedStatus: 'visit-planned' },
      { kind: 'visit-planned', visitDate: null },
    ],
    [
      'an open request: awaiting evidence, due on the earliest open date',
      {
        visit: { visitDate: '2026-12-20' },
        requests: [
          { dueOn: '2027-01-09', receivedOn: null },
          { dueOn: '2026-12-30', receivedOn: null },
          { dueOn: '2026-12-15', receivedOn: '2026-12-08' },
        ],
      },
      { kind: 'awaiting-evidence', dueOn: '2026-12-30', overdue: false, because: 'requests', openRequests: 2 },
    ],
    [
      'an open request past its date: overdue, not lapsed',
      { requests: [{ dueOn: '2026-12-09', receivedOn: null }] },
      { kind: 'awaiting-evidence', dueOn: '2026-12-09', overdue: true, because: 'requests', openRequests: 1 },
    ],
    [
      'an open request due today is not overdue',
      { requests: [{ dueOn: TODAY, receivedOn: null }] },
      { kind: 'awaiting-evidence', dueOn: TODAY, overdue: false, because: 'requests', openRequests: 1 },
    ],
    [
      'every request received: back to the review',
      { decisions: [{ decision: 'more-evidence' }], requests: [{ dueOn: '2026-12-09', receivedOn: '2026-12-01' }] },
      { kind: 'in-review', decided: 1, visitedOn: null },
    ],
    [
      'accredited: decided, with the level and renewal date',
      { outcome: accredited, requests: [{ dueOn: '2026-12-01', receivedOn: null }] },
      { kind: 'decided', outcome: 'accredited', levelId: 'silver', renewalDate: '2029-12-01', resubmittedAs: null, appealResolvedOn: null },
    ],
    [
      'not accredited: decided',
      { outcome: notYet },
      { kind: 'decided', outcome: 'not-yet', levelId: null, renewalDate: '', resubmittedAs: null, appealResolvedOn: null },
    ],
    [
      'deferred before its resubmission date: awaiting evidence, not decided',
      { outcome: deferred('2027-01-09'), recordedStatus: 'decided', requests: [{ dueOn: '2026-12-20', receivedOn: null }] },
      { kind: 'awaiting-evidence', dueOn: '2027-01-09', overdue: false, because: 'deferral', openRequests: 1 },
    ],
    [
      'deferred, on the resubmission date itself: still awaiting',
      { outcome: deferred(TODAY) },
      { kind: 'awaiting-evidence', dueOn: TODAY, overdue: false, because: 'deferral', openRequests: 0 },
    ],
    ['deferred, the resubmission date passed: lapsed', { outcome: deferred('2026-12-09') }, { kind: 'lapsed', dueOn: '2026-12-09' }],
    [
      'deferred without a resubmission date: the latest open request is the deadline',
      {
        outcome: deferred(null),
        requests: [
          { dueOn: '2026-12-01', receivedOn: null },
          { dueOn: '2026-12-11', receivedOn: null },
        ],
      },
      { kind: 'awaiting-evidence', dueOn: '2026-12-11', overdue: false, because: 'deferral', openRequests: 2 },
    ],
    [
      'deferred without any date: awaiting, no date',
      { outcome: deferred(null) },
      { kind: 'awaiting-evidence', dueOn: null, overdue: false, because: 'deferral', openRequests: 0 },
    ],
    [
      'deferred and resubmitted: decided, never lapsed',
      { outcome: deferred('2026-11-01'), laterVersion: 2 },
      { kind: 'decided', outcome: 'deferred', levelId: null, renewalDate: '', resubmittedAs: 2, appealResolvedOn: null },
    ],
    [
      'accredited with conditions, all open: decided, due on the soonest condition',
      { outcome: withConditions([{ dueOn: '2027-06-30' }, { dueOn: '2027-03-31' }]) },
      {
        kind: 'decided',
        outcome: 'accredited-with-conditions',
        levelId: 'silver',
        renewalDate: '2029-12-01',
        resubmittedAs: null,
        appealResolvedOn: null,
        conditions: { open: 2, dueOn: '2027-03-31', overdue: false },
      },
    ],
    [
      'accredited with conditions, the first discharged: due on the next open one',
      {
        outcome: withConditions([
          { dueOn: '2027-03-31', dischargedOn: '2027-02-01' },
          { dueOn: '2027-06-30', dischargedOn: null },
        ]),
      },
      {
        kind: 'decided',
        outcome: 'accredited-with-conditions',
        levelId: 'silver',
        renewalDate: '2029-12-01',
        resubmittedAs: null,
        appealResolvedOn: null,
        conditions: { open: 1, dueOn: '2027-06-30', overdue: false },
      },
    ],
    [
      'accredited with conditions, one past its date: overdue, still decided',
      { outcome: withConditions([{ dueOn: '2026-12-01' }]) },
      {
        kind: 'decided',
        outcome: 'accredited-with-conditions',
        levelId: 'silver',
        renewalDate: '2029-12-01',
        resubmittedAs: null,
        appealResolvedOn: null,
        conditions: { open: 1, dueOn: '2026-12-01', overdue: true },
      },
    ],
    [
      'accredited with conditions, every one discharged',
      { outcome: withConditions([{ dueOn: '2026-12-01', dischargedOn: '2026-11-30' }]) },
      {
        kind: 'decided',
        outcome: 'accredited-with-conditions',
        levelId: 'silver',
        renewalDate: '2029-12-01',
        resubmittedAs: null,
        appealResolvedOn: null,
        conditions: { open: 0, dueOn: null, overdue: false },
      },
    ],
    [
      'deferred with the outcome’s own dated requests: awaiting, counting them, due on the resubmission date',
      {
        outcome: {
          ...deferred('2027-01-31'),
          evidenceRequests: [
            { dueOn: '2027-01-15', receivedOn: null },
            { dueOn: '2027-01-10', receivedOn: '2026-12-09' },
          ],
        },
      },
      { kind: 'awaiting-evidence', dueOn: '2027-01-31', overdue: false, because: 'deferral', openRequests: 1 },
    ],
    [
      'deferred without a resubmission date: the latest open request of the outcome is the deadline',
      { outcome: { ...deferred(null), evidenceRequests: [{ dueOn: '2027-01-15' }, { dueOn: '2027-01-05' }] } },
      { kind: 'awaiting-evidence', dueOn: '2027-01-15', overdue: false, because: 'deferral', openRequests: 2 },
    ],
    [
      'deferred, its requests all past: lapsed on the latest',
      { outcome: { ...deferred(null), evidenceRequests: [{ dueOn: '2026-12-01' }, { dueOn: '2026-12-05' }] } },
      { kind: 'lapsed', dueOn: '2026-12-05' },
    ],
    [
      'requests on an outcome that is not a deferral are not waited for',
      { outcome: { ...notYet, evidenceRequests: [{ dueOn: '2027-01-15' }] } },
      { kind: 'decided', outcome: 'not-yet', levelId: null, renewalDate: '', resubmittedAs: null, appealResolvedOn: null },
    ],
    [
      'an open appeal comes first',
      { outcome: notYet, appeal: { lodgedOn: '2026-12-05', resolvedOn: null } },
      { kind: 'appealed', lodgedOn: '2026-12-05', outcome: 'not-yet' },
    ],
    [
      'an open appeal even on a lapsed deferral',
      { outcome: deferred('2026-12-01'), appeal: { lodgedOn: '2026-11-30', resolvedOn: null } },
      { kind: 'appealed', lodgedOn: '2026-11-30', outcome: 'deferred' },
    ],
    [
      'a resolved appeal: decided, saying when',
      { outcome: notYet, appeal: { lodgedOn: '2026-12-05', resolvedOn: '2026-12-09' } },
      { kind: 'decided', outcome: 'not-yet', levelId: null, renewalDate: '', resubmittedAs: null, appealResolvedOn: '2026-12-09' },
    ],
  ];
  it.each(table)('%s', (_name, over, expected) => {
    expect(submissionState(facts(over))).toEqual(expected);
  });

  it('reads a status set by hand only when no record says more', () => {
    expect(submissionState(facts({ recordedStatus: 'awaiting-evidence' }))).toEqual({
      kind: 'awaiting-evidence',
      dueOn: null,
      overdue: false,
      because: 'requests',
      openRequests: 0,
    });
    expect(submissionState(facts({ recordedStatus: 'decided' }))).toMatchObject({ kind: 'decided', outcome: null });
    // A record outranks the status typed by hand.
    expect(submissionState(facts({ recordedStatus: 'decided', outcome: deferred('2026-12-01') })).kind).toBe('lapsed');
  });

  it('has a label and an explanation for every state, naming the dates', () => {
    const states: SubmissionState[] = [
      { kind: 'new' },
      { kind: 'in-review', decided: 3, visitedOn: null },
      { kind: 'visit-planned', visitDate: '2026-12-20' },
      { kind: 'awaiting-evidence', dueOn: '2027-01-09', overdue: false, because: 'deferral', openRequests: 1 },
      { kind: 'decided', outcome: 'accredited', levelId: 'silver', renewalDate: '2029-12-01', resubmittedAs: null, appealResolvedOn: null },
      { kind: 'appealed', lodgedOn: '2026-12-05', outcome: 'not-yet' },
      { kind: 'lapsed', dueOn: '2026-12-09' },
    ];
    expect(new Set(states.map((s) => s.kind))).toEqual(new Set(SUBMISSION_STATES.map((s) => s.id)));
    expect(states.map(submissionStateLabel)).toEqual([
      'New',
      'In review',
      'Visit planned, 20 December 2026',
      'Awaiting evidence, due 9 January 2027',
      'Decided: accredited',
      'Appealed',
      'Lapsed',
    ]);
    const level = (id: string) => (id === 'silver' ? 'Silver' : id);
    expect(states.map((s) => submissionStateExplanation(s, level))).toEqual([
      'Imported and not yet reviewed. Open it to start the desk review.',
      'The desk review is under way: 3 criteria have a decision so far.',
      'A visit to the school is planned for 20 December 2026.',
      'The outcome was deferred: the school is to send more evidence and resubmit by 9 January 2027.',
      'Accredited at Silver, to be renewed by 1 December 2029.',
      'The school lodged an appeal on 5 December 2026. It is open until it is resolved.',
      'The outcome was deferred and the school did not resubmit by 9 December 2026, so the submission has lapsed. The school can apply again with a new submission.',
    ]);
    expect(
      submissionStateLabel({ kind: 'awaiting-evidence', dueOn: '2026-12-09', overdue: true, because: 'requests', openRequests: 2 }),
    ).toBe('Awaiting evidence, overdue since 9 December 2026');
    const conditional = (conditions: { open: number; dueOn: string | null; overdue: boolean }): SubmissionState => ({
      kind: 'decided',
      outcome: 'accredited-with-conditions',
      levelId: 'silver',
      renewalDate: '2029-12-01',
      resubmittedAs: null,
      appealResolvedOn: null,
      conditions,
    });
    expect(
      [
        conditional({ open: 2, dueOn: '2027-03-31', overdue: false }),
        conditional({ open: 1, dueOn: '2026-12-01', overdue: true }),
        conditional({ open: 0, dueOn: null, overdue: false }),
      ].map((s) => [submissionStateLabel(s), submissionStateExplanation(s, level)]),
    ).toEqual([
      [
        'Decided: accredited with conditions, next due 31 March 2027',
        'Accredited at Silver with conditions, to be renewed by 1 December 2029. 2 conditions are still open; the next is due by 31 March 2027.',
      ],
      [
        'Decided: accredited with conditions, overdue since 1 December 2026',
        'Accredited at Silver with conditions, to be renewed by 1 December 2029. 1 condition is still open; the first was due on 1 December 2026: contact the school.',
      ],
      // Every condition discharged: a plain award whose conditions were met.
      [
        'Decided: accredited, conditions met',
        'Accredited at Silver, to be renewed by 1 December 2029. Every condition of the award has been met.',
      ],
    ]);
    expect(
      submissionStateLabel({
        kind: 'decided',
        outcome: 'not-yet',
        levelId: null,
        renewalDate: '',
        resubmittedAs: null,
        appealResolvedOn: null,
      }),
    ).toBe('Decided: not accredited');
    expect(
      submissionStateExplanation({ kind: 'awaiting-evidence', dueOn: null, overdue: false, because: 'requests', openRequests: 0 }),
    ).toBe('The school has been asked for more evidence. No date has been set: set the date it is due.');
  });
});

describe('the queue shows the derived state', () => {
  const submission = (key: string, version: number, status: ImportedSubmission['status']): ImportedSubmission => ({
    key,
    workspaceId: 'w',
    submissionId: key,
    urn: '100001',
    schoolName: 'Ashfield Primary',
    regionId: 'north-east',
    framework: { id: 'f', version: '1', title: 'F', contentHash: 'a'.repeat(64) },
    supplement: null,
    version,
    exportedAt: `2026-1${version}-01T09:00:00.000Z`,
    importedAt: '2026-12-01T09:00:00.000Z',
    fileSha256: 'b'.repeat(64),
    fileName: `${key}.pdf`,
    size: 1,
    signerFingerprint: 'c'.repeat(64),
    frameworkSource: 'installed',
    status,
  });

  it('a deferral reads "Awaiting evidence" with its date, not "Decided"; a resubmitted deferral reads decided', () => {
    const v1 = submission('w|s1', 1, 'decided');
    const other = { ...submission('w|t1', 1, 'decided'), urn: '100002' };
    const records = {
      submissions: [v1, other],
      decisions: [],
      visits: [],
      outcomes: [
        { submissionKey: v1.key, ...deferred('2027-01-09') },
        { submissionKey: other.key, ...deferred('2026-12-01') },
      ],
      requests: [],
      appeals: [],
    };
    const states = workspaceStates(records, TODAY);
    const row = queueRow(v1, () => 'North East', states.get(v1.key));
    expect(row.status).toBe('awaiting-evidence');
    expect(submissionStateLabel(row.state)).toBe('Awaiting evidence, due 9 January 2027');
    expect(queueRow(other, () => 'North East', states.get(other.key)).status).toBe('lapsed');

    const v2 = submission('w|s2', 2, 'new');
    const after = workspaceStates({ ...records, submissions: [v1, v2, other] }, TODAY);
    expect(after.get(v1.key)).toMatchObject({ kind: 'decided', outcome: 'deferred', resubmittedAs: 2 });
    expect(after.get(v2.key)).toEqual({ kind: 'new' });
    // Another school's later version is not a resubmission.
    expect(after.get(other.key)?.kind).toBe('lapsed');
  });

  it('counts each submission’s own decisions among many, interleaved', () => {
    const a = submission('w|a1', 1, 'new');
    const b = { ...submission('w|b1', 1, 'new'), urn: '100002' };
    const c = { ...submission('w|c1', 1, 'in-review'), urn: '100003' };
    const decisions = Array.from({ length: 300 }, (_, i) => ({
      submissionKey: i % 2 === 0 ? a.key : b.key,
      decision: i % 3 === 0 ? null : ('agree' as const),
    }));
    const states = workspaceStates({ submissions: [a, b, c], decisions, visits: [], outcomes: [], requests: [], appeals: [] }, TODAY);
    // a holds the even i (150, of which 50 are multiples of 3, undecided); b the odd (150, 50 undecided).
    expect(states.get(a.key)).toEqual({ kind: 'in-review', decided: 100, visitedOn: null });
    expect(states.get(b.key)).toEqual({ kind: 'in-review', decided: 100, visitedOn: null });
    expect(states.get(c.key)).toEqual({ kind: 'in-review', decided: 0, visitedOn: null });
  });

  it('without derived state, the row reads the status stored on the submission', () => {
    expect(queueRow(submission('w|s1', 1, 'visit-planned'), () => 'North East')).toMatchObject({
      status: 'visit-planned',
      state: fromRecordedStatus('visit-planned'),
    });
  });
});
