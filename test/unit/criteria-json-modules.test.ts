import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CRITERIA_JSON, jsonParseModule } from '../../build/criteria-json-modules';

/** The value a module made by jsonParseModule exports, found by running it. */
async function exported(code: string): Promise<unknown> {
  const module = (await import(/* @vite-ignore */ `data:text/javascript;base64,${Buffer.from(code).toString('base64')}`)) as {
    default: unknown;
  };
  return module.default;
}

/** Every JSON file under criteria/, with its path. */
function criteriaFiles(dir = join(__dirname, '../../criteria')): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? criteriaFiles(join(dir, entry.name)) : entry.name.endsWith('.json') ? [join(dir, entry.name)] : [],
  );
}

describe('the criteria as JSON.parse modules (the renderer build)', () => {
  it('gives every shipped criteria file the value parsing it gives, and is chosen for each of them', async () => {
    const files = criteriaFiles();
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      expect(CRITERIA_JSON.test(file), file).toBe(true);
      const text = readFileSync(file, 'utf8');
      expect(await exported(jsonParseModule(file, text)), file).toEqual(JSON.parse(text));
    }
  });

  it('keeps what needs escaping in a string: quotes, backslashes, line breaks, dollar-braces and non-ASCII text', async () => {
    const value = {
      a: 'He said "no" \\ then `left`',
      b: 'line\nbreak\u2028and\u2029',
      c: '${not a template}',
      d: 'Māori – “curly” ✓',
      e: [1, 2.5, null, true],
    };
    expect(await exported(jsonParseModule('tricky.json', JSON.stringify(value)))).toEqual(value);
  });

  it('fails the build naming the file when a criteria file is not valid JSON', () => {
    expect(() => jsonParseModule('criteria/frameworks/broken.json', '{"id": "north-east",')).toThrow(
      /criteria\/frameworks\/broken\.json is not valid JSON/,
    );
  });

  it('leaves other JSON files to Vite', () => {
    expect(CRITERIA_JSON.test('/repo/package.json')).toBe(false);
    expect(CRITERIA_JSON.test('/repo/renderer/data/thing.json')).toBe(false);
    expect(CRITERIA_JSON.test('/repo/criteria/regions.json')).toBe(true);
    expect(CRITERIA_JSON.test('C:\\repo\\criteria\\frameworks\\north-east.json')).toBe(true);
  });
});
