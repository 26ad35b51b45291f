import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { sha256Hex } from '../formats/sha256';
import { isStrictDer, readStrictDer } from './strict-der';

/**
 * A workspace's signing identity: an ECDSA P-256 key made with WebCrypto (the private key can
 * never be exported) and a self-signed X.509 certificate that names the school or moderator.
 */
export const SIGNING_ALGORITHM: EcKeyGenParams = { name: 'ECDSA', namedCurve: 'P-256' };

/** Object identifiers of the names and extensions the app's certificates use. */
export const OID = {
  commonName: '2.5.4.3',
  serialNumber: '2.5.4.5',
  country: '2.5.4.6',
  stateOrProvince: '2.5.4.8',
  organisation: '2.5.4.10',
  organisationalUnit: '2.5.4.11',
  basicConstraints: '2.5.29.19',
  keyUsage: '2.5.29.15',
  subjectKeyIdentifier: '2.5.29.14',
  authorityKeyIdentifier: '2.5.29.35',
} as const;

export interface CertificateSubject {
  /** The school's or moderator's name. */
  commonName: string;
  /** "School", "Moderator", or "Colleague" (a member of staff who sends the SENCO an evidence pack). */
  role: 'School' | 'Moderator' | 'Colleague';
  /** A school's six-digit URN. */
  urn?: string;
  /** A moderator's organisation, e.g. "North East SEN Partnership". */
  organisation?: string;
}

export interface CertificateSummary {
  commonName: string;
  role: string;
  urn: string;
  organisation: string;
  notBefore: Date;
  notAfter: Date;
  /** SHA-256 (hex) of the certificate's DER bytes. */
  fingerprint: string;
}

export async function createSigningKeyPair(): Promise<CryptoKeyPair> {
  return globalThis.crypto.subtle.generateKey(SIGNING_ALGORITHM, false, ['sign', 'verify']);
}

/** RFC 5280: UTCTime for dates before 2050 (its two-digit year stops at 2049), GeneralizedTime from 2050. */
export function certificateTime(date: Date): pkijs.Time {
  const value = new Date(Math.floor(date.getTime() / 1000) * 1000); // whole seconds: RFC 5280 allows no fractions
  return new pkijs.Time({ type: value.getUTCFullYear() < 2050 ? pkijs.TimeType.UTCTime : pkijs.TimeType.GeneralizedTime, value });
}

/** Fills an array with random bytes; tests pass their own to force particular serial numbers. */
export type RandomBytes = (length: number) => Uint8Array;

export const cryptoRandomBytes: RandomBytes = (length) => globalThis.crypto.getRandomValues(new Uint8Array(length));

/** Random bytes in a certificate's serial number (RFC 5280 asks for at least 64 bits; 20 octets at most). */
export const SERIAL_RANDOM_BYTES = 16;

/**
 * A serial number's INTEGER content: the random bytes read as an unsigned number, in the shortest
 * two's-complement form DER requires (no leading 00 unless the next byte has its top bit set, so
 * the number stays positive), and never zero.
 */
export function serialNumberContent(random: Uint8Array): Uint8Array<ArrayBuffer> {
  let first = 0;
  while (first < random.length && random[first] === 0) first += 1;
  if (first === random.length) return new Uint8Array([0x01]);
  const digits = random.subarray(first);
  const content = new Uint8Array(digits.length + ((digits[0] ?? 0) >= 0x80 ? 1 : 0));
  content.set(digits, content.length - digits.length);
  return content;
}

/**
 * A self-signed certificate for the key pair, valid for ten years from `now`. Returns DER bytes,
 * checked to be strict DER.
 */
export async function createSelfSignedCertificate(
  keys: CryptoKeyPair,
  subject: CertificateSubject,
  now: Date = new Date(),
  randomBytes: RandomBytes = cryptoRandomBytes,
): Promise<Uint8Array<ArrayBuffer>> {
  const certificate = new pkijs.Certificate();
  certificate.version = 2;
  const serial = serialNumberContent(randomBytes(SERIAL_RANDOM_BYTES).slice(0, SERIAL_RANDOM_BYTES));
  certificate.serialNumber = new asn1js.Integer({ valueHex: serial.buffer });

  certificate.subject = nameOf(distinguishedName(subject));
  certificate.issuer = nameOf(distinguishedName(subject));

  const notAfter = new Date(now);
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + 10);
  certificate.notBefore = certificateTime(new Date(now.getTime() - 60_000));
  certificate.notAfter = certificateTime(notAfter);

  await certificate.subjectPublicKeyInfo.importKey(keys.publicKey);
  const publicKeyBytes = certificate.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView;
  const keyId = new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', publicKeyBytes.slice())).slice(0, 20);

  certificate.extensions = [
    new pkijs.Extension({
      extnID: OID.basicConstraints,
      critical: true,
      extnValue: new pkijs.BasicConstraints({ cA: false }).toSchema().toBER(false),
    }),
    new pkijs.Extension({
      extnID: OID.keyUsage,
      critical: true,
      // digitalSignature (bit 0) and nonRepudiation (bit 1): 0b11000000, 6 unused bits.
      extnValue: new asn1js.BitString({ valueHex: new Uint8Array([0xc0]).buffer, unusedBits: 6 }).toBER(false),
    }),
    new pkijs.Extension({
      extnID: OID.subjectKeyIdentifier,
      critical: false,
      extnValue: new asn1js.OctetString({ valueHex: keyId.buffer }).toBER(false),
    }),
  ];

  await certificate.sign(keys.privateKey, 'SHA-256');
  const der = new Uint8Array(certificate.toSchema(true).toBER(false));
  const strict = readStrictDer(der);
  if (!strict.ok) throw new CertificateError(`The new certificate is not encoded correctly: ${strict.problem}.`);
  return der;
}

export async function certificateFingerprint(der: Uint8Array<ArrayBuffer>): Promise<string> {
  return sha256Hex(der);
}

/** Reads the names and dates out of a certificate; throws CertificateError if it cannot be read. */
export async function summariseCertificate(der: Uint8Array<ArrayBuffer>): Promise<CertificateSummary> {
  const certificate = parseCertificate(der);
  const value = (oid: string) => certificate.subject.typesAndValues.find((t) => t.type === oid)?.value.valueBlock.value?.toString() ?? '';
  return {
    commonName: value(OID.commonName),
    role: value(OID.organisationalUnit),
    urn: value(OID.serialNumber),
    organisation: value(OID.organisation),
    notBefore: certificate.notBefore.value,
    notAfter: certificate.notAfter.value,
    fingerprint: await certificateFingerprint(der),
  };
}

export class CertificateError extends Error {
  override name = 'CertificateError';
}

/** Said of a certificate that other tools refuse because it is not strict DER (a clause, to follow a colon). */
export const CERTIFICATE_NOT_STRICT_DER_CLAUSE =
  'the signer’s certificate is not encoded correctly (it is not strict DER), so other tools such as pdfsig, openssl and ' +
  'Adobe Reader refuse it; older versions of this app made such certificates, so ask the sender to update the app and ' +
  'export the file again, which gives their key a new, correctly encoded certificate with a new fingerprint';

/** The same, as a sentence. */
export const CERTIFICATE_NOT_STRICT_DER = `The${CERTIFICATE_NOT_STRICT_DER_CLAUSE.slice(3)}.`;

/** Reads a certificate; refuses (CertificateError) anything that is not a certificate in strict DER. */
export function parseCertificate(der: Uint8Array<ArrayBuffer>): pkijs.Certificate {
  if (!isStrictDer(der)) throw new CertificateError(CERTIFICATE_NOT_STRICT_DER);
  const asn1 = asn1js.fromBER(der);
  if (asn1.offset === -1) throw new CertificateError('The certificate is not valid DER.');
  try {
    return new pkijs.Certificate({ schema: asn1.result });
  } catch {
    throw new CertificateError('The certificate could not be read.');
  }
}

/**
 * A Name with one attribute in each relative distinguished name, the usual form (C=GB, O=…, OU=…,
 * CN=…). PKI.js on its own puts them all in one multi-valued RDN, unsorted, which is not DER.
 */
export function nameOf(attributes: pkijs.AttributeTypeAndValue[]): pkijs.RelativeDistinguishedNames {
  const encoded = new asn1js.Sequence({ value: attributes.map((attribute) => new asn1js.Set({ value: [attribute.toSchema()] })) }).toBER(
    false,
  );
  return new pkijs.RelativeDistinguishedNames({ schema: asn1js.fromBER(encoded).result });
}

export function distinguishedName(subject: CertificateSubject): pkijs.AttributeTypeAndValue[] {
  const attribute = (type: string, value: string, printable = false) =>
    new pkijs.AttributeTypeAndValue({
      type,
      value: printable ? new asn1js.PrintableString({ value }) : new asn1js.Utf8String({ value }),
    });
  const name = [attribute(OID.country, 'GB', true)];
  if (subject.organisation) name.push(attribute(OID.organisation, subject.organisation.slice(0, 64)));
  name.push(attribute(OID.organisationalUnit, subject.role), attribute(OID.commonName, subject.commonName.slice(0, 64)));
  if (subject.urn) name.push(attribute(OID.serialNumber, subject.urn.replace(/[^0-9A-Za-z]/g, '').slice(0, 64), true));
  return name;
}
