import type { IncrementalSha256 } from './incremental-digest';
import { sha256Hex, toHex } from './sha256';
import { Sha256Stream } from './sha256-stream';

/**
 * A file read in slices rather than held whole: a `File` or `Blob` (a web folder's file, handed to
 * the verify worker), a range-read over IPC (the desktop's shared folder), or bytes already in
 * memory. What is read at a time is bounded by the caller, so a file with large evidence costs
 * its slices, not its size.
 */
export interface ByteSource {
  size: number;
  /** The bytes from `offset`, `length` of them (fewer only at the end of the source), the caller's to keep. */
  read(offset: number, length: number): Promise<Uint8Array>;
  /**
   * As `read`, into a buffer the source keeps and reads into again: the view is good only until the
   * source's next `readBorrowed`, so it is for bytes used at once (hashed, checked) and never kept.
   * Reading a large file this way allocates one slice's buffer, not one per slice, so what the
   * reader holds (live or waiting for the collector) stays at one slice. Sources without it are read
   * with `read` (see `readForUse`).
   */
  readBorrowed?(offset: number, length: number): Promise<Uint8Array>;
}

/** The bytes from `offset` for use at once: borrowed from the source where it lends them, else read. */
export function readForUse(source: ByteSource, offset: number, length: number): Promise<Uint8Array> {
  return source.readBorrowed ? source.readBorrowed(offset, length) : source.read(offset, length);
}

/**
 * How much is read at a time when a caller does not say. What a file with large evidence adds to
 * a scan's memory follows it (the slice's buffer and the browser's pieces of its stream), and so
 * does the number of reads; test/bench/PERFORMANCE.md has the sizes tried.
 */
export const DEFAULT_SLICE_BYTES = 2 * 1024 * 1024;

/** Bytes already in memory, as a source (views, never copies). */
export function bytesByteSource(bytes: Uint8Array): ByteSource {
  return {
    size: bytes.length,
    read: (offset, length) => Promise.resolve(bytes.subarray(clamp(offset, bytes.length), clamp(offset + length, bytes.length))),
  };
}

/**
 * A Blob (a File from a folder picker or a drop), read slice by slice. Its borrowed reads fill one
 * buffer through a bring-your-own-buffer reader over the slice's stream: the buffer is handed to
 * the stream and given back filled (the same memory each time), so reading a large file leaves no
 * slices behind for the collector. Where a runtime's Blob streams lend no such reader, or a
 * borrowed read is asked while another is under way, a borrowed read is an ordinary one.
 *
 * Chromium's readers of a Blob's stream now and then never answer (seen over thousands of reads
 * of a file in the browser's private file system: test/bench/PERFORMANCE.md), where an ordinary
 * read of the same slice just after answers at once. So a piece of the stream that does not arrive
 * within `stallMs` gives the reader up, and the slice is read the ordinary way.
 */
export const BORROWED_READ_STALL_MS = 3_000;

export function blobByteSource(blob: Blob, options: { stallMs?: number } = {}): ByteSource {
  const stallMs = options.stallMs ?? BORROWED_READ_STALL_MS;
  const slice = (offset: number, length: number) => blob.slice(clamp(offset, blob.size), clamp(offset + length, blob.size));
  const read = async (offset: number, length: number) => new Uint8Array(await slice(offset, length).arrayBuffer());
  let spare: ArrayBuffer | null = null;
  let lending = false;
  return {
    size: blob.size,
    read,
    readBorrowed: async (offset, length) => {
      const part = slice(offset, length);
      if (lending || part.size === 0) return read(offset, length);
      lending = true;
      try {
        const buffer = spare && spare.byteLength >= part.size ? spare : new ArrayBuffer(part.size);
        spare = null;
        const filled = await fillFromStream(part.stream(), buffer, part.size, stallMs);
        if (!filled) return read(offset, length);
        spare = filled.buffer;
        return new Uint8Array(filled.buffer, 0, filled.length);
      } finally {
        lending = false;
      }
    },
  };
}

/**
 * Reads up to `want` bytes of `stream` into `buffer` with a bring-your-own-buffer reader; the
 * buffer comes back (the reader moves it each time), or null where the stream lends no such reader,
 * fails, or gives nothing for `stallMs` (the caller reads the ordinary way).
 */
async function fillFromStream(
  stream: ReadableStream<Uint8Array>,
  buffer: ArrayBuffer,
  want: number,
  stallMs: number,
): Promise<{ buffer: ArrayBuffer; length: number } | null> {
  let reader: ReadableStreamBYOBReader;
  try {
    reader = stream.getReader({ mode: 'byob' });
  } catch {
    await stream.cancel().catch(() => undefined);
    return null;
  }
  let current = buffer;
  let length = 0;
  try {
    while (length < want) {
      const step = await withinStallLimit(reader.read(new Uint8Array(current, length, want - length)), stallMs);
      if (step === 'stalled') return null;
      const { done, value } = step;
      if (!value) return null;
      current = value.buffer as ArrayBuffer;
      length += value.byteLength;
      if (done) break;
    }
    return { buffer: current, length };
  } catch {
    return null;
  } finally {
    reader.cancel().catch(() => undefined);
  }
}

/** What `pending` gives, or 'stalled' if it gives nothing within `ms` (a later failure of it is ignored). */
function withinStallLimit<T>(pending: Promise<T>, ms: number): Promise<T | 'stalled'> {
  pending.catch(() => undefined);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stalled = new Promise<'stalled'>((resolve) => {
    timer = setTimeout(() => resolve('stalled'), ms);
  });
  return Promise.race([pending, stalled]).finally(() => clearTimeout(timer));
}

/** Feeds `length` bytes from `offset` into each hash given, a slice at a time; false if the source ended early. */
export async function hashSourceRange(
  source: ByteSource,
  offset: number,
  length: number,
  hashes: readonly IncrementalSha256[],
  sliceBytes = DEFAULT_SLICE_BYTES,
): Promise<boolean> {
  const step = Math.max(1, Math.floor(sliceBytes));
  for (let at = offset; at < offset + length; at += step) {
    const want = Math.min(step, offset + length - at);
    // Hashed at once and never kept: the slice may be the source's reused buffer.
    const slice = await readForUse(source, at, want);
    if (slice.length !== want) return false;
    for (const hash of hashes) hash.update(slice);
  }
  return true;
}

/** The bytes from `from` to `to` in one buffer, read a slice at a time (fewer if the source ends early). */
export async function readSourceRange(source: ByteSource, from: number, to: number, sliceBytes = DEFAULT_SLICE_BYTES): Promise<Uint8Array> {
  const step = Math.max(1, Math.floor(sliceBytes));
  if (to - from <= step) return source.read(from, Math.max(0, to - from));
  const out = new Uint8Array(to - from);
  let filled = 0;
  for (let at = from; at < to; at += step) {
    const want = Math.min(step, to - at);
    const slice = await source.read(at, want);
    out.set(slice, at - from);
    filled += slice.length;
    if (slice.length < want) break;
  }
  return filled === out.length ? out : out.slice(0, filled);
}

/**
 * The SHA-256 (hex) of a whole source: a small one read whole and hashed by WebCrypto, a larger
 * one a slice at a time through the JavaScript hash, so that only a slice is held.
 */
export async function sha256OfSource(source: ByteSource, wholeReadBytes: number, sliceBytes = DEFAULT_SLICE_BYTES): Promise<string> {
  if (source.size <= wholeReadBytes) {
    const bytes = await readSourceRange(source, 0, source.size, sliceBytes);
    return sha256Hex(
      bytes.buffer instanceof ArrayBuffer && bytes.byteLength === bytes.buffer.byteLength
        ? (bytes as Uint8Array<ArrayBuffer>)
        : bytes.slice(),
    );
  }
  const hash = new Sha256Stream();
  if (!(await hashSourceRange(source, 0, source.size, [hash], sliceBytes))) throw new RangeError('The file ended before its size.');
  return toHex(hash.digest());
}

function clamp(value: number, size: number): number {
  return Math.max(0, Math.min(size, value));
}
