import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { nodeSha256Digests } from '../../electron/node-sha256-digests';
import { javascriptDigests, type DigestPort } from '../../shared/formats/incremental-digest';
import { Sha256Stream } from '../../shared/formats/sha256-stream';
import { sha256 } from '../../shared/formats/sha256';
import { concatBytes } from '../../shared/formats/bytes';
import { fileAndSignedRangesSha256, SignedRangesHasher, signedRangesSha256 } from '../../shared/pdf/signed-range-digest';

function fileOf(length: number, seed: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(length);
  let x = seed;
  for (let i = 0; i < length; i += 1) {
    x = (x * 1103515245 + 12345) >>> 0;
    bytes[i] = x >>> 24;
  }
  return bytes;
}

/** The digest the slow way: the two ranges joined into a new buffer. */
async function joinedDigest(bytes: Uint8Array, firstLength: number, secondStart: number, secondLength: number) {
  return sha256(concatBytes([bytes.subarray(0, firstLength), bytes.subarray(secondStart, secondStart + secondLength)]));
}

describe('signedRangesSha256', () => {
  const cases = [
    { name: 'a short second range (our writer: the signature near the end)', length: 10_000, firstLength: 9_000, gap: 600 },
    { name: 'a short first range (the signature near the start)', length: 10_000, firstLength: 300, gap: 600 },
    { name: 'a second range longer than the gap (the moved bytes overlap themselves)', length: 10_000, firstLength: 6_000, gap: 40 },
    { name: 'a first range longer than the gap', length: 10_000, firstLength: 3_000, gap: 40 },
    { name: 'equal ranges', length: 1_000, firstLength: 450, gap: 100 },
    { name: 'an empty second range', length: 1_000, firstLength: 900, gap: 100 },
  ];
  for (const { name, length, firstLength, gap } of cases) {
    it(`equals the digest of the joined ranges, and leaves the bytes as they were: ${name}`, async () => {
      const bytes = fileOf(length, length + firstLength + gap);
      const original = bytes.slice();
      const secondStart = firstLength + gap;
      const secondLength = length - secondStart;
      const expected = await joinedDigest(original, firstLength, secondStart, secondLength);

      const digest = await signedRangesSha256(bytes, firstLength, secondStart, secondLength);

      expect(Buffer.from(digest).toString('hex')).toBe(Buffer.from(expected).toString('hex'));
      expect(Buffer.compare(Buffer.from(bytes), Buffer.from(original))).toBe(0);
    });
  }

  it('differs from the digest of the whole file (the gap is left out)', async () => {
    const bytes = fileOf(2_000, 7);
    const digest = await signedRangesSha256(bytes, 1_500, 1_600, 400);
    expect(Buffer.from(digest).toString('hex')).not.toBe(Buffer.from(await sha256(bytes)).toString('hex'));
  });

  it('is not the digest of the restored bytes: the data is taken when digest() is called', async () => {
    // A change made to the gap after the call must not reach the digest.
    const bytes = fileOf(4_000, 11);
    const expected = await joinedDigest(bytes, 3_000, 3_500, 500);
    const pending = signedRangesSha256(bytes, 3_000, 3_500, 500);
    bytes.fill(0, 3_000, 3_500);
    expect(Buffer.from(await pending).toString('hex')).toBe(Buffer.from(expected).toString('hex'));
  });

  it('refuses ranges that do not fit the file, without touching it', async () => {
    const bytes = fileOf(1_000, 3);
    const original = bytes.slice();
    await expect(signedRangesSha256(bytes, 900, 950, 100)).rejects.toThrow(RangeError);
    await expect(signedRangesSha256(bytes, 600, 500, 100)).rejects.toThrow(RangeError);
    await expect(signedRangesSha256(bytes, -1, 500, 100)).rejects.toThrow(RangeError);
    expect(Buffer.compare(Buffer.from(bytes), Buffer.from(original))).toBe(0);
  });
});

describe('fileAndSignedRangesSha256 (one pass for the whole file and the signed ranges)', () => {
  const native = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');
  const holes = [
    { where: 'at the start', length: 5_000, firstLength: 1, gap: 300 },
    { where: 'in the middle', length: 5_000, firstLength: 2_345, gap: 301 },
    { where: 'at the end', length: 5_000, firstLength: 4_600, gap: 400 },
    { where: 'near the end, a short range after it', length: 5_000, firstLength: 4_500, gap: 333 },
  ];
  const ports: [string, DigestPort][] = [
    ['node:crypto', nodeSha256Digests],
    ['the JavaScript SHA-256', javascriptDigests],
  ];
  for (const [portName, port] of ports) {
    for (const { where, length, firstLength, gap } of holes) {
      it(`with ${portName}, equals independent digests of the joined ranges and of the file, the hole ${where}`, () => {
        const bytes = fileOf(length, length + firstLength + gap);
        const secondStart = firstLength + gap;
        const secondLength = length - secondStart;
        const hash = port.createSha256();
        if (!hash) throw new Error('no incremental hash');

        const digests = fileAndSignedRangesSha256(bytes, firstLength, secondStart, secondLength, hash);

        const joined = concatBytes([bytes.subarray(0, firstLength), bytes.subarray(secondStart, secondStart + secondLength)]);
        expect(Buffer.from(digests.signed).toString('hex')).toBe(native(joined));
        expect(Buffer.from(digests.file).toString('hex')).toBe(native(bytes));
        expect(Buffer.from(digests.signed).toString('hex')).not.toBe(native(bytes));
      });
    }
  }

  it('refuses ranges that do not fit in the file', () => {
    expect(() => fileAndSignedRangesSha256(fileOf(100, 1), 50, 60, 41, javascriptDigests.createSha256() ?? new Sha256Stream())).toThrow(
      RangeError,
    );
  });
});

describe('SignedRangesHasher (the same digests, fed a slice at a time)', () => {
  const native = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');
  const hex = (data: Uint8Array) => Buffer.from(data).toString('hex');
  const length = 5_000;
  const firstLength = 2_345;
  const secondStart = 2_700;
  const ranges = { firstLength, secondStart, secondLength: length - secondStart };

  it.each([
    ['slices smaller than the gap', 97],
    ['the split on a slice’s edge', firstLength],
    ['one slice', length],
  ])('equals independent digests of the file and the joined ranges: %s', (_, slice) => {
    const bytes = fileOf(length, 7);
    const hasher = new SignedRangesHasher(ranges, new Sha256Stream());
    for (let at = 0; at < length; at += slice) hasher.update(bytes, at, Math.min(length, at + slice));
    const { file, signed } = hasher.finish();
    expect(hex(file)).toBe(native(bytes));
    expect(signed && { ...signed, sha256: hex(signed.sha256) }).toEqual({
      ...ranges,
      sha256: native(concatBytes([bytes.subarray(0, firstLength), bytes.subarray(secondStart)])),
    });
  });

  it('gives no signed digest when the file stops before the ranges end, nor without ranges, and takes slices only in order', () => {
    const bytes = fileOf(length, 8);
    const short = new SignedRangesHasher(ranges, new Sha256Stream());
    short.update(bytes, 0, length - 1);
    expect(short.finish().signed).toBeNull();
    const none = new SignedRangesHasher(null, new Sha256Stream());
    none.update(bytes, 0, length);
    const result = none.finish();
    expect(result.signed).toBeNull();
    expect(hex(result.file)).toBe(native(bytes));
    expect(() => new SignedRangesHasher(ranges, new Sha256Stream()).update(bytes, 10, 20)).toThrow(RangeError);
  });
});
