import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMPONENT_ISOLATED } from '../component/isolated-files';

const DIR = 'test/component';
const testFiles = readdirSync(DIR)
  .filter((name) => /\.test\.tsx?$/.test(name))
  .map((name) => join(DIR, name));

describe('which component tests run isolated', () => {
  it('lists every component test file that replaces a module with vi.mock', () => {
    const mocking = testFiles.filter((path) => /\bvi\.(mock|doMock)\(/.test(readFileSync(path, 'utf8')));
    expect(mocking.length).toBeGreaterThan(0);
    expect(mocking.filter((path) => !COMPONENT_ISOLATED.includes(path))).toEqual([]);
  });

  it('lists only files that exist, once each', () => {
    expect(COMPONENT_ISOLATED.filter((path) => !existsSync(path))).toEqual([]);
    expect(new Set(COMPONENT_ISOLATED).size).toBe(COMPONENT_ISOLATED.length);
  });
});
