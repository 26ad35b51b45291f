import type { SignerTrustVerdict } from '../../shared/crypto/signer-trust';
import type { BenchmarkVerification } from '../../shared/partnership/benchmark-file';
import type { AppealVerification } from '../../shared/moderation/appeal-verifier';
import type { ModerationDocument } from '../../shared/moderation/moderation-format';
import type { ReportVerification } from '../../shared/moderation/moderation-report-verifier';
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
      partnership?: { rootsDer: Uint8Array<ArrayBuffer>[]; listsDer: Uint8Array<ArrayBuffer>[] };
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
  | { kind: 'submission'; verification: SubmissionVerification; signerTrust?: SignerTrustVerdict | null }
  | { kind: 'report'; verification: ReportVerification }
  | { kind: 'second-request'; verification: SecondFileVerification<SecondModerationRequestDocument> }
  | { kind: 'second-return'; verification: SecondFileVerification<SecondModerationReturnDocument> }
  | { kind: 'appeal'; verification: AppealVerification }
  | { kind: 'benchmark'; verification: BenchmarkVerification }
  | { kind: 'attachment'; bytes: Uint8Array<ArrayBuffer> | null; message: string }
  | { kind: 'failed'; message: string };

export interface VerifyRunner {
  /** Verifies one file; the bytes are transferred to the worker. */
  verify(request: VerifyJobRequest): Promise<VerifyJobResult>;
}

/** One worker, reused for a batch of files, one file at a time (so memory stays at one file). */
export function workerVerifyRunner(): VerifyRunner & { close(): void } {
  let worker: Worker | null = null;
  const queue: { request: VerifyJobRequest; resolve: (result: VerifyJobResult) => void }[] = [];
  let busy = false;

  const next = () => {
    const job = queue[0];
    if (busy || !job) return;
    busy = true;
    worker ??= new Worker(new URL('./verify-worker.ts', import.meta.url), { type: 'module', name: 'verify' });
    const finish = (result: VerifyJobResult) => {
      queue.shift();
      busy = false;
      job.resolve(result);
      next();
    };
    worker.onmessage = (event: MessageEvent<VerifyJobResult>) => finish(event.data);
    worker.onerror = (event) => {
      event.preventDefault();
      worker?.terminate();
      worker = null;
      finish({ kind: 'failed', message: `The file could not be checked: ${event.message || 'the background task stopped unexpectedly'}.` });
    };
    worker.postMessage(job.request, [job.request.bytes.buffer]);
  };

  return {
    verify: (request) =>
      new Promise((resolve) => {
        queue.push({ request, resolve });
        next();
      }),
    close: () => {
      worker?.terminate();
      worker = null;
    },
  };
}
