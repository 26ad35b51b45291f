import type { PartnershipRoot } from '../crypto/partnership-root';
import type { CheckedRevocationList } from '../crypto/revocation-list';

/**
 * The partnership roots a moderator workspace has pinned and the revocation lists it holds, as
 * stored records, and the rules for adding one. Pure: the store reads what is there and writes
 * the result in one transaction. Certificates and lists are checked before they reach here (a root
 * certificate file by partnership-root-file.ts), so nothing here needs the certificate code.
 */
export interface PinnedRootRecord {
  /** `${workspaceId}|root|${fingerprint}` */
  key: string;
  workspaceId: string;
  kind: 'root';
  name: string;
  region: string;
  /** SHA-256 (hex) of the root certificate. */
  fingerprint: string;
  der: Uint8Array<ArrayBuffer>;
  notAfter: string;
  pinnedAt: string;
}

export interface RevocationListRecord {
  /** `${workspaceId}|list|${rootFingerprint}`: one list, the newest, per partnership. */
  key: string;
  workspaceId: string;
  kind: 'revocation-list';
  rootFingerprint: string;
  partnershipName: string;
  der: Uint8Array<ArrayBuffer>;
  /** When the partnership issued it, and the date of its next list at the latest (ISO). */
  thisUpdate: string;
  nextUpdate: string | null;
  number: number | null;
  revokedCount: number;
  importedAt: string;
}

export type PartnershipTrustRecord = PinnedRootRecord | RevocationListRecord;

export function pinnedRootKey(workspaceId: string, fingerprint: string): string {
  return `${workspaceId}|root|${fingerprint}`;
}

export function revocationListKey(workspaceId: string, rootFingerprint: string): string {
  return `${workspaceId}|list|${rootFingerprint}`;
}

export type TrustChange<T> = { ok: true; record: T; message: string } | { ok: false; message: string };

/** Pinning a checked root: a new record, or a plain message when it is already pinned. */
export function decidePinRoot(
  workspaceId: string,
  root: PartnershipRoot,
  existing: PinnedRootRecord | null | undefined,
  at: string,
): TrustChange<PinnedRootRecord> {
  if (existing) return { ok: false, message: `The ${root.name} is already pinned in this workspace. Nothing changed.` };
  return {
    ok: true,
    record: {
      key: pinnedRootKey(workspaceId, root.fingerprint),
      workspaceId,
      kind: 'root',
      name: root.name,
      region: root.region,
      fingerprint: root.fingerprint,
      der: root.certificateDer,
      notAfter: root.notAfter.toISOString(),
      pinnedAt: at,
    },
    message: `The ${root.name} is pinned. Files signed with certificates it issued are now shown as certified by it.`,
  };
}

/**
 * Keeping a checked revocation list: it replaces the partnership's list only if it is newer; an
 * older or the same list is refused with a plain message, so a stale list never hides a revocation.
 */
export function decideKeepRevocationList(
  workspaceId: string,
  list: CheckedRevocationList,
  der: Uint8Array<ArrayBuffer>,
  existing: RevocationListRecord | null | undefined,
  at: string,
): TrustChange<RevocationListRecord> {
  const name = list.root.name;
  const issued = list.thisUpdate.toISOString();
  if (existing && existing.thisUpdate >= issued) {
    const same = existing.thisUpdate === issued;
    return {
      ok: false,
      message: same
        ? `This workspace already has this revocation list from the ${name} (issued ${issued.slice(0, 10)}). Nothing changed.`
        : `This revocation list from the ${name} (issued ${issued.slice(0, 10)}) is older than the one this workspace has (issued ${existing.thisUpdate.slice(0, 10)}), so it was not used. Ask the partnership for its current list.`,
    };
  }
  const count = list.revoked.size;
  return {
    ok: true,
    record: {
      key: revocationListKey(workspaceId, list.root.fingerprint),
      workspaceId,
      kind: 'revocation-list',
      rootFingerprint: list.root.fingerprint,
      partnershipName: name,
      der,
      thisUpdate: issued,
      nextUpdate: list.nextUpdate?.toISOString() ?? null,
      number: list.number,
      revokedCount: count,
      importedAt: at,
    },
    message: `The revocation list from the ${name} (issued ${issued.slice(0, 10)}, ${count} certificate${count === 1 ? '' : 's'} revoked) is now used when files are imported.`,
  };
}

/** What the trust decision needs from a workspace's records. */
export function trustMaterial(records: readonly PartnershipTrustRecord[]): {
  rootsDer: Uint8Array<ArrayBuffer>[];
  listsDer: Uint8Array<ArrayBuffer>[];
  rootFingerprints: string[];
} {
  const roots = records.filter((r): r is PinnedRootRecord => r.kind === 'root');
  return {
    rootsDer: roots.map((r) => r.der),
    listsDer: records.filter((r): r is RevocationListRecord => r.kind === 'revocation-list').map((r) => r.der),
    rootFingerprints: roots.map((r) => r.fingerprint),
  };
}
