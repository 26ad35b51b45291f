import { signerDescription, verifyCertificateChain, type ChainRefusal } from './certificate-chain';
import { day } from './certificate-fields';
import { readPartnershipRoot } from './partnership-root';
import { revocationClause, type RevocationReason } from './revocation-list';
import type { CertificateSummary } from './signing-certificate';
import { uncertifiedKeyWarning, withThe } from '../moderation/uncertified-key-warning';

/**
 * How far a moderator can trust the signer of a file, from certificates alone: certified by a
 * partnership the moderator has pinned, revoked by it, a chain that does not hold, or not
 * certified at all (today's trust on first use). Plain data, so it can be stored and passed
 * between a worker and a page. The signature over the file must already have been checked.
 */

/** A partnership, as a verdict names it. */
export interface TrustedPartnership {
  name: string;
  region: string;
  /** SHA-256 (hex) of its root certificate, as pinned. */
  rootFingerprint: string;
}

/** What this workspace already knows of a school: an earlier file from it was certified by this partnership. */
export type KnownCertification = TrustedPartnership;

export interface SignerTrustInput {
  /** The signer's certificate, as the signature check gives it. */
  signerDer: Uint8Array<ArrayBuffer>;
  /** The other certificates the signature carries. */
  otherCertificatesDer?: readonly Uint8Array<ArrayBuffer>[];
  /** The partnership roots this moderator has pinned. */
  pinnedRootsDer: readonly Uint8Array<ArrayBuffer>[];
  /** Revocation list files the moderator holds; only those a pinned root signed count. */
  revocationListsDer?: readonly Uint8Array[];
  /** When the file says it was signed (the signer's own clock), or null if it does not say. */
  signingTime: Date | null;
  /** Now, used when the file does not say when it was signed. */
  now: Date;
  /** The partnership this workspace knows certified the signer's school before, if any. */
  knownCertification?: KnownCertification | null;
}

export type SignerTrustVerdict =
  | {
      kind: 'certified';
      signer: CertificateSummary;
      partnership: TrustedPartnership;
      /** "Signed by Kingsbridge Community College, URN 113532, certified by the South West SEN Regional Partnership." */
      message: string;
    }
  | {
      kind: 'revoked';
      signer: CertificateSummary;
      partnership: TrustedPartnership;
      revocation: { date: Date; reason: RevocationReason };
      message: string;
    }
  | { kind: 'chain-invalid'; reason: Exclude<ChainRefusal, 'revoked'>; signer: CertificateSummary | null; message: string }
  | {
      kind: 'not-certified';
      signer: CertificateSummary;
      /**
       * Set when the signer names a school this workspace knows a pinned partnership certifies: the
       * file is signed by a key that partnership did not certify, so it may be forged.
       */
      warning: string | null;
      message: string;
    };

export { uncertifiedKeyWarning };

/** Decides how far the signer is trusted. Never throws. */
export async function decideSignerTrust(input: SignerTrustInput): Promise<SignerTrustVerdict> {
  const signedAt = input.signingTime ?? input.now;
  const verdict = await verifyCertificateChain({
    signerDer: input.signerDer,
    otherCertificatesDer: input.otherCertificatesDer ?? [],
    pinnedRootsDer: input.pinnedRootsDer,
    revocationListsDer: input.revocationListsDer ?? [],
    signingTime: signedAt,
  });
  if (verdict.kind === 'self-signed') {
    const pinned = await rootFingerprints(input.pinnedRootsDer);
    return {
      kind: 'not-certified',
      signer: verdict.signer,
      warning: uncertifiedKeyWarning(verdict.signer, input.knownCertification, pinned),
      message: verdict.sentence,
    };
  }
  if (verdict.kind === 'refused') {
    if (verdict.reason === 'revoked' && verdict.revocation && verdict.signer) {
      const { partnership, date, reason } = verdict.revocation;
      return {
        kind: 'revoked',
        signer: verdict.signer,
        partnership: partnershipOf(partnership),
        revocation: { date, reason },
        message: verdict.sentence,
      };
    }
    // 'revoked' always carries its revocation; the guard above only narrows the type.
    const reason = verdict.reason === 'revoked' ? 'broken' : verdict.reason;
    return { kind: 'chain-invalid', reason, signer: verdict.signer, message: verdict.sentence };
  }
  const partnership = partnershipOf(verdict.partnership);
  const later = verdict.revokedLater;
  // The signing time is whatever the signer's clock said. A certificate revoked because its key
  // may be in someone else's hands cannot vouch for any file, whatever date the file gives; nor can
  // one revoked for any reason when the file gives no date at all.
  if (later && (later.reason === 'key-compromise' || input.signingTime === null)) {
    const who = signerDescription(verdict.signer);
    const when =
      input.signingTime === null ? 'The file does not say when it was signed' : `The file says it was signed on ${day(signedAt)}`;
    return {
      kind: 'revoked',
      signer: verdict.signer,
      partnership,
      revocation: later,
      message:
        `The certificate ${withThe(partnership.name)} gave ${who} was ${revocationClause(later)}. ` +
        `${when}, but whoever holds the key can set that date, so the file cannot be trusted. Do not accept the file; contact the partnership.`,
    };
  }
  return { kind: 'certified', signer: verdict.signer, partnership, message: verdict.sentence };
}

function partnershipOf(root: { name: string; region: string; fingerprint: string }): TrustedPartnership {
  return { name: root.name, region: root.region, rootFingerprint: root.fingerprint };
}

async function rootFingerprints(roots: readonly Uint8Array<ArrayBuffer>[]): Promise<string[]> {
  const out: string[] = [];
  for (const der of roots) {
    const read = await readPartnershipRoot(der);
    if (read.ok) out.push(read.root.fingerprint);
  }
  return out;
}
