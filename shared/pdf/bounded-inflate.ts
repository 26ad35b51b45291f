/**
 * Inflates a FlateDecode (zlib) stream with a ceiling on what it may produce, checked while it
 * runs: the compressed bytes go in a small piece at a time and the output is counted as it comes
 * out, so a small stream that would inflate to gigabytes is stopped as soon as it passes its
 * limit, having produced at most the limit plus one output piece. Uses DecompressionStream,
 * which Node, browsers and workers all have. Never throws.
 */
export type InflateResult = { ok: true; bytes: Uint8Array<ArrayBuffer> } | { ok: false; reason: 'too-large' | 'corrupt' };

/** How much compressed input is handed to the decompressor at a time. */
export const INFLATE_INPUT_PIECE_BYTES = 16 * 1024;

export interface InflateOptions {
  /** Told the size of every piece of output as it arrives (tests count what was produced). */
  onOutput?: (bytes: number) => void;
  /**
   * The size the output is expected to have (for example the size the PDF declares): room for
   * that much is made at once, so a file of the expected size is written straight into its
   * place, never copied. It grows (never past the limit) if the output turns out larger.
   */
  expectedSize?: number;
}

/** Room made at first when no size is expected. */
const INITIAL_ROOM_BYTES = 64 * 1024;

export async function inflateBounded(compressed: Uint8Array, limit: number, options: InflateOptions = {}): Promise<InflateResult> {
  let out = new Uint8Array(Math.max(0, Math.min(limit, options.expectedSize ?? INITIAL_ROOM_BYTES)));
  let total = 0;
  const inflated = await inflateBoundedToSink(
    // One read of the whole stream, as a view (the PDF's bytes never change): the decompressor still takes it a piece at a time.
    async (offset, length) => compressed.subarray(offset, offset + length),
    compressed.length,
    limit,
    (value) => {
      total += value.length;
      if (total > out.length) {
        const grown = new Uint8Array(Math.min(limit, Math.max(total, out.length * 2)));
        grown.set(out.subarray(0, total - value.length));
        out = grown;
      }
      out.set(value, total - value.length);
    },
    { onOutput: options.onOutput, sliceBytes: compressed.length },
  );
  if (!inflated.ok) return inflated;
  return { ok: true, bytes: total === out.length ? out : out.slice(0, total) };
}

export type InflateToSinkResult = { ok: true; size: number } | { ok: false; reason: 'too-large' | 'corrupt' };

/**
 * As `inflateBounded`, with the compressed bytes read a slice at a time from `read` (for example
 * a range of a file on disk) and each piece of output handed to `sink` (a hash) instead of kept:
 * what is held at once is one slice in and one piece out, whatever the stream's size. The sink is
 * only given output within the limit; a sink that throws ends the inflate as corrupt.
 * `inflateBounded` is this with a sink that keeps the output.
 */
export async function inflateBoundedToSink(
  read: (offset: number, length: number) => Promise<Uint8Array>,
  compressedLength: number,
  limit: number,
  sink: (piece: Uint8Array) => void,
  options: { onOutput?: (bytes: number) => void; sliceBytes?: number } = {},
): Promise<InflateToSinkResult> {
  let stream: DecompressionStream;
  try {
    stream = new DecompressionStream('deflate');
  } catch {
    return { ok: false, reason: 'corrupt' };
  }
  const writer = stream.writable.getWriter();
  const reader = stream.readable.getReader();
  const step = Math.max(INFLATE_INPUT_PIECE_BYTES, Math.floor(options.sliceBytes ?? INFLATE_INPUT_PIECE_BYTES));
  let stopped = false;
  const feeding = (async () => {
    for (let at = 0; at < compressedLength && !stopped; at += step) {
      const want = Math.min(step, compressedLength - at);
      const slice = await read(at, want);
      if (slice.length !== want) throw new RangeError('The stream ends early.');
      for (let piece = 0; piece < slice.length && !stopped; piece += INFLATE_INPUT_PIECE_BYTES) {
        const part = slice.subarray(piece, piece + INFLATE_INPUT_PIECE_BYTES);
        await writer.write(part.buffer instanceof ArrayBuffer ? (part as Uint8Array<ArrayBuffer>) : part.slice());
      }
    }
    if (!stopped) await writer.close();
  })();
  // A source that fails or ends early ends the output too, so the loop below does not wait for ever.
  feeding.catch(() => writer.abort().catch(() => undefined));

  const stop = () => {
    stopped = true;
    reader.cancel().catch(() => undefined);
    writer.abort().catch(() => undefined);
  };
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.length;
      options.onOutput?.(value.length);
      if (total > limit) {
        stop();
        return { ok: false, reason: 'too-large' };
      }
      sink(value);
    }
    await feeding;
  } catch {
    stop();
    return { ok: false, reason: 'corrupt' };
  }
  return { ok: true, size: total };
}
