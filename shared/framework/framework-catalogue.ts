import { editionsOf, type FrameworkEdition, type Region } from '../regions/regions';
import { applyFramework, type AppliedFramework } from './applied-framework';
import type { BaseFramework, LoadedFramework, SupplementFramework } from './framework-types';

/**
 * Every framework version the app knows: the shipped ones and those a partnership imported.
 * Evaluations pin the exact version by content hash; new evaluations use the newest version of
 * the region's current edition (regions.json `currentEdition`), never a historic one: historic
 * editions open existing evaluations, submissions and moderation only.
 */
export interface FrameworkCatalogue {
  byHash: ReadonlyMap<string, LoadedFramework>;
  regions: readonly Region[];
}

export function createCatalogue(frameworks: readonly LoadedFramework[], regions: readonly Region[]): FrameworkCatalogue {
  return { byHash: new Map(frameworks.map((f) => [f.contentHash, f])), regions };
}

export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i += 1) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** The newest version of a framework id; with `currentOnly`, the newest not marked historic. */
export function newestFramework(catalogue: FrameworkCatalogue, id: string, currentOnly = false): LoadedFramework | null {
  let best: LoadedFramework | null = null;
  for (const f of catalogue.byHash.values()) {
    if (currentOnly && f.file.status === 'historic') continue;
    if (f.file.id === id && (best === null || compareVersions(f.file.version, best.file.version) > 0)) best = f;
  }
  return best;
}

export type RegionFramework = { ok: true; framework: AppliedFramework } | { ok: false; message: string };

/** The framework a new evaluation in this region is made against: the newest version of its current edition. */
export function frameworkForRegion(catalogue: FrameworkCatalogue, regionId: string): RegionFramework {
  const region = catalogue.regions.find((r) => r.id === regionId);
  if (!region) return { ok: false, message: `The region "${regionId}" is not known to this app.` };
  return frameworkOfEdition(catalogue, region, region.currentEdition, 'current');
}

/**
 * The newest version of one of the region's editions, current or historic, by its framework id:
 * for reading what was made with it (and for tests of older work). Never for a new evaluation.
 */
export function frameworkForEdition(catalogue: FrameworkCatalogue, regionId: string, frameworkId: string): RegionFramework {
  const region = catalogue.regions.find((r) => r.id === regionId);
  if (!region) return { ok: false, message: `The region "${regionId}" is not known to this app.` };
  const edition = editionsOf(region).find((e) => e.framework === frameworkId);
  if (!edition) return { ok: false, message: `The ${region.name} has no edition of the framework "${frameworkId}".` };
  return frameworkOfEdition(catalogue, region, edition, 'any');
}

function frameworkOfEdition(
  catalogue: FrameworkCatalogue,
  region: Region,
  edition: FrameworkEdition,
  status: 'current' | 'any',
): RegionFramework {
  // A new evaluation starts on the newest version not marked historic: importing a historic
  // version of the current edition never makes it the default.
  const currentOnly = status === 'current';
  const base = newestFramework(catalogue, edition.framework, currentOnly) ?? newestFramework(catalogue, edition.framework);
  if (!base || base.file.kind !== 'framework') {
    return { ok: false, message: `The ${region.name} uses the framework "${edition.framework}", which is not installed.` };
  }
  if (status === 'current' && base.file.status === 'historic') return { ok: false, message: historicMessage(region.name, base.file.title) };
  let supplement: LoadedFramework | null = null;
  if (edition.supplement) {
    supplement = newestFramework(catalogue, edition.supplement, currentOnly) ?? newestFramework(catalogue, edition.supplement);
    if (!supplement || supplement.file.kind !== 'supplement') {
      return { ok: false, message: `The ${region.name} adds the supplement "${edition.supplement}", which is not installed.` };
    }
    if (status === 'current' && supplement.file.status === 'historic')
      return { ok: false, message: historicMessage(region.name, supplement.file.title) };
  }
  return {
    ok: true,
    framework: applyFramework(base as LoadedFramework<BaseFramework>, supplement as LoadedFramework<SupplementFramework> | null),
  };
}

function historicMessage(regionName: string, title: string): string {
  return `The ${regionName}'s current criteria, ${title}, are marked historic: they open older evaluations only. Ask the partnership for the current edition and import it in Settings.`;
}

/** The exact framework (and supplement) an existing evaluation was made against. */
export function frameworkByHashes(catalogue: FrameworkCatalogue, baseHash: string, supplementHash: string | null): AppliedFramework | null {
  const base = catalogue.byHash.get(baseHash);
  if (!base || base.file.kind !== 'framework') return null;
  const supplement = supplementHash === null ? null : catalogue.byHash.get(supplementHash);
  if (supplement === undefined || (supplement !== null && supplement.file.kind !== 'supplement')) return null;
  return applyFramework(base as LoadedFramework<BaseFramework>, supplement as LoadedFramework<SupplementFramework> | null);
}
