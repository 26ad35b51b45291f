import frameworkSchema from '../../criteria/schema/framework.schema.json';
import { canonicalJson } from '../formats/canonical-json';
import { createSchemaCheck } from '../formats/json-schema-check';
import { parseJsonText } from '../formats/json-parse';
import { sha256Hex } from '../formats/sha256';
import type { BaseFrameworkFile, CriteriaSelector, FrameworkFile, LoadedFramework, SupplementFile } from './framework-types';

/** One thing wrong with a framework file, told as "file: JSON pointer: what is wrong". */
export interface FrameworkProblem {
  file: string;
  pointer: string;
  message: string;
}

export function formatProblem(problem: FrameworkProblem): string {
  return `${problem.file}: ${problem.pointer || '/'}: ${problem.message}`;
}

export type FrameworkLoadResult = { ok: true; framework: LoadedFramework } | { ok: false; problems: FrameworkProblem[] };

const checkSchema = createSchemaCheck(frameworkSchema);

/** Parses, validates and identifies a framework file. Never throws for bad content. */
export async function loadFrameworkText(fileName: string, text: string): Promise<FrameworkLoadResult> {
  const parsed = parseJsonText(text);
  if (!parsed.ok) return { ok: false, problems: [{ file: fileName, pointer: '', message: parsed.message }] };
  return loadFrameworkValue(fileName, parsed.value);
}

export async function loadFrameworkValue(fileName: string, value: unknown): Promise<FrameworkLoadResult> {
  const schemaProblems = checkSchema(value);
  if (schemaProblems.length > 0) {
    return { ok: false, problems: schemaProblems.map((p) => ({ file: fileName, ...p })) };
  }
  const file = value as FrameworkFile;
  const problems = checkStructure(file).map((p) => ({ file: fileName, ...p }));
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, framework: { file, contentHash: await frameworkContentHash(file) } };
}

/** SHA-256 of the canonical JSON of the framework, leaving out the editor's "$schema" hint. */
export async function frameworkContentHash(file: FrameworkFile): Promise<string> {
  const { $schema: _hint, ...content } = file as FrameworkFile & { $schema?: string };
  return sha256Hex(canonicalJson(content));
}

type Located = { pointer: string; message: string };

/** What a schema cannot say: ids that nest and are unique, and references that resolve. */
function checkStructure(file: FrameworkFile): Located[] {
  const problems: Located[] = [];
  const seen = new Map<string, string>();
  const claim = (id: string, pointer: string) => {
    const earlier = seen.get(id);
    if (earlier !== undefined) problems.push({ pointer: `${pointer}/id`, message: `repeats the id ${id} already used at ${earlier}` });
    else seen.set(id, pointer);
  };
  const escape = (s: string) => s.replace(/[.]/g, '\\.');

  file.strands.forEach((strand, s) => {
    const strandPointer = `/strands/${s}`;
    if (!new RegExp(`^${file.idPrefix}-\\d+$`).test(strand.id)) {
      problems.push({
        pointer: `${strandPointer}/id`,
        message: `must match ^${file.idPrefix}-\\d+$ (the framework's id prefix, a dash and a number)`,
      });
    }
    claim(strand.id, strandPointer);
    strand.standards.forEach((standard, t) => {
      const standardPointer = `${strandPointer}/standards/${t}`;
      if (!new RegExp(`^${escape(strand.id)}\\.\\d+$`).test(standard.id)) {
        problems.push({
          pointer: `${standardPointer}/id`,
          message: `must match ^${escape(strand.id)}\\.\\d+$ (its strand's id, a dot and a number)`,
        });
      }
      claim(standard.id, standardPointer);
      standard.criteria.forEach((criterion, c) => {
        const criterionPointer = `${standardPointer}/criteria/${c}`;
        if (!new RegExp(`^${escape(standard.id)}\\.\\d+$`).test(criterion.id)) {
          problems.push({
            pointer: `${criterionPointer}/id`,
            message: `must match ^${escape(standard.id)}\\.\\d+$ (its standard's id, a dot and a number)`,
          });
        }
        claim(criterion.id, criterionPointer);
      });
    });
  });

  if (file.kind === 'framework') problems.push(...checkFrameworkReferences(file));
  return problems;
}

function checkFrameworkReferences(file: BaseFrameworkFile): Located[] {
  const problems: Located[] = [];
  const pointIds = file.scale.points.map((p) => p.id);
  const levelIds = file.levels.map((l) => l.id);
  const strandIds = file.strands.map((s) => s.id);

  duplicates(pointIds).forEach((i) => problems.push({ pointer: `/scale/points/${i}/id`, message: 'repeats another point of the scale' }));
  duplicates(levelIds).forEach((i) => problems.push({ pointer: `/levels/${i}/id`, message: 'repeats another level' }));
  if (!pointIds.includes(file.scale.metAtOrAbove)) {
    problems.push({ pointer: '/scale/metAtOrAbove', message: `must be one of the scale's points: ${pointIds.join(', ')}` });
  }
  file.strands.forEach((strand, s) =>
    strand.standards.forEach((standard, t) =>
      standard.criteria.forEach((criterion, c) => {
        if (!levelIds.includes(criterion.level)) {
          problems.push({
            pointer: `/strands/${s}/standards/${t}/criteria/${c}/level`,
            message: `must be one of the framework's levels: ${levelIds.join(', ')}`,
          });
        }
      }),
    ),
  );

  const awardLevels = file.awards.map((a) => a.level);
  file.awards.forEach((award, a) => {
    if (!levelIds.includes(award.level)) {
      problems.push({ pointer: `/awards/${a}/level`, message: `must be one of the framework's levels: ${levelIds.join(', ')}` });
    }
    award.requires.forEach((rule, r) => {
      const rulePointer = `/awards/${a}/requires/${r}`;
      const point = rule.rule === 'at-most-below' ? rule.below : rule.atLeast;
      const pointKey = rule.rule === 'at-most-below' ? 'below' : 'atLeast';
      if (!pointIds.includes(point)) {
        problems.push({ pointer: `${rulePointer}/${pointKey}`, message: `must be one of the scale's points: ${pointIds.join(', ')}` });
      }
      problems.push(...checkSelector(rule.criteria, `${rulePointer}/criteria`, levelIds, strandIds));
    });
  });
  duplicates(awardLevels).forEach((i) =>
    problems.push({ pointer: `/awards/${i}/level`, message: 'has a second award for the same level' }),
  );
  const order = awardLevels.map((l) => levelIds.indexOf(l));
  if (order.some((v, i) => i > 0 && v < (order[i - 1] ?? -1))) {
    problems.push({ pointer: '/awards', message: 'must list awards in the same order as the levels, lowest first' });
  }
  return problems;
}

function checkSelector(selector: CriteriaSelector, pointer: string, levelIds: string[], strandIds: string[]): Located[] {
  const problems: Located[] = [];
  selector.levels?.forEach((level, i) => {
    if (!levelIds.includes(level))
      problems.push({ pointer: `${pointer}/levels/${i}`, message: `must be one of the framework's levels: ${levelIds.join(', ')}` });
  });
  selector.strands?.forEach((strand, i) => {
    if (!strandIds.includes(strand))
      problems.push({ pointer: `${pointer}/strands/${i}`, message: `must be one of the framework's strands: ${strandIds.join(', ')}` });
  });
  return problems;
}

function duplicates(values: string[]): number[] {
  return values.flatMap((value, i) => (values.indexOf(value) !== i ? [i] : []));
}

/** A supplement's criteria must use the levels of the framework it adds to, and must not reuse its ids. */
export function checkSupplementFits(fileName: string, base: BaseFrameworkFile, supplement: SupplementFile): FrameworkProblem[] {
  const problems: FrameworkProblem[] = [];
  if (supplement.extends !== base.id) {
    problems.push({ file: fileName, pointer: '/extends', message: `adds to "${supplement.extends}", not to "${base.id}"` });
  }
  if (supplement.idPrefix === base.idPrefix) {
    problems.push({ file: fileName, pointer: '/idPrefix', message: `must differ from the framework's own prefix ${base.idPrefix}` });
  }
  const levelIds = base.levels.map((l) => l.id);
  supplement.strands.forEach((strand, s) =>
    strand.standards.forEach((standard, t) =>
      standard.criteria.forEach((criterion, c) => {
        if (!levelIds.includes(criterion.level)) {
          problems.push({
            file: fileName,
            pointer: `/strands/${s}/standards/${t}/criteria/${c}/level`,
            message: `must be one of ${base.title}'s levels: ${levelIds.join(', ')}`,
          });
        }
      }),
    ),
  );
  return problems;
}
