import * as pkijs from 'pkijs';
import * as asn1js from 'asn1js';
import { isP256Key, isSensibleName, nameField } from './certificate-fields';
import { pemBlock, readPemOrDer } from './pem-file';
import { distinguishedName, nameOf, OID, type CertificateSubject } from './signing-certificate';
import { readStrictDer } from './strict-der';

/**
 * A PKCS #10 certificate request: a school or moderator workspace asks its partnership to
 * certify the key it already signs with. The request names the workspace exactly as its
 * certificate does today (C=GB, O=organisation, OU=role, CN=name, serialNumber=URN) and is
 * signed with that key, which proves the workspace holds it.
 *
 * The file is PEM ("-----BEGIN CERTIFICATE REQUEST-----"): it is text, so it survives email and
 * copying between computers, openssl reads it as it is, and its label lets the partnership's
 * workspace tell it from a certificate or revocation list before reading it. DER is read too.
 */
export const CERTIFICATE_REQUEST_FILE_EXTENSION = '.csr.pem';

/** Writes the request for the workspace's key; returns the PEM text of the file. */
export async function createCertificateRequest(keys: CryptoKeyPair, subject: CertificateSubject): Promise<string> {
  const problem = subjectProblem(subject);
  if (problem) throw new CertificateRequestError(problem);
  const request = new pkijs.CertificationRequest();
  request.version = 0;
  request.subject = nameOf(distinguishedName(subject));
  request.attributes = [];
  await request.subjectPublicKeyInfo.importKey(keys.publicKey);
  await request.sign(keys.privateKey, 'SHA-256');
  const der = new Uint8Array(request.toSchema(true).toBER(false));
  const strict = readStrictDer(der);
  if (!strict.ok) throw new CertificateRequestError(`The request is not encoded correctly: ${strict.problem}.`);
  return pemBlock('CERTIFICATE REQUEST', der);
}

export class CertificateRequestError extends Error {
  override name = 'CertificateRequestError';
}

/** A request the partnership has checked: what it asks for, and the key to certify. */
/** Whom a partnership certifies: a school or a moderator (a colleague's key is trusted by the school on first use). */
export type CertifiableSubject = CertificateSubject & { role: 'School' | 'Moderator' };

export interface CheckedCertificateRequest {
  subject: CertifiableSubject;
  /** The request's DER bytes. */
  requestDer: Uint8Array<ArrayBuffer>;
  /** The key to certify, as it is in the request. */
  publicKeyInfo: pkijs.PublicKeyInfo;
}

export type CertificateRequestRead = { ok: true; request: CheckedCertificateRequest } | { ok: false; message: string };

/** The most bytes a request file may have; the app's are well under a kilobyte. */
export const MAX_REQUEST_FILE_BYTES = 16 * 1024;

const ALLOWED_NAME_PARTS: ReadonlySet<string> = new Set([
  OID.country,
  OID.organisation,
  OID.organisationalUnit,
  OID.commonName,
  OID.serialNumber,
]);

/**
 * The partnership reads a request file and checks it: PEM or DER, strict DER, a PKCS #10 request
 * with an ECDSA P-256 key, signed by that key, naming a school (with a six-digit URN) or a
 * moderator (with an organisation) in words fit for a certificate. Never throws.
 */
export async function readCertificateRequest(file: Uint8Array): Promise<CertificateRequestRead> {
  const refuse = (why: string): CertificateRequestRead => ({
    ok: false,
    message: `This certificate request cannot be used: ${why}. Ask the school or moderator to write a new request from their workspace and send it again.`,
  });
  if (file.length > MAX_REQUEST_FILE_BYTES) return refuse('the file is far larger than a request');
  const read = readPemOrDer(file, 'CERTIFICATE REQUEST');
  if (!read.ok) return refuse(read.problem);
  const strict = readStrictDer(read.der);
  if (!strict.ok) return refuse(`it is not encoded correctly (${strict.problem})`);
  let request: pkijs.CertificationRequest;
  try {
    request = new pkijs.CertificationRequest({ schema: asn1js.fromBER(read.der).result });
  } catch {
    return refuse('it is not a certificate request');
  }
  if (request.version !== 0) return refuse('it is of a version this app does not write');
  if (!isP256Key(request.subjectPublicKeyInfo)) return refuse('its key is not of the kind this app uses (ECDSA P-256)');
  let signed = false;
  try {
    signed = await request.verify();
  } catch {
    signed = false;
  }
  if (!signed) return refuse('it is not signed by the key it names, so it may have been altered on the way');

  const parts = request.subject.typesAndValues;
  if (parts.some((part) => !ALLOWED_NAME_PARTS.has(part.type))) return refuse('its name has parts this app does not write');
  if (new Set(parts.map((part) => part.type)).size !== parts.length) return refuse('its name repeats a part');
  if (nameField(request.subject, OID.country) !== 'GB') return refuse('it is not for a school or moderator in England');
  const role = nameField(request.subject, OID.organisationalUnit);
  if (role !== 'School' && role !== 'Moderator') return refuse('it names neither a school nor a moderator');
  const subject: CertifiableSubject = { commonName: nameField(request.subject, OID.commonName), role };
  const urn = nameField(request.subject, OID.serialNumber);
  const organisation = nameField(request.subject, OID.organisation);
  if (urn) subject.urn = urn;
  if (organisation) subject.organisation = organisation;
  const problem = subjectProblem(subject);
  if (problem) return refuse(problem.charAt(0).toLowerCase() + problem.slice(1, -1));
  return { ok: true, request: { subject, requestDer: read.der, publicKeyInfo: request.subjectPublicKeyInfo } };
}

/** What is wrong with a subject for a certificate, as a sentence; null if nothing. */
export function subjectProblem(subject: CertificateSubject): string | null {
  if (!isSensibleName(subject.commonName)) return 'The name must be between 1 and 64 characters, with no line breaks.';
  if (subject.role === 'School' && !/^[0-9]{6}$/.test(subject.urn ?? '')) return 'A school’s URN must be six digits.';
  if (subject.role === 'Moderator' && !isSensibleName(subject.organisation ?? '')) {
    return 'A moderator must name their organisation, in 1 to 64 characters with no line breaks.';
  }
  if (subject.organisation !== undefined && !isSensibleName(subject.organisation)) {
    return 'The organisation must be between 1 and 64 characters, with no line breaks.';
  }
  return null;
}
