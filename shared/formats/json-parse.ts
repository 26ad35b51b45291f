/** JSON.parse that explains a syntax error with a line and column instead of throwing. */
export type ParsedJson = { ok: true; value: unknown } | { ok: false; message: string };

export function parseJsonText(text: string): ParsedJson {
  const withoutBom = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (withoutBom.trim() === '') return { ok: false, message: 'the file is empty' };
  try {
    return { ok: true, value: JSON.parse(withoutBom) as unknown };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(detail);
    if (position?.[1] !== undefined) {
      const { line, column } = lineAndColumn(withoutBom, Number(position[1]));
      return { ok: false, message: `is not valid JSON: a mistake near line ${line}, column ${column}` };
    }
    if (/unexpected end/i.test(detail)) return { ok: false, message: 'is not valid JSON: the file ends too early' };
    return { ok: false, message: 'is not valid JSON' };
  }
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i += 1) {
    if (text.charCodeAt(i) === 10) {
      line += 1;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
