import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import northEast2026 from '../../criteria/frameworks/north-east-2026.json';
import southWestParents2026 from '../../criteria/frameworks/south-west-parents-supplement-2026.json';
import southern2026 from '../../criteria/frameworks/southern-2026.json';
import framework2Schema from '../../criteria/schema/framework-v2.schema.json';
import { createSchemaCheck } from '../../shared/formats/json-schema-check';

/**
 * Content checks for the 2026 editions (framework format version 2). Each check is a function over
 * one file that returns a list of problems, so the same functions run over the shipped files and,
 * in the last describe block, over deliberately broken copies to prove that every check can fail.
 */

// ---- The format, as far as these checks need it (the schema is the contract) ----

interface Reference {
  source: string;
  section: string;
}

interface Applicability {
  phases?: string[];
  settings?: string[];
  cohorts?: string[];
  reason?: string;
}

interface Criterion {
  id: string;
  title: string;
  statement: string;
  guidance: string;
  suggestedEvidence: string[];
  level: string;
  mandatory: boolean;
  statutory: Reference | null;
  references: Reference[];
  mayBeNotApplicable: boolean;
  descriptors: Record<string, string>;
  appliesTo?: Applicability;
}

interface Standard {
  id: string;
  title: string;
  criteria: Criterion[];
}

interface Strand {
  id: string;
  title: string;
  summary: string;
  standards: Standard[];
}

interface Selector {
  levels?: string[];
  mandatory?: boolean;
  strands?: string[];
  statutory?: boolean;
}

interface Rule {
  rule: string;
  criteria: Selector;
  atLeast?: string;
  below?: string;
  percent?: number;
  atMost?: number;
  withEvidence?: boolean;
}

interface Framework2026 {
  kind: string;
  id: string;
  idPrefix: string;
  extends?: string;
  scale?: { name: string; points: { id: string; label: string; descriptor: string }[]; metAtOrAbove: string };
  levels?: { id: string; label: string; description: string }[];
  awards?: { level: string; summary?: string; requires: Rule[] }[];
  sources?: { id: string; title: string; edition: string; kind: string }[];
  glossary?: { term: string; aliases?: string[]; definition: string }[];
  strands: Strand[];
}

// ---- The files ----

/** Every 2026 edition, listed explicitly. Each one that exists on disk must be imported below and checked. */
const PATHS_2026 = [
  'criteria/frameworks/north-east-2026.json',
  'criteria/frameworks/southern-2026.json',
  'criteria/frameworks/south-west-parents-supplement-2026.json',
] as const;
type Path2026 = (typeof PATHS_2026)[number];

const MIN_CRITERIA: Record<Path2026, number> = {
  'criteria/frameworks/north-east-2026.json': 60,
  'criteria/frameworks/southern-2026.json': 55,
  'criteria/frameworks/south-west-parents-supplement-2026.json': 8,
};

/** The imported 2026 files: a new edition is one line here plus its import at the top. */
const CHECKED: Partial<Record<Path2026, Framework2026>> = {
  'criteria/frameworks/north-east-2026.json': northEast2026 as Framework2026,
  'criteria/frameworks/southern-2026.json': southern2026 as Framework2026,
  'criteria/frameworks/south-west-parents-supplement-2026.json': southWestParents2026 as Framework2026,
};

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

interface Entry {
  path: string;
  file: Framework2026;
  minCriteria: number;
}

const ENTRIES: Entry[] = PATHS_2026.flatMap((path) => {
  const file = CHECKED[path];
  return file ? [{ path, file, minCriteria: MIN_CRITERIA[path] }] : [];
});

// ---- What the files must say ----

/** 2001-era terms that must not appear anywhere in a 2026 edition's text (case insensitive, whole words). */
const HISTORIC_TERMS: RegExp[] = [
  /\bSchool Action\b/i,
  /\bIEPs?\b/i,
  /\bindividual education plans?\b/i,
  /\bstatements? of special\b/i,
  /\bstatemented\b/i,
  /\bConnexions\b/i,
  /\bP scales?\b/i,
  /\bparent partnership\b/i,
  /\bBESD\b/i,
  /\bdisability equality schemes?\b/i,
  /\bLEAs?\b/i,
  /\bfixed-term exclusions?\b/i,
  /\bnational curriculum levels?\b/i,
];

/**
 * The statutory duties of a school's SEN provision. Each must be covered by at least one statutory
 * criterion of each base framework: every pattern of the duty matches that criterion's
 * title, statement and guidance taken together.
 */
const STATUTORY_DUTIES: { duty: string; patterns: RegExp[] }[] = [
  { duty: 'SEN information report', patterns: [/\bSEN information report\b/i] },
  {
    duty: 'SENCO: a qualified teacher with the NPQ within three years',
    patterns: [/\bSENCOs?\b/i, /\bNPQ\b|National Professional Qualification|National Award/i],
  },
  { duty: 'SENCO: time and status', patterns: [/\bSENCOs?\b/i, /\btime\b/i, /\bsenior\b|\bleadership\b|\bstatus\b|\bstanding\b/i] },
  { duty: 'Best endeavours to secure provision', patterns: [/\bbest endeavours\b/i] },
  {
    duty: 'SEN support through assess, plan, do, review',
    patterns: [/\bSEN support\b/i, /\bassess\W+plan\W+do\W+review\b|\bgraduated approach\b/i],
  },
  {
    duty: 'Informing parents when SEN provision is made',
    patterns: [
      /\bparents?\b/i,
      /\b(inform|informed|informs|tell|tells|told|notify|notified)\b/i,
      /\b(special educational|SEN) provision\b/i,
    ],
  },
  { duty: 'Co-operating with EHC needs assessments', patterns: [/\bEHC needs assessments?\b/i] },
  {
    duty: 'Delivering the provision in EHC plans',
    patterns: [/\bprovision (in|set out in|specified in|named in)\b[^.]{0,30}\bEHC plans?\b/i],
  },
  {
    duty: 'Annual reviews of EHC plans',
    patterns: [/\bEHC plans?\b/i, /\bannual reviews?\b|\breviewed at least every (12|twelve) months\b/i],
  },
  { duty: 'Preparing for adulthood from Year 9', patterns: [/\bpreparing for adulthood\b/i, /\bYear 9\b/i] },
  { duty: 'Working with parents and SENDIASS', patterns: [/\bSENDIASS\b|\binformation, advice and support service\b/i] },
  { duty: 'The Local Offer', patterns: [/\bLocal Offer\b/i] },
  { duty: 'Supporting pupils with medical conditions', patterns: [/\bmedical conditions?\b/i] },
  { duty: 'Accessibility plan', patterns: [/\baccessibility plan\b/i] },
  { duty: 'Reasonable adjustments', patterns: [/\breasonable adjustments?\b/i] },
  { duty: 'Public sector equality duty', patterns: [/\bpublic sector equality duty\b|\bequality objectives?\b/i] },
  { duty: 'Looked-after children: the designated teacher', patterns: [/\bdesignated teacher\b/i] },
  {
    duty: 'Looked-after children: virtual school and personal education plans',
    patterns: [/\bvirtual school\b/i, /\bpersonal education plans?\b|\bPEPs?\b/i],
  },
  { duty: 'Suspensions and permanent exclusions', patterns: [/\bsuspen(d|ds|ded|sions?)\b/i, /\bpermanent(ly)? exclu(de|ded|sions?)\b/i] },
  { duty: 'Part-time timetables', patterns: [/\bpart-time timetables?\b/i] },
  { duty: 'Alternative provision', patterns: [/\balternative provision\b/i] },
  {
    duty: 'Attendance of pupils with SEND',
    patterns: [/\battendance of pupils with (SEND|SEN)\b|\bpupils with (SEND|SEN)\b[^.]{0,60}\battendance\b/i],
  },
  { duty: 'Governance: governing bodies and academy trusts', patterns: [/\bgovern(ors|ing bod(y|ies))\b/i, /\btrust(ees| boards?)\b/i] },
];

// ---- Helpers ----

function criteriaOf(file: Framework2026): Criterion[] {
  return file.strands.flatMap((strand) => strand.standards.flatMap((standard) => standard.criteria));
}

/** The framework whose scale, levels and sources a file uses: itself, or the framework a supplement extends. */
function baseOf(file: Framework2026, others: Framework2026[]): Framework2026 | undefined {
  if (file.kind !== 'supplement') return file;
  return others.find((other) => other.kind === 'framework' && other.id === file.extends);
}

function stringsIn(value: unknown, at: string, out: { at: string; text: string }[]): void {
  if (typeof value === 'string') out.push({ at, text: value });
  else if (Array.isArray(value)) value.forEach((item, i) => stringsIn(item, `${at}/${i}`, out));
  else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) stringsIn(item, `${at}/${key}`, out);
  }
}

function textOf(criterion: Criterion): string {
  return `${criterion.title}\n${criterion.statement}\n${criterion.guidance}`;
}

function normalised(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').trim();
}

function duplicatesIn(values: string[]): string[] {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const value of values) {
    if (seen.has(value)) repeated.add(value);
    seen.add(value);
  }
  return [...repeated];
}

// ---- The checks: each returns a list of problems, empty when the file passes ----

const checkAgainstSchema = createSchemaCheck(framework2Schema);

function schemaProblems(file: Framework2026): string[] {
  return checkAgainstSchema(file).map((p) => `${p.pointer || '/'} ${p.message}`);
}

function idProblems(file: Framework2026): string[] {
  const problems: string[] = [];
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  for (const strand of file.strands) {
    if (!new RegExp(`^${escape(file.idPrefix)}-\\d{1,2}$`).test(strand.id))
      problems.push(`strand ${strand.id} does not use the prefix ${file.idPrefix}`);
    for (const standard of strand.standards) {
      if (!new RegExp(`^${escape(strand.id)}\\.\\d{1,2}$`).test(standard.id))
        problems.push(`standard ${standard.id} does not sit in strand ${strand.id}`);
      for (const criterion of standard.criteria) {
        if (!new RegExp(`^${escape(standard.id)}\\.\\d{1,2}$`).test(criterion.id)) {
          problems.push(`criterion ${criterion.id} does not sit in standard ${standard.id}`);
        }
      }
    }
  }
  const ids = [
    ...file.strands.map((s) => s.id),
    ...file.strands.flatMap((s) => s.standards.map((t) => t.id)),
    ...criteriaOf(file).map((c) => c.id),
  ];
  for (const id of duplicatesIn(ids)) problems.push(`id ${id} is used more than once`);
  return problems;
}

function referenceProblems(file: Framework2026, base: Framework2026 | undefined): string[] {
  const problems: string[] = [];
  const own = (file.sources ?? []).map((s) => s.id);
  for (const id of duplicatesIn(own)) problems.push(`source ${id} is declared more than once`);
  const declared = new Set([...own, ...(base && base !== file ? (base.sources ?? []).map((s) => s.id) : [])]);
  for (const criterion of criteriaOf(file)) {
    for (const reference of criterion.references) {
      if (!declared.has(reference.source)) problems.push(`${criterion.id} cites undeclared source ${reference.source}`);
    }
    if (criterion.statutory && !declared.has(criterion.statutory.source)) {
      problems.push(`${criterion.id} names its duty from undeclared source ${criterion.statutory.source}`);
    }
  }
  return problems;
}

function descriptorProblems(file: Framework2026, base: Framework2026 | undefined): string[] {
  const points = base?.scale?.points.map((p) => p.id);
  if (!points) return [`${file.id}: no scale to judge descriptors against (base framework ${file.extends ?? file.id} not found)`];
  const problems: string[] = [];
  for (const criterion of criteriaOf(file)) {
    const keys = Object.keys(criterion.descriptors);
    for (const point of points) if (!keys.includes(point)) problems.push(`${criterion.id} has no descriptor for ${point}`);
    for (const key of keys)
      if (!points.includes(key)) problems.push(`${criterion.id} has a descriptor for ${key}, which is not a point of the scale`);
  }
  return problems;
}

function levelProblems(file: Framework2026, base: Framework2026 | undefined): string[] {
  const levels = base?.levels?.map((l) => l.id);
  if (!levels) return [`${file.id}: no levels to check criteria against (base framework ${file.extends ?? file.id} not found)`];
  return criteriaOf(file)
    .filter((c) => !levels.includes(c.level))
    .map((c) => `${c.id} has level ${c.level}, which is not declared`);
}

function awardProblems(file: Framework2026): string[] {
  if (file.kind !== 'framework') return [];
  const problems: string[] = [];
  const points = file.scale?.points.map((p) => p.id) ?? [];
  const levels = file.levels?.map((l) => l.id) ?? [];
  const strands = file.strands.map((s) => s.id);
  const metAt = file.scale?.metAtOrAbove ?? '';
  if (!points.includes(metAt)) problems.push(`scale metAtOrAbove ${metAt} is not a point of the scale`);
  for (const award of file.awards ?? []) {
    if (!levels.includes(award.level)) problems.push(`award for undeclared level ${award.level}`);
    for (const rule of award.requires) {
      for (const point of [rule.atLeast, rule.below]) {
        if (point !== undefined && !points.includes(point))
          problems.push(`award ${award.level}: rule names ${point}, which is not a point of the scale`);
      }
      for (const level of rule.criteria.levels ?? []) {
        if (!levels.includes(level)) problems.push(`award ${award.level}: rule selects undeclared level ${level}`);
      }
      for (const strand of rule.criteria.strands ?? []) {
        if (!strands.includes(strand)) problems.push(`award ${award.level}: rule selects unknown strand ${strand}`);
      }
    }
  }
  const lowest = file.awards?.[0];
  const atOrAboveMet = (point: string | undefined) =>
    point !== undefined && points.indexOf(point) >= 0 && points.indexOf(point) <= points.indexOf(metAt);
  const statutoryRule = lowest?.requires.some((r) => r.rule === 'every' && r.criteria.statutory === true && atOrAboveMet(r.atLeast));
  if (!statutoryRule) problems.push('the lowest award does not require every statutory criterion to be met');
  return problems;
}

function historicTermProblems(file: Framework2026): string[] {
  const strings: { at: string; text: string }[] = [];
  stringsIn(file, '', strings);
  const problems: string[] = [];
  for (const { at, text } of strings) {
    for (const term of HISTORIC_TERMS) {
      const match = term.exec(text);
      if (match) problems.push(`${at}: historic term "${match[0]}"`);
    }
  }
  return problems;
}

function countProblems(entry: Entry): string[] {
  const count = criteriaOf(entry.file).length;
  return count >= entry.minCriteria ? [] : [`${entry.path} has ${count} criteria, fewer than ${entry.minCriteria}`];
}

function statutoryProblems(file: Framework2026, base: Framework2026 | undefined): string[] {
  const lowest = base?.levels?.[0]?.id;
  const problems: string[] = [];
  for (const criterion of criteriaOf(file)) {
    if (!criterion.statutory) continue;
    if (!criterion.mandatory) problems.push(`${criterion.id} is statutory but not mandatory`);
    if (criterion.level !== lowest)
      problems.push(`${criterion.id} is statutory but at level ${criterion.level}, not the lowest level ${lowest}`);
  }
  return problems;
}

function dutyCoverageProblems(file: Framework2026): string[] {
  if (file.kind !== 'framework') return [];
  const statutory = criteriaOf(file).filter((c) => c.statutory);
  return STATUTORY_DUTIES.filter(({ patterns }) => !statutory.some((c) => patterns.every((p) => p.test(textOf(c))))).map(
    ({ duty }) => `no statutory criterion covers: ${duty}`,
  );
}

function duplicateTextProblems(file: Framework2026): string[] {
  const criteria = criteriaOf(file);
  const problems: string[] = [];
  for (const field of ['statement', 'title'] as const) {
    for (const text of duplicatesIn(criteria.map((c) => normalised(c[field])))) {
      const ids = criteria.filter((c) => normalised(c[field]) === text).map((c) => c.id);
      problems.push(`${ids.join(', ')} share the same ${field}`);
    }
  }
  return problems;
}

function applicabilityProblems(file: Framework2026): string[] {
  const problems: string[] = [];
  for (const criterion of criteriaOf(file)) {
    const applies = criterion.appliesTo;
    if (!applies) continue;
    if (!applies.reason || applies.reason.trim().length < 10)
      problems.push(`${criterion.id} limits which schools it applies to without a reason`);
    if (!applies.phases?.length && !applies.settings?.length && !applies.cohorts?.length) {
      problems.push(`${criterion.id} has appliesTo with no phase, setting or cohort`);
    }
  }
  return problems;
}

function glossaryProblems(file: Framework2026): string[] {
  const entries = file.glossary ?? [];
  const problems = duplicatesIn(entries.map((g) => normalised(g.term))).map((term) => `glossary term "${term}" appears more than once`);
  const terms = new Set(entries.map((g) => normalised(g.term)));
  for (const entry of entries) {
    for (const alias of entry.aliases ?? []) {
      if (terms.has(normalised(alias))) problems.push(`glossary alias "${alias}" of "${entry.term}" is also a term`);
    }
  }
  return problems;
}

type Check = (entry: Entry, others: Framework2026[]) => string[];

/** Every check over one file, by name; `others` are the files a supplement may extend. */
const CHECKS: Record<string, Check> = {
  schema: ({ file }) => schemaProblems(file),
  ids: ({ file }) => idProblems(file),
  references: ({ file }, others) => referenceProblems(file, baseOf(file, others)),
  descriptors: ({ file }, others) => descriptorProblems(file, baseOf(file, others)),
  levels: ({ file }, others) => levelProblems(file, baseOf(file, others)),
  awards: ({ file }) => awardProblems(file),
  historicTerms: ({ file }) => historicTermProblems(file),
  count: (entry) => countProblems(entry),
  statutoryMandatory: ({ file }, others) => statutoryProblems(file, baseOf(file, others)),
  dutyCoverage: ({ file }) => dutyCoverageProblems(file),
  duplicateText: ({ file }) => duplicateTextProblems(file),
  applicability: ({ file }) => applicabilityProblems(file),
  glossary: ({ file }) => glossaryProblems(file),
};
const CHECK_NAMES = Object.keys(CHECKS);

function runCheck(name: string, entry: Entry, others: Framework2026[]): string[] {
  const check = CHECKS[name];
  if (!check) throw new Error(`no check ${name}`);
  return check(entry, others);
}

// ---- The shipped 2026 files ----

describe('2026 framework editions', () => {
  it.each(PATHS_2026.map((path) => [path]))('%s is checked here if it exists', (path) => {
    const onDisk = existsSync(`${REPO_ROOT}${path}`);
    // A file on disk that is not imported above would go unchecked: import it and add it to CHECKED.
    expect({ path, checked: CHECKED[path] !== undefined }).toEqual({ path, checked: onDisk });
  });

  it('checks at least the North East edition', () => {
    expect(ENTRIES.map((e) => e.path)).toContain('criteria/frameworks/north-east-2026.json');
  });

  describe.each(ENTRIES.map((entry) => [entry.path, entry] as const))('%s', (_path, entry) => {
    const others = ENTRIES.map((e) => e.file);
    it.each(CHECK_NAMES.map((name) => [name]))('passes the %s check', (name) => {
      expect(runCheck(name, entry, others)).toEqual([]);
    });
  });
});

// ---- Every check can fail ----

function clone(): Framework2026 {
  return structuredClone(northEast2026) as Framework2026;
}

function firstCriterion(file: Framework2026): Criterion {
  return file.strands[0]!.standards[0]!.criteria[0]!;
}

function problemsOf(file: Framework2026, name: string, others: Framework2026[] = [], minCriteria = 60): string[] {
  return runCheck(name, { path: 'broken copy', file, minCriteria }, others);
}

describe('the checks find problems in broken copies', () => {
  it('the unbroken copy passes every check, so each failure below is caused by its breakage', () => {
    const file = clone();
    expect(CHECK_NAMES.flatMap((name) => problemsOf(file, name))).toEqual([]);
  });

  const breakages: { check: string; what: string; breakIt: (file: Framework2026) => void; expect: RegExp }[] = [
    {
      check: 'schema',
      what: 'a criterion without a title',
      breakIt: (f) => delete (firstCriterion(f) as Partial<Criterion>).title,
      expect: /title is required/,
    },
    {
      check: 'ids',
      what: 'a repeated criterion id',
      breakIt: (f) => (f.strands[0]!.standards[0]!.criteria[1]!.id = firstCriterion(f).id),
      expect: /used more than once/,
    },
    {
      check: 'ids',
      what: 'a criterion outside its standard',
      breakIt: (f) => (firstCriterion(f).id = 'NE26-4.2.9'),
      expect: /does not sit in standard/,
    },
    {
      check: 'ids',
      what: 'a standard outside its strand',
      breakIt: (f) => (f.strands[0]!.standards[0]!.id = 'NE26-2.9'),
      expect: /does not sit in strand/,
    },
    {
      check: 'references',
      what: 'a reference to an undeclared source',
      breakIt: (f) => firstCriterion(f).references.push({ source: 'education-act-1981', section: 'section 7' }),
      expect: /undeclared source education-act-1981/,
    },
    {
      check: 'references',
      what: 'a statutory reference to an undeclared source',
      breakIt: (f) => (firstCriterion(f).statutory = { source: 'sen-code-2001', section: 'chapter 4' }),
      expect: /undeclared source sen-code-2001/,
    },
    {
      check: 'descriptors',
      what: 'a missing descriptor',
      breakIt: (f) => delete firstCriterion(f).descriptors['developing'],
      expect: /no descriptor for developing/,
    },
    {
      check: 'descriptors',
      what: 'a descriptor for a point the scale does not have',
      breakIt: (f) => (firstCriterion(f).descriptors['outstanding'] = 'A point borrowed from another scale.'),
      expect: /not a point of the scale/,
    },
    {
      check: 'levels',
      what: 'an undeclared level',
      breakIt: (f) => (firstCriterion(f).level = 'gold'),
      expect: /level gold, which is not declared/,
    },
    {
      check: 'awards',
      what: 'a rule naming an undeclared point',
      breakIt: (f) => (f.awards![1]!.requires[0]!.atLeast = 'excellent'),
      expect: /names excellent/,
    },
    {
      check: 'awards',
      what: 'an award for an undeclared level',
      breakIt: (f) => (f.awards![2]!.level = 'platinum'),
      expect: /undeclared level platinum/,
    },
    {
      check: 'awards',
      what: 'a rule selecting an undeclared level',
      breakIt: (f) => (f.awards![1]!.requires[0]!.criteria.levels = ['intermediate']),
      expect: /undeclared level intermediate/,
    },
    {
      check: 'awards',
      what: 'no rule that every statutory criterion is met at the lowest award',
      breakIt: (f) => (f.awards![0]!.requires = f.awards![0]!.requires.filter((r) => r.criteria.statutory !== true)),
      expect: /every statutory criterion/,
    },
    {
      check: 'historicTerms',
      what: 'a historic term in guidance',
      breakIt: (f) => (firstCriterion(f).guidance += ' Pupils at School Action Plus have an IEP.'),
      expect: /School Action/,
    },
    { check: 'count', what: 'too few criteria', breakIt: (f) => (f.strands = f.strands.slice(0, 2)), expect: /fewer than 60/ },
    {
      check: 'statutoryMandatory',
      what: 'a statutory criterion that is not mandatory',
      breakIt: (f) => (firstCriterion(f).mandatory = false),
      expect: /not mandatory/,
    },
    {
      check: 'statutoryMandatory',
      what: 'a statutory criterion above the lowest level',
      breakIt: (f) => (firstCriterion(f).level = 'advanced'),
      expect: /not the lowest level/,
    },
    {
      check: 'dutyCoverage',
      what: 'the Local Offer criterion no longer statutory',
      breakIt: (f) => criteriaOf(f).forEach((c) => /Local Offer/.test(textOf(c)) && (c.statutory = null)),
      expect: /The Local Offer/,
    },
    {
      check: 'duplicateText',
      what: 'two criteria with the same title',
      breakIt: (f) => (f.strands[1]!.standards[0]!.criteria[0]!.title = firstCriterion(f).title.toUpperCase()),
      expect: /same title/,
    },
    {
      check: 'duplicateText',
      what: 'two criteria with the same statement',
      breakIt: (f) => (f.strands[1]!.standards[0]!.criteria[0]!.statement = firstCriterion(f).statement),
      expect: /same statement/,
    },
    {
      check: 'applicability',
      what: 'appliesTo without a reason',
      breakIt: (f) => (firstCriterion(f).appliesTo = { phases: ['secondary'], reason: '' }),
      expect: /without a reason/,
    },
    {
      check: 'glossary',
      what: 'a repeated glossary term',
      breakIt: (f) => f.glossary!.push({ term: f.glossary![0]!.term.toLowerCase(), definition: 'The same term again, defined twice.' }),
      expect: /more than once/,
    },
  ];

  it.each(breakages.map((b) => [b.check, b.what, b] as const))('%s check: %s', (check, _what, breakage) => {
    const file = clone();
    breakage.breakIt(file);
    const problems = problemsOf(file, check);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.join('\n')).toMatch(breakage.expect);
  });

  it('every check is shown failing at least once', () => {
    expect([...new Set(breakages.map((b) => b.check))].sort()).toEqual([...CHECK_NAMES].sort());
  });

  const historicSamples = [
    'School Action',
    'an IEP',
    'individual education plans',
    'a statement of special educational needs',
    'statemented pupils',
    'Connexions',
    'P scales',
    'P scale 8',
    'the parent partnership service',
    'BESD',
    'disability equality scheme',
    'the LEA',
    'a fixed-term exclusion',
    'national curriculum level 4',
  ];
  it.each(historicSamples.map((s) => [s]))('the historic term check catches "%s"', (sample) => {
    const file = clone();
    firstCriterion(file).suggestedEvidence.push(`Records mentioning ${sample}`);
    expect(historicTermProblems(file)).toHaveLength(1);
  });

  it('the historic term check leaves ordinary words alone', () => {
    const file = clone();
    firstCriterion(file).guidance += ' Leaders are pleased; the statement of outcomes was clear and the school acted on it.';
    expect(historicTermProblems(file)).toEqual([]);
  });

  describe('a supplement is checked against the framework it extends', () => {
    function supplement(): Framework2026 {
      const strand = structuredClone(northEast2026.strands[3]) as Strand;
      const renamed = JSON.parse(JSON.stringify(strand).replaceAll('NE26-4', 'NES-1')) as Strand;
      return { kind: 'supplement', id: 'ne-test-supplement', extends: 'north-east-2026', idPrefix: 'NES', strands: [renamed] };
    }
    const base = northEast2026 as Framework2026;

    it('passes with its base framework', () => {
      const file = supplement();
      for (const name of ['ids', 'references', 'descriptors', 'levels', 'statutoryMandatory']) {
        expect(problemsOf(file, name, [base]), name).toEqual([]);
      }
    });

    it('fails without its base framework, or with a descriptor missing for a point of the base scale', () => {
      expect(problemsOf(supplement(), 'descriptors', [])).not.toEqual([]);
      expect(problemsOf(supplement(), 'references', [])).not.toEqual([]);
      const file = supplement();
      delete firstCriterion(file).descriptors['embedded'];
      expect(problemsOf(file, 'descriptors', [base]).join('\n')).toMatch(/no descriptor for embedded/);
    });
  });
});
