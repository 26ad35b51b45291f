import { beforeAll, describe, expect, it } from 'vitest';
import northEastJson from '../../criteria/frameworks/north-east.json';
import { frameworkContentHash } from '../../shared/framework/framework-loader';
import type { BaseFrameworkFileV1, CriterionV1, FrameworkFileV1, LoadedFramework } from '../../shared/framework/framework-types';
import { loadShippedData, SHIPPED_FRAMEWORK_FILES } from '../../shared/framework/shipped-frameworks';
import type { Region } from '../../shared/regions/regions';

let frameworks: LoadedFramework[] = [];
let regions: Region[] = [];

beforeAll(async () => {
  ({ frameworks, regions } = await loadShippedData());
});

function byId(id: string): LoadedFramework {
  const found = frameworks.find((f) => f.file.id === id);
  if (!found) throw new Error(`no shipped framework ${id}`);
  return found;
}

/** A 2005 edition as written (format version 1). */
function written2005(id: string): FrameworkFileV1 {
  const { written } = byId(id);
  if (written.formatVersion !== 1) throw new Error(`${id} is not a format version 1 file`);
  return written;
}

const EDITIONS_2005 = ['north-east', 'southern', 'south-west-parents'];

function criteriaOf(file: FrameworkFileV1): CriterionV1[] {
  return file.strands.flatMap((s) => s.standards.flatMap((t) => t.criteria));
}

/** Sentences, counted roughly by their ending punctuation. */
function sentenceCount(text: string): number {
  return (text.match(/[.!?](?=\s|$)/g) ?? []).length;
}

/** Rebuilds a JSON value with every object's keys in reverse order. */
function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).reverse()) out[key] = reverseKeys((value as Record<string, unknown>)[key]);
    return out;
  }
  return value;
}

describe('loadShippedData', () => {
  it('gives the app’s start, which leaves the schema pass to this suite, the same frameworks as the full check', async () => {
    const atStart = await loadShippedData({ checkedAtBuild: true });
    expect(atStart.frameworks.map((f) => [f.file.id, f.contentHash])).toEqual(frameworks.map((f) => [f.file.id, f.contentHash]));
    expect(atStart.frameworks.map((f) => f.file)).toEqual(frameworks.map((f) => f.file));
    expect(atStart.regions).toEqual(regions);
  });

  it('loads every shipped file without problems', async () => {
    await expect(loadShippedData()).resolves.toBeDefined();
    expect(frameworks.map((f) => f.file.id).sort()).toEqual([
      'north-east',
      'north-east-2026',
      'south-west-parents',
      'south-west-parents-2026',
      'southern',
      'southern-2026',
    ]);
    expect(frameworks).toHaveLength(SHIPPED_FRAMEWORK_FILES.length);
  });

  it('marks the 2005 editions historic (edition 2005) and the 2026 editions current', () => {
    for (const f of frameworks) {
      const is2005 = EDITIONS_2005.includes(f.file.id);
      expect([f.file.id, f.file.status, f.file.edition, f.written.formatVersion]).toEqual([
        f.file.id,
        is2005 ? 'historic' : 'current',
        is2005 ? '2005' : '2026',
        is2005 ? 1 : 2,
      ]);
    }
  });

  it.each(['north-east', 'southern'])('%s is a full framework with at least 8 strands and 48 criteria', (id) => {
    const file = written2005(id);
    expect(file.kind).toBe('framework');
    expect(file.strands.length).toBeGreaterThanOrEqual(8);
    expect(criteriaOf(file).length).toBeGreaterThanOrEqual(48);
  });

  it('south-west-parents is a supplement to southern with at least 5 criteria', () => {
    const file = written2005('south-west-parents');
    expect(file.kind).toBe('supplement');
    expect(file.kind === 'supplement' ? file.extends : null).toBe('southern');
    expect(criteriaOf(file).length).toBeGreaterThanOrEqual(5);
    expect(file.idPrefix).not.toBe(byId('southern').file.idPrefix);
  });

  it('every criterion has 2-5 suggested evidence items, 2-4 sentences of guidance and Code of Practice chapters 1-10', () => {
    const problems: string[] = [];
    for (const file of EDITIONS_2005.map(written2005)) {
      for (const c of criteriaOf(file)) {
        if (c.suggestedEvidence.length < 2 || c.suggestedEvidence.length > 5)
          problems.push(`${c.id}: ${c.suggestedEvidence.length} evidence items`);
        const sentences = sentenceCount(c.guidance);
        if (sentences < 2 || sentences > 4) problems.push(`${c.id}: ${sentences} sentences of guidance`);
        if (c.codeOfPractice.length === 0) problems.push(`${c.id}: no Code of Practice chapter`);
        for (const chapter of c.codeOfPractice) {
          if (!Number.isInteger(chapter) || chapter < 1 || chapter > 10) problems.push(`${c.id}: chapter ${chapter}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('criterion ids are unique across all shipped files', () => {
    const ids = frameworks.flatMap((f) => f.file.strands.flatMap((s) => s.standards.flatMap((t) => t.criteria.map((c) => c.id))));
    const repeated = ids.filter((id, i) => ids.indexOf(id) !== i);
    expect(repeated).toEqual([]);
    expect(ids.length).toBeGreaterThan(100);
  });

  it('criterion ids start with their file’s prefix', () => {
    for (const { file } of frameworks) {
      for (const c of file.strands.flatMap((s) => s.standards.flatMap((t) => t.criteria)))
        expect(c.id.startsWith(`${file.idPrefix}-`)).toBe(true);
    }
  });

  it('North East has criteria at each of its levels, and some mandatory ones', () => {
    const file = written2005('north-east') as BaseFrameworkFileV1;
    expect(file.levels.map((l) => l.id)).toEqual(['foundation', 'established', 'advanced']);
    const criteria = criteriaOf(file);
    for (const level of ['foundation', 'established', 'advanced']) {
      expect(criteria.filter((c) => c.level === level).length, level).toBeGreaterThan(0);
    }
    expect(criteria.some((c) => c.mandatory)).toBe(true);
    expect(criteria.some((c) => !c.mandatory)).toBe(true);
  });

  it('the supplement only uses levels of the framework it extends', () => {
    const southern = written2005('southern') as BaseFrameworkFileV1;
    const levels = new Set(southern.levels.map((l) => l.id));
    for (const c of criteriaOf(written2005('south-west-parents'))) expect(levels.has(c.level), c.id).toBe(true);
  });
});

describe('shipped regions', () => {
  it('are exactly the four regions', () => {
    expect(regions.map((r) => r.id).sort()).toEqual(['north-east', 'south-central', 'south-east', 'south-west']);
  });

  it('North East has 12 local authorities and South West 15 (Bournemouth and Poole became Bournemouth, Christchurch and Poole in 2019)', () => {
    expect(regions.find((r) => r.id === 'north-east')?.localAuthorities).toHaveLength(12);
    expect(regions.find((r) => r.id === 'south-west')?.localAuthorities).toHaveLength(15);
  });

  it('South West adds the south-west-parents supplement; the others add none', () => {
    expect(regions.find((r) => r.id === 'south-west')?.supplement).toBe('south-west-parents');
    for (const id of ['north-east', 'south-east', 'south-central']) expect(regions.find((r) => r.id === id)?.supplement).toBeNull();
  });

  it('every region names a shipped framework (and a shipped supplement to it)', () => {
    for (const region of regions) {
      const framework = frameworks.find((f) => f.file.id === region.framework);
      expect(framework?.file.kind, region.id).toBe('framework');
      if (region.supplement !== null) {
        const supplement = frameworks.find((f) => f.file.id === region.supplement);
        expect(supplement?.file.kind === 'supplement' ? supplement.file.extends : null, region.id).toBe(region.framework);
      }
    }
  });

  it('no local authority is in two regions', () => {
    const all = regions.flatMap((r) => r.localAuthorities);
    expect(new Set(all).size).toBe(all.length);
  });
});

describe('content hashes', () => {
  it('are 64 lower-case hex characters and distinct', () => {
    const hashes = frameworks.map((f) => f.contentHash);
    for (const hash of hashes) expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(new Set(hashes).size).toBe(hashes.length);
  });

  it('are stable: the loader and frameworkContentHash agree, every time', async () => {
    for (const f of frameworks) {
      const first = await frameworkContentHash(f.written);
      const second = await frameworkContentHash(structuredClone(f.written));
      expect(first).toBe(f.contentHash);
      expect(second).toBe(first);
    }
  });

  it('do not depend on key order', async () => {
    const original = structuredClone(northEastJson) as FrameworkFileV1;
    const reordered = reverseKeys(original) as FrameworkFileV1;
    expect(Object.keys(reordered)[0]).not.toBe(Object.keys(original)[0]);
    expect(JSON.stringify(reordered)).not.toBe(JSON.stringify(original));
    expect(await frameworkContentHash(reordered)).toBe(await frameworkContentHash(original));
    expect(await frameworkContentHash(reordered)).toBe(byId('north-east').contentHash);
  });

  it('change when one criterion statement changes', async () => {
    const changed = structuredClone(northEastJson) as BaseFrameworkFileV1;
    const criterion = changed.strands[3]!.standards[0]!.criteria[1]!;
    criterion.statement = `${criterion.statement} `;
    expect(await frameworkContentHash(changed)).not.toBe(byId('north-east').contentHash);
  });

  it('ignore the $schema editor hint', async () => {
    const withHint = structuredClone(northEastJson) as FrameworkFileV1 & { $schema?: string };
    expect(withHint.$schema).toBeDefined();
    const otherHint = { ...withHint, $schema: 'https://example.org/somewhere-else.json' };
    const { $schema: _hint, ...withoutHint } = withHint;
    const expected = byId('north-east').contentHash;
    expect(await frameworkContentHash(otherHint)).toBe(expected);
    expect(await frameworkContentHash(withoutHint as FrameworkFileV1)).toBe(expected);
  });
});
