/// <reference lib="webworker" />
import { Sha256Stream } from '../../../shared/formats/sha256-stream';
import { hashParts } from '../../../shared/pdf/pdf-parts';

/**
 * The baselines' worker: the least work an export or an import could do with the same bytes, in
 * the same kind of worker the app uses. `hash-copy` reads each stored Blob, copies it into a new
 * buffer and hashes it (an export cannot do less); `sha256` hashes bytes once (an import cannot do less);
 * `read` reads picked files and does nothing with them (an ingest cannot do less); `js-sha256`
 * hashes the stored Blobs as one stream with the seal's own hashing (the JavaScript SHA-256, each
 * next piece read while one is hashed): the export's hashing thread alone.
 */
export type BaselineRequest =
  | { kind: 'hash-copy'; blobs: Blob[] }
  | { kind: 'sha256'; bytes: Uint8Array<ArrayBuffer> }
  | { kind: 'read'; files: File[] }
  | { kind: 'js-sha256'; blobs: Blob[] };
export interface BaselineReply {
  bytes: number;
  digests: number;
}

const scope = globalThis as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (event: MessageEvent<BaselineRequest>) => {
  void run(event.data).then((reply) => scope.postMessage(reply));
};

async function run(request: BaselineRequest): Promise<BaselineReply> {
  if (request.kind === 'sha256') {
    await crypto.subtle.digest('SHA-256', request.bytes);
    return { bytes: request.bytes.length, digests: 1 };
  }
  let bytes = 0;
  if (request.kind === 'js-sha256') {
    const hash = new Sha256Stream();
    await hashParts(hash, request.blobs, (n) => (bytes += n));
    hash.digest();
    return { bytes, digests: 1 };
  }
  if (request.kind === 'read') {
    for (const file of request.files) bytes += (await file.arrayBuffer()).byteLength;
    return { bytes, digests: 0 };
  }
  for (const blob of request.blobs) {
    const read = new Uint8Array(await blob.arrayBuffer());
    const copy = new Uint8Array(read.length);
    copy.set(read);
    await crypto.subtle.digest('SHA-256', copy);
    bytes += copy.length;
  }
  return { bytes, digests: request.blobs.length };
}
