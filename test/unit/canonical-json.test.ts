import { describe, expect, it } from 'vitest';
import { canonicalJson, CanonicalJsonError } from '../../shared/formats/canonical-json';
import { sha256, sha256Hex, shortHash, toHex, utf8 } from '../../shared/formats/sha256';

describe('canonicalJson', () => {
  it('writes scalars as JSON.stringify does', () => {
    expect(canonicalJson(null)).toBe('null');
    expect(canonicalJson(true)).toBe('true');
    expect(canonicalJson(false)).toBe('false');
    expect(canonicalJson(0)).toBe('0');
    expect(canonicalJson(-0)).toBe('0');
    expect(canonicalJson(1.5)).toBe('1.5');
    expect(canonicalJson(1e21)).toBe('1e+21');
    expect(canonicalJson('a "quoted" line\n')).toBe('"a \\"quoted\\" line\\n"');
  });

  it('sorts object keys, so key order does not matter', () => {
    const a = { b: 1, a: 2, c: { z: true, y: null } };
    const b = { c: { y: null, z: true }, a: 2, b: 1 };
    expect(canonicalJson(a)).toBe('{"a":2,"b":1,"c":{"y":null,"z":true}}');
    expect(canonicalJson(b)).toBe(canonicalJson(a));
  });

  it('sorts keys by UTF-16 code units, not by locale', () => {
    // "B" (0x42) < "a" (0x61) < "é" (0xe9) < "😀" (0xd83d...) in code units.
    expect(canonicalJson({ é: 1, a: 2, B: 3, '😀': 4, '': 5 })).toBe('{"":5,"B":3,"a":2,"é":1,"😀":4}');
  });

  it('keeps array order and sorts keys inside nested arrays', () => {
    const value = { list: [3, 1, [2, { y: 1, x: [{ b: 1, a: 0 }] }], 'x'] };
    expect(canonicalJson(value)).toBe('{"list":[3,1,[2,{"x":[{"a":0,"b":1}],"y":1}],"x"]}');
    expect(canonicalJson([1, 2])).not.toBe(canonicalJson([2, 1]));
  });

  it('writes unicode strings unchanged, with no white space anywhere', () => {
    const value = { name: 'Zoë’s “SEN” plan – 日本語 😀', list: [' a ', 'b'] };
    const text = canonicalJson(value);
    expect(text).toBe('{"list":[" a ","b"],"name":"Zoë’s “SEN” plan – 日本語 😀"}');
    expect(JSON.parse(text)).toEqual(value);
  });

  it('leaves out properties whose value is undefined', () => {
    expect(canonicalJson({ a: 1, b: undefined, c: { d: undefined } })).toBe('{"a":1,"c":{}}');
    expect(canonicalJson({ a: 1, b: undefined })).toBe(canonicalJson({ a: 1 }));
  });

  it.each([
    ['NaN', { a: NaN }, '/a: NaN is not a JSON number'],
    ['Infinity', { a: [1, Infinity] }, '/a/1: Infinity is not a JSON number'],
    ['-Infinity', -Infinity, '/: -Infinity is not a JSON number'],
    ['a function', { nested: { f: () => 1 } }, '/nested/f: a function cannot be written as JSON'],
    ['a bigint', { n: 10n }, '/n: a bigint cannot be written as JSON'],
    ['a symbol', [Symbol('s')], '/0: a symbol cannot be written as JSON'],
  ])('rejects %s with a CanonicalJsonError that says where', (_name, value, message) => {
    expect(() => canonicalJson(value)).toThrow(CanonicalJsonError);
    expect(() => canonicalJson(value)).toThrow(message);
    try {
      canonicalJson(value);
    } catch (error) {
      expect(error).toBeInstanceOf(CanonicalJsonError);
      expect((error as Error).name).toBe('CanonicalJsonError');
    }
  });

  it('round-trips through JSON.parse to an equal value', () => {
    const value = { z: [1, 'two', { three: 3 }], a: { nested: [true, false, null] }, n: -12.25 };
    expect(JSON.parse(canonicalJson(value))).toEqual(value);
  });
});

describe('sha256', () => {
  it('matches the FIPS 180-2 test vectors', async () => {
    expect(await sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(await sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(await sha256Hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
  });

  it('hashes strings as UTF-8, the same as their bytes', async () => {
    const text = 'Zoë 😀';
    expect(await sha256Hex(text)).toBe(await sha256Hex(utf8(text)));
    expect(await sha256Hex(utf8(text).buffer)).toBe(await sha256Hex(text));
    expect(utf8('é')).toEqual(new Uint8Array([0xc3, 0xa9]));
  });

  it('returns 32 bytes and a 64-character lower-case hex string', async () => {
    const bytes = await sha256('abc');
    expect(bytes).toHaveLength(32);
    expect(toHex(bytes)).toMatch(/^[0-9a-f]{64}$/);
    expect(toHex(new Uint8Array([0, 1, 15, 16, 255]))).toBe('00010f10ff');
  });
});

describe('shortHash', () => {
  const hex = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';

  it('shows the first four groups of four by default', () => {
    expect(shortHash(hex)).toBe('ba78 16bf 8f01 cfea');
  });

  it('shows as many groups as asked for', () => {
    expect(shortHash(hex, 2)).toBe('ba78 16bf');
    expect(shortHash(hex, 16).split(' ')).toHaveLength(16);
    expect(shortHash(hex, 16).replace(/ /g, '')).toBe(hex);
  });

  it('gives an empty string for an empty hash', () => {
    expect(shortHash('')).toBe('');
  });
});
