import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formattedSha256Rounds, SHA256_ROUNDS_FILE } from '../../build/generate-sha256-rounds';
import { toHex } from '../../shared/formats/sha256';
import { Sha256Stream } from '../../shared/formats/sha256-stream';

/** The pieces-at-a-time SHA-256 must agree with Node's native one for every length and split. */
function native(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function pseudoRandom(length: number): Uint8Array {
  const out = new Uint8Array(length);
  let x = 12345;
  for (let i = 0; i < length; i += 1) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

describe('Sha256Stream', () => {
  it('gives the published digests of the FIPS 180-4 examples', () => {
    expect(toHex(new Sha256Stream().update(new TextEncoder().encode('abc')).digest())).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(toHex(new Sha256Stream().digest())).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('agrees with the native hash at every length around the block and padding boundaries, however the input is split', () => {
    const data = pseudoRandom(300);
    for (const length of [0, 1, 54, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 129, 300]) {
      const whole = data.subarray(0, length);
      for (const split of [0, 1, Math.floor(length / 3), length]) {
        const hash = new Sha256Stream().update(whole.subarray(0, split)).update(whole.subarray(split));
        expect(toHex(hash.digest()), `length ${length}, split ${split}`).toBe(native(whole));
      }
    }
  });

  it('clones its state, so a shared prefix is hashed once for two different endings', () => {
    const prefix = pseudoRandom(1000);
    const base = new Sha256Stream().update(prefix);
    const a = base.clone().update(new Uint8Array([1, 2, 3]));
    const b = base.clone().update(new Uint8Array([4, 5]));
    expect(toHex(a.digest())).toBe(native(new Uint8Array([...prefix, 1, 2, 3])));
    expect(toHex(b.digest())).toBe(native(new Uint8Array([...prefix, 4, 5])));
    expect(toHex(base.digest())).toBe(native(prefix));
  });

  it('agrees with the native hash over many blocks fed in uneven pieces (every round, with the words signed)', () => {
    // Bytes of every value, so words with the top bit set (negative as 32-bit integers) are met.
    const data = pseudoRandom(1 << 20);
    const hash = new Sha256Stream();
    for (let at = 0, step = 1; at < data.length; at += step, step = ((step * 7 + 13) % 4099) + 1) hash.update(data.subarray(at, at + step));
    expect(toHex(hash.digest())).toBe(native(data));
    const ones = new Uint8Array(64 * 9).fill(0xff);
    expect(toHex(new Sha256Stream().update(ones).digest())).toBe(native(ones));
  });

  it('uses rounds that are exactly what the generator writes (the file is not edited by hand)', async () => {
    expect(readFileSync(SHA256_ROUNDS_FILE, 'utf8')).toBe(await formattedSha256Rounds());
  });

  it('refuses to be used after it is finished', () => {
    const hash = new Sha256Stream();
    hash.digest();
    expect(() => hash.update(new Uint8Array([1]))).toThrow(/finished/);
  });
});
