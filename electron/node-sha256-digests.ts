import { createHash, type Hash } from 'node:crypto';
import type { DigestPort, IncrementalSha256 } from '../shared/formats/incremental-digest';

/**
 * The verifiers' digests with node:crypto: native, incremental and copyable, hashing the file's
 * bytes where they lie (WebCrypto in Node copies its input first). For Node (the bench, the
 * command line) and Electron's main process.
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

export const nodeSha256Digests: DigestPort = { createSha256: () => new NodeSha256() };
