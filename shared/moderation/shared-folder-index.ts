import type { ModerationDocument } from './moderation-format';
import type { SubmissionDocument } from '../submission/submission-format';
import type { SubmissionVerification } from '../submission/submission-verifier';
import type { ReportVerification } from './moderation-report-verifier';

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

export type SharedFolderFileKind = 'submission' | 'moderation-report' | 'other';

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
}

/** One file of the folder as the index keeps it. */
export interface SharedFolderEntry {
  /** `${folderKey}|${name}` (sharedFolderEntryKey). */
  key: string;
  /** Whose folder: a moderator workspace's id (a partnership workspace's later). */
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
  checkedAt: string;
}

export function sharedFolderEntryKey(folderKey: string, name: string): string {
  return `${folderKey}|${name}`;
}

/** The files the index looks at: PDFs. Anything else in the folder (a sync tool's own files, notes) is left alone. */
export function isIndexedFileName(name: string): boolean {
  return /\.pdf$/i.test(name) && !name.startsWith('.') && !name.startsWith('~$');
}

export type RescanReason = 'new' | 'changed';

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

/** Compares the stored index with a new listing of the folder. */
export function planRescan(stored: readonly SharedFolderEntry[], listing: readonly FolderFileInfo[]): RescanPlan {
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
export function confirmedUnchanged(previous: SharedFolderEntry | null, file: FolderFileInfo, sha256: string): SharedFolderEntry | null {
  if (!previous || previous.sha256 !== sha256) return null;
  return { ...previous, size: file.size, lastModified: file.lastModified };
}

/** What the verifier said about a file, in the few shapes the index needs. */
export type FolderVerification =
  | { kind: 'submission'; document: SubmissionDocument; signerFingerprint: string }
  | { kind: 'moderation-report'; document: ModerationDocument }
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
 * "other": nothing in it can be trusted, its kind included.
 */
export function folderVerificationOf(submission: SubmissionVerification, report: ReportVerification | null): FolderVerification {
  if (submission.ok)
    return { kind: 'submission', document: submission.report.submission, signerFingerprint: submission.report.certificate.fingerprint };
  const { code, message } = submission.rejection;
  if (CONTAINER_PROBLEMS.has(code)) return { kind: 'other', failed: message };
  if (code !== 'not-a-submission') return { kind: 'submission', failed: message };
  if (!report) return { kind: 'other', failed: message };
  if (report.ok) return { kind: 'moderation-report', document: report.report.moderation };
  if (report.rejection.code === 'not-a-report')
    return {
      kind: 'other',
      failed: 'This PDF is signed, but it is neither a submission nor a moderation report made with this app, so it is not indexed.',
    };
  return { kind: 'moderation-report', failed: report.rejection.message };
}

/** The index entry of a file that was read and verified. A failed file is never valid, and says why. */
export function entryFromVerification(
  folderKey: string,
  file: FolderFileInfo,
  sha256: string,
  verification: FolderVerification,
  checkedAt: string,
): SharedFolderEntry {
  const base = {
    key: sharedFolderEntryKey(folderKey, file.name),
    folderKey,
    name: file.name,
    size: file.size,
    lastModified: file.lastModified,
    sha256,
    checkedAt,
  };
  if ('failed' in verification)
    return { ...base, kind: verification.kind, valid: false, reason: verification.failed, submission: null, report: null };
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
      },
      report: null,
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
    },
  };
}

/** The index as the screen lists it: submissions and reports that passed, and the files that failed. */
export interface SharedFolderSummary {
  submissions: SharedFolderEntry[];
  reports: SharedFolderEntry[];
  failed: SharedFolderEntry[];
}

export function summariseIndex(entries: readonly SharedFolderEntry[]): SharedFolderSummary {
  const summary: SharedFolderSummary = { submissions: [], reports: [], failed: [] };
  for (const entry of entries) {
    if (!entry.valid) summary.failed.push(entry);
    else if (entry.kind === 'submission' && entry.submission) summary.submissions.push(entry);
    else if (entry.kind === 'moderation-report' && entry.report) summary.reports.push(entry);
    else summary.failed.push(entry);
  }
  const bySchool = (a: SharedFolderEntry, b: SharedFolderEntry) => {
    const x = a.submission ?? a.report;
    const y = b.submission ?? b.report;
    return compareNames(x?.schoolName ?? '', y?.schoolName ?? '') || (x?.version ?? 0) - (y?.version ?? 0) || compareNames(a.name, b.name);
  };
  summary.submissions.sort(bySchool);
  summary.reports.sort(bySchool);
  summary.failed.sort((a, b) => compareNames(a.name, b.name));
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

function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
