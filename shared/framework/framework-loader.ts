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

export type FrameworkLoadResult =
  | { ok: true; framework: LoadedFramework }
  /** `problemCount`: how many problems were found, when more than are listed. */
  | { ok: false; problems: FrameworkProblem[]; problemCount?: number };

/** At most this many problems are listed for one file; a last line says how many more there are. */
export const FRAMEWORK_MAX_PROBLEMS_LISTED = 20;
/** A message that lists the allowed values (levels, points, strands) names at most this many. */
export const FRAMEWORK_MAX_IDS_NAMED = 10;

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
    return { ok: false, problems: capProblems(schemaProblems.map((p) => ({ file: fileName, ...p }))), problemCount: schemaProblems.length };
  }
  const file = value as FrameworkFile;
  const problems = checkStructure(file).map((p) => ({ file: fileName, ...p }));
  if (problems.length > 0) return { ok: false, problems: capProblems(problems), problemCount: problems.length };
  return { ok: true, framework: { file, contentHash: await frameworkContentHash(file) } };
}

/** The first problems, and one more line saying how many are not listed. */
function capProblems(problems: FrameworkProblem[]): FrameworkProblem[] {
  if (problems.length <= FRAMEWORK_MAX_PROBLEMS_LISTED) return problems;
  const rest = problems.length - FRAMEWORK_MAX_PROBLEMS_LISTED;
  return [
    ...problems.slice(0, FRAMEWORK_MAX_PROBLEMS_LISTED),
    {
      file: problems[0]!.file,
      pointer: '',
      message: `has ${rest.toLocaleString('en-GB')} more problem${rest === 1 ? '' : 's'} not listed here; correct the ones above, then import the file again to see the rest`,
    },
  ];
}

/** "a, b, c, d, e and 7 more": a list of allowed ids that stays short however many there are. */
function someIds(ids: readonly string[]): string {
  if (ids.length <= FRAMEWORK_MAX_IDS_NAMED) return ids.join(', ');
  return `${ids.slice(0, FRAMEWORK_MAX_IDS_NAMED).join(', ')} and ${(ids.length - FRAMEWORK_MAX_IDS_NAMED).toLocaleString('en-GB')} more`;
}

/** SHA-256 of the canonical JSON of the framework, leaving out the editor's "$schema" hint. */
export async function frameworkContentHash(file: FrameworkFile): Promise<string> {
  const { $schema: _hint, ...content } = file as FrameworkFile & { $schema?: string };
  return sha256Hex(canonicalJson(content));
}

type Located = { pointer: string; message: string };

/** True when `id` is `parent`, then `separator`, then one or more digits. */
function isChildId(id: string, parent: string, separator: string): boolean {
  return (
    id.length > parent.length + 1 &&
    id.startsWith(parent) &&
    id.charAt(parent.length) === separator &&
    /^\d+$/.test(id.slice(parent.length + 1))
  );
}

/** What a schema cannot say: ids that nest and are unique, and references that resolve. Linear in the file's size. */
function checkStructure(file: FrameworkFile): Located[] {
  const problems: Located[] = [];
  const seen = new Map<string, string>();
  const claim = (id: string, pointer: string) => {
    const earlier = seen.get(id);
    if (earlier !== undefined) problems.push({ pointer: `${pointer}/id`, message: `repeats the id ${id} already used at ${earlier}` });
    else seen.set(id, pointer);
  };
  const pattern = (s: string) => s.replace(/[.]/g, '\\.');

  file.strands.forEach((strand, s) => {
    const strandPointer = `/strands/${s}`;
    if (!isChildId(strand.id, file.idPrefix, '-')) {
      problems.push({
        pointer: `${strandPointer}/id`,
        message: `must match ^${file.idPrefix}-\\d+$ (the framework's id prefix, a dash and a number)`,
      });
    }
    claim(strand.id, strandPointer);
    strand.standards.forEach((standard, t) => {
      const standardPointer = `${strandPointer}/standards/${t}`;
      if (!isChildId(standard.id, strand.id, '.')) {
        problems.push({
          pointer: `${standardPointer}/id`,
          message: `must match ^${pattern(strand.id)}\\.\\d+$ (its strand's id, a dot and a number)`,
        });
      }
      claim(standard.id, standardPointer);
      standard.criteria.forEach((criterion, c) => {
        const criterionPointer = `${standardPointer}/criteria/${c}`;
        if (!isChildId(criterion.id, standard.id, '.')) {
          problems.push({
            pointer: `${criterionPointer}/id`,
            message: `must match ^${pattern(standard.id)}\\.\\d+$ (its standard's id, a dot and a number)`,
          });
        }
        claim(criterion.id, criterionPointer);
      });
    });
  });

  if (file.kind === 'framework') problems.push(...checkFrameworkReferences(file));
  return problems;
}

/** The ids of a list, as given and as a Set to look up. */
function idList(ids: string[]): { ids: string[]; has: (id: string) => boolean; text: string } {
  const set = new Set(ids);
  const distinct = [...set];
  return { ids, has: (id) => set.has(id), text: someIds(distinct) };
}

function checkFrameworkReferences(file: BaseFrameworkFile): Located[] {
  const problems: Located[] = [];
  const points = idList(file.scale.points.map((p) => p.id));
  const levels = idList(file.levels.map((l) => l.id));
  const strands = idList(file.strands.map((s) => s.id));

  duplicates(points.ids).forEach((i) => problems.push({ pointer: `/scale/points/${i}/id`, message: 'repeats another point of the scale' }));
  duplicates(levels.ids).forEach((i) => problems.push({ pointer: `/levels/${i}/id`, message: 'repeats another level' }));
  if (!points.has(file.scale.metAtOrAbove)) {
    problems.push({ pointer: '/scale/metAtOrAbove', message: `must be one of the scale's points: ${points.text}` });
  }
  file.strands.forEach((strand, s) =>
    strand.standards.forEach((standard, t) =>
      standard.criteria.forEach((criterion, c) => {
        if (!levels.has(criterion.level)) {
          problems.push({
            pointer: `/strands/${s}/standards/${t}/criteria/${c}/level`,
            message: `must be one of the framework's levels: ${levels.text}`,
          });
        }
      }),
    ),
  );

  const awardLevels = file.awards.map((a) => a.level);
  file.awards.forEach((award, a) => {
    if (!levels.has(award.level)) {
      problems.push({ pointer: `/awards/${a}/level`, message: `must be one of the framework's levels: ${levels.text}` });
    }
    award.requires.forEach((rule, r) => {
      const rulePointer = `/awards/${a}/requires/${r}`;
      const point = rule.rule === 'at-most-below' ? rule.below : rule.atLeast;
      const pointKey = rule.rule === 'at-most-below' ? 'below' : 'atLeast';
      if (!points.has(point)) {
        problems.push({ pointer: `${rulePointer}/${pointKey}`, message: `must be one of the scale's points: ${points.text}` });
      }
      problems.push(...checkSelector(rule.criteria, `${rulePointer}/criteria`, levels, strands));
    });
  });
  duplicates(awardLevels).forEach((i) =>
    problems.push({ pointer: `/awards/${i}/level`, message: 'has a second award for the same level' }),
  );
  const levelOrder = new Map<string, number>();
  levels.ids.forEach((id, i) => {
    if (!levelOrder.has(id)) levelOrder.set(id, i);
  });
  const order = awardLevels.map((l) => levelOrder.get(l) ?? -1);
  if (order.some((v, i) => i > 0 && v < (order[i - 1] ?? -1))) {
    problems.push({ pointer: '/awards', message: 'must list awards in the same order as the levels, lowest first' });
  }
  return problems;
}

type IdList = ReturnType<typeof idList>;

function checkSelector(selector: CriteriaSelector, pointer: string, levels: IdList, strands: IdList): Located[] {
  const problems: Located[] = [];
  selector.levels?.forEach((level, i) => {
    if (!levels.has(level))
      problems.push({ pointer: `${pointer}/levels/${i}`, message: `must be one of the framework's levels: ${levels.text}` });
  });
  selector.strands?.forEach((strand, i) => {
    if (!strands.has(strand))
      problems.push({ pointer: `${pointer}/strands/${i}`, message: `must be one of the framework's strands: ${strands.text}` });
  });
  return problems;
}

/** The index of every value that repeats an earlier one. */
function duplicates(values: readonly string[]): number[] {
  const seen = new Set<string>();
  const out: number[] = [];
  values.forEach((value, i) => {
    if (seen.has(value)) out.push(i);
    else seen.add(value);
  });
  return out;
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
  const levels = idList(base.levels.map((l) => l.id));
  supplement.strands.forEach((strand, s) =>
    strand.standards.forEach((standard, t) =>
      standard.criteria.forEach((criterion, c) => {
        if (!levels.has(criterion.level)) {
          problems.push({
            file: fileName,
            pointer: `/strands/${s}/standards/${t}/criteria/${c}/level`,
            message: `must be one of ${base.title}'s levels: ${levels.text}`,
          });
        }
      }),
    ),
  );
  return capProblems(problems);
}
