import type * as pkijs from 'pkijs';
import { authorityKeyIdOf, caConstraintOf, day, integerHex, keyUsagesOf, nameField, sameName } from './certificate-fields';
import { readPartnershipRoot, type PartnershipRoot } from './partnership-root';
import { readRevocationList, revocationClause, type RevocationReason } from './revocation-list';
import { CertificateError, OID, parseCertificate, summariseCertificate, type CertificateSummary } from './signing-certificate';

/**
 * Who vouches for a signer: a partnership the moderator has pinned (the signer's certificate was
 * issued by that partnership's root, valid and not revoked at the signing time), nobody (a
 * self-signed certificate, trusted on first use as before), or the file is refused.
 */
export interface ChainInput {
  /** The signer's certificate, as verifyDigestSignature gives it. */
  signerDer: Uint8Array<ArrayBuffer>;
  /** The other certificates the signature carries (verifyDigestSignature's otherCertificatesDer). */
  otherCertificatesDer?: readonly Uint8Array<ArrayBuffer>[];
  /** The partnership roots this moderator has pinned. */
  pinnedRootsDer: readonly Uint8Array<ArrayBuffer>[];
  /** Revocation list files the moderator holds; only those a pinned root signed are used. */
  revocationListsDer?: readonly Uint8Array[];
  /** When the file was signed. */
  signingTime: Date;
}

export type ChainRefusal =
  | 'unreadable'
  | 'not-pinned'
  | 'broken'
  | 'not-yet-valid'
  | 'expired'
  | 'root-not-valid'
  | 'revoked'
  | 'not-for-signing'
  | 'bad-self-signature';

export type ChainVerdict =
  | {
      kind: 'certified';
      signer: CertificateSummary;
      partnership: PartnershipRoot;
      /** The newest revocation list from the partnership that was checked, or null if there was none. */
      revocationListDate: Date | null;
      /** Set when the certificate was revoked after the file was signed: the file stands, new ones will not. */
      revokedLater: { date: Date; reason: RevocationReason } | null;
      /** "Signed by …, URN …, certified by the … Partnership." */
      sentence: string;
    }
  | { kind: 'self-signed'; signer: CertificateSummary; sentence: string }
  | {
      kind: 'refused';
      reason: ChainRefusal;
      signer: CertificateSummary | null;
      sentence: string;
      /** For a revoked certificate: the partnership that revoked it, and when and why (from its list). */
      revocation?: { partnership: PartnershipRoot; date: Date; reason: RevocationReason };
    };

/** "Kingsbridge Community College, URN 113532" or "Ann Moderator, South West SEN Regional Partnership" */
export function signerDescription(signer: CertificateSummary): string {
  const name = signer.commonName.slice(0, 64) || 'an unnamed signer';
  if (signer.urn) return `${name}, URN ${signer.urn}`;
  if (signer.organisation) return `${name}, ${signer.organisation}`;
  return name;
}

function the(name: string): string {
  return /^the /i.test(name) ? name : `the ${name}`;
}

/**
 * Decides who vouches for the signer at the signing time. Never throws. The signature over the
 * file must already have been checked (verifyDigestSignature): this looks only at certificates.
 */
export async function verifyCertificateChain(input: ChainInput): Promise<ChainVerdict> {
  let leaf: pkijs.Certificate;
  let signer: CertificateSummary;
  try {
    leaf = parseCertificate(input.signerDer);
    signer = await summariseCertificate(input.signerDer);
  } catch (error) {
    const why = error instanceof CertificateError ? error.message : 'The signer’s certificate could not be read.';
    return { kind: 'refused', reason: 'unreadable', signer: null, sentence: why };
  }
  const who = signerDescription(signer);
  const refuse = (reason: ChainRefusal, sentence: string): ChainVerdict => ({ kind: 'refused', reason, signer, sentence });
  const at = input.signingTime;

  // Self-signed: today's trust on first use, if the certificate is what it says.
  if (sameName(leaf.issuer, leaf.subject) && authorityKeyIdOf(leaf.extensions) === null) {
    let selfSigned = false;
    try {
      selfSigned = await leaf.verify(leaf);
    } catch {
      selfSigned = false;
    }
    if (!selfSigned) {
      return refuse(
        'bad-self-signature',
        `The certificate of ${who} is not signed by its own key, so it may have been altered. Ask the sender to export the file again.`,
      );
    }
    return {
      kind: 'self-signed',
      signer,
      sentence: `Signed by ${who}, with a certificate no partnership has certified: check its fingerprint with the sender the first time.`,
    };
  }

  // Issued by someone else: that must be a pinned partnership root, and the certificate a signing one.
  const claimed = nameField(leaf.issuer, OID.organisation) || nameField(leaf.issuer, OID.commonName) || 'an unknown issuer';
  const authorityKey = authorityKeyIdOf(leaf.extensions);
  const pinned: { root: PartnershipRoot; certificate: pkijs.Certificate }[] = [];
  for (const der of input.pinnedRootsDer) {
    const read = await readPartnershipRoot(der);
    if (read.ok) pinned.push({ root: read.root, certificate: parseCertificate(der) });
  }
  const sameNamed = pinned.filter((p) => sameName(p.certificate.subject, leaf.issuer));
  let issuer: { root: PartnershipRoot; certificate: pkijs.Certificate } | undefined;
  for (const candidate of sameNamed) {
    if (authorityKey !== null && authorityKey !== candidate.root.keyId) continue;
    try {
      if (await leaf.verify(candidate.certificate)) issuer = candidate;
    } catch {
      // not this one
    }
    if (issuer) break;
  }
  if (!issuer) {
    if (sameNamed.length > 0) {
      return refuse(
        'broken',
        `The certificate of ${who} claims to be certified by ${the(claimed)}, but it was not signed by the key you pinned for that partnership, so it may be forged. Do not accept the file; contact the partnership.`,
      );
    }
    const carried = (input.otherCertificatesDer ?? []).length > 0 ? ' (the file carries a certificate for it, which is not enough)' : '';
    return refuse(
      'not-pinned',
      `The certificate of ${who} claims to be certified by ${the(claimed)}, which you have not pinned${carried}. Pin that partnership’s certificate, after checking its fingerprint with the partnership, and check the file again.`,
    );
  }
  const partnership = issuer.root;
  const by = the(partnership.name);

  if (caConstraintOf(leaf).ca) return refuse('not-for-signing', `The certificate of ${who} is an authority’s, not one for signing files.`);
  const usages = keyUsagesOf(leaf);
  if (usages && !usages.has('digitalSignature'))
    return refuse('not-for-signing', `The certificate of ${who} does not allow signing files.`);

  if (at.getTime() < partnership.notBefore.getTime() || at.getTime() > partnership.notAfter.getTime()) {
    return refuse(
      'root-not-valid',
      `The file was signed on ${day(at)}, when the certificate of ${by} was not valid (${day(partnership.notBefore)} to ${day(partnership.notAfter)}). Contact the partnership.`,
    );
  }
  if (at.getTime() < signer.notBefore.getTime()) {
    return refuse(
      'not-yet-valid',
      `The file was signed on ${day(at)}, before the certificate ${by} gave ${who} became valid (${day(signer.notBefore)}). The computer that signed it may have the wrong date.`,
    );
  }
  if (at.getTime() > signer.notAfter.getTime()) {
    return refuse(
      'expired',
      `The file was signed on ${day(at)}, after the certificate ${by} gave ${who} expired (${day(signer.notAfter)}). Ask the sender to renew their certificate with the partnership and export the file again.`,
    );
  }

  // Revocation, from every list this root signed.
  const serial = integerHex(leaf.serialNumber);
  let revocationListDate: Date | null = null;
  let revocation: { date: Date; reason: RevocationReason } | null = null;
  for (const file of input.revocationListsDer ?? []) {
    const read = await readRevocationList(file, [partnership.certificateDer]);
    if (!read.ok || read.list.root.fingerprint !== partnership.fingerprint) continue;
    if (!revocationListDate || read.list.thisUpdate > revocationListDate) revocationListDate = read.list.thisUpdate;
    const entry = read.list.revoked.get(serial);
    if (entry && (!revocation || entry.date < revocation.date)) revocation = entry;
  }
  if (revocation && revocation.date.getTime() <= at.getTime()) {
    return {
      kind: 'refused',
      reason: 'revoked',
      signer,
      sentence: `The certificate ${by} gave ${who} was ${revocationClause(revocation)}, before the file was signed on ${day(at)}. Do not accept the file; contact the partnership.`,
      revocation: { partnership, ...revocation },
    };
  }
  const later = revocation ? ` Its certificate was ${revocationClause(revocation)}, after this file was signed.` : '';
  return {
    kind: 'certified',
    signer,
    partnership,
    revocationListDate,
    revokedLater: revocation,
    sentence: `Signed by ${who}, certified by ${by}.${later}`,
  };
}
