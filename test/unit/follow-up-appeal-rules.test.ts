import { describe, expect, it } from 'vitest';
import { appealFieldProblems, appealResolutionProblems, appealWindow, buildAppealDocument } from '../../shared/moderation/appeal';
import {
  buildFollowUpDocument,
  dischargeCondition,
  followUpChanges,
  followUpProblem,
  outcomeRerecordProblem,
} from '../../shared/moderation/follow-up-report';
import type { ModerationDocument } from '../../shared/moderation/moderation-format';
import type { ModerationOutcome } from '../../shared/moderation/moderation-records';
import { outcomeConsistencyProblem } from '../../shared/moderation/moderation-report-verifier';
import { submissionState, submissionStateLabel, type SubmissionFacts } from '../../shared/moderation/submission-state';

const SHA = 'a'.repeat(64);
const OTHER_SHA = 'b'.repeat(64);

const REPORT: ModerationDocument = {
  format: 'sen-accreditation-moderation',
  formatVersion: 1,
  reportId: 'report-1',
  createdAt: '2027-01-20T15:00:00.000Z',
  moderator: { name: 'Sam Moderator', organisation: 'North East SEN Partnership', regionId: 'north-east', regionName: 'North East' },
  submission: {
    submissionId: 'sub-1',
    version: 1,
    sha256: SHA,
    exportedAt: '2027-01-02T10:00:00.000Z',
    school: { name: 'Hilltop Primary', urn: '123456' },
    framework: { id: 'ne', version: '2026.1', title: 'North East', contentHash: SHA },
    supplement: null,
  } as ModerationDocument['submission'],
  criteria: [
    { criterionId: 'NE26-1.1.1', schoolJudgement: 'established', decision: 'agree', moderatedJudgement: null, comment: '' },
    { criterionId: 'NE26-1.1.2', schoolJudgement: 'developing', decision: 'agree', moderatedJudgement: null, comment: '' },
  ],
  visit: null,
  outcome: {
    kind: 'accredited-with-conditions',
    levelId: 'established',
    levelLabel: 'Established',
    computedLevelId: 'established',
    overrideReason: '',
    renewalDate: '2030-01-20',
    feedback: '',
    decidedAt: '2027-01-20T15:00:00.000Z',
    conditions: [
      { text: 'Publish the SEN information report.', dueOn: '2027-06-30' },
      { text: 'Train every governor.', dueOn: '2027-03-31' },
    ],
    appealBy: '2027-02-17',
  },
  signer: { certificateFingerprint: SHA },
};

const OUTCOME: ModerationOutcome = {
  submissionKey: 'ws|sub-1',
  kind: 'accredited-with-conditions',
  levelId: 'established',
  computedLevelId: 'established',
  overrideReason: '',
  renewalDate: '2030-01-20',
  feedback: '',
  decidedAt: '2027-01-20T15:00:00.000Z',
  conditions: [
    { text: 'Publish the SEN information report.', dueOn: '2027-06-30' },
    { text: 'Train every governor.', dueOn: '2027-03-31' },
  ],
  appealBy: '2027-02-17',
};

describe('discharging a condition', () => {
  it('records the date and what the school showed on that condition only', () => {
    const result = dischargeCondition(OUTCOME, 1, { dischargedOn: '2027-03-02', note: '  Certificates seen. ' }, '2027-03-10');
    expect(result.ok ? result.outcome.conditions : null).toEqual([
      { text: 'Publish the SEN information report.', dueOn: '2027-06-30' },
      { text: 'Train every governor.', dueOn: '2027-03-31', dischargedOn: '2027-03-02', dischargeNote: 'Certificates seen.' },
    ]);
  });

  it.each([
    [
      'a date before the decision',
      1,
      '2027-01-19',
      'Seen.',
      'The date it was discharged (19 January 2027) is before the outcome was decided (20 January 2027). Check the date.',
    ],
    [
      'a date after today',
      1,
      '2027-03-11',
      'Seen.',
      'The date it was discharged (11 March 2027) is in the future. Enter the day it happened.',
    ],
    ['no real date', 1, '2027-02-30', 'Seen.', 'Enter the date the condition was discharged, as a real date.'],
    ['no word of what the school showed', 1, '2027-03-02', '   ', 'Say what the school showed that meets the condition.'],
    [
      'a condition that is not there',
      2,
      '2027-03-02',
      'Seen.',
      'That condition is not part of this outcome. Reload the page and try again.',
    ],
  ])('refuses %s', (_what, index, day, note, message) => {
    expect(dischargeCondition(OUTCOME, index, { dischargedOn: day, note }, '2027-03-10')).toEqual({ ok: false, message });
  });

  it('refuses a second discharge of the same condition, and any on an outcome without conditions', () => {
    const once = dischargeCondition(OUTCOME, 0, { dischargedOn: '2027-03-02', note: 'Published.' }, '2027-03-10');
    if (!once.ok) throw new Error(once.message);
    expect(dischargeCondition(once.outcome, 0, { dischargedOn: '2027-03-03', note: 'Again.' }, '2027-03-10')).toEqual({
      ok: false,
      message: 'This condition was already discharged on 2 March 2027.',
    });
    expect(
      dischargeCondition({ ...OUTCOME, kind: 'accredited', conditions: [] }, 0, { dischargedOn: '2027-03-02', note: 'x' }, '2027-03-10'),
    ).toEqual({
      ok: false,
      message: 'Only an award with conditions has conditions to discharge.',
    });
  });
});

describe('recording the outcome again', () => {
  it('is allowed while no condition is discharged, or when there was no outcome', () => {
    expect(outcomeRerecordProblem(OUTCOME)).toBeNull();
    expect(outcomeRerecordProblem(undefined)).toBeNull();
  });

  it('is refused, naming the condition and its date, once a condition is discharged', () => {
    const discharged = dischargeCondition(OUTCOME, 1, { dischargedOn: '2027-03-02', note: 'Certificates seen.' }, '2027-03-10');
    if (!discharged.ok) throw new Error(discharged.message);
    expect(outcomeRerecordProblem(discharged.outcome)).toBe(
      'Condition 2 (“Train every governor.”) was recorded as discharged on 2 March 2027, and recording the outcome again would lose that discharge, so the outcome was not changed. Send what has happened since the report in a signed follow-up report instead.',
    );
  });
});

describe('a follow-up', () => {
  const discharged = [
    OUTCOME.conditions?.[0] ?? { text: '', dueOn: '' },
    { text: 'Train every governor.', dueOn: '2027-03-31', dischargedOn: '2027-03-02', dischargeNote: 'Seen.' },
  ];
  const build = (over: Partial<Parameters<typeof buildFollowUpDocument>[0]> = {}) =>
    buildFollowUpDocument(
      {
        previous: REPORT,
        previousSha256: OTHER_SHA,
        reportId: 'follow-1',
        createdAt: '2027-03-10T10:00:00.000Z',
        conditions: discharged,
        appealResult: null,
        ...over,
      },
      SHA,
    );

  it('names the report it follows and changes only the discharge', () => {
    const built = build();
    if (!built.ok) throw new Error(built.message);
    expect(built.document.followsReport).toEqual({ reportId: 'report-1', sha256: OTHER_SHA });
    expect(followUpChanges(REPORT, built.document)).toEqual(['Condition 2 discharged on 2 March 2027']);
    expect(outcomeConsistencyProblem(built.document)).toBeNull();
  });

  it('has nothing to send when nothing was discharged and no appeal was decided', () => {
    expect(build({ conditions: OUTCOME.conditions ?? [] })).toEqual({
      ok: false,
      message: 'This follow-up records nothing new: no condition discharged and no appeal result since the report it follows.',
    });
  });

  it('carries an appeal result alone', () => {
    const appealResult = {
      appealId: 'appeal-1',
      appealSha256: SHA,
      lodgedOn: '2027-02-01',
      result: 'not-upheld' as const,
      reasons: 'The evidence was seen.',
      decidedOn: '2027-02-20',
    };
    const built = build({ conditions: OUTCOME.conditions ?? [], appealResult });
    expect(built.ok ? followUpChanges(REPORT, built.document) : built.message).toEqual(['Appeal not upheld on 20 February 2027']);
  });

  it('refuses conditions that are not the report’s', () => {
    expect(
      build({ conditions: [{ text: 'Something else.', dueOn: '2027-06-30' }, discharged[1] ?? { text: '', dueOn: '' }] }),
    ).toMatchObject({ ok: false });
  });

  it.each<[string, (doc: ModerationDocument) => ModerationDocument, RegExp]>([
    ['names another report', (d) => ({ ...d, followsReport: { reportId: 'report-9', sha256: OTHER_SHA } }), /follows report report-9/],
    ['names the report with another SHA-256', (d) => ({ ...d, followsReport: { reportId: 'report-1', sha256: SHA } }), /different SHA-256/],
    ['is about another submission', (d) => ({ ...d, submission: { ...d.submission, submissionId: 'sub-2' } }), /different submission/],
    ['changes the level', (d) => ({ ...d, outcome: { ...d.outcome, levelLabel: 'Advanced' } }), /changes more than the discharge/],
    [
      'moves a condition’s due date',
      (d) => ({ ...d, outcome: { ...d.outcome, conditions: (d.outcome.conditions ?? []).map((c) => ({ ...c, dueOn: '2027-12-31' })) } }),
      /changes more than/,
    ],
    [
      'records a discharge after the follow-up was made',
      (d) => ({
        ...d,
        outcome: {
          ...d.outcome,
          conditions: (d.outcome.conditions ?? []).map((c) => (c.dischargedOn ? { ...c, dischargedOn: '2027-04-01' } : c)),
        },
      }),
      /after the follow-up was made/,
    ],
    ['is dated before the report', (d) => ({ ...d, createdAt: '2027-01-01T00:00:00.000Z' }), /dated before the report it follows/],
  ])('is refused when it %s', (_what, change, message) => {
    const built = build();
    if (!built.ok) throw new Error(built.message);
    expect(followUpProblem({ document: REPORT, sha256: OTHER_SHA }, change(built.document))).toMatch(message);
  });

  it('may not undo a discharge the report it follows already recorded', () => {
    const first = build();
    if (!first.ok) throw new Error(first.message);
    const undone: ModerationDocument = {
      ...first.document,
      reportId: 'follow-2',
      followsReport: { reportId: 'follow-1', sha256: SHA },
      outcome: { ...first.document.outcome, conditions: REPORT.outcome.conditions ?? [] },
    };
    expect(followUpProblem({ document: first.document, sha256: SHA }, undone)).toBe(
      'Condition 2 was discharged on 2 March 2027 in the report this follows; a follow-up cannot change or undo that.',
    );
  });
});

describe('the appeal window', () => {
  it.each([
    ['2027-02-01', { open: true, lastDay: '2027-02-17', message: 'The school can appeal until 17 February 2027.' }],
    ['2027-02-17', { open: true, lastDay: '2027-02-17', message: 'The school can appeal until 17 February 2027 (today is the last day).' }],
    [
      '2027-02-18',
      {
        open: false,
        closedOn: '2027-02-17',
        message: 'The window to appeal closed on 17 February 2027. An appeal can no longer be lodged against this report.',
      },
    ],
  ])('on %s', (today, expected) => {
    expect(appealWindow('2027-02-17', today)).toEqual(expected);
  });

  it('a report without a date to appeal by has no window', () => {
    expect(appealWindow(undefined, '2027-02-01')).toMatchObject({ open: false, closedOn: null });
  });
});

describe('lodging an appeal', () => {
  const report = { document: REPORT, fileSha256: OTHER_SHA };
  const fields = { grounds: 'The training took place.', disputesOutcome: false, criterionIds: ['NE26-1.1.2'], headTeacherName: 'Jo Smith' };

  it('needs grounds, something disputed and the head teacher, within the window', () => {
    expect(
      appealFieldProblems({ grounds: ' ', disputesOutcome: false, criterionIds: [], headTeacherName: '' }, report, '2027-02-18'),
    ).toEqual({
      window: 'The window to appeal closed on 17 February 2027. An appeal can no longer be lodged against this report.',
      grounds: 'Write the grounds of the appeal: why the school believes the decision is wrong.',
      disputes: 'Choose what the school disputes: the outcome, or the decision on one or more criteria.',
      headTeacherName: 'Enter the name of the head teacher making the appeal.',
    });
    expect(appealFieldProblems({ ...fields, criterionIds: ['NE26-9.9.9'] }, report, '2027-02-01')).toEqual({
      disputes: 'Criterion NE26-9.9.9 is not in the report, so its decision cannot be disputed.',
    });
  });

  it('names the report by id and SHA-256 and the criteria in the report’s order', () => {
    const built = buildAppealDocument(
      {
        appealId: 'appeal-1',
        lodgedAt: '2027-02-17T16:00:00.000Z',
        fields: { ...fields, criterionIds: ['NE26-1.1.2', 'NE26-1.1.1'] },
        report,
      },
      SHA,
    );
    expect(built.ok ? [built.document.report, built.document.disputes] : built.problems).toEqual([
      {
        reportId: 'report-1',
        sha256: OTHER_SHA,
        submissionId: 'sub-1',
        submissionVersion: 1,
        organisation: 'North East SEN Partnership',
        appealBy: '2027-02-17',
      },
      { outcome: false, criterionIds: ['NE26-1.1.1', 'NE26-1.1.2'] },
    ]);
    expect(buildAppealDocument({ appealId: 'appeal-1', lodgedAt: '2027-02-18T08:00:00.000Z', fields, report }, SHA).ok).toBe(false);
  });

  it('the moderator’s result needs a choice, reasons and a date from the lodging to today', () => {
    expect(appealResolutionProblems({ result: '', reasons: '', decidedOn: '' }, '2027-02-01', '2027-02-20')).toEqual({
      result: 'Choose whether the appeal is upheld or not upheld.',
      reasons: 'Give the reasons for the result, for the school to read.',
      decidedOn: 'Enter the date the appeal was decided.',
    });
    expect(
      appealResolutionProblems({ result: 'upheld', reasons: 'x', decidedOn: '2027-01-31' }, '2027-02-01', '2027-02-20').decidedOn,
    ).toBe('The date of the result is before the appeal was lodged (1 February 2027).');
    expect(appealResolutionProblems({ result: 'upheld', reasons: 'x', decidedOn: '2027-02-20' }, '2027-02-01', '2027-02-20')).toEqual({});
  });
});

describe('the state model with discharges and appeals', () => {
  const facts = (over: Partial<SubmissionFacts>): SubmissionFacts => ({
    recordedStatus: 'decided',
    decisions: [],
    visit: null,
    outcome: {
      kind: 'accredited-with-conditions',
      levelId: 'established',
      renewalDate: '2030-01-20',
      conditions: OUTCOME.conditions ?? [],
    },
    requests: [],
    appeal: null,
    laterVersion: null,
    today: '2027-03-10',
    ...over,
  });
  const allDischarged = (OUTCOME.conditions ?? []).map((c) => ({ ...c, dischargedOn: '2027-03-02' }));

  it.each<[string, Partial<SubmissionFacts>, string]>([
    [
      'one condition discharged, one still due',
      {
        outcome: {
          kind: 'accredited-with-conditions',
          levelId: 'established',
          renewalDate: '2030-01-20',
          conditions: [
            OUTCOME.conditions?.[0] ?? { text: '', dueOn: '' },
            { ...(OUTCOME.conditions?.[1] ?? { text: '', dueOn: '' }), dischargedOn: '2027-03-02' },
          ],
        },
      },
      'Decided: accredited with conditions, next due 30 June 2027',
    ],
    [
      'every condition discharged',
      { outcome: { kind: 'accredited-with-conditions', levelId: 'established', renewalDate: '2030-01-20', conditions: allDischarged } },
      'Decided: accredited, conditions met',
    ],
    ['an open appeal', { appeal: { lodgedOn: '2027-02-01', resolvedOn: null } }, 'Appealed'],
    [
      'a resolved appeal',
      { appeal: { lodgedOn: '2027-02-01', resolvedOn: '2027-02-20' } },
      'Decided: accredited with conditions, next due 31 March 2027',
    ],
  ])('%s', (_what, over, label) => {
    expect(submissionStateLabel(submissionState(facts(over)))).toBe(label);
  });
});
