import type { KnownCertification } from '../crypto/signer-trust';
import type { CertificateSummary } from '../crypto/signing-certificate';

/**
 * The words of the warning about a key no partnership certified, apart from the certificate code
 * (signer-trust.ts) that decides trust: the shared-folder index and the Regional overview show the
 * warning from what is stored, without loading that code to draw.
 */

/** "South West SEN Regional Partnership" -> "the South West SEN Regional Partnership"; a name with its article is kept. */
export function withThe(name: string): string {
  return /^the /i.test(name) ? name : `the ${name}`;
}

/**
 * The warning for a file signed by a key no partnership certified, when the workspace knows the
 * school it names holds a certificate from a partnership that is still pinned. Null otherwise.
 */
export function uncertifiedKeyWarning(
  signer: Pick<CertificateSummary, 'commonName' | 'urn' | 'organisation'>,
  known: KnownCertification | null | undefined,
  pinnedRootFingerprints: readonly string[],
): string | null {
  if (!known || !pinnedRootFingerprints.includes(known.rootFingerprint)) return null;
  const by = withThe(known.name);
  const who = signer.urn ? 'This school' : 'This signer';
  return (
    `${who}’s certificate is issued by ${by}; this file is signed by a key ${by} did not certify, so it may be forged. ` +
    'Do not accept it until you have checked with the school and the partnership.'
  );
}
