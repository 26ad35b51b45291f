import { describe, expect, it } from 'vitest';
import northEastJson from '../../criteria/frameworks/north-east.json';
import southWestJson from '../../criteria/frameworks/south-west-parents-supplement.json';
import southernJson from '../../criteria/frameworks/southern.json';
import { parseJsonText } from '../../shared/formats/json-parse';
import {
  checkSupplementFits,
  formatProblem,
  frameworkModel,
  loadFrameworkText,
  loadFrameworkValue,
  type FrameworkProblem,
} from '../../shared/framework/framework-loader';
import type { BaseFrameworkFileV1, CriterionV1, SupplementFileV1 } from '../../shared/framework/framework-types';
import { tinyFrameworkFile, tinySupplementFile } from '../fixtures/tiny-framework';

/** Deep clones of the shipped files, free to break. */
const northEast = (): BaseFrameworkFileV1 => structuredClone(northEastJson) as BaseFrameworkFileV1;
const southern = (): BaseFrameworkFileV1 => structuredClone(southernJson) as BaseFrameworkFileV1;
const southWest = (): SupplementFileV1 => structuredClone(southWestJson) as SupplementFileV1;

const FILE = 'north-east.json';

async function problemLines(fileName: string, value: unknown): Promise<string[]> {
  const result = await loadFrameworkValue(fileName, value);
  return result.ok ? [] : result.problems.map(formatProblem);
}

function expectWellFormed(lines: readonly string[], fileName: string): void {
  for (const line of lines) {
    expect(line.startsWith(`${fileName}: /`), line).toBe(true);
    expect(line, 'no stack trace').not.toMatch(/\bat .*\(/);
    expect(line).not.toContain('[object');
    expect(line).not.toContain('Error:');
  }
}

describe('formatProblem', () => {
  it('writes "file: pointer: message", with "/" for the whole document', () => {
    const problem: FrameworkProblem = { file: 'a.json', pointer: '/strands/0/id', message: 'is wrong' };
    expect(formatProblem(problem)).toBe('a.json: /strands/0/id: is wrong');
    expect(formatProblem({ ...problem, pointer: '' })).toBe('a.json: /: is wrong');
  });
});

describe('loadFrameworkText: text that is not a framework', () => {
  it.each([
    ['a trailing comma', '{\n  "id": "north-east",\n}', 'north-east.json: /: is not valid JSON: a mistake near line 3, column 1'],
    ['a missing closing brace', '{"id": "north-east"', 'north-east.json: /: is not valid JSON: the file ends too early'],
    ['a stray character', '{"id": @}', 'north-east.json: /: is not valid JSON: a mistake near line 1, column 8'],
    ['a file cut short', '{"id":', 'north-east.json: /: is not valid JSON: the file ends too early'],
    ['an empty file', '', 'north-east.json: /: the file is empty'],
    ['only white space', '  \n\t\n', 'north-east.json: /: the file is empty'],
    ['only a byte order mark', '\uFEFF', 'north-east.json: /: the file is empty'],
  ])('reports %s', async (_name, text, line) => {
    const result = await loadFrameworkText(FILE, text);
    expect(result.ok).toBe(false);
    const lines = result.ok ? [] : result.problems.map(formatProblem);
    expect(lines).toEqual([line]);
    expectWellFormed(lines, FILE);
  });

  it('reports a trailing comma in the real file with the line it is on', async () => {
    const text = JSON.stringify(northEastJson, null, 2).replace('"version": "1.0.0",', '"version": "1.0.0",,');
    const result = await loadFrameworkText(FILE, text);
    const lines = result.ok ? [] : result.problems.map(formatProblem);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('is not valid JSON');
    expect(lines[0]).toContain('line');
    const expectedLine = text.split('\n').findIndex((l) => l.includes(',,')) + 1;
    expect(lines[0]).toContain(`line ${expectedLine}, column`);
    expectWellFormed(lines, FILE);
  });

  it('accepts the shipped file as text, with or without a byte order mark', async () => {
    const text = JSON.stringify(northEastJson, null, 2);
    const plain = await loadFrameworkText(FILE, text);
    const withBom = await loadFrameworkText(FILE, `\uFEFF${text}`);
    expect(plain.ok && withBom.ok).toBe(true);
    if (plain.ok && withBom.ok) expect(withBom.framework.contentHash).toBe(plain.framework.contentHash);
  });
});

describe('parseJsonText', () => {
  it('parses valid JSON', () => {
    expect(parseJsonText('{"a":[1,2]}')).toEqual({ ok: true, value: { a: [1, 2] } });
    expect(parseJsonText('\uFEFF[true]')).toEqual({ ok: true, value: [true] });
  });

  it('counts lines and columns from 1', () => {
    expect(parseJsonText('{"a": 1,}')).toEqual({ ok: false, message: 'is not valid JSON: a mistake near line 1, column 9' });
    expect(parseJsonText('{\n  "a": 1,\n  "b" 2\n}')).toEqual({ ok: false, message: 'is not valid JSON: a mistake near line 3, column 7' });
    expect(parseJsonText('\uFEFF{\r\n"a" 1}')).toEqual({ ok: false, message: 'is not valid JSON: a mistake near line 2, column 5' });
  });

  // Known bug: V8 words some syntax errors without a position ("Unexpected token ']', "..." is not valid JSON"),
  // and parseJsonText then gives no line at all. A trailing comma in a list is the commonest hand-editing slip.
  it.each([
    ['a trailing comma in a list', '[\n1,\n2,\n]', 4],
    ['a trailing comma in the evidence list of a criterion', '{\n  "suggestedEvidence": [\n    "Policy",\n  ]\n}', 4],
    ['a stray word', '{\n  "a": nope\n}', 2],
  ])('says on which line %s is', (_name, text, line) => {
    const result = parseJsonText(text);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.message).toMatch(new RegExp(`^is not valid JSON: a mistake near line ${line}, column \\d+$`));
  });

  it('never throws', () => {
    for (const text of ['nope', '{', '}', '"unterminated', '{"a" 1}', '\u0000']) {
      const result = parseJsonText(text);
      expect(result.ok, text).toBe(false);
      if (!result.ok) expect(result.message.startsWith('is not valid JSON'), text).toBe(true);
    }
  });
});

type Breakage<F> = [name: string, breakIt: (file: F) => void, lines: string[]];

const N = 'north-east.json: ';

/** Puts any value, of whatever type, on an object: the point is to break the file. */
function put(target: object, key: string, value: unknown): void {
  Object.assign(target, { [key]: value });
}

function remove(target: object, key: string): void {
  Reflect.deleteProperty(target, key);
}

const criterionAt = (f: BaseFrameworkFileV1 | SupplementFileV1, s: number, t: number, c: number): CriterionV1 =>
  f.strands[s]!.standards[t]!.criteria[c]!;

const BROKEN_NORTH_EAST: Breakage<BaseFrameworkFileV1>[] = [
  ['a missing required property', (f) => remove(f, 'title'), [`${N}/title: is required but missing`]],
  ['a missing scale', (f) => remove(f, 'scale'), [`${N}/scale: is required but missing`]],
  ['a number where text belongs', (f) => put(f, 'version', 1), [`${N}/version: must be text`]],
  ['an object where a list belongs', (f) => put(f, 'strands', {}), [`${N}/strands: must be a list`]],
  [
    'text where true or false belongs, deep in the tree',
    (f) => put(criterionAt(f, 0, 0, 0), 'mandatory', 'yes'),
    [`${N}/strands/0/standards/0/criteria/0/mandatory: must be true or false`],
  ],
  [
    'a format version the app does not read',
    (f) => put(f, 'formatVersion', 3),
    [`${N}/formatVersion: must be 1 or 2: this app reads framework format versions 1 and 2`],
  ],
  ['an unknown kind', (f) => put(f, 'kind', 'other'), [`${N}/kind: must be one of "framework", "supplement"`]],
  [
    'a criterion id that does not match the schema pattern',
    (f) => (criterionAt(f, 2, 0, 3).id = 'ne-3.1.4'),
    [`${N}/strands/2/standards/0/criteria/3/id: must match ^[A-Z]{2,4}-\\d{1,2}\\.\\d{1,2}\\.\\d{1,2}$`],
  ],
  [
    'a criterion id not nested under its standard',
    (f) => (criterionAt(f, 2, 0, 3).id = 'NE-3.2.9'),
    [`${N}/strands/2/standards/0/criteria/3/id: must match ^NE-3\\.1\\.\\d+$ (its standard's id, a dot and a number)`],
  ],
  [
    'a standard id not nested under its strand',
    (f) => (f.strands[1]!.standards[1]!.id = 'NE-5.2'),
    [
      `${N}/strands/1/standards/1/id: must match ^NE-2\\.\\d+$ (its strand's id, a dot and a number)`,
      `${N}/strands/1/standards/1/criteria/0/id: must match ^NE-5\\.2\\.\\d+$ (its standard's id, a dot and a number)`,
      `${N}/strands/1/standards/1/criteria/1/id: must match ^NE-5\\.2\\.\\d+$ (its standard's id, a dot and a number)`,
      `${N}/strands/1/standards/1/criteria/2/id: must match ^NE-5\\.2\\.\\d+$ (its standard's id, a dot and a number)`,
      `${N}/strands/1/standards/1/criteria/3/id: must match ^NE-5\\.2\\.\\d+$ (its standard's id, a dot and a number)`,
      `${N}/strands/4/standards/1/id: repeats the id NE-5.2 already used at /strands/1/standards/1`,
    ],
  ],
  [
    'a strand id with another prefix',
    (f) => {
      const strand = f.strands[7]!;
      strand.id = 'XX-8';
      for (const standard of strand.standards) {
        standard.id = standard.id.replace('NE-', 'XX-');
        for (const c of standard.criteria) c.id = c.id.replace('NE-', 'XX-');
      }
    },
    [`${N}/strands/7/id: must match ^NE-\\d+$ (the framework's id prefix, a dash and a number)`],
  ],
  [
    'a duplicate criterion id',
    (f) => (criterionAt(f, 2, 0, 3).id = 'NE-3.1.1'),
    [`${N}/strands/2/standards/0/criteria/3/id: repeats the id NE-3.1.1 already used at /strands/2/standards/0/criteria/0`],
  ],
  [
    'an unknown level on a criterion',
    (f) => (criterionAt(f, 2, 0, 3).level = 'gold'),
    [`${N}/strands/2/standards/0/criteria/3/level: must be one of the framework's levels: foundation, established, advanced`],
  ],
  [
    'an award rule pointing at an unknown scale point',
    (f) => put(f.awards[0]!.requires[0]!, 'atLeast', 'excellent'),
    [`${N}/awards/0/requires/0/atLeast: must be one of the scale's points: embedded, established, developing, not-yet`],
  ],
  [
    'an at-most-below rule pointing at an unknown scale point',
    (f) => put(f.awards[1]!.requires[1]!, 'below', 'excellent'),
    [`${N}/awards/1/requires/1/below: must be one of the scale's points: embedded, established, developing, not-yet`],
  ],
  [
    'a selector naming an unknown level',
    (f) => (f.awards[0]!.requires[1]!.criteria.levels = ['gold']),
    [`${N}/awards/0/requires/1/criteria/levels/0: must be one of the framework's levels: foundation, established, advanced`],
  ],
  [
    'a selector naming an unknown strand',
    (f) => (f.awards[0]!.requires[1]!.criteria.strands = ['NE-1', 'NE-99']),
    [`${N}/awards/0/requires/1/criteria/strands/1: must be one of the framework's strands: NE-1, NE-2, NE-3, NE-4, NE-5, NE-6, NE-7, NE-8`],
  ],
  [
    'metAtOrAbove not on the scale',
    (f) => (f.scale.metAtOrAbove = 'good'),
    [`${N}/scale/metAtOrAbove: must be one of the scale's points: embedded, established, developing, not-yet`],
  ],
  ['awards out of level order', (f) => f.awards.reverse(), [`${N}/awards: must list awards in the same order as the levels, lowest first`]],
  [
    'an award rule missing its percent',
    (f) => remove(f.awards[0]!.requires[1]!, 'percent'),
    [`${N}/awards/0/requires/1: does not match any of the allowed forms`],
  ],
  ['an unknown extra property at the top', (f) => put(f, 'colour', 'red'), [`${N}/colour: is not allowed here`]],
  ['an unknown extra property on a strand', (f) => put(f.strands[0]!, 'colour', 'red'), [`${N}/strands/0/colour: is not allowed here`]],
  [
    'too few suggested evidence items',
    (f) => (criterionAt(f, 0, 0, 0).suggestedEvidence = ['Policy']),
    [`${N}/strands/0/standards/0/criteria/0/suggestedEvidence: must have at least 2 items`],
  ],
  [
    'Code of Practice chapter 11',
    (f) => (criterionAt(f, 0, 0, 0).codeOfPractice = [1, 11]),
    [`${N}/strands/0/standards/0/criteria/0/codeOfPractice/1: must be 10 or less`],
  ],
];

describe('loadFrameworkValue: the shipped North East file broken one way at a time', () => {
  it('accepts the unbroken clone', async () => {
    const result = await loadFrameworkValue(FILE, northEast());
    expect(result.ok).toBe(true);
  });

  it.each(BROKEN_NORTH_EAST)('reports %s', async (_name, breakIt, expected) => {
    const file = northEast();
    breakIt(file);
    const lines = await problemLines(FILE, file);
    expect(lines).toEqual(expected);
    expectWellFormed(lines, FILE);
  });

  it('reports every schema problem in a file at once', async () => {
    const file = northEast();
    remove(file, 'title');
    put(file.strands[0]!, 'colour', 'red');
    criterionAt(file, 1, 0, 0).codeOfPractice = [0];
    criterionAt(file, 5, 1, 2).statement = 'short';
    const lines = await problemLines(FILE, file);
    expect(lines).toEqual(
      expect.arrayContaining([
        `${N}/title: is required but missing`,
        `${N}/strands/0/colour: is not allowed here`,
        expect.stringMatching(/^north-east\.json: \/strands\/1\/standards\/0\/criteria\/0\/codeOfPractice\/0: /),
        expect.stringMatching(/^north-east\.json: \/strands\/5\/standards\/1\/criteria\/2\/statement: /),
      ]),
    );
    expect(lines).toHaveLength(4);
    expectWellFormed(lines, FILE);
  });

  it('reports every structural problem in a file at once', async () => {
    const file = northEast();
    criterionAt(file, 2, 0, 3).id = 'NE-3.1.1';
    criterionAt(file, 0, 0, 1).level = 'gold';
    put(file.awards[2]!.requires[1]!, 'atLeast', 'superb');
    const lines = await problemLines(FILE, file);
    expect(lines).toHaveLength(3);
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringContaining('/strands/2/standards/0/criteria/3/id: repeats the id NE-3.1.1'),
        expect.stringContaining('/strands/0/standards/0/criteria/1/level: must be one of'),
        expect.stringContaining('/awards/2/requires/1/atLeast: must be one of'),
      ]),
    );
    expectWellFormed(lines, FILE);
  });

  it('still checks the structure of a file built into the app, whose schema pass is left to the tests', async () => {
    const file = northEast();
    criterionAt(file, 2, 0, 3).id = 'NE-3.1.1';
    const result = await loadFrameworkValue(FILE, file, undefined, true);
    expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual([
      expect.stringContaining('/strands/2/standards/0/criteria/3/id: repeats the id NE-3.1.1'),
    ]);
  });

  it.each([
    ['null', null],
    ['a number', 42],
    ['a string', 'framework'],
    ['a list', []],
  ])('reports %s as not an object, without throwing', async (_name, value) => {
    const lines = await problemLines(FILE, value);
    expect(lines).toContain(`${N}/: must be an object`);
    expectWellFormed(lines, FILE);
  });
});

describe('supplements', () => {
  const SW = 'south-west-parents-supplement.json';

  it('accepts the shipped supplement', async () => {
    expect((await loadFrameworkValue(SW, southWest())).ok).toBe(true);
  });

  it.each<Breakage<SupplementFileV1>>([
    ['a supplement with a scale', (f) => put(f, 'scale', structuredClone(northEastJson.scale)), [`${SW}: /scale: is not allowed here`]],
    ['a supplement without extends', (f) => remove(f, 'extends'), [`${SW}: /extends: is required but missing`]],
  ])('reports %s', async (_name, breakIt, expected) => {
    const file = southWest();
    breakIt(file);
    const lines = await problemLines(SW, file);
    expect(lines).toEqual(expected);
    expectWellFormed(lines, SW);
  });

  it('a framework with "extends" is refused', async () => {
    const file = northEast();
    put(file, 'extends', 'southern');
    const result = await loadFrameworkValue(FILE, file);
    expect(result.ok).toBe(false);
  });

  it('checkSupplementFits accepts the shipped supplement on Southern', () => {
    expect(checkSupplementFits(SW, frameworkModel(southern()), frameworkModel(southWest()))).toEqual([]);
  });

  it('checkSupplementFits reports a criterion at a level the base framework does not have', async () => {
    const file = southWest();
    criterionAt(file, 0, 1, 2).level = 'foundation';
    // The supplement alone is valid: it has no levels of its own to check against.
    expect((await loadFrameworkValue(SW, file)).ok).toBe(true);
    const lines = checkSupplementFits(SW, frameworkModel(southern()), frameworkModel(file)).map(formatProblem);
    expect(lines).toEqual([
      `${SW}: /strands/0/standards/1/criteria/2/level: must be one of Southern Regions SEN Quality Framework's levels: core, enhanced`,
    ]);
    expectWellFormed(lines, SW);
  });

  it('checkSupplementFits reports a supplement for another framework, or one sharing its prefix', () => {
    const supplement = southWest();
    supplement.idPrefix = 'NE';
    const lines = checkSupplementFits(SW, frameworkModel(northEast()), frameworkModel(supplement)).map(formatProblem);
    expect(lines).toEqual(
      expect.arrayContaining([
        `${SW}: /extends: adds to "southern", not to "north-east"`,
        `${SW}: /idPrefix: must differ from the framework's own prefix NE`,
      ]),
    );
    // Its core/enhanced criteria do not fit North East's levels either.
    expect(lines.filter((l) => l.includes("must be one of North East SEN Accreditation Framework's levels"))).toHaveLength(8);
    expectWellFormed(lines, SW);
  });
});

describe('the tiny test fixture', () => {
  it('is itself a valid framework and supplement', async () => {
    const base = await loadFrameworkValue('tiny.json', tinyFrameworkFile());
    const supplement = await loadFrameworkValue('tiny-extra.json', tinySupplementFile());
    expect(base.ok ? [] : base.problems.map(formatProblem)).toEqual([]);
    expect(supplement.ok ? [] : supplement.problems.map(formatProblem)).toEqual([]);
    expect(checkSupplementFits('tiny-extra.json', frameworkModel(tinyFrameworkFile()), frameworkModel(tinySupplementFile()))).toEqual([]);
  });
});
