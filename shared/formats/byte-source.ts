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
  /** The bytes from `offset`, `length` of them (fewer only at the end of the source). */
  read(offset: number, length: number): Promise<Uint8Array>;
}

/** How much is read at a time when a caller does not say. */
export const DEFAULT_SLICE_BYTES = 4 * 1024 * 1024;

/** Bytes already in memory, as a source (views, never copies). */
export function bytesByteSource(bytes: Uint8Array): ByteSource {
  return {
    size: bytes.length,
    read: (offset, length) => Promise.resolve(bytes.subarray(clamp(offset, bytes.length), clamp(offset + length, bytes.length))),
  };
}

/** A Blob (a File from a folder picker or a drop), read slice by slice. */
export function blobByteSource(blob: Blob): ByteSource {
  return {
    size: blob.size,
    read: async (offset, length) =>
      new Uint8Array(await blob.slice(clamp(offset, blob.size), clamp(offset + length, blob.size)).arrayBuffer()),
  };
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
    const slice = await source.read(at, want);
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
