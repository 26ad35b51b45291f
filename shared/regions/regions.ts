import regionsSchema from '../../criteria/schema/regions.schema.json';
import { createSchemaCheck } from '../formats/json-schema-check';

export interface Region {
  id: string;
  name: string;
  partnership: string;
  framework: string;
  supplement: string | null;
  renewalYears: number;
  localAuthorities: string[];
}

export interface RegionsFile {
  formatVersion: 1;
  regions: Region[];
}

const checkRegions = createSchemaCheck(regionsSchema);

/** Validates regions.json; returns its problems as "file: pointer: message" lines, or the regions. */
export function loadRegions(fileName: string, value: unknown): { ok: true; regions: Region[] } | { ok: false; problems: string[] } {
  const problems = checkRegions(value).map((p) => `${fileName}: ${p.pointer || '/'}: ${p.message}`);
  if (problems.length > 0) return { ok: false, problems };
  const file = value as RegionsFile;
  const ids = file.regions.map((r) => r.id);
  const repeated = ids.flatMap((id, i) => (ids.indexOf(id) !== i ? [`${fileName}: /regions/${i}/id: repeats the region id ${id}`] : []));
  if (repeated.length > 0) return { ok: false, problems: repeated };
  return { ok: true, regions: file.regions };
}
