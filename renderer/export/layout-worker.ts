/// <reference lib="webworker" />
import type { AppliedFramework } from '../../shared/framework/applied-framework';
import { renderPdf } from '../../shared/pdf/pdfmake-renderer';
import type { SubmissionDocument } from '../../shared/submission/submission-format';
import { submissionLayout } from '../../shared/submission/submission-layout';

/**
 * Lays out a submission's pages in a worker of its own, started by the export worker, so the
 * pages are made on one core while the evidence is hashed on the other.
 */
const scope = globalThis as unknown as DedicatedWorkerGlobalScope;

export type LayoutRequest = { document: SubmissionDocument; framework: AppliedFramework };
export type LayoutReply = { ok: true; pdf: Uint8Array<ArrayBuffer> } | { ok: false; message: string };

scope.onmessage = (event: MessageEvent<LayoutRequest>) => {
  void renderPdf(submissionLayout(event.data)).then(
    (pdf) => scope.postMessage({ ok: true, pdf } satisfies LayoutReply, [pdf.buffer]),
    (error: unknown) =>
      scope.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) } satisfies LayoutReply),
  );
};
