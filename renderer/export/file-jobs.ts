import { blobByteSource, sha256OfSource, type ByteSource } from '../../shared/formats/byte-source';
import { submissionSignerTrust } from '../../shared/submission/submission-signer-trust';
import { verifySubmissionSource, WHOLE_READ_BYTES } from '../../shared/submission/submission-verifier';
import { portByteSource, type RangePort } from './byte-source-port';
import type { FileJobRequest, FileJobResult } from './verify-jobs';

/**
 * How long one read of a slice may take before it counts as failed. A read that never finishes (a
 * synced folder's file still being fetched from the cloud, a network drive gone away, a stuck
 * stream) would otherwise hold the scan, and every file after it, for ever.
 */
export const READ_TIME_LIMIT_MS = 60_000;

/**
 * The verify worker's jobs on a file it reads itself, a slice at a time: a Blob (the web's folder)
 * or a file served in ranges over a port (the desktop's). If any read fails during a job, or does
 * not finish within `readTimeLimitMs`, the job gives no verdict but `unreadable`, whatever the
 * checks made of the bytes they had: a file being copied or synced is tried again on the next
 * scan, never indexed as refused.
 */
export async function runFileJob(request: FileJobRequest, readTimeLimitMs = READ_TIME_LIMIT_MS): Promise<FileJobResult> {
  const opened = request.file instanceof Blob ? { source: blobByteSource(request.file), close: () => undefined } : rangesOf(request.file);
  const source = noticingFailures(opened.source, readTimeLimitMs);
  try {
    if (request.kind === 'file-sha256') {
      const sha256 = await sha256OfSource(source, WHOLE_READ_BYTES);
      return source.failed ? { kind: 'unreadable' } : { kind: 'file-sha256', sha256 };
    }
    // Read a slice at a time: a file with large evidence costs its slices, not its size.
    const verification = await verifySubmissionSource(source);
    const result: FileJobResult = {
      kind: 'submission',
      signerTrust: await submissionSignerTrust(verification, request.partnership),
      verification,
      fileSha256: verification.ok ? verification.report.fileSha256 : await sha256OfSource(source, WHOLE_READ_BYTES),
    };
    return source.failed ? { kind: 'unreadable' } : result;
  } catch (error) {
    if (source.failed) return { kind: 'unreadable' };
    throw error;
  } finally {
    opened.close();
  }
}

function rangesOf(file: { size: number; port: RangePort }) {
  const source = portByteSource(file.port, file.size);
  return { source, close: () => source.close() };
}

/** The source, noting whether any read of it failed or took longer than `limitMs` (which then fails it). */
function noticingFailures(source: ByteSource, limitMs: number): ByteSource & { failed: boolean } {
  const borrowed = source.readBorrowed?.bind(source);
  const out = {
    size: source.size,
    failed: false,
    read: (offset: number, length: number) => noted(source.read(offset, length)),
    ...(borrowed ? { readBorrowed: (offset: number, length: number) => noted(borrowed(offset, length)) } : {}),
  };
  const noted = (reading: Promise<Uint8Array>) =>
    new Promise<Uint8Array>((resolve, reject) => {
      const fail = (error: unknown) => {
        clearTimeout(timer);
        out.failed = true;
        reject(error instanceof Error ? error : new Error(String(error)));
      };
      const timer = setTimeout(() => fail(new Error('A read of the file did not finish in time.')), limitMs);
      reading.then((bytes) => {
        clearTimeout(timer);
        resolve(bytes);
      }, fail);
    });
  return out;
}
