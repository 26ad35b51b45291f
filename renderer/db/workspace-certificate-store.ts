import type { CertificateSubject } from '../../shared/crypto/signing-certificate';
import { certificateRequestFileName, type WorkspacePartnershipCertificate } from '../../shared/partnership/partnership-register';
import { nowIso, type AppDatabase } from './app-database';
import { ensureSigningIdentity, type SigningSubject } from './signing-key-store';
import { describeStorageError, UserFacingError } from './storage-errors';

/**
 * "Get a certificate from your partnership", for a school's or a moderator's workspace: write a
 * certificate request for the workspace's own key (made now if it has none yet), and import the
 * certificate the partnership sends back. Once imported, the workspace's exports are signed with
 * it (ensureSigningIdentity) while it is valid.
 */
export type WorkspaceCertificateResult<T> = { ok: true; value: T; message: string } | { ok: false; message: string };

function certificateSubject(subject: SigningSubject): CertificateSubject {
  return {
    commonName: subject.commonName,
    role: subject.role,
    ...(subject.urn ? { urn: subject.urn } : {}),
    ...(subject.organisation ? { organisation: subject.organisation } : {}),
  };
}

/** Writes the request file for the workspace's key and notes when it was requested. */
export async function writeCertificateRequest(
  db: AppDatabase,
  subject: SigningSubject,
): Promise<WorkspaceCertificateResult<{ fileName: string; file: Blob }>> {
  const { createCertificateRequest, subjectProblem } = await import('../../shared/crypto/certificate-request');
  const wanted = certificateSubject(subject);
  const problem = subjectProblem(wanted);
  if (problem) return { ok: false, message: `A certificate request cannot be written yet. ${problem} Change the details, then try again.` };
  const identity = await ensureSigningIdentity(db, subject);
  const pem = await createCertificateRequest(identity.record.keys, wanted);
  try {
    await db.signingKeys.update(subject.workspaceId, { certificateRequestedAt: nowIso() });
  } catch (error) {
    throw new UserFacingError(describeStorageError(error, 'the certificate request'));
  }
  return {
    ok: true,
    value: { fileName: certificateRequestFileName(subject.commonName), file: new Blob([pem], { type: 'application/pkcs10' }) },
    message: 'Certificate request written. Send the file to your partnership; it sends back a certificate file for you to import here.',
  };
}

/**
 * Imports the certificate file a partnership sent back: refused (in words, nothing changed) unless
 * it is for this workspace's key, names the workspace as it is now, and was issued and signed by a
 * partnership's root certificate.
 */
export async function importWorkspaceCertificate(
  db: AppDatabase,
  subject: SigningSubject,
  file: Uint8Array,
  now: Date = new Date(),
): Promise<WorkspaceCertificateResult<WorkspacePartnershipCertificate>> {
  const key = await db.signingKeys.get(subject.workspaceId);
  if (!key) {
    return {
      ok: false,
      message:
        'This certificate cannot be used: this workspace has no signing key yet, so the certificate cannot be for it. Write a certificate request from here first and send it to your partnership.',
    };
  }
  const { importIssuedCertificate } = await import('../../shared/crypto/partnership-certificate');
  const read = await importIssuedCertificate(file, { publicKey: key.keys.publicKey, role: subject.role }, now);
  if (!read.ok) return read;
  const { summary, root, certificateDer } = read.imported;
  const named = summary.commonName === subject.commonName && summary.urn === subject.urn && summary.organisation === subject.organisation;
  if (!named) {
    return {
      ok: false,
      message: `This certificate cannot be used: it names “${summary.commonName}${summary.urn ? `, URN ${summary.urn}` : ''}${summary.organisation ? `, ${summary.organisation}` : ''}”, not this workspace as its details are now. Write a new certificate request from here and send it to your partnership.`,
    };
  }
  const certificate: WorkspacePartnershipCertificate = {
    certificateDer,
    rootDer: root.certificateDer,
    partnershipName: root.name,
    region: root.region,
    fingerprint: summary.fingerprint,
    notBefore: summary.notBefore.toISOString(),
    notAfter: summary.notAfter.toISOString(),
    importedAt: nowIso(),
  };
  try {
    const changed = await db.signingKeys.update(subject.workspaceId, { partnershipCertificate: certificate });
    if (changed === 0)
      return { ok: false, message: 'This workspace’s signing key is no longer here, so the certificate was not imported.' };
  } catch (error) {
    throw new UserFacingError(describeStorageError(error, 'the certificate'));
  }
  return {
    ok: true,
    value: certificate,
    message: `Certificate imported: certified by the ${root.name}. From now on the files you export carry it.`,
  };
}
