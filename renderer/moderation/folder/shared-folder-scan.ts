import { sha256Hex } from '../../../shared/formats/sha256';
import {
  confirmedUnchanged,
  entryFromVerification,
  folderVerificationOf,
  mayBeReport,
  planRescan,
  type FolderVerification,
} from '../../../shared/moderation/shared-folder-index';
import type { ReportVerification } from '../../../shared/moderation/moderation-report-verifier';
import type { AppDatabase } from '../../db/app-database';
import { putFolderEntry, removeFolderEntries, storedFolderEntries } from '../../db/shared-folder-store';
import type { VerifyRunner } from '../../export/verify-jobs';
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
  const plan = planRescan(await storedFolderEntries(db, folderKey), listing);
  const outcome: ScanOutcome = { verified: 0, confirmedSame: 0, unchanged: plan.unchanged.length, gone: plan.gone.length, unreadable: [] };
  await removeFolderEntries(
    db,
    plan.gone.map((entry) => entry.key),
  );
  const total = plan.toRead.length;
  let done = 0;
  for (const { file, previous } of plan.toRead) {
    onProgress({ total, done, current: file.name });
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
    const same = confirmedUnchanged(previous, file, sha256);
    if (same) {
      await putFolderEntry(db, same);
      outcome.confirmedSame += 1;
      done += 1;
      continue;
    }
    const verdict = await verifyFile(verifyJobs, folder, folderKey, file.name, bytes);
    if ('unreadable' in verdict) outcome.unreadable.push({ name: file.name, message: verdict.unreadable });
    else {
      await putFolderEntry(db, entryFromVerification(folderKey, file, sha256, verdict, now().toISOString()));
      outcome.verified += 1;
    }
    done += 1;
  }
  onProgress({ total, done, current: null });
  return outcome;
}

/** Checks a file as a submission, and a signed PDF without submission data as a report (read again: the first bytes went to the worker). */
async function verifyFile(
  verifyJobs: VerifyRunner,
  folder: SharedFolderPort,
  folderKey: string,
  name: string,
  bytes: Uint8Array<ArrayBuffer>,
): Promise<FolderVerification | { unreadable: string }> {
  const checkFailed = (message: string) => ({
    unreadable: `${message} “${name}” was not indexed this time; it will be checked again on the next scan.`,
  });
  const asSubmission = await verifyJobs.verify({ kind: 'submission', bytes });
  if (asSubmission.kind !== 'submission')
    return checkFailed(asSubmission.kind === 'failed' ? asSubmission.message : 'The file could not be checked.');
  let report: ReportVerification | null = null;
  if (mayBeReport(asSubmission.verification)) {
    const again = await folder.read(folderKey, name).catch(() => null);
    if (!again) return checkFailed('The file could not be read again to check it as a moderation report.');
    const asReport = await verifyJobs.verify({ kind: 'report-alone', bytes: again });
    if (asReport.kind !== 'report') return checkFailed(asReport.kind === 'failed' ? asReport.message : 'The file could not be checked.');
    report = asReport.verification;
  }
  return folderVerificationOf(asSubmission.verification, report);
}
