import { beforeAll, describe, expect, it } from 'vitest';
import { criterionApplies, type ApplicabilityProfile } from '../../shared/framework/applicability';
import type { AppliedFramework } from '../../shared/framework/applied-framework';
import { criteriaWorklist, setAsideHeading, workNeighbours } from '../../shared/framework/criteria-worklist';
import { createCatalogue, frameworkForRegion } from '../../shared/framework/framework-catalogue';
import { loadShippedData } from '../../shared/framework/shipped-frameworks';

const PRIMARY: ApplicabilityProfile = {
  phases: ['early-years', 'primary'],
  setting: 'mainstream',
  highestYear: 6,
  pupilsOnSenSupport: 40,
  pupilsWithEhcPlan: 0,
  resourcedProvision: false,
  lookedAfterOnRoll: false,
};
const SECONDARY: ApplicabilityProfile = { ...PRIMARY, phases: ['secondary', 'post-16'], highestYear: 13, pupilsWithEhcPlan: 8 };

let northEast: AppliedFramework;
let southWest: AppliedFramework;

beforeAll(async () => {
  const { frameworks, regions } = await loadShippedData();
  const catalogue = createCatalogue(frameworks, regions);
  const pick = (regionId: string) => {
    const result = frameworkForRegion(catalogue, regionId);
    if (!result.ok) throw new Error(result.message);
    return result.framework;
  };
  northEast = pick('north-east');
  southWest = pick('south-west');
});

describe('criteriaWorklist', () => {
  it.each([
    ['a primary school with no EHC plans', PRIMARY],
    ['a secondary school with a sixth form', SECONDARY],
  ])('for %s, splits every criterion once: applying ones in framework order, the others set aside with their reason', (_, profile) => {
    for (const framework of [northEast, southWest]) {
      const worklist = criteriaWorklist(framework, profile);
      expect(worklist.map((s) => s.strand.id)).toEqual(framework.strands.map((s) => s.id));
      const applying = worklist.flatMap((s) => s.applyingIds);
      const setAside = worklist.flatMap((s) => s.doNotApply);
      // Checked one criterion at a time against criterionApplies, in the framework's own order.
      const expectedApplying = framework.criteria.filter((c) => criterionApplies(c, profile).applies).map((c) => c.id);
      expect(applying).toEqual(expectedApplying);
      expect(setAside.map((d) => [d.criterion.id, d.reason])).toEqual(
        framework.criteria.flatMap((c) => {
          const applies = criterionApplies(c, profile);
          return applies.applies ? [] : [[c.id, applies.reason]];
        }),
      );
      // Each strand holds only its own criteria, and the standards list exactly the applying ones.
      for (const strand of worklist) {
        for (const id of [...strand.applyingIds, ...strand.doNotApply.map((d) => d.criterion.id)]) {
          expect(framework.criterionById.get(id)?.strandId).toBe(strand.strand.id);
        }
        expect(strand.standards.flatMap((s) => s.criteria.map((c) => c.id))).toEqual(strand.applyingIds);
        expect(strand.standards.every((s) => s.criteria.length > 0)).toBe(true);
      }
    }
  });

  it('sets aside the Year 9 transition criterion for a primary school, with the framework’s reason, and keeps it for a secondary school', () => {
    const primary = criteriaWorklist(northEast, PRIMARY).find((s) => s.strand.id === 'NE26-7');
    expect(primary?.applyingIds).not.toContain('NE26-7.3.2');
    expect(primary?.doNotApply.find((d) => d.criterion.id === 'NE26-7.3.2')?.reason).toBe('Only schools with pupils of secondary age');
    const secondary = criteriaWorklist(northEast, SECONDARY).find((s) => s.strand.id === 'NE26-7');
    expect(secondary?.applyingIds).toContain('NE26-7.3.2');
    expect(secondary?.doNotApply).toEqual([]);
  });

  it('sets nothing aside without a profile (a submission made before profiles)', () => {
    const worklist = criteriaWorklist(northEast, null);
    expect(worklist.flatMap((s) => s.applyingIds)).toEqual(northEast.criteria.map((c) => c.id));
    expect(worklist.flatMap((s) => s.doNotApply)).toEqual([]);
  });

  it('names the set-aside group with its count', () => {
    expect(setAsideHeading(3)).toBe('Does not apply to this school (3)');
  });
});

describe('workNeighbours', () => {
  const ids = (n: ReturnType<typeof workNeighbours>) => [n.previous?.id ?? null, n.next?.id ?? null];

  it('steps over the criteria that do not apply to the school', () => {
    // For a primary school, NE26-7.3.1 to NE26-7.3.4 do not apply: from the criterion before them, Next goes past them all.
    const order = northEast.criteria.map((c) => c.id);
    const before = order[order.indexOf('NE26-7.3.1') - 1]!;
    const after = order[order.indexOf('NE26-7.3.4') + 1]!;
    expect(ids(workNeighbours(northEast, PRIMARY, before))[1]).toBe(after);
    expect(ids(workNeighbours(northEast, PRIMARY, after))[0]).toBe(before);
    // For a secondary school with a sixth form they all apply: Next is the very next criterion.
    expect(ids(workNeighbours(northEast, SECONDARY, before))[1]).toBe('NE26-7.3.1');
  });

  it('keeps a criterion that does not apply in its place, so the school can step back from it', () => {
    const order = northEast.criteria.map((c) => c.id);
    expect(ids(workNeighbours(northEast, PRIMARY, 'NE26-7.3.2'))).toEqual([
      order[order.indexOf('NE26-7.3.1') - 1],
      order[order.indexOf('NE26-7.3.4') + 1],
    ]);
  });

  it('follows the framework order without a profile, and has nothing before the first or after the last', () => {
    const order = northEast.criteria.map((c) => c.id);
    expect(ids(workNeighbours(northEast, null, 'NE26-7.3.2'))).toEqual(['NE26-7.3.1', 'NE26-7.3.3']);
    expect(ids(workNeighbours(northEast, null, order[0]!))).toEqual([null, order[1]]);
    expect(ids(workNeighbours(northEast, null, order.at(-1)!))).toEqual([order.at(-2), null]);
    expect(ids(workNeighbours(northEast, PRIMARY, 'NO-SUCH'))).toEqual([null, null]);
  });
});
