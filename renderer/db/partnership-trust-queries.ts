import { useLiveQuery } from 'dexie-react-hooks';
import type { PinnedRootRecord, RevocationListRecord } from '../../shared/moderation/partnership-trust';
import type { AppDatabase } from './app-database';

/** The partnership roots a moderator workspace has pinned and the revocation lists it holds, followed live. */
export function usePartnershipTrust(db: AppDatabase, workspaceId: string) {
  return useLiveQuery(async () => {
    const records = await db.partnershipTrust.where('workspaceId').equals(workspaceId).toArray();
    return {
      roots: records.filter((r): r is PinnedRootRecord => r.kind === 'root').sort((a, b) => a.name.localeCompare(b.name)),
      lists: records.filter((r): r is RevocationListRecord => r.kind === 'revocation-list'),
    };
  }, [db, workspaceId]);
}
