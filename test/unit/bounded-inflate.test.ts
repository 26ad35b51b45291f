import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { inflateBounded } from '../../shared/pdf/bounded-inflate';

/**
 * The bounded inflate, checked against Node's own zlib: it gives back exactly what was
 * compressed up to its limit, refuses one byte more, and stops a deflate bomb having produced
 * no more than the limit and one piece of output (counted by the sink it reports to).
 */
function patterned(length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let x = 12345;
  for (let i = 0; i < length; i += 1) {
    x = (x * 1103515245 + 12345) >>> 0;
    bytes[i] = i % 7 === 0 ? x >>> 24 : 0x41 + (i % 26);
  }
  return bytes;
}

describe('inflateBounded', () => {
  it('inflates exactly the original bytes at the limit, and refuses one byte past it', async () => {
    const original = patterned(300_000);
    const compressed = deflateSync(original);
    const at = await inflateBounded(compressed, original.length);
    expect(at.ok).toBe(true);
    if (at.ok) expect(Buffer.from(at.bytes).equals(Buffer.from(original))).toBe(true);
    expect(await inflateBounded(compressed, original.length - 1)).toEqual({ ok: false, reason: 'too-large' });
  });

  it('stops a deflate bomb as soon as it passes the limit', async () => {
    // 64 MB of zeros compress to about 64 KB.
    const inflated = 64 * 1024 * 1024;
    const bomb = deflateSync(new Uint8Array(inflated), { level: 9 });
    expect(bomb.length).toBeLessThan(inflated / 500);
    const limit = 1024 * 1024;
    let produced = 0;
    let largestPiece = 0;
    const result = await inflateBounded(bomb, limit, {
      onOutput: (n) => {
        produced += n;
        largestPiece = Math.max(largestPiece, n);
      },
    });
    expect(result).toEqual({ ok: false, reason: 'too-large' });
    expect(produced).toBeGreaterThan(limit);
    expect(produced).toBeLessThanOrEqual(limit + largestPiece);
    // Pieces are the decompressor's own small buffers, never the whole output.
    expect(largestPiece).toBeLessThanOrEqual(256 * 1024);
  });

  it('refuses damaged data without throwing', async () => {
    const compressed = deflateSync(patterned(10_000));
    const damaged = compressed.slice();
    damaged.fill(0xff, 10, 40);
    expect(await inflateBounded(damaged, 1_000_000)).toEqual({ ok: false, reason: 'corrupt' });
    expect(await inflateBounded(new Uint8Array([1, 2, 3]), 1_000_000)).toEqual({ ok: false, reason: 'corrupt' });
    expect(await inflateBounded(compressed.subarray(0, compressed.length - 8), 1_000_000)).toEqual({ ok: false, reason: 'corrupt' });
  });
});
