import northEast from '../../criteria/frameworks/north-east.json';
import southWestParents from '../../criteria/frameworks/south-west-parents-supplement.json';
import southern from '../../criteria/frameworks/southern.json';
import regionsFile from '../../criteria/regions.json';
import { loadRegions, type Region } from '../regions/regions';
import { checkSupplementFits, formatProblem, loadFrameworkValue } from './framework-loader';
import type { BaseFrameworkFile, LoadedFramework, SupplementFile } from './framework-types';

/** The framework files that ship with the app, by file name. */
export const SHIPPED_FRAMEWORK_FILES: readonly { fileName: string; value: unknown }[] = [
  { fileName: 'north-east.json', value: northEast },
  { fileName: 'southern.json', value: southern },
  { fileName: 'south-west-parents-supplement.json', value: southWestParents },
];

export class ShippedDataError extends Error {
  override name = 'ShippedDataError';
  constructor(readonly problems: string[]) {
    super(`The criteria shipped with the app are damaged:\n${problems.join('\n')}`);
  }
}

/** Validates and identifies the shipped frameworks and regions; throws only if the app itself is broken. */
export async function loadShippedData(): Promise<{ frameworks: LoadedFramework[]; regions: Region[] }> {
  const problems: string[] = [];
  const loaded: { fileName: string; framework: LoadedFramework }[] = [];
  for (const { fileName, value } of SHIPPED_FRAMEWORK_FILES) {
    const result = await loadFrameworkValue(fileName, value);
    if (result.ok) loaded.push({ fileName, framework: result.framework });
    else problems.push(...result.problems.map(formatProblem));
  }
  const frameworks = loaded.map((l) => l.framework);
  for (const { fileName, framework: f } of loaded) {
    if (f.file.kind !== 'supplement') continue;
    const supplement = f as LoadedFramework<SupplementFile>;
    const base = frameworks.find((b) => b.file.kind === 'framework' && b.file.id === supplement.file.extends) as
      LoadedFramework<BaseFrameworkFile> | undefined;
    if (!base) problems.push(`${fileName}: /extends: adds to "${supplement.file.extends}", which is not shipped`);
    else problems.push(...checkSupplementFits(fileName, base.file, supplement.file).map(formatProblem));
  }
  const regions = loadRegions('regions.json', regionsFile);
  if (!regions.ok) problems.push(...regions.problems);
  if (problems.length > 0 || !regions.ok) throw new ShippedDataError(problems);
  return { frameworks, regions: regions.regions };
}
