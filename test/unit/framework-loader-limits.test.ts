import { describe, expect, it } from 'vitest';
import {
  checkSupplementFits,
  FRAMEWORK_MAX_IDS_NAMED,
  FRAMEWORK_MAX_PROBLEMS_LISTED,
  formatProblem,
  frameworkModel,
  loadFrameworkText,
  loadFrameworkValue,
} from '../../shared/framework/framework-loader';
import { FRAMEWORK_MAX_CHILDREN, FRAMEWORK_MAX_LEVELS } from '../../shared/formats/field-limits';
import type { BaseFrameworkFileV1, CriterionV1 } from '../../shared/framework/framework-types';
import { tinyFrameworkFile, tinySupplementFile } from '../fixtures/tiny-framework';

/**
 * A framework made to be slow and wordy to check, within the schema's list limits: 10 levels
 * (half of them sharing one id), and thousands of criteria with the same id, each naming a level
 * that does not exist. The old loader named every level in every criterion's message and found
 * repeated ids by scanning the list once per item.
 */
function pathologicalFramework(standards: number, criteriaPerStandard: number): BaseFrameworkFileV1 {
  const file = tinyFrameworkFile();
  file.levels = Array.from({ length: FRAMEWORK_MAX_LEVELS }, (_, i) => ({
    id: i % 2 === 0 ? 'same-level' : `level-${i}`,
    label: 'Level',
    description: 'A level of the award.',
  }));
  const strand = file.strands[0]!;
  const template = strand.standards[0]!;
  const criterion = template.criteria[0]!;
  strand.standards = Array.from({ length: standards }, () => ({
    ...template,
    id: 'TF-1.1',
    criteria: Array.from({ length: criteriaPerStandard }, (): CriterionV1 => ({ ...criterion, id: 'TF-1.1.1', level: 'missing' })),
  }));
  return file;
}

/** The tiny framework with `count` strands (TF-1 ... ), each with one standard and one criterion. */
function manyStrands(count: number): BaseFrameworkFileV1 {
  const file = tinyFrameworkFile();
  const strand = file.strands[0]!;
  const standard = strand.standards[0]!;
  const criterion = standard.criteria[0]!;
  file.strands = Array.from({ length: count }, (_, i) => ({
    ...strand,
    id: `TF-${i + 1}`,
    standards: [{ ...standard, id: `TF-${i + 1}.1`, criteria: [{ ...criterion, id: `TF-${i + 1}.1.1` }] }],
  }));
  return file;
}

describe('loadFrameworkValue on a pathological file', () => {
  const STANDARDS = FRAMEWORK_MAX_CHILDREN;
  const PER_STANDARD = FRAMEWORK_MAX_CHILDREN;

  it('lists the first problems, correctly, and one line with how many more there are', async () => {
    const text = JSON.stringify(pathologicalFramework(STANDARDS, PER_STANDARD));
    const result = await loadFrameworkText('big.json', text);
    expect(result.ok).toBe(false);
    const problems = result.ok ? [] : result.problems;
    expect(problems).toHaveLength(FRAMEWORK_MAX_PROBLEMS_LISTED + 1);
    // The standards' repeated ids and the criteria's come first, in the order of the file.
    expect(formatProblem(problems[0]!)).toBe(
      'big.json: /strands/0/standards/0/criteria/1/id: repeats the id TF-1.1.1 already used at /strands/0/standards/0/criteria/0',
    );
    // Every problem is counted: the repeated standard ids and criterion ids, the 4 repeated levels, the
    // criteria naming a missing level (the copies, and strand TF-2's criteria, at bronze, silver or gold),
    // the 3 awards at levels no longer there and the 4 level names in their rules.
    const criteria = STANDARDS * PER_STANDARD;
    const otherCriteria = tinyFrameworkFile().strands[1]!.standards.reduce((n, t) => n + t.criteria.length, 0);
    const total = STANDARDS - 1 + (criteria - 1) + (FRAMEWORK_MAX_LEVELS / 2 - 1) + (criteria + otherCriteria) + 3 + 4;
    expect(result.ok ? 0 : result.problemCount).toBe(total);
    expect(problems[FRAMEWORK_MAX_PROBLEMS_LISTED]).toEqual({
      file: 'big.json',
      pointer: '',
      message: `has ${(total - FRAMEWORK_MAX_PROBLEMS_LISTED).toLocaleString('en-GB')} more problems not listed here; correct the ones above, then import the file again to see the rest`,
    });
    for (const problem of problems) expect(problem.message.length).toBeLessThan(400);
  });

  it('keeps every message short: at most a few strand ids named, however many strands there are', async () => {
    const file = manyStrands(FRAMEWORK_MAX_CHILDREN);
    file.awards[0]!.requires[0]!.criteria = { strands: ['TF-100'] };
    const result = await loadFrameworkValue('wide.json', file);
    const problems = result.ok ? [] : result.problems.map(formatProblem);
    expect(problems).toContain(
      `wide.json: /awards/0/requires/0/criteria/strands/0: must be one of the framework's strands: TF-1, TF-2, TF-3, TF-4, TF-5, TF-6, TF-7, TF-8, TF-9, TF-10 and ${FRAMEWORK_MAX_CHILDREN - FRAMEWORK_MAX_IDS_NAMED} more`,
    );
  });

  it('refuses more levels than the schema allows with one problem, not one per criterion', async () => {
    const file = tinyFrameworkFile();
    const level = file.levels[0]!;
    file.levels = Array.from({ length: FRAMEWORK_MAX_LEVELS }, (_, i) => ({ ...level, id: i < 3 ? file.levels[i]!.id : `extra-${i}` }));
    expect((await loadFrameworkValue('at.json', file)).ok).toBe(true);
    file.levels.push({ ...level, id: 'one-too-many' });
    const result = await loadFrameworkValue('past.json', file);
    expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual([
      `past.json: /levels: must have at most ${FRAMEWORK_MAX_LEVELS} items`,
    ]);
  });

  it('lists every problem, with no count line, at the limit', async () => {
    // 20 repeated criterion ids and nothing else wrong: exactly at the limit.
    const file = tinyFrameworkFile();
    const template = file.strands[0]!.standards[0]!.criteria[0]!;
    file.strands[0]!.standards[0]!.criteria = Array.from({ length: FRAMEWORK_MAX_PROBLEMS_LISTED + 1 }, () => ({ ...template }));
    const at = await loadFrameworkValue('a.json', file);
    expect(at.ok ? [] : at.problems).toHaveLength(FRAMEWORK_MAX_PROBLEMS_LISTED);
    expect((at.ok ? [] : at.problems).every((p) => p.message.startsWith('repeats the id'))).toBe(true);

    file.strands[0]!.standards[0]!.criteria.push({ ...template });
    const past = await loadFrameworkValue('a.json', file);
    const problems = past.ok ? [] : past.problems;
    expect(problems).toHaveLength(FRAMEWORK_MAX_PROBLEMS_LISTED + 1);
    expect(problems[FRAMEWORK_MAX_PROBLEMS_LISTED]).toEqual({
      file: 'a.json',
      pointer: '',
      message: 'has 1 more problem not listed here; correct the ones above, then import the file again to see the rest',
    });
  });

  it('names every level when there are no more than the limit', async () => {
    const file = tinyFrameworkFile();
    file.strands[0]!.standards[0]!.criteria[0]!.level = 'platinum';
    const result = await loadFrameworkValue('a.json', file);
    expect(result.ok ? [] : result.problems.map((p) => p.message)).toContain("must be one of the framework's levels: bronze, silver, gold");
  });

  it('caps the problems of a supplement that does not fit', () => {
    const supplement = tinySupplementFile();
    const template = supplement.strands[0]!.standards[0]!.criteria[0]!;
    supplement.strands[0]!.standards[0]!.criteria = Array.from({ length: 500 }, (_, i) => ({ ...template, id: `X-${i}`, level: 'none' }));
    const problems = checkSupplementFits('extra.json', frameworkModel(tinyFrameworkFile()), frameworkModel(supplement));
    expect(problems).toHaveLength(FRAMEWORK_MAX_PROBLEMS_LISTED + 1);
    expect(problems[FRAMEWORK_MAX_PROBLEMS_LISTED]?.message).toMatch(/^has 480 more problems not listed here/);
  });
});

describe('loadFrameworkText never throws', () => {
  it('refuses a file nested 200,000 deep with one plain problem', async () => {
    const result = await loadFrameworkText('deep.json', '['.repeat(200_000));
    expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual([
      'deep.json: /: is nested more than 64 levels deep, far more than any file the app reads',
    ]);
  });

  it('refuses a number too large to use (it became Infinity and made the content hash throw)', async () => {
    const text = JSON.stringify(tinyFrameworkFile()).replace('"percent":80', '"percent":1e400');
    expect(text).toContain('1e400');
    const result = await loadFrameworkText('big-number.json', text);
    expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual([
      'big-number.json: /: at /awards/0/requires/1/percent has a number too large to use (1e400)',
    ]);
  });

  it('refuses an Infinity that reaches it as a value (from storage) instead of throwing while hashing', async () => {
    const file = tinyFrameworkFile() as unknown as { awards: { requires: { atMost?: number }[] }[] };
    file.awards[1]!.requires[1]!.atMost = Number.POSITIVE_INFINITY;
    const result = await loadFrameworkValue('stored', file);
    expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual([
      'stored: /awards/1/requires/1/atMost: must be a number small enough to use (it is too large, or not a number)',
    ]);
  });
});
