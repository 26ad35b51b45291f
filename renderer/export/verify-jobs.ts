import type { SignerTrustVerdict } from '../../shared/crypto/signer-trust';
import type { ReportVerification } from '../../shared/moderation/moderation-report-verifier';
import type { SubmissionVerification } from '../../shared/submission/submission-verifier';

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
  | { kind: 'report'; bytes: Uint8Array<ArrayBuffer>; submissionSha256: Record<string, string> }
  /** A report checked on its own, not against a school's submissions (a report in a shared folder). */
  | { kind: 'report-alone'; bytes: Uint8Array<ArrayBuffer> }
  /** One embedded file of a verified PDF, e.g. an evidence file to preview. */
  | { kind: 'attachment'; bytes: Uint8Array<ArrayBuffer>; name: string };

export type VerifyJobResult =
  | { kind: 'submission'; verification: SubmissionVerification; signerTrust?: SignerTrustVerdict | null }
  | { kind: 'report'; verification: ReportVerification }
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
