import type { School } from '../../shared/school/school-records';
import type { ModeratorWorkspace } from '../../shared/moderation/moderation-records';
import { isStrictDer } from '../../shared/crypto/strict-der';
import { signsWithPartnershipCertificate } from '../../shared/partnership/partnership-register';
import type { SigningIdentity } from '../../shared/submission/submission-exporter';
import { nowIso, type AppDatabase, type SigningKeyRecord } from './app-database';
import type { CertificateReissue, SigningKeyRecordWithReissue } from './signing-key-reissue';
import { describeStorageError, UserFacingError } from './storage-errors';

/** Who a workspace's certificate names: a school by name and URN, a moderator by name and organisation. */
export interface SigningSubject {
  workspaceId: string;
  role: 'School' | 'Moderator' | 'Colleague';
  commonName: string;
  /** A school's URN, or '' */
  urn: string;
  /** A moderator's organisation, or '' */
  organisation: string;
}

export function schoolSigningSubject(school: School): SigningSubject {
  return { workspaceId: school.id, role: 'School', commonName: school.name, urn: school.urn, organisation: '' };
}

export function moderatorSigningSubject(workspace: ModeratorWorkspace): SigningSubject {
  return {
    workspaceId: workspace.id,
    role: 'Moderator',
    commonName: workspace.moderatorName,
    urn: '',
    organisation: workspace.organisation,
  };
}

/**
 * The workspace's signing identity, made on first use. If the names on the certificate no longer
 * match the workspace (a school renamed, a new URN), a new certificate is issued for the same key,
 * so the certificate always names the workspace as it is now (its fingerprint then changes). A
 * certificate that is not strict DER (made by an older version; other tools refuse it) is
 * re-issued for the same key too, with a note saying so, kept until the next re-issue.
 */
export async function ensureSigningIdentity(
  db: AppDatabase,
  subject: SigningSubject,
): Promise<SigningIdentity & { record: SigningKeyRecord }> {
  try {
    const existing: SigningKeyRecordWithReissue | undefined = await db.signingKeys.get(subject.workspaceId);
    const sameNames =
      existing !== undefined &&
      existing.urn === subject.urn &&
      existing.commonName === subject.commonName &&
      (existing.organisation ?? '') === subject.organisation;
    const wellEncoded = existing !== undefined && isStrictDer(existing.certificateDer);
    if (existing && sameNames && wellEncoded) return identityOf(existing);
    // Certificate code (PKI.js) loads only when a key is first needed, keeping it out of the start-up bundle.
    const { certificateFingerprint, createSelfSignedCertificate, createSigningKeyPair } =
      await import('../../shared/crypto/signing-certificate');
    const keys = existing?.keys ?? (await createSigningKeyPair());
    const certificateDer = await createSelfSignedCertificate(keys, {
      commonName: subject.commonName,
      role: subject.role,
      ...(subject.urn ? { urn: subject.urn } : {}),
      ...(subject.organisation ? { organisation: subject.organisation } : {}),
    });
    const createdAt = nowIso();
    const reissue: CertificateReissue | null =
      existing && !wellEncoded ? { reason: 'not-strict-der', previousFingerprint: existing.fingerprint, at: createdAt } : null;
    const record: SigningKeyRecordWithReissue = {
      workspaceId: subject.workspaceId,
      keys,
      certificateDer,
      fingerprint: await certificateFingerprint(certificateDer),
      commonName: subject.commonName,
      urn: subject.urn,
      organisation: subject.organisation,
      createdAt,
      ...(reissue ? { reissue } : {}),
    };
    await db.signingKeys.put(record);
    return identityOf(record);
  } catch (error) {
    if (error instanceof UserFacingError) throw error;
    throw new UserFacingError(describeStorageError(error, 'the signing key'));
  }
}

/**
 * The identity a record signs with: the partnership's certificate for this key (carrying the
 * partnership's root, so the chain can be shown) while it is valid, else the workspace's own.
 */
function identityOf(record: SigningKeyRecord, now: Date = new Date()): SigningIdentity & { record: SigningKeyRecord } {
  const certified = record.partnershipCertificate;
  if (certified && signsWithPartnershipCertificate(certified, now)) {
    return {
      privateKey: record.keys.privateKey,
      certificateDer: certified.certificateDer,
      certificateFingerprint: certified.fingerprint,
      issuerCertificatesDer: [certified.rootDer],
      record,
    };
  }
  return { privateKey: record.keys.privateKey, certificateDer: record.certificateDer, certificateFingerprint: record.fingerprint, record };
}
