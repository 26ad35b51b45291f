import { useLiveQuery } from 'dexie-react-hooks';
import { registerOrder } from '../../shared/partnership/partnership-register';
import type { AppDatabase } from './app-database';

/** Reads of partnership workspaces, followed live (undefined until the first read). */

/** Every partnership on this computer, by name. */
export function usePartnerships(db: AppDatabase) {
  return useLiveQuery(async () => (await db.partnerships.toArray()).sort((a, b) => a.name.localeCompare(b.name, 'en-GB')), [db]);
}

/** One partnership (null when there is none with that id), and whether its signing key is on this computer. */
export function usePartnership(db: AppDatabase, partnershipId: string) {
  return useLiveQuery(async () => {
    const [partnership, key] = await Promise.all([db.partnerships.get(partnershipId), db.signingKeys.get(partnershipId)]);
    return partnership ? { partnership, hasKey: key !== undefined } : null;
  }, [db, partnershipId]);
}

/** The certificates a partnership has issued, newest first. */
export function useIssuedCertificates(db: AppDatabase, partnershipId: string) {
  return useLiveQuery(
    async () => registerOrder(await db.issuedCertificates.where('partnershipId').equals(partnershipId).toArray()),
    [db, partnershipId],
  );
}
