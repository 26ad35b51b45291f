import { readCertificateRequest, type CheckedCertificateRequest } from '../../shared/crypto/certificate-request';
import { issueCertificate } from '../../shared/crypto/partnership-certificate';
import { createPartnershipRoot, partnershipIdentityProblem, readPartnershipRoot } from '../../shared/crypto/partnership-root';
import { pemBlock } from '../../shared/crypto/pem-file';
import { createRevocationList, type RevocationReason } from '../../shared/crypto/revocation-list';
import { certificateFingerprint, CertificateError, createSigningKeyPair } from '../../shared/crypto/signing-certificate';
import { sha256Hex } from '../../shared/formats/sha256';
import {
  decideRevoke,
  issuedCertificateFileName,
  issuedCertificateKey,
  REVOCATION_LIST_NEXT_UPDATE_DAYS,
  revocationEntries,
  revocationListFileName,
  type IssuedCertificateRecord,
  type IssuedSubject,
  type PartnershipWorkspace,
} from '../../shared/partnership/partnership-register';
import { newId, nowIso, type AppDatabase, type SigningKeyRecord } from './app-database';
import { describeStorageError, UserFacingError } from './storage-errors';

/**
 * Writes of a partnership workspace: setting it up (its own key and self-signed root certificate,
 * made as a school's key is: non-extractable, kept in signingKeys under the partnership's id),
 * issuing certificates from request files into its register, revoking them, and publishing its
 * signed revocation list. Each write is all or nothing; bad input is refused in words.
 */
export type PartnershipResult<T> = { ok: true; value: T; message: string } | { ok: false; message: string };

/** Sets up a partnership: its key, its root certificate and the workspace, in one transaction. */
export async function createPartnership(
  db: AppDatabase,
  details: { name: string; region: string },
): Promise<PartnershipResult<PartnershipWorkspace>> {
  const identity = { name: details.name.trim(), region: details.region.trim() };
  const problem = partnershipIdentityProblem(identity);
  if (problem) return { ok: false, message: problem };
  const keys = await createSigningKeyPair();
  const rootDer = await createPartnershipRoot(keys, identity);
  const fingerprint = await certificateFingerprint(rootDer);
  const createdAt = nowIso();
  const partnership: PartnershipWorkspace = {
    id: newId(),
    name: identity.name,
    region: identity.region,
    rootFingerprint: fingerprint,
    createdAt,
    revocationListNumber: 0,
  };
  const key: SigningKeyRecord = {
    workspaceId: partnership.id,
    keys,
    certificateDer: rootDer,
    fingerprint,
    commonName: identity.name,
    urn: '',
    organisation: identity.region,
    createdAt,
  };
  try {
    await db.transaction('rw', db.partnerships, db.signingKeys, async () => {
      await db.partnerships.add(partnership);
      await db.signingKeys.add(key);
    });
  } catch (error) {
    throw new UserFacingError(describeStorageError(error, 'the partnership'));
  }
  return { ok: true, value: partnership, message: `The ${partnership.name} is set up, with its own signing key and root certificate.` };
}

/** The partnership's root certificate as it is kept (null if the partnership has no key on this computer). */
export async function partnershipRootDer(db: AppDatabase, partnershipId: string): Promise<Uint8Array<ArrayBuffer> | null> {
  return (await db.signingKeys.get(partnershipId))?.certificateDer ?? null;
}

/** The root certificate as a file moderators pin: PEM text, or the DER bytes. */
export async function rootCertificateFile(db: AppDatabase, partnershipId: string, format: 'pem' | 'der'): Promise<Blob> {
  const der = await partnershipRootDer(db, partnershipId);
  if (!der) throw new UserFacingError(NO_KEY);
  return format === 'pem'
    ? new Blob([pemBlock('CERTIFICATE', der)], { type: 'application/x-pem-file' })
    : new Blob([der], { type: 'application/pkix-cert' });
}

const NO_KEY =
  'This partnership’s signing key is not on this computer (signing keys never leave the computer they were made on, and are not in backups), so it cannot issue or revoke certificates here.';

/** What a request asks for, shown before the partnership issues anything. */
export interface RequestToIssue {
  request: CheckedCertificateRequest;
  subject: IssuedSubject;
  /** SHA-256 (hex) of the key the request asks to certify. */
  keyFingerprint: string;
  /** A certificate in this register for the same key, still valid and not revoked, if there is one. */
  alreadyIssued: IssuedCertificateRecord | null;
}

/** Reads a request file and says what it asks for; a malformed or wrongly signed one is refused in words. */
export async function readRequestToIssue(
  db: AppDatabase,
  partnershipId: string,
  file: Uint8Array,
  now: Date = new Date(),
): Promise<PartnershipResult<RequestToIssue>> {
  const read = await readCertificateRequest(file);
  if (!read.ok) return { ok: false, message: read.message };
  const { subject } = read.request;
  const keyFingerprint = await sha256Hex(new Uint8Array(read.request.publicKeyInfo.toSchema().toBER(false)));
  const issued = await db.issuedCertificates.where('partnershipId').equals(partnershipId).toArray();
  const alreadyIssued =
    issued.find((r) => r.keyFingerprint === keyFingerprint && !r.revocation && Date.parse(r.notAfter) > now.getTime()) ?? null;
  return {
    ok: true,
    value: {
      request: read.request,
      subject: { commonName: subject.commonName, role: subject.role, urn: subject.urn ?? '', organisation: subject.organisation ?? '' },
      keyFingerprint,
      alreadyIssued,
    },
    message: 'The request is signed by the key it names.',
  };
}

/** Issues the certificate a request asks for, records it in the register, and gives the file to send back. */
export async function issueFromRequest(
  db: AppDatabase,
  partnershipId: string,
  toIssue: RequestToIssue,
  validity: { from: Date; to: Date },
): Promise<PartnershipResult<{ record: IssuedCertificateRecord; fileName: string; file: Blob }>> {
  const [partnership, key] = await Promise.all([db.partnerships.get(partnershipId), db.signingKeys.get(partnershipId)]);
  if (!partnership) return { ok: false, message: 'This partnership no longer exists on this computer, so nothing was issued.' };
  if (!key) return { ok: false, message: NO_KEY };
  let issued;
  try {
    issued = await issueCertificate({ privateKey: key.keys.privateKey, rootDer: key.certificateDer }, toIssue.request, validity);
  } catch (error) {
    if (error instanceof CertificateError) return { ok: false, message: error.message };
    throw error;
  }
  const record: IssuedCertificateRecord = {
    key: issuedCertificateKey(partnershipId, issued.serial),
    partnershipId,
    serial: issued.serial,
    subject: toIssue.subject,
    keyFingerprint: toIssue.keyFingerprint,
    fingerprint: issued.summary.fingerprint,
    certificateDer: issued.certificateDer,
    notBefore: issued.summary.notBefore.toISOString(),
    notAfter: issued.summary.notAfter.toISOString(),
    issuedAt: nowIso(),
  };
  try {
    await db.issuedCertificates.add(record);
  } catch (error) {
    throw new UserFacingError(describeStorageError(error, 'the issued certificate'));
  }
  return {
    ok: true,
    value: {
      record,
      fileName: issuedCertificateFileName(toIssue.subject),
      file: new Blob([issued.file], { type: 'application/x-pem-file' }),
    },
    message: `Certificate issued to ${toIssue.subject.commonName}. Send the certificate file back to them to import into their workspace.`,
  };
}

/** The file of a certificate in the register, to save again: PEM, the certificate then the partnership's root. */
export async function issuedCertificateFile(db: AppDatabase, key: string): Promise<{ fileName: string; file: Blob } | null> {
  const record = await db.issuedCertificates.get(key);
  const rootDer = record ? await partnershipRootDer(db, record.partnershipId) : null;
  if (!record || !rootDer) return null;
  const text = pemBlock('CERTIFICATE', record.certificateDer) + pemBlock('CERTIFICATE', rootDer);
  return { fileName: issuedCertificateFileName(record.subject), file: new Blob([text], { type: 'application/x-pem-file' }) };
}

/** Revokes a certificate in the register, with the reason. */
export async function revokeIssuedCertificate(
  db: AppDatabase,
  key: string,
  reason: RevocationReason,
  now: Date = new Date(),
): Promise<PartnershipResult<IssuedCertificateRecord>> {
  try {
    return await db.transaction('rw', db.issuedCertificates, async () => {
      const record = await db.issuedCertificates.get(key);
      if (!record) return { ok: false as const, message: 'That certificate is no longer in the register, so nothing was revoked.' };
      const decision = decideRevoke(record, reason, now);
      if (!decision.ok) return decision;
      await db.issuedCertificates.put(decision.record);
      return { ok: true as const, value: decision.record, message: decision.message };
    });
  } catch (error) {
    throw new UserFacingError(describeStorageError(error, 'the revocation'));
  }
}

/**
 * Signs a new revocation list of every certificate this partnership has revoked, numbered one
 * above the last, and records that it was published. Returns the file to send to moderators.
 */
export async function publishRevocationList(
  db: AppDatabase,
  partnershipId: string,
  now: Date = new Date(),
): Promise<PartnershipResult<{ fileName: string; file: Blob; number: number; revoked: number }>> {
  const [partnership, key, issued] = await Promise.all([
    db.partnerships.get(partnershipId),
    db.signingKeys.get(partnershipId),
    db.issuedCertificates.where('partnershipId').equals(partnershipId).toArray(),
  ]);
  if (!partnership) return { ok: false, message: 'This partnership no longer exists on this computer, so no list was published.' };
  if (!key) return { ok: false, message: NO_KEY };
  const rootRead = await readPartnershipRoot(key.certificateDer);
  if (!rootRead.ok) return { ok: false, message: rootRead.message };
  const entries = revocationEntries(issued);
  const number = partnership.revocationListNumber + 1;
  const nextUpdate = new Date(now.getTime() + REVOCATION_LIST_NEXT_UPDATE_DAYS * 86_400_000);
  const list = await createRevocationList(
    { privateKey: key.keys.privateKey, rootDer: key.certificateDer },
    { entries, thisUpdate: now, nextUpdate, number },
  );
  try {
    await db.partnerships.update(partnershipId, { revocationListNumber: number, revocationListPublishedAt: now.toISOString() });
  } catch (error) {
    throw new UserFacingError(describeStorageError(error, 'the revocation list'));
  }
  return {
    ok: true,
    value: {
      fileName: revocationListFileName(partnership, number),
      file: new Blob([list.file], { type: 'application/x-pem-file' }),
      number,
      revoked: entries.length,
    },
    message: `Revocation list ${number} is signed, listing ${entries.length === 1 ? '1 revoked certificate' : `${entries.length} revoked certificates`}. Send it to your moderators to import in their workspace details.`,
  };
}

/**
 * What a partnership's own scan of its shared folder judges signers against: its own root, and its
 * register's revocations signed afresh as a list for this scan (never published, the number not
 * advanced). So a submission signed by a certificate it revoked fails, and one signed by a key it
 * did not certify for a school it did is known as such, as in a moderator's scan. The basis names
 * the revocations themselves, not the list's bytes (a new signature each time), so a rescan checks
 * the submissions again only when the register changes. Null when `workspaceId` is no partnership
 * on this computer, or its key is not here.
 */
export async function partnershipOwnTrust(
  db: AppDatabase,
  workspaceId: string,
  now: Date = new Date(),
): Promise<{
  rootsDer: Uint8Array<ArrayBuffer>[];
  listsDer: Uint8Array<ArrayBuffer>[];
  rootFingerprints: string[];
  listBasis: string[];
} | null> {
  const [partnership, key] = await Promise.all([db.partnerships.get(workspaceId), db.signingKeys.get(workspaceId)]);
  if (!partnership || !key) return null;
  const entries = revocationEntries(await db.issuedCertificates.where('partnershipId').equals(workspaceId).toArray());
  const listsDer =
    entries.length === 0
      ? []
      : [
          (
            await createRevocationList(
              { privateKey: key.keys.privateKey, rootDer: key.certificateDer },
              { entries, thisUpdate: now, nextUpdate: new Date(now.getTime() + 86_400_000), number: partnership.revocationListNumber },
            )
          ).der,
        ];
  const register = entries.map((e) => `${e.serial}:${e.date.toISOString()}:${e.reason}`).join('|');
  return {
    rootsDer: [key.certificateDer],
    listsDer,
    rootFingerprints: [partnership.rootFingerprint],
    listBasis: entries.length === 0 ? [] : [`register:${await sha256Hex(register)}`],
  };
}
