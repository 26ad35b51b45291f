import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import {
  authorityKeyIdentifierExtension,
  authorityKeyIdOf,
  basicConstraintsExtension,
  caConstraintOf,
  day,
  integerHex,
  keyIdentifierOf,
  keyUsageExtension,
  keyUsagesOf,
  publicKeyInfoHex,
  sameName,
  subjectKeyIdentifierExtension,
} from './certificate-fields';
import type { CheckedCertificateRequest } from './certificate-request';
import { readPartnershipRoot, type PartnershipRoot } from './partnership-root';
import { pemBlock, readPemBlocks } from './pem-file';
import {
  CertificateError,
  certificateTime,
  cryptoRandomBytes,
  distinguishedName,
  nameOf,
  parseCertificate,
  SERIAL_RANDOM_BYTES,
  serialNumberContent,
  summariseCertificate,
  type CertificateSubject,
  type CertificateSummary,
  type RandomBytes,
} from './signing-certificate';
import { readStrictDer } from './strict-der';

/**
 * Certificates a partnership issues to its schools and moderators, and the workspace's import of
 * one. The certificate names the workspace exactly as its self-signed certificate does (role in
 * the subject's OU, URN in serialNumber), is issued by the partnership's root, and allows digital
 * signatures and non-repudiation only. The file returned is PEM: the certificate, then the
 * partnership's root, so the workspace has the issuer to carry in its signatures.
 */
export const ISSUED_CERTIFICATE_FILE_EXTENSION = '.crt.pem';

/** The partnership's signing side: its private key and its root certificate. */
export interface PartnershipAuthority {
  privateKey: CryptoKey;
  rootDer: Uint8Array<ArrayBuffer>;
}

export interface IssuedCertificate {
  certificateDer: Uint8Array<ArrayBuffer>;
  /** The file to send back: PEM, the certificate then the partnership's root. */
  file: string;
  /** Serial number (hex, as openssl shows it): what a revocation names. */
  serial: string;
  summary: CertificateSummary;
}

export interface Validity {
  from: Date;
  to: Date;
}

/**
 * Issues a certificate for a checked request, valid over `validity` (whole seconds; it must lie
 * within the root's own validity). Throws CertificateError with a plain sentence if the dates or
 * the root will not do; the request has already been checked by readCertificateRequest.
 */
export async function issueCertificate(
  authority: PartnershipAuthority,
  request: CheckedCertificateRequest,
  validity: Validity,
  randomBytes: RandomBytes = cryptoRandomBytes,
): Promise<IssuedCertificate> {
  const rootRead = await readPartnershipRoot(authority.rootDer);
  if (!rootRead.ok) throw new CertificateError(rootRead.message);
  const root = parseCertificate(authority.rootDer);
  const problem = validityProblem(validity, rootRead.root);
  if (problem) throw new CertificateError(problem);

  const certificate = new pkijs.Certificate();
  certificate.version = 2;
  const serial = serialNumberContent(randomBytes(SERIAL_RANDOM_BYTES).slice(0, SERIAL_RANDOM_BYTES));
  certificate.serialNumber = new asn1js.Integer({ valueHex: serial.buffer });
  certificate.issuer = root.subject;
  certificate.subject = nameOf(distinguishedName(request.subject));
  certificate.notBefore = certificateTime(validity.from);
  certificate.notAfter = certificateTime(validity.to);
  certificate.subjectPublicKeyInfo = request.publicKeyInfo;
  certificate.extensions = [
    basicConstraintsExtension(false),
    keyUsageExtension(['digitalSignature', 'nonRepudiation']),
    subjectKeyIdentifierExtension(await keyIdentifierOf(request.publicKeyInfo)),
    authorityKeyIdentifierExtension(await keyIdentifierOf(root.subjectPublicKeyInfo)),
  ];
  await certificate.sign(authority.privateKey, 'SHA-256');
  const der = new Uint8Array(certificate.toSchema(true).toBER(false));
  const strict = readStrictDer(der);
  if (!strict.ok) throw new CertificateError(`The new certificate is not encoded correctly: ${strict.problem}.`);
  let signedByRoot = false;
  try {
    signedByRoot = await parseCertificate(der).verify(root);
  } catch {
    signedByRoot = false;
  }
  if (!signedByRoot)
    throw new CertificateError(
      'The certificate could not be signed with the partnership’s key: check the key matches its root certificate.',
    );
  return {
    certificateDer: der,
    file: pemBlock('CERTIFICATE', der) + pemBlock('CERTIFICATE', authority.rootDer),
    serial: integerHex(certificate.serialNumber),
    summary: await summariseCertificate(der),
  };
}

function validityProblem(validity: Validity, root: PartnershipRoot): string | null {
  const from = validity.from.getTime();
  const to = validity.to.getTime();
  if (Number.isNaN(from) || Number.isNaN(to)) return 'Choose the dates the certificate is valid from and to.';
  if (from >= to) return 'The certificate’s end date must be after its start date.';
  if (from < root.notBefore.getTime() || to > root.notAfter.getTime()) {
    return `The certificate must be valid within the partnership’s own certificate, from ${day(root.notBefore)} to ${day(root.notAfter)}: choose dates inside those.`;
  }
  return null;
}

export interface ImportedCertificate {
  certificateDer: Uint8Array<ArrayBuffer>;
  /** The partnership's root that issued it, to carry in signatures and show. */
  root: PartnershipRoot;
  summary: CertificateSummary;
}

export type CertificateImport = { ok: true; imported: ImportedCertificate } | { ok: false; message: string };

/** The most bytes a certificate file may have. */
export const MAX_CERTIFICATE_FILE_BYTES = 64 * 1024;

/**
 * The workspace imports the file its partnership sent back and checks it before using it: the
 * certificate is for the workspace's own key and role, issued and signed by the partnership root
 * in the file, for signing (not a CA), and valid now. Never throws.
 */
export async function importIssuedCertificate(
  file: Uint8Array,
  own: { publicKey: CryptoKey; role: CertificateSubject['role'] },
  now: Date = new Date(),
): Promise<CertificateImport> {
  const refuse = (why: string, todo = 'Ask the partnership to send the certificate file again.'): CertificateImport => ({
    ok: false,
    message: `This certificate cannot be used: ${why}. ${todo}`,
  });
  if (file.length > MAX_CERTIFICATE_FILE_BYTES) return refuse('the file is far larger than a certificate file');
  const read = readPemBlocks(new TextDecoder().decode(file));
  if (!read.ok) return refuse(`the file is not readable (${read.problem})`);
  const ders = read.blocks.filter((block) => block.label === 'CERTIFICATE').map((block) => block.der);
  if (ders.length !== 2) return refuse('the file should hold your certificate and the partnership’s certificate, and it does not');

  const parsed: { der: Uint8Array<ArrayBuffer>; certificate: pkijs.Certificate }[] = [];
  for (const der of ders) {
    try {
      parsed.push({ der, certificate: parseCertificate(der) });
    } catch (error) {
      return refuse(
        error instanceof CertificateError ? error.message.replace(/\.$/, '').toLowerCase() : 'a certificate in it is unreadable',
      );
    }
  }
  const leaf = parsed.find((p) => !caConstraintOf(p.certificate).ca);
  const issuer = parsed.find((p) => caConstraintOf(p.certificate).ca);
  if (!leaf || !issuer) return refuse('the file does not hold a certificate for you and one for the partnership');
  const rootRead = await readPartnershipRoot(issuer.der);
  if (!rootRead.ok) return refuse(rootRead.message.replace(/\.$/, '').replace(/^This/, 'the second certificate'));

  const ownKey = new pkijs.PublicKeyInfo();
  await ownKey.importKey(own.publicKey);
  if (publicKeyInfoHex(ownKey) !== publicKeyInfoHex(leaf.certificate.subjectPublicKeyInfo)) {
    return refuse(
      'it is for a different key from this workspace’s',
      'Check it is the file for this workspace; if it is, write a new certificate request from this workspace and send it to the partnership.',
    );
  }
  if (!sameName(leaf.certificate.issuer, issuer.certificate.subject)) return refuse('it was not issued by the partnership in the file');
  const authorityKey = authorityKeyIdOf(leaf.certificate.extensions);
  if (authorityKey !== null && authorityKey !== rootRead.root.keyId) return refuse('it was not issued by the partnership in the file');
  let signed = false;
  try {
    signed = await leaf.certificate.verify(issuer.certificate);
  } catch {
    signed = false;
  }
  if (!signed) return refuse('it is not signed by the partnership’s key, so it may have been altered');
  const usages = keyUsagesOf(leaf.certificate);
  if (usages && !usages.has('digitalSignature')) return refuse('it does not allow signing');
  const summary = await summariseCertificate(leaf.der);
  if (summary.role !== own.role) {
    return refuse(`it is a “${summary.role.slice(0, 64)}” certificate, and this is a ${own.role.toLowerCase()}’s workspace`);
  }
  if (now.getTime() < summary.notBefore.getTime()) {
    return refuse(
      `it is valid only from ${day(summary.notBefore)}`,
      'Import it again on or after that day, or check this computer’s date.',
    );
  }
  if (now.getTime() > summary.notAfter.getTime()) {
    return refuse(
      `it expired on ${day(summary.notAfter)}`,
      'Write a new certificate request from this workspace and send it to the partnership.',
    );
  }
  return { ok: true, imported: { certificateDer: leaf.der, root: rootRead.root, summary } };
}
