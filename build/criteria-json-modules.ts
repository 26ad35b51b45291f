import { readFileSync } from 'node:fs';
import type { Plugin } from 'vite';

/**
 * How the renderer's build turns the shipped criteria (`criteria/**\/*.json`) into code. Left to
 * itself the bundler writes each file out as JavaScript object literals, which the page's script
 * engine parses as code at the app's start, on every open. A string given to `JSON.parse` is read
 * by the engine's JSON parser, which is faster for data of this size: the same values, sooner
 * (test/bench/PERFORMANCE.md has the figures).
 */

/** The shipped criteria's files: the frameworks, crosswalks, regions and their schemas. */
export const CRITERIA_JSON = /[\\/]criteria[\\/].*\.json$/;

/**
 * The module for one JSON file's text: its value, parsed at run time with `JSON.parse`. The text is
 * parsed here first, so a damaged file fails the build with its name rather than shipping.
 */
export function jsonParseModule(fileName: string, text: string): string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`${fileName} is not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  return `export default JSON.parse(${JSON.stringify(JSON.stringify(value))});\n`;
}

/**
 * The Vite plugin: in the built app, each criteria file is loaded as `jsonParseModule` makes it,
 * before Vite's own JSON handling. The development server keeps Vite's.
 */
export function criteriaJsonModules(): Plugin {
  return {
    name: 'criteria-json-modules',
    apply: 'build',
    enforce: 'pre',
    load(id) {
      if (!CRITERIA_JSON.test(id)) return null;
      return { code: jsonParseModule(id, readFileSync(id, 'utf8')), moduleType: 'js' };
    },
  };
}
