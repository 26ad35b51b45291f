import { describe, expect, it } from 'vitest';
import {
  checkSupplementFits,
  FRAMEWORK_MAX_IDS_NAMED,
  FRAMEWORK_MAX_PROBLEMS_LISTED,
  formatProblem,
  loadFrameworkText,
  loadFrameworkValue,
} from '../../shared/framework/framework-loader';
import type { BaseFrameworkFile, Criterion } from '../../shared/framework/framework-types';
import { tinyFrameworkFile, tinySupplementFile } from '../fixtures/tiny-framework';

/**
 * A framework made to be slow and wordy to check: thousands of levels (half of them sharing one
 * id), and thousands of criteria with the same id, each naming a level that does not exist. The
 * old loader named every level in every criterion's message (tens of millions of characters) and
 * found repeated levels by scanning the list once per level.
 */
function pathologicalFramework(levels: number, criteria: number, repeatLevels = true): BaseFrameworkFile {
  const file = tinyFrameworkFile();
  file.levels = Array.from({ length: levels }, (_, i) => ({
    id: repeatLevels && i % 2 === 0 ? 'same-level' : `level-${i}`,
    label: 'Level',
    description: 'A level of the award.',
  }));
  const template = file.strands[0]!.standards[0]!.criteria[0]!;
  const copies: Criterion[] = Array.from({ length: criteria }, () => ({ ...template, id: 'TF-1.1.1', level: 'missing' }));
  file.strands[0]!.standards[0]!.criteria = copies;
  return file;
}

describe('loadFrameworkValue on a pathological file', () => {
  const LEVELS = 4000;
  const CRITERIA = 3000;

  it('lists the first problems, correctly, and one line with how many more there are', async () => {
    const text = JSON.stringify(pathologicalFramework(LEVELS, CRITERIA));
    const result = await loadFrameworkText('big.json', text);
    expect(result.ok).toBe(false);
    const problems = result.ok ? [] : result.problems;
    expect(problems).toHaveLength(FRAMEWORK_MAX_PROBLEMS_LISTED + 1);
    // The criteria's repeated ids come first (TF-1.1.1 at criteria/1 onwards), then the other problems.
    expect(formatProblem(problems[0]!)).toBe(
      'big.json: /strands/0/standards/0/criteria/1/id: repeats the id TF-1.1.1 already used at /strands/0/standards/0/criteria/0',
    );
    expect(formatProblem(problems[FRAMEWORK_MAX_PROBLEMS_LISTED - 1]!)).toBe(
      'big.json: /strands/0/standards/0/criteria/20/id: repeats the id TF-1.1.1 already used at /strands/0/standards/0/criteria/0',
    );
    // Every problem is counted: the repeated criterion ids, the repeated levels, the criteria naming a
    // missing level (the copies, and the tiny framework's 8 other criteria at bronze, silver or gold),
    // the 3 awards at levels no longer there and the 4 level names in their rules.
    const total = CRITERIA - 1 + (LEVELS / 2 - 1) + (CRITERIA + 8) + 3 + 4;
    expect(problems[FRAMEWORK_MAX_PROBLEMS_LISTED]).toEqual({
      file: 'big.json',
      pointer: '',
      message: `has ${(total - FRAMEWORK_MAX_PROBLEMS_LISTED).toLocaleString('en-GB')} more problems not listed here; correct the ones above, then import the file again to see the rest`,
    });
  });

  it('keeps every message short: at most a few level ids named, however many levels there are', async () => {
    const result = await loadFrameworkValue('big.json', pathologicalFramework(LEVELS, 1, false));
    const problems = result.ok ? [] : result.problems;
    const levelMessage = problems.find((p) => p.pointer.endsWith('/level'));
    expect(levelMessage?.message).toBe(
      `must be one of the framework's levels: level-0, level-1, level-2, level-3, level-4, level-5, level-6, level-7, level-8, level-9 and ${(LEVELS - FRAMEWORK_MAX_IDS_NAMED).toLocaleString('en-GB')} more`,
    );
    for (const problem of problems) expect(problem.message.length).toBeLessThan(400);
    expect(problems.length).toBeLessThanOrEqual(FRAMEWORK_MAX_PROBLEMS_LISTED + 1);
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
    const problems = checkSupplementFits('extra.json', tinyFrameworkFile(), supplement);
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
