import { formatIsoDate } from '../formats/en-gb-dates';
import { safeFileName } from '../formats/safe-file-name';
import type { RevocationReason, RevokedEntry } from '../crypto/revocation-list';

/**
 * A partnership workspace (issue 19): the partnership's name and region, the register of the
 * certificates it has issued to its schools and moderators, and the revocation lists it publishes.
 * Its signing key and root certificate live with every other workspace's key (signingKeys).
 * Everything here is pure: the stores in renderer/db apply it.
 */
export interface PartnershipWorkspace {
  id: string;
  /** As its root certificate names it: "South West SEN Regional Partnership". */
  name: string;
  region: string;
  /** SHA-256 (hex) of its root certificate: what moderators pin. */
  rootFingerprint: string;
  createdAt: string;
  /** The number of the last revocation list published (0: none yet). */
  revocationListNumber: number;
  /** When the last revocation list was published (ISO), if one was. */
  revocationListPublishedAt?: string;
}

/** Who an issued certificate names, as the request asked. */
export interface IssuedSubject {
  commonName: string;
  role: 'School' | 'Moderator';
  /** A school's URN, or '' */
  urn: string;
  /** A moderator's organisation, or '' */
  organisation: string;
}

export interface CertificateRevocation {
  /** When it was revoked (ISO). */
  date: string;
  reason: RevocationReason;
}

/** One certificate in a partnership's register. */
export interface IssuedCertificateRecord {
  /** `${partnershipId}|${serial}` */
  key: string;
  partnershipId: string;
  /** Serial number (hex, upper case, as openssl shows it). */
  serial: string;
  subject: IssuedSubject;
  /** SHA-256 (hex) of the key certified (its SubjectPublicKeyInfo). */
  keyFingerprint: string;
  /** SHA-256 (hex) of the certificate. */
  fingerprint: string;
  certificateDer: Uint8Array<ArrayBuffer>;
  notBefore: string;
  notAfter: string;
  issuedAt: string;
  revocation?: CertificateRevocation;
}

export function issuedCertificateKey(partnershipId: string, serial: string): string {
  return `${partnershipId}|${serial}`;
}

/** How long a certificate is valid for unless the partnership chooses otherwise. */
export const DEFAULT_VALIDITY_MONTHS = 12;

/** How many days after publishing a revocation list it says the next will come, at the latest. */
export const REVOCATION_LIST_NEXT_UPDATE_DAYS = 90;

/** "2026-12-04" of a moment, in UTC (as a date field holds it). */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The default validity as date fields hold it: from today to the same day a year on. */
export function defaultValidityDays(now: Date): { from: string; to: string } {
  const to = new Date(now);
  to.setUTCMonth(to.getUTCMonth() + DEFAULT_VALIDITY_MONTHS);
  return { from: isoDay(now), to: isoDay(to) };
}

export type ValidityChoice = { ok: true; from: Date; to: Date } | { ok: false; message: string };

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function dayStart(text: string): Date | null {
  const match = DAY.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? date : null;
}

/**
 * The validity a partnership chose in two date fields: from the start of the first day (or from
 * now, when that day is today, so a certificate issued today is valid at once) to the end of the
 * last. Refuses a missing or unreal date, an end before the start, or a start in the past.
 */
export function chooseValidity(fromDay: string, toDay: string, now: Date): ValidityChoice {
  const from = dayStart(fromDay);
  const to = dayStart(toDay);
  if (!from) return { ok: false, message: 'Enter the date the certificate is valid from, for example 4 December 2026.' };
  if (!to) return { ok: false, message: 'Enter the date the certificate is valid until, for example 4 December 2027.' };
  if (to.getTime() < from.getTime())
    return { ok: false, message: 'The date the certificate is valid until must be on or after the date it is valid from.' };
  const today = dayStart(isoDay(now))!;
  if (from.getTime() < today.getTime())
    return { ok: false, message: 'A certificate cannot be valid from a day in the past: choose today or a later day.' };
  const start = from.getTime() === today.getTime() ? new Date(Math.floor(now.getTime() / 1000) * 1000 - 60_000) : from;
  return { ok: true, from: start, to: new Date(to.getTime() + 86_400_000 - 1000) };
}

/** What a certificate in the register stands at now. */
export type IssuedState =
  { kind: 'valid' } | { kind: 'expired' } | { kind: 'not-yet-valid' } | { kind: 'revoked'; revocation: CertificateRevocation };

export function issuedState(record: IssuedCertificateRecord, now: Date): IssuedState {
  if (record.revocation) return { kind: 'revoked', revocation: record.revocation };
  if (now.getTime() > Date.parse(record.notAfter)) return { kind: 'expired' };
  if (now.getTime() < Date.parse(record.notBefore)) return { kind: 'not-yet-valid' };
  return { kind: 'valid' };
}

/** The register's words for a certificate's state: "Valid until 4 December 2027", "Revoked on …". */
export function issuedStateWords(record: IssuedCertificateRecord, now: Date): string {
  const state = issuedState(record, now);
  switch (state.kind) {
    case 'revoked':
      return `Revoked on ${formatIsoDate(state.revocation.date.slice(0, 10))}: ${REVOCATION_REASON_LABELS[state.revocation.reason]}`;
    case 'expired':
      return `Expired on ${formatIsoDate(record.notAfter.slice(0, 10))}`;
    case 'not-yet-valid':
      return `Valid from ${formatIsoDate(record.notBefore.slice(0, 10))} until ${formatIsoDate(record.notAfter.slice(0, 10))}`;
    case 'valid':
      return `Valid until ${formatIsoDate(record.notAfter.slice(0, 10))}`;
  }
}

/** Each reason as the partnership chooses it. */
export const REVOCATION_REASON_LABELS: Readonly<Record<RevocationReason, string>> = {
  unspecified: 'no reason given',
  'key-compromise': 'the signing key may have been used by someone else',
  'affiliation-changed': 'the holder has left the partnership',
  superseded: 'replaced by a newer certificate',
  'cessation-of-operation': 'the holder no longer takes part in the scheme',
};

export type RevokeDecision = { ok: true; record: IssuedCertificateRecord; message: string } | { ok: false; message: string };

/** Revokes a certificate in the register; one already revoked stays as it was. */
export function decideRevoke(record: IssuedCertificateRecord, reason: RevocationReason, now: Date): RevokeDecision {
  if (!(reason in REVOCATION_REASON_LABELS)) return { ok: false, message: 'Choose why the certificate is revoked.' };
  if (record.revocation) {
    return {
      ok: false,
      message: `The certificate of ${record.subject.commonName} was already revoked on ${formatIsoDate(record.revocation.date.slice(0, 10))}.`,
    };
  }
  return {
    ok: true,
    record: { ...record, revocation: { date: now.toISOString(), reason } },
    message: `The certificate of ${record.subject.commonName} is revoked. Publish a new revocation list and send it to your moderators, so they refuse files signed with it.`,
  };
}

/** The revoked certificates of a register, as the revocation list writes them (oldest first). */
export function revocationEntries(records: readonly IssuedCertificateRecord[]): RevokedEntry[] {
  return records
    .flatMap((record) =>
      record.revocation ? [{ serial: record.serial, date: new Date(record.revocation.date), reason: record.revocation.reason }] : [],
    )
    .sort((a, b) => a.date.getTime() - b.date.getTime() || a.serial.localeCompare(b.serial));
}

/** The revoked certificates published since the last list, and the ones not yet published. */
export function unpublishedRevocations(records: readonly IssuedCertificateRecord[], publishedAt: string | undefined): number {
  return records.filter((r) => r.revocation && (publishedAt === undefined || r.revocation.date > publishedAt)).length;
}

/** The register, newest first. */
export function registerOrder(records: readonly IssuedCertificateRecord[]): IssuedCertificateRecord[] {
  return [...records].sort((a, b) => b.issuedAt.localeCompare(a.issuedAt) || a.serial.localeCompare(b.serial));
}

/** Who a certificate names, in a line: "Kingsbridge Community College, school, URN 113532". */
export function subjectLine(subject: IssuedSubject): string {
  return subject.role === 'School'
    ? `${subject.commonName}, school, URN ${subject.urn}`
    : `${subject.commonName}, moderator, ${subject.organisation}`;
}

/** File names the partnership writes. */
export function rootCertificateFileName(partnership: Pick<PartnershipWorkspace, 'name'>, format: 'pem' | 'der'): string {
  return safeFileName(`${partnership.name} root certificate.${format === 'pem' ? 'pem' : 'cer'}`, 'partnership root certificate.pem');
}

export function issuedCertificateFileName(subject: IssuedSubject): string {
  return safeFileName(`${subject.commonName} certificate.crt.pem`, 'certificate.crt.pem');
}

export function revocationListFileName(partnership: Pick<PartnershipWorkspace, 'name'>, number: number): string {
  return safeFileName(`${partnership.name} revocation list ${number}.crl.pem`, 'revocation list.crl.pem');
}

export function certificateRequestFileName(commonName: string): string {
  return safeFileName(`${commonName} certificate request.csr.pem`, 'certificate request.csr.pem');
}

// ---- A school's or moderator's workspace: its certificate from the partnership -----------------

/** The certificate a partnership issued to a workspace, kept on its signing key's record. */
export interface WorkspacePartnershipCertificate {
  certificateDer: Uint8Array<ArrayBuffer>;
  /** The partnership's root, carried in every signature so other tools can show the chain. */
  rootDer: Uint8Array<ArrayBuffer>;
  partnershipName: string;
  region: string;
  /** SHA-256 (hex) of the certificate. */
  fingerprint: string;
  notBefore: string;
  notAfter: string;
  importedAt: string;
}

export type WorkspaceCertificateState =
  | { kind: 'none' }
  | { kind: 'requested'; at: string }
  | { kind: 'certified'; partnershipName: string; until: string }
  | { kind: 'expired'; partnershipName: string; on: string };

/**
 * Where a workspace stands with its partnership: no certificate and no request, a request written
 * (and nothing imported since), certified until a date, or expired (files are signed with the
 * workspace's own certificate again, as before it was certified).
 */
export function workspaceCertificateState(
  record: { partnershipCertificate?: WorkspacePartnershipCertificate; certificateRequestedAt?: string } | null,
  now: Date,
): WorkspaceCertificateState {
  const certificate = record?.partnershipCertificate;
  const requestedAt = record?.certificateRequestedAt;
  if (requestedAt && (!certificate || requestedAt > certificate.importedAt)) return { kind: 'requested', at: requestedAt };
  if (!certificate) return { kind: 'none' };
  if (now.getTime() > Date.parse(certificate.notAfter))
    return { kind: 'expired', partnershipName: certificate.partnershipName, on: certificate.notAfter };
  return { kind: 'certified', partnershipName: certificate.partnershipName, until: certificate.notAfter };
}

export function workspaceCertificateWords(state: WorkspaceCertificateState): string {
  switch (state.kind) {
    case 'none':
      return 'No certificate from a partnership yet. Your files are signed with this workspace’s own certificate, which a moderator checks by its fingerprint.';
    case 'requested':
      return `Certificate requested on ${formatIsoDate(state.at.slice(0, 10))}. Send the request file to your partnership, then import the certificate file it sends back.`;
    case 'certified':
      return `Certified by the ${state.partnershipName} until ${formatIsoDate(state.until.slice(0, 10))}. Your files carry this certificate.`;
    case 'expired':
      return `The certificate from the ${state.partnershipName} expired on ${formatIsoDate(state.on.slice(0, 10))}. Your files are signed with this workspace’s own certificate until you import a new one: write a new request.`;
  }
}

/** Whether a partnership certificate is the one to sign with now. */
export function signsWithPartnershipCertificate(certificate: WorkspacePartnershipCertificate | undefined, now: Date): boolean {
  return (
    certificate !== undefined && now.getTime() >= Date.parse(certificate.notBefore) && now.getTime() <= Date.parse(certificate.notAfter)
  );
}
