import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { AFTER_COMPONENT_TESTS, laneArguments } from '../../build/e2e-lanes.mjs';

// `npm test` runs a few end-to-end files after the component tests and the rest beside them. Each
// file must run in exactly one lane: asked of Vitest itself, with each lane's own arguments.
const run = promisify(execFile);

async function filesVitestWouldRun(lane: string): Promise<string[]> {
  const args = laneArguments(lane);
  if (!args) throw new Error(`no lane ${lane}`);
  const { stdout } = await run('npx', ['vitest', 'list', '--filesOnly', ...args.slice(1)], { maxBuffer: 1024 * 1024 });
  return stdout
    .split('\n')
    .map((line) => /(test\/e2e\/\S+\.e2e\.test\.ts)/.exec(line)?.[1])
    .filter((file): file is string => file !== undefined)
    .sort();
}

describe('the end-to-end tests’ two lanes', () => {
  it('lists files that exist', () => {
    expect(AFTER_COMPONENT_TESTS.length).toBeGreaterThan(0);
    for (const file of AFTER_COMPONENT_TESTS) expect(existsSync(file), file).toBe(true);
  });

  it('runs every end-to-end file in exactly one lane', async () => {
    const all = readdirSync('test/e2e')
      .filter((name) => name.endsWith('.e2e.test.ts'))
      .map((name) => `test/e2e/${name}`)
      .sort();
    const [after, beside] = await Promise.all([filesVitestWouldRun('after-component'), filesVitestWouldRun('beside-component')]);
    expect(after).toEqual([...AFTER_COMPONENT_TESTS].sort());
    expect(beside.filter((file) => after.includes(file))).toEqual([]);
    expect([...after, ...beside].sort()).toEqual(all);
  }, 60_000);

  it('knows no other lane', () => {
    expect(laneArguments('all')).toBeNull();
  });
});
