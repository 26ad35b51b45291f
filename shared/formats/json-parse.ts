import { formatCount } from './en-gb-counts';

/**
 * Reading JSON from outside the app. Never throws: bad text, and text past one of the limits
 * below, is refused with a message in plain words. The text is first scanned without recursion
 * (so any depth of nesting is safe to look at), and only text within every limit reaches
 * JSON.parse, whose own recursion then stays shallow.
 */
export type ParsedJson = { ok: true; value: unknown } | { ok: false; message: string };

/** What JSON from outside may hold. Every format the app reads is far inside these. */
export interface JsonLimits {
  /** Arrays and objects inside one another. */
  maxDepth: number;
  /** Characters in one string (a key or a value), as JSON text, escapes counted as written. */
  maxStringLength: number;
  /** Items in one array. */
  maxArrayItems: number;
  /** Keys in one object. */
  maxObjectKeys: number;
  /** Characters in the whole text. */
  maxTextLength: number;
}

export const JSON_MAX_DEPTH = 64;
export const JSON_MAX_STRING_LENGTH = 1_000_000;
export const JSON_MAX_ARRAY_ITEMS = 100_000;
export const JSON_MAX_OBJECT_KEYS = 10_000;
export const JSON_MAX_TEXT_LENGTH = 32 * 1024 * 1024;

export const JSON_LIMITS: Readonly<JsonLimits> = {
  maxDepth: JSON_MAX_DEPTH,
  maxStringLength: JSON_MAX_STRING_LENGTH,
  maxArrayItems: JSON_MAX_ARRAY_ITEMS,
  maxObjectKeys: JSON_MAX_OBJECT_KEYS,
  maxTextLength: JSON_MAX_TEXT_LENGTH,
};

export function parseJsonText(text: string, limits: Readonly<JsonLimits> = JSON_LIMITS): ParsedJson {
  const withoutBom = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (withoutBom.length > limits.maxTextLength) {
    return {
      ok: false,
      message: `is too long: it has ${formatCount(withoutBom.length)} characters, and at most ${formatCount(limits.maxTextLength)} are read`,
    };
  }
  if (withoutBom.trim() === '') return { ok: false, message: 'the file is empty' };
  const scan = scanJson(withoutBom, limits, false);
  if (scan.kind === 'syntax') {
    // Engines word (and place) syntax errors differently: the scan finds the place itself.
    if (scan.offset >= withoutBom.length) return { ok: false, message: 'is not valid JSON: the file ends too early' };
    const { line, column } = lineAndColumn(withoutBom, scan.offset);
    return { ok: false, message: `is not valid JSON: a mistake near line ${line}, column ${column}` };
  }
  if (scan.kind === 'limit') return { ok: false, message: scan.message };
  try {
    return { ok: true, value: JSON.parse(withoutBom) as unknown };
  } catch {
    // Not reached for text the scan accepted; kept so that this function never throws.
    return { ok: false, message: 'is not valid JSON' };
  }
}

/**
 * The JSON pointer of the first key that repeats an earlier key of the same object (keys are
 * compared after their escapes are read, so "a" and "\u0061" are the same key), or null when no
 * object repeats a key. Also null for text that is not valid JSON or is past a limit (the same
 * limits as parseJsonText, which says what is wrong with such text). Never throws.
 */
export function findDuplicateKey(text: string, limits: Readonly<JsonLimits> = JSON_LIMITS): string | null {
  const withoutBom = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (withoutBom.length > limits.maxTextLength) return null;
  const scan = scanJson(withoutBom, limits, true);
  return scan.kind === 'ok' ? scan.duplicate : null;
}

/** The offset of the first character that cannot be part of valid JSON (text.length: it ends early), or -1. */
export function firstSyntaxError(text: string): number {
  const unlimited: JsonLimits = {
    maxDepth: Number.POSITIVE_INFINITY,
    maxStringLength: Number.POSITIVE_INFINITY,
    maxArrayItems: Number.POSITIVE_INFINITY,
    maxObjectKeys: Number.POSITIVE_INFINITY,
    maxTextLength: Number.POSITIVE_INFINITY,
  };
  const scan = scanJson(text, unlimited, false);
  return scan.kind === 'syntax' ? scan.offset : -1;
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

type Scan =
  /** `duplicate`: the pointer of the first repeated key, when asked to look for one. */
  { kind: 'ok'; duplicate: string | null } | { kind: 'syntax'; offset: number } | { kind: 'limit'; message: string };

/** One open array or object. */
interface Frame {
  isObject: boolean;
  /** Items (array) or keys (object) seen so far. */
  size: number;
  /** The key or index of the value being read, for a pointer. */
  at: string;
  /** Keys seen so far (only when looking for a repeated key). */
  keys: Set<string> | null;
}

const QUOTE = 0x22;
/**
 * A run of characters that may stand in a JSON string as they are: a space and every code unit above
 * it, except the quote (0x22) and the backslash (0x5c).
 */
const PLAIN_RUN = /[ !#-[\]-\uffff]+/y;
const BACKSLASH = 0x5c;

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

function isHex(code: number): boolean {
  return isDigit(code) || (code >= 0x41 && code <= 0x46) || (code >= 0x61 && code <= 0x66);
}

function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/**
 * Scans JSON text with an explicit stack (no recursion), checking syntax and the limits, and,
 * when asked, keeping each open object's keys to find the first repeated one.
 */
function scanJson(text: string, limits: Readonly<JsonLimits>, findDuplicates: boolean): Scan {
  let i = 0;
  let duplicate: string | null = null;
  const stack: Frame[] = [];
  const end = text.length;
  const syntax = (): Scan => ({ kind: 'syntax', offset: i });
  /** The pointer of the value being read (or, with `upTo`, of one of the containers around it). */
  const pointer = (upTo: number = stack.length): string =>
    stack
      .slice(0, upTo)
      .map((f) => `/${escapePointer(f.at)}`)
      .join('');
  const skipSpace = () => {
    while (i < end && isSpace(text.charCodeAt(i))) i += 1;
  };

  /** Reads a string at i (an opening quote); returns false on a syntax error, i left at the fault. */
  const readString = (): boolean => {
    i += 1;
    while (i < end) {
      // Plain characters in one step (a sticky regular expression is far quicker than a loop here).
      PLAIN_RUN.lastIndex = i;
      if (PLAIN_RUN.test(text)) i = PLAIN_RUN.lastIndex;
      const code = text.charCodeAt(i);
      if (code === QUOTE) {
        i += 1;
        return true;
      }
      if (code < 0x20) return false;
      if (code === BACKSLASH) {
        i += 1;
        const esc = text.charAt(i);
        if (esc === 'u') {
          for (let k = 0; k < 4; k += 1) {
            i += 1;
            if (!isHex(text.charCodeAt(i))) return false;
          }
        } else if (esc === '' || !'"\\/bfnrt'.includes(esc)) return false;
      }
      i += 1;
    }
    return false;
  };

  /** Reads a number at i; returns false on a syntax error. */
  const readNumber = (): boolean => {
    if (text.charCodeAt(i) === 0x2d) i += 1;
    const first = text.charCodeAt(i);
    if (first === 0x30) i += 1;
    else if (first >= 0x31 && first <= 0x39) while (isDigit(text.charCodeAt(i))) i += 1;
    else return false;
    if (text.charCodeAt(i) === 0x2e) {
      i += 1;
      if (!isDigit(text.charCodeAt(i))) return false;
      while (isDigit(text.charCodeAt(i))) i += 1;
    }
    const e = text.charCodeAt(i);
    if (e === 0x65 || e === 0x45) {
      i += 1;
      const sign = text.charCodeAt(i);
      if (sign === 0x2b || sign === 0x2d) i += 1;
      if (!isDigit(text.charCodeAt(i))) return false;
      while (isDigit(text.charCodeAt(i))) i += 1;
    }
    return true;
  };

  const tooLongString = (start: number): Scan | null =>
    i - start - 2 > limits.maxStringLength
      ? {
          kind: 'limit',
          message: `${where(pointer())}has a text of ${formatCount(i - start - 2)} characters; at most ${formatCount(limits.maxStringLength)} are allowed`,
        }
      : null;

  // Each turn reads one value, then closes what it completes.
  for (;;) {
    skipSpace();
    const code = text.charCodeAt(i);
    if (code === 0x7b || code === 0x5b) {
      if (stack.length >= limits.maxDepth) {
        return {
          kind: 'limit',
          message: `is nested more than ${formatCount(limits.maxDepth)} levels deep, far more than any file the app reads`,
        };
      }
      const isObject = code === 0x7b;
      i += 1;
      skipSpace();
      const close = isObject ? 0x7d : 0x5d;
      if (text.charCodeAt(i) === close) {
        i += 1;
      } else {
        const frame: Frame = { isObject, size: 0, at: '0', keys: isObject && findDuplicates ? new Set() : null };
        stack.push(frame);
        if (isObject) {
          const keyScan = readKey(frame);
          if (keyScan) return keyScan;
        } else frame.size = 1;
        continue;
      }
    } else if (code === QUOTE) {
      const start = i;
      if (!readString()) return syntax();
      const refused = tooLongString(start);
      if (refused) return refused;
    } else if (code === 0x74 || code === 0x66 || code === 0x6e) {
      const word = code === 0x74 ? 'true' : code === 0x66 ? 'false' : 'null';
      for (let k = 0; k < word.length; k += 1) {
        if (text.charCodeAt(i) !== word.charCodeAt(k)) return syntax();
        i += 1;
      }
    } else {
      const start = i;
      if (!readNumber()) return syntax();
      if (!Number.isFinite(Number(text.slice(start, i)))) {
        return {
          kind: 'limit',
          message: `${where(pointer())}has a number too large to use (${text.slice(start, Math.min(i, start + 24))})`,
        };
      }
    }

    // Close every container this value completes; stop at one that goes on.
    for (;;) {
      const frame = stack[stack.length - 1];
      skipSpace();
      if (!frame) {
        if (i < end) return syntax();
        return { kind: 'ok', duplicate };
      }
      const next = text.charCodeAt(i);
      if (next === 0x2c) {
        i += 1;
        if (frame.isObject) {
          const keyScan = readKey(frame);
          if (keyScan) return keyScan;
        } else {
          if (frame.size >= limits.maxArrayItems) {
            return {
              kind: 'limit',
              message: `${where(pointer(stack.length - 1))}has more than ${formatCount(limits.maxArrayItems)} items in one list`,
            };
          }
          frame.at = String(frame.size);
          frame.size += 1;
        }
        break;
      }
      if (next === (frame.isObject ? 0x7d : 0x5d)) {
        i += 1;
        stack.pop();
        continue;
      }
      return syntax();
    }
  }

  /** Reads `"key" :` for the object on top of the stack; returns a refusal, or null to go on. */
  function readKey(frame: Frame): Scan | null {
    skipSpace();
    if (text.charCodeAt(i) !== QUOTE) return syntax();
    const start = i;
    if (!readString()) return syntax();
    const raw = text.slice(start + 1, i - 1);
    if (raw.length > limits.maxStringLength) {
      return {
        kind: 'limit',
        message: `${where(pointer(stack.length - 1))}has a name of ${formatCount(raw.length)} characters; at most ${formatCount(limits.maxStringLength)} are allowed`,
      };
    }
    if (frame.size >= limits.maxObjectKeys) {
      return {
        kind: 'limit',
        message: `${where(pointer(stack.length - 1))}has more than ${formatCount(limits.maxObjectKeys)} names in one object`,
      };
    }
    frame.size += 1;
    const key = raw.includes('\\') ? (JSON.parse(`"${raw}"`) as string) : raw;
    frame.at = key;
    if (frame.keys && duplicate === null) {
      if (frame.keys.has(key)) duplicate = pointer();
      else frame.keys.add(key);
    }
    skipSpace();
    if (text.charCodeAt(i) !== 0x3a) return syntax();
    i += 1;
    return null;
  }
}

function where(pointer: string): string {
  return pointer === '' ? '' : `at ${pointer} `;
}
