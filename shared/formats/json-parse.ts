/** JSON.parse that explains a syntax error with a line and column instead of throwing. */
export type ParsedJson = { ok: true; value: unknown } | { ok: false; message: string };

export function parseJsonText(text: string): ParsedJson {
  const withoutBom = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (withoutBom.trim() === '') return { ok: false, message: 'the file is empty' };
  try {
    return { ok: true, value: JSON.parse(withoutBom) as unknown };
  } catch {
    // Engines word (and place) syntax errors differently: find the place ourselves.
    const offset = firstSyntaxError(withoutBom);
    if (offset >= withoutBom.length) return { ok: false, message: 'is not valid JSON: the file ends too early' };
    const { line, column } = lineAndColumn(withoutBom, offset);
    return { ok: false, message: `is not valid JSON: a mistake near line ${line}, column ${column}` };
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

class SyntaxAt extends Error {
  constructor(readonly offset: number) {
    super('JSON syntax error');
  }
}

/** The offset of the first character that cannot be part of valid JSON (text.length: it ends early). */
export function firstSyntaxError(text: string): number {
  let i = 0;
  const fail = (): never => {
    throw new SyntaxAt(i);
  };
  const space = () => {
    while (i < text.length && ' \t\n\r'.includes(text.charAt(i))) i += 1;
  };
  const literal = (word: string) => {
    for (const ch of word) {
      if (text.charAt(i) !== ch) fail();
      i += 1;
    }
  };
  const string = () => {
    i += 1; // opening quote
    while (i < text.length) {
      const ch = text.charAt(i);
      if (ch === '"') {
        i += 1;
        return;
      }
      if (ch < ' ') fail();
      if (ch === '\\') {
        i += 1;
        const esc = text.charAt(i);
        if (esc === 'u') {
          for (let k = 0; k < 4; k += 1) {
            i += 1;
            if (!/[0-9a-fA-F]/.test(text.charAt(i))) fail();
          }
        } else if (!'"\\/bfnrt'.includes(esc) || esc === '') fail();
      }
      i += 1;
    }
    fail();
  };
  const number = () => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!match || match[0] === '' || match[0] === '-') fail();
    i += match![0].length;
  };
  const value = (): void => {
    space();
    const ch = text.charAt(i);
    if (ch === '{') {
      i += 1;
      space();
      if (text.charAt(i) === '}') {
        i += 1;
        return;
      }
      for (;;) {
        space();
        if (text.charAt(i) !== '"') fail();
        string();
        space();
        if (text.charAt(i) !== ':') fail();
        i += 1;
        value();
        space();
        if (text.charAt(i) === ',') i += 1;
        else if (text.charAt(i) === '}') {
          i += 1;
          return;
        } else fail();
      }
    }
    if (ch === '[') {
      i += 1;
      space();
      if (text.charAt(i) === ']') {
        i += 1;
        return;
      }
      for (;;) {
        value();
        space();
        if (text.charAt(i) === ',') i += 1;
        else if (text.charAt(i) === ']') {
          i += 1;
          return;
        } else fail();
      }
    }
    if (ch === '"') return string();
    if (ch === 't') return literal('true');
    if (ch === 'f') return literal('false');
    if (ch === 'n') return literal('null');
    number();
  };
  try {
    value();
    space();
    if (i < text.length) fail();
    return -1;
  } catch (error) {
    if (error instanceof SyntaxAt) return error.offset;
    throw error;
  }
}
