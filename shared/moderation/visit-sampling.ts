import type { AppliedFramework } from '../framework/applied-framework';

/**
 * "N criteria at random per strand", repeatable: the same seed always draws the same criteria,
 * so the draw recorded with the visit plan can be checked later by anyone.
 */
export function sampleCriteria(framework: AppliedFramework, perStrand: number, seed: string): string[] {
  if (!Number.isInteger(perStrand) || perStrand < 1) throw new RangeError('Choose at least one criterion per strand.');
  const random = seededRandom(seed);
  const chosen = new Set<string>();
  for (const strand of framework.strands) {
    const ids = strand.standards.flatMap((s) => s.criteria.map((c) => c.id));
    // A partial Fisher–Yates shuffle: the first `perStrand` places are a uniform sample.
    for (let i = 0; i < Math.min(perStrand, ids.length); i += 1) {
      const j = i + Math.floor(random() * (ids.length - i));
      [ids[i], ids[j]] = [ids[j] as string, ids[i] as string];
      chosen.add(ids[i] as string);
    }
  }
  // In framework order, as a visit plan is read.
  return framework.criteria.map((c) => c.id).filter((id) => chosen.has(id));
}

/** A fresh seed a person can read out and type back: eight letters and digits. */
export function newSeed(randomBytes: Uint8Array): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  return [...randomBytes.subarray(0, 8)].map((b) => alphabet[b % alphabet.length]).join('');
}

/** mulberry32 seeded from the FNV-1a hash of the seed text: small, fast and the same everywhere. */
export function seededRandom(seed: string): () => number {
  let state = 0x811c9dc5;
  for (let i = 0; i < seed.length; i += 1) {
    state ^= seed.charCodeAt(i);
    state = Math.imul(state, 0x01000193) >>> 0;
  }
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
