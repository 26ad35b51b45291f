/// <reference lib="webworker" />
import { verifyBenchmark } from '../../shared/partnership/benchmark-file';
import { verifyAppeal } from '../../shared/moderation/appeal-verifier';
import { verifyModerationReport } from '../../shared/moderation/moderation-report-verifier';
import { MAX_EVIDENCE_FILE_BYTES } from '../../shared/evidence/evidence-records';
import { openSignedPdf } from '../../shared/pdf/signed-pdf-reader';
import { verifySubmission, withoutEvidenceBytes } from '../../shared/submission/submission-verifier';
import { submissionSignerTrust } from '../../shared/submission/submission-signer-trust';
import { runFileJob } from './file-jobs';
import { verifySecondRequest, verifySecondReturn } from '../../shared/moderation/second-moderation-verifier';
import type { FileJobRequest, FileJobResult, VerifyJobRequest } from './verify-jobs';

/** The web worker that checks incoming submissions and moderation reports. */
const scope = globalThis as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (event: MessageEvent<VerifyJobRequest | FileJobRequest>) => {
  void run(event.data).then(
    (result) => scope.postMessage(result),
    (error: unknown) =>
      scope.postMessage({
        kind: 'failed',
        message: `The file could not be checked (${error instanceof Error ? error.message : String(error)}).`,
      } satisfies FileJobResult),
  );
};

async function run(request: VerifyJobRequest | FileJobRequest): Promise<FileJobResult> {
  if (request.kind === 'file-sha256' || request.kind === 'submission-file') return runFileJob(request);
  if (request.kind === 'submission') {
    const verification = await verifySubmission(request.bytes);
    const signerTrust = await submissionSignerTrust(verification, request.partnership);
    // The evidence bytes stay here: the page keeps the original PDF and asks for a file when it is opened.
    return {
      kind: 'submission',
      signerTrust,
      verification: withoutEvidenceBytes(verification),
    };
  }
  if (request.kind === 'attachment') {
    const opened = await openSignedPdf(request.bytes);
    if (!opened.ok) return { kind: 'attachment', bytes: null, message: opened.problem.message };
    const file = opened.container.attachments.get(request.name);
    if (!file) return { kind: 'attachment', bytes: null, message: `The PDF has no file called “${request.name}”.` };
    // The file was checked when the PDF was imported; it is read again within the evidence limit.
    const read = await file.read(MAX_EVIDENCE_FILE_BYTES);
    if (!read.ok) return { kind: 'attachment', bytes: null, message: `The file “${request.name}” cannot be read from the PDF.` };
    return { kind: 'attachment', bytes: new Uint8Array(read.bytes), message: '' };
  }
  if (request.kind === 'second-request') return { kind: 'second-request', verification: await verifySecondRequest(request.bytes) };
  if (request.kind === 'second-return') {
    const sent = request.sentRequests;
    return {
      kind: 'second-return',
      verification: await verifySecondReturn(request.bytes, {
        sentRequest: (id) => sent[id] ?? null,
        ownFingerprint: request.ownFingerprint,
      }),
    };
  }
  if (request.kind === 'benchmark') {
    return {
      kind: 'benchmark',
      verification: await verifyBenchmark(request.bytes, { urn: request.urn, pinnedRootFingerprint: request.pinnedRootFingerprint }),
    };
  }
  if (request.kind === 'appeal') return { kind: 'appeal', verification: await verifyAppeal(request.bytes) };
  if (request.kind === 'report-alone') return { kind: 'report', verification: await verifyModerationReport(request.bytes) };
  const known = request.submissionSha256;
  const followed = request.followedReports ?? {};
  return {
    kind: 'report',
    verification: await verifyModerationReport(request.bytes, {
      submissionSha256: (id) => known[id] ?? null,
      followedReport: (id) => followed[id] ?? null,
    }),
  };
}
