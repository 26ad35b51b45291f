import { describe, expect, it } from 'vitest';
import { evaluationEditable, historicReadOnlyReason, pinnedEditable } from '../../shared/evaluation/evaluation-editable';
import { createCatalogue, frameworkForRegion } from '../../shared/framework/framework-catalogue';
import { loadShippedData } from '../../shared/framework/shipped-frameworks';
import { historicFrameworkForRegion } from '../fixtures/historic-edition';

describe('evaluationEditable', () => {
  it.each([
    { status: 'current' as const, editable: true },
    { status: 'historic' as const, editable: false },
  ])('a $status edition: editable $editable', ({ status, editable }) => {
    const result = evaluationEditable({ status, title: 'North East SEN Accreditation Framework' });
    expect(result.editable).toBe(editable);
    if (!result.editable) {
      expect(result.reason).toBe(historicReadOnlyReason('North East SEN Accreditation Framework'));
      expect(result.reason).toMatch(
        /^This evaluation uses a historic edition, the North East SEN Accreditation Framework, so it can be read/,
      );
      expect(result.reason).toMatch(/carry it forward into the current edition/);
    }
  });

  it('reads the shipped editions: every 2005 one is read only, every 2026 one editable', async () => {
    const { frameworks, regions } = await loadShippedData();
    const catalogue = createCatalogue(frameworks, regions);
    for (const region of regions) {
      const current = frameworkForRegion(catalogue, region.id);
      if (!current.ok) throw new Error(current.message);
      expect(evaluationEditable(current.framework), region.id).toEqual({ editable: true });
      if (region.historicEditions.length > 0) {
        expect(evaluationEditable(historicFrameworkForRegion(catalogue, region.id)).editable, region.id).toBe(false);
      }
    }
  });
});

describe('pinnedEditable (what a store reads)', () => {
  const current = { status: 'current' as const, title: 'Southern 2026' };
  const historic = { status: 'historic' as const, title: 'Southern' };
  const historicSupplement = { status: 'historic' as const, title: 'South West parents' };
  it.each([
    { name: 'current base, no supplement', base: current, supplement: null, editable: true, title: null },
    { name: 'historic base, no supplement', base: historic, supplement: null, editable: false, title: 'Southern' },
    {
      name: 'current base, historic supplement',
      base: current,
      supplement: historicSupplement,
      editable: false,
      title: 'Southern 2026, with South West parents',
    },
    {
      name: 'historic base and supplement',
      base: historic,
      supplement: historicSupplement,
      editable: false,
      title: 'Southern, with South West parents',
    },
    { name: 'base not known', base: null, supplement: null, editable: true, title: null },
  ])('$name', ({ base, supplement, editable, title }) => {
    const result = pinnedEditable(base, supplement);
    expect(result.editable).toBe(editable);
    if (!result.editable && title) expect(result.reason).toBe(historicReadOnlyReason(title));
  });
});
