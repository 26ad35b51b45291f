import type { PartnershipRoot } from '../../shared/crypto/partnership-root';
import { readRevocationList } from '../../shared/crypto/revocation-list';
import {
  decideKeepRevocationList,
  decidePinRoot,
  pinnedRootKey,
  revocationListKey,
  trustMaterial,
  type PinnedRootRecord,
  type RevocationListRecord,
} from '../../shared/moderation/partnership-trust';
import { nowIso, type AppDatabase } from './app-database';
import { describeStorageError, UserFacingError } from './storage-errors';

/**
 * Writes of a moderator workspace's partnership roots and revocation lists, each all or nothing.
 * A root is read and shown to the moderator (name and fingerprint) before it reaches here.
 */
export type TrustChangeResult = { ok: boolean; message: string };

/** Pins a partnership root the moderator has checked and confirmed. */
export async function pinPartnershipRoot(db: AppDatabase, workspaceId: string, root: PartnershipRoot): Promise<TrustChangeResult> {
  try {
    return await db.transaction('rw', db.partnershipTrust, async () => {
      const existing = await db.partnershipTrust.get(pinnedRootKey(workspaceId, root.fingerprint));
      const change = decidePinRoot(workspaceId, root, existing?.kind === 'root' ? existing : null, nowIso());
      if (change.ok) await db.partnershipTrust.put(change.record);
      return { ok: change.ok, message: change.message };
    });
  } catch (error) {
    throw new UserFacingError(describeStorageError(error, `the certificate of the ${root.name}`));
  }
}

/**
 * Checks a revocation list file against the roots this workspace has pinned and keeps it if it is
 * newer than the one held for that partnership. A list no pinned root signed is refused.
 */
export async function importRevocationList(db: AppDatabase, workspaceId: string, file: Uint8Array): Promise<TrustChangeResult> {
  const roots = (await db.partnershipTrust.where('workspaceId').equals(workspaceId).toArray()).filter(
    (r): r is PinnedRootRecord => r.kind === 'root',
  );
  if (roots.length === 0) {
    return { ok: false, message: 'Pin the partnership’s certificate first: a revocation list is checked against it.' };
  }
  const read = await readRevocationList(
    file,
    roots.map((r) => r.der),
  );
  if (!read.ok) return { ok: false, message: read.message };
  const der = new Uint8Array(file);
  try {
    return await db.transaction('rw', db.partnershipTrust, async () => {
      const existing = await db.partnershipTrust.get(revocationListKey(workspaceId, read.list.root.fingerprint));
      const held = existing?.kind === 'revocation-list' ? (existing as RevocationListRecord) : null;
      const change = decideKeepRevocationList(workspaceId, read.list, der, held, nowIso());
      if (change.ok) await db.partnershipTrust.put(change.record);
      return { ok: change.ok, message: change.message };
    });
  } catch (error) {
    throw new UserFacingError(describeStorageError(error, `the revocation list from the ${read.list.root.name}`));
  }
}

/** The pinned roots and revocation lists of a workspace, as the trust decision takes them. */
export async function partnershipTrustMaterial(db: AppDatabase, workspaceId: string): Promise<ReturnType<typeof trustMaterial>> {
  return trustMaterial(await db.partnershipTrust.where('workspaceId').equals(workspaceId).toArray());
}
