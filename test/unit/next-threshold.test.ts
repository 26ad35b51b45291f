import { beforeAll, describe, expect, it } from 'vitest';
import { evaluateAwards, type CriterionStanding, type Standings } from '../../shared/awards/award-rules';
import { nextThreshold } from '../../shared/awards/next-threshold';
import { judgementGroups, judgementsByStrand } from '../../shared/evaluation/judgements-by-strand';
import { criterionApplies, type ApplicabilityProfile } from '../../shared/framework/applicability';
import type { AppliedFramework } from '../../shared/framework/applied-framework';
import { createCatalogue, frameworkForRegion } from '../../shared/framework/framework-catalogue';
import { loadShippedData } from '../../shared/framework/shipped-frameworks';

/** A mainstream primary school with a nursery, SEN support, EHC plans and looked-after children; no Year 9, no sixth form. */
const PRIMARY: ApplicabilityProfile = {
  phases: ['early-years', 'primary'],
  setting: 'mainstream',
  highestYear: 6,
  pupilsOnSenSupport: 40,
  pupilsWithEhcPlan: 5,
  resourcedProvision: false,
  lookedAfterOnRoll: true,
};

let frameworks: Record<'north-east-2026' | 'southern-2026', AppliedFramework>;

beforeAll(async () => {
  const { frameworks: loaded, regions } = await loadShippedData();
  const catalogue = createCatalogue(loaded, regions);
  const pick = (regionId: string) => {
    const result = frameworkForRegion(catalogue, regionId);
    if (!result.ok) throw new Error(result.message);
    return result.framework;
  };
  frameworks = { 'north-east-2026': pick('north-east'), 'southern-2026': pick('south-east') };
});

/** [judgement, evidence count, not-applicable reason] */
type Override = [string | null, number?, string?];

/** Every criterion that applies to the primary school at `base` with one evidence item, then the overrides. */
function standingsOf(framework: AppliedFramework, base: string | null, overrides: Record<string, Override>): Standings {
  const standings = new Map<string, CriterionStanding>();
  for (const c of framework.criteria) {
    if (criterionApplies(c, PRIMARY).applies) standings.set(c.id, { judgement: base, evidenceCount: 1 });
  }
  for (const [id, [judgement, evidenceCount = 0, reason]] of Object.entries(overrides)) {
    if (!framework.criteria.some((c) => c.id === id)) throw new Error(`No criterion ${id}`);
    standings.set(id, { judgement, evidenceCount, notApplicable: reason ? { reason } : null });
  }
  return standings;
}

interface Case {
  name: string;
  framework: keyof typeof frameworks;
  base: string | null;
  overrides: Record<string, Override>;
  level: string;
  steps: { sentence: string; candidates: string[]; evidenceOnly?: string[] }[];
}

const CASES: Case[] = [
  {
    name: 'North East, Foundation: 2 short of 80% of the Foundation criteria; one point below first, evidence before none, then order',
    framework: 'north-east-2026',
    base: 'established',
    overrides: {
      'NE26-1.1.3': ['established', 0],
      'NE26-2.1.1': ['embedded', 0],
      'NE26-2.1.2': ['developing', 1],
      'NE26-3.1.1': ['developing', 0],
      'NE26-3.2.1': ['not-yet', 1],
      'NE26-3.3.1': [null, 1],
      'NE26-5.1.1': ['developing', 0],
      'NE26-5.2.3': [null, 0],
      'NE26-6.1.3': ['not-yet', 0],
      'NE26-7.2.1': ['developing', 2],
    },
    level: 'Foundation',
    steps: [
      {
        sentence: '2 more Foundation criteria at Established or better would reach 80% (27 of 33).',
        candidates: ['NE26-2.1.2', 'NE26-7.2.1'],
      },
    ],
  },
  {
    name: 'North East, Foundation: three mandatory (and statutory) criteria below Established, closest first, an unjudged one last',
    framework: 'north-east-2026',
    base: 'established',
    overrides: { 'NE26-4.1.3': [null, 1], 'NE26-6.1.2': ['developing', 0], 'NE26-8.3.1': ['not-yet', 1] },
    level: 'Foundation',
    steps: [
      {
        sentence: '3 more statutory criteria at Established or better would meet the rule that every one must be.',
        candidates: ['NE26-6.1.2', 'NE26-8.3.1', 'NE26-4.1.3'],
      },
      {
        sentence: '3 more mandatory criteria at Established or better would meet the rule that every one must be.',
        candidates: ['NE26-6.1.2', 'NE26-8.3.1', 'NE26-4.1.3'],
      },
    ],
  },
  {
    name: 'North East, Established: a not-applicable claim leaves a criterion out of the count (17 of 21, not 18 of 22), and one Foundation criterion Not yet in place',
    framework: 'north-east-2026',
    base: 'established',
    overrides: {
      'NE26-3.1.1': ['not-yet', 1],
      'NE26-1.2.3': ['developing', 0],
      'NE26-1.3.1': [null, 0],
      'NE26-2.1.3': ['not-yet', 0],
      'NE26-2.2.3': ['developing', 1],
      'NE26-2.2.4': [null, 1],
      'NE26-3.1.2': ['developing', 0],
      'NE26-3.1.3': ['not-yet', 1],
      'NE26-8.2.2': [null, 0, 'No pupil has been suspended in the last three years.'],
    },
    level: 'Established',
    steps: [
      {
        sentence: '3 more Established criteria at Established or better would reach 80% (17 of 21).',
        candidates: ['NE26-2.2.3', 'NE26-1.2.3', 'NE26-3.1.2'],
      },
      {
        sentence: 'Raising 1 Foundation criterion to Developing or better would meet the rule that none may be below it.',
        candidates: ['NE26-3.1.1'],
      },
    ],
  },
  {
    name: 'Southern, Enhanced: a criterion judged high enough without evidence needs only evidence and comes first',
    framework: 'southern-2026',
    base: 'working-well',
    overrides: {
      'SO26-6.2.1': ['working-well', 0],
      'SO26-6.2.2': ['inconsistent', 1],
      'SO26-7.1.5': ['inconsistent', 0],
      'SO26-7.2.2': ['not-in-place', 1],
      'SO26-8.1.5': [null, 0],
    },
    level: 'Enhanced',
    steps: [
      {
        sentence: '3 more Enhanced criteria at In place and working well or better with evidence would reach 75% (9 of 11).',
        candidates: ['SO26-6.2.1', 'SO26-6.2.2', 'SO26-7.1.5'],
        evidenceOnly: ['SO26-6.2.1'],
      },
      {
        sentence: 'Raising 2 criteria to In place but not working well or better would meet the rule that none may be below it.',
        candidates: ['SO26-7.2.2', 'SO26-8.1.5'],
      },
    ],
  },
  {
    name: 'Southern, Core: one mandatory criterion short',
    framework: 'southern-2026',
    base: 'working-well',
    overrides: { 'SO26-2.1.3': ['inconsistent', 1] },
    level: 'Core',
    steps: [
      {
        sentence: '1 more statutory criterion at In place and working well or better would meet the rule that every one must be.',
        candidates: ['SO26-2.1.3'],
      },
      {
        sentence: '1 more mandatory criterion at In place and working well or better would meet the rule that every one must be.',
        candidates: ['SO26-2.1.3'],
      },
    ],
  },
];

describe('nextThreshold', () => {
  it.each(CASES)('$name', ({ framework: id, base, overrides, level, steps }) => {
    const framework = frameworks[id];
    const standings = standingsOf(framework, base, overrides);
    const next = nextThreshold(framework, standings, { profile: PRIMARY });
    expect(next?.level.label).toBe(level);
    expect(
      next?.steps.map((s) => ({
        sentence: s.sentence,
        candidates: s.candidates.map((c) => c.criterionId),
        ...(s.candidates.some((c) => c.needsEvidenceOnly)
          ? { evidenceOnly: s.candidates.filter((c) => c.needsEvidenceOnly).map((c) => c.criterionId) }
          : {}),
      })),
    ).toEqual(steps);
  });

  it('gives as many candidates as the sentence says are needed, and reaching them earns the level', () => {
    for (const { framework: id, base, overrides, level } of CASES) {
      const framework = frameworks[id];
      const standings = standingsOf(framework, base, overrides);
      const next = nextThreshold(framework, standings, { profile: PRIMARY })!;
      const raised = new Map(standings);
      for (const step of next.steps) {
        expect(step.candidates).toHaveLength(step.more);
        for (const c of step.candidates) raised.set(c.criterionId, { judgement: framework.scale.points[0]!.id, evidenceCount: 1 });
      }
      const levels = evaluateAwards(framework, raised, { profile: PRIMARY }).levels;
      expect(levels.find((l) => l.level.label === level)?.met).toBe(true);
    }
  });

  it('names each candidate’s title and judgement now', () => {
    const framework = frameworks['north-east-2026'];
    const next = nextThreshold(framework, standingsOf(framework, 'established', { 'NE26-6.1.2': ['developing', 0] }), {
      profile: PRIMARY,
    });
    expect(next?.steps[0]?.candidates[0]).toEqual({
      criterionId: 'NE26-6.1.2',
      title: framework.criteria.find((c) => c.id === 'NE26-6.1.2')!.title,
      now: 'Developing',
      needsEvidenceOnly: false,
    });
    const unjudged = nextThreshold(framework, standingsOf(framework, 'established', { 'NE26-6.1.2': [null, 0] }), { profile: PRIMARY });
    expect(unjudged?.steps[0]?.candidates[0]?.now).toBeNull();
  });

  it('is null when the school holds the highest level', () => {
    const framework = frameworks['southern-2026'];
    expect(nextThreshold(framework, standingsOf(framework, 'working-well', {}), { profile: PRIMARY })).toBeNull();
  });

  it('never names a criterion that does not apply to the school', () => {
    const framework = frameworks['north-east-2026'];
    const next = nextThreshold(framework, standingsOf(framework, null, {}), { profile: PRIMARY })!;
    const named = next.steps.flatMap((s) => s.candidates.map((c) => c.criterionId));
    expect(named).not.toContain('NE26-7.3.1');
    expect(named.length).toBeGreaterThan(0);
    expect(next.steps.map((s) => s.sentence)).toContain('27 more Foundation criteria at Established or better would reach 80% (27 of 33).');
  });
});

describe('judgementsByStrand', () => {
  it('puts every applying criterion in one group: each point, not judged (an unknown judgement too), not applicable', () => {
    const framework = frameworks['north-east-2026'];
    const standings = standingsOf(framework, null, {
      'NE26-8.1.1': ['embedded', 0],
      'NE26-8.1.2': ['established', 0],
      'NE26-8.2.1': ['established', 0],
      'NE26-8.2.2': [null, 0, 'No pupil has been suspended in the last three years.'],
      'NE26-8.3.1': ['developing', 0],
      'NE26-8.3.2': ['not-yet', 0],
      'NE26-8.3.3': [null, 0],
      'NE26-8.3.4': ['superb', 0],
    });
    const rows = judgementsByStrand(framework, standings, evaluateAwards(framework, standings, { profile: PRIMARY }).excluded);
    expect(judgementGroups(framework).map((g) => g.label)).toEqual([
      'Embedded',
      'Established',
      'Developing',
      'Not yet in place',
      'Not judged yet',
      'Not applicable',
    ]);
    expect(rows.find((r) => r.strandId === 'NE26-8')).toMatchObject({ total: 8, counts: [1, 2, 1, 1, 2, 1] });
    // Four criteria of strand 7 are for Year 9 and above, secondary or post-16 only: they are in no group.
    expect(rows.find((r) => r.strandId === 'NE26-7')).toMatchObject({ total: 5, counts: [0, 0, 0, 0, 5, 0] });
    expect(rows.map((r) => r.strandId)).toEqual(framework.strands.map((s) => s.id));
  });

  it('counts a valid claim as not applicable even with a judgement, and ignores a claim the criterion does not allow', () => {
    const framework = frameworks['north-east-2026'];
    const standings = standingsOf(framework, null, {
      // NE26-8.2.2 may be claimed not applicable; NE26-8.1.1 (a statutory duty) may not.
      'NE26-8.2.2': ['established', 0, 'No pupil has been suspended in the last three years.'],
      'NE26-8.1.1': ['embedded', 0, 'We have no designated teacher.'],
    });
    const rows = judgementsByStrand(framework, standings, evaluateAwards(framework, standings, { profile: PRIMARY }).excluded);
    expect(rows.find((r) => r.strandId === 'NE26-8')).toMatchObject({ total: 8, counts: [1, 0, 0, 0, 6, 1] });
  });
});
