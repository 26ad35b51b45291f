import { deflateSync, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { inflateBounded, inflateBoundedToSink } from '../../shared/pdf/bounded-inflate';

/**
 * The room `inflateBounded` makes for its output (grown when the output is larger than expected,
 * trimmed to the output when more was expected), and that it gives what the streaming
 * `inflateBoundedToSink` gives for the same stream: both checked against Node's own zlib.
 */
// Bytes with some repetition and some noise, so the stream compresses but not to nothing.
const original = Uint8Array.from({ length: 200_000 }, (_, i) => (i % 3 === 0 ? (i * 2654435761) >>> 24 : 0x61 + (i % 26)));
const compressed = deflateSync(original);

describe('inflateBounded’s room for its output', () => {
  it.each([
    ['nothing expected', undefined],
    ['less than it turns out', 1_000],
    ['exactly its size', original.length],
    ['more than it turns out', original.length * 3],
  ])('gives exactly the original bytes with %s', async (_what, expectedSize) => {
    const result = await inflateBounded(compressed, original.length * 4, expectedSize === undefined ? {} : { expectedSize });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.bytes.length).toBe(original.length);
    expect(Buffer.from(result.bytes).equals(inflateSync(compressed))).toBe(true);
  });

  it('holds no spare room once done, when more was expected than came', async () => {
    const result = await inflateBounded(compressed, original.length * 4, { expectedSize: original.length * 3 });
    expect(result.ok && result.bytes.buffer.byteLength).toBe(original.length);
  });

  it('refuses output past the limit even when a larger size was expected', async () => {
    expect(await inflateBounded(compressed, original.length - 1, { expectedSize: original.length * 2 })).toEqual({
      ok: false,
      reason: 'too-large',
    });
  });

  it('reads a stream that is a view into a larger file from the view’s own start, as the streaming inflate does', async () => {
    const file = new Uint8Array(compressed.length + 300);
    file.fill(0xee);
    file.set(compressed, 100);
    const view = file.subarray(100, 100 + compressed.length);
    const kept = await inflateBounded(view, original.length);
    const pieces: Uint8Array[] = [];
    const streamed = await inflateBoundedToSink(
      async (offset, length) => file.slice(100 + offset, 100 + offset + length),
      compressed.length,
      original.length,
      (piece) => pieces.push(piece.slice()),
    );
    expect(streamed).toEqual({ ok: true, size: original.length });
    expect(kept.ok).toBe(true);
    if (kept.ok) expect(Buffer.from(kept.bytes).equals(Buffer.concat(pieces))).toBe(true);
    expect(Buffer.concat(pieces).equals(Buffer.from(original))).toBe(true);
  });
});
