/**
 * Canonical JSON: object keys sorted by UTF-16 code units, no insignificant white space,
 * strings and numbers as JSON.stringify writes them (the JCS / RFC 8785 approach for the
 * values this app writes). The same value always gives the same text, so its SHA-256 can
 * identify a framework version or sign a submission.
 */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export class CanonicalJsonError extends Error {
  override name = 'CanonicalJsonError';
}

/**
 * Throws CanonicalJsonError for a value JSON cannot hold (NaN, Infinity, a function...). It is only
 * given values the app made itself or values already checked: parseJsonText refuses numbers that
 * would read as Infinity, and createSchemaCheck refuses any non-finite number, so for anything read
 * from outside and checked it never throws.
 */
export function canonicalJson(value: unknown): string {
  return write(value, '');
}

function write(value: unknown, path: string): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'string':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new CanonicalJsonError(`${path || '/'}: ${value} is not a JSON number`);
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) return `[${value.map((item, i) => write(item, `${path}/${i}`)).join(',')}]`;
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record)
        .filter((key) => record[key] !== undefined)
        .sort(compareCodeUnits);
      return `{${keys.map((key) => `${JSON.stringify(key)}:${write(record[key], `${path}/${key}`)}`).join(',')}}`;
    }
    default:
      throw new CanonicalJsonError(`${path || '/'}: a ${typeof value} cannot be written as JSON`);
  }
}

function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
