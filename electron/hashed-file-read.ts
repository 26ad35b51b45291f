import { readSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import type { ByteSource } from '../shared/formats/byte-source';
import type { ByteSpan, DigestPort, HashedWhileRead } from '../shared/formats/incremental-digest';
import { STORED_STREAM_HEAD_BYTES, storedStreamSpan } from '../shared/pdf/pdf-object-index';
import { SignedRangesHasher } from '../shared/pdf/signed-range-digest';
import { planSignedPdfRead, type SignedPdfReadPlan } from '../shared/pdf/signed-pdf-reader';
import { createNodeSha256, nodeSha256Digests } from './node-sha256-digests';

/**
 * Reads a signed submission into shared memory and hashes it as it arrives, rather than reading it
 * whole and then hashing it (the desktop's check of a picked file). Its end is read first for where
 * the signature's ranges and the objects lie (`planSignedPdfRead`); then, while the next slices are
 * read on libuv's threads, this thread hashes the file and its signed ranges, and each embedded
 * file is sent to the second thread to hash once all of it has arrived. The port returned
 * hands those digests to the verifier, which still checks everything itself: it uses them only
 * for these very bytes, and the signed ranges' only where they are the ones it finds.
 */

/** Read at a time: large enough that reads are few, small enough that reading and hashing overlap. */
export const HASHED_READ_SLICE_BYTES = 8 * 1024 * 1024;
/** Reads under way while a slice is hashed. */
const READS_AHEAD = 2;

export interface HashedFile {
  /** The file as read; shorter than the file said it was if it shrank while it was read. */
  bytes: Uint8Array<SharedArrayBuffer>;
  /** The digests to verify `bytes` with: node:crypto's, with what was hashed while reading. */
  digests: DigestPort;
}

/**
 * A file open for reading as a source of slices, for the plan's reads: many and small (the start of
 * each object), so each is read at once on this thread rather than sent to libuv's and awaited.
 */
export function fileHandleSource(handle: FileHandle, size: number): ByteSource {
  return {
    size,
    read: (offset, length) => {
      const from = Math.max(0, Math.min(size, offset));
      const bytes = new Uint8Array(Math.max(0, Math.min(size, offset + length) - from));
      let at = 0;
      while (at < bytes.length) {
        const read = readSync(handle.fd, bytes, at, bytes.length - at, from + at);
        if (read === 0) break;
        at += read;
      }
      return Promise.resolve(at === bytes.length ? bytes : bytes.subarray(0, at));
    },
  };
}

export interface HashedReadOptions {
  /** Read at a time (`HASHED_READ_SLICE_BYTES` by default). */
  sliceBytes?: number;
  /** Objects smaller than this are left for the verifier to hash (`SMALLEST_OBJECT_HASHED_EARLY` by default). */
  smallestObjectHashedEarly?: number;
}

/** Reads the file at `path` whole, hashing it as it arrives. Throws what the file system throws (a missing file, no permission). */
export async function readFileHashing(path: string, options: HashedReadOptions = {}): Promise<HashedFile> {
  const handle = await open(path, 'r');
  try {
    const size = (await handle.stat()).size;
    const plan = await planSignedPdfRead(fileHandleSource(handle, size));
    return await readHashing(handle, size, plan, {
      sliceBytes: Math.max(1, Math.floor(options.sliceBytes ?? HASHED_READ_SLICE_BYTES)),
      smallest: options.smallestObjectHashedEarly ?? SMALLEST_OBJECT_HASHED_EARLY,
    });
  } finally {
    await handle.close();
  }
}

async function readHashing(
  handle: FileHandle,
  size: number,
  plan: SignedPdfReadPlan | null,
  { sliceBytes, smallest }: { sliceBytes: number; smallest: number },
): Promise<HashedFile> {
  const bytes = new Uint8Array(new SharedArrayBuffer(size));
  const hashes = new SignedRangesHasher(plan?.ranges ?? null, createNodeSha256());
  const spans = new SpansAsTheyArrive(bytes, plan?.objects ?? [], smallest);

  // Each slice is read in full (a short read reads on) or up to the file's end if it shrank.
  const readSlice = async (from: number): Promise<number> => {
    const to = Math.min(size, from + sliceBytes);
    let at = from;
    while (at < to) {
      const { bytesRead } = await handle.read(bytes, at, to - at, at);
      if (bytesRead === 0) break;
      at += bytesRead;
    }
    return at;
  };
  const reads: Promise<number>[] = [];
  let next = 0;
  const readAhead = () => {
    while (reads.length < READS_AHEAD && next < size) {
      const read = readSlice(next);
      // A read that fails after an earlier one has already failed is never awaited: not unhandled.
      read.catch(() => undefined);
      reads.push(read);
      next += sliceBytes;
    }
  };
  readAhead();
  let arrived = 0;
  while (reads.length > 0) {
    const sliceStart = arrived;
    const end = await (reads.shift() as Promise<number>);
    const whole = end === Math.min(size, sliceStart + sliceBytes);
    arrived = end;
    if (whole) readAhead();
    hashes.update(bytes, sliceStart, end);
    spans.arrivedTo(end);
    if (!whole) {
      // The file ended early: it changed while it was read. What was read is given, and refused.
      await Promise.allSettled(reads);
      return { bytes: bytes.subarray(0, arrived), digests: nodeSha256Digests };
    }
  }
  const hashed = hashes.finish();
  return { bytes, digests: portFor(bytes, hashed, spans) };
}

const spanKey = (span: ByteSpan) => `${span.offset}:${span.length}`;

/** Objects smaller than this are left for the verifier to hash (few bytes, and each looked at costs a parse). */
export const SMALLEST_OBJECT_HASHED_EARLY = 64 * 1024;

/**
 * The embedded files: each large object is looked at once its start has arrived and, if it is a
 * stream stored as it is, sent to the second thread to hash once all of it has arrived.
 */
class SpansAsTheyArrive {
  private readonly started = new Map<string, Promise<Uint8Array | null>>();
  private objects: ByteSpan[];
  private spans: ByteSpan[] = [];

  constructor(
    private readonly bytes: Uint8Array<SharedArrayBuffer>,
    objects: readonly ByteSpan[],
    smallest: number,
  ) {
    this.objects = objects.filter(
      (object) => object.length >= smallest && object.offset >= 0 && object.offset + object.length <= bytes.length,
    );
  }

  arrivedTo(end: number): void {
    while (this.objects.length > 0) {
      const object = this.objects[0] as ByteSpan;
      if (end < object.offset + Math.min(object.length, STORED_STREAM_HEAD_BYTES) && end < this.bytes.length) break;
      this.objects.shift();
      const span = storedStreamSpan(this.bytes, object);
      if (span) this.spans.push(span);
    }
    const ready = this.spans.filter((span) => span.offset + span.length <= end);
    if (ready.length === 0) return;
    this.spans = this.spans.filter((span) => span.offset + span.length > end);
    const digests = nodeSha256Digests.sha256OfSpansElsewhere?.(this.bytes, ready) ?? null;
    const settled = digests ? digests.catch(() => null) : Promise.resolve(null);
    ready.forEach((span, i) =>
      this.started.set(
        spanKey(span),
        settled.then((all) => all?.[i] ?? null),
      ),
    );
  }

  /** The digest started for `span`, if one was. */
  startedFor(span: ByteSpan): Promise<Uint8Array | null> | undefined {
    return this.started.get(spanKey(span));
  }
}

function portFor(bytes: Uint8Array<SharedArrayBuffer>, hashed: HashedWhileRead, spans: SpansAsTheyArrive): DigestPort {
  return {
    createSha256: nodeSha256Digests.createSha256,
    hashedWhileRead: (asked) => (asked === bytes ? hashed : null),
    sha256OfSpansElsewhere: (asked, wanted) => {
      if (asked !== bytes) return nodeSha256Digests.sha256OfSpansElsewhere?.(asked, wanted) ?? null;
      const missing = wanted.filter((span) => !spans.startedFor(span));
      const late = missing.length > 0 ? (nodeSha256Digests.sha256OfSpansElsewhere?.(bytes, missing) ?? null) : null;
      const lateByKey = new Map(
        missing.map((span, i) => [
          spanKey(span),
          late
            ? late.then(
                (all) => all?.[i] ?? null,
                () => null,
              )
            : null,
        ]),
      );
      return Promise.all(wanted.map((span) => spans.startedFor(span) ?? lateByKey.get(spanKey(span)) ?? null));
    },
  };
}
