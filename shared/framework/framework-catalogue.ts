import type { Region } from '../regions/regions';
import { applyFramework, type AppliedFramework } from './applied-framework';
import type { BaseFrameworkFile, LoadedFramework, SupplementFile } from './framework-types';

/**
 * Every framework version the app knows: the shipped ones and those a partnership imported.
 * Evaluations pin the exact version by content hash; new evaluations use the newest version of
 * the framework (and supplement) their region names.
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

export function newestFramework(catalogue: FrameworkCatalogue, id: string): LoadedFramework | null {
  let best: LoadedFramework | null = null;
  for (const f of catalogue.byHash.values()) {
    if (f.file.id === id && (best === null || compareVersions(f.file.version, best.file.version) > 0)) best = f;
  }
  return best;
}

export type RegionFramework = { ok: true; framework: AppliedFramework } | { ok: false; message: string };

/** The framework a new evaluation in this region is made against. */
export function frameworkForRegion(catalogue: FrameworkCatalogue, regionId: string): RegionFramework {
  const region = catalogue.regions.find((r) => r.id === regionId);
  if (!region) return { ok: false, message: `The region "${regionId}" is not known to this app.` };
  const base = newestFramework(catalogue, region.framework);
  if (!base || base.file.kind !== 'framework') {
    return { ok: false, message: `The ${region.name} uses the framework "${region.framework}", which is not installed.` };
  }
  let supplement: LoadedFramework | null = null;
  if (region.supplement) {
    supplement = newestFramework(catalogue, region.supplement);
    if (!supplement || supplement.file.kind !== 'supplement') {
      return { ok: false, message: `The ${region.name} adds the supplement "${region.supplement}", which is not installed.` };
    }
  }
  return {
    ok: true,
    framework: applyFramework(base as LoadedFramework<BaseFrameworkFile>, supplement as LoadedFramework<SupplementFile> | null),
  };
}

/** The exact framework (and supplement) an existing evaluation was made against. */
export function frameworkByHashes(catalogue: FrameworkCatalogue, baseHash: string, supplementHash: string | null): AppliedFramework | null {
  const base = catalogue.byHash.get(baseHash);
  if (!base || base.file.kind !== 'framework') return null;
  const supplement = supplementHash === null ? null : catalogue.byHash.get(supplementHash);
  if (supplement === undefined || (supplement !== null && supplement.file.kind !== 'supplement')) return null;
  return applyFramework(base as LoadedFramework<BaseFrameworkFile>, supplement as LoadedFramework<SupplementFile> | null);
}
