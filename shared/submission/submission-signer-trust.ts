import { decideSignerTrust, type SignerTrustVerdict } from '../crypto/signer-trust';
import type { SubmissionVerification } from './submission-verifier';

/**
 * Who certified a verified submission's signer, judged the same way wherever the file was checked:
 * the verify worker on the page, and Electron's main process for a file picked on the desktop.
 */

/** The partnership roots a workspace has pinned and the revocation lists it holds (DER), to judge who certified a signer. */
export interface PartnershipTrustDer {
  rootsDer: Uint8Array<ArrayBuffer>[];
  listsDer: Uint8Array<ArrayBuffer>[];
}

/**
 * The signer's standing against the partnership's roots and revocation lists; null when the file
 * did not verify or no partnership material was given (then it is not judged: trust on first use).
 */
export async function submissionSignerTrust(
  verification: SubmissionVerification,
  partnership: PartnershipTrustDer | undefined,
  now: Date = new Date(),
): Promise<SignerTrustVerdict | null> {
  return verification.ok && partnership
    ? decideSignerTrust({
        signerDer: verification.report.certificateDer,
        otherCertificatesDer: verification.report.otherCertificatesDer,
        pinnedRootsDer: partnership.rootsDer,
        revocationListsDer: partnership.listsDer,
        signingTime: verification.report.signingTime,
        now,
      })
    : null;
}
