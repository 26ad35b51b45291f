import { describe, expect, it } from 'vitest';
import { createSchemaCheck } from '../../shared/formats/json-schema-check';
import { LONG_TEXT_MAX_CHARS, OUTCOME_LIST_MAX_ITEMS } from '../../shared/formats/field-limits';
import type { ModerationDocument } from '../../shared/moderation/moderation-format';
import {
  addDays,
  appealByDate,
  decideOutcome,
  moderationReportProblem,
  outcomeProblems,
  type OutcomeDraft,
  type OutcomeProblems,
} from '../../shared/moderation/moderation-outcome';
import { outcomeHeadline, type ModerationOutcome } from '../../shared/moderation/moderation-records';
import { outcomeConsistencyProblem } from '../../shared/moderation/moderation-report-verifier';
import { evidenceRequestActions } from '../../shared/moderation/moderation-review';
import moderationSchema from '../../shared/moderation/moderation.schema.json';
import { outcomeDraft } from '../fixtures/moderation-report';
import { tinyApplied } from '../fixtures/tiny-framework';

/**
 * Outcomes as records: the kinds (accredited, with conditions, deferred, not accredited), their dated
 * conditions and requests, the feedback lists, the conflict-of-interest declaration and the appeal
 * date; the form's rules, the record made from it, the report's format (old reports still valid)
 * and the verifier's consistency checks.
 */
const framework = tinyApplied();
const TODAY = '2026-11-24';
const context = { today: TODAY };
const [criterionA, criterionB] = framework.criteria.map((c) => c.id);
if (!criterionA || !criterionB) throw new Error('the tiny framework has too few criteria');
const level = framework.levels[0]?.id ?? '';

describe('addDays and the appeal date', () => {
  it.each([
    ['2026-11-24', 28, '2026-12-22'],
    ['2026-12-20', 28, '2027-01-17'],
    ['2028-02-01', 28, '2028-02-29'],
    ['2027-02-01', 28, '2027-03-01'],
    ['2026-11-24', 0, '2026-11-24'],
  ])('%s plus %i days is %s', (day, days, expected) => {
    expect(addDays(day, days)).toBe(expected);
  });

  it('counts the appeal window from the day of the decision', () => {
    expect(appealByDate('2026-11-24T16:30:00.000Z', 28)).toBe('2026-12-22');
    expect(appealByDate('2026-11-24T16:30:00.000Z', 14)).toBe('2026-12-08');
  });
});

describe('the outcome form’s rules', () => {
  const conditional = (over: Partial<OutcomeDraft> = {}) =>
    outcomeDraft({
      kind: 'accredited-with-conditions',
      levelId: level,
      conditions: [{ text: 'Publish the SEN information report on the website.', dueOn: '2027-03-31' }],
      ...over,
    });
  const deferral = (over: Partial<OutcomeDraft> = {}) =>
    outcomeDraft({
      kind: 'deferred',
      resubmitBy: '2027-01-31',
      evidenceRequests: [{ criterionId: criterionA, what: 'The last two provision maps.', dueOn: '2027-01-15' }],
      ...over,
    });
  const table: [string, OutcomeDraft, OutcomeProblems][] = [
    ['an award with its level, feedback and declaration', outcomeDraft({ kind: 'accredited', levelId: level }), {}],
    ['not accredited, with feedback and declaration', outcomeDraft({ kind: 'not-yet' }), {}],
    ['an award with one dated condition', conditional(), {}],
    ['a condition due today', conditional({ conditions: [{ text: 'Train the governors.', dueOn: TODAY }] }), {}],
    [
      'an award with conditions but none listed',
      conditional({ conditions: [] }),
      { conditions: 'Add at least one condition, or choose “Accredited” if the award has none' },
    ],
    [
      'a condition without words or date',
      conditional({ conditions: [{ text: ' ', dueOn: '' }] }),
      { 'conditions.0.text': 'Say what condition 1 asks the school to do', 'conditions.0.dueOn': 'Give the date condition 1 is due' },
    ],
    [
      'a condition due before the decision',
      conditional({ conditions: [{ text: 'Train the governors.', dueOn: '2026-11-23' }] }),
      {
        'conditions.0.dueOn': 'The date condition 1 is due is before today: the school needs time, so choose today or a later date',
      },
    ],
    [
      'a condition due on a day that does not exist',
      conditional({ conditions: [{ text: 'Train the governors.', dueOn: '2027-02-30' }] }),
      {
        'conditions.0.dueOn': 'The date condition 1 is due is not a real date: enter it as day, month and year, for example 31 March 2027',
      },
    ],
    [
      'conditions on a plain award are not checked (they are dropped)',
      outcomeDraft({ kind: 'accredited', levelId: level, conditions: [{ text: '', dueOn: '' }] }),
      {},
    ],
    ['a deferral with its date and a request', deferral(), {}],
    [
      'a deferral without a date or a request',
      deferral({ resubmitBy: '', evidenceRequests: [] }),
      {
        resubmitBy: 'Give the date the school must resubmit by',
        evidenceRequests: 'Add at least one request for evidence, so the school knows what to send',
      },
    ],
    [
      'a request due after the resubmission date, and one on a criterion the framework does not have',
      deferral({
        evidenceRequests: [
          { criterionId: criterionA, what: 'Minutes.', dueOn: '2027-02-01' },
          { criterionId: 'XX-9.9.9', what: 'Minutes.', dueOn: '2027-01-10' },
        ],
      }),
      {
        'evidenceRequests.0.dueOn': 'The date request 1 is due is after the resubmission date: choose that date or an earlier one',
        'evidenceRequests.1.criterionId': 'Request 2 names XX-9.9.9, which is not a criterion of this framework',
      },
    ],
    [
      'two requests on one criterion, one without words or criterion',
      deferral({
        evidenceRequests: [
          { criterionId: criterionA, what: 'Minutes.', dueOn: '2027-01-10' },
          { criterionId: criterionA, what: 'More minutes.', dueOn: '2027-01-10' },
          { criterionId: '', what: '', dueOn: '2027-01-10' },
        ],
      }),
      {
        'evidenceRequests.1.criterionId': `Request 2 is about ${criterionA} again: put everything asked for it in one request`,
        'evidenceRequests.2.criterionId': 'Choose the criterion request 3 is about',
        'evidenceRequests.2.what': 'Say what evidence request 3 asks for',
      },
    ],
    [
      'no strengths, no areas for development, an empty recommendation',
      outcomeDraft({ kind: 'not-yet', strengths: [], areasForDevelopment: [], recommendations: ['  '] }),
      {
        strengths: 'Name at least one strength of the school’s SEN provision',
        areasForDevelopment: 'Name at least one area for development, so the school knows what to work on next',
        'recommendations.0': 'Recommendation 1 is empty: write it or remove it',
      },
    ],
    [
      'too many strengths, one too long',
      outcomeDraft({
        kind: 'not-yet',
        strengths: [...Array.from({ length: OUTCOME_LIST_MAX_ITEMS }, () => 'Good.'), 'x'.repeat(LONG_TEXT_MAX_CHARS + 1)],
      }),
      {
        strengths: `Strengths can have at most ${OUTCOME_LIST_MAX_ITEMS} points; join or remove 1`,
        [`strengths.${OUTCOME_LIST_MAX_ITEMS}`]: `Strength ${OUTCOME_LIST_MAX_ITEMS + 1} is 100,001 characters long; it can be at most 100,000. Shorten it by 1 character.`,
      },
    ],
    [
      'no declaration of interests',
      outcomeDraft({ kind: 'not-yet', conflictOfInterest: '' }),
      { conflictOfInterest: 'Declare whether you have a conflict of interest with this school before you record the outcome' },
    ],
    [
      'a conflict declared without saying what it is',
      outcomeDraft({ kind: 'not-yet', conflictOfInterest: 'declared', conflictText: ' ' }),
      { conflictText: 'Describe the conflict of interest: your link with the school' },
    ],
    [
      'a conflict declared and described',
      outcomeDraft({ kind: 'not-yet', conflictOfInterest: 'declared', conflictText: 'My niece attends.' }),
      {},
    ],
  ];
  it.each(table)('%s', (_name, draft, expected) => {
    expect(outcomeProblems(draft, level, framework, context)).toEqual(expected);
  });
});

describe('the outcome record made from the form', () => {
  const rules = { renewalYears: 3, appealWindowDays: 28 };
  const at = '2026-11-24T10:00:00.000Z';

  it('an award with conditions keeps its level, renewal, dated conditions (open) and the appeal date', () => {
    const outcome = decideOutcome(
      outcomeDraft({
        kind: 'accredited-with-conditions',
        levelId: level,
        conditions: [
          { text: ' Publish the SEN information report. ', dueOn: '2027-03-31' },
          { text: 'Train the governors.', dueOn: '2027-06-30' },
        ],
        resubmitBy: '2027-01-01',
        evidenceRequests: [{ criterionId: criterionA, what: 'x', dueOn: '2027-01-01' }],
        strengths: [' Clear leadership. ', ''],
        recommendations: ['Visit another school.'],
      }),
      level,
      'key',
      at,
      rules,
    );
    expect(outcome).toMatchObject({
      kind: 'accredited-with-conditions',
      levelId: level,
      renewalDate: '2029-11-24',
      resubmitBy: null,
      conditions: [
        { text: 'Publish the SEN information report.', dueOn: '2027-03-31', dischargedOn: null },
        { text: 'Train the governors.', dueOn: '2027-06-30', dischargedOn: null },
      ],
      evidenceRequests: [],
      strengths: ['Clear leadership.'],
      recommendations: ['Visit another school.'],
      conflictOfInterest: { kind: 'none' },
      appealBy: '2026-12-22',
    });
  });

  it('a deferral keeps its date and requests, and no level, renewal or conditions', () => {
    const outcome = decideOutcome(
      outcomeDraft({
        kind: 'deferred',
        levelId: level,
        resubmitBy: '2027-01-31',
        evidenceRequests: [{ criterionId: criterionB, what: ' Minutes. ', dueOn: '2027-01-15' }],
        conditions: [{ text: 'x', dueOn: '2027-01-01' }],
        conflictOfInterest: 'declared',
        conflictText: ' I governed the school until 2022. ',
      }),
      null,
      'key',
      at,
      { renewalYears: 3, appealWindowDays: 14 },
    );
    expect(outcome).toMatchObject({
      levelId: null,
      renewalDate: '',
      resubmitBy: '2027-01-31',
      conditions: [],
      evidenceRequests: [{ criterionId: criterionB, what: 'Minutes.', dueOn: '2027-01-15', receivedOn: null }],
      conflictOfInterest: { kind: 'declared', text: 'I governed the school until 2022.' },
      appealBy: '2026-12-08',
    });
  });
});

describe('a report needs a complete outcome before it is signed', () => {
  const complete = decideOutcome(outcomeDraft({ kind: 'not-yet' }), null, 'key', '2026-11-24T10:00:00.000Z', {
    renewalYears: 3,
    appealWindowDays: 28,
  });
  const old: ModerationOutcome = {
    submissionKey: 'key',
    kind: 'not-yet',
    levelId: null,
    computedLevelId: null,
    overrideReason: '',
    renewalDate: '',
    feedback: 'Not yet.',
    decidedAt: '2026-11-24T10:00:00.000Z',
  };
  it.each([
    ['a complete outcome', complete, null],
    [
      'an outcome recorded before the declaration of interests',
      old,
      'Declare whether you have a conflict of interest with this school, then record the outcome again before you sign the report.',
    ],
    [
      'an outcome with no appeal date',
      { ...complete, appealBy: undefined },
      'The outcome has no date the school can appeal by. Record the outcome again before you sign the report.',
    ],
    [
      'an award with conditions and none listed',
      { ...complete, kind: 'accredited-with-conditions' as const, conditions: [] },
      'An award with conditions needs at least one dated condition. Add it and record the outcome again before you sign the report.',
    ],
    [
      'a deferral without its date',
      { ...complete, kind: 'deferred' as const, evidenceRequests: [{ criterionId: criterionA, what: 'x', dueOn: '2027-01-01' }] },
      'A deferral needs the date the school must resubmit by and at least one dated request for evidence. Add them and record the outcome again before you sign the report.',
    ],
  ])('%s', (_name, outcome, expected) => {
    expect(moderationReportProblem({ outcome })).toBe(expected);
  });
});

/** A report's data as the first format wrote it: no conditions, requests, lists, declaration or appeal date. */
function firstFormatReport(): ModerationDocument {
  const sha = 'a'.repeat(64);
  return {
    format: 'sen-accreditation-moderation',
    formatVersion: 1,
    reportId: 'report-1',
    createdAt: '2026-11-25T09:00:00.000Z',
    moderator: { name: 'Ann Moderator', organisation: 'North East SEN Partnership', regionId: 'north-east', regionName: 'North East' },
    submission: {
      submissionId: 'submission-1',
      version: 1,
      sha256: sha,
      exportedAt: '2026-11-01T09:00:00.000Z',
      school: { name: 'Brookfield', urn: '123456' },
      framework: { id: 'north-east', version: '1.0', title: 'North East', contentHash: sha },
      supplement: null,
    },
    criteria: [
      { criterionId: 'NE-1.1.1', schoolJudgement: 'established', decision: 'agree', moderatedJudgement: null, comment: '' },
      { criterionId: 'NE-1.1.2', schoolJudgement: 'established', decision: 'more-evidence', moderatedJudgement: null, comment: 'Minutes.' },
    ],
    visit: null,
    outcome: {
      kind: 'accredited',
      levelId: 'established',
      levelLabel: 'Established',
      computedLevelId: 'established',
      overrideReason: '',
      renewalDate: '2029-11-24',
      feedback: 'Well done.',
      decidedAt: '2026-11-24T10:00:00.000Z',
    },
    signer: { certificateFingerprint: sha },
  };
}

function report(outcome: Partial<ModerationDocument['outcome']>): ModerationDocument {
  const base = firstFormatReport();
  return { ...base, outcome: { ...base.outcome, ...outcome } };
}

const conditionalReport = () =>
  report({
    kind: 'accredited-with-conditions',
    conditions: [{ text: 'Publish the SEN information report.', dueOn: '2027-03-31' }],
    strengths: ['Clear leadership.'],
    areasForDevelopment: ['Parents’ voice.'],
    recommendations: [],
    conflictOfInterest: { kind: 'none' },
    appealBy: '2026-12-22',
  });

const deferredReport = () =>
  report({
    kind: 'deferred',
    levelId: null,
    levelLabel: '',
    renewalDate: '',
    resubmitBy: '2027-01-31',
    evidenceRequests: [{ criterionId: 'NE-1.1.2', what: 'Minutes.', dueOn: '2027-01-15' }],
    conflictOfInterest: { kind: 'declared', text: 'I was a governor until 2022.' },
    appealBy: '2026-12-22',
  });

describe('the report format: new outcome fields are optional, and checked when present', () => {
  const check = createSchemaCheck(moderationSchema);

  it('a report of the first format still follows the schema and holds together', () => {
    expect(check(firstFormatReport())).toEqual([]);
    expect(outcomeConsistencyProblem(firstFormatReport())).toBeNull();
  });

  it('a report with conditions, a deferral with requests, each follows the schema', () => {
    expect(check(conditionalReport())).toEqual([]);
    expect(check(deferredReport())).toEqual([]);
  });

  it.each([
    ['a declared conflict without words', report({ conflictOfInterest: { kind: 'declared', text: '' } as never })],
    ['a condition without a date', report({ conditions: [{ text: 'x' } as never] })],
    ['an appeal date that is not a date', report({ appealBy: '22 December 2026' })],
    ['an empty strength', report({ strengths: [''] })],
    ['an outcome kind the format does not have', report({ kind: 'conditional' as never })],
  ])('the schema refuses %s', (_name, document) => {
    expect(check(document).length).toBeGreaterThan(0);
  });
});

describe('the verifier’s consistency checks on the outcome', () => {
  it.each([
    ['an award with conditions', conditionalReport(), null],
    ['a deferral with a dated request', deferredReport(), null],
    [
      'an award with conditions and none listed',
      { ...conditionalReport(), outcome: { ...conditionalReport().outcome, conditions: [] } },
      'The report’s outcome is an award with conditions but it lists no condition.',
    ],
    [
      'conditions on a plain award',
      report({ conditions: [{ text: 'x', dueOn: '2027-01-01' }] }),
      'The report’s outcome is “Accredited” but it lists conditions, which only an award with conditions has.',
    ],
    [
      'a request on an award',
      report({ evidenceRequests: [{ criterionId: 'NE-1.1.2', what: 'x', dueOn: '2027-01-01' }] }),
      'The report’s outcome is “Accredited” but it lists dated requests for evidence, which only a deferral has.',
    ],
    [
      'a resubmission date on an award',
      report({ resubmitBy: '2027-01-01' }),
      'The report’s outcome is “Accredited” but it gives a date to resubmit by, which only a deferral has.',
    ],
    [
      'a deferral that names a level',
      { ...deferredReport(), outcome: { ...deferredReport().outcome, levelId: 'established' } },
      'The report’s outcome is “Deferred” but it names a level, which only an award has.',
    ],
    [
      'a condition due before the decision',
      { ...conditionalReport(), outcome: { ...conditionalReport().outcome, conditions: [{ text: 'x', dueOn: '2026-11-23' }] } },
      'Condition 1’s due date in the report (23 November 2026) is before the outcome was decided (24 November 2026).',
    ],
    [
      'an appeal date before the decision',
      report({ appealBy: '2026-11-01' }),
      'The date to appeal by in the report (1 November 2026) is before the outcome was decided (24 November 2026).',
    ],
    [
      'a date that does not exist',
      { ...deferredReport(), outcome: { ...deferredReport().outcome, resubmitBy: '2027-02-30' } },
      'The date to resubmit by in the report, 2027-02-30, is not a real date.',
    ],
    [
      'a request on a criterion the report does not moderate',
      {
        ...deferredReport(),
        outcome: { ...deferredReport().outcome, evidenceRequests: [{ criterionId: 'NE-3.1.1', what: 'x', dueOn: '2027-01-15' }] },
      },
      'The report asks for evidence on criterion NE-3.1.1, which is not among the criteria it moderates.',
    ],
    [
      'a request due after the date to resubmit by',
      {
        ...deferredReport(),
        outcome: { ...deferredReport().outcome, evidenceRequests: [{ criterionId: 'NE-1.1.2', what: 'x', dueOn: '2027-02-15' }] },
      },
      'The request for evidence on NE-1.1.2 is due after the date to resubmit by (31 January 2027).',
    ],
  ])('%s', (_name, document, expected) => {
    expect(outcomeConsistencyProblem(document)).toBe(expected);
  });
});

describe('the school’s action plan from a report', () => {
  it('a deferral’s dated requests become actions due on their dates', () => {
    expect(evidenceRequestActions(deferredReport())).toEqual([
      { criterionId: 'NE-1.1.2', what: 'Send more evidence for NE-1.1.2: Minutes.', byWhen: '2027-01-15' },
    ]);
  });

  it('a report without them takes each “more evidence needed” decision, undated, as before', () => {
    expect(evidenceRequestActions(firstFormatReport())).toEqual([
      { criterionId: 'NE-1.1.2', what: 'Send more evidence for NE-1.1.2: Minutes.', byWhen: '' },
    ]);
  });
});

describe('the outcome in a few words', () => {
  it.each([
    ['accredited', 'Established', 'Accredited at Established'],
    ['accredited-with-conditions', 'Established', 'Accredited at Established, with conditions'],
    ['deferred', '', 'Deferred'],
    ['not-yet', '', 'Not accredited'],
  ] as const)('%s', (kind, level, expected) => {
    expect(outcomeHeadline(kind, level)).toBe(expected);
  });
});
