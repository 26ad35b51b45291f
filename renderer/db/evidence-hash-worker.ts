/// <reference lib="webworker" />
import { sha256Hex } from '../../shared/formats/sha256';
import type { HashReply, HashRequest } from './evidence-file-hashing';

/**
 * Reads a picked file and takes its SHA-256, off the page's thread: WebCrypto hashes on the
 * calling thread, and a large file would otherwise freeze the page while it is hashed.
 */
const scope = globalThis as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (event: MessageEvent<HashRequest>) => {
  const { id, file } = event.data;
  void file
    .arrayBuffer()
    .then((buffer) => sha256Hex(buffer))
    .then(
      (sha256) => scope.postMessage({ id, ok: true, sha256 } satisfies HashReply),
      (error: unknown) =>
        scope.postMessage({
          id,
          ok: false,
          name: error instanceof Error ? error.name : 'Error',
          message: error instanceof Error ? error.message : String(error),
        } satisfies HashReply),
    );
};
