import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMPONENT_ISOLATED, UNIT_ISOLATED } from '../isolated-test-files';

const testFilesIn = (dir: string) =>
  readdirSync(dir)
    .filter((name) => /\.test\.tsx?$/.test(name))
    .map((name) => join(dir, name));

/** Whether a test file replaces a module (the pattern is built so this file does not match itself). */
const MOCKS = new RegExp(['\\bvi', '\\.(mock|doMock)\\('].join(''));

describe.each([
  { layer: 'unit', dir: 'test/unit', isolated: UNIT_ISOLATED },
  { layer: 'component', dir: 'test/component', isolated: COMPONENT_ISOLATED },
])('which $layer tests run isolated', ({ dir, isolated }) => {
  it('lists every test file that replaces a module with vi.mock', () => {
    const mocking = testFilesIn(dir).filter((path) => MOCKS.test(readFileSync(path, 'utf8')));
    expect(mocking.length).toBeGreaterThan(0);
    expect(mocking.filter((path) => !isolated.includes(path))).toEqual([]);
  });

  it('lists only files of its layer that exist, once each', () => {
    expect(isolated.filter((path) => !path.startsWith(`${dir}/`) || !existsSync(path))).toEqual([]);
    expect(new Set(isolated).size).toBe(isolated.length);
  });
});
