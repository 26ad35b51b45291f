import frameworkV2Schema from '../../criteria/schema/framework-v2.schema.json';
import frameworkSchema from '../../criteria/schema/framework.schema.json';
import { canonicalJson } from '../formats/canonical-json';
import { createSchemaCheck } from '../formats/json-schema-check';
import { parseJsonText } from '../formats/json-parse';
import { sha256Hex } from '../formats/sha256';
import type {
  BaseFramework,
  BaseFrameworkFileV1,
  BaseFrameworkFileV2,
  CriteriaSelector,
  Criterion,
  CriterionV1,
  Framework,
  FrameworkFileV1,
  FrameworkFileV2,
  FrameworkStatus,
  JudgementScale,
  LoadedFramework,
  Reference,
  Source,
  Strand,
  SupplementFileV1,
  SupplementFileV2,
  SupplementFramework,
  WrittenFrameworkFile,
} from './framework-types';
import { formatCount } from '../formats/en-gb-counts';

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

const checkSchemaV1 = createSchemaCheck(frameworkSchema);
const checkSchemaV2 = createSchemaCheck(frameworkV2Schema);

/**
 * How a format version 1 file, which says neither, is placed: its status and edition. A file a
 * partnership imports is 'current' with no edition (a partnership that writes its own framework
 * in format 1 means it for use); the app declares its own three 2005 editions 'historic', '2005'
 * (shipped-frameworks.ts). A format version 2 file always says both itself.
 */
export interface Version1Placement {
  status: FrameworkStatus;
  edition: string | null;
}

export const VERSION_1_DEFAULT_PLACEMENT: Version1Placement = { status: 'current', edition: null };

/**
 * The source a format version 1 file's Code of Practice chapters are references to: the loader
 * declares it for every format 1 file, so that chapters read as "SEN Code of Practice (2001), chapter 5"
 * with no chapter titles held in code.
 */
export const SEN_CODE_2001: Source = {
  id: 'sen-code-2001',
  title: 'SEN Code of Practice',
  edition: '2001',
  kind: 'statutory-guidance',
};

/** Parses, validates and identifies a framework file. Never throws for bad content. */
export async function loadFrameworkText(
  fileName: string,
  text: string,
  placement: Version1Placement = VERSION_1_DEFAULT_PLACEMENT,
): Promise<FrameworkLoadResult> {
  const parsed = parseJsonText(text);
  if (!parsed.ok) return { ok: false, problems: [{ file: fileName, pointer: '', message: parsed.message }] };
  return loadFrameworkValue(fileName, parsed.value, placement);
}

/** The format version a file says it is in, if it is an object that says one; a file that says none is checked as format 1. */
function formatVersionOf(value: unknown): unknown {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as { formatVersion?: unknown }).formatVersion
    : undefined;
}

export async function loadFrameworkValue(
  fileName: string,
  value: unknown,
  placement: Version1Placement = VERSION_1_DEFAULT_PLACEMENT,
  /** True only for a file built into the app, which the test suite checks against its schema: the structure is still checked. */
  schemaCheckedAtBuild = false,
): Promise<FrameworkLoadResult> {
  const version = formatVersionOf(value);
  if (version !== undefined && version !== 1 && version !== 2) {
    return {
      ok: false,
      problems: [
        { file: fileName, pointer: '/formatVersion', message: 'must be 1 or 2: this app reads framework format versions 1 and 2' },
      ],
    };
  }
  const schemaProblems = schemaCheckedAtBuild ? [] : version === 2 ? checkSchemaV2(value) : checkSchemaV1(value);
  if (schemaProblems.length > 0) {
    return { ok: false, problems: capProblems(schemaProblems.map((p) => ({ file: fileName, ...p }))), problemCount: schemaProblems.length };
  }
  const written = value as WrittenFrameworkFile;
  const file = frameworkModel(written, placement);
  const problems = checkStructure(file).map((p) => ({ file: fileName, ...p }));
  if (problems.length > 0) return { ok: false, problems: capProblems(problems), problemCount: problems.length };
  return { ok: true, framework: { file, written, contentHash: await frameworkContentHash(written) } };
}

/**
 * The in-memory model of a file that passed its schema. Format 2 is read as written (a criterion
 * without `appliesTo` applies to every school). Format 1 gains what it never said: a short title
 * from each statement, its Code of Practice chapters as references to SEN_CODE_2001, no legal
 * duty named, no applicability limit, never "not applicable", no descriptors, no glossary.
 */
export function frameworkModel(written: BaseFrameworkFileV1 | BaseFrameworkFileV2, placement?: Version1Placement): BaseFramework;
export function frameworkModel(written: SupplementFileV1 | SupplementFileV2, placement?: Version1Placement): SupplementFramework;
export function frameworkModel(written: WrittenFrameworkFile, placement?: Version1Placement): Framework;
export function frameworkModel(written: WrittenFrameworkFile, placement: Version1Placement = VERSION_1_DEFAULT_PLACEMENT): Framework {
  return written.formatVersion === 2 ? modelOfVersion2(written) : modelOfVersion1(written, placement);
}

function modelOfVersion2(written: FrameworkFileV2): Framework {
  const { $schema: _hint, ...file } = written as FrameworkFileV2 & { $schema?: string };
  const strands: Strand[] = file.strands.map((strand) => ({
    ...strand,
    standards: strand.standards.map((standard) => ({
      ...standard,
      criteria: standard.criteria.map(({ appliesTo, ...criterion }): Criterion => ({ ...criterion, appliesTo: appliesTo ?? null })),
    })),
  }));
  return { ...file, sources: file.sources ?? [], glossary: file.glossary ?? [], strands };
}

function modelOfVersion1(written: FrameworkFileV1, placement: Version1Placement): Framework {
  const { $schema: _hint, ...file } = written as FrameworkFileV1 & { $schema?: string };
  const strands: Strand[] = file.strands.map((strand) => ({
    ...strand,
    standards: strand.standards.map((standard) => ({ ...standard, criteria: standard.criteria.map(criterionOfVersion1) })),
  }));
  return { ...file, status: placement.status, edition: placement.edition, sources: [SEN_CODE_2001], glossary: [], strands };
}

function criterionOfVersion1({ codeOfPractice, ...criterion }: CriterionV1): Criterion {
  return {
    ...criterion,
    title: shortTitle(criterion.statement),
    statutory: null,
    references: codeOfPractice.map((chapter): Reference => ({ source: SEN_CODE_2001.id, section: `chapter ${chapter}` })),
    appliesTo: null,
    mayBeNotApplicable: false,
    descriptors: {},
  };
}

/** Titles derived from a statement are at most this long. */
export const DERIVED_TITLE_MAX_CHARS = 60;

/** A short name from a statement: the statement itself when short, otherwise its first words and an ellipsis. */
export function shortTitle(statement: string): string {
  const text = statement
    .trim()
    .replace(/\s+/g, ' ')
    .replace(/[.;:,]+$/, '');
  if (text.length <= DERIVED_TITLE_MAX_CHARS) return text;
  const cut = text.slice(0, DERIVED_TITLE_MAX_CHARS - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > DERIVED_TITLE_MAX_CHARS / 2 ? cut.slice(0, space) : cut).replace(/[.;:,]+$/, '')}…`;
}

/** "SEND Code of Practice: 0 to 25 years (January 2015), chapter 6": a reference as a reader sees it. */
export function referenceText(reference: Reference, sources: readonly Source[]): string {
  const source = sources.find((s) => s.id === reference.source);
  return source ? `${source.title} (${source.edition}), ${reference.section}` : `${reference.source}, ${reference.section}`;
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
      message: `has ${formatCount(rest)} more problem${rest === 1 ? '' : 's'} not listed here; correct the ones above, then import the file again to see the rest`,
    },
  ];
}

/** "a, b, c, d, e and 7 more": a list of allowed ids that stays short however many there are. */
function someIds(ids: readonly string[]): string {
  if (ids.length <= FRAMEWORK_MAX_IDS_NAMED) return ids.join(', ');
  return `${ids.slice(0, FRAMEWORK_MAX_IDS_NAMED).join(', ')} and ${formatCount(ids.length - FRAMEWORK_MAX_IDS_NAMED)} more`;
}

/** SHA-256 of the canonical JSON of the framework, leaving out the editor's "$schema" hint. */
export async function frameworkContentHash(file: WrittenFrameworkFile): Promise<string> {
  const { $schema: _hint, ...content } = file as WrittenFrameworkFile & { $schema?: string };
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
function checkStructure(file: Framework): Located[] {
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

  duplicates(file.sources.map((s) => s.id)).forEach((i) =>
    problems.push({ pointer: `/sources/${i}/id`, message: 'repeats the id of another source' }),
  );
  if (file.kind === 'framework') {
    problems.push(...checkFrameworkReferences(file));
    if (file.formatVersion === 2) problems.push(...checkCitationsAndDescriptors(file, idList(file.sources.map((s) => s.id)), file.scale));
  }
  return problems;
}

/**
 * Format 2: every reference (and the statutory one) names a declared source, and every criterion
 * describes each point of the scale and nothing else. `sources` are the ids the criteria may cite,
 * `scale` the scale they are judged on. Linear: a criterion has at most a few of each.
 */
function checkCitationsAndDescriptors(file: Framework, sources: IdList, scale: JudgementScale): Located[] {
  const problems: Located[] = [];
  const points = idList(scale.points.map((p) => p.id));
  const cite = (reference: Reference, pointer: string) => {
    if (!sources.has(reference.source)) {
      problems.push({
        pointer: `${pointer}/source`,
        message:
          sources.ids.length === 0
            ? `cites the source "${reference.source}", but no sources are declared; declare it in /sources`
            : `cites the source "${reference.source}", which is not declared; declare it in /sources or cite one of: ${sources.text}`,
      });
    }
  };
  file.strands.forEach((strand, s) =>
    strand.standards.forEach((standard, t) =>
      standard.criteria.forEach((criterion, c) => {
        const pointer = `/strands/${s}/standards/${t}/criteria/${c}`;
        criterion.references.forEach((reference, r) => cite(reference, `${pointer}/references/${r}`));
        if (criterion.statutory) cite(criterion.statutory, `${pointer}/statutory`);
        for (const point of Object.keys(criterion.descriptors)) {
          if (!points.has(point)) {
            problems.push({
              pointer: `${pointer}/descriptors/${point}`,
              message: `describes "${point}", which is not a point of the scale; the points are: ${points.text}`,
            });
          }
        }
        for (const point of scale.points) {
          if (!Object.hasOwn(criterion.descriptors, point.id)) {
            problems.push({
              pointer: `${pointer}/descriptors`,
              message: `has no descriptor for "${point.id}" (${point.label}); describe every point of the scale`,
            });
          }
        }
      }),
    ),
  );
  return problems;
}

/**
 * The ids of a list, as given and as a Set to look up; `text` (for a problem's message) is written
 * only when a problem asks for it, so a file with no problems never formats a number.
 */
function idList(ids: string[]): { ids: string[]; has: (id: string) => boolean; readonly text: string } {
  const set = new Set(ids);
  return {
    ids,
    has: (id) => set.has(id),
    get text() {
      return someIds([...set]);
    },
  };
}

function checkFrameworkReferences(file: BaseFramework): Located[] {
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

/**
 * A supplement's criteria must use the levels of the framework it adds to, and must not reuse its
 * ids; in format 2 they may cite the sources of either file, and describe the base's scale.
 */
export function checkSupplementFits(fileName: string, base: BaseFramework, supplement: SupplementFramework): FrameworkProblem[] {
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
  if (supplement.formatVersion === 2) {
    const sources = idList([...supplement.sources, ...base.sources].map((s) => s.id));
    problems.push(...checkCitationsAndDescriptors(supplement, sources, base.scale).map((p) => ({ file: fileName, ...p })));
  }
  return capProblems(problems);
}
