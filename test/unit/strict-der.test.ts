import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { signDigest, verifyDigestSignature } from '../../shared/crypto/cms-signature';
import { createSelfSignedCertificate, createSigningKeyPair } from '../../shared/crypto/signing-certificate';
import { MAX_DER_DEPTH, readStrictDer, type DerNode } from '../../shared/crypto/strict-der';

/**
 * The strict DER reader, against hand-made encodings (each bad one breaks exactly one DER rule)
 * and against openssl's verdict on certificates re-encoded to break one rule each.
 */
const hex = (text: string) => new Uint8Array((text.replace(/\s+/g, '').match(/../g) ?? []).map((pair) => Number.parseInt(pair, 16)));

const GOOD: Record<string, string> = {
  'a SEQUENCE of one INTEGER': '30 03 02 01 05',
  zero: '02 01 00',
  '128 (needs a leading 00)': '02 02 00 80',
  'minus one': '02 01 ff',
  'minus 129 (needs a leading ff)': '02 02 ff 7f',
  'BOOLEAN true': '01 01 ff',
  'BOOLEAN false': '01 01 00',
  NULL: '05 00',
  'an empty BIT STRING': '03 01 00',
  'a BIT STRING with 7 unused bits clear': '03 02 07 80',
  'an OBJECT IDENTIFIER with a multi-byte part': '06 03 2a 86 48',
  'an empty SEQUENCE': '30 00',
  'a context tag, constructed': 'a0 03 02 01 02',
  'a high tag number in the long form': '9f 1f 00',
  'a length of exactly 128 in the long form': `04 81 80 ${'00 '.repeat(128)}`,
  'a UTF8String': '0c 02 68 69',
};

const BAD: Record<string, [string, RegExp]> = {
  'an INTEGER padded with 00': ['02 02 00 05', /illegal padding/],
  'an INTEGER padded with ff': ['02 02 ff 80', /illegal padding/],
  'an empty INTEGER': ['02 00', /INTEGER is empty/],
  'BOOLEAN 01': ['01 01 01', /BOOLEAN/],
  'a two-byte BOOLEAN': ['01 02 00 ff', /BOOLEAN/],
  'NULL with content': ['05 01 00', /NULL/],
  'an indefinite length': ['30 80 02 01 05 00 00', /indefinite/],
  'a short length in the long form': ['30 81 03 02 01 05', /long form/],
  'a length with a leading zero': [`04 82 00 80 ${'00 '.repeat(128)}`, /leading zero/],
  'a BIT STRING claiming 8 unused bits': ['03 02 08 00', /unused bits/],
  'a BIT STRING with unused bits set': ['03 02 01 01', /unused bits set/],
  'an empty BIT STRING claiming unused bits': ['03 01 01', /unused bits/],
  'an OBJECT IDENTIFIER with a padded part': ['06 02 80 01', /padded/],
  'an OBJECT IDENTIFIER cut in the middle of a part': ['06 02 2a 86', /cut short/],
  'a child longer than its parent': ['30 03 02 02 05', /longer than/],
  'a value cut short': ['30 05 02 01 05', /longer than/],
  'a byte after the end': ['30 03 02 01 05 00', /bytes after the end/],
  'a constructed OCTET STRING': ['24 03 04 01 00', /marked constructed/],
  'a primitive SEQUENCE': ['10 00', /marked primitive/],
  'a small tag number in the long form': ['9f 05 00', /long form/],
  'a tag number with a leading zero': ['9f 80 20 00', /leading zero/],
  'a long-form tag cut short inside its parent': ['30 01 9f 80 20 00', /tag number is cut short/],
  'nothing at all': ['', /cut short/],
  'a missing length': ['30', /length is missing/],
  'the reserved tag 0': ['00 00', /reserved/],
};

describe('the strict DER reader', () => {
  it.each(Object.entries(GOOD))('accepts %s', (_, encoding) => {
    const result = readStrictDer(hex(encoding));
    expect(result.ok ? null : result.problem).toBeNull();
  });

  it.each(Object.entries(BAD))('refuses %s, saying why', (_, [encoding, reason]) => {
    const result = readStrictDer(hex(encoding));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem).toMatch(reason);
  });

  it('reads the tree with exact offsets', () => {
    const result = readStrictDer(hex('30 08 02 01 05 a0 03 01 01 ff'));
    if (!result.ok) throw new Error(result.problem);
    const shape = (node: DerNode): unknown => [
      node.tagClass,
      node.tagNumber,
      node.start,
      node.contentStart,
      node.end,
      node.children.map(shape),
    ];
    expect(shape(result.root)).toEqual([
      0,
      16,
      0,
      2,
      10,
      [
        [0, 2, 2, 4, 5, []],
        [2, 0, 5, 7, 10, [[0, 1, 7, 9, 10, []]]],
      ],
    ]);
  });

  it('says where a fault is, by child index from the outermost value', () => {
    const bad = readStrictDer(hex('30 0a 02 01 05 30 05 05 00 01 01 01'));
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.path.map((p) => [p.index, p.identifier])).toEqual([
        [0, 0x30],
        [1, 0x30],
        [1, 0x01],
      ]);
      expect(bad.offset).toBe(9);
    }
  });

  it('refuses nesting past its depth limit without overflowing the stack, and accepts it at the limit', () => {
    const nested = (depth: number) => {
      let bytes = hex('05 00');
      for (let i = 1; i < depth; i += 1) {
        const header =
          bytes.length < 0x80
            ? [0x30, bytes.length]
            : bytes.length < 0x100
              ? [0x30, 0x81, bytes.length]
              : [0x30, 0x82, bytes.length >> 8, bytes.length & 0xff];
        bytes = new Uint8Array([...header, ...bytes]);
      }
      return bytes;
    };
    expect(readStrictDer(nested(MAX_DER_DEPTH)).ok).toBe(true);
    const deep = readStrictDer(nested(MAX_DER_DEPTH + 1));
    expect(deep.ok ? '' : deep.problem).toMatch(/nested too deeply/);
    const attack = new Uint8Array(200_000).fill(0x30).map((b, i) => (i % 2 === 1 ? 0x80 : b));
    expect(readStrictDer(attack).ok).toBe(false);
  });
});

/** Re-encodes a DER tree, letting `edit` replace the encoding of any value. */
function reencode(der: Uint8Array, node: DerNode, edit: (node: DerNode, content: Uint8Array) => Uint8Array | null): Uint8Array {
  const content = node.constructed
    ? concat(node.children.map((child) => reencode(der, child, edit)))
    : der.slice(node.contentStart, node.end);
  return edit(node, content) ?? tlv(der[node.start] ?? 0, content);
}

function tlv(identifier: number, content: Uint8Array, length: number[] = derLength(content.length)): Uint8Array {
  return concat([new Uint8Array([identifier, ...length]), content]);
}

function derLength(length: number): number[] {
  if (length < 0x80) return [length];
  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest & 0xff);
  return [0x80 | bytes.length, ...bytes];
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

describe('strict DER against openssl, on certificates broken one rule at a time', () => {
  let dir: string;
  let good: Uint8Array;
  let root: DerNode;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'strict-der-'));
    good = await createSelfSignedCertificate(await createSigningKeyPair(), {
      commonName: 'Openssl Primary',
      role: 'School',
      urn: '100001',
    });
    const read = readStrictDer(good);
    if (!read.ok) throw new Error(read.problem);
    root = read.root;
  });

  const opensslAccepts = (name: string, der: Uint8Array) => {
    const path = join(dir, `${name}.der`);
    writeFileSync(path, der);
    try {
      execFileSync('openssl', ['x509', '-inform', 'DER', '-noout', '-in', path], { stdio: 'pipe' });
      return true;
    } catch {
      return false;
    }
  };

  const serialNode = () => root.children[0]?.children[1];
  const criticalFlag = (node: DerNode) => node.tagNumber === 1 && node.tagClass === 0;
  const variants: Record<string, () => Uint8Array> = {
    'serial padded with 00': () =>
      reencode(good, root, (node, content) => (node === serialNode() ? tlv(0x02, concat([new Uint8Array([0]), content])) : null)),
    'serial padded with ff (a negative number)': () =>
      reencode(good, root, (node, content) =>
        node === serialNode() ? tlv(0x02, concat([new Uint8Array([0xff, 0x80]), content.subarray(1)])) : null,
      ),
    'a critical flag written 01': () => reencode(good, root, (node) => (criticalFlag(node) ? tlv(0x01, new Uint8Array([0x01])) : null)),
    'the whole certificate with an indefinite length': () =>
      reencode(good, root, (node, content) => (node === root ? concat([tlv(0x30, content, [0x80]), new Uint8Array([0, 0])]) : null)),
    'the version with a long-form length': () =>
      reencode(good, root, (node, content) => (node === root.children[0]?.children[0]?.children[0] ? tlv(0x02, content, [0x81, 1]) : null)),
    'the whole certificate with a padded length': () =>
      reencode(good, root, (node, content) =>
        node === root ? tlv(0x30, content, [0x83, 0, ...derLength(content.length).slice(1)]) : null,
      ),
    'a byte after the certificate': () => concat([good, new Uint8Array([0])]),
    'the certificate cut short': () => good.slice(0, good.length - 1),
  };

  it('the good certificate is accepted by both, and re-encoding it unchanged gives the same bytes', () => {
    expect(readStrictDer(good).ok).toBe(true);
    expect(opensslAccepts('good', good)).toBe(true);
    expect(reencode(good, root, () => null)).toEqual(good);
  });

  it('refuses every variant; openssl refuses at least the padded serials', () => {
    const verdicts = Object.entries(variants).map(([name, make]) => {
      const der = make();
      return { name, strict: readStrictDer(der).ok, openssl: opensslAccepts(name.replace(/\W+/g, '-'), der) };
    });
    expect(verdicts.filter((v) => v.strict)).toEqual([]);
    expect(verdicts.find((v) => v.name === 'serial padded with 00')?.openssl).toBe(false);
    expect(verdicts.find((v) => v.name === 'serial padded with ff (a negative number)')?.openssl).toBe(false);
    // openssl reads BER leniently in places (a BOOLEAN written 01, long-form lengths); NSS in pdfsig does not.
    expect(verdicts.find((v) => v.name === 'the certificate cut short')?.openssl).toBe(false);
  });
});

describe('verifyDigestSignature reads only strict DER, and says whether the fault is in the certificate', () => {
  it('refuses a padded INTEGER in the signature itself, and a padded serial in the certificate it carries, each with its own reason', async () => {
    const keys = await createSigningKeyPair();
    const certificate = await createSelfSignedCertificate(keys, { commonName: 'Cms Primary', role: 'School', urn: '100007' });
    const digest = new Uint8Array(32).fill(9);
    const cms = await signDigest(digest, keys.privateKey, certificate);
    expect(await verifyDigestSignature(cms, digest)).toEqual({ ok: true, certificateDer: certificate });
    const read = readStrictDer(cms);
    if (!read.ok) throw new Error(read.problem);
    const signedData = read.root.children[1]?.children[0];
    const version = signedData?.children[0];
    const embedded = signedData?.children.find((child) => child.tagClass === 2 && child.tagNumber === 0)?.children[0];
    const serial = embedded?.children[0]?.children[1];
    if (!version || !serial) throw new Error('unexpected CMS shape');
    const pad = (target: DerNode) =>
      new Uint8Array(
        reencode(cms, read.root, (node, content) => (node === target ? tlv(0x02, concat([new Uint8Array([0]), content])) : null)),
      );

    const paddedVersion = await verifyDigestSignature(pad(version), digest);
    expect(paddedVersion).toEqual({
      ok: false,
      reason: 'unreadable',
      detail:
        'the signature cannot be read: it is not encoded correctly (not strict DER: an INTEGER has illegal padding (it is not in its shortest form))',
    });
    const paddedSerial = await verifyDigestSignature(pad(serial), digest);
    expect(paddedSerial.ok ? '' : paddedSerial.detail).toMatch(
      /^the signer’s certificate is not encoded correctly \(it is not strict DER\)/,
    );
    const trailing = await verifyDigestSignature(new Uint8Array([...cms, 0]), digest);
    expect(trailing.ok ? '' : trailing.detail).toMatch(/not strict DER: there are bytes after the end of the value/);
  });
});
