import { canonicalJson } from './canonical-json';
import { parseJsonText } from './json-parse';

/**
 * Reads the JSON data a signed file carries (submission.json, moderation.json). The app writes it
 * as canonical JSON, so the bytes must be exactly the canonical form of what they say: the same
 * data always has one encoding, and nothing (a repeated name, extra spaces, another number
 * format) can make two readers see different things in one signed file. Never throws.
 */
export type SignedJsonRead = { ok: true; value: unknown } | { ok: false; message: string };

const utf8Strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function readSignedJson(bytes: Uint8Array): SignedJsonRead {
  let source: string;
  try {
    source = utf8Strict.decode(bytes);
  } catch {
    return { ok: false, message: 'it is not UTF-8 text.' };
  }
  let value: unknown;
  try {
    const parsed = parseJsonText(source);
    if (!parsed.ok) return { ok: false, message: parsed.message };
    value = parsed.value;
  } catch {
    return { ok: false, message: 'is not JSON this app can read.' };
  }
  const repeated = firstDuplicateKey(source);
  if (repeated !== null) {
    return {
      ok: false,
      message: `the name “${shorten(repeated)}” appears twice in one object, so different programs could read different values from it.`,
    };
  }
  let canonical: string;
  try {
    canonical = canonicalJson(value);
  } catch {
    return { ok: false, message: 'it holds a number that cannot be written as JSON.' };
  }
  if (canonical !== source) {
    return {
      ok: false,
      message: 'it is not written the way this app writes it (canonical JSON), so it was made or changed by another program.',
    };
  }
  return { ok: true, value };
}

/**
 * The first name that appears twice in one object of valid JSON text, or null. Names are
 * compared after their escapes are read ("a" and "\u0061" are the same name). Walks the text
 * once, without recursion, so any depth of nesting is fine.
 */
export function firstDuplicateKey(text: string): string | null {
  // One entry per open object or array: the names seen so far in an object, null for an array.
  const open: (Set<string> | null)[] = [];
  let expectName = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text.charCodeAt(i);
    if (ch === 0x7b /* { */) {
      open.push(new Set());
      expectName = true;
    } else if (ch === 0x5b /* [ */) {
      open.push(null);
      expectName = false;
    } else if (ch === 0x7d /* } */ || ch === 0x5d /* ] */) {
      open.pop();
      expectName = false;
    } else if (ch === 0x2c /* , */) {
      expectName = open[open.length - 1] instanceof Set;
    } else if (ch === 0x22 /* " */) {
      let end = i + 1;
      while (end < text.length && text.charCodeAt(end) !== 0x22) end += text.charCodeAt(end) === 0x5c ? 2 : 1;
      if (expectName) {
        const names = open[open.length - 1];
        const key = readString(text.slice(i, end + 1));
        if (names && key !== null) {
          if (names.has(key)) return key;
          names.add(key);
        }
        expectName = false;
      }
      i = end;
    }
  }
  return null;
}

function readString(literal: string): string | null {
  try {
    const value: unknown = JSON.parse(literal);
    return typeof value === 'string' ? value : null;
  } catch {
    return null;
  }
}

function shorten(name: string): string {
  return name.length > 60 ? `${name.slice(0, 57)}...` : name;
}
