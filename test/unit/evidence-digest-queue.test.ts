import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { EvidenceDigestQueue, webCryptoSha256Hex, type HexDigest } from '../../shared/submission/evidence-digest-queue';

/** Node's own SHA-256 (OpenSSL), independent of WebCrypto's path. */
const nodeSha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

function file(size: number, seed: number): Uint8Array {
  return Uint8Array.from({ length: size }, (_, i) => (i * 31 + seed) & 0xff);
}

/** A digest whose results are released by the test, in any order; counts how many are unchecked at once. */
function heldDigest() {
  const held: { bytes: Uint8Array; release: () => void }[] = [];
  let started = 0;
  const digest: HexDigest = (bytes) =>
    new Promise<string>((resolve) => {
      started += 1;
      held.push({ bytes, release: () => resolve(nodeSha256(bytes)) });
    });
  return { digest, held, started: () => started };
}

describe('EvidenceDigestQueue', () => {
  it('computes the same SHA-256 as an independent implementation, including a view into a larger buffer', async () => {
    const whole = file(100_000, 7);
    for (const bytes of [file(0, 1), file(1, 2), file(64, 3), file(65_537, 4), whole.subarray(1_000, 61_000)]) {
      expect(await webCryptoSha256Hex(bytes)).toBe(nodeSha256(bytes));
    }
  });

  it('accepts files whose digests match, and refuses the first that differs in the order they were added', async () => {
    const files = [file(40, 1), file(40, 2), file(40, 3), file(40, 4)];
    const queue = new EvidenceDigestQueue<string>(100);
    const expected = files.map(nodeSha256);
    expected[1] = '0'.repeat(64);
    expected[3] = '1'.repeat(64);
    let found: string | null = null;
    for (const [i, bytes] of files.entries()) {
      found = await queue.add(bytes, expected[i] ?? '', () => `file ${i}`);
      if (found) break;
    }
    found ??= await queue.firstMismatch();
    expect(found).toBe('file 1');

    const clean = new EvidenceDigestQueue<string>(100);
    for (const [i, bytes] of files.entries()) expect(await clean.add(bytes, nodeSha256(bytes), () => `file ${i}`)).toBeNull();
    expect(await clean.firstMismatch()).toBeNull();
  });

  it('reports the earlier file even when the later file’s digest finishes first', async () => {
    const held = heldDigest();
    const queue = new EvidenceDigestQueue<string>(1_000, held.digest);
    const a = file(10, 1);
    const b = file(10, 2);
    expect(await queue.add(a, 'f'.repeat(64), () => 'a')).toBeNull();
    expect(await queue.add(b, 'e'.repeat(64), () => 'b')).toBeNull();
    const result = queue.firstMismatch();
    held.held[1]?.release();
    held.held[0]?.release();
    expect(await result).toBe('a');
  });

  it('never leaves more than the window, besides the newest file, waiting for its check', async () => {
    const window = 100;
    const sizes = [30, 30, 30, 30, 90, 10, 10, 150, 20, 20];
    const held = heldDigest();
    const queue = new EvidenceDigestQueue<string>(window, held.digest);
    let most = 0;
    for (const [i, size] of sizes.entries()) {
      const bytes = file(size, i);
      // Release every digest as soon as it is started, so the queue can always make room.
      const adding = queue.add(bytes, nodeSha256(bytes), () => `file ${i}`);
      for (const h of held.held.splice(0)) h.release();
      expect(await adding).toBeNull();
      expect(queue.waiting - size).toBeLessThanOrEqual(window);
      most = Math.max(most, queue.waiting);
    }
    expect(held.started()).toBe(sizes.length);
    expect(most).toBeGreaterThan(window); // the newest file may come on top of a full window
    expect(await queue.firstMismatch()).toBeNull();
    expect(queue.waiting).toBe(0);
  });
});
