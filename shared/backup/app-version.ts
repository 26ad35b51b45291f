/**
 * Comparing app versions (semantic versions: 1.2.3, 1.0.0-beta.2, 1.0.0+build), so a backup or a
 * database from a newer app can be refused. A version that is not of that form compares as null:
 * the caller decides (a backup refuses it; nothing here guesses).
 */
interface ParsedVersion {
  core: [number, number, number];
  pre: string[];
}

const SEMVER = /^v?(0|[1-9]\d{0,15})\.(0|[1-9]\d{0,15})\.(0|[1-9]\d{0,15})(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+[0-9A-Za-z.-]+)?$/;

export function parseAppVersion(version: string): ParsedVersion | null {
  const match = SEMVER.exec(version.trim());
  if (!match) return null;
  const [, major, minor, patch, pre] = match;
  return { core: [Number(major), Number(minor), Number(patch)], pre: pre ? pre.split('.') : [] };
}

/** Negative when a < b, 0 when they are the same release, positive when a > b; null when either is not a version. */
export function compareAppVersions(a: string, b: string): number | null {
  const x = parseAppVersion(a);
  const y = parseAppVersion(b);
  if (!x || !y) return null;
  for (let i = 0; i < 3; i += 1) {
    const diff = (x.core[i] ?? 0) - (y.core[i] ?? 0);
    if (diff !== 0) return Math.sign(diff);
  }
  // A pre-release comes before its release: 1.0.0-beta < 1.0.0.
  if (x.pre.length === 0 || y.pre.length === 0) return Math.sign(y.pre.length - x.pre.length);
  for (let i = 0; i < Math.max(x.pre.length, y.pre.length); i += 1) {
    const p = x.pre[i];
    const q = y.pre[i];
    if (p === undefined) return -1;
    if (q === undefined) return 1;
    if (p === q) continue;
    const pNum = /^\d+$/.test(p);
    const qNum = /^\d+$/.test(q);
    if (pNum && qNum) return Math.sign(Number(p) - Number(q));
    if (pNum !== qNum) return pNum ? -1 : 1;
    return p < q ? -1 : 1;
  }
  return 0;
}

/** True when `candidate` is a later release than `current` (an unreadable version counts as later: refuse what we cannot place). */
export function isNewerAppVersion(candidate: string, current: string): boolean {
  const order = compareAppVersions(candidate, current);
  if (order === null) return parseAppVersion(candidate) === null;
  return order > 0;
}
