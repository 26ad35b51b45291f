import { describe, expect, it } from 'vitest';
import regionsFile from '../../criteria/regions.json';
import { currentLocalAuthority, loadRegions, type Region } from '../../shared/regions/regions';
import type { SchoolDetails } from '../../shared/school/school-records';
import { localAuthorityNote, validateSchoolDetails } from '../../shared/school/school-validation';

function shippedRegions(): Region[] {
  const result = loadRegions('regions.json', regionsFile);
  if (!result.ok) throw new Error(result.problems.join('\n'));
  return result.regions;
}
const regions = shippedRegions();
function region(id: string): Region {
  const found = regions.find((r) => r.id === id);
  if (!found) throw new Error(`no region ${id}`);
  return found;
}

type Json = Record<string, unknown>;
function copyOfShipped(): { formatVersion: number; regions: Json[] } {
  return structuredClone(regionsFile) as unknown as { formatVersion: number; regions: Json[] };
}
function problemsOf(value: unknown): string[] {
  const result = loadRegions('regions.json', value);
  return result.ok ? [] : result.problems;
}

function school(overrides: Partial<SchoolDetails> = {}): SchoolDetails {
  return {
    name: 'Harbourside Primary School',
    urn: '123456',
    regionId: 'south-west',
    localAuthority: 'Devon',
    phases: ['early-years', 'primary'],
    setting: 'mainstream',
    lowestYear: 0,
    highestYear: 6,
    headTeacher: 'A. Head',
    senco: 'B. Senco',
    senGovernor: '',
    pupilsOnRoll: 300,
    pupilsOnSenSupport: 45,
    pupilsWithEhcPlan: 6,
    resourcedProvision: false,
    lookedAfterOnRoll: true,
    ...overrides,
  };
}

describe('the shipped local authorities', () => {
  it('are each region’s local authorities as they are in 2026', () => {
    expect(Object.fromEntries(regions.map((r) => [r.id, r.localAuthorities]))).toEqual({
      'north-east': [
        'County Durham',
        'Darlington',
        'Gateshead',
        'Hartlepool',
        'Middlesbrough',
        'Newcastle upon Tyne',
        'North Tyneside',
        'Northumberland',
        'Redcar and Cleveland',
        'South Tyneside',
        'Stockton-on-Tees',
        'Sunderland',
      ],
      'south-east': ['Brighton and Hove', 'East Sussex', 'Kent', 'Medway', 'Surrey', 'West Sussex'],
      'south-central': [
        'Bracknell Forest',
        'Buckinghamshire',
        'Hampshire',
        'Isle of Wight',
        'Milton Keynes',
        'Oxfordshire',
        'Portsmouth',
        'Reading',
        'Slough',
        'Southampton',
        'West Berkshire',
        'Windsor and Maidenhead',
      ],
      'south-west': [
        'Bath and North East Somerset',
        'Bournemouth, Christchurch and Poole',
        'Bristol, City of',
        'Cornwall',
        'Devon',
        'Dorset',
        'Gloucestershire',
        'Isles of Scilly',
        'North Somerset',
        'Plymouth',
        'Somerset',
        'South Gloucestershire',
        'Swindon',
        'Torbay',
        'Wiltshire',
      ],
    });
  });

  it('are listed in alphabetical order in each region, so the form’s list is easy to scan', () => {
    for (const r of regions) expect(r.localAuthorities, r.id).toEqual([...r.localAuthorities].sort((a, b) => a.localeCompare(b, 'en-GB')));
  });

  it('are unique across regions', () => {
    const all = regions.flatMap((r) => r.localAuthorities);
    expect(all).toHaveLength(45);
    expect(new Set(all).size).toBe(all.length);
  });

  it('map every old name to current authorities of the same region, and no old name is still current anywhere', () => {
    const current = new Set(regions.flatMap((r) => r.localAuthorities));
    for (const r of regions) {
      for (const former of r.formerLocalAuthorities) {
        expect(current.has(former.name), former.name).toBe(false);
        for (const name of former.now) expect(r.localAuthorities, `${former.name} -> ${name}`).toContain(name);
      }
    }
  });

  it('keep every name the 2025 file listed valid in its own region: current, or an old name mapped', () => {
    const listedIn2025: Record<string, string[]> = {
      'north-east': ['Darlington', 'Durham', 'Gateshead', 'Hartlepool', 'Middlesbrough', 'Newcastle', 'North Tyneside', 'Northumberland'],
      'south-central': ['Buckinghamshire', 'Milton Keynes', 'Windsor and Maidenhead'],
      'south-east': ['Brighton and Hove', 'East Sussex', 'Kent', 'Medway', 'Surrey', 'West Sussex'],
      'south-west': [
        'Bath and North East Somerset',
        'Bournemouth',
        'Bristol',
        'Cornwall',
        'Dorset',
        'Isles of Scilly',
        'Poole',
        'Somerset',
      ],
    };
    for (const [regionId, names] of Object.entries(listedIn2025)) {
      for (const name of names) expect(currentLocalAuthority(region(regionId), name).kind, `${regionId} ${name}`).not.toBe('not-in-region');
    }
  });

  it('record the changes since 2000', () => {
    expect(Object.fromEntries(regions.map((r) => [r.id, r.formerLocalAuthorities]))).toEqual({
      'north-east': [
        { name: 'Durham', now: ['County Durham'], change: 'renamed', since: null },
        { name: 'Newcastle', now: ['Newcastle upon Tyne'], change: 'renamed', since: null },
      ],
      'south-east': [],
      'south-central': [],
      'south-west': [
        { name: 'Bournemouth', now: ['Bournemouth, Christchurch and Poole'], change: 'merged', since: 2019 },
        { name: 'Bristol', now: ['Bristol, City of'], change: 'renamed', since: null },
        { name: 'Poole', now: ['Bournemouth, Christchurch and Poole'], change: 'merged', since: 2019 },
      ],
    });
  });
});

describe('loadRegions checks the local authorities', () => {
  it('refuses a local authority in two regions', () => {
    const file = copyOfShipped();
    (file.regions[1]!.localAuthorities as string[]).push('Gateshead');
    expect(problemsOf(file)).toEqual([
      'regions.json: /regions/1/localAuthorities/6: Gateshead is already a local authority of the North East',
    ]);
  });

  it('refuses an old name that maps to an authority of another region, or to none', () => {
    const file = copyOfShipped();
    file.regions[0]!.formerLocalAuthorities = [
      { name: 'Tyne and Wear', now: ['Gateshead', 'Kent', 'Atlantis'], change: 'split', since: 1986 },
    ];
    expect(problemsOf(file)).toEqual([
      'regions.json: /regions/0/formerLocalAuthorities/0/now/1: Kent is not a current local authority of the North East',
      'regions.json: /regions/0/formerLocalAuthorities/0/now/2: Atlantis is not a current local authority of the North East',
    ]);
  });

  it('refuses an old name that is also a current one, in this region or another', () => {
    const file = copyOfShipped();
    file.regions[3]!.formerLocalAuthorities = [
      { name: 'Dorset', now: ['Bournemouth, Christchurch and Poole'], change: 'merged', since: 2019 },
      { name: 'Kent', now: ['Devon'], change: 'renamed', since: null },
    ];
    expect(problemsOf(file)).toEqual([
      'regions.json: /regions/3/formerLocalAuthorities/0/name: Dorset is a current local authority, so it cannot also be a former one',
      'regions.json: /regions/3/formerLocalAuthorities/1/name: Kent is a current local authority, so it cannot also be a former one',
    ]);
  });

  it('refuses an old name listed twice, a split into one, and a merger without its year', () => {
    const file = copyOfShipped();
    file.regions[3]!.formerLocalAuthorities = [
      { name: 'Poole', now: ['Bournemouth, Christchurch and Poole'], change: 'merged', since: 2019 },
      { name: 'Poole', now: ['Bournemouth, Christchurch and Poole'], change: 'merged', since: null },
      { name: 'Avon', now: ['Bristol, City of'], change: 'split', since: 1996 },
    ];
    expect(problemsOf(file)).toEqual([
      'regions.json: /regions/3/formerLocalAuthorities/1/name: Poole is listed as a former name twice',
      'regions.json: /regions/3/formerLocalAuthorities/1/since: give the year the change took effect',
      'regions.json: /regions/3/formerLocalAuthorities/2/now: an authority that was split must name the two or more authorities that took its place',
    ]);
  });

  it('refuses a badly formed old name, saying where', () => {
    const file = copyOfShipped();
    file.regions[3]!.formerLocalAuthorities = [
      { name: 'Poole', now: [], change: 'absorbed', since: 19 },
      { name: 'Bournemouth', now: ['Bournemouth, Christchurch and Poole'], change: 'merged', since: '2019' },
    ];
    expect(problemsOf(file)).toEqual([
      'regions.json: /regions/3/formerLocalAuthorities/0/now: must have at least 1 item',
      'regions.json: /regions/3/formerLocalAuthorities/0/change: must be one of "merged", "split", "renamed"',
      'regions.json: /regions/3/formerLocalAuthorities/0/since: must be 1900 or more',
      'regions.json: /regions/3/formerLocalAuthorities/1/since: must be a whole number',
    ]);
  });
});

describe('currentLocalAuthority', () => {
  it('finds a current authority', () => {
    expect(currentLocalAuthority(region('south-west'), 'Dorset')).toEqual({ kind: 'current', authority: 'Dorset' });
    expect(currentLocalAuthority(region('north-east'), 'County Durham')).toEqual({ kind: 'current', authority: 'County Durham' });
  });

  it('explains an old name: what replaced it and since when', () => {
    expect(currentLocalAuthority(region('south-west'), 'Poole')).toEqual({
      kind: 'former',
      former: 'Poole',
      current: ['Bournemouth, Christchurch and Poole'],
      since: 2019,
      note: 'now part of Bournemouth, Christchurch and Poole (since 2019)',
    });
    expect(currentLocalAuthority(region('north-east'), 'Durham')).toEqual({
      kind: 'former',
      former: 'Durham',
      current: ['County Durham'],
      since: null,
      note: 'now listed as County Durham',
    });
  });

  it('writes a note for an authority split between several', () => {
    const split: Region = {
      ...region('south-west'),
      formerLocalAuthorities: [
        { name: 'Old Dorset', now: ['Dorset', 'Bournemouth, Christchurch and Poole'], change: 'split', since: 2019 },
      ],
    };
    expect(currentLocalAuthority(split, 'Old Dorset')).toMatchObject({
      note: 'now divided between Dorset and Bournemouth, Christchurch and Poole (since 2019)',
    });
  });

  it('does not find a name of another region, an old name of another region, or a near miss', () => {
    expect(currentLocalAuthority(region('north-east'), 'Kent')).toEqual({ kind: 'not-in-region' });
    expect(currentLocalAuthority(region('north-east'), 'Poole')).toEqual({ kind: 'not-in-region' });
    expect(currentLocalAuthority(region('south-west'), 'poole')).toEqual({ kind: 'not-in-region' });
    expect(currentLocalAuthority(region('south-west'), '')).toEqual({ kind: 'not-in-region' });
  });
});

describe('school validation with old local authority names', () => {
  it('accepts a school stored with an old name in its own region', () => {
    for (const r of regions) {
      for (const former of r.formerLocalAuthorities) {
        expect(validateSchoolDetails(school({ regionId: r.id, localAuthority: former.name }), regions), former.name).toEqual({});
      }
    }
  });

  it('still refuses an old name of another region', () => {
    expect(validateSchoolDetails(school({ regionId: 'north-east', localAuthority: 'Poole' }), regions)).toEqual({
      localAuthority: 'Choose a local authority in the North East',
    });
  });

  it('gives a plain note for an old name, and none for a current one', () => {
    expect(localAuthorityNote(school({ localAuthority: 'Poole' }), regions)).toBe(
      'Poole is now part of Bournemouth, Christchurch and Poole (since 2019). You can choose it instead.',
    );
    expect(localAuthorityNote(school({ regionId: 'north-east', localAuthority: 'Newcastle' }), regions)).toBe(
      'Newcastle is now listed as Newcastle upon Tyne. You can choose it instead.',
    );
    expect(localAuthorityNote(school({ localAuthority: 'Bournemouth, Christchurch and Poole' }), regions)).toBeNull();
    expect(localAuthorityNote(school({ localAuthority: 'Kent' }), regions)).toBeNull();
    expect(localAuthorityNote(school({ regionId: 'atlantis', localAuthority: 'Poole' }), regions)).toBeNull();
  });
});
