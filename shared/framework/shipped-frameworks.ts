import northEast2026 from '../../criteria/frameworks/north-east-2026.json';
import northEast from '../../criteria/frameworks/north-east.json';
import southWestParents2026 from '../../criteria/frameworks/south-west-parents-supplement-2026.json';
import southWestParents from '../../criteria/frameworks/south-west-parents-supplement.json';
import southern2026 from '../../criteria/frameworks/southern-2026.json';
import southern from '../../criteria/frameworks/southern.json';
import northEastCrosswalk from '../../criteria/crosswalks/north-east--north-east-2026.json';
import southWestParentsCrosswalk from '../../criteria/crosswalks/south-west-parents--south-west-parents-2026.json';
import southernCrosswalk from '../../criteria/crosswalks/southern--southern-2026.json';
import regionsFile from '../../criteria/regions.json';
import { formatCrosswalkProblem, loadCrosswalk, type CrosswalkFile } from '../evaluation/edition-crosswalk';
import { loadRegions, regionsOfCheckedFile, type Region, type RegionsFile } from '../regions/regions';
import { checkSupplementFits, formatProblem, frameworkModel, loadFrameworkValue, type Version1Placement } from './framework-loader';
import { SHIPPED_CONTENT_HASHES } from './shipped-content-hashes.generated';
import type { BaseFramework, LoadedFramework, SupplementFramework, WrittenFrameworkFile } from './framework-types';

/** The 2005 editions (format version 1, which cannot say so itself): historic, for opening older work only. */
export const HISTORIC_2005: Version1Placement = { status: 'historic', edition: '2005' };

/** The framework files that ship with the app, by file name: the 2026 editions and the 2005 ones they replace. */
export const SHIPPED_FRAMEWORK_FILES: readonly { fileName: string; value: unknown; placement?: Version1Placement }[] = [
  { fileName: 'north-east-2026.json', value: northEast2026 },
  { fileName: 'southern-2026.json', value: southern2026 },
  { fileName: 'south-west-parents-supplement-2026.json', value: southWestParents2026 },
  { fileName: 'north-east.json', value: northEast, placement: HISTORIC_2005 },
  { fileName: 'southern.json', value: southern, placement: HISTORIC_2005 },
  { fileName: 'south-west-parents-supplement.json', value: southWestParents, placement: HISTORIC_2005 },
];

/** The crosswalks from each 2005 edition to its 2026 successor, by file name. */
export const SHIPPED_CROSSWALK_FILES: readonly { fileName: string; value: unknown }[] = [
  { fileName: 'north-east--north-east-2026.json', value: northEastCrosswalk },
  { fileName: 'southern--southern-2026.json', value: southernCrosswalk },
  { fileName: 'south-west-parents--south-west-parents-2026.json', value: southWestParentsCrosswalk },
];

/** The shipped crosswalks, as carrying an evaluation forward across editions reads them (loadShippedData checks them). */
export const SHIPPED_CROSSWALKS: readonly CrosswalkFile[] = SHIPPED_CROSSWALK_FILES.map((f) => f.value as CrosswalkFile);

export class ShippedDataError extends Error {
  override name = 'ShippedDataError';
  constructor(readonly problems: string[]) {
    super(`The criteria shipped with the app are damaged:\n${problems.join('\n')}`);
  }
}

/**
 * Validates and identifies the shipped frameworks and regions; throws only if the app itself is broken.
 * `checkedAtBuild`: the app's start takes the files as checked, in full, by
 * build/shipped-content-hashes.ts (the first step of `npm test`, and of building the app), which
 * wrote each framework's content hash then: it only builds the models. A file the generated hashes
 * do not name (they are older than the files) is checked here in full, as every load is without it.
 */
export async function loadShippedData({ checkedAtBuild = false } = {}): Promise<{
  frameworks: LoadedFramework[];
  regions: Region[];
}> {
  if (checkedAtBuild) {
    const asChecked = shippedDataAsChecked();
    if (asChecked) return asChecked;
  }
  const problems: string[] = [];
  const loaded: { fileName: string; framework: LoadedFramework }[] = [];
  for (const { fileName, value, placement } of SHIPPED_FRAMEWORK_FILES) {
    const result = await loadFrameworkValue(fileName, value, placement);
    if (result.ok) loaded.push({ fileName, framework: result.framework });
    else problems.push(...result.problems.map(formatProblem));
  }
  const frameworks = loaded.map((l) => l.framework);
  for (const { fileName, framework: f } of loaded) {
    if (f.file.kind !== 'supplement') continue;
    const supplement = f as LoadedFramework<SupplementFramework>;
    const base = frameworks.find((b) => b.file.kind === 'framework' && b.file.id === supplement.file.extends) as
      LoadedFramework<BaseFramework> | undefined;
    if (!base) problems.push(`${fileName}: /extends: adds to "${supplement.file.extends}", which is not shipped`);
    else problems.push(...checkSupplementFits(fileName, base.file, supplement.file).map(formatProblem));
  }
  const byId = (id: string) => frameworks.find((f) => f.file.id === id)?.file ?? null;
  for (const { fileName, value } of SHIPPED_CROSSWALK_FILES) {
    const crosswalk = value as Partial<CrosswalkFile>;
    const from = byId(String(crosswalk.from));
    const to = byId(String(crosswalk.to));
    if (!from || !to) {
      problems.push(`${fileName}: /: joins "${String(crosswalk.from)}" to "${String(crosswalk.to)}", which are not both shipped`);
      continue;
    }
    const toBase = to.kind === 'supplement' ? byId(to.extends) : null;
    const checked = loadCrosswalk(fileName, value, { from, to, toBase });
    if (!checked.ok) problems.push(...checked.problems.map(formatCrosswalkProblem));
  }
  const regions = loadRegions('regions.json', regionsFile);
  if (!regions.ok) problems.push(...regions.problems);
  if (problems.length > 0 || !regions.ok) throw new ShippedDataError(problems);
  return { frameworks, regions: regions.regions };
}

/** The shipped data as the build's full check left it, or null when the generated hashes do not name every file. */
function shippedDataAsChecked(): { frameworks: LoadedFramework[]; regions: Region[] } | null {
  const frameworks: LoadedFramework[] = [];
  for (const { fileName, value, placement } of SHIPPED_FRAMEWORK_FILES) {
    const contentHash = SHIPPED_CONTENT_HASHES[fileName];
    if (contentHash === undefined) return null;
    const written = value as WrittenFrameworkFile;
    frameworks.push({ file: frameworkModel(written, placement), written, contentHash });
  }
  return { frameworks, regions: regionsOfCheckedFile(regionsFile as RegionsFile) };
}
