import { createHash, type Hash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { ByteSpan, DigestPort, IncrementalSha256 } from '../shared/formats/incremental-digest';

/**
 * The verifiers' digests with node:crypto: native, incremental and copyable, hashing the file's
 * bytes where they lie (WebCrypto in Node copies its input first). For Node (the bench, the
 * command line) and Electron's main process. A file read into shared memory
 * (`readFileIntoSharedMemory`) also has its evidence hashed on a second thread, while this one
 * hashes the file itself.
 */
class NodeSha256 implements IncrementalSha256 {
  constructor(private readonly hash: Hash = createHash('sha256')) {}

  update(data: Uint8Array): void {
    this.hash.update(data);
  }

  copy(): NodeSha256 {
    return new NodeSha256(this.hash.copy());
  }

  digest(): Uint8Array {
    return new Uint8Array(this.hash.digest());
  }
}

/** The second thread's whole program: hash the spans it is sent of the shared buffer it is sent. */
const SPAN_HASHER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
parentPort.on('message', ({ id, buffer, byteOffset, spans }) => {
  try {
    const digests = spans.map(({ offset, length }) =>
      new Uint8Array(createHash('sha256').update(new Uint8Array(buffer, byteOffset + offset, length)).digest()));
    parentPort.postMessage({ id, digests });
  } catch (error) {
    parentPort.postMessage({ id, error: String(error) });
  }
});
`;

interface SpanReply {
  id: number;
  digests?: Uint8Array[];
  error?: string;
}

/**
 * One thread for the whole process, started on first use. It keeps the process alive only while
 * it has work; if it fails or stops, every job waiting on it gets null (its caller hashes the
 * spans itself) and the next job starts a new one.
 */
class SpanHasher {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly waiting = new Map<number, (digests: Uint8Array[] | null) => void>();

  hash(bytes: Uint8Array<SharedArrayBuffer>, spans: readonly ByteSpan[]): Promise<Uint8Array[] | null> {
    for (const span of spans) {
      if (span.offset < 0 || span.length < 0 || span.offset + span.length > bytes.length) return Promise.resolve(null);
    }
    return new Promise((resolve) => {
      let worker: Worker;
      try {
        worker = this.started();
      } catch {
        resolve(null);
        return;
      }
      const id = this.nextId++;
      this.waiting.set(id, resolve);
      worker.ref();
      worker.postMessage({
        id,
        buffer: bytes.buffer,
        byteOffset: bytes.byteOffset,
        spans: spans.map(({ offset, length }) => ({ offset, length })),
      });
    });
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(SPAN_HASHER_SOURCE, { eval: true });
    worker.unref();
    worker.on('message', (reply: SpanReply) => {
      const resolve = this.waiting.get(reply.id);
      this.waiting.delete(reply.id);
      if (this.waiting.size === 0) worker.unref();
      const digests = reply.digests;
      resolve?.(digests && digests.every((d) => d instanceof Uint8Array && d.length === 32) ? digests : null);
    });
    const stopped = () => {
      if (this.worker === worker) this.worker = null;
      for (const resolve of this.waiting.values()) resolve(null);
      this.waiting.clear();
    };
    worker.on('error', stopped);
    worker.on('exit', stopped);
    this.worker = worker;
    return worker;
  }
}

const spanHasher = new SpanHasher();

function inSharedMemory(bytes: Uint8Array): bytes is Uint8Array<SharedArrayBuffer> {
  return typeof SharedArrayBuffer !== 'undefined' && bytes.buffer instanceof SharedArrayBuffer;
}

/** A native incremental SHA-256 (node:crypto), for hashing as bytes arrive. */
export function createNodeSha256(): IncrementalSha256 {
  return new NodeSha256();
}

export const nodeSha256Digests: DigestPort = {
  createSha256: createNodeSha256,
  sha256OfSpansElsewhere: (bytes, spans) => (inSharedMemory(bytes) ? spanHasher.hash(bytes, spans) : null),
};

/**
 * Reads a whole file into shared memory, so that a second thread can hash parts of it while this
 * one works (`nodeSha256Digests`), without a copy. Reads what is there: a file that shrinks while
 * it is read gives what was read.
 */
export function readFileIntoSharedMemory(path: string): Uint8Array<SharedArrayBuffer> {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const bytes = new Uint8Array(new SharedArrayBuffer(size));
    let at = 0;
    while (at < size) {
      const read = readSync(fd, bytes, at, size - at, at);
      if (read === 0) break;
      at += read;
    }
    return at === size ? bytes : bytes.subarray(0, at);
  } finally {
    closeSync(fd);
  }
}
