import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { loadShippedData, SHIPPED_FRAMEWORK_FILES } from '../shared/framework/shipped-frameworks';
import { runAsScript } from './run-as-script';

/**
 * Checks every file of criteria the app ships, in full (JSON Schema, structure, supplements,
 * crosswalks, regions), and writes each framework file's content hash into a module the app reads
 * at its start, so the start need neither check the files again nor hash them: they are part of
 * the app, as its code is.
 *
 * `npm run types:generate` writes the module; `npm run types:check` (the first step of `npm test`)
 * and `npm run build:renderer` write nothing and fail, in words, when a shipped file has a problem
 * or the module no longer matches the files.
 */

const OUTPUT = 'shared/framework/shipped-content-hashes.generated.ts';
const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The generated module for the shipped files as they are now (throws, listing the problems, when any file has one). */
export async function shippedContentHashesModule(): Promise<string> {
  const { frameworks } = await loadShippedData();
  const lines = SHIPPED_FRAMEWORK_FILES.map(({ fileName }, index) => {
    const loaded = frameworks[index];
    if (!loaded) throw new Error(`${fileName} did not load`);
    return `  ${JSON.stringify(fileName)}: ${JSON.stringify(loaded.contentHash)},`;
  });
  const source = [
    `// Written by build/shipped-content-hashes.ts ("npm run types:generate") after every file in`,
    `// criteria/ passed every check: do not edit. "npm run types:check" fails when it no longer matches.`,
    ``,
    `/** Each shipped framework file's content hash, by file name (what loadShippedData's start uses). */`,
    `export const SHIPPED_CONTENT_HASHES: Readonly<Record<string, string>> = {`,
    ...lines,
    `};`,
    ``,
  ].join('\n');
  const file = `${ROOT}${OUTPUT}`;
  return format(source, { ...((await resolveConfig(file)) ?? {}), filepath: file });
}

function committed(): string | null {
  try {
    return readFileSync(`${ROOT}${OUTPUT}`, 'utf8');
  } catch {
    return null;
  }
}

async function main(check: boolean): Promise<number> {
  const expected = await shippedContentHashesModule();
  if (committed() === expected) {
    if (check) process.stdout.write(`The shipped criteria pass every check, and ${OUTPUT} matches them.\n`);
    return 0;
  }
  if (check) {
    process.stderr.write(
      `${OUTPUT} does not match the files in criteria/: a framework file was changed without it. Run "npm run types:generate" and commit the result.\n`,
    );
    return 1;
  }
  writeFileSync(`${ROOT}${OUTPUT}`, expected);
  process.stdout.write(`Wrote ${OUTPUT}\n`);
  return 0;
}

// A shipped file with a problem is named in words, with the problem.
await runAsScript(import.meta.url, (args) => main(args.includes('--check')));
