import type { ModerationDocument } from './moderation-format';
import type { SubmissionDocument } from '../submission/submission-format';
import type { SubmissionVerification } from '../submission/submission-verifier';
import type { ReportVerification } from './moderation-report-verifier';
import type { SecondModerationRequestDocument, SecondModerationReturnDocument } from './second-moderation-format';
import type { SecondFileVerification } from './second-moderation-verifier';
import { academicYearOfTime } from '../formats/academic-year';
import type { SignerTrustVerdict, TrustedPartnership } from '../crypto/signer-trust';
import { uncertifiedKeyWarning } from './uncertified-key-warning';

/**
 * The index of a region's shared folder (a network drive or a synced folder): one entry per signed
 * PDF in it, with the data the queue needs and the verification result, never the evidence bytes
 * (opening a submission reads the file then). A rescan verifies only files that are new, or whose
 * size or time changed and whose SHA-256 confirms the change. Pure functions; the platform lists and
 * reads the folder, the verify worker checks each file, renderer/db keeps the entries.
 */

/** One file as the folder lists it. `lastModified` is milliseconds since 1970, as File and fs.stat give it. */
export interface FolderFileInfo {
  name: string;
  size: number;
  lastModified: number;
}

export type SharedFolderFileKind = 'submission' | 'moderation-report' | 'second-request' | 'second-return' | 'other';

/**
 * What each entry keeps beyond the queue's needs (the partnership's regional overview). An entry
 * written before this (no `detail`, or a lower number) is read and checked again on the next scan.
 */
export const INDEX_DETAIL_VERSION = 1;

/** The framework a file is made against, by id and edition. */
export interface FolderFrameworkRef {
  id: string;
  version: string;
  title: string;
  /** The exact framework file and supplement, to find them installed. */
  contentHash: string;
  supplementHash: string | null;
}

function frameworkRefOf(
  framework: { id: string; version: string; title: string; contentHash: string },
  supplement: { contentHash: string } | null | undefined,
): FolderFrameworkRef {
  return {
    id: framework.id,
    version: framework.version,
    title: framework.title,
    contentHash: framework.contentHash,
    supplementHash: supplement ? supplement.contentHash : null,
  };
}

/** A school's judgement on one criterion as submitted, and whether it claimed the criterion does not apply. */
export interface FolderSubmittedCriterion {
  criterionId: string;
  judgement: string | null;
  notApplicable: boolean;
}

/** What the regional overview needs of a submission: small, no evidence. */
export interface FolderSubmissionDetail {
  localAuthority: string;
  /** The school's phase as the submission gives it (e.g. "primary"). */
  phase: string;
  /** The phases the school's profile covers, when it has one. */
  phases: string[];
  framework: FolderFrameworkRef;
  /** "2026 to 2027", from the date the submission was made; '' when it cannot be told. */
  academicYear: string;
  criteria: FolderSubmittedCriterion[];
}

/** A moderator's decision on one criterion, with the school's judgement it was made on. */
export interface FolderModeratedCriterion {
  criterionId: string;
  schoolJudgement: string | null;
  decision: ModerationDocument['criteria'][number]['decision'];
  moderatedJudgement: string | null;
}

/** What the regional overview needs of a moderation report or follow-up. */
export interface FolderReportDetail {
  levelId: string | null;
  levelLabel: string;
  /** yyyy-mm-dd, or ''. */
  renewalDate: string;
  /** yyyy-mm-dd the outcome was decided. */
  decidedOn: string;
  /** yyyy-mm-dd a deferral must be answered by, or null. */
  resubmitBy: string | null;
  /** The report this one follows, when it is a follow-up. */
  followsReportId: string | null;
  framework: FolderFrameworkRef;
  criteria: FolderModeratedCriterion[];
}

/** What agreement between moderators needs of a second moderation request or return. */
export interface FolderSecondModerationData {
  requestId: string;
  /** The return's id; null for a request. */
  returnId: string | null;
  submissionId: string;
  /** SHA-256 (hex) of the submission PDF second-moderated. */
  submissionSha256: string;
  schoolName: string;
  urn: string;
  version: number;
  createdAt: string;
  /** The first moderator (who asked). */
  requesterName: string;
  requesterOrganisation: string;
  /** The second moderator; null for a request. */
  secondModeratorName: string | null;
  /** Criteria sampled (request) or decided (return). */
  criterionIds: string[];
  /** The second moderator's decisions (a return); empty for a request. */
  decisions: Pick<FolderModeratedCriterion, 'criterionId' | 'decision' | 'moderatedJudgement'>[];
  /** SHA-256 (hex) of the request PDF (a return names it; a request is its own file's). */
  requestSha256: string;
}

/** What the queue needs of a submission in the folder. */
export interface FolderSubmissionData {
  submissionId: string;
  schoolName: string;
  urn: string;
  version: number;
  exportedAt: string;
  regionId: string;
  /** SHA-256 (hex) of the signer's certificate. */
  signerFingerprint: string;
  /** Written by a scan since INDEX_DETAIL_VERSION 1. */
  detail?: FolderSubmissionDetail;
  /** The pinned partnership that certified the signer's key; absent or null: not certified (trust on first use). */
  certifiedBy?: TrustedPartnership | null;
}

/** What the queue needs of a moderation report in the folder. */
export interface FolderReportData {
  reportId: string;
  submissionId: string;
  /** SHA-256 (hex) of the submission PDF the report moderates. */
  submissionSha256: string;
  schoolName: string;
  urn: string;
  version: number;
  issuedAt: string;
  outcome: ModerationDocument['outcome']['kind'];
  moderatorName: string;
  organisation: string;
  /** Written by a scan since INDEX_DETAIL_VERSION 1. */
  detail?: FolderReportDetail;
}

/** One file of the folder as the index keeps it. */
export interface SharedFolderEntry {
  /** `${folderKey}|${name}` (sharedFolderEntryKey). */
  key: string;
  /** Whose folder: the id of the workspace (moderator or partnership) that points at it. */
  folderKey: string;
  name: string;
  size: number;
  lastModified: number;
  /** SHA-256 (hex) of the whole file. */
  sha256: string;
  kind: SharedFolderFileKind;
  /** True only for a file that passed every check of its kind. */
  valid: boolean;
  /** Why the file failed verification, in plain words; null when it is valid. */
  reason: string | null;
  submission: FolderSubmissionData | null;
  report: FolderReportData | null;
  /** A second moderation request or return; absent on entries written before they were indexed. */
  second?: FolderSecondModerationData | null;
  /** INDEX_DETAIL_VERSION when the entry was written; absent on older entries. */
  detail?: number;
  /**
   * The partnership roots and revocation lists a submission was judged against (trustBasisOf);
   * absent or '' when there were none. When they change, the submission is checked again.
   */
  trustBasis?: string;
  checkedAt: string;
}

/**
 * What a submission's signer was judged against: the pinned roots and the revocation lists held,
 * each by its SHA-256. '' when the workspace holds none (nothing to judge certification by).
 */
export function trustBasisOf(rootFingerprints: readonly string[], listSha256s: readonly string[]): string {
  if (rootFingerprints.length === 0) return '';
  return `roots:${[...rootFingerprints].sort().join(',')};lists:${[...listSha256s].sort().join(',')}`;
}

/** True when a submission was judged against other roots or lists than the workspace holds now. */
function trustChanged(entry: SharedFolderEntry, trustBasis: string): boolean {
  return entry.kind === 'submission' && (entry.trustBasis ?? '') !== trustBasis;
}

/** True when the entry was written before the index kept what the overview needs: it is read and checked again. */
export function isOlderEntry(entry: SharedFolderEntry): boolean {
  return (entry.detail ?? 0) < INDEX_DETAIL_VERSION;
}

export function sharedFolderEntryKey(folderKey: string, name: string): string {
  return `${folderKey}|${name}`;
}

/** The files the index looks at: PDFs. Anything else in the folder (a sync tool's own files, notes) is left alone. */
export function isIndexedFileName(name: string): boolean {
  return /\.pdf$/i.test(name) && !name.startsWith('.') && !name.startsWith('~$');
}

export type RescanReason = 'new' | 'changed' | 'older-index' | 'trust-changed';

/** What a rescan has to do, before any file is read. */
export interface RescanPlan {
  /** Files to read: new ones, and ones whose size or time differ from the index (their SHA-256 decides whether to verify again). */
  toRead: { file: FolderFileInfo; reason: RescanReason; previous: SharedFolderEntry | null }[];
  /** Files as the index has them: same size and time. Not read, not verified again. */
  unchanged: SharedFolderEntry[];
  /** Entries whose file is no longer in the folder. */
  gone: SharedFolderEntry[];
  /** Files the index does not look at (not PDFs). */
  ignored: FolderFileInfo[];
}

/**
 * Compares the stored index with a new listing of the folder. A submission judged against other
 * partnership roots or revocation lists than `trustBasis` is read again, so a list imported since
 * refuses a revoked signer and a root pinned since certifies its schools.
 */
export function planRescan(stored: readonly SharedFolderEntry[], listing: readonly FolderFileInfo[], trustBasis = ''): RescanPlan {
  const byName = new Map(stored.map((entry) => [entry.name, entry]));
  const listed = new Set<string>();
  const plan: RescanPlan = { toRead: [], unchanged: [], gone: [], ignored: [] };
  for (const file of [...listing].sort((a, b) => compareNames(a.name, b.name))) {
    if (!isIndexedFileName(file.name)) {
      plan.ignored.push(file);
      continue;
    }
    listed.add(file.name);
    const previous = byName.get(file.name) ?? null;
    if (!previous) plan.toRead.push({ file, reason: 'new', previous: null });
    else if (previous.size !== file.size || previous.lastModified !== file.lastModified)
      plan.toRead.push({ file, reason: 'changed', previous });
    else if (isOlderEntry(previous)) plan.toRead.push({ file, reason: 'older-index', previous });
    else if (trustChanged(previous, trustBasis)) plan.toRead.push({ file, reason: 'trust-changed', previous });
    else plan.unchanged.push(previous);
  }
  for (const entry of stored) if (!listed.has(entry.name)) plan.gone.push(entry);
  plan.gone.sort((a, b) => compareNames(a.name, b.name));
  return plan;
}

/**
 * A file read again because its size or time changed: when its SHA-256 is the one indexed, only its
 * time moved (a sync tool touched it), so the entry keeps its verification with the new size and
 * time; otherwise it is verified again (null).
 */
export function confirmedUnchanged(
  previous: SharedFolderEntry | null,
  file: FolderFileInfo,
  sha256: string,
  trustBasis = '',
): SharedFolderEntry | null {
  if (!previous || previous.sha256 !== sha256 || isOlderEntry(previous) || trustChanged(previous, trustBasis)) return null;
  return { ...previous, size: file.size, lastModified: file.lastModified };
}

/** What the verifier said about a file, in the few shapes the index needs. */
export type FolderVerification =
  | { kind: 'submission'; document: SubmissionDocument; signerFingerprint: string; certifiedBy?: TrustedPartnership | null }
  | { kind: 'moderation-report'; document: ModerationDocument }
  | { kind: 'second-request'; document: SecondModerationRequestDocument; fileSha256: string }
  | { kind: 'second-return'; document: SecondModerationReturnDocument }
  | { kind: SharedFolderFileKind; failed: string };

/** True when the verifier stopped at the PDF's signature or structure, before it could tell what kind of file it is. */
const CONTAINER_PROBLEMS: ReadonlySet<string> = new Set([
  'not-pdf',
  'truncated',
  'no-signature',
  'several-signatures',
  'byte-range',
  'appended-bytes',
  'incremental-update',
  'signature-padding',
  'active-content',
  'signature-unreadable',
  'signature-mismatch',
  'unreadable',
]);

/** Whether a file the submission verifier refused should be checked as a moderation report. */
export function mayBeReport(submission: SubmissionVerification): boolean {
  return !submission.ok && submission.rejection.code === 'not-a-submission';
}

/**
 * What a file is and whether it passed, from the submission verifier's answer and, for a signed PDF
 * with no submission.json, the report verifier's. A file with a broken signature or structure is
 * "other": nothing in it can be trusted, its kind included. A submission whose signer a pinned
 * partnership revoked, or whose certificate chain does not hold (`signerTrust`), fails with why.
 */
export function folderVerificationOf(
  submission: SubmissionVerification,
  report: ReportVerification | null,
  second: SecondModerationVerdicts | null = null,
  signerTrust: SignerTrustVerdict | null = null,
): FolderVerification {
  if (submission.ok) {
    if (signerTrust?.kind === 'revoked' || signerTrust?.kind === 'chain-invalid')
      return { kind: 'submission', failed: signerTrust.message };
    return {
      kind: 'submission',
      document: submission.report.submission,
      signerFingerprint: submission.report.certificate.fingerprint,
      certifiedBy: signerTrust?.kind === 'certified' ? signerTrust.partnership : null,
    };
  }
  const { code, message } = submission.rejection;
  if (CONTAINER_PROBLEMS.has(code)) return { kind: 'other', failed: message };
  if (code !== 'not-a-submission') return { kind: 'submission', failed: message };
  if (!report) return { kind: 'other', failed: message };
  if (report.ok) return { kind: 'moderation-report', document: report.report.moderation };
  if (report.rejection.code === 'not-a-report' && second) {
    const fromSecond = secondVerdictOf(second);
    if (fromSecond) return fromSecond;
  }
  if (report.rejection.code === 'not-a-report')
    return {
      kind: 'other',
      failed: 'This PDF is signed, but it is neither a submission nor a moderation report made with this app, so it is not indexed.',
    };
  return { kind: 'moderation-report', failed: report.rejection.message };
}

/** The second moderation verifiers' answers on a signed PDF that is neither a submission nor a report (the return's only when the request's said "not a request"). */
export interface SecondModerationVerdicts {
  request: SecondFileVerification<SecondModerationRequestDocument>;
  returned: SecondFileVerification<SecondModerationReturnDocument> | null;
}

/** Whether a file the report verifier refused should be checked as a second moderation file. */
export function mayBeSecondModeration(report: ReportVerification): boolean {
  return !report.ok && report.rejection.code === 'not-a-report';
}

function secondVerdictOf(second: SecondModerationVerdicts): FolderVerification | null {
  const { request, returned } = second;
  if (request.ok) return { kind: 'second-request', document: request.file.document, fileSha256: request.file.fileSha256 };
  if (request.rejection.code !== 'not-this-kind') return { kind: 'second-request', failed: request.rejection.message };
  if (!returned) return null;
  if (returned.ok) return { kind: 'second-return', document: returned.file.document };
  if (returned.rejection.code !== 'not-this-kind') return { kind: 'second-return', failed: returned.rejection.message };
  return null;
}

/** The index entry of a file that was read and verified. A failed file is never valid, and says why. */
export function entryFromVerification(
  folderKey: string,
  file: FolderFileInfo,
  sha256: string,
  verification: FolderVerification,
  checkedAt: string,
  trustBasis = '',
): SharedFolderEntry {
  const base = {
    key: sharedFolderEntryKey(folderKey, file.name),
    folderKey,
    name: file.name,
    size: file.size,
    lastModified: file.lastModified,
    sha256,
    detail: INDEX_DETAIL_VERSION,
    ...(trustBasis && verification.kind === 'submission' ? { trustBasis } : {}),
    checkedAt,
  };
  if ('failed' in verification)
    return { ...base, kind: verification.kind, valid: false, reason: verification.failed, submission: null, report: null, second: null };
  if (verification.kind === 'second-request' || verification.kind === 'second-return')
    return {
      ...base,
      kind: verification.kind,
      valid: true,
      reason: null,
      submission: null,
      report: null,
      second: secondDataOf(verification),
    };
  if (verification.kind === 'submission') {
    const d = verification.document;
    return {
      ...base,
      kind: 'submission',
      valid: true,
      reason: null,
      submission: {
        submissionId: d.submissionId,
        schoolName: d.school.name,
        urn: d.school.urn,
        version: d.version,
        exportedAt: d.createdAt,
        regionId: d.region.id,
        signerFingerprint: verification.signerFingerprint,
        certifiedBy: verification.certifiedBy ?? null,
        detail: {
          localAuthority: d.school.localAuthority,
          phase: d.school.phase,
          phases: d.school.profile ? [...d.school.profile.phases] : [],
          framework: frameworkRefOf(d.framework, d.supplement),
          academicYear: academicYearOfTime(d.createdAt) ?? '',
          criteria: d.responses.map((r) => ({
            criterionId: r.criterionId,
            judgement: r.judgement,
            notApplicable: Boolean(r.notApplicable),
          })),
        },
      },
      report: null,
      second: null,
    };
  }
  const m = verification.document;
  return {
    ...base,
    kind: 'moderation-report',
    valid: true,
    reason: null,
    submission: null,
    report: {
      reportId: m.reportId,
      submissionId: m.submission.submissionId,
      submissionSha256: m.submission.sha256,
      schoolName: m.submission.school.name,
      urn: m.submission.school.urn,
      version: m.submission.version,
      issuedAt: m.createdAt,
      outcome: m.outcome.kind,
      moderatorName: m.moderator.name,
      organisation: m.moderator.organisation,
      detail: {
        levelId: m.outcome.levelId,
        levelLabel: m.outcome.levelLabel,
        renewalDate: m.outcome.renewalDate,
        decidedOn: m.outcome.decidedAt.slice(0, 10),
        resubmitBy: m.outcome.resubmitBy ?? null,
        followsReportId: m.followsReport?.reportId ?? null,
        framework: frameworkRefOf(m.submission.framework, m.submission.supplement),
        criteria: m.criteria.map((c) => ({
          criterionId: c.criterionId,
          schoolJudgement: c.schoolJudgement,
          decision: c.decision,
          moderatedJudgement: c.moderatedJudgement,
        })),
      },
    },
    second: null,
  };
}

function secondDataOf(
  verification:
    | { kind: 'second-request'; document: SecondModerationRequestDocument; fileSha256: string }
    | { kind: 'second-return'; document: SecondModerationReturnDocument },
): FolderSecondModerationData {
  if (verification.kind === 'second-request') {
    const d = verification.document;
    return {
      requestId: d.requestId,
      returnId: null,
      submissionId: d.submission.submissionId,
      submissionSha256: d.submission.sha256,
      schoolName: d.submission.school.name,
      urn: d.submission.school.urn,
      version: d.submission.version,
      createdAt: d.createdAt,
      requesterName: d.requester.name,
      requesterOrganisation: d.requester.organisation,
      secondModeratorName: null,
      criterionIds: d.criteria.map((c) => c.criterionId),
      decisions: [],
      requestSha256: verification.fileSha256,
    };
  }
  const d = verification.document;
  return {
    requestId: d.request.requestId,
    returnId: d.returnId,
    submissionId: d.submission.submissionId,
    submissionSha256: d.submission.sha256,
    schoolName: d.submission.schoolName,
    urn: d.submission.urn,
    version: d.submission.version,
    createdAt: d.createdAt,
    requesterName: d.request.requesterName,
    requesterOrganisation: d.request.requesterOrganisation,
    secondModeratorName: d.secondModerator.name,
    criterionIds: d.decisions.map((c) => c.criterionId),
    decisions: d.decisions.map((c) => ({ criterionId: c.criterionId, decision: c.decision, moderatedJudgement: c.moderatedJudgement })),
    requestSha256: d.request.sha256,
  };
}

/** The index as the screen lists it: submissions and reports that passed, and the files that failed. */
export interface SharedFolderSummary {
  submissions: SharedFolderEntry[];
  reports: SharedFolderEntry[];
  /** Second moderation requests and returns that passed. */
  second: SharedFolderEntry[];
  failed: SharedFolderEntry[];
  /**
   * By entry key: a submission that passed, signed by a key no partnership certified, from a school
   * whose other submission in the folder a still-pinned partnership certified. It may be forged.
   */
  warnings: Record<string, string>;
}

/**
 * Groups the index for the screen. `pinnedRootFingerprints`: the partnership roots the workspace
 * has pinned now, so a school certified by one of them is known, and a key it did not certify is flagged.
 */
export function summariseIndex(entries: readonly SharedFolderEntry[], pinnedRootFingerprints: readonly string[] = []): SharedFolderSummary {
  const summary: SharedFolderSummary = { submissions: [], reports: [], second: [], failed: [], warnings: {} };
  for (const entry of entries) {
    if (!entry.valid) summary.failed.push(entry);
    else if (entry.kind === 'submission' && entry.submission) summary.submissions.push(entry);
    else if (entry.kind === 'moderation-report' && entry.report) summary.reports.push(entry);
    else if ((entry.kind === 'second-request' || entry.kind === 'second-return') && entry.second) summary.second.push(entry);
    else summary.failed.push(entry);
  }
  const bySchool = (a: SharedFolderEntry, b: SharedFolderEntry) => {
    const x = a.submission ?? a.report;
    const y = b.submission ?? b.report;
    return compareNames(x?.schoolName ?? '', y?.schoolName ?? '') || (x?.version ?? 0) - (y?.version ?? 0) || compareNames(a.name, b.name);
  };
  summary.submissions.sort(bySchool);
  summary.reports.sort(bySchool);
  summary.second = groupSecondModeration(summary.second);
  summary.failed.sort((a, b) => compareNames(a.name, b.name));
  const certifiedSchools = new Map<string, TrustedPartnership>();
  for (const entry of summary.submissions) {
    const certifiedBy = entry.submission?.certifiedBy;
    if (entry.submission && certifiedBy) certifiedSchools.set(entry.submission.urn, certifiedBy);
  }
  for (const entry of summary.submissions) {
    const s = entry.submission;
    if (!s || s.certifiedBy) continue;
    const warning = uncertifiedKeyWarning(
      { commonName: s.schoolName, urn: s.urn, organisation: '' },
      certifiedSchools.get(s.urn),
      pinnedRootFingerprints,
    );
    if (warning) summary.warnings[entry.key] = warning;
  }
  return summary;
}

/**
 * The name a moderation report gets in the folder: named by its content (the start of its SHA-256),
 * so two moderators' copies never share a name unless they are the same file.
 * "113532-moderation-2026-11-20-v2-3f2a91c0d4e5b6a7.pdf"
 */
export function folderReportFileName(document: Pick<ModerationDocument, 'submission' | 'createdAt'>, sha256: string): string {
  const urn = document.submission.school.urn.replace(/[^0-9A-Za-z]/g, '') || 'school';
  return `${urn}-moderation-${document.createdAt.slice(0, 10)}-v${document.submission.version}-${sha256.slice(0, 16)}.pdf`;
}

/**
 * Second moderation files by school, each request followed by the returns that answer it; a return
 * whose request is not among them comes last.
 */
export function groupSecondModeration(entries: readonly SharedFolderEntry[]): SharedFolderEntry[] {
  const byName = (a: SharedFolderEntry, b: SharedFolderEntry) =>
    compareNames(a.second?.schoolName ?? '', b.second?.schoolName ?? '') || compareNames(a.name, b.name);
  const requests = entries.filter((e) => e.kind === 'second-request').sort(byName);
  const returns = entries.filter((e) => e.kind !== 'second-request').sort(byName);
  const answered = new Set<string>();
  const out: SharedFolderEntry[] = [];
  for (const request of requests) {
    out.push(request);
    for (const answer of returns)
      if (answer.second?.requestId === request.second?.requestId) {
        out.push(answer);
        answered.add(answer.key);
      }
  }
  return [...out, ...returns.filter((r) => !answered.has(r.key))];
}

function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
