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
 * How much is read at a time when a caller does not say: also the buffer a source's borrowed reads
 * lend, and the most a desktop range-read asks of the main process at once. Smaller holds less
 * while a large file is hashed; much smaller only means more reads (and more of their own small
 * allocations), not less memory (see test/bench/PERFORMANCE.md).
 */
export const DEFAULT_SLICE_BYTES = 1024 * 1024;

/** Bytes already in memory, as a source (views, never copies). */
export function bytesByteSource(bytes: Uint8Array): ByteSource {
  return {
    size: bytes.length,
    read: (offset, length) => Promise.resolve(bytes.subarray(clamp(offset, bytes.length), clamp(offset + length, bytes.length))),
  };
}

/** A Blob as a source; `close` ends the stream its borrowed reads keep open (call it when done with the source). */
export type BlobByteSource = ByteSource & { close(): void };

/**
 * A Blob (a File from a folder picker or a drop), read slice by slice. Its borrowed reads fill one
 * buffer through a bring-your-own-buffer reader: the buffer is handed to the stream and given back
 * filled (the same memory each time), so reading a large file leaves no slices behind for the
 * collector. Borrowed reads one after another through the file (a digest pass, an evidence file's
 * hash) go on reading the same stream, opened once at the first of them, rather than a new stream
 * over each slice: each stream opened fills its own pipe and passes its own pieces through the
 * stream before they reach the buffer, and those are what pile up for the collector. A borrowed
 * read elsewhere in the file opens a stream there. Where a runtime's Blob streams lend no such
 * reader, or a borrowed read is asked while another is under way, a borrowed read is an ordinary one.
 */
export function blobByteSource(blob: Blob): BlobByteSource {
  const slice = (offset: number, length: number) => blob.slice(clamp(offset, blob.size), clamp(offset + length, blob.size));
  const read = async (offset: number, length: number) => new Uint8Array(await slice(offset, length).arrayBuffer());
  let spare: ArrayBuffer | null = null;
  let lending = false;
  // The stream the borrowed reads are going through, and where in the file its next byte is.
  let open: { reader: ReadableStreamBYOBReader; at: number } | null = null;
  const stop = () => {
    open?.reader.cancel().catch(() => undefined);
    open = null;
  };
  return {
    size: blob.size,
    read,
    readBorrowed: async (offset, length) => {
      const from = clamp(offset, blob.size);
      const want = clamp(offset + length, blob.size) - from;
      if (lending || want <= 0) return read(offset, length);
      lending = true;
      try {
        if (open?.at !== from) {
          stop();
          const reader = byobReaderOf(blob.slice(from).stream());
          if (!reader) return read(offset, length);
          open = { reader, at: from };
        }
        const stream = open;
        const buffer = spare && spare.byteLength >= want ? spare : new ArrayBuffer(want);
        spare = null;
        const filled = await fillFrom(stream.reader, buffer, want);
        if (!filled) {
          if (open === stream) stop();
          return read(offset, length);
        }
        spare = filled;
        stream.at = from + want;
        if (open === stream && stream.at === blob.size) stop();
        return new Uint8Array(filled, 0, want);
      } finally {
        lending = false;
      }
    },
    close: stop,
  };
}

/** A bring-your-own-buffer reader of `stream`, or null (the stream cancelled) where it lends none. */
function byobReaderOf(stream: ReadableStream<Uint8Array>): ReadableStreamBYOBReader | null {
  try {
    return stream.getReader({ mode: 'byob' });
  } catch {
    stream.cancel().catch(() => undefined);
    return null;
  }
}

/**
 * Reads exactly `want` bytes from `reader` into `buffer` (the reader moves the buffer each time)
 * and gives the buffer back, or null if the stream ended early or failed (the caller reads the
 * ordinary way).
 */
async function fillFrom(reader: ReadableStreamBYOBReader, buffer: ArrayBuffer, want: number): Promise<ArrayBuffer | null> {
  let current = buffer;
  let length = 0;
  try {
    while (length < want) {
      const { done, value } = await reader.read(new Uint8Array(current, length, want - length));
      if (!value) return null;
      current = value.buffer as ArrayBuffer;
      length += value.byteLength;
      if (done && length < want) return null;
    }
    return current;
  } catch {
    return null;
  }
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
