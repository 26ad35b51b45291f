import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// One date style in the app: every date a person reads is written by shared/formats/en-gb-dates.ts,
// and every date they type goes into the app's own DateField (renderer/ui/DateField.tsx), never the
// browser's picker, whose order and wording depend on the computer's settings. And the day of a
// moment is the day it was in England (todayIso, isoDateInEngland, longDateOfTime), never the first
// ten characters of a UTC time, which give yesterday between midnight and one in the morning all summer.

const DATE_INPUT_TYPES = new Set(['date', 'datetime-local', 'time', 'month', 'week']);
const OWN_FORMATTERS = new Set(['toLocaleDateString', 'toLocaleTimeString']);

/** Each place a file writes a date its own way or asks for the browser's picker, as "line: what". */
function dateStyleBreaches(fileName: string, text: string): string[] {
  const source = ts.createSourceFile(
    fileName,
    text,
    ts.ScriptTarget.Latest,
    true,
    fileName.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
  const found: string[] = [];
  const at = (node: ts.Node, what: string) =>
    found.push(`${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1}: ${what}`);
  const calleeName = (node: ts.Expression): string | null =>
    ts.isCallExpression(node)
      ? ts.isIdentifier(node.expression)
        ? node.expression.text
        : ts.isPropertyAccessExpression(node.expression)
          ? node.expression.name.text
          : null
      : null;
  const isFirstTenCharacters = (node: ts.Node): node is ts.CallExpression =>
    ts.isCallExpression(node) &&
    ts.isPropertyAccessExpression(node.expression) &&
    node.expression.name.text === 'slice' &&
    node.arguments.length === 2 &&
    node.arguments.map((a) => a.getText(source)).join(',') === '0,10';
  const visit = (node: ts.Node) => {
    if (isFirstTenCharacters(node) && ts.isPropertyAccessExpression(node.expression)) {
      const of = calleeName(node.expression.expression);
      if (of === 'nowIso' || of === 'toISOString') at(node, `the UTC date of ${of}()`);
    }
    if (ts.isCallExpression(node) && calleeName(node) === 'formatIsoDate' && node.arguments[0] && isFirstTenCharacters(node.arguments[0])) {
      at(node, 'formatIsoDate of a time cut to its UTC date');
    }
    if (ts.isPropertyAccessExpression(node)) {
      const name = node.name.text;
      if (OWN_FORMATTERS.has(name)) at(node, name);
      if (name === 'DateTimeFormat' && ts.isIdentifier(node.expression) && node.expression.text === 'Intl') at(node, 'Intl.DateTimeFormat');
    }
    if (ts.isJsxAttribute(node) && ts.isIdentifier(node.name) && node.name.text === 'type' && node.initializer) {
      const value = ts.isStringLiteral(node.initializer)
        ? node.initializer.text
        : ts.isJsxExpression(node.initializer) && node.initializer.expression && ts.isStringLiteralLike(node.initializer.expression)
          ? node.initializer.expression.text
          : null;
      if (value !== null && DATE_INPUT_TYPES.has(value)) at(node, `type="${value}"`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function rendererFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return rendererFiles(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

describe('one date style in the renderer', () => {
  it('finds a date written its own way or a browser date picker (the check itself)', () => {
    const screen = `export function Example({ at, day }: { at: string; day: string }) {
  const time = new Date(at).toLocaleTimeString('en-GB');
  const stamp = new Intl.DateTimeFormat('en-GB').format(new Date(at));
  return (
    <form>
      <p>started {new Date(at).toLocaleDateString('en-GB')} {time} {stamp}</p>
      <input type="date" value={day} readOnly />
      <input type={'datetime-local'} value={day} readOnly />
      <input type="text" value={day} readOnly />
      <p>due {nowIso().slice(0, 10)}, exported {formatIsoDate(at.slice(0, 10))}, on {new Date(at).toISOString().slice(0, 10)}</p>
    </form>
  );
}
`;
    expect(dateStyleBreaches('Example.tsx', screen)).toEqual([
      '2: toLocaleTimeString',
      '3: Intl.DateTimeFormat',
      '6: toLocaleDateString',
      '7: type="date"',
      '8: type="datetime-local"',
      '10: the UTC date of nowIso()',
      '10: formatIsoDate of a time cut to its UTC date',
      '10: the UTC date of toISOString()',
    ]);
    expect(
      dateStyleBreaches('example.ts', `import { formatIsoDate } from './en-gb-dates';\nexport const day = formatIsoDate('2026-12-04');\n`),
    ).toEqual([]);
  });

  it('is kept by every file in renderer/', () => {
    const files = rendererFiles(path.resolve('renderer'));
    expect(files.length).toBeGreaterThan(50);
    const breaches = files.flatMap((file) =>
      dateStyleBreaches(file, readFileSync(file, 'utf8')).map((breach) => `${path.relative(process.cwd(), file)}:${breach}`),
    );
    expect(breaches).toEqual([]);
  });
});
