import { normaliseOrganisation } from '../moderation/first-use-trust';
import type { EvidenceItem } from './evidence-records';
import type { EvidencePackDocument, EvidencePackItem } from './evidence-pack-format';

/**
 * The SENCO's side of an evidence pack, as pure rules: which items the library already holds (by
 * SHA-256), what accepting an item writes, which suggested links can be made, and where a
 * colleague's key is pinned. The stores in renderer/db apply them in one transaction.
 */

export type PackItemDecision = 'accept' | 'decline';

/** How an item stands against the school's library. */
export type PackItemStanding = { kind: 'new' } | { kind: 'already-in-library'; existing: Pick<EvidenceItem, 'id' | 'title'> };

/** Each item's standing: an item whose SHA-256 the library already holds is "already in your library". */
export function packItemStandings(
  items: readonly EvidencePackItem[],
  library: ReadonlyMap<string, Pick<EvidenceItem, 'id' | 'title'>>,
): Map<string, PackItemStanding> {
  return new Map(
    items.map((item): [string, PackItemStanding] => {
      const existing = library.get(item.file.sha256);
      return [item.itemId, existing ? { kind: 'already-in-library', existing } : { kind: 'new' }];
    }),
  );
}

/** Every item given the same decision (accept all, decline all). */
export function decideAll(items: readonly EvidencePackItem[], decision: PackItemDecision): Record<string, PackItemDecision> {
  return Object.fromEntries(items.map((item) => [item.itemId, decision]));
}

/** The items not decided yet, by title, or an empty list when every item has a decision. */
export function undecidedItems(items: readonly EvidencePackItem[], decisions: Readonly<Record<string, PackItemDecision>>): string[] {
  return items.filter((item) => decisions[item.itemId] === undefined).map((item) => item.title);
}

/** The evidence item an accepted pack item becomes in the school's library. */
export function evidenceItemFromPack(
  pack: Pick<EvidencePackDocument, 'colleague' | 'createdAt'>,
  item: EvidencePackItem,
  schoolId: string,
  id: string,
  now: string,
): EvidenceItem {
  const sentBy = `Sent by ${pack.colleague.name}, ${pack.colleague.role}, in an evidence pack made on ${pack.createdAt.slice(0, 10)}.`;
  return {
    id,
    schoolId,
    title: item.title,
    kind: item.kind,
    date: item.date,
    description: item.note ? `${item.note}\n\n${sentBy}` : sentBy,
    heldAt: '',
    containsPersonalData: item.containsPersonalData,
    redactionConfirmed: item.redactionConfirmed,
    file: { name: item.file.originalName, type: item.file.type, size: item.file.size, sha256: item.file.sha256 },
    createdAt: now,
    updatedAt: now,
  };
}

/** The suggested criteria an accepted item is linked to: those the evaluation's framework has; the rest are named. */
export function suggestedLinks(item: EvidencePackItem, criteria: ReadonlySet<string>): { link: string[]; notInFramework: string[] } {
  const link: string[] = [];
  const notInFramework: string[] = [];
  for (const id of item.suggestedCriteria) (criteria.has(id) ? link : notInFramework).push(id);
  return { link, notInFramework };
}

/** The key a school's pin of a colleague's key is kept under: per school and colleague (name normalised as organisations are). */
export function colleaguePinKey(schoolId: string, colleagueName: string): string {
  return `${schoolId}|colleague|${normaliseOrganisation(colleagueName)}`;
}

/** The key an imported pack is recorded under, so a second import of the same pack says so. */
export function packImportKey(schoolId: string, packId: string): string {
  return `${schoolId}|${packId}`;
}

/** What the import did, in one sentence. */
export function packImportSummary(accepted: number, linkedExisting: number, declined: number): string {
  const files = (n: number) => (n === 1 ? '1 item' : `${n} items`);
  const parts = [`Accepted ${files(accepted)}`];
  if (linkedExisting > 0) parts.push(`${linkedExisting} of them already in your library, so linked rather than stored again`);
  return `${parts.join(', ')}; declined ${files(declined)}.`;
}
