import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { nodeSha256Digests } from '../../electron/node-sha256-digests';
import { blobByteSource, bytesByteSource, type ByteSource } from '../../shared/formats/byte-source';
import { javascriptDigests, type DigestPort } from '../../shared/formats/incremental-digest';
import { fileAndSignedRangesSha256FromSource } from '../../shared/pdf/signed-range-digest';

function fileOf(length: number, seed: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(length);
  let x = seed;
  for (let i = 0; i < length; i += 1) {
    x = (x * 1103515245 + 12345) >>> 0;
    bytes[i] = x >>> 24;
  }
  return bytes;
}

const hex = (data: Uint8Array) => Buffer.from(data).toString('hex');
const native = (...parts: Uint8Array[]) => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest('hex');
};

/** A source that records the longest read asked of it. */
function watched(source: ByteSource): ByteSource & { longest: number } {
  const out = {
    size: source.size,
    longest: 0,
    read: (offset: number, length: number) => {
      out.longest = Math.max(out.longest, length);
      return source.read(offset, length);
    },
  };
  return out;
}

describe('byte sources', () => {
  it('read the same bytes from memory and from a Blob, and stop at the end', async () => {
    const bytes = fileOf(1_000, 3);
    for (const source of [bytesByteSource(bytes), blobByteSource(new Blob([bytes]))]) {
      expect(source.size).toBe(1_000);
      expect(hex(await source.read(10, 20))).toBe(hex(bytes.subarray(10, 30)));
      expect((await source.read(990, 50)).length).toBe(10);
    }
  });
});

describe('fileAndSignedRangesSha256FromSource (the shared pass, a slice at a time)', () => {
  const holes = [
    { where: 'at the start', firstLength: 1, gap: 700 },
    { where: 'in the middle', firstLength: 4_321, gap: 777 },
    { where: 'at the end', firstLength: 9_000, gap: 1_000 },
  ];
  const ports: [string, DigestPort][] = [
    ['node:crypto', nodeSha256Digests],
    ['the JavaScript SHA-256', javascriptDigests],
  ];
  for (const [portName, port] of ports) {
    for (const { where, firstLength, gap } of holes) {
      it(`with ${portName}, equals independent digests and reads no more than a slice at a time, the hole ${where}`, async () => {
        const bytes = fileOf(10_000, firstLength + gap);
        const secondStart = firstLength + gap;
        const secondLength = bytes.length - secondStart;
        const source = watched(blobByteSource(new Blob([bytes])));
        const hash = port.createSha256();
        if (!hash) throw new Error('no incremental hash');

        const digests = await fileAndSignedRangesSha256FromSource(source, firstLength, secondStart, secondLength, hash, 1_000);

        expect(digests && hex(digests.signed)).toBe(native(bytes.subarray(0, firstLength), bytes.subarray(secondStart)));
        expect(digests && hex(digests.file)).toBe(native(bytes));
        expect(source.longest).toBeLessThanOrEqual(1_000);
      });
    }
  }

  it('gives nothing when the source holds fewer bytes than it says', async () => {
    const bytes = fileOf(5_000, 9);
    const short: ByteSource = { size: 6_000, read: (offset, length) => bytesByteSource(bytes).read(offset, length) };
    const hash = javascriptDigests.createSha256();
    if (!hash) throw new Error('no incremental hash');
    expect(await fileAndSignedRangesSha256FromSource(short, 4_000, 4_100, 1_900, hash, 512)).toBeNull();
  });
});
