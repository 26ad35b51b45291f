import { evidenceLinkKey, type EvidenceLink } from '../../shared/evaluation/evaluation-records';
import type { EvidenceItem } from '../../shared/evidence/evidence-records';
import {
  colleaguePinKey,
  evidenceItemFromPack,
  packImportKey,
  packItemStandings,
  suggestedLinks,
  undecidedItems,
  type PackItemDecision,
  type PackItemStanding,
} from '../../shared/evidence/evidence-pack-import';
import type { EvidencePackImportRecord } from '../../shared/evidence/evidence-pack-records';
import {
  verifyEvidencePack,
  type PackVerification,
  type VerifiedPack,
  type VerifyPackOptions,
} from '../../shared/evidence/evidence-pack-verifier';
import { decideTrust, type TrustDecision, type TrustQuestion } from '../../shared/moderation/first-use-trust';
import { newId, nowIso, type AppDatabase, type EvidenceBlobRecord } from './app-database';
import { storedEvaluationEditable } from './evaluation-edit-guard';
import { describeStorageError, UserFacingError } from './storage-errors';
import { asArrayBufferView } from '../../shared/formats/bytes';

/**
 * The SENCO's side of a colleague's evidence pack: check the file (stores nothing), then write the
 * accepted items, their files and the suggested links, the colleague's pinned key and the record
 * of the import, all in one transaction.
 */

/** Checks a pack's bytes: verifyEvidencePack, or a stand-in in tests that cannot run the signature code. */
export type PackVerifier = (bytes: Uint8Array<ArrayBuffer>, options: VerifyPackOptions) => Promise<PackVerification>;

export type PackCheck =
  | { kind: 'rejected'; message: string }
  | {
      kind: 'ready';
      verified: VerifiedPack;
      trust: TrustDecision;
      standings: Map<string, PackItemStanding>;
      /** The record of an earlier import of this very pack, or null. */
      previous: EvidencePackImportRecord | null;
    };

/** The school's items holding each of these files, by SHA-256 (the first one found per file). */
async function libraryByHash(db: AppDatabase, schoolId: string, hashes: readonly string[]): Promise<Map<string, EvidenceItem>> {
  const found = await db.evidence
    .where('file.sha256')
    .anyOf([...hashes])
    .toArray();
  const byHash = new Map<string, EvidenceItem>();
  for (const item of found)
    if (item.schoolId === schoolId && item.file && !byHash.has(item.file.sha256)) byHash.set(item.file.sha256, item);
  return byHash;
}

/**
 * Checks a colleague's evidence pack for this school: signed and untouched, every file as listed,
 * for this school's URN, no unconfirmed personal data. Then says which items the library already
 * holds, whether the colleague's key is the one pinned, and whether this pack was imported before.
 */
export async function checkEvidencePackFile(
  db: AppDatabase,
  school: { id: string; urn: string },
  file: Blob,
  verify: PackVerifier = verifyEvidencePack,
): Promise<PackCheck> {
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch {
    return { kind: 'rejected', message: 'The file could not be read. Check it is still where you chose it, and try again.' };
  }
  const result = await verify(bytes, { schoolUrn: school.urn });
  if (!result.ok) return { kind: 'rejected', message: result.rejection.message };
  const { verified } = result;
  try {
    const [pin, library, previous] = await Promise.all([
      db.colleaguePins.get(colleaguePinKey(school.id, verified.pack.colleague.name)),
      libraryByHash(
        db,
        school.id,
        verified.pack.items.map((item) => item.file.sha256),
      ),
      db.evidencePackImports.get(packImportKey(school.id, verified.pack.packId)),
    ]);
    return {
      kind: 'ready',
      verified,
      trust: decideTrust(pin, verified.certificate.fingerprint, null),
      standings: packItemStandings(verified.pack.items, library),
      previous: previous ?? null,
    };
  } catch (error) {
    return { kind: 'rejected', message: describeStorageError(error, 'the evidence library') };
  }
}

export type PackImportResult =
  | { outcome: 'imported'; record: EvidencePackImportRecord; notLinked: string[]; linksMade: number }
  /** This very pack was imported before: nothing was written again. */
  | { outcome: 'already-imported'; record: EvidencePackImportRecord }
  /** The colleague's key is new, or not the pinned one, and the person has not confirmed it: nothing was written. */
  | { outcome: 'needs-decision'; question: TrustQuestion };

export interface PackImportInput {
  schoolId: string;
  evaluationId: string;
  verified: VerifiedPack;
  decisions: Readonly<Record<string, PackItemDecision>>;
  /** The criteria of the evaluation's framework: suggested links outside it are not made. */
  criteria: ReadonlySet<string>;
  confirmedFingerprint?: string | null;
}

/**
 * Writes the SENCO's decisions on a verified pack in one transaction: each accepted item's
 * evidence and file (an item whose file the library already holds is not stored twice: the
 * existing item gets the suggested links), the suggested links the evaluation's framework has
 * (none on a historic evaluation), the colleague's key pinned on first use, and the record of the
 * import. Every item must be decided first.
 */
export async function importEvidencePack(db: AppDatabase, input: PackImportInput): Promise<PackImportResult> {
  const { schoolId, evaluationId, verified, decisions } = input;
  const { pack } = verified;
  const undecided = undecidedItems(pack.items, decisions);
  if (undecided.length > 0) {
    throw new UserFacingError(`Accept or decline every item first. Not decided yet: ${undecided.map((t) => `“${t}”`).join(', ')}.`);
  }
  const fingerprint = verified.certificate.fingerprint;
  try {
    return await db.transaction(
      'rw',
      [db.evidence, db.evidenceBlobs, db.evidenceLinks, db.evaluations, db.frameworks, db.colleaguePins, db.evidencePackImports],
      async (): Promise<PackImportResult> => {
        const key = packImportKey(schoolId, pack.packId);
        const previous = await db.evidencePackImports.get(key);
        if (previous) return { outcome: 'already-imported', record: previous };
        const pinKey = colleaguePinKey(schoolId, pack.colleague.name);
        const decision = decideTrust(await db.colleaguePins.get(pinKey), fingerprint, input.confirmedFingerprint);
        if (decision.kind === 'ask') return { outcome: 'needs-decision', question: decision.question };
        if (decision.trust !== 'matches') {
          await db.colleaguePins.put({ key: pinKey, schoolId, colleagueName: pack.colleague.name, fingerprint, pinnedAt: nowIso() });
        }

        const linksEditable = (await storedEvaluationEditable(db, evaluationId)).editable;
        const accepted = verified.items.filter(({ item }) => decisions[item.itemId] === 'accept');
        const hashes = accepted.map(({ item }) => item.file.sha256);
        const [library, storedBlobs] = await Promise.all([libraryByHash(db, schoolId, hashes), db.evidenceBlobs.bulkGet(hashes)]);
        const stored = new Set(storedBlobs.flatMap((record) => (record ? [record.sha256] : [])));
        const now = nowIso();
        const items: EvidenceItem[] = [];
        const blobs: EvidenceBlobRecord[] = [];
        const links: EvidenceLink[] = [];
        const linkedExisting: string[] = [];
        const notLinked = new Set<string>();
        for (const { item, bytes } of accepted) {
          const existing = library.get(item.file.sha256);
          let evidenceId: string;
          if (existing) {
            evidenceId = existing.id;
            linkedExisting.push(item.itemId);
          } else {
            const created = evidenceItemFromPack(pack, item, schoolId, newId(), now);
            evidenceId = created.id;
            items.push(created);
            library.set(item.file.sha256, created);
            if (!stored.has(item.file.sha256)) {
              stored.add(item.file.sha256);
              blobs.push({
                sha256: item.file.sha256,
                blob: new Blob([asArrayBufferView(bytes)], { type: item.file.type }),
                size: item.file.size,
                type: item.file.type,
              });
            }
          }
          if (!linksEditable) continue;
          const { link, notInFramework } = suggestedLinks(item, input.criteria);
          for (const id of notInFramework) notLinked.add(id);
          for (const criterionId of link)
            links.push({ key: evidenceLinkKey(evaluationId, criterionId, evidenceId), evaluationId, criterionId, evidenceId });
        }
        await db.evidenceBlobs.bulkAdd(blobs);
        await db.evidence.bulkAdd(items);
        await db.evidenceLinks.bulkPut(links);
        const record: EvidencePackImportRecord = {
          key,
          schoolId,
          packId: pack.packId,
          evaluationId,
          colleagueName: pack.colleague.name,
          colleagueRole: pack.colleague.role,
          packCreatedAt: pack.createdAt,
          fileSha256: verified.fileSha256,
          importedAt: now,
          accepted: accepted.map(({ item }) => item.itemId),
          declined: pack.items.filter((item) => decisions[item.itemId] === 'decline').map((item) => item.itemId),
          linkedExisting,
        };
        await db.evidencePackImports.add(record);
        return { outcome: 'imported', record, notLinked: [...notLinked], linksMade: links.length };
      },
    );
  } catch (error) {
    throw new UserFacingError(describeStorageError(error, 'the evidence pack'));
  }
}
