import regionsSchema from '../../criteria/schema/regions.schema.json';
import { createSchemaCheck } from '../formats/json-schema-check';

/** A framework edition: a base framework and the supplement added to it, by their ids. */
export interface FrameworkEdition {
  framework: string;
  supplement: string | null;
}

/** A local authority name that is no longer current, and what took its place. */
export interface FormerLocalAuthority {
  /** The old name, as an earlier regions.json listed it (and a school may have stored it). */
  name: string;
  /** The current local authority (or authorities) of the same region that cover its area. */
  now: string[];
  /** merged: now part of one larger authority; split: divided between several; renamed: the same council under another name. */
  change: 'merged' | 'split' | 'renamed';
  /** The year the change took effect; null when only the name in the list changed. */
  since: number | null;
}

/** Whether the moderator visits the school before deciding the outcome. */
export type VisitRule = { required: 'always' } | { required: 'never' } | { required: 'for-levels'; levels: string[] };

/** Which criteria the moderator looks at closely on the visit, among those that apply to the school. */
export interface SamplingRule {
  /** Every mandatory criterion (one the award needs) is in the sample. */
  mandatoryAlways: boolean;
  /** Every statutory criterion (a legal duty) is in the sample. */
  statutoryAlways: boolean;
  /** Criteria the desk review found doubtful (disputed, marked not applicable, or without evidence) come before random ones. */
  riskFirst: boolean;
  /** How many more criteria are chosen at random from each strand (all of them when fewer are left). */
  randomPerStrand: number;
}

export interface ModerationSettings {
  visit: VisitRule;
  sampling: SamplingRule;
  /** Days after being told the outcome within which a school may appeal. */
  appealWindowDays: number;
}

export interface Region {
  id: string;
  name: string;
  partnership: string;
  /** The framework id new evaluations use today (as in format version 1); always one of the region's editions. */
  framework: string;
  /** The supplement id added to it today, or null (as in format version 1). */
  supplement: string | null;
  renewalYears: number;
  /** Current local authorities, by the names Get Information about Schools lists them under. */
  localAuthorities: string[];
  /** Old names that stored schools may still carry. Format version 1: none. */
  formerLocalAuthorities: FormerLocalAuthority[];
  /** The edition offered for new evaluations. Format version 1: `framework` and `supplement`. */
  currentEdition: FrameworkEdition;
  /** Older editions, for opening older work only. Format version 1: none. */
  historicEditions: FrameworkEdition[];
  /** How the region moderates. Format version 1: VERSION_1_MODERATION. */
  moderation: ModerationSettings;
}

/** A region as format version 1 wrote it. */
export type RegionV1 = Pick<Region, 'id' | 'name' | 'partnership' | 'framework' | 'supplement' | 'renewalYears' | 'localAuthorities'>;

export type RegionsFile = { formatVersion: 1; regions: RegionV1[] } | { formatVersion: 2; regions: Region[] };

/**
 * The moderation settings a format version 1 file gets: a visit for every award, sampling every
 * mandatory and statutory criterion, doubtful ones first and two more per strand, and four weeks
 * to appeal.
 */
export const VERSION_1_MODERATION: ModerationSettings = {
  visit: { required: 'always' },
  sampling: { mandatoryAlways: true, statutoryAlways: true, riskFirst: true, randomPerStrand: 2 },
  appealWindowDays: 28,
};

const checkRegions = createSchemaCheck(regionsSchema);

export type RegionsResult = { ok: true; regions: Region[] } | { ok: false; problems: string[] };

/**
 * Validates regions.json (format version 1 or 2); returns its problems as "file: pointer: message"
 * lines, or the regions with every format version 2 field filled in. Never throws.
 */
export function loadRegions(fileName: string, value: unknown): RegionsResult {
  const schemaProblems = schemaCheck(value).map((p) => `${fileName}: ${p.pointer || '/'}: ${p.message}`);
  if (schemaProblems.length > 0) return { ok: false, problems: schemaProblems };
  // The regions as a checked file gives them (copies, every format version 2 field filled in), checked here.
  const regions = regionsOfCheckedFile(value as RegionsFile);
  const problems = [
    ...repeatedValues(regions.map((r) => r.id)).map(
      ({ index, value: id }) => `${fileName}: /regions/${index}/id: repeats the region id ${id}`,
    ),
    ...localAuthorityProblems(fileName, regions),
    ...regions.flatMap((region, index) => editionProblems(fileName, region, index)),
  ];
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, regions };
}

/**
 * The regions of a file with every format version 2 field filled in, as copies the caller may keep:
 * what loadRegions gives once its checks pass, and all the shipped regions.json needs at the app's
 * start (it was checked in full when the app was built).
 */
export function regionsOfCheckedFile(file: RegionsFile): Region[] {
  const regions: Region[] = file.formatVersion === 1 ? file.regions.map(upgradeRegion) : file.regions;
  return regions.map(copyRegion);
}

/** The schema check, for any value: what JSON cannot hold (nothing at all, a function) is refused in words too. */
function schemaCheck(value: unknown): { pointer: string; message: string }[] {
  if (value === undefined) return [{ pointer: '', message: 'is empty: there are no regions in it' }];
  try {
    return checkRegions(value);
  } catch {
    return [{ pointer: '', message: 'is not a regions file: it holds something JSON cannot' }];
  }
}

function upgradeRegion(region: RegionV1): Region {
  return {
    ...region,
    formerLocalAuthorities: [],
    currentEdition: { framework: region.framework, supplement: region.supplement },
    historicEditions: [],
    moderation: VERSION_1_MODERATION,
  };
}

/** A deep copy, so that callers can never change the imported file (or the shared defaults). */
function copyRegion(region: Region): Region {
  return {
    ...region,
    localAuthorities: [...region.localAuthorities],
    formerLocalAuthorities: region.formerLocalAuthorities.map((f) => ({ ...f, now: [...f.now] })),
    currentEdition: { ...region.currentEdition },
    historicEditions: region.historicEditions.map((e) => ({ ...e })),
    moderation: {
      visit:
        region.moderation.visit.required === 'for-levels'
          ? { required: 'for-levels', levels: [...region.moderation.visit.levels] }
          : { ...region.moderation.visit },
      sampling: { ...region.moderation.sampling },
      appealWindowDays: region.moderation.appealWindowDays,
    },
  };
}

/** Each value that repeats an earlier one, with its position; reads the values once, in order. */
export function repeatedValues(values: Iterable<string>): { index: number; value: string }[] {
  const seen = new Set<string>();
  const repeats: { index: number; value: string }[] = [];
  let index = 0;
  for (const value of values) {
    if (seen.has(value)) repeats.push({ index, value });
    else seen.add(value);
    index += 1;
  }
  return repeats;
}

/** A local authority belongs to one region; an old name is not also a current one and points to its own region's authorities. */
function localAuthorityProblems(fileName: string, regions: readonly Region[]): string[] {
  const problems: string[] = [];
  const regionOfCurrent = new Map<string, string>();
  regions.forEach((region, r) => {
    region.localAuthorities.forEach((name, i) => {
      const other = regionOfCurrent.get(name);
      if (other !== undefined)
        problems.push(`${fileName}: /regions/${r}/localAuthorities/${i}: ${name} is already a local authority of the ${other}`);
      else regionOfCurrent.set(name, region.name);
    });
  });
  regions.forEach((region, r) => {
    const own = new Set(region.localAuthorities);
    const formerNames = region.formerLocalAuthorities.map((f) => f.name);
    for (const { index, value } of repeatedValues(formerNames)) {
      problems.push(`${fileName}: /regions/${r}/formerLocalAuthorities/${index}/name: ${value} is listed as a former name twice`);
    }
    region.formerLocalAuthorities.forEach((former, f) => {
      const at = `${fileName}: /regions/${r}/formerLocalAuthorities/${f}`;
      if (regionOfCurrent.has(former.name)) {
        problems.push(`${at}/name: ${former.name} is a current local authority, so it cannot also be a former one`);
      }
      former.now.forEach((name, n) => {
        if (!own.has(name)) problems.push(`${at}/now/${n}: ${name} is not a current local authority of the ${region.name}`);
      });
      if (former.change === 'split' && former.now.length < 2) {
        problems.push(`${at}/now: an authority that was split must name the two or more authorities that took its place`);
      }
      if (former.change !== 'renamed' && former.since === null) {
        problems.push(`${at}/since: give the year the change took effect`);
      }
    });
  });
  return problems;
}

/** The region's framework and supplement must be one of its editions, and no edition may be listed twice. */
function editionProblems(fileName: string, region: Region, r: number): string[] {
  const at = `${fileName}: /regions/${r}`;
  const key = (e: FrameworkEdition) => `${e.framework}+${e.supplement ?? ''}`;
  const problems = repeatedValues([region.currentEdition, ...region.historicEditions].map(key)).map(({ index }) =>
    index === 0 ? `${at}/currentEdition: is listed twice` : `${at}/historicEditions/${index - 1}: repeats an edition already listed`,
  );
  if (!editionsOf(region).some((e) => e.framework === region.framework && e.supplement === region.supplement)) {
    problems.push(
      `${at}/framework: ${describeEdition(region)} is not the current edition nor one of the historic editions of the ${region.name}`,
    );
  }
  return problems;
}

function describeEdition(edition: FrameworkEdition): string {
  return edition.supplement === null
    ? `the framework ${edition.framework}`
    : `the framework ${edition.framework} with the supplement ${edition.supplement}`;
}

/** Every edition the region has used: the current one first, then the historic ones. */
export function editionsOf(region: Region): FrameworkEdition[] {
  return [region.currentEdition, ...region.historicEditions];
}

/** Whether a submission made against this framework (and supplement) belongs to one of the region's editions. */
export function regionUsesEdition(region: Region, framework: string, supplement: string | null): boolean {
  return editionsOf(region).some((e) => e.framework === framework && e.supplement === supplement);
}

export type LocalAuthorityLookup =
  | { kind: 'current'; authority: string }
  | {
      kind: 'former';
      former: string;
      /** The current authority or authorities that took its place. */
      current: string[];
      since: number | null;
      /** A plain note, e.g. "now part of Bournemouth, Christchurch and Poole (since 2019)". */
      note: string;
    }
  | { kind: 'not-in-region' };

/** What a stored local authority name means today in this region: a current authority, an old name and what replaced it, or neither. */
export function currentLocalAuthority(region: Region, name: string): LocalAuthorityLookup {
  if (region.localAuthorities.includes(name)) return { kind: 'current', authority: name };
  const former = region.formerLocalAuthorities.find((f) => f.name === name);
  if (!former) return { kind: 'not-in-region' };
  return { kind: 'former', former: former.name, current: [...former.now], since: former.since, note: formerNote(former) };
}

function formerNote(former: FormerLocalAuthority): string {
  const since = former.since === null ? '' : ` (since ${former.since})`;
  switch (former.change) {
    case 'merged':
      return `now part of ${listOf(former.now)}${since}`;
    case 'split':
      return `now divided between ${listOf(former.now)}${since}`;
    case 'renamed':
      return `now listed as ${listOf(former.now)}${since}`;
  }
}

function listOf(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1] ?? ''}`;
}
