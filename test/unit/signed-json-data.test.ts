import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../shared/formats/canonical-json';
import { firstDuplicateKey, readSignedJson } from '../../shared/formats/signed-json-data';

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('firstDuplicateKey', () => {
  it('finds a name repeated in one object, after reading its escapes', () => {
    expect(firstDuplicateKey('{"a":1,"b":2,"a":3}')).toBe('a');
    expect(firstDuplicateKey('{"a":1,"\\u0061":2}')).toBe('a');
    expect(firstDuplicateKey('{"x":{"k":1,"k":2}}')).toBe('k');
    expect(firstDuplicateKey('[{"k":1},{"k":2,"j":[{"k":3,"k":4}]}]')).toBe('k');
  });

  it('does not mistake values, strings holding quotes or the same name in other objects for repeats', () => {
    expect(firstDuplicateKey('{"a":"a","b":{"a":1},"c":[{"a":2},{"a":3}]}')).toBeNull();
    expect(firstDuplicateKey('{"a":"x\\",\\"a\\":1","b":"\\\\"}')).toBeNull();
    expect(firstDuplicateKey('{"a":["a","a"],"b":{}}')).toBeNull();
  });

  it('walks any depth of nesting without recursion', () => {
    const depth = 200_000;
    expect(firstDuplicateKey(`${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`)).toBeNull();
    expect(firstDuplicateKey(`${'['.repeat(depth)}{"k":1,"k":2}${']'.repeat(depth)}`)).toBe('k');
  });
});

describe('readSignedJson', () => {
  const value = { b: [1, 'two', null], a: { z: true, y: 1.5 }, é: 'ü' };

  it('accepts the canonical encoding of a value', () => {
    expect(readSignedJson(utf8(canonicalJson(value)))).toEqual({ ok: true, value });
  });

  it('refuses other encodings of the same value, a byte order mark, repeated names and bad UTF-8', () => {
    const canonical = canonicalJson(value);
    for (const text of [JSON.stringify(value), `${canonical}\n`, ` ${canonical}`, `\ufeff${canonical}`]) {
      const read = readSignedJson(utf8(text));
      expect(read.ok).toBe(false);
      if (!read.ok) expect(read.message).toMatch(/canonical JSON/);
    }
    const repeated = readSignedJson(utf8('{"a":1,"a":1}'));
    expect(!repeated.ok && repeated.message).toMatch(/“a” appears twice/);
    expect(readSignedJson(new Uint8Array([0x7b, 0xff, 0x7d]))).toEqual({ ok: false, message: 'it is not UTF-8 text.' });
    const number = readSignedJson(utf8('{"a":1.0}'));
    expect(!number.ok && number.message).toMatch(/canonical JSON/);
  });
});
