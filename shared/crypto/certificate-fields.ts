import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { toHex } from '../formats/sha256';
import { OID } from './signing-certificate';

/**
 * Building and reading the parts of certificates, requests and revocation lists that the
 * partnership's certificates share: key identifiers, key usage, basic constraints and names.
 */

/** Key usage bits (RFC 5280 4.2.1.3), numbered from the first bit written. */
export const KEY_USAGE = { digitalSignature: 0, nonRepudiation: 1, keyCertSign: 5, cRLSign: 6 } as const;
export type KeyUsageName = keyof typeof KEY_USAGE;

/** A key identifier: the first 160 bits of the SHA-256 of the public key's bits (RFC 7093, method 1). */
export async function keyIdentifierOf(publicKeyInfo: pkijs.PublicKeyInfo): Promise<Uint8Array<ArrayBuffer>> {
  const bits = publicKeyInfo.subjectPublicKey.valueBlock.valueHexView.slice();
  return new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', bits)).slice(0, 20);
}

/** A key usage BIT STRING in DER: trailing zero bits left out, the unused count saying how many. */
export function keyUsageExtension(usages: readonly KeyUsageName[]): pkijs.Extension {
  const bits = usages.map((usage) => KEY_USAGE[usage]);
  const last = Math.max(...bits);
  const bytes = new Uint8Array(Math.floor(last / 8) + 1);
  for (const bit of bits) bytes[bit >> 3] = (bytes[bit >> 3] ?? 0) | (0x80 >> (bit & 7));
  const unusedBits = 7 - (last & 7);
  return new pkijs.Extension({
    extnID: OID.keyUsage,
    critical: true,
    extnValue: new asn1js.BitString({ valueHex: bytes.buffer, unusedBits }).toBER(false),
  });
}

export function basicConstraintsExtension(ca: boolean): pkijs.Extension {
  const value = ca ? new pkijs.BasicConstraints({ cA: true, pathLenConstraint: 0 }) : new pkijs.BasicConstraints({ cA: false });
  return new pkijs.Extension({ extnID: OID.basicConstraints, critical: true, extnValue: value.toSchema().toBER(false) });
}

export function subjectKeyIdentifierExtension(keyId: Uint8Array<ArrayBuffer>): pkijs.Extension {
  return new pkijs.Extension({
    extnID: OID.subjectKeyIdentifier,
    critical: false,
    extnValue: new asn1js.OctetString({ valueHex: keyId.slice().buffer }).toBER(false),
  });
}

export function authorityKeyIdentifierExtension(keyId: Uint8Array<ArrayBuffer>): pkijs.Extension {
  const value = new pkijs.AuthorityKeyIdentifier({ keyIdentifier: new asn1js.OctetString({ valueHex: keyId.slice().buffer }) });
  return new pkijs.Extension({ extnID: OID.authorityKeyIdentifier, critical: false, extnValue: value.toSchema().toBER(false) });
}

function extension(extensions: pkijs.Extension[] | undefined, oid: string): pkijs.Extension | undefined {
  return extensions?.find((e) => e.extnID === oid);
}

/** Which key usages a certificate allows; null when it has no key usage extension (any use). */
export function keyUsagesOf(certificate: pkijs.Certificate): Set<KeyUsageName> | null {
  const found = extension(certificate.extensions, OID.keyUsage);
  if (!found) return null;
  const parsed: unknown = found.parsedValue;
  const bytes = parsed instanceof asn1js.BitString ? parsed.valueBlock.valueHexView : new Uint8Array(0);
  const usages = new Set<KeyUsageName>();
  for (const [name, bit] of Object.entries(KEY_USAGE) as [KeyUsageName, number][]) {
    if (((bytes[bit >> 3] ?? 0) & (0x80 >> (bit & 7))) !== 0) usages.add(name);
  }
  return usages;
}

/** Whether a certificate says it is a certification authority, and the path length it allows. */
export function caConstraintOf(certificate: pkijs.Certificate): { ca: boolean; pathLength: number | null } {
  const found = extension(certificate.extensions, OID.basicConstraints);
  const parsed: unknown = found?.parsedValue;
  if (!(parsed instanceof pkijs.BasicConstraints)) return { ca: false, pathLength: null };
  const length = parsed.pathLenConstraint;
  const pathLength = length === undefined ? null : typeof length === 'number' ? length : length.valueBlock.valueDec;
  return { ca: parsed.cA, pathLength };
}

/** The subject key identifier (hex), or null. */
export function subjectKeyIdOf(certificate: pkijs.Certificate): string | null {
  const parsed: unknown = extension(certificate.extensions, OID.subjectKeyIdentifier)?.parsedValue;
  return parsed instanceof asn1js.OctetString ? toHex(parsed.valueBlock.valueHexView) : null;
}

/** The authority key identifier's key identifier (hex), or null. */
export function authorityKeyIdOf(extensions: pkijs.Extension[] | undefined): string | null {
  const parsed: unknown = extension(extensions, OID.authorityKeyIdentifier)?.parsedValue;
  if (!(parsed instanceof pkijs.AuthorityKeyIdentifier) || !parsed.keyIdentifier) return null;
  return toHex(parsed.keyIdentifier.valueBlock.valueHexView);
}

/** One attribute of a name (the first with that type), as text; '' when absent. */
export function nameField(name: pkijs.RelativeDistinguishedNames, oid: string): string {
  const value: unknown = name.typesAndValues.find((t) => t.type === oid)?.value.valueBlock.value;
  return typeof value === 'string' ? value : '';
}

/** Whether two names are the same, compared by their DER encodings. */
export function sameName(a: pkijs.RelativeDistinguishedNames, b: pkijs.RelativeDistinguishedNames): boolean {
  return toHex(new Uint8Array(a.toSchema().toBER(false))) === toHex(new Uint8Array(b.toSchema().toBER(false)));
}

/** A serial number (a positive INTEGER) as hex, upper case, without the sign octet: as openssl shows it. */
export function integerHex(value: asn1js.Integer): string {
  const bytes = value.valueBlock.valueHexView;
  return toHex(bytes.length > 1 && bytes[0] === 0 ? bytes.subarray(1) : bytes).toUpperCase();
}

/** A public key's SubjectPublicKeyInfo as DER (hex), to compare keys. */
export function publicKeyInfoHex(info: pkijs.PublicKeyInfo): string {
  return toHex(new Uint8Array(info.toSchema().toBER(false)));
}

/** The named curve OID of P-256 and the EC public key algorithm. */
export const EC_PUBLIC_KEY = '1.2.840.10045.2.1';
export const P256_CURVE = '1.2.840.10045.3.1.7';

/** Whether a public key is an ECDSA P-256 key, the only kind the app makes. */
export function isP256Key(info: pkijs.PublicKeyInfo): boolean {
  const parameters: unknown = info.algorithm.algorithmParams;
  return (
    info.algorithm.algorithmId === EC_PUBLIC_KEY &&
    parameters instanceof asn1js.ObjectIdentifier &&
    parameters.valueBlock.toString() === P256_CURVE
  );
}

/** Text a person typed that is fit for a name in a certificate: no control characters, not blank. */
export function isSensibleName(text: string, maxLength = 64): boolean {
  // eslint-disable-next-line no-control-regex
  return text.trim().length > 0 && text.length <= maxLength && !/[\u0000-\u001f\u007f-\u009f]/.test(text);
}

/** The date a certificate time holds, as YYYY-MM-DD. */
export function day(date: Date): string {
  return date.toISOString().slice(0, 10);
}
