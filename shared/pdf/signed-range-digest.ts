import type { HashedWhileRead, IncrementalSha256, SignedRanges } from '../formats/incremental-digest';
import { hashSourceRange, type ByteSource } from '../formats/byte-source';

/**
 * The SHA-256 of a PDF signature's two byte ranges (everything before the signature's hex and
 * everything after it), without first joining them into a new buffer as large as the file.
 *
 * WebCrypto cannot hash in pieces, and joining the ranges of a 300 MB submission costs a fresh
 * 300 MB allocation and copy. Instead the shorter range is moved, for an instant, over the gap so
 * that it sits right beside the longer one; that contiguous view is handed to `digest()`, and the
 * bytes it overwrote are put back before this function yields. Only the shorter range is copied
 * (for our own files, the 50 KB after the signature).
 *
 * This relies on `crypto.subtle.digest()` taking its copy of the data when it is called, as the
 * Web Cryptography specification requires ("get a copy of the bytes held by the data parameter")
 * and Chromium, Electron and Node do. If an implementation read the bytes later, it would hash the
 * restored file instead: the digest would not match the signature and the file would be rejected,
 * never wrongly accepted. The buffer must not be shared with other threads (an ArrayBuffer, not a
 * SharedArrayBuffer), so nothing else can see it in between.
 */
export async function signedRangesSha256(
  bytes: Uint8Array<ArrayBuffer>,
  firstLength: number,
  secondStart: number,
  secondLength: number,
): Promise<Uint8Array<ArrayBuffer>> {
  if (firstLength < 0 || secondLength < 0 || secondStart < firstLength || secondStart + secondLength > bytes.length) {
    throw new RangeError('The signed byte ranges do not fit in the file.');
  }
  // Move the shorter range next to the longer one: the second down to the gap, or the first up to it.
  const moveSecond = secondLength <= firstLength;
  const from = moveSecond ? secondStart : 0;
  const length = moveSecond ? secondLength : firstLength;
  const to = moveSecond ? firstLength : secondStart - firstLength;
  const joined = moveSecond ? bytes.subarray(0, firstLength + secondLength) : bytes.subarray(to, secondStart + secondLength);

  const overwritten = bytes.slice(to, to + length);
  bytes.copyWithin(to, from, from + length);
  let digest: Promise<ArrayBuffer>;
  try {
    digest = globalThis.crypto.subtle.digest('SHA-256', joined);
  } finally {
    bytes.set(overwritten, to);
  }
  return new Uint8Array(await digest);
}

/**
 * The SHA-256 of the whole file and of the signature's two byte ranges in one pass over the
 * bytes before the signature. SHA-256 reads its input front to back, so both digests start with
 * the same state after that first range: it is hashed once, the state copied, and each copy given
 * the rest of its own input (the signed one the second range; the whole file's the signature and
 * everything after it). With our files' signature near the end, that is one pass instead of two.
 */
export function fileAndSignedRangesSha256(
  bytes: Uint8Array,
  firstLength: number,
  secondStart: number,
  secondLength: number,
  hash: IncrementalSha256,
): { file: Uint8Array; signed: Uint8Array } {
  if (firstLength < 0 || secondLength < 0 || secondStart < firstLength || secondStart + secondLength > bytes.length) {
    throw new RangeError('The signed byte ranges do not fit in the file.');
  }
  hash.update(bytes.subarray(0, firstLength));
  const signed = hash.copy();
  signed.update(bytes.subarray(secondStart, secondStart + secondLength));
  hash.update(bytes.subarray(firstLength));
  return { file: hash.digest(), signed: signed.digest() };
}

/**
 * As `fileAndSignedRangesSha256`, reading the file from a source a slice at a time, so no more
 * than one slice of it is held at once. Null when the source is shorter than it said.
 */
export async function fileAndSignedRangesSha256FromSource(
  source: ByteSource,
  firstLength: number,
  secondStart: number,
  secondLength: number,
  hash: IncrementalSha256,
  sliceBytes?: number,
): Promise<{ file: Uint8Array; signed: Uint8Array } | null> {
  if (firstLength < 0 || secondLength < 0 || secondStart < firstLength || secondStart + secondLength > source.size) {
    throw new RangeError('The signed byte ranges do not fit in the file.');
  }
  if (!(await hashSourceRange(source, 0, firstLength, [hash], sliceBytes))) return null;
  const signed = hash.copy();
  if (!(await hashSourceRange(source, firstLength, secondStart - firstLength, [hash], sliceBytes))) return null;
  // After the signature, the signed ranges' and the whole file's inputs are the same bytes again.
  if (!(await hashSourceRange(source, secondStart, secondLength, [hash, signed], sliceBytes))) return null;
  if (!(await hashSourceRange(source, secondStart + secondLength, source.size - secondStart - secondLength, [hash], sliceBytes))) {
    return null;
  }
  return { file: hash.digest(), signed: signed.digest() };
}

/**
 * As `fileAndSignedRangesSha256`, fed the file a slice at a time as it arrives, in order (the
 * desktop hashes a file while it is still being read): the whole file's SHA-256, and the signed
 * ranges' where `ranges` are given, its state copied from the file's where they part. The signed
 * digest is null unless every byte of both ranges was given.
 */
export class SignedRangesHasher {
  private signed: IncrementalSha256 | null = null;
  private at = 0;

  constructor(
    private readonly ranges: SignedRanges | null,
    private readonly file: IncrementalSha256,
  ) {}

  /** The bytes from `from` to `to` of `bytes`, where `from` is where the last slice ended. */
  update(bytes: Uint8Array, from: number, to: number): void {
    if (from !== this.at) throw new RangeError('Slices must be hashed in order.');
    const split = this.ranges?.firstLength;
    if (split !== undefined && from <= split && split < to) {
      this.file.update(bytes.subarray(from, split));
      this.signed = this.file.copy();
      this.file.update(bytes.subarray(split, to));
    } else {
      this.file.update(bytes.subarray(from, to));
    }
    if (this.ranges && this.signed) {
      const start = Math.max(from, this.ranges.secondStart);
      const end = Math.min(to, this.ranges.secondStart + this.ranges.secondLength);
      if (start < end) this.signed.update(bytes.subarray(start, end));
    }
    this.at = to;
  }

  finish(): HashedWhileRead {
    const ranges = this.ranges;
    const complete = ranges !== null && this.signed !== null && this.at >= ranges.secondStart + ranges.secondLength;
    return { file: this.file.digest(), signed: complete && this.signed ? { ...ranges, sha256: this.signed.digest() } : null };
  }
}
