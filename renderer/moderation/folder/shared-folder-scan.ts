import { DEFAULT_SLICE_BYTES } from '../../../shared/formats/byte-source';
import { sha256Hex } from '../../../shared/formats/sha256';
import {
  confirmedUnchanged,
  entryFromVerification,
  folderVerificationOf,
  mayBeReport,
  mayBeSecondModeration,
  planRescan,
  trustBasisOf,
  type FolderFileInfo,
  type FolderVerification,
  type SecondModerationVerdicts,
  type SharedFolderEntry,
} from '../../../shared/moderation/shared-folder-index';
import type { SentRequest } from '../../../shared/moderation/second-moderation-verifier';
import type { ReportVerification } from '../../../shared/moderation/moderation-report-verifier';
import type { AppDatabase } from '../../db/app-database';
import { partnershipOwnTrust } from '../../db/partnership-store';
import { partnershipTrustMaterial } from '../../db/partnership-trust-store';
import { putFolderEntry, removeFolderEntries, storedFolderEntries } from '../../db/shared-folder-store';
import { serveRanges } from '../../export/byte-source-port';
import type { FileJobRequest, FileJobResult, RangeFile, VerifyJobResult, VerifyRunner } from '../../export/verify-jobs';
import type { SharedFolderPort } from '../../platform/platform-port';

/**
 * Scanning a shared folder into its index: list the folder, compare with the index (planRescan),
 * read only the new files and those whose size or time changed, confirm a change by SHA-256, and
 * verify in the worker only what really changed. One file at a time, so memory holds one file;
 * no evidence is kept, only each file's entry. Works for any workspace that has a folder key (the
 * partnership workspace can call it as it is).
 */

export interface ScanProgress {
  /** Files to read in this scan, and how many have been read. */
  total: number;
  done: number;
  current: string | null;
}

export interface ScanOutcome {
  /** Files read and checked because they were new, or changed. */
  verified: number;
  /** Files read because their time changed whose bytes had not: kept as they were indexed. */
  confirmedSame: number;
  /** Files not read: same size and time as indexed. */
  unchanged: number;
  /** Entries dropped: their file has gone from the folder. */
  gone: number;
  /** Files that could not be read or checked this time, with why; they are tried again on the next scan. */
  unreadable: { name: string; message: string }[];
}

export interface ScanServices {
  db: AppDatabase;
  folder: SharedFolderPort;
  verifyJobs: VerifyRunner;
  now?: () => Date;
}

export async function scanSharedFolder(
  services: ScanServices,
  folderKey: string,
  onProgress: (progress: ScanProgress) => void = () => undefined,
): Promise<ScanOutcome> {
  const { db, folder, verifyJobs } = services;
  const now = services.now ?? (() => new Date());
  const listing = await folder.list(folderKey);
  const stored = await storedFolderEntries(db, folderKey);
  // A moderator's pinned partnerships and their revocation lists judge each submission's signer,
  // as an import does; a partnership's scan uses its own root and register. A change to them checks
  // the submissions again.
  const own = await partnershipOwnTrust(db, folderKey, now());
  const material = own ?? (await partnershipTrustMaterial(db, folderKey));
  const listBasis = own ? own.listBasis : await Promise.all(material.listsDer.map((der) => sha256Hex(der)));
  const trust: Trust = {
    partnership: material.rootsDer.length > 0 ? { rootsDer: material.rootsDer, listsDer: material.listsDer } : null,
    basis: trustBasisOf(material.rootFingerprints, listBasis),
  };
  const plan = planRescan(stored, listing, trust.basis);
  // A second moderation return is checked against a request in the same folder, byte for byte.
  const requests: Record<string, SentRequest> = {};
  const noteRequest = (entry: SharedFolderEntry) => {
    const second = entry.second;
    if (entry.valid && entry.kind === 'second-request' && second)
      requests[second.requestId] = {
        requestId: second.requestId,
        sha256: entry.sha256,
        submissionSha256: second.submissionSha256,
        criterionIds: second.criterionIds,
      };
  };
  plan.unchanged.forEach(noteRequest);
  const outcome: ScanOutcome = { verified: 0, confirmedSame: 0, unchanged: plan.unchanged.length, gone: plan.gone.length, unreadable: [] };
  await removeFolderEntries(
    db,
    plan.gone.map((entry) => entry.key),
  );
  const total = plan.toRead.length;
  let done = 0;
  // Files are checked in name order; a return met before its request is checked again at the end.
  const retry: typeof plan.toRead = [];
  for (const item of plan.toRead) {
    const { file, previous } = item;
    onProgress({ total, done, current: file.name });
    const files = fileJobsOf(folder, verifyJobs);
    if (files) {
      // The file goes to the worker unread: it hashes and checks it a slice at a time.
      const checked = await checkFolderFile(files, folderKey, file, previous, requests, trust);
      if ('unreadable' in checked) outcome.unreadable.push({ name: file.name, message: checked.unreadable });
      else if ('unknownRequest' in checked) retry.push(item);
      else if ('same' in checked) {
        noteRequest(checked.same);
        await putFolderEntry(db, checked.same);
        outcome.confirmedSame += 1;
      } else {
        const entry = entryFromVerification(folderKey, file, checked.sha256, checked.verdict, now().toISOString(), trust.basis);
        noteRequest(entry);
        await putFolderEntry(db, entry);
        outcome.verified += 1;
      }
      done += 1;
      continue;
    }
    let bytes: Uint8Array<ArrayBuffer>;
    try {
      bytes = await folder.read(folderKey, file.name);
    } catch {
      outcome.unreadable.push({
        name: file.name,
        message: `“${file.name}” could not be read from the folder. If it is still being copied or synced, scan again in a few minutes.`,
      });
      done += 1;
      continue;
    }
    const sha256 = await sha256Hex(bytes);
    const same = confirmedUnchanged(previous, file, sha256, trust.basis);
    if (same) {
      noteRequest(same);
      await putFolderEntry(db, same);
      outcome.confirmedSame += 1;
      done += 1;
      continue;
    }
    const verdict = await verifyFile(verifyJobs, folder, folderKey, file.name, bytes, requests, trust);
    if ('unreadable' in verdict) outcome.unreadable.push({ name: file.name, message: verdict.unreadable });
    else if ('unknownRequest' in verdict) retry.push(item);
    else {
      const entry = entryFromVerification(folderKey, file, sha256, verdict, now().toISOString(), trust.basis);
      noteRequest(entry);
      await putFolderEntry(db, entry);
      outcome.verified += 1;
    }
    done += 1;
  }
  for (const { file } of retry) {
    const bytes = await folder.read(folderKey, file.name).catch(() => null);
    if (!bytes) {
      outcome.unreadable.push({
        name: file.name,
        message: `“${file.name}” could not be read from the folder. Scan again in a few minutes.`,
      });
      continue;
    }
    const sha256 = await sha256Hex(bytes);
    const verdict = await verifyFile(verifyJobs, folder, folderKey, file.name, bytes, requests, trust);
    if ('unreadable' in verdict) outcome.unreadable.push({ name: file.name, message: verdict.unreadable });
    else if ('unknownRequest' in verdict)
      // Not indexed, so the next scan checks it again: the request may not have synced yet.
      outcome.unreadable.push({
        name: file.name,
        message: `“${file.name}” is a second moderation return whose request is not in the folder, so it cannot be checked yet. Put the request PDF in the folder, or wait for it to sync, and scan again.`,
      });
    else {
      await putFolderEntry(db, entryFromVerification(folderKey, file, sha256, verdict, now().toISOString(), trust.basis));
      outcome.verified += 1;
    }
  }
  onProgress({ total, done, current: null });
  return outcome;
}

/** One folder file as the worker's jobs take it, and its bytes for the checks made in the page. */
interface FolderFile {
  /** For one job: the web's File (the same each time), or a new port serving the file's ranges (a port goes to one job). */
  forJob(): Blob | RangeFile;
  /** The whole file (a report or second moderation file: small), or null if it could not be read. */
  whole(): Promise<Uint8Array<ArrayBuffer> | null>;
  /** Stops serving the file's ranges. */
  close(): void;
}

/** The port's files and the runner's file jobs, where both are offered (the web's File or the desktop's ranges, and the verify worker). */
interface FileJobs {
  open: (folderKey: string, listed: FolderFileInfo) => Promise<FolderFile>;
  run: (request: FileJobRequest) => Promise<FileJobResult>;
  verifyJobs: VerifyRunner;
  folder: SharedFolderPort;
}

function fileJobsOf(folder: SharedFolderPort, verifyJobs: VerifyRunner): FileJobs | null {
  const run = verifyJobs.verifyFile?.bind(verifyJobs);
  if (!run) return null;
  const open = folder.open?.bind(folder);
  if (open) {
    return {
      open: async (folderKey, listed) => {
        const file = await open(folderKey, listed.name);
        const whole = () =>
          file.arrayBuffer().then(
            (buffer) => new Uint8Array(buffer),
            () => null,
          );
        return { forJob: () => file, whole, close: () => undefined };
      },
      run,
      verifyJobs,
      folder,
    };
  }
  const readRange = folder.readRange?.bind(folder);
  if (!readRange) return null;
  return {
    open: async (folderKey, listed) => {
      const served: MessagePort[] = [];
      return {
        forJob: () => {
          const channel = new MessageChannel();
          serveRanges(channel.port1, (offset, length) => readRange(folderKey, listed.name, offset, length), DEFAULT_SLICE_BYTES);
          served.push(channel.port1);
          return { kind: 'ranges', size: listed.size, port: channel.port2 };
        },
        whole: () => folder.read(folderKey, listed.name).catch(() => null),
        close: () => served.forEach((port) => port.close()),
      };
    },
    run,
    verifyJobs,
    folder,
  };
}

type FileChecked =
  { unreadable: string } | { unknownRequest: true } | { same: SharedFolderEntry } | { sha256: string; verdict: FolderVerification };

/**
 * One file checked without the page reading it: a file whose time changed is hashed in the worker
 * first (kept as indexed if its bytes are the same); otherwise it is verified there as a
 * submission, the worker giving its SHA-256 too. A file that is not a submission (a report, a
 * second moderation file: small files) is then read and checked as today.
 */
async function checkFolderFile(
  files: FileJobs,
  folderKey: string,
  listed: FolderFileInfo,
  previous: SharedFolderEntry | null | undefined,
  requests: Readonly<Record<string, SentRequest>>,
  trust: Trust,
): Promise<FileChecked> {
  const name = listed.name;
  const unreadable = {
    unreadable: `“${name}” could not be read from the folder. If it is still being copied or synced, scan again in a few minutes.`,
  };
  let file: FolderFile;
  try {
    file = await files.open(folderKey, listed);
  } catch {
    return unreadable;
  }
  try {
    return await checkOpenedFile(files, file, folderKey, listed, previous, requests, trust, unreadable);
  } finally {
    file.close();
  }
}

async function checkOpenedFile(
  files: FileJobs,
  file: FolderFile,
  folderKey: string,
  listed: FolderFileInfo,
  previous: SharedFolderEntry | null | undefined,
  requests: Readonly<Record<string, SentRequest>>,
  trust: Trust,
  unreadable: { unreadable: string },
): Promise<FileChecked> {
  const name = listed.name;
  if (previous) {
    const hashed = await files.run({ kind: 'file-sha256', file: file.forJob() });
    if (hashed.kind !== 'file-sha256') return unreadable;
    const same = confirmedUnchanged(previous, listed, hashed.sha256, trust.basis);
    if (same) return { same };
  }
  const asSubmission = await files.run({
    kind: 'submission-file',
    file: file.forJob(),
    ...(trust.partnership ? { partnership: trust.partnership } : {}),
  });
  // A read that failed in the worker: the file may be being copied or synced.
  if (asSubmission.kind === 'unreadable') return unreadable;
  if (asSubmission.kind !== 'submission' || asSubmission.fileSha256 === undefined) {
    return {
      unreadable: `${asSubmission.kind === 'failed' ? asSubmission.message : 'The file could not be checked.'} “${name}” was not indexed this time; it will be checked again on the next scan.`,
    };
  }
  if (!mayBeReport(asSubmission.verification)) {
    return {
      sha256: asSubmission.fileSha256,
      verdict: folderVerificationOf(asSubmission.verification, null, null, asSubmission.signerTrust ?? null),
    };
  }
  // Not a submission: read and checked as a report (and a second moderation file) as before.
  const bytes = await file.whole();
  if (!bytes) return unreadable;
  const verdict = await verifyFile(files.verifyJobs, files.folder, folderKey, name, bytes, requests, trust, asSubmission);
  return 'unreadable' in verdict || 'unknownRequest' in verdict ? verdict : { sha256: asSubmission.fileSha256, verdict };
}

/** The partnership roots and revocation lists a scan judges signers against (none: trust on first use), and their basis. */
interface Trust {
  partnership: { rootsDer: Uint8Array<ArrayBuffer>[]; listsDer: Uint8Array<ArrayBuffer>[] } | null;
  basis: string;
}

/** Checks a file as a submission, and a signed PDF without submission data as a report (read again: the first bytes went to the worker). */
async function verifyFile(
  verifyJobs: VerifyRunner,
  folder: SharedFolderPort,
  folderKey: string,
  name: string,
  bytes: Uint8Array<ArrayBuffer>,
  requests: Readonly<Record<string, SentRequest>>,
  trust: Trust,
  /** The worker's answer for the file as a submission, when it is already known (the bytes then go to the report check). */
  known?: VerifyJobResult & { kind: 'submission' },
): Promise<FolderVerification | { unreadable: string } | { unknownRequest: true }> {
  const checkFailed = (message: string) => ({
    unreadable: `${message} “${name}” was not indexed this time; it will be checked again on the next scan.`,
  });
  const asSubmission =
    known ??
    (await verifyJobs.verify({
      kind: 'submission',
      bytes,
      ...(trust.partnership ? { partnership: trust.partnership } : {}),
    }));
  if (asSubmission.kind !== 'submission')
    return checkFailed(asSubmission.kind === 'failed' ? asSubmission.message : 'The file could not be checked.');
  let report: ReportVerification | null = null;
  if (mayBeReport(asSubmission.verification)) {
    const again = known ? bytes : await folder.read(folderKey, name).catch(() => null);
    if (!again) return checkFailed('The file could not be read again to check it as a moderation report.');
    const asReport = await verifyJobs.verify({ kind: 'report-alone', bytes: again });
    if (asReport.kind !== 'report') return checkFailed(asReport.kind === 'failed' ? asReport.message : 'The file could not be checked.');
    report = asReport.verification;
  }
  let second: SecondModerationVerdicts | null = null;
  if (report && mayBeSecondModeration(report)) {
    const again = await folder.read(folderKey, name).catch(() => null);
    if (!again) return checkFailed('The file could not be read again to check it as a second moderation file.');
    const asRequest = await verifyJobs.verify({ kind: 'second-request', bytes: again });
    if (asRequest.kind !== 'second-request')
      return checkFailed(asRequest.kind === 'failed' ? asRequest.message : 'The file could not be checked.');
    second = { request: asRequest.verification, returned: null };
    if (!asRequest.verification.ok && asRequest.verification.rejection.code === 'not-this-kind') {
      const third = await folder.read(folderKey, name).catch(() => null);
      if (!third) return checkFailed('The file could not be read again to check it as a second moderation return.');
      const asReturn = await verifyJobs.verify({
        kind: 'second-return',
        bytes: third,
        sentRequests: { ...requests },
        ownFingerprint: null,
      });
      if (asReturn.kind !== 'second-return')
        return checkFailed(asReturn.kind === 'failed' ? asReturn.message : 'The file could not be checked.');
      if (!asReturn.verification.ok && asReturn.verification.rejection.code === 'unknown-request') return { unknownRequest: true };
      second = { request: asRequest.verification, returned: asReturn.verification };
    }
  }
  return folderVerificationOf(asSubmission.verification, report, second, asSubmission.signerTrust ?? null);
}
