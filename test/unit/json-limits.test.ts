import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../shared/formats/canonical-json';
import {
  findDuplicateKey,
  firstSyntaxError,
  JSON_LIMITS,
  JSON_MAX_ARRAY_ITEMS,
  JSON_MAX_DEPTH,
  JSON_MAX_OBJECT_KEYS,
  JSON_MAX_STRING_LENGTH,
  JSON_MAX_TEXT_LENGTH,
  parseJsonText,
  type JsonLimits,
} from '../../shared/formats/json-parse';
import { createSchemaCheck, firstNonFiniteNumber } from '../../shared/formats/json-schema-check';

const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
const nestedObjects = (depth: number) => `${'{"a":'.repeat(depth - 1)}{}${'}'.repeat(depth - 1)}`;
const small: JsonLimits = { maxDepth: 4, maxStringLength: 10, maxArrayItems: 3, maxObjectKeys: 2, maxTextLength: 100 };

function refusal(text: string, limits?: JsonLimits): string {
  const result = parseJsonText(text, limits);
  if (result.ok) throw new Error(`expected ${text.slice(0, 40)} to be refused`);
  return result.message;
}

describe('parseJsonText: nesting', () => {
  it('refuses "[" nested 200,000 deep with a message, without throwing (the recursive reader overflowed the stack)', () => {
    const text = '['.repeat(200_000);
    expect(() => parseJsonText(text)).not.toThrow();
    expect(refusal(text)).toBe(`is nested more than ${JSON_MAX_DEPTH} levels deep, far more than any file the app reads`);
    expect(() => firstSyntaxError(text)).not.toThrow();
    expect(firstSyntaxError(text)).toBe(200_000);
  });

  it('refuses well-formed arrays and objects nested 200,000 deep', () => {
    expect(refusal(nested(200_000))).toMatch(/nested more than 64 levels deep/);
    expect(refusal(nestedObjects(200_000))).toMatch(/nested more than 64 levels deep/);
  });

  it('reads arrays and objects nested exactly at the limit, and refuses one level more', () => {
    expect(JSON_MAX_DEPTH).toBe(64);
    expect(parseJsonText(nested(JSON_MAX_DEPTH)).ok).toBe(true);
    expect(parseJsonText(nestedObjects(JSON_MAX_DEPTH)).ok).toBe(true);
    expect(refusal(nested(JSON_MAX_DEPTH + 1))).toMatch(/nested more than 64 levels/);
    expect(refusal(nestedObjects(JSON_MAX_DEPTH + 1))).toMatch(/nested more than 64 levels/);
    expect(parseJsonText(nested(4), small).ok).toBe(true);
    expect(refusal(nested(5), small)).toBe('is nested more than 4 levels deep, far more than any file the app reads');
  });
});

describe('parseJsonText: sizes', () => {
  it('reads a string at the length limit and refuses one character more, saying where', () => {
    expect(parseJsonText(`{"a":["${'x'.repeat(10)}"]}`, small).ok).toBe(true);
    expect(refusal(`{"a":["${'x'.repeat(11)}"]}`, small)).toBe('at /a/0 has a text of 11 characters; at most 10 are allowed');
    expect(refusal(`[{"${'k'.repeat(11)}":1}]`, small)).toBe('at /0 has a name of 11 characters; at most 10 are allowed');
  });

  it('holds the default string limit', () => {
    expect(JSON_MAX_STRING_LENGTH).toBe(1_000_000);
    expect(parseJsonText(`"${'x'.repeat(JSON_MAX_STRING_LENGTH)}"`).ok).toBe(true);
    expect(refusal(`"${'x'.repeat(JSON_MAX_STRING_LENGTH + 1)}"`)).toBe(
      'has a text of 1,000,001 characters; at most 1,000,000 are allowed',
    );
  });

  it('reads an array at the item limit and refuses one item more', () => {
    expect(parseJsonText('{"list":[1,2,3]}', small).ok).toBe(true);
    expect(refusal('{"list":[1,2,3,4]}', small)).toBe('at /list has more than 3 items in one list');
    expect(JSON_MAX_ARRAY_ITEMS).toBe(100_000);
    const items = (n: number) => `[${Array.from({ length: n }, () => '0').join(',')}]`;
    expect(parseJsonText(items(JSON_MAX_ARRAY_ITEMS)).ok).toBe(true);
    expect(refusal(items(JSON_MAX_ARRAY_ITEMS + 1))).toBe('has more than 100,000 items in one list');
  });

  it('reads an object at the key limit and refuses one key more', () => {
    expect(parseJsonText('[{"a":1,"b":2}]', small).ok).toBe(true);
    expect(refusal('[{"a":1,"b":2,"c":3}]', small)).toBe('at /0 has more than 2 names in one object');
    expect(JSON_MAX_OBJECT_KEYS).toBe(10_000);
    const keys = (n: number) => `{${Array.from({ length: n }, (_, i) => `"k${i}":0`).join(',')}}`;
    expect(parseJsonText(keys(JSON_MAX_OBJECT_KEYS)).ok).toBe(true);
    expect(refusal(keys(JSON_MAX_OBJECT_KEYS + 1))).toBe('has more than 10,000 names in one object');
  });

  it('reads a text at the length limit and refuses one character more, before reading it', () => {
    const at = `"${'x'.repeat(8)}"`.padEnd(100, ' ');
    expect(parseJsonText(at, small).ok).toBe(true);
    expect(refusal(`${at} `, small)).toBe('is too long: it has 101 characters, and at most 100 are read');
    expect(JSON_MAX_TEXT_LENGTH).toBe(32 * 1024 * 1024);
    expect(refusal(' '.repeat(JSON_MAX_TEXT_LENGTH + 1))).toBe(
      'is too long: it has 33,554,433 characters, and at most 33,554,432 are read',
    );
  });

  it('uses the named constants as its defaults', () => {
    expect(JSON_LIMITS).toEqual({
      maxDepth: JSON_MAX_DEPTH,
      maxStringLength: JSON_MAX_STRING_LENGTH,
      maxArrayItems: JSON_MAX_ARRAY_ITEMS,
      maxObjectKeys: JSON_MAX_OBJECT_KEYS,
      maxTextLength: JSON_MAX_TEXT_LENGTH,
    });
  });
});

describe('parseJsonText: numbers', () => {
  it.each([
    ['1e400', 'has a number too large to use (1e400)'],
    ['-1e400', 'has a number too large to use (-1e400)'],
    ['{"version":1e400}', 'at /version has a number too large to use (1e400)'],
    ['[0, 2e308]', 'at /1 has a number too large to use (2e308)'],
  ])('refuses %s, which JSON.parse reads as Infinity', (text, message) => {
    expect(refusal(text)).toBe(message);
  });

  it('reads the largest finite double and numbers that round to zero', () => {
    expect(parseJsonText('1.7976931348623157e308')).toEqual({ ok: true, value: Number.MAX_VALUE });
    expect(parseJsonText('1e-400')).toEqual({ ok: true, value: 0 });
  });

  it('gives canonicalJson only values it can write: nothing parseJsonText accepts makes it throw', () => {
    for (const text of ['1e308', nested(JSON_MAX_DEPTH), '{"a":[1,-0,1e-400,"\\u0000"]}', `[${'1,'.repeat(999)}1]`]) {
      const parsed = parseJsonText(text);
      expect(parsed.ok).toBe(true);
      if (parsed.ok) expect(() => canonicalJson(parsed.value)).not.toThrow();
    }
  });
});

describe('parseJsonText: agrees with JSON.parse on what is valid', () => {
  it.each([
    ['{"a":1}', true],
    [' [1, 2.5, -0, 1e3, 1E-2, true, false, null, "x\\n\\u00e9"] ', true],
    ['[1,]', false],
    ['{"a" 1}', false],
    ['01', false],
    ['1.', false],
    ['-', false],
    ['[1 2]', false],
    ['"tab\tinside"', false],
    ['"\\x"', false],
    ['"\\u12G4"', false],
    ['{"a":1}}', false],
    ['tru', false],
    ['nul', false],
    ["{'a':1}", false],
  ])('%s', (text, valid) => {
    let parses = true;
    try {
      JSON.parse(text);
    } catch {
      parses = false;
    }
    expect(parses).toBe(valid);
    expect(parseJsonText(text).ok).toBe(valid);
    expect(firstSyntaxError(text) === -1).toBe(valid);
  });
});

describe('findDuplicateKey', () => {
  it('gives null for objects that do not repeat a key', () => {
    expect(findDuplicateKey('{"a":1,"b":{"a":2},"c":[{"a":1},{"a":2}]}')).toBeNull();
    expect(findDuplicateKey('[]')).toBeNull();
  });

  it('gives the JSON pointer of the first repeated key', () => {
    expect(findDuplicateKey('{"a":1,"a":2}')).toBe('/a');
    expect(findDuplicateKey('{"list":[{"id":"x"},{"id":"y","id":"z"}]}')).toBe('/list/1/id');
    expect(findDuplicateKey('{"b":{"c":1,"c":2},"b":3}')).toBe('/b/c');
  });

  it('compares keys after their escapes are read, and escapes "/" and "~" in the pointer', () => {
    expect(findDuplicateKey('{"ab":1,"a\\u0062":2}')).toBe('/ab');
    expect(findDuplicateKey('{"a/b~c":1,"a/b~c":2}')).toBe('/a~1b~0c');
  });

  it('gives null for text that is not JSON or is past a limit (parseJsonText says why)', () => {
    expect(findDuplicateKey('{"a":1,"a":')).toBeNull();
    expect(findDuplicateKey('['.repeat(200_000))).toBeNull();
  });
});

describe('createSchemaCheck: numbers', () => {
  const check = createSchemaCheck({
    type: 'object',
    properties: { count: { type: 'integer', minimum: 0 }, anyWhole: { type: 'integer' }, share: { type: 'number', maximum: 100 } },
  });

  it('refuses Infinity and NaN anywhere, even where the schema has no bound (1e400 passed as an integer)', () => {
    const message = 'must be a number small enough to use (it is too large, or not a number)';
    expect(check({ anyWhole: Number.POSITIVE_INFINITY })).toEqual([{ pointer: '/anyWhole', message }]);
    expect(check({ anyWhole: 1, other: [0, Number.NaN] })).toEqual([{ pointer: '/other/1', message }]);
    expect(check({ share: Number.NEGATIVE_INFINITY })).toEqual([{ pointer: '/share', message }]);
  });

  it('accepts the largest safe integer where the schema says integer, and refuses the next one', () => {
    expect(check({ anyWhole: Number.MAX_SAFE_INTEGER, count: Number.MAX_SAFE_INTEGER })).toEqual([]);
    expect(check({ anyWhole: Number.MIN_SAFE_INTEGER })).toEqual([]);
    expect(check({ anyWhole: Number.MAX_SAFE_INTEGER + 1 })).toEqual([
      { pointer: '/anyWhole', message: 'must be a whole number small enough to use' },
    ]);
    expect(check({ count: 2 ** 60 })).toEqual([{ pointer: '/count', message: 'must be a whole number small enough to use' }]);
    expect(check({ anyWhole: Number.MIN_SAFE_INTEGER - 1 })).toEqual([
      { pointer: '/anyWhole', message: 'must be a whole number small enough to use' },
    ]);
  });

  it('keeps a tighter bound the schema sets itself', () => {
    expect(check({ count: -1 })).toEqual([{ pointer: '/count', message: 'must be 0 or more' }]);
  });

  it('finds non-finite numbers deep inside without recursion', () => {
    let deep: unknown = Number.NaN;
    for (let i = 0; i < 100_000; i += 1) deep = [deep];
    expect(firstNonFiniteNumber(deep)).toBe('/0'.repeat(100_000));
    expect(firstNonFiniteNumber({ a: [1, { b: 2 }] })).toBeNull();
  });
});
