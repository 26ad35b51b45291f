/**
 * SHA-256 that takes its input in pieces (FIPS 180-4). WebCrypto can only hash one whole buffer,
 * which for a large PDF means copying it first; this hashes the pieces where they lie, so a
 * signed PDF of hundreds of megabytes can be hashed without a second copy in memory. The rounds
 * themselves are in `sha256-rounds.ts`, written out by `build/generate-sha256-rounds.ts`.
 */
import type { IncrementalSha256 } from './incremental-digest';
import { compressBlocks } from './sha256-rounds';

/** An incremental hash whose state can be copied, so a common prefix is hashed only once. */
export interface StreamingHash {
  update(data: Uint8Array): StreamingHash;
  digest(): Uint8Array;
  clone(): StreamingHash;
}

export class Sha256Stream implements StreamingHash, IncrementalSha256 {
  private readonly state = new Int32Array([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
  private readonly pending = new Uint8Array(64);
  private pendingLength = 0;
  private totalLength = 0;
  private finished = false;

  clone(): Sha256Stream {
    const copy = new Sha256Stream();
    copy.state.set(this.state);
    copy.pending.set(this.pending);
    copy.pendingLength = this.pendingLength;
    copy.totalLength = this.totalLength;
    copy.finished = this.finished;
    return copy;
  }

  copy(): Sha256Stream {
    return this.clone();
  }

  update(data: Uint8Array): this {
    if (this.finished) throw new Error('The hash is already finished.');
    this.totalLength += data.length;
    let offset = 0;
    if (this.pendingLength > 0) {
      const take = Math.min(64 - this.pendingLength, data.length);
      this.pending.set(data.subarray(0, take), this.pendingLength);
      this.pendingLength += take;
      offset = take;
      if (this.pendingLength < 64) return this;
      compressBlocks(this.state, this.pending, 0, 64);
      this.pendingLength = 0;
    }
    const end = data.length - ((data.length - offset) % 64);
    compressBlocks(this.state, data, offset, end);
    offset = end;
    if (offset < data.length) {
      this.pending.set(data.subarray(offset), 0);
      this.pendingLength = data.length - offset;
    }
    return this;
  }

  digest(): Uint8Array<ArrayBuffer> {
    if (this.finished) throw new Error('The hash is already finished.');
    const bits = this.totalLength * 8;
    const padding = new Uint8Array((this.pendingLength < 56 ? 56 : 120) - this.pendingLength + 8);
    padding[0] = 0x80;
    const view = new DataView(padding.buffer);
    view.setUint32(padding.length - 8, Math.floor(bits / 0x100000000));
    view.setUint32(padding.length - 4, bits >>> 0);
    this.totalLength -= padding.length; // padding is not message
    this.update(padding);
    this.finished = true;
    const out = new Uint8Array(32);
    const outView = new DataView(out.buffer);
    for (let i = 0; i < 8; i += 1) outView.setInt32(i * 4, this.state[i] ?? 0);
    return out;
  }
}
