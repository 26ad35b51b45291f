import { beforeAll, describe, expect, it } from 'vitest';
import {
  describeSelector,
  evaluateAwards,
  evaluateRule,
  isMet,
  judgementRank,
  selectCriteria,
  type CriterionStanding,
  type RuleOutcome,
  type Standings,
} from '../../shared/awards/award-rules';
import type { AppliedFramework } from '../../shared/framework/applied-framework';
import { createCatalogue } from '../../shared/framework/framework-catalogue';
import { historicFrameworkForRegion } from '../fixtures/historic-edition';
import type { AwardRule, CriteriaSelector } from '../../shared/framework/framework-types';
import { loadShippedData } from '../../shared/framework/shipped-frameworks';
import { allAt, manyCriteriaApplied, standingsOf, TINY_IDS, tinyApplied, tinyIdsWhere } from '../fixtures/tiny-framework';

const tiny = tinyApplied();
const BRONZE = tinyIdsWhere((c) => c.level === 'bronze');
const SILVER = tinyIdsWhere((c) => c.level === 'silver');
const GOLD = tinyIdsWhere((c) => c.level === 'gold');
const MANDATORY = tinyIdsWhere((c) => c.mandatory);

/** Every tiny criterion at `judgement` (with evidence if asked), then the table's overrides. */
function everythingAt(judgement: string | null, evidenceCount: number, overrides: Parameters<typeof standingsOf>[0] = {}): Standings {
  return new Map([...allAt(TINY_IDS, judgement, evidenceCount), ...standingsOf(overrides)]);
}

type Expected = Partial<Pick<RuleOutcome, 'met' | 'counted' | 'passing' | 'required' | 'blocking' | 'explanation'>>;
type RuleCase = [name: string, rule: AwardRule, standings: Standings, expected: Expected];

function expectOutcome(outcome: RuleOutcome, expected: Expected): void {
  expect(outcome).toMatchObject(expected);
}

describe('judgementRank and isMet', () => {
  const { scale } = tiny;

  it('ranks the strongest point highest and no judgement lowest', () => {
    expect(['strong', 'good', 'weak', 'none'].map((p) => judgementRank(scale, p))).toEqual([3, 2, 1, 0]);
    expect(judgementRank(scale, null)).toBe(-1);
    expect(judgementRank(scale, undefined)).toBe(-1);
    expect(judgementRank(scale, 'excellent')).toBe(-1);
  });

  it('counts a criterion as met at or above metAtOrAbove only', () => {
    expect(['strong', 'good', 'weak', 'none', null, 'excellent'].map((p) => isMet(scale, p))).toEqual([
      true,
      true,
      false,
      false,
      false,
      false,
    ]);
  });
});

describe('selectCriteria', () => {
  it.each<[string, CriteriaSelector, string[]]>([
    ['an empty selector: every criterion', {}, [...TINY_IDS]],
    ['by level', { levels: ['silver'] }, SILVER],
    ['by several levels', { levels: ['silver', 'gold'] }, tinyIdsWhere((c) => c.level !== 'bronze')],
    ['mandatory', { mandatory: true }, MANDATORY],
    ['non-mandatory', { mandatory: false }, tinyIdsWhere((c) => !c.mandatory)],
    ['by strand', { strands: ['TF-2'] }, tinyIdsWhere((c) => c.id.startsWith('TF-2.'))],
    ['by level and strand', { levels: ['bronze'], strands: ['TF-1'] }, ['TF-1.1.1', 'TF-1.1.2', 'TF-1.2.1']],
    ['by all three', { levels: ['bronze'], mandatory: true, strands: ['TF-2'] }, ['TF-2.1.1']],
    ['nothing matching', { levels: ['gold'], mandatory: true }, []],
  ])('%s', (_name, selector, ids) => {
    expect(selectCriteria(tiny, selector).map((c) => c.id)).toEqual(ids);
  });

  it('includes the supplement’s criteria, which belong to its strand', () => {
    const withSupplement = tinyApplied({ withSupplement: true });
    expect(selectCriteria(withSupplement, {}).map((c) => c.id)).toEqual([...TINY_IDS, 'TS-1.1.1', 'TS-1.1.2']);
    expect(selectCriteria(withSupplement, { levels: ['silver'] }).map((c) => c.id)).toEqual([...SILVER, 'TS-1.1.2']);
    expect(selectCriteria(withSupplement, { strands: ['TS-1'] }).map((c) => c.id)).toEqual(['TS-1.1.1', 'TS-1.1.2']);
  });
});

describe('describeSelector', () => {
  it.each<[CriteriaSelector, string, string]>([
    [{}, 'criterion', 'criteria'],
    [{ mandatory: true }, 'mandatory criterion', 'mandatory criteria'],
    [{ mandatory: false }, 'non-mandatory criterion', 'non-mandatory criteria'],
    [{ levels: ['bronze', 'silver'] }, 'Bronze or Silver criterion', 'Bronze or Silver criteria'],
    [{ strands: ['TF-1', 'TF-2'] }, 'criterion in TF-1, TF-2', 'criteria in TF-1, TF-2'],
    [{ mandatory: true, levels: ['bronze'], strands: ['TF-2'] }, 'mandatory Bronze criterion in TF-2', 'mandatory Bronze criteria in TF-2'],
  ])('%j', (selector, singular, plural) => {
    expect(describeSelector(tiny, selector)).toEqual({ singular, plural });
  });
});

describe('evaluateRule: every', () => {
  const mandatoryGood: AwardRule = { rule: 'every', criteria: { mandatory: true }, atLeast: 'good' };
  const silverWithEvidence: AwardRule = { rule: 'every', criteria: { levels: ['silver'] }, atLeast: 'good', withEvidence: true };

  it.each<RuleCase>([
    [
      'all at the point',
      mandatoryGood,
      standingsOf({ 'TF-1.1.1': 'good', 'TF-2.1.1': 'good' }),
      { met: true, counted: 2, passing: 2, required: 2, blocking: [], explanation: 'All 2 mandatory criteria are judged Good or better.' },
    ],
    [
      'above the point counts',
      mandatoryGood,
      standingsOf({ 'TF-1.1.1': 'strong', 'TF-2.1.1': 'good' }),
      { met: true, passing: 2, blocking: [] },
    ],
    [
      'one below',
      mandatoryGood,
      standingsOf({ 'TF-1.1.1': 'strong', 'TF-2.1.1': 'weak' }),
      {
        met: false,
        counted: 2,
        passing: 1,
        required: 2,
        blocking: ['TF-2.1.1'],
        explanation: '1 mandatory criterion not yet judged Good or better: TF-2.1.1.',
      },
    ],
    [
      'unjudged counts as below every point',
      mandatoryGood,
      standingsOf({ 'TF-1.1.1': null }),
      {
        met: false,
        passing: 0,
        blocking: ['TF-1.1.1', 'TF-2.1.1'],
        explanation: '2 mandatory criteria not yet judged Good or better: TF-1.1.1, TF-2.1.1.',
      },
    ],
    [
      'a judgement not on the scale counts as unjudged',
      mandatoryGood,
      standingsOf({ 'TF-1.1.1': 'excellent', 'TF-2.1.1': 'good' }),
      { met: false, blocking: ['TF-1.1.1'] },
    ],
    [
      'evidence is not needed without withEvidence',
      mandatoryGood,
      standingsOf({ 'TF-1.1.1': ['good', 0], 'TF-2.1.1': ['good', 0] }),
      { met: true },
    ],
    [
      'withEvidence: all with evidence',
      silverWithEvidence,
      standingsOf({ 'TF-1.1.3': ['good', 1], 'TF-2.1.3': ['strong', 3] }),
      { met: true, counted: 2, passing: 2, explanation: 'All 2 Silver criteria are judged Good or better with evidence.' },
    ],
    [
      'withEvidence: a good judgement without evidence blocks',
      silverWithEvidence,
      standingsOf({ 'TF-1.1.3': ['good', 1], 'TF-2.1.3': ['strong', 0] }),
      {
        met: false,
        passing: 1,
        blocking: ['TF-2.1.3'],
        explanation: '1 Silver criterion not yet judged Good or better with evidence: TF-2.1.3.',
      },
    ],
    [
      'withEvidence: evidence does not lift a weak judgement',
      silverWithEvidence,
      standingsOf({ 'TF-1.1.3': ['weak', 4], 'TF-2.1.3': ['good', 1] }),
      { met: false, blocking: ['TF-1.1.3'] },
    ],
    [
      'a strand selector',
      { rule: 'every', criteria: { strands: ['TF-1'] }, atLeast: 'weak' },
      everythingAt('good', 0, { 'TF-1.2.2': 'none', 'TF-2.2.3': 'none' }),
      {
        met: false,
        counted: 5,
        passing: 4,
        blocking: ['TF-1.2.2'],
        explanation: '1 criterion in TF-1 not yet judged Weak or better: TF-1.2.2.',
      },
    ],
    [
      'an empty selector counts every criterion',
      { rule: 'every', criteria: {}, atLeast: 'none' },
      everythingAt('none', 0),
      { met: true, counted: 11, passing: 11, explanation: 'All 11 criteria are judged None or better.' },
    ],
    [
      'an empty selector lists at most eight blocking ids',
      { rule: 'every', criteria: {}, atLeast: 'good' },
      new Map<string, CriterionStanding>(),
      {
        met: false,
        counted: 11,
        blocking: [...TINY_IDS],
        explanation: `11 criteria not yet judged Good or better: ${TINY_IDS.slice(0, 8).join(', ')} and 3 more.`,
      },
    ],
    [
      'a selector matching nothing holds',
      { rule: 'every', criteria: { levels: ['gold'], mandatory: true }, atLeast: 'strong' },
      new Map<string, CriterionStanding>(),
      { met: true, counted: 0, passing: 0, required: 0, blocking: [] },
    ],
  ])('%s', (_name, rule, standings, expected) => {
    expectOutcome(evaluateRule(tiny, rule, standings), expected);
  });
});

describe('evaluateRule: percentage', () => {
  const bronze80: AwardRule = { rule: 'percentage', criteria: { levels: ['bronze'] }, atLeast: 'good', percent: 80 };
  const bronze80Evidence: AwardRule = { ...bronze80, withEvidence: true };
  /** The first `n` bronze criteria good (with `evidence` links each), the rest weak. */
  const bronzeGood = (n: number, evidence = 0): Standings =>
    new Map([...allAt(BRONZE, 'weak'), ...allAt(BRONZE.slice(0, n), 'good', evidence)]);

  it.each<RuleCase>([
    [
      '80% of 7 needs 6: 6 pass',
      bronze80,
      bronzeGood(6),
      {
        met: true,
        counted: 7,
        passing: 6,
        required: 6,
        blocking: [],
        explanation: '6 of 7 Bronze criteria (85%) are judged Good or better; 80% is needed.',
      },
    ],
    [
      '80% of 7 needs 6: 5 pass',
      bronze80,
      bronzeGood(5),
      {
        met: false,
        counted: 7,
        passing: 5,
        required: 6,
        blocking: BRONZE.slice(5),
        explanation: '80% of Bronze criteria must be judged Good or better: 5 of 7 (71%) so far, 1 more needed.',
      },
    ],
    [
      'all 7 pass',
      bronze80,
      bronzeGood(7),
      { met: true, passing: 7, required: 6, explanation: '7 of 7 Bronze criteria (100%) are judged Good or better; 80% is needed.' },
    ],
    [
      'unjudged criteria do not pass',
      bronze80,
      standingsOf(Object.fromEntries(BRONZE.slice(0, 5).map((id) => [id, 'strong']))),
      {
        met: false,
        passing: 5,
        blocking: BRONZE.slice(5),
        explanation: '80% of Bronze criteria must be judged Good or better: 5 of 7 (71%) so far, 1 more needed.',
      },
    ],
    ['withEvidence: 6 good with evidence', bronze80Evidence, bronzeGood(6, 1), { met: true, passing: 6 }],
    [
      'withEvidence: 7 good but only 5 with evidence',
      bronze80Evidence,
      new Map([...bronzeGood(7, 0), ...allAt(BRONZE.slice(0, 5), 'good', 2)]),
      {
        met: false,
        passing: 5,
        required: 6,
        blocking: BRONZE.slice(5),
        explanation: '80% of Bronze criteria must be judged Good or better with evidence: 5 of 7 (71%) so far, 1 more needed.',
      },
    ],
    ['without withEvidence, evidence does not matter', bronze80, bronzeGood(6, 0), { met: true, passing: 6 }],
    [
      '50% of 2 needs 1',
      { rule: 'percentage', criteria: { levels: ['gold'] }, atLeast: 'strong', percent: 50 },
      standingsOf({ 'TF-2.2.3': 'strong' }),
      { met: true, counted: 2, passing: 1, required: 1 },
    ],
    [
      '51% of 2 needs 2',
      { rule: 'percentage', criteria: { levels: ['gold'] }, atLeast: 'strong', percent: 51 },
      standingsOf({ 'TF-2.2.3': 'strong' }),
      {
        met: false,
        required: 2,
        blocking: ['TF-1.2.2'],
        explanation: '51% of Gold criteria must be judged Strong or better: 1 of 2 (50%) so far, 1 more needed.',
      },
    ],
    [
      '100% of the mandatory criteria',
      { rule: 'percentage', criteria: { mandatory: true }, atLeast: 'good', percent: 100 },
      standingsOf({ 'TF-1.1.1': 'good', 'TF-2.1.1': 'weak' }),
      { met: false, required: 2, passing: 1, blocking: ['TF-2.1.1'] },
    ],
    [
      'an empty selector: 25% of all 11 needs 3',
      { rule: 'percentage', criteria: {}, atLeast: 'strong', percent: 25 },
      standingsOf({ 'TF-1.1.1': 'strong', 'TF-2.2.3': 'strong', 'TF-1.2.2': 'strong' }),
      {
        met: true,
        counted: 11,
        passing: 3,
        required: 3,
        explanation: '3 of 11 criteria (27%) are judged Strong or better; 25% is needed.',
      },
    ],
    [
      'a strand selector: 50% of TF-1 (5) needs 3',
      { rule: 'percentage', criteria: { strands: ['TF-1'] }, atLeast: 'good', percent: 50 },
      everythingAt('good', 0, { 'TF-1.1.1': 'weak', 'TF-1.1.2': 'weak', 'TF-1.1.3': 'weak' }),
      {
        met: false,
        counted: 5,
        passing: 2,
        required: 3,
        blocking: ['TF-1.1.1', 'TF-1.1.2', 'TF-1.1.3'],
        explanation: '50% of criteria in TF-1 must be judged Good or better: 2 of 5 (40%) so far, 1 more needed.',
      },
    ],
    [
      'a selector matching nothing holds',
      { rule: 'percentage', criteria: { levels: ['gold'], mandatory: true }, atLeast: 'strong', percent: 80 },
      new Map<string, CriterionStanding>(),
      // (required comes out as -0 here, so it is left out.)
      {
        met: true,
        counted: 0,
        passing: 0,
        blocking: [],
        explanation: '0 of 0 mandatory Gold criteria (100%) are judged Strong or better; 80% is needed.',
      },
    ],
  ])('%s', (_name, rule, standings, expected) => {
    expectOutcome(evaluateRule(tiny, rule, standings), expected);
  });

  it.each([
    // [criteria, percent, required]: including products that floating point puts a hair above a whole number.
    [7, 80, 6],
    [5, 80, 4],
    [10, 70, 7],
    [50, 14, 7],
    [100, 7, 7],
    [100, 57, 57],
    [3, 33, 1],
    [3, 34, 2],
    [3, 100, 3],
    [1, 1, 1],
  ])('%i criteria at %i%% needs %i', (count, percent, required) => {
    const framework = manyCriteriaApplied(count);
    const ids = framework.criteria.map((c) => c.id);
    const rule: AwardRule = { rule: 'percentage', criteria: {}, atLeast: 'good', percent };
    const exactly = new Map([...allAt(ids, 'weak'), ...allAt(ids.slice(0, required), 'good')]);
    const oneShort = new Map([...allAt(ids, 'weak'), ...allAt(ids.slice(0, required - 1), 'good')]);
    expect(evaluateRule(framework, rule, exactly)).toMatchObject({ counted: count, required, met: true });
    expect(evaluateRule(framework, rule, oneShort)).toMatchObject({ required, met: false, blocking: ids.slice(required - 1) });
  });
});

describe('evaluateRule: at-most-below', () => {
  const noBronzeBelowWeak: AwardRule = { rule: 'at-most-below', criteria: { levels: ['bronze'] }, below: 'weak', atMost: 0 };
  const atMostOneBelowGood: AwardRule = { rule: 'at-most-below', criteria: {}, below: 'good', atMost: 1 };
  const atMostTwoBelowGood: AwardRule = { ...atMostOneBelowGood, atMost: 2 };

  it.each<RuleCase>([
    [
      'none below',
      noBronzeBelowWeak,
      everythingAt('weak', 0),
      {
        met: true,
        counted: 7,
        passing: 7,
        required: 7,
        blocking: [],
        explanation: 'No Bronze criterion may be below Weak or unjudged, and none is.',
      },
    ],
    [
      'one below',
      noBronzeBelowWeak,
      everythingAt('good', 0, { 'TF-1.2.1': 'none' }),
      {
        met: false,
        passing: 6,
        blocking: ['TF-1.2.1'],
        explanation: 'No Bronze criterion may be below Weak or unjudged: 1 is (TF-1.2.1).',
      },
    ],
    [
      'unjudged counts as below',
      noBronzeBelowWeak,
      everythingAt('good', 0, { 'TF-1.2.1': null, 'TF-2.2.2': null }),
      {
        met: false,
        passing: 5,
        blocking: ['TF-1.2.1', 'TF-2.2.2'],
        explanation: 'No Bronze criterion may be below Weak or unjudged: 2 are (TF-1.2.1, TF-2.2.2).',
      },
    ],
    [
      'criteria outside the selector do not count',
      noBronzeBelowWeak,
      everythingAt('good', 0, { 'TF-1.1.3': 'none', 'TF-1.2.2': null }),
      { met: true, blocking: [] },
    ],
    [
      'the limit itself is allowed',
      atMostTwoBelowGood,
      everythingAt('strong', 0, { 'TF-1.1.2': 'weak', 'TF-2.2.3': null }),
      {
        met: true,
        counted: 11,
        passing: 9,
        required: 9,
        blocking: ['TF-1.1.2', 'TF-2.2.3'],
        explanation: 'At most 2 criteria may be below Good or unjudged, and 2 are.',
      },
    ],
    [
      'one over the limit',
      atMostTwoBelowGood,
      everythingAt('strong', 0, { 'TF-1.1.2': 'weak', 'TF-2.1.3': 'none', 'TF-2.2.3': null }),
      {
        met: false,
        passing: 8,
        blocking: ['TF-1.1.2', 'TF-2.1.3', 'TF-2.2.3'],
        explanation: 'At most 2 criteria may be below Good or unjudged: 3 are (TF-1.1.2, TF-2.1.3, TF-2.2.3).',
      },
    ],
    ['the point itself is not below it', atMostOneBelowGood, everythingAt('good', 0), { met: true, passing: 11, blocking: [] }],
  ])('%s', (_name, rule, standings, expected) => {
    expectOutcome(evaluateRule(tiny, rule, standings), expected);
  });

  // Known bug: the limit is always worded in the plural ("At most 1 criteria ...").
  it('words a limit of one in the singular', () => {
    const met = evaluateRule(tiny, atMostOneBelowGood, everythingAt('strong', 0, { 'TF-2.2.3': null }));
    expect(met.met).toBe(true);
    expect(met.explanation).toBe('At most 1 criterion may be below Good or unjudged, and 1 is.');
    const notMet = evaluateRule(tiny, atMostOneBelowGood, everythingAt('strong', 0, { 'TF-2.2.3': null, 'TF-1.1.1': 'weak' }));
    expect(notMet.met).toBe(false);
    expect(notMet.explanation).toBe('At most 1 criterion may be below Good or unjudged: 2 are (TF-1.1.1, TF-2.2.3).');
  });
});

describe('evaluateAwards on the tiny framework', () => {
  const levelIds = (outcome: ReturnType<typeof evaluateAwards>) => outcome.levels.map((l) => [l.level.id, l.met]);

  it('everything strong with evidence: the highest level, nothing next', () => {
    const outcome = evaluateAwards(tiny, everythingAt('strong', 1));
    expect(outcome.achieved?.id).toBe('gold');
    expect(outcome.achieved?.label).toBe('Gold');
    expect(outcome.next).toBeNull();
    expect(levelIds(outcome)).toEqual([
      ['bronze', true],
      ['silver', true],
      ['gold', true],
    ]);
  });

  it('nothing judged: no level, the lowest next, blocked by all its rules', () => {
    const outcome = evaluateAwards(tiny, new Map());
    expect(outcome.achieved).toBeNull();
    expect(outcome.next?.level.id).toBe('bronze');
    expect(outcome.next?.blockers.map((b) => b.rule.rule)).toEqual(['every', 'percentage']);
    expect(outcome.next?.blockers[0]?.blocking).toEqual(MANDATORY);
  });

  it('a higher level is never achieved when a lower one fails, even if its own rules hold', () => {
    // Silver fails (a silver criterion has no evidence); gold's own rules all hold.
    const standings = everythingAt('strong', 1, { 'TF-2.1.3': ['strong', 0] });
    const outcome = evaluateAwards(tiny, standings);
    expect(levelIds(outcome)).toEqual([
      ['bronze', true],
      ['silver', false],
      ['gold', true],
    ]);
    expect(outcome.achieved?.id).toBe('bronze');
    expect(outcome.next?.level.id).toBe('silver');
    expect(outcome.next?.blockers).toHaveLength(1);
    expect(outcome.next?.blockers[0]?.blocking).toEqual(['TF-2.1.3']);
    expect(outcome.next?.blockers[0]?.explanation).toContain('TF-2.1.3');
  });

  it('bronze failing blocks silver and gold', () => {
    const outcome = evaluateAwards(tiny, everythingAt('strong', 1, { 'TF-2.1.1': 'weak' }));
    expect(outcome.achieved).toBeNull();
    expect(levelIds(outcome)).toEqual([
      ['bronze', false],
      ['silver', true],
      ['gold', true],
    ]);
    expect(outcome.next?.level.id).toBe('bronze');
    expect(outcome.next?.blockers.map((b) => b.rule.rule)).toEqual(['every']);
    expect(outcome.next?.blockers[0]?.explanation).toBe('1 mandatory criterion not yet judged Good or better: TF-2.1.1.');
  });

  it('next names only the rules that fail, with their blocking criteria', () => {
    // Bronze and silver hold (one bronze criterion weak is allowed); gold fails both rules:
    // neither gold criterion is strong, and three criteria are below good.
    const standings = everythingAt('good', 1, { 'TF-1.1.2': 'weak', 'TF-1.2.2': 'weak', 'TF-2.2.3': 'weak' });
    const outcome = evaluateAwards(tiny, standings);
    expect(outcome.achieved?.id).toBe('silver');
    expect(outcome.next?.level.id).toBe('gold');
    const [gold, below] = outcome.next?.blockers ?? [];
    expect(gold?.blocking).toEqual(GOLD);
    expect(below?.blocking).toEqual(['TF-1.1.2', 'TF-1.2.2', 'TF-2.2.3']);
    expect(below?.explanation).toContain('TF-1.1.2, TF-1.2.2, TF-2.2.3');
    expect(outcome.levels.map((l) => l.rules.filter((r) => !r.met).length)).toEqual([0, 0, 2]);
  });

  it('ignores standings for criteria the framework does not have', () => {
    const outcome = evaluateAwards(tiny, standingsOf({ 'XX-1.1.1': ['strong', 5] }));
    expect(outcome.achieved).toBeNull();
  });

  it('uses the level id as its label when the framework has no such level', () => {
    const framework: AppliedFramework = { ...tiny, levels: tiny.levels.filter((l) => l.id !== 'gold') };
    const outcome = evaluateAwards(framework, everythingAt('strong', 1));
    expect(outcome.achieved).toEqual({ id: 'gold', label: 'gold', description: '' });
  });
});

describe('the shipped award rules', () => {
  let northEast: AppliedFramework;
  let southern: AppliedFramework;
  let southWest: AppliedFramework;

  beforeAll(async () => {
    const { frameworks, regions } = await loadShippedData();
    const catalogue = createCatalogue(frameworks, regions);
    const pick = (regionId: string) => historicFrameworkForRegion(catalogue, regionId);
    northEast = pick('north-east');
    southern = pick('south-east');
    southWest = pick('south-west');
  });

  const ids = (framework: AppliedFramework, test: (c: AppliedFramework['criteria'][number]) => boolean = () => true) =>
    framework.criteria.filter(test).map((c) => c.id);
  const strongest = (framework: AppliedFramework) => framework.scale.points[0]!.id;

  it.each([
    ['North East', () => northEast, 'advanced'],
    ['Southern', () => southern, 'enhanced'],
    ['Southern with the South West supplement', () => southWest, 'enhanced'],
  ])('%s: every criterion at the strongest point with evidence gives the highest level', (_name, framework, highest) => {
    const f = framework();
    const outcome = evaluateAwards(f, allAt(ids(f), strongest(f), 1));
    expect(outcome.achieved?.id).toBe(highest);
    expect(outcome.achieved?.id).toBe(f.levels.at(-1)?.id);
    expect(outcome.next).toBeNull();
  });

  it.each([
    ['North East', () => northEast, 'foundation'],
    ['Southern', () => southern, 'core'],
    ['Southern with the South West supplement', () => southWest, 'core'],
  ])('%s: nothing judged gives no level, with the lowest next', (_name, framework, lowest) => {
    const f = framework();
    const outcome = evaluateAwards(f, new Map());
    expect(outcome.achieved).toBeNull();
    expect(outcome.next?.level.id).toBe(lowest);
    expect(outcome.next?.blockers.length).toBeGreaterThan(0);
    expect(outcome.levels.every((l) => !l.met)).toBe(true);
  });

  it('North East: at the strongest point but no evidence stops at Established', () => {
    const outcome = evaluateAwards(northEast, allAt(ids(northEast), 'embedded', 0));
    expect(outcome.achieved?.id).toBe('established');
    expect(outcome.next?.level.id).toBe('advanced');
    expect(outcome.next?.blockers[0]?.explanation).toContain('with evidence');
  });

  it('North East: every mandatory criterion met and 80% of Foundation criteria Established gives Foundation', () => {
    const foundation = ids(northEast, (c) => c.level === 'foundation');
    const mandatory = ids(northEast, (c) => c.mandatory);
    const others = foundation.filter((id) => !mandatory.includes(id));
    // 26 Foundation criteria: 80% is 20.8, so 21 must be Established or better.
    const required = Math.ceil(foundation.length * 0.8);
    expect(foundation).toHaveLength(26);
    expect(required).toBe(21);
    expect(mandatory.every((id) => foundation.includes(id))).toBe(true);

    const atThreshold = new Map([
      ...allAt(foundation, 'developing'),
      ...allAt(mandatory, 'established'),
      ...allAt(others.slice(0, required - mandatory.length), 'established'),
    ]);
    const outcome = evaluateAwards(northEast, atThreshold);
    expect(outcome.levels[0]?.rules.map((r) => [r.met, r.passing, r.required])).toEqual([
      [true, mandatory.length, mandatory.length],
      [true, required, required],
    ]);
    expect(outcome.achieved?.id).toBe('foundation');
    expect(outcome.achieved?.label).toBe('Foundation');
    expect(outcome.next?.level.id).toBe('established');

    // One fewer Foundation criterion Established: no award, and the percentage rule says why.
    const oneShort = new Map(atThreshold);
    oneShort.set(others[required - mandatory.length - 1]!, { judgement: 'developing', evidenceCount: 0 });
    const short = evaluateAwards(northEast, oneShort);
    expect(short.achieved).toBeNull();
    expect(short.next?.level.id).toBe('foundation');
    expect(short.next?.blockers.map((b) => b.rule.rule)).toEqual(['percentage']);
    expect(short.next?.blockers[0]?.explanation).toBe(
      '80% of Foundation criteria must be judged Established or better: 20 of 26 (76%) so far, 1 more needed.',
    );
  });

  it('North East: the explanation names a blocking mandatory criterion', () => {
    const standings = new Map([...allAt(ids(northEast), 'established', 1), ...allAt(['NE-2.1.1'], 'developing', 1)]);
    const outcome = evaluateAwards(northEast, standings);
    expect(outcome.achieved).toBeNull();
    expect(outcome.next?.blockers[0]?.explanation).toBe('1 mandatory criterion not yet judged Established or better: NE-2.1.1.');
  });

  it('North East: Established is blocked by the criteria named in its blockers', () => {
    const established = ids(northEast, (c) => c.level === 'established');
    // Foundation fully met; only 16 of 21 Established criteria met (17 are needed); NE-2.1.3 among those not met.
    const notMet = ['NE-1.1.2', 'NE-2.1.3', 'NE-4.2.1', 'NE-6.2.1', 'NE-8.3.3'];
    const standings = new Map([...allAt(ids(northEast), 'established', 1), ...allAt(notMet, 'developing', 1)]);
    expect(established.filter((id) => !notMet.includes(id))).toHaveLength(16);
    const outcome = evaluateAwards(northEast, standings);
    expect(outcome.achieved?.id).toBe('foundation');
    expect(outcome.next?.level.id).toBe('established');
    expect(outcome.next?.blockers[0]?.blocking).toEqual(notMet);
    expect(outcome.next?.blockers[0]?.blocking).toContain('NE-2.1.3');
    expect(outcome.next?.blockers[0]?.explanation).toContain('1 more needed');
  });

  it('South West: the supplement’s mandatory criteria count towards Core', () => {
    const southernOnly = ids(southWest, (c) => !c.id.startsWith('SW-'));
    const outcome = evaluateAwards(southWest, allAt(southernOnly, 'working-well', 1));
    expect(outcome.achieved).toBeNull();
    const every = outcome.next?.blockers.find((b) => b.rule.rule === 'every');
    expect(every?.blocking).toEqual(ids(southWest, (c) => c.mandatory && c.id.startsWith('SW-')));
    expect(every?.explanation).toContain('SW-1.1.1');
    // Without the supplement the same standings give the highest award.
    expect(evaluateAwards(southern, allAt(ids(southern), 'working-well', 1)).achieved?.id).toBe('enhanced');
  });

  it('Southern: one criterion Not in place stops Enhanced', () => {
    const standings = new Map([...allAt(ids(southern), 'working-well', 1), ...allAt(['SO-5.2.3'], 'not-in-place', 1)]);
    const outcome = evaluateAwards(southern, standings);
    expect(outcome.achieved?.id).toBe('core');
    expect(outcome.next?.level.id).toBe('enhanced');
    expect(outcome.next?.blockers.map((b) => b.rule.rule)).toEqual(['at-most-below']);
    expect(outcome.next?.blockers[0]?.explanation).toBe(
      'No criterion may be below In place but not working well or unjudged: 1 is (SO-5.2.3).',
    );
  });
});
