import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { nodeSha256Digests } from '../../electron/node-sha256-digests';
import { blobByteSource, bytesByteSource, hashSourceRange, readForUse, type ByteSource } from '../../shared/formats/byte-source';
import { javascriptDigests, type DigestPort } from '../../shared/formats/incremental-digest';
import { fileAndSignedRangesSha256FromSource } from '../../shared/pdf/signed-range-digest';
import { lending } from '../fixtures/lending-byte-source';

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

/** A source that records the longest read asked of it, and how much of what it gave was lent rather than given. */
function watched(source: ByteSource): ByteSource & { longest: number; given: number; lent: number } {
  const lend = source.readBorrowed?.bind(source);
  const out = {
    size: source.size,
    longest: 0,
    given: 0,
    lent: 0,
    read: async (offset: number, length: number) => {
      out.longest = Math.max(out.longest, length);
      const bytes = await source.read(offset, length);
      out.given += bytes.length;
      return bytes;
    },
    ...(lend
      ? {
          readBorrowed: async (offset: number, length: number) => {
            out.longest = Math.max(out.longest, length);
            const bytes = await lend(offset, length);
            out.lent += bytes.length;
            return bytes;
          },
        }
      : {}),
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

describe('borrowed reads', () => {
  it('lend from a Blob the bytes a read gives, in one buffer the next borrowed read takes back', async () => {
    const bytes = fileOf(100_000, 5);
    const source = blobByteSource(new Blob([bytes]));
    expect(source.readBorrowed).toBeDefined();
    for (const [offset, length] of [
      [0, 40_000],
      [10, 20],
      [99_990, 50],
      [60_000, 40_000],
      [100_000, 10],
    ] as const) {
      expect(hex(await readForUse(source, offset, length))).toBe(hex(await source.read(offset, length)));
    }
    // The first view's memory moves into the second read: it is empty afterwards, not a second buffer.
    const first = await readForUse(source, 0, 30_000);
    expect(first.length).toBe(30_000);
    const second = await readForUse(source, 30_000, 30_000);
    expect(first.byteLength).toBe(0);
    expect(hex(second)).toBe(hex(bytes.subarray(30_000, 60_000)));
  });

  it('read a slice the ordinary way when its stream stops giving pieces (as Chromium’s now and then does)', async () => {
    const bytes = fileOf(200_000, 8);
    const real = new Blob([bytes]);
    for (const piecesBeforeStall of [0, 1]) {
      let cancelled = 0;
      let ordinary = 0;
      // A Blob whose slices' streams give `piecesBeforeStall` pieces and then nothing, ever.
      const stalling = {
        size: real.size,
        slice: (start: number, end: number) => {
          const part = real.slice(start, end);
          return {
            size: part.size,
            arrayBuffer: () => {
              ordinary += 1;
              return part.arrayBuffer();
            },
            stream: () => {
              let given = 0;
              return new ReadableStream({
                type: 'bytes',
                pull: async (controller) => {
                  if (given >= piecesBeforeStall) return new Promise<void>(() => undefined);
                  given += 1;
                  controller.enqueue(new Uint8Array(await part.slice(0, 1_000).arrayBuffer()));
                },
                cancel: () => {
                  cancelled += 1;
                },
              });
            },
          };
        },
      } as unknown as Blob;
      const source = blobByteSource(stalling, { stallMs: 50 });
      const read = await readForUse(source, 5_000, 100_000);
      expect(hex(read), `${piecesBeforeStall} pieces`).toBe(hex(bytes.subarray(5_000, 105_000)));
      expect(cancelled).toBe(1);
      expect(ordinary).toBe(1);
    }
  });

  it('give each of two borrowed reads made at once its own right bytes', async () => {
    const bytes = fileOf(50_000, 6);
    const source = blobByteSource(new Blob([bytes]));
    const [a, b] = await Promise.all([readForUse(source, 0, 20_000), readForUse(source, 20_000, 20_000)]);
    expect(hex(a)).toBe(hex(bytes.subarray(0, 20_000)));
    expect(hex(b)).toBe(hex(bytes.subarray(20_000, 40_000)));
  });

  it('are all hashSourceRange asks for: one buffer a slice long, whatever the length hashed', async () => {
    for (const length of [64 * 1024, 1024 * 1024]) {
      const bytes = fileOf(length, 7);
      const source = lending(bytes);
      const hash = javascriptDigests.createSha256();
      if (!hash) throw new Error('no incremental hash');
      expect(await hashSourceRange(source, 0, length, [hash], 4_096)).toBe(true);
      expect(hex(hash.digest())).toBe(native(bytes));
      expect(source.given).toBe(0);
      expect(source.buffers).toBe(1);
      expect(source.lent).toBe(length);
    }
  });

  it('are read as ordinary reads from a source that does not lend', async () => {
    const bytes = fileOf(10_000, 8);
    const plain: ByteSource = { size: bytes.length, read: (offset, length) => bytesByteSource(bytes).read(offset, length) };
    expect(hex(await readForUse(plain, 100, 200))).toBe(hex(bytes.subarray(100, 300)));
    const hash = javascriptDigests.createSha256();
    if (!hash) throw new Error('no incremental hash');
    expect(await hashSourceRange(plain, 0, bytes.length, [hash], 999)).toBe(true);
    expect(hex(hash.digest())).toBe(native(bytes));
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
        // One pass: every byte lent once from the Blob's one buffer, none given to keep.
        expect(source.given).toBe(0);
        expect(source.lent).toBe(bytes.length);
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
