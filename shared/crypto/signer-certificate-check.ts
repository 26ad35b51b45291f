import type { CertificateSummary } from './signing-certificate';

/** What a signer's certificate must say: the role the app writes in it, and a time it must be valid at. */
export interface ExpectedSigner {
  role: 'School' | 'Moderator' | 'Colleague';
  /** When the file was signed (or, if it does not say, now). */
  at: Date;
}

/**
 * Checks a signer's certificate against what the file needs: valid at the time of signing, and
 * made for the right role ("School" signs submissions, "Moderator" signs reports). Returns null if
 * it is fine, otherwise the reason in plain words.
 */
export function checkSignerCertificate(certificate: CertificateSummary, expected: ExpectedSigner): string | null {
  const at = expected.at.getTime();
  const notBefore = certificate.notBefore.getTime();
  const notAfter = certificate.notAfter.getTime();
  if (Number.isNaN(at) || Number.isNaN(notBefore) || Number.isNaN(notAfter)) {
    return 'The signer’s certificate does not say when it is valid, so it cannot be trusted. Ask the sender to export the file again.';
  }
  if (notBefore > notAfter) {
    return 'The signer’s certificate is valid from a date after it expires, so it cannot be trusted. Ask the sender to export the file again.';
  }
  if (at < notBefore) {
    return (
      `The file was signed on ${day(expected.at)}, before the signer’s certificate became valid (${day(certificate.notBefore)}). ` +
      'The computer that signed it may have the wrong date: ask the sender to check it and export the file again.'
    );
  }
  if (at > notAfter) {
    return (
      `The file was signed on ${day(expected.at)}, after the signer’s certificate expired (${day(certificate.notAfter)}). ` +
      'Ask the sender to export the file again with the current version of the app.'
    );
  }
  if (certificate.role !== expected.role) {
    const what = expected.role === 'School' ? 'submission' : expected.role === 'Colleague' ? 'evidence pack' : 'moderation report';
    const made = certificate.role ? `a “${certificate.role.slice(0, 64)}” certificate` : 'a certificate that names no role';
    return `${/^[aeiou]/.test(what) ? 'An' : 'A'} ${what} must be signed by ${expected.role === 'Colleague' ? 'a member of staff' : `a ${expected.role.toLowerCase()}`}, but this one was signed with ${made}.`;
  }
  return null;
}

function day(date: Date): string {
  return date.toISOString().slice(0, 10);
}
