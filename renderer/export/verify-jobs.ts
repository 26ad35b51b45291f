import type { SignerTrustVerdict } from '../../shared/crypto/signer-trust';
import type { BenchmarkVerification } from '../../shared/partnership/benchmark-file';
import type { AppealVerification } from '../../shared/moderation/appeal-verifier';
import type { ModerationDocument } from '../../shared/moderation/moderation-format';
import type { ReportVerification } from '../../shared/moderation/moderation-report-verifier';
import type { PartnershipTrustDer } from '../../shared/submission/submission-signer-trust';
import type { SubmissionVerification } from '../../shared/submission/submission-verifier';
import type { SecondModerationRequestDocument, SecondModerationReturnDocument } from '../../shared/moderation/second-moderation-format';
import type { SecondFileVerification, SentRequest } from '../../shared/moderation/second-moderation-verifier';

/**
 * Verification of files from outside, in a web worker: hashing and checking a large PDF never
 * blocks the page. Pins are compared on the page afterwards, against the database.
 */
export type VerifyJobRequest =
  | {
      kind: 'submission';
      bytes: Uint8Array<ArrayBuffer>;
      /** The partnership roots the workspace has pinned and the revocation lists it holds, to judge who certified the signer. */
      partnership?: PartnershipTrustDer;
    }
  /** A second moderation request a second moderator imports. */
  | { kind: 'second-request'; bytes: Uint8Array<ArrayBuffer> }
  /** A second moderation return, checked against the requests this workspace sent. */
  | { kind: 'second-return'; bytes: Uint8Array<ArrayBuffer>; sentRequests: Record<string, SentRequest>; ownFingerprint: string | null }
  | {
      kind: 'report';
      bytes: Uint8Array<ArrayBuffer>;
      submissionSha256: Record<string, string>;
      /** The reports the school imported, by report id: a follow-up must follow one of them. */
      followedReports?: Record<string, { document: ModerationDocument; fileSha256: string }>;
    }
  /** A school's signed appeal, for the moderator. */
  | { kind: 'appeal'; bytes: Uint8Array<ArrayBuffer> }
  /** A report checked on its own, not against a school's submissions (a report in a shared folder). */
  | { kind: 'report-alone'; bytes: Uint8Array<ArrayBuffer> }
  /** A partnership's "schools like yours" benchmark a school imports: for its URN, from the partnership that certified it (if any). */
  | { kind: 'benchmark'; bytes: Uint8Array<ArrayBuffer>; urn: string; pinnedRootFingerprint: string | null }
  /** One embedded file of a verified PDF, e.g. an evidence file to preview. */
  | { kind: 'attachment'; bytes: Uint8Array<ArrayBuffer>; name: string };

export type VerifyJobResult =
  | {
      kind: 'submission';
      verification: SubmissionVerification;
      signerTrust?: SignerTrustVerdict | null;
      /** The whole file's SHA-256 (hex), for a file's request (`FileJobRequest`). */
      fileSha256?: string;
    }
  | { kind: 'report'; verification: ReportVerification }
  | { kind: 'second-request'; verification: SecondFileVerification<SecondModerationRequestDocument> }
  | { kind: 'second-return'; verification: SecondFileVerification<SecondModerationReturnDocument> }
  | { kind: 'appeal'; verification: AppealVerification }
  | { kind: 'benchmark'; verification: BenchmarkVerification }
  | { kind: 'attachment'; bytes: Uint8Array<ArrayBuffer> | null; message: string }
  | { kind: 'failed'; message: string };

/**
 * A file the page serves the worker a range at a time over `port` (see byte-source-port.ts): the
 * desktop's shared folder, whose files only the main process reads. The port goes to one job.
 */
export interface RangeFile {
  kind: 'ranges';
  size: number;
  port: MessagePort;
}

/**
 * Jobs on a file (a Blob: a shared folder's File, passed to the worker by reference; or a file
 * served in ranges), read there a slice at a time, so the page never holds a large file.
 */
export type FileJobRequest =
  /** A submission; the answer carries the file's SHA-256 whether or not it verified. */
  | {
      kind: 'submission-file';
      file: Blob | RangeFile;
      partnership?: PartnershipTrustDer;
    }
  /** The file's SHA-256. */
  | { kind: 'file-sha256'; file: Blob | RangeFile };

/** `unreadable`: a read of the file failed during the job (so no verdict was given): it may be being copied or synced. */
export type FileJobResult = VerifyJobResult | { kind: 'file-sha256'; sha256: string } | { kind: 'unreadable' };

/** What a job's message moves to the worker rather than copies: a job's bytes, or a file's port. */
export function transferOf(request: VerifyJobRequest | FileJobRequest): Transferable[] {
  if ('bytes' in request) return [request.bytes.buffer];
  if ('file' in request && !(request.file instanceof Blob)) return [request.file.port];
  return [];
}

export interface VerifyRunner {
  /** Verifies one file; the bytes are transferred to the worker. */
  verify(request: VerifyJobRequest): Promise<VerifyJobResult>;
  /** A job on a file the worker reads itself; absent from runners that only take bytes. */
  verifyFile?(request: FileJobRequest): Promise<FileJobResult>;
}

/** One worker, reused for a batch of files, one file at a time (so memory stays at one file). */
export function workerVerifyRunner(): Required<VerifyRunner> & { close(): void } {
  let worker: Worker | null = null;
  const queue: { request: VerifyJobRequest | FileJobRequest; resolve: (result: FileJobResult) => void }[] = [];
  let busy = false;

  const next = () => {
    const job = queue[0];
    if (busy || !job) return;
    busy = true;
    worker ??= new Worker(new URL('./verify-worker.ts', import.meta.url), { type: 'module', name: 'verify' });
    const finish = (result: FileJobResult) => {
      queue.shift();
      busy = false;
      job.resolve(result);
      next();
    };
    worker.onmessage = (event: MessageEvent<FileJobResult>) => finish(event.data);
    worker.onerror = (event) => {
      event.preventDefault();
      worker?.terminate();
      worker = null;
      finish({ kind: 'failed', message: `The file could not be checked: ${event.message || 'the background task stopped unexpectedly'}.` });
    };
    worker.postMessage(job.request, transferOf(job.request));
  };

  const enqueue = (request: VerifyJobRequest | FileJobRequest) =>
    new Promise<FileJobResult>((resolve) => {
      queue.push({ request, resolve });
      next();
    });
  return {
    // The worker answers a bytes job with a VerifyJobResult (never 'file-sha256').
    verify: (request) => enqueue(request) as Promise<VerifyJobResult>,
    verifyFile: enqueue,
    close: () => {
      worker?.terminate();
      worker = null;
    },
  };
}
