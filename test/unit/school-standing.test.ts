import { describe, expect, it } from 'vitest';
import type { ModerationDocument } from '../../shared/moderation/moderation-format';
import {
  criterionDecisionForSchool,
  latestSubmissionReport,
  schoolStanding,
  type ReportForStanding,
} from '../../shared/moderation/school-standing';

const TODAY = '2026-12-10';

type Outcome = ModerationDocument['outcome'];

function document(outcome: Partial<Outcome> = {}, criteria: ModerationDocument['criteria'] = [], version = 1): ModerationDocument {
  return {
    format: 'sen-accreditation-moderation',
    formatVersion: 1,
    reportId: 'report-1',
    createdAt: '2026-12-02T09:00:00.000Z',
    moderator: { name: 'Jordan Hale', organisation: 'North East SEN Partnership', regionId: 'north-east', regionName: 'North East' },
    submission: {
      submissionId: 'sub-1',
      version,
      sha256: 'ab'.repeat(32),
      exportedAt: '2026-11-24T09:00:00.000Z',
      school: { name: 'Riverside Primary School', urn: '123456' },
      framework: { id: 'f', version: '1', title: 'Framework', contentHash: 'cd'.repeat(32) },
      supplement: null,
    },
    criteria,
    visit: null,
    outcome: {
      kind: 'accredited',
      levelId: 'established',
      levelLabel: 'Established',
      computedLevelId: 'established',
      overrideReason: '',
      renewalDate: '2029-12-01',
      feedback: '',
      decidedAt: '2026-12-01T12:00:00.000Z',
      ...outcome,
    },
    signer: { certificateFingerprint: 'ef'.repeat(32) },
  };
}

const report = (doc: ModerationDocument) => ({ id: doc.reportId, document: doc });

function criterion(
  criterionId: string,
  decision: ModerationDocument['criteria'][number]['decision'],
  comment = '',
  moderatedJudgement: string | null = null,
): ModerationDocument['criteria'][number] {
  return { criterionId, schoolJudgement: 'secure', decision, moderatedJudgement, comment };
}

describe('latestSubmissionReport', () => {
  const at = (id: string, submissionId: string, createdAt: string, importedAt = '2026-12-05T09:00:00.000Z'): ReportForStanding => ({
    id,
    submissionId,
    importedAt,
    document: { ...document(), reportId: id, createdAt },
  });
  const submissions = [
    { id: 'v1', version: 1 },
    { id: 'v2', version: 2 },
  ];

  it.each([
    { name: 'no submissions', subs: [], reports: [at('a', 'v1', '2026-12-01')], want: null },
    { name: 'no reports', subs: submissions, reports: [], want: null },
    { name: 'only a report on an earlier version', subs: submissions, reports: [at('a', 'v1', '2026-12-01')], want: null },
    {
      name: 'the report on the latest version, whatever the order',
      subs: [...submissions].reverse(),
      reports: [at('b', 'v2', '2026-12-01'), at('a', 'v1', '2026-12-09')],
      want: 'b',
    },
    {
      name: 'the report made last, of two on one submission',
      subs: submissions,
      reports: [at('old', 'v2', '2026-12-01'), at('new', 'v2', '2026-12-03'), at('mid', 'v2', '2026-12-02')],
      want: 'new',
    },
    {
      name: 'the one imported last, when made at the same time',
      subs: submissions,
      reports: [at('first', 'v2', '2026-12-01', '2026-12-02T00:00:00Z'), at('second', 'v2', '2026-12-01', '2026-12-04T00:00:00Z')],
      want: 'second',
    },
  ])('$name', ({ subs, reports, want }) => {
    expect(latestSubmissionReport(subs, reports)?.id ?? null).toBe(want);
  });
});

describe('schoolStanding', () => {
  it('sorts conditions soonest first and marks those past their day as overdue (the day itself is not late)', () => {
    const standing = schoolStanding(
      report(
        document({
          kind: 'accredited-with-conditions',
          conditions: [
            { text: 'Train governors.', dueOn: '2027-06-30' },
            { text: 'Publish the SEN information report.', dueOn: '2026-12-01' },
            { text: 'Review the provision map.', dueOn: TODAY },
          ],
          appealBy: '2026-12-29',
        }),
      ),
      TODAY,
    );
    expect(standing.headline).toBe('Accredited at Established, with conditions');
    expect(standing.levelLabel).toBe('Established');
    expect(standing.conditions).toEqual([
      { text: 'Publish the SEN information report.', dueOn: '2026-12-01', overdue: true, dischargedOn: null },
      { text: 'Review the provision map.', dueOn: TODAY, overdue: false, dischargedOn: null },
      { text: 'Train governors.', dueOn: '2027-06-30', overdue: false, dischargedOn: null },
    ]);
    expect(standing.overdueCount).toBe(1);
    expect(standing.appealBy).toEqual({ dueOn: '2026-12-29', overdue: false });
    expect(standing.stateLabel).toBe('Decided: accredited with conditions, overdue since 1 December 2026');
  });

  it('after a follow-up: a discharged condition is never overdue and comes after the open ones; all discharged reads as conditions met', () => {
    const conditions = [
      { text: 'Publish the SEN information report.', dueOn: '2026-12-01', dischargedOn: '2026-11-30', dischargeNote: 'Published.' },
      { text: 'Train governors.', dueOn: '2027-06-30' },
    ];
    const one = schoolStanding(report(document({ kind: 'accredited-with-conditions', conditions, appealBy: '2026-12-29' })), TODAY);
    expect(one.conditions).toEqual([
      { text: 'Train governors.', dueOn: '2027-06-30', overdue: false, dischargedOn: null },
      { text: 'Publish the SEN information report.', dueOn: '2026-12-01', overdue: false, dischargedOn: '2026-11-30' },
    ]);
    expect(one.overdueCount).toBe(0);
    expect(one.stateLabel).toBe('Decided: accredited with conditions, next due 30 June 2027');
    const all = schoolStanding(
      report(
        document({
          kind: 'accredited-with-conditions',
          conditions: conditions.map((c) => ({ ...c, dischargedOn: '2026-11-30' })),
          appealBy: '2026-12-29',
        }),
      ),
      TODAY,
    );
    expect(all.stateLabel).toBe('Decided: accredited, conditions met');
  });

  it('an appeal the school lodged reads as Appealed until the report carries its result', () => {
    const doc = document({
      kind: 'accredited-with-conditions',
      conditions: [{ text: 'Train governors.', dueOn: '2027-06-30' }],
      appealBy: '2026-12-29',
    });
    expect(schoolStanding(report(doc), TODAY, { lodgedOn: TODAY }).stateLabel).toBe('Appealed');
    const answered = {
      ...doc,
      outcome: {
        ...doc.outcome,
        appealResult: {
          appealId: 'a1',
          appealSha256: 'a'.repeat(64),
          lodgedOn: TODAY,
          result: 'not-upheld' as const,
          reasons: 'Seen.',
          decidedOn: TODAY,
        },
      },
    };
    const standing = schoolStanding(report(answered), TODAY, { lodgedOn: TODAY });
    expect(standing.state).toMatchObject({ kind: 'decided', appealResolvedOn: TODAY });
  });

  it.each([
    {
      name: 'a deferral within its date: dated requests soonest first, awaiting evidence',
      outcome: {
        kind: 'deferred' as const,
        levelId: null,
        levelLabel: '',
        renewalDate: '',
        resubmitBy: '2027-01-31',
        evidenceRequests: [
          { criterionId: '2.1', what: 'Send the provision map.', dueOn: '2027-01-15' },
          { criterionId: '1.3', what: '  ', dueOn: '2026-12-09' },
        ],
      },
      criteria: [],
      requests: [
        { criterionId: '1.3', what: 'Please send further evidence.', dueOn: '2026-12-09', overdue: true },
        { criterionId: '2.1', what: 'Send the provision map.', dueOn: '2027-01-15', overdue: false },
      ],
      resubmitBy: { dueOn: '2027-01-31', overdue: false },
      overdueCount: 1,
      stateLabel: 'Awaiting evidence, due 31 January 2027',
    },
    {
      name: 'a deferral past its resubmission date: lapsed, and the date overdue',
      outcome: {
        kind: 'deferred' as const,
        levelId: null,
        levelLabel: '',
        renewalDate: '',
        resubmitBy: '2026-12-01',
        evidenceRequests: [],
      },
      criteria: [criterion('3.2', 'more-evidence', 'Send the minutes.')],
      requests: [{ criterionId: '3.2', what: 'Send the minutes.', dueOn: '', overdue: false }],
      resubmitBy: { dueOn: '2026-12-01', overdue: true },
      overdueCount: 1,
      stateLabel: 'Lapsed',
    },
    {
      name: 'a report without dated requests: each "more evidence" decision, undated, in the report’s order',
      outcome: { kind: 'not-yet' as const, levelId: null, levelLabel: '', renewalDate: '' },
      criteria: [criterion('1.1', 'agree'), criterion('1.2', 'more-evidence', ''), criterion('1.3', 'more-evidence', 'Send a case study.')],
      requests: [
        { criterionId: '1.2', what: 'Please send further evidence.', dueOn: '', overdue: false },
        { criterionId: '1.3', what: 'Send a case study.', dueOn: '', overdue: false },
      ],
      resubmitBy: null,
      overdueCount: 0,
      stateLabel: 'Decided: not accredited',
    },
  ])('$name', ({ outcome, criteria, requests, resubmitBy, overdueCount, stateLabel }) => {
    const standing = schoolStanding(report(document(outcome, criteria)), TODAY);
    expect(standing.levelLabel).toBeNull();
    expect(standing.requests).toEqual(requests);
    expect(standing.resubmitBy).toEqual(resubmitBy);
    expect(standing.overdueCount).toBe(overdueCount);
    expect(standing.stateLabel).toBe(stateLabel);
  });

  it('puts undated requests after dated ones and marks an appeal date that has passed', () => {
    const standing = schoolStanding(
      report(
        document({
          kind: 'deferred',
          levelId: null,
          levelLabel: '',
          renewalDate: '',
          evidenceRequests: [
            { criterionId: 'a', what: 'Undated.', dueOn: '' },
            { criterionId: 'b', what: 'Dated.', dueOn: '2027-02-01' },
          ],
          appealBy: '2026-12-09',
        }),
      ),
      TODAY,
    );
    expect(standing.requests.map((r) => r.criterionId)).toEqual(['b', 'a']);
    expect(standing.appealBy).toEqual({ dueOn: '2026-12-09', overdue: true });
    // The appeal window ending is not something the school failed to do.
    expect(standing.overdueCount).toBe(0);
  });

  it('gives the version, the renewal date and the day decided; no level when not awarded', () => {
    const standing = schoolStanding(report(document({}, [], 3)), TODAY);
    expect(standing).toMatchObject({
      version: 3,
      kind: 'accredited',
      headline: 'Accredited at Established',
      renewalDate: '2029-12-01',
      decidedOn: '2026-12-01',
      conditions: [],
      requests: [],
      resubmitBy: null,
      appealBy: null,
      stateLabel: 'Decided: accredited',
    });
  });
});

describe('criterionDecisionForSchool', () => {
  const labels: Record<string, string> = { secure: 'Secure', developing: 'Developing' };
  const pointLabel = (id: string) => labels[id] ?? null;
  const doc = document(
    {
      kind: 'deferred',
      levelId: null,
      levelLabel: '',
      renewalDate: '',
      evidenceRequests: [{ criterionId: '1.4', what: 'Send the last two reviews.', dueOn: '2026-12-05' }],
    },
    [
      criterion('1.1', 'agree'),
      criterion('1.2', 'moderated', 'Not consistent across classes.', 'developing'),
      criterion('1.3', 'moderated', '', 'gone'),
      criterion('1.4', 'more-evidence', 'Reviews are missing.'),
      criterion('1.5', 'not-met'),
      criterion('1.6', 'not-applicable-disputed', 'You teach pupils in this key stage.'),
      criterion('1.7', null),
      criterion('1.8', 'more-evidence', ''),
    ],
    2,
  );

  it.each([
    { id: '1.1', decision: 'Agreed', comment: '', request: null },
    { id: '1.2', decision: 'Moderated to Developing', comment: 'Not consistent across classes.', request: null },
    { id: '1.3', decision: 'Moderated to a different judgement', comment: '', request: null },
    {
      id: '1.4',
      decision: 'More evidence needed',
      comment: 'Reviews are missing.',
      request: { criterionId: '1.4', what: 'Send the last two reviews.', dueOn: '2026-12-05', overdue: true },
    },
    { id: '1.5', decision: 'Not met', comment: '', request: null },
    {
      id: '1.6',
      decision: '“Not applicable” disputed: the moderator judged that this criterion applies',
      comment: 'You teach pupils in this key stage.',
      request: null,
    },
    {
      id: '1.8',
      decision: 'More evidence needed',
      comment: '',
      request: { criterionId: '1.8', what: 'Please send further evidence.', dueOn: '', overdue: false },
    },
  ])('$id: $decision', ({ id, decision, comment, request }) => {
    expect(criterionDecisionForSchool(report(doc), id, pointLabel, TODAY)).toEqual({
      reportId: 'report-1',
      version: 2,
      decision,
      comment,
      request,
      carriedFromVersion: null,
    });
  });

  it('is null for a criterion left undecided or not in the report', () => {
    expect(criterionDecisionForSchool(report(doc), '1.7', pointLabel, TODAY)).toBeNull();
    expect(criterionDecisionForSchool(report(doc), '9.9', pointLabel, TODAY)).toBeNull();
  });

  it('says which version a carried-over decision came from', () => {
    const carried = document({}, [{ ...criterion('1.1', 'agree'), carriedFromVersion: 1 }], 2);
    expect(criterionDecisionForSchool(report(carried), '1.1', pointLabel, TODAY)?.carriedFromVersion).toBe(1);
  });
});
