/// <reference lib="webworker" />
import { sha256Hex } from '../../shared/formats/sha256';
import { portfolioLayout } from '../../shared/portfolio/portfolio-layout';
import { renderPdf } from '../../shared/pdf/pdfmake-renderer';
import { exportBenchmark } from '../../shared/partnership/benchmark-file';
import { exportAppeal } from '../../shared/moderation/appeal-export';
import { exportModerationReport, sealModerationDocument } from '../../shared/moderation/moderation-report';
import { visitPlanLayout } from '../../shared/moderation/visit-plan-layout';
import { steeringReportLayout } from '../../shared/partnership/steering-report-layout';
import { exportSecondRequest, exportSecondReturn } from '../../shared/moderation/second-moderation-files';
import { exportSubmission, ExportError } from '../../shared/submission/submission-exporter';
import type { AppliedFramework } from '../../shared/framework/applied-framework';
import type { SubmissionDocument } from '../../shared/submission/submission-format';
import { startLayoutWorker } from './layout-jobs';
import type { PdfJobReply, PdfJobRequest, PdfJobResult } from './pdf-jobs';

/** The web worker that makes PDFs: everything heavy happens here, never on the page's thread. */
const scope = globalThis as unknown as DedicatedWorkerGlobalScope;

function reply(message: PdfJobReply, transfer: Transferable[] = []): void {
  scope.postMessage(message, transfer);
}

scope.onmessage = (event: MessageEvent<PdfJobRequest>) => {
  void run(event.data).then(
    (result) => reply({ type: 'result', result }),
    (error: unknown) =>
      reply({
        type: 'result',
        result: {
          ok: false,
          cancelled: false,
          message:
            error instanceof ExportError
              ? error.message
              : `The PDF could not be made (${error instanceof Error ? error.message : String(error)}). Nothing was saved; try again.`,
        },
      }),
  );
};

async function run(request: PdfJobRequest): Promise<PdfJobResult> {
  if (request.kind === 'submission') {
    // The layout's worker starts now, loading pdfmake and its fonts while the evidence is gathered.
    const layout = startLayoutWorker();
    try {
      return await exportSubmissionJob(request, layout.render);
    } finally {
      layout.stop();
    }
  }
  return otherJob(request);
}

async function exportSubmissionJob(
  request: Extract<PdfJobRequest, { kind: 'submission' }>,
  renderLayout: (document: SubmissionDocument, framework: AppliedFramework) => Promise<Uint8Array>,
): Promise<PdfJobResult> {
  const exported = await exportSubmission({
    snapshot: request.snapshot,
    identity: request.identity,
    signing: request.signing,
    readEvidence: async (sha256) => {
      const blob = request.blobs.get(sha256);
      if (!blob) throw new ExportError('An evidence file is missing from the app’s storage. Add the file again, then export.');
      return blob;
    },
    onProgress: (progress) => reply({ type: 'progress', progress }),
    renderLayout,
  });
  return {
    ok: true,
    pdf: new Blob([...exported.sealed.parts] as BlobPart[], { type: 'application/pdf' }),
    size: exported.sealed.size,
    sha256: exported.sha256,
    document: exported.document,
    moderation: null,
  };
}

async function otherJob(request: Exclude<PdfJobRequest, { kind: 'submission' }>): Promise<PdfJobResult> {
  if (request.kind === 'moderation-report') {
    const exported = await exportModerationReport(request.input, request.signing, (progress) => reply({ type: 'progress', progress }));
    return {
      ok: true,
      pdf: pdfBlob(exported.bytes),
      size: exported.bytes.length,
      sha256: exported.sha256,
      document: null,
      moderation: exported.document,
    };
  }
  if (request.kind === 'second-request' || request.kind === 'second-return') {
    reply({ type: 'progress', progress: { stage: 'layout', fraction: 0.2 } });
    const exported =
      request.kind === 'second-request'
        ? await exportSecondRequest(request.input, request.framework, request.signing)
        : await exportSecondReturn(request.input, request.framework, request.signing);
    reply({ type: 'progress', progress: { stage: 'sign', fraction: 1 } });
    return {
      ok: true,
      pdf: pdfBlob(exported.bytes),
      size: exported.bytes.length,
      sha256: exported.sha256,
      document: null,
      moderation: null,
    };
  }
  if (request.kind === 'moderation-follow-up') {
    reply({ type: 'progress', progress: { stage: 'layout', fraction: 0.2 } });
    const bytes = await sealModerationDocument(request.document, request.framework, request.signing, (progress) =>
      reply({ type: 'progress', progress }),
    );
    return {
      ok: true,
      pdf: pdfBlob(bytes),
      size: bytes.length,
      sha256: await sha256Hex(bytes),
      document: null,
      moderation: request.document,
    };
  }
  if (request.kind === 'appeal') {
    reply({ type: 'progress', progress: { stage: 'layout', fraction: 0.2 } });
    const exported = await exportAppeal(request.document, request.signing);
    return {
      ok: true,
      pdf: pdfBlob(exported.bytes),
      size: exported.bytes.length,
      sha256: exported.sha256,
      document: null,
      moderation: null,
    };
  }
  if (request.kind === 'benchmark') {
    reply({ type: 'progress', progress: { stage: 'layout', fraction: 0.2 } });
    const exported = await exportBenchmark({
      benchmarkId: request.benchmarkId,
      now: new Date(),
      partnership: request.partnership,
      figures: request.figures,
      authority: request.authority,
    });
    const bytes = exported.bytes;
    return { ok: true, pdf: pdfBlob(bytes), size: bytes.length, sha256: await sha256Hex(bytes), document: null, moderation: null };
  }
  if (request.kind === 'visit-plan' || request.kind === 'steering-report') {
    reply({ type: 'progress', progress: { stage: 'layout', fraction: 0.2 } });
    const bytes = await renderPdf(request.kind === 'visit-plan' ? visitPlanLayout(request.input) : steeringReportLayout(request.report));
    reply({ type: 'progress', progress: { stage: 'layout', fraction: 1 } });
    return { ok: true, pdf: pdfBlob(bytes), size: bytes.length, sha256: await sha256Hex(bytes), document: null, moderation: null };
  }

  const images = new Map<string, { bytes: Uint8Array; mediaType: string }>();
  let done = 0;
  for (const [sha256, blob] of request.images) {
    images.set(sha256, { bytes: new Uint8Array(await blob.arrayBuffer()), mediaType: blob.type });
    done += 1;
    reply({ type: 'progress', progress: { stage: 'evidence', fraction: (0.5 * done) / request.images.size } });
  }
  reply({ type: 'progress', progress: { stage: 'layout', fraction: 0.5 } });
  const bytes = await renderPdf(
    portfolioLayout({
      document: request.document,
      framework: request.framework,
      sections: request.sections,
      images,
      printedOn: request.printedOn,
      progress: request.progress ?? null,
    }),
  );
  reply({ type: 'progress', progress: { stage: 'layout', fraction: 1 } });
  return { ok: true, pdf: pdfBlob(bytes), size: bytes.length, sha256: await sha256Hex(bytes), document: null, moderation: null };
}

function pdfBlob(bytes: Uint8Array<ArrayBuffer>): Blob {
  return new Blob([bytes], { type: 'application/pdf' });
}
