import { beforeAll, describe, expect, it } from 'vitest';
import { evaluateAwards, type CriterionStanding } from '../../shared/awards/award-rules';
import { summariseEvaluation } from '../../shared/evaluation/evaluation-progress';
import { criterionApplies, notApplicableProblem, type ApplicabilityProfile } from '../../shared/framework/applicability';
import type { AppliedFramework } from '../../shared/framework/applied-framework';
import { createCatalogue, frameworkForRegion } from '../../shared/framework/framework-catalogue';
import type { Applicability } from '../../shared/framework/framework-types';
import { loadShippedData } from '../../shared/framework/shipped-frameworks';

/** The kinds of school the 2026 editions must let earn every level they qualify for. */
const PRIMARY: ApplicabilityProfile = {
  phases: ['early-years', 'primary'],
  setting: 'mainstream',
  highestYear: 6,
  pupilsOnSenSupport: 40,
  pupilsWithEhcPlan: 5,
  resourcedProvision: false,
  lookedAfterOnRoll: true,
};
const SCHOOLS: Record<string, ApplicabilityProfile> = {
  'a primary school': PRIMARY,
  'a primary school with no EHC plans and no looked-after children': { ...PRIMARY, pupilsWithEhcPlan: 0, lookedAfterOnRoll: false },
  'a secondary school with a sixth form': {
    ...PRIMARY,
    phases: ['secondary', 'post-16'],
    highestYear: 13,
    resourcedProvision: true,
  },
  'a special school': { ...PRIMARY, phases: ['primary', 'secondary'], setting: 'special', highestYear: 11 },
  'an alternative provision setting': { ...PRIMARY, phases: ['secondary'], setting: 'alternative-provision', highestYear: 11 },
};

let frameworks: Record<'north-east' | 'south-east' | 'south-west', AppliedFramework>;

beforeAll(async () => {
  const { frameworks: loaded, regions } = await loadShippedData();
  const catalogue = createCatalogue(loaded, regions);
  const pick = (regionId: string) => {
    const result = frameworkForRegion(catalogue, regionId);
    if (!result.ok) throw new Error(result.message);
    return result.framework;
  };
  frameworks = { 'north-east': pick('north-east'), 'south-east': pick('south-east'), 'south-west': pick('south-west') };
});

/** Every criterion that applies to the school at one judgement (and evidence count); the others left unjudged. */
function applyingAt(framework: AppliedFramework, profile: ApplicabilityProfile, judgement: string, evidenceCount = 0) {
  const standings = new Map<string, CriterionStanding>();
  for (const c of framework.criteria) {
    if (criterionApplies(c, profile).applies) standings.set(c.id, { judgement, evidenceCount });
  }
  return standings;
}

describe('criterionApplies', () => {
  const limit = (appliesTo: Omit<Applicability, 'reason'>) => ({ appliesTo: { ...appliesTo, reason: 'Only some schools.' } });
  it.each([
    ['no limit', { appliesTo: null }, PRIMARY, true],
    ['phases: any of them taught', limit({ phases: ['secondary', 'primary'] }), PRIMARY, true],
    ['phases: none of them taught', limit({ phases: ['secondary', 'post-16'] }), PRIMARY, false],
    ['settings: any', limit({ settings: ['special', 'mainstream'] }), PRIMARY, true],
    ['settings: not this one', limit({ settings: ['special'] }), PRIMARY, false],
    ['cohorts: all present', limit({ cohorts: ['ehc-plans', 'sen-support', 'looked-after-children'] }), PRIMARY, true],
    ['cohorts: one missing (Year 9)', limit({ cohorts: ['ehc-plans', 'year-9-and-above'] }), PRIMARY, false],
    ['Year 9 and above from the highest year group', limit({ cohorts: ['year-9-and-above'] }), { ...PRIMARY, highestYear: 9 }, true],
    ['Year 8 is not Year 9', limit({ cohorts: ['year-9-and-above'] }), { ...PRIMARY, highestYear: 8 }, false],
    ['EHC plans: none', limit({ cohorts: ['ehc-plans'] }), { ...PRIMARY, pupilsWithEhcPlan: 0 }, false],
    ['SEN support: none', limit({ cohorts: ['sen-support'] }), { ...PRIMARY, pupilsOnSenSupport: 0 }, false],
    ['resourced provision: absent', limit({ cohorts: ['resourced-provision'] }), PRIMARY, false],
    ['looked-after children: none', limit({ cohorts: ['looked-after-children'] }), { ...PRIMARY, lookedAfterOnRoll: false }, false],
    ['every condition must hold', limit({ phases: ['primary'], settings: ['special'] }), PRIMARY, false],
  ] as const)('%s', (_name, criterion, profile, applies) => {
    const result = criterionApplies(criterion as Parameters<typeof criterionApplies>[0], profile);
    expect(result.applies).toBe(applies);
    if (!result.applies) expect(result.reason).toBe('Only some schools.');
  });
});

describe('the North East 2026 edition and a primary school', () => {
  it('every applying criterion Established earns Foundation and Established, and the dashboard says what was left out', () => {
    const framework = frameworks['north-east'];
    const standings = applyingAt(framework, PRIMARY, 'established');
    const outcome = evaluateAwards(framework, standings, { profile: PRIMARY });
    expect(outcome.levels.map((l) => [l.level.id, l.met])).toEqual([
      ['foundation', true],
      ['established', true],
      ['advanced', false],
    ]);
    expect(outcome.achieved?.id).toBe('established');
    const excluded = outcome.excluded.criteria.map((c) => c.criterionId);
    // The Year 9 transition review, secondary and post-16 criteria never count for a primary school.
    expect(excluded).toEqual(expect.arrayContaining(['NE26-7.3.1', 'NE26-7.3.2', 'NE26-7.3.3', 'NE26-7.3.4']));
    expect(outcome.excluded.criteria.every((c) => c.why === 'does-not-apply')).toBe(true);
    expect(outcome.excluded.sentences).toEqual([`${excluded.length} criteria do not apply to a primary school.`]);
    expect(outcome.excluded.criteria.find((c) => c.criterionId === 'NE26-7.3.1')?.reason).toBe(
      'Only schools with pupils in Year 9 or above who have an EHC plan',
    );
  });

  it('without the profile the same judgements earn nothing: the criteria that cannot apply block Foundation (the trap this fixes)', () => {
    const framework = frameworks['north-east'];
    const outcome = evaluateAwards(framework, applyingAt(framework, PRIMARY, 'established'));
    expect(outcome.achieved).toBeNull();
    expect(outcome.next?.blockers.flatMap((b) => b.blocking)).toContain('NE26-7.3.1');
  });

  it('a school with no EHC plans is not blocked by the EHC plan criteria; one with EHC plans is', () => {
    const framework = frameworks['north-east'];
    const none = { ...PRIMARY, pupilsWithEhcPlan: 0 };
    expect(evaluateAwards(framework, applyingAt(framework, none, 'established'), { profile: none }).achieved?.id).toBe('established');
    // The same judgements, for a school that does have EHC plans: NE26-7.1.2 and NE26-7.1.3 are mandatory and unjudged.
    const outcome = evaluateAwards(framework, applyingAt(framework, none, 'established'), { profile: PRIMARY });
    expect(outcome.achieved).toBeNull();
    expect(outcome.next?.blockers.flatMap((b) => b.blocking)).toEqual(expect.arrayContaining(['NE26-7.1.2', 'NE26-7.1.3']));
  });
});

describe('"not applicable" claims', () => {
  const MANDATORY_MAY_NOT_APPLY = 'NE26-6.1.2';

  it('the 2026 edition has a mandatory criterion that allows the claim (the case below needs one)', () => {
    const criterion = frameworks['north-east'].criterionById.get(MANDATORY_MAY_NOT_APPLY);
    expect([criterion?.mandatory, criterion?.mayBeNotApplicable]).toEqual([true, true]);
  });

  it.each([
    [
      'no reason',
      MANDATORY_MAY_NOT_APPLY,
      '',
      'Write why NE26-6.1.2 does not apply to your school. The moderator reads the reason and may disagree.',
    ],
    [
      'only spaces',
      MANDATORY_MAY_NOT_APPLY,
      '   \n',
      'Write why NE26-6.1.2 does not apply to your school. The moderator reads the reason and may disagree.',
    ],
    [
      'a criterion that does not allow it',
      'NE26-1.1.1',
      'We have no SENCO.',
      'NE26-1.1.1 cannot be marked not applicable: the framework expects every school it applies to to show it. Give a judgement instead.',
    ],
    [
      'a reason too long',
      MANDATORY_MAY_NOT_APPLY,
      'x'.repeat(1001),
      'The reason it does not apply is 1,001 characters long; it can be at most 1,000. Shorten it by 1 character.',
    ],
    ['a written reason on a criterion that allows it', MANDATORY_MAY_NOT_APPLY, 'No pupil has needed it this year.', null],
  ] as const)('refuses or accepts: %s', (_name, id, reason, problem) => {
    const criterion = frameworks['north-east'].criterionById.get(id)!;
    expect(notApplicableProblem(criterion, { reason })).toBe(problem);
  });

  it('a valid claim on a mandatory criterion removes it from every count, until a moderator disputes it', () => {
    const framework = frameworks['north-east'];
    const standings = applyingAt(framework, PRIMARY, 'established');
    standings.set(MANDATORY_MAY_NOT_APPLY, {
      judgement: null,
      evidenceCount: 0,
      notApplicable: { reason: 'No pupil has needed it this year.' },
    });
    const accepted = evaluateAwards(framework, standings, { profile: PRIMARY });
    expect(accepted.achieved?.id).toBe('established');
    expect(accepted.excluded.criteria).toContainEqual({
      criterionId: MANDATORY_MAY_NOT_APPLY,
      why: 'not-applicable',
      reason: 'No pupil has needed it this year.',
    });
    expect(accepted.excluded.sentences[1]).toBe(
      '1 criterion is marked not applicable by the school, with a reason the moderator will read.',
    );
    const mandatoryRule = accepted.levels[0]!.rules.find((r) => r.rule.rule === 'every' && r.rule.criteria.mandatory === true)!;
    const mandatoryApplying = framework.criteria.filter((c) => c.mandatory && criterionApplies(c, PRIMARY).applies).length;
    expect(mandatoryRule.counted).toBe(mandatoryApplying - 1);

    const disputed = evaluateAwards(framework, standings, { profile: PRIMARY, disputedNotApplicable: new Set([MANDATORY_MAY_NOT_APPLY]) });
    expect(disputed.achieved).toBeNull();
    expect(disputed.next?.blockers.flatMap((b) => b.blocking)).toContain(MANDATORY_MAY_NOT_APPLY);
  });

  it('a claim without a reason, or on a criterion that does not allow it, is ignored: the criterion still counts', () => {
    const framework = frameworks['north-east'];
    for (const [id, reason] of [
      [MANDATORY_MAY_NOT_APPLY, ' '],
      ['NE26-1.2.1', 'We do not think it applies.'],
    ] as const) {
      const standings = applyingAt(framework, PRIMARY, 'established');
      standings.set(id, { judgement: null, evidenceCount: 0, notApplicable: { reason } });
      const outcome = evaluateAwards(framework, standings, { profile: PRIMARY });
      expect(
        outcome.excluded.criteria.some((c) => c.criterionId === id),
        id,
      ).toBe(false);
      expect(
        outcome.levels.flatMap((l) => l.rules.flatMap((r) => r.blocking)),
        id,
      ).toContain(id);
    }
  });

  it('the dashboard summary counts a claim as answered and leaves criteria that do not apply out of its totals', () => {
    const framework = frameworks['north-east'];
    const responses = framework.criteria.map((c) => ({
      key: `e|${c.id}`,
      evaluationId: 'e',
      criterionId: c.id,
      judgement: c.id === MANDATORY_MAY_NOT_APPLY ? null : 'established',
      narrative: '',
      nextSteps: '',
      updatedAt: '',
      notApplicable: c.id === MANDATORY_MAY_NOT_APPLY ? { reason: 'No pupil has needed it this year.' } : null,
    }));
    const summary = summariseEvaluation(framework, responses, [], { profile: PRIMARY });
    const applying = framework.criteria.filter((c) => criterionApplies(c, PRIMARY).applies).length;
    expect(summary.total).toBe(applying);
    expect(summary.judged).toBe(applying);
    expect(summary.unjudged).toEqual([]);
    expect(summary.award.achieved?.id).toBe('established');
  });
});

describe('every kind of school can earn every level of the 2026 editions', () => {
  const cases = Object.entries(SCHOOLS).flatMap(([school, profile]) =>
    (
      [
        ['north-east', 'embedded', 'advanced'],
        ['south-east', 'working-well', 'enhanced'],
        ['south-west', 'working-well', 'enhanced'],
      ] as const
    ).map(([region, top, level]) => [region, school, profile, top, level] as const),
  );
  it.each(cases)(
    '%s: %s, every applying criterion at the top of the scale with evidence, earns %s',
    (region, _school, profile, top, level) => {
      const framework = frameworks[region];
      const outcome = evaluateAwards(framework, applyingAt(framework, profile, top, 1), { profile });
      expect(outcome.achieved?.id).toBe(level);
    },
  );
});
