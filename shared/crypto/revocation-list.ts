import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { authorityKeyIdentifierExtension, authorityKeyIdOf, day, integerHex, keyIdentifierOf, sameName } from './certificate-fields';
import type { PartnershipAuthority } from './partnership-certificate';
import { readPartnershipRoot, type PartnershipRoot } from './partnership-root';
import { pemBlock, readPemOrDer } from './pem-file';
import { certificateTime, parseCertificate, serialNumberContent } from './signing-certificate';
import { readStrictDer } from './strict-der';

/**
 * A partnership's revocation list: an X.509 CRL (RFC 5280 v2) signed by its root key, listing the
 * serial numbers of certificates it has withdrawn, each with the date and the reason. It is
 * published as a PEM file ("-----BEGIN X509 CRL-----"), which openssl reads as it is.
 */
export const REVOCATION_LIST_FILE_EXTENSION = '.crl.pem';

const OID = { reasonCode: '2.5.29.21', crlNumber: '2.5.29.20' } as const;

/** Why a certificate was withdrawn (RFC 5280 CRLReason, the ones a partnership has cause to use). */
export const REVOCATION_REASONS = {
  unspecified: 0,
  'key-compromise': 1,
  'affiliation-changed': 3,
  superseded: 4,
  'cessation-of-operation': 5,
} as const;
export type RevocationReason = keyof typeof REVOCATION_REASONS;

/** Each reason in words a moderator understands (a clause, after "because"). */
export const REVOCATION_REASON_WORDS: Readonly<Record<RevocationReason, string>> = {
  unspecified: 'the partnership withdrew it',
  'key-compromise': 'its signing key may have been used by someone else',
  'affiliation-changed': 'the holder is no longer with the partnership',
  superseded: 'it was replaced by a newer certificate',
  'cessation-of-operation': 'the holder no longer takes part in the scheme',
};

export interface RevokedEntry {
  /** The certificate's serial number in hex, as IssuedCertificate.serial and openssl give it. */
  serial: string;
  /** When the certificate stopped being trusted. */
  date: Date;
  reason: RevocationReason;
}

export interface RevocationListInput {
  entries: readonly RevokedEntry[];
  /** When this list was issued. */
  thisUpdate: Date;
  /** When the next list will be issued, at the latest. */
  nextUpdate: Date;
  /** The list's number: each new list the partnership publishes has a larger one. */
  number: number;
}

export class RevocationListError extends Error {
  override name = 'RevocationListError';
}

/** Makes and signs the list; returns its DER and the PEM file. Throws RevocationListError on bad input. */
export async function createRevocationList(
  authority: PartnershipAuthority,
  input: RevocationListInput,
): Promise<{ der: Uint8Array<ArrayBuffer>; file: string }> {
  const root = parseCertificate(authority.rootDer);
  if (!(input.thisUpdate.getTime() < input.nextUpdate.getTime())) {
    throw new RevocationListError('The date of the next revocation list must be after this one’s.');
  }
  if (!Number.isSafeInteger(input.number) || input.number < 0) throw new RevocationListError('The list number must be a whole number.');
  const crl = new pkijs.CertificateRevocationList();
  crl.version = 1;
  crl.issuer = root.subject;
  crl.thisUpdate = certificateTime(input.thisUpdate);
  crl.nextUpdate = certificateTime(input.nextUpdate);
  const revoked = input.entries.map((entry) => revokedCertificate(entry));
  if (revoked.length > 0) crl.revokedCertificates = revoked; // an empty list is left out, not written empty
  crl.crlExtensions = new pkijs.Extensions({
    extensions: [
      authorityKeyIdentifierExtension(await keyIdentifierOf(root.subjectPublicKeyInfo)),
      new pkijs.Extension({ extnID: OID.crlNumber, critical: false, extnValue: new asn1js.Integer({ value: input.number }).toBER(false) }),
    ],
  });
  await crl.sign(authority.privateKey, 'SHA-256');
  const der = new Uint8Array(crl.toSchema(true).toBER(false));
  const strict = readStrictDer(der);
  if (!strict.ok) throw new RevocationListError(`The revocation list is not encoded correctly: ${strict.problem}.`);
  return { der, file: pemBlock('X509 CRL', der) };
}

function revokedCertificate(entry: RevokedEntry): pkijs.RevokedCertificate {
  const serial = entry.serial.toUpperCase();
  if (!/^([0-9A-F]{2}){1,20}$/.test(serial) || /^(00)+$/.test(serial)) {
    throw new RevocationListError(`“${entry.serial.slice(0, 50)}” is not a certificate’s serial number.`);
  }
  const digits = new Uint8Array(serial.length / 2).map((_, i) => parseInt(serial.slice(2 * i, 2 * i + 2), 16));
  const bytes = serialNumberContent(digits);
  const code = REVOCATION_REASONS[entry.reason];
  return new pkijs.RevokedCertificate({
    userCertificate: new asn1js.Integer({ valueHex: bytes.buffer }),
    revocationDate: certificateTime(entry.date),
    // RFC 5280: the reason code is left out rather than written as unspecified.
    ...(code === 0
      ? {}
      : {
          crlEntryExtensions: new pkijs.Extensions({
            extensions: [
              new pkijs.Extension({
                extnID: OID.reasonCode,
                critical: false,
                extnValue: new asn1js.Enumerated({ value: code }).toBER(false),
              }),
            ],
          }),
        }),
  });
}

/** A revocation list checked against a pinned root: only these are ever consulted. */
export interface CheckedRevocationList {
  /** The pinned root that signed it. */
  root: PartnershipRoot;
  thisUpdate: Date;
  nextUpdate: Date | null;
  number: number | null;
  /** Serial (hex, upper case) to its revocation. */
  revoked: ReadonlyMap<string, { date: Date; reason: RevocationReason }>;
}

export type RevocationListRead = { ok: true; list: CheckedRevocationList } | { ok: false; message: string };

/** The most bytes a revocation list file may have. */
export const MAX_REVOCATION_LIST_FILE_BYTES = 4 * 1024 * 1024;

/**
 * Reads a revocation list file (PEM or DER) and checks it was signed by one of the pinned
 * partnership roots. A list that no pinned root signed is refused, whatever name it carries.
 * Never throws.
 */
export async function readRevocationList(
  file: Uint8Array,
  pinnedRootsDer: readonly Uint8Array<ArrayBuffer>[],
): Promise<RevocationListRead> {
  const refuse = (why: string, todo = 'Ask the partnership for its current revocation list file.'): RevocationListRead => ({
    ok: false,
    message: `This revocation list cannot be used: ${why}. ${todo}`,
  });
  if (file.length > MAX_REVOCATION_LIST_FILE_BYTES) return refuse('the file is far larger than a revocation list');
  const read = readPemOrDer(file, 'X509 CRL');
  if (!read.ok) return refuse(read.problem);
  const strict = readStrictDer(read.der);
  if (!strict.ok) return refuse(`it is not encoded correctly (${strict.problem})`);
  let crl: pkijs.CertificateRevocationList;
  try {
    crl = new pkijs.CertificateRevocationList({ schema: asn1js.fromBER(read.der).result });
  } catch {
    return refuse('it is not a revocation list');
  }
  const authorityKey = authorityKeyIdOf(crl.crlExtensions?.extensions);
  for (const rootDer of pinnedRootsDer) {
    const rootRead = await readPartnershipRoot(rootDer);
    if (!rootRead.ok) continue;
    const root = parseCertificate(rootDer);
    if (!sameName(crl.issuer, root.subject)) continue;
    if (authorityKey !== null && authorityKey !== rootRead.root.keyId) continue;
    let signed = false;
    try {
      signed = await crl.verify({ issuerCertificate: root });
    } catch {
      signed = false;
    }
    if (!signed) continue;
    const entries = new Map<string, { date: Date; reason: RevocationReason }>();
    for (const entry of crl.revokedCertificates ?? []) {
      entries.set(integerHex(entry.userCertificate), { date: entry.revocationDate.value, reason: reasonOf(entry) });
    }
    const numberValue: unknown = crl.crlExtensions?.extensions.find((e) => e.extnID === OID.crlNumber)?.parsedValue;
    return {
      ok: true,
      list: {
        root: rootRead.root,
        thisUpdate: crl.thisUpdate.value,
        nextUpdate: crl.nextUpdate?.value ?? null,
        number: numberValue instanceof asn1js.Integer ? numberValue.valueBlock.valueDec : null,
        revoked: entries,
      },
    };
  }
  return refuse(
    'it was not signed by any partnership you have pinned, so it may not be genuine',
    'Pin the partnership’s certificate first, or ask the partnership for the list it signed.',
  );
}

function reasonOf(entry: pkijs.RevokedCertificate): RevocationReason {
  const parsed: unknown = entry.crlEntryExtensions?.extensions.find((e) => e.extnID === OID.reasonCode)?.parsedValue;
  const code = parsed instanceof asn1js.Enumerated ? parsed.valueBlock.valueDec : 0;
  const found = (Object.entries(REVOCATION_REASONS) as [RevocationReason, number][]).find(([, value]) => value === code);
  return found ? found[0] : 'unspecified';
}

/** "revoked on 2026-05-01 because its signing key may have been used by someone else" */
export function revocationClause(revocation: { date: Date; reason: RevocationReason }): string {
  return `revoked on ${day(revocation.date)} because ${REVOCATION_REASON_WORDS[revocation.reason]}`;
}
