import type { School } from '../../shared/school/school-records';
import type { ModeratorWorkspace } from '../../shared/moderation/moderation-records';
import type { SigningIdentity } from '../../shared/submission/submission-exporter';
import { nowIso, type AppDatabase, type SigningKeyRecord } from './app-database';
import { describeStorageError, UserFacingError } from './storage-errors';

/** Who a workspace's certificate names: a school by name and URN, a moderator by name and organisation. */
export interface SigningSubject {
  workspaceId: string;
  role: 'School' | 'Moderator';
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
 * so the certificate always names the workspace as it is now (its fingerprint then changes).
 */
export async function ensureSigningIdentity(
  db: AppDatabase,
  subject: SigningSubject,
): Promise<SigningIdentity & { record: SigningKeyRecord }> {
  try {
    const existing = await db.signingKeys.get(subject.workspaceId);
    if (
      existing &&
      existing.urn === subject.urn &&
      existing.commonName === subject.commonName &&
      (existing.organisation ?? '') === subject.organisation
    ) {
      return identityOf(existing);
    }
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
    const record: SigningKeyRecord = {
      workspaceId: subject.workspaceId,
      keys,
      certificateDer,
      fingerprint: await certificateFingerprint(certificateDer),
      commonName: subject.commonName,
      urn: subject.urn,
      organisation: subject.organisation,
      createdAt: nowIso(),
    };
    await db.signingKeys.put(record);
    return identityOf(record);
  } catch (error) {
    if (error instanceof UserFacingError) throw error;
    throw new UserFacingError(describeStorageError(error, 'the signing key'));
  }
}

function identityOf(record: SigningKeyRecord): SigningIdentity & { record: SigningKeyRecord } {
  return { privateKey: record.keys.privateKey, certificateDer: record.certificateDer, certificateFingerprint: record.fingerprint, record };
}
