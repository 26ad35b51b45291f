import { describe, expect, it, vi } from 'vitest';
import northEast2026 from '../../criteria/frameworks/north-east-2026.json';
import northEast from '../../criteria/frameworks/north-east.json';
import southWestParents2026 from '../../criteria/frameworks/south-west-parents-supplement-2026.json';
import southWestParents from '../../criteria/frameworks/south-west-parents-supplement.json';
import southern2026 from '../../criteria/frameworks/southern-2026.json';
import southern from '../../criteria/frameworks/southern.json';
import regionsFile from '../../criteria/regions.json';
import {
  editionsOf,
  loadRegions,
  regionUsesEdition,
  repeatedValues,
  VERSION_1_MODERATION,
  type Region,
} from '../../shared/regions/regions';

/** The shipped framework files by id, with what the edition checks need. */
const FRAMEWORK_FILES: Record<string, { kind: string; status: string; extends: string | null; levels: string[] }> = Object.fromEntries(
  [northEast, southern, southWestParents, northEast2026, southern2026, southWestParents2026].map((f) => [
    f.id,
    {
      kind: f.kind,
      status: 'status' in f ? f.status : 'historic',
      extends: 'extends' in f ? f.extends : null,
      levels: 'levels' in f ? f.levels.map((l) => l.id) : [],
    },
  ]),
);

function shippedRegions(): Region[] {
  const result = loadRegions('regions.json', regionsFile);
  if (!result.ok) throw new Error(result.problems.join('\n'));
  return result.regions;
}

type Json = Record<string, unknown>;
/** A writable copy of the shipped file, for breaking on purpose. */
function copyOfShipped(): { formatVersion: number; regions: Json[] } {
  return structuredClone(regionsFile) as unknown as { formatVersion: number; regions: Json[] };
}

/** The shipped file written as format version 1: only the fields version 1 had. */
function asVersion1(): { formatVersion: 1; regions: Json[] } {
  const v1Fields = ['id', 'name', 'partnership', 'framework', 'supplement', 'renewalYears', 'localAuthorities'];
  return {
    formatVersion: 1,
    regions: copyOfShipped().regions.map((r) => Object.fromEntries(Object.entries(r).filter(([key]) => v1Fields.includes(key)))),
  };
}

function problemsOf(value: unknown): string[] {
  const result = loadRegions('regions.json', value);
  return result.ok ? [] : result.problems;
}

describe('the shipped regions.json', () => {
  it('is format version 2 and loads without problems', () => {
    expect(regionsFile.formatVersion).toBe(2);
    expect(loadRegions('regions.json', regionsFile)).toMatchObject({ ok: true });
  });

  it('keeps framework and supplement as the ids the app uses today', () => {
    const byId = new Map(shippedRegions().map((r) => [r.id, r]));
    expect([...byId.keys()]).toEqual(['north-east', 'south-east', 'south-central', 'south-west']);
    expect(byId.get('north-east')).toMatchObject({ framework: 'north-east', supplement: null });
    expect(byId.get('south-east')).toMatchObject({ framework: 'southern', supplement: null });
    expect(byId.get('south-central')).toMatchObject({ framework: 'southern', supplement: null });
    expect(byId.get('south-west')).toMatchObject({ framework: 'southern', supplement: 'south-west-parents' });
  });

  it('makes the 2026 editions current and the 2005 ones historic', () => {
    const editions = Object.fromEntries(shippedRegions().map((r) => [r.id, { current: r.currentEdition, historic: r.historicEditions }]));
    expect(editions).toEqual({
      'north-east': {
        current: { framework: 'north-east-2026', supplement: null },
        historic: [{ framework: 'north-east', supplement: null }],
      },
      'south-east': { current: { framework: 'southern-2026', supplement: null }, historic: [{ framework: 'southern', supplement: null }] },
      'south-central': {
        current: { framework: 'southern-2026', supplement: null },
        historic: [{ framework: 'southern', supplement: null }],
      },
      'south-west': {
        current: { framework: 'southern-2026', supplement: 'south-west-parents-2026' },
        historic: [{ framework: 'southern', supplement: 'south-west-parents' }],
      },
    });
  });

  it('names only shipped frameworks, with the status each edition has, and supplements to the framework they extend', () => {
    for (const region of shippedRegions()) {
      for (const [edition, status] of [
        [region.currentEdition, 'current'],
        ...region.historicEditions.map((e) => [e, 'historic'] as const),
      ] as const) {
        const base = FRAMEWORK_FILES[edition.framework];
        expect(base?.kind, `${region.id} ${edition.framework}`).toBe('framework');
        expect(base?.status, `${region.id} ${edition.framework}`).toBe(status);
        if (edition.supplement !== null) {
          const supplement = FRAMEWORK_FILES[edition.supplement];
          expect(supplement?.kind, `${region.id} ${edition.supplement}`).toBe('supplement');
          expect(supplement?.status, `${region.id} ${edition.supplement}`).toBe(status);
          expect(supplement?.extends, `${region.id} ${edition.supplement}`).toBe(edition.framework);
        }
      }
    }
  });

  it('asks for a visit only at award levels the current edition has', () => {
    for (const region of shippedRegions()) {
      const { visit } = region.moderation;
      if (visit.required !== 'for-levels') continue;
      const levels = FRAMEWORK_FILES[region.currentEdition.framework]?.levels ?? [];
      for (const level of visit.levels) expect(levels, `${region.id} ${level}`).toContain(level);
    }
  });

  it('configures moderation for every region', () => {
    const moderation = Object.fromEntries(shippedRegions().map((r) => [r.id, r.moderation]));
    const sampling = { mandatoryAlways: true, statutoryAlways: true, riskFirst: true, randomPerStrand: 2 };
    expect(moderation).toEqual({
      'north-east': { visit: { required: 'for-levels', levels: ['established', 'advanced'] }, sampling, appealWindowDays: 28 },
      'south-east': { visit: { required: 'always' }, sampling, appealWindowDays: 28 },
      'south-central': { visit: { required: 'always' }, sampling, appealWindowDays: 28 },
      'south-west': { visit: { required: 'always' }, sampling, appealWindowDays: 28 },
    });
    for (const region of shippedRegions()) expect(region.renewalYears, region.id).toBe(3);
  });
});

describe('editionsOf and regionUsesEdition', () => {
  it('list the current edition first, then the historic ones, and match framework and supplement together', () => {
    const southWest = shippedRegions().find((r) => r.id === 'south-west');
    if (!southWest) throw new Error('no South West');
    expect(editionsOf(southWest)).toEqual([
      { framework: 'southern-2026', supplement: 'south-west-parents-2026' },
      { framework: 'southern', supplement: 'south-west-parents' },
    ]);
    expect(regionUsesEdition(southWest, 'southern-2026', 'south-west-parents-2026')).toBe(true);
    expect(regionUsesEdition(southWest, 'southern', 'south-west-parents')).toBe(true);
    expect(regionUsesEdition(southWest, 'southern', null)).toBe(false);
    expect(regionUsesEdition(southWest, 'southern-2026', 'south-west-parents')).toBe(false);
    expect(regionUsesEdition(southWest, 'north-east-2026', null)).toBe(false);
  });
});

describe('loadRegions, format version 1', () => {
  it('loads a version 1 file and fills in the version 2 fields', () => {
    const result = loadRegions('regions.json', asVersion1());
    if (!result.ok) throw new Error(result.problems.join('\n'));
    for (const region of result.regions) {
      expect(region.currentEdition, region.id).toEqual({ framework: region.framework, supplement: region.supplement });
      expect(region.historicEditions, region.id).toEqual([]);
      expect(region.formerLocalAuthorities, region.id).toEqual([]);
      expect(region.moderation, region.id).toEqual(VERSION_1_MODERATION);
    }
    expect(result.regions.find((r) => r.id === 'south-west')?.currentEdition).toEqual({
      framework: 'southern',
      supplement: 'south-west-parents',
    });
  });

  it('loads the version 1 file as it shipped in 2025, with the old local authority names', () => {
    const file = asVersion1();
    const northEastRegion = file.regions[0]!;
    northEastRegion.localAuthorities = ['Durham', 'Gateshead', 'Newcastle'];
    const result = loadRegions('regions.json', file);
    expect(result.ok && result.regions[0]?.localAuthorities).toEqual(['Durham', 'Gateshead', 'Newcastle']);
  });

  it('gives each region its own copy of the defaults', () => {
    const first = loadRegions('regions.json', asVersion1());
    if (!first.ok) throw new Error(first.problems.join('\n'));
    first.regions[0]!.moderation.sampling.randomPerStrand = 9;
    first.regions[0]!.moderation.appealWindowDays = 1;
    expect(first.regions[1]!.moderation).toEqual(VERSION_1_MODERATION);
    expect(VERSION_1_MODERATION.sampling.randomPerStrand).toBe(2);
    const second = loadRegions('regions.json', asVersion1());
    expect(second.ok && second.regions[0]?.moderation).toEqual(VERSION_1_MODERATION);
  });

  it('refuses version 2 fields in a version 1 file', () => {
    const file = asVersion1();
    file.regions[0]!.moderation = VERSION_1_MODERATION;
    expect(problemsOf(file)).toEqual(['regions.json: /regions/0/moderation: is not allowed here']);
  });
});

describe('loadRegions, format version 2', () => {
  it('never hands out the imported file itself', () => {
    const loaded = shippedRegions();
    loaded[0]!.localAuthorities.push('Atlantis');
    loaded[0]!.currentEdition.framework = 'changed';
    loaded[3]!.formerLocalAuthorities[0]!.now.push('Atlantis');
    expect(shippedRegions()[0]?.localAuthorities).not.toContain('Atlantis');
    expect(shippedRegions()[0]?.currentEdition.framework).toBe('north-east-2026');
    expect(shippedRegions()[3]?.formerLocalAuthorities[0]?.now).toEqual(['Bournemouth, Christchurch and Poole']);
  });

  it('requires the version 2 fields', () => {
    const file = copyOfShipped();
    delete file.regions[0]!.moderation;
    delete file.regions[1]!.currentEdition;
    delete file.regions[2]!.formerLocalAuthorities;
    expect(problemsOf(file)).toEqual([
      'regions.json: /regions/0/moderation: is required but missing',
      'regions.json: /regions/1/currentEdition: is required but missing',
      'regions.json: /regions/2/formerLocalAuthorities: is required but missing',
    ]);
  });

  it('refuses a badly formed moderation setting, saying where', () => {
    const file = copyOfShipped();
    const moderation = (i: number) => file.regions[i]!.moderation as Json & { sampling: Json; visit: Json };
    moderation(0).visit = { required: 'for-levels' };
    moderation(1).visit = { required: 'always', levels: ['core'] };
    moderation(2).sampling.randomPerStrand = -1;
    moderation(3).appealWindowDays = 0;
    delete moderation(3).sampling.riskFirst;
    expect(problemsOf(file)).toEqual([
      'regions.json: /regions/0/moderation/visit/levels: is required but missing',
      'regions.json: /regions/1/moderation/visit/levels: is not allowed here',
      'regions.json: /regions/2/moderation/sampling/randomPerStrand: must be 0 or more',
      'regions.json: /regions/3/moderation/sampling/riskFirst: is required but missing',
      'regions.json: /regions/3/moderation/appealWindowDays: must be 1 or more',
    ]);
  });

  it('refuses a framework and supplement that are none of the region’s editions', () => {
    const file = copyOfShipped();
    file.regions[0]!.framework = 'southern';
    file.regions[3]!.supplement = null;
    expect(problemsOf(file)).toEqual([
      'regions.json: /regions/0/framework: the framework southern is not the current edition nor one of the historic editions of the North East',
      'regions.json: /regions/3/framework: the framework southern is not the current edition nor one of the historic editions of the South West',
    ]);
  });

  it('accepts the framework and supplement of the current edition (as the loader work will switch to)', () => {
    const file = copyOfShipped();
    file.regions[3]!.framework = 'southern-2026';
    file.regions[3]!.supplement = 'south-west-parents-2026';
    expect(problemsOf(file)).toEqual([]);
  });

  it('refuses an edition listed twice', () => {
    const file = copyOfShipped();
    file.regions[0]!.historicEditions = [
      { framework: 'north-east', supplement: null },
      { framework: 'north-east-2026', supplement: null },
      { framework: 'north-east', supplement: null },
    ];
    expect(problemsOf(file)).toEqual([
      'regions.json: /regions/0/historicEditions/1: repeats an edition already listed',
      'regions.json: /regions/0/historicEditions/2: repeats an edition already listed',
    ]);
  });

  it('reports repeated region ids', () => {
    const file = copyOfShipped();
    file.regions[1]!.id = 'north-east';
    file.regions[3]!.id = 'north-east';
    expect(problemsOf(file)).toEqual([
      'regions.json: /regions/1/id: repeats the region id north-east',
      'regions.json: /regions/3/id: repeats the region id north-east',
    ]);
  });
});

describe('loadRegions refuses what is not a regions file, in words, without throwing', () => {
  it.each([
    ['nothing', undefined, ['regions.json: /: is empty: there are no regions in it']],
    ['a function', () => regionsFile, ['regions.json: /: is not a regions file: it holds something JSON cannot']],
    [
      'a number too big for JSON',
      { formatVersion: 2n, regions: [] },
      ['regions.json: /: is not a regions file: it holds something JSON cannot'],
    ],
    ['null', null, ['regions.json: /: must be an object']],
    ['text', 'regions', ['regions.json: /: must be an object']],
    ['a list', [], ['regions.json: /: must be an object']],
    ['an empty object', {}, ['regions.json: /formatVersion: is required but missing', 'regions.json: /regions: is required but missing']],
    [
      'an unknown format version',
      { formatVersion: 3, regions: [] },
      ['regions.json: /formatVersion: must be one of 1, 2', 'regions.json: /regions: must have at least 1 item'],
    ],
    ['regions that are not a list', { formatVersion: 2, regions: 'all' }, ['regions.json: /regions: must be a list']],
    ['a region that is not an object', { formatVersion: 2, regions: [null] }, ['regions.json: /regions/0: must be an object']],
    ['a version 1 region that is not an object', { formatVersion: 1, regions: [7] }, ['regions.json: /regions/0: must be an object']],
  ])('%s', (_label, value, problems) => {
    expect(() => loadRegions('regions.json', value)).not.toThrow();
    expect(loadRegions('regions.json', value)).toEqual({ ok: false, problems });
  });
});

describe('repeatedValues', () => {
  it('reports each repeat after the first, with its position', () => {
    expect(repeatedValues(['a', 'b', 'a', 'c', 'b', 'a'])).toEqual([
      { index: 2, value: 'a' },
      { index: 4, value: 'b' },
      { index: 5, value: 'a' },
    ]);
    expect(repeatedValues([])).toEqual([]);
    expect(repeatedValues(['a', 'A', 'a '])).toEqual([]);
  });

  it('reads the values once, in order: it works on a one-shot sequence that cannot be searched again', () => {
    function* ids(count: number): Generator<string> {
      for (let i = 0; i < count; i += 1) yield `region-${i % (count - 1)}`;
    }
    // The last value repeats the first; a search back through the values (indexOf) is impossible here.
    expect(repeatedValues(ids(50_000))).toEqual([{ index: 49_999, value: 'region-0' }]);
  });

  it('does not search back through the values for each one (no indexOf, includes or findIndex in a loop)', () => {
    const values = Array.from({ length: 1000 }, (_, i) => `region-${i % 500}`);
    const searches = (['indexOf', 'lastIndexOf', 'includes', 'findIndex', 'find', 'some', 'filter'] as const).map((name) =>
      vi.spyOn(Array.prototype, name),
    );
    let repeats: number;
    let calls: number[];
    try {
      repeats = repeatedValues(values).length;
      calls = searches.map((search) => search.mock.calls.length);
    } finally {
      for (const search of searches) search.mockRestore();
    }
    expect(repeats).toBe(500);
    expect(calls).toEqual([0, 0, 0, 0, 0, 0, 0]);
  });
});
