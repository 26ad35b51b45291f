import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import {
  basicConstraintsExtension,
  caConstraintOf,
  isP256Key,
  isSensibleName,
  keyIdentifierOf,
  keyUsageExtension,
  keyUsagesOf,
  nameField,
  sameName,
  subjectKeyIdentifierExtension,
  subjectKeyIdOf,
} from './certificate-fields';
import {
  CertificateError,
  certificateFingerprint,
  certificateTime,
  cryptoRandomBytes,
  nameOf,
  OID,
  parseCertificate,
  SERIAL_RANDOM_BYTES,
  serialNumberContent,
  type RandomBytes,
} from './signing-certificate';
import { readStrictDer } from './strict-der';

/**
 * A partnership's root certificate: self-signed by the partnership's own ECDSA P-256 key, a
 * certification authority that may certify schools and moderators but no further authorities
 * (path length 0), for signing certificates and revocation lists only.
 * Its name: C=GB, ST=<region>, O=<partnership>, OU=Partnership, CN=<partnership>.
 */
export const PARTNERSHIP_ROLE = 'Partnership';

/** Years a partnership's root certificate is valid for. */
export const PARTNERSHIP_ROOT_YEARS = 20;

export interface PartnershipIdentity {
  /** The partnership's name, e.g. "South West SEN Regional Partnership". */
  name: string;
  /** Its region, e.g. "South West". */
  region: string;
}

export interface PartnershipRoot extends PartnershipIdentity {
  certificateDer: Uint8Array<ArrayBuffer>;
  /** SHA-256 (hex) of the certificate's DER: what a moderator pins and compares. */
  fingerprint: string;
  /** Subject key identifier (hex), which certificates it issues name as their authority key. */
  keyId: string;
  notBefore: Date;
  notAfter: Date;
}

export type PartnershipRootRead = { ok: true; root: PartnershipRoot } | { ok: false; message: string };

/** A partnership's name or region that cannot go in a certificate, in plain words; null if both are fine. */
export function partnershipIdentityProblem(partnership: PartnershipIdentity): string | null {
  if (!isSensibleName(partnership.name)) return 'The partnership’s name must be between 1 and 64 characters, with no line breaks.';
  if (!isSensibleName(partnership.region)) return 'The partnership’s region must be between 1 and 64 characters, with no line breaks.';
  return null;
}

export function partnershipName(partnership: PartnershipIdentity): pkijs.RelativeDistinguishedNames {
  const text = (type: string, value: string) => new pkijs.AttributeTypeAndValue({ type, value: new asn1js.Utf8String({ value }) });
  return nameOf([
    new pkijs.AttributeTypeAndValue({ type: OID.country, value: new asn1js.PrintableString({ value: 'GB' }) }),
    text(OID.stateOrProvince, partnership.region),
    text(OID.organisation, partnership.name),
    text(OID.organisationalUnit, PARTNERSHIP_ROLE),
    text(OID.commonName, partnership.name),
  ]);
}

/**
 * The partnership's self-signed root certificate for its key pair, valid from a minute before
 * `now` for PARTNERSHIP_ROOT_YEARS. Returns strict DER. Throws CertificateError if the name or
 * region cannot go in a certificate (check partnershipIdentityProblem first to say so kindly).
 */
export async function createPartnershipRoot(
  keys: CryptoKeyPair,
  partnership: PartnershipIdentity,
  now: Date = new Date(),
  randomBytes: RandomBytes = cryptoRandomBytes,
): Promise<Uint8Array<ArrayBuffer>> {
  const problem = partnershipIdentityProblem(partnership);
  if (problem) throw new CertificateError(problem);
  const certificate = new pkijs.Certificate();
  certificate.version = 2;
  const serial = serialNumberContent(randomBytes(SERIAL_RANDOM_BYTES).slice(0, SERIAL_RANDOM_BYTES));
  certificate.serialNumber = new asn1js.Integer({ valueHex: serial.buffer });
  certificate.subject = partnershipName(partnership);
  certificate.issuer = partnershipName(partnership);
  const notAfter = new Date(now);
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + PARTNERSHIP_ROOT_YEARS);
  certificate.notBefore = certificateTime(new Date(now.getTime() - 60_000));
  certificate.notAfter = certificateTime(notAfter);
  await certificate.subjectPublicKeyInfo.importKey(keys.publicKey);
  certificate.extensions = [
    basicConstraintsExtension(true),
    keyUsageExtension(['keyCertSign', 'cRLSign']),
    subjectKeyIdentifierExtension(await keyIdentifierOf(certificate.subjectPublicKeyInfo)),
  ];
  await certificate.sign(keys.privateKey, 'SHA-256');
  const der = new Uint8Array(certificate.toSchema(true).toBER(false));
  const strict = readStrictDer(der);
  if (!strict.ok) throw new CertificateError(`The new certificate is not encoded correctly: ${strict.problem}.`);
  return der;
}

const NOT_A_ROOT = 'This is not a partnership’s certificate';

/**
 * Reads and checks a partnership's root certificate (to pin it, or before trusting one already
 * pinned): strict DER, ECDSA P-256, signed by its own key, a certification authority for
 * end certificates only, allowed to sign certificates and revocation lists, naming a partnership
 * and its region. Never throws.
 */
export async function readPartnershipRoot(der: Uint8Array<ArrayBuffer>): Promise<PartnershipRootRead> {
  let certificate: pkijs.Certificate;
  try {
    certificate = parseCertificate(der);
  } catch (error) {
    return { ok: false, message: error instanceof CertificateError ? error.message : 'The certificate could not be read.' };
  }
  const refuse = (why: string): PartnershipRootRead => ({ ok: false, message: `${NOT_A_ROOT}: ${why}.` });
  if (!sameName(certificate.subject, certificate.issuer)) return refuse('it was issued by someone else, not by the partnership itself');
  if (!isP256Key(certificate.subjectPublicKeyInfo)) return refuse('its key is not of the kind this app uses (ECDSA P-256)');
  const constraint = caConstraintOf(certificate);
  if (!constraint.ca) return refuse('it is not allowed to certify others');
  if (constraint.pathLength !== 0) return refuse('it allows other authorities below it, which a partnership never does');
  const usages = keyUsagesOf(certificate);
  if (!usages?.has('keyCertSign') || !usages.has('cRLSign')) return refuse('it is not allowed to sign certificates and revocation lists');
  const name = nameField(certificate.subject, OID.organisation);
  const region = nameField(certificate.subject, OID.stateOrProvince);
  if (nameField(certificate.subject, OID.organisationalUnit) !== PARTNERSHIP_ROLE || !isSensibleName(name) || !isSensibleName(region)) {
    return refuse('it does not name a partnership and its region');
  }
  const keyId = subjectKeyIdOf(certificate);
  if (!keyId) return refuse('it has no key identifier');
  let selfSigned = false;
  try {
    selfSigned = await certificate.verify(certificate);
  } catch {
    selfSigned = false;
  }
  if (!selfSigned) return refuse('it is not signed by its own key, so it may have been altered');
  return {
    ok: true,
    root: {
      name,
      region,
      certificateDer: der,
      fingerprint: await certificateFingerprint(der),
      keyId,
      notBefore: certificate.notBefore.value,
      notAfter: certificate.notAfter.value,
    },
  };
}
