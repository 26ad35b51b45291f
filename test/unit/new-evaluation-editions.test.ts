import { beforeAll, describe, expect, it } from 'vitest';
import { evaluationEditable } from '../../shared/evaluation/evaluation-editable';
import { createCatalogue, frameworkForRegion } from '../../shared/framework/framework-catalogue';
import { loadFrameworkValue } from '../../shared/framework/framework-loader';
import type { LoadedFramework } from '../../shared/framework/framework-types';
import { loadShippedData, SHIPPED_FRAMEWORK_FILES } from '../../shared/framework/shipped-frameworks';
import type { Region } from '../../shared/regions/regions';

/**
 * "Never offered for a new evaluation": the school page starts an evaluation on frameworkForRegion
 * alone, so it must give the region's current edition, and only ever a current file, whatever a
 * partnership imports beside it.
 */

let shipped: LoadedFramework[];
let regions: Region[];

beforeAll(async () => {
  ({ frameworks: shipped, regions } = await loadShippedData());
});

/** A shipped file changed as a partnership might send it, loaded as an import is. */
async function imported(fileName: string, change: Record<string, unknown>): Promise<LoadedFramework> {
  const entry = SHIPPED_FRAMEWORK_FILES.find((f) => f.fileName === fileName);
  if (!entry) throw new Error(`no shipped ${fileName}`);
  const result = await loadFrameworkValue(`imported-${fileName}`, { ...(entry.value as object), ...change });
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('; '));
  return result.framework;
}

describe('the framework a new evaluation starts on', () => {
  it('is, in every region, the current edition named in regions.json, editable, never a historic one', () => {
    const catalogue = createCatalogue(shipped, regions);
    for (const region of regions) {
      const result = frameworkForRegion(catalogue, region.id);
      if (!result.ok) throw new Error(result.message);
      expect(result.framework.base.file.id, region.id).toBe(region.currentEdition.framework);
      expect(result.framework.supplement?.file.id ?? null, region.id).toBe(region.currentEdition.supplement ?? null);
      expect(result.framework.status, region.id).toBe('current');
      expect(evaluationEditable(result.framework).editable, region.id).toBe(true);
      for (const historic of region.historicEditions) expect(result.framework.base.file.id).not.toBe(historic.framework);
    }
  });

  it.each([
    {
      name: 'a later version of the 2005 North East file (format 1)',
      file: 'north-east.json',
      change: { version: '1.5.0' },
    },
    {
      name: 'a later version of the 2026 North East file marked historic',
      file: 'north-east-2026.json',
      change: { version: '9.0.0', status: 'historic' },
    },
  ])('stays the shipped 2026 edition after importing $name', async ({ file, change }) => {
    const before = frameworkForRegion(createCatalogue(shipped, regions), 'north-east');
    if (!before.ok) throw new Error(before.message);
    const after = frameworkForRegion(createCatalogue([...shipped, await imported(file, change)], regions), 'north-east');
    if (!after.ok) throw new Error(after.message);
    expect(after.framework.base.contentHash).toBe(before.framework.base.contentHash);
    expect(after.framework.status).toBe('current');
  });

  it('a later current version of the 2026 edition, imported, becomes the default (only current files are candidates)', async () => {
    const later = await imported('north-east-2026.json', { version: '1.1.0' });
    const result = frameworkForRegion(createCatalogue([...shipped, later], regions), 'north-east');
    if (!result.ok) throw new Error(result.message);
    expect(result.framework.base.contentHash).toBe(later.contentHash);
  });
});
