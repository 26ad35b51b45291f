import { beforeAll, describe, expect, it } from 'vitest';
import { crosswalksBetween, historicEditionNotice, newCriteriaSince, type EditionIds } from '../../shared/evaluation/edition-change';
import type { AppliedFramework } from '../../shared/framework/applied-framework';
import { createCatalogue, frameworkForRegion } from '../../shared/framework/framework-catalogue';
import { loadShippedData, SHIPPED_CROSSWALKS } from '../../shared/framework/shipped-frameworks';
import { historicFrameworkForRegion } from '../fixtures/historic-edition';

const ref = (id: string) => ({ id, version: '1.0.0', title: id, contentHash: `hash-of-${id}` });
const NE_2005: EditionIds = { framework: ref('north-east'), supplement: null };
const NE_2026: EditionIds = { framework: ref('north-east-2026'), supplement: null };
const SW_2005: EditionIds = { framework: ref('southern'), supplement: ref('south-west-parents') };
const SW_2026: EditionIds = { framework: ref('southern-2026'), supplement: ref('south-west-parents-2026') };

let current: { ne: AppliedFramework; sw: AppliedFramework };
let historic: AppliedFramework;

beforeAll(async () => {
  const { frameworks, regions } = await loadShippedData();
  const catalogue = createCatalogue(frameworks, regions);
  const pick = (regionId: string) => {
    const result = frameworkForRegion(catalogue, regionId);
    if (!result.ok) throw new Error(result.message);
    return result.framework;
  };
  current = { ne: pick('north-east'), sw: pick('south-west') };
  historic = historicFrameworkForRegion(catalogue, 'north-east');
});

describe('crosswalksBetween', () => {
  it('joins the framework and the supplement of two editions, and nothing within one edition', () => {
    expect(crosswalksBetween(NE_2005, NE_2026, SHIPPED_CROSSWALKS).map((c) => `${c.from}>${c.to}`)).toEqual(['north-east>north-east-2026']);
    expect(crosswalksBetween(SW_2005, SW_2026, SHIPPED_CROSSWALKS).map((c) => `${c.from}>${c.to}`)).toEqual([
      'southern>southern-2026',
      'south-west-parents>south-west-parents-2026',
    ]);
    expect(crosswalksBetween(NE_2026, NE_2026, SHIPPED_CROSSWALKS)).toEqual([]);
  });
});

describe('newCriteriaSince', () => {
  it('lists the criteria the crosswalk names as new, in the framework’s order, and only those', () => {
    const crosswalk = SHIPPED_CROSSWALKS.find((c) => c.from === 'north-east' && c.to === 'north-east-2026')!;
    const fresh = newCriteriaSince(NE_2005, NE_2026, current.ne, SHIPPED_CROSSWALKS);
    expect(fresh.length).toBe(crosswalk.newCriteria.length);
    expect([...fresh].sort()).toEqual([...crosswalk.newCriteria].sort());
    const order = current.ne.criteria.map((c) => c.id);
    expect(fresh.map((id) => order.indexOf(id))).toEqual([...fresh.map((id) => order.indexOf(id))].sort((a, b) => a - b));
  });

  it('takes the supplement’s new criteria too', () => {
    const fresh = newCriteriaSince(SW_2005, SW_2026, current.sw, SHIPPED_CROSSWALKS);
    const expected = SHIPPED_CROSSWALKS.filter((c) => c.to === 'southern-2026' || c.to === 'south-west-parents-2026').flatMap(
      (c) => c.newCriteria,
    );
    expect([...fresh].sort()).toEqual([...expected].sort());
  });

  it('is empty within one edition', () => {
    expect(newCriteriaSince(NE_2026, NE_2026, current.ne, SHIPPED_CROSSWALKS)).toEqual([]);
  });
});

describe('historicEditionNotice', () => {
  it('speaks only of a historic edition, naming it', () => {
    expect(historicEditionNotice(current.ne)).toBeNull();
    expect(historic.status).toBe('historic');
    expect(historicEditionNotice(historic)).toMatch(
      /^This evaluation uses a historic edition, the North East SEN Accreditation Framework\. /,
    );
  });
});
