import type { AppliedFramework } from '../../shared/framework/applied-framework';
import type { PortfolioInput, PortfolioSections } from '../../shared/portfolio/portfolio-layout';
import type { SubmissionIdentity, SubmissionSnapshot } from '../../shared/submission/submission-builder';
import type { ExportProgress, SigningIdentity } from '../../shared/submission/submission-exporter';
import type { SubmissionDocument } from '../../shared/submission/submission-format';
import type { BenchmarkFigures } from '../../shared/partnership/benchmark';
import type { PartnershipAuthority } from '../../shared/crypto/partnership-certificate';
import type { AppealDocument } from '../../shared/moderation/appeal';
import type { ModerationDocument } from '../../shared/moderation/moderation-format';
import type { ModerationReportInput } from '../../shared/moderation/moderation-report';
import type { VisitPlanLayoutInput } from '../../shared/moderation/visit-plan-layout';
import type { SecondRequestInput, SecondReturnInput } from '../../shared/moderation/second-moderation-files';
import type { SteeringReport } from '../../shared/partnership/steering-report';

/**
 * The PDF work that runs off the main thread, in a web worker: the signed submission and the
 * portfolio. Requests and replies are plain structured-clone data (Blobs, CryptoKeys and Maps clone).
 */
export type PdfJobRequest =
  | {
      kind: 'submission';
      snapshot: SubmissionSnapshot;
      identity: Omit<SubmissionIdentity, 'certificateFingerprint'>;
      signing: SigningIdentity;
      /** Evidence file contents by SHA-256. */
      blobs: Map<string, Blob>;
    }
  | {
      kind: 'portfolio';
      document: SubmissionDocument;
      framework: AppliedFramework;
      sections: PortfolioSections;
      /** Image evidence by SHA-256. */
      images: Map<string, Blob>;
      printedOn: string;
      /** The daily progress records, for the chart of progress over time. */
      progress?: PortfolioInput['progress'];
    }
  | {
      kind: 'moderation-report';
      input: ModerationReportInput;
      signing: SigningIdentity;
    }
  | { kind: 'second-request'; input: SecondRequestInput; framework: AppliedFramework | null; signing: SigningIdentity }
  | { kind: 'second-return'; input: SecondReturnInput; framework: AppliedFramework | null; signing: SigningIdentity }
  | {
      /** A follow-up to a report: its moderation.json is built on the page from the report it follows. */
      kind: 'moderation-follow-up';
      document: ModerationDocument;
      framework: AppliedFramework;
      signing: SigningIdentity;
    }
  | {
      /** A school's appeal against a report, signed with the school's key. */
      kind: 'appeal';
      document: AppealDocument;
      signing: SigningIdentity;
    }
  | {
      /** A "schools like yours" benchmark for one school, signed for the partnership. */
      kind: 'benchmark';
      benchmarkId: string;
      partnership: { name: string; region: string };
      figures: BenchmarkFigures;
      authority: PartnershipAuthority;
    }
  | {
      /** The moderator's printable visit plan (not signed). */
      kind: 'visit-plan';
      input: VisitPlanLayoutInput;
    }
  | {
      /** The partnership's anonymised steering group report (not signed): its content, already worked out. */
      kind: 'steering-report';
      report: SteeringReport;
    };

export type PdfJobResult =
  | {
      ok: true;
      /** The PDF; for a submission its evidence parts are the stored Blobs themselves, not copies. */
      pdf: Blob;
      size: number;
      sha256: string;
      /** The submission's data, for a submission job. */
      document: SubmissionDocument | null;
      /** The report's data, for a moderation report job. */
      moderation: ModerationDocument | null;
    }
  | { ok: false; cancelled: boolean; message: string };

export type PdfJobReply = { type: 'progress'; progress: ExportProgress } | { type: 'result'; result: PdfJobResult };

export interface RunningPdfJob {
  result: Promise<PdfJobResult>;
  /** Stops the work at once; `result` then settles as cancelled. */
  cancel(): void;
}

export interface PdfJobRunner {
  run(request: PdfJobRequest, onProgress: (progress: ExportProgress) => void): RunningPdfJob;
}

/** Runs each job in its own module worker, so the page stays responsive and Cancel is immediate. */
export function workerPdfJobRunner(): PdfJobRunner {
  return {
    run(request, onProgress) {
      const worker = new Worker(new URL('./pdf-worker.ts', import.meta.url), { type: 'module', name: `pdf-${request.kind}` });
      let settle: (result: PdfJobResult) => void = () => {};
      const result = new Promise<PdfJobResult>((resolve) => {
        settle = (value) => {
          worker.terminate();
          resolve(value);
        };
      });
      worker.onmessage = (event: MessageEvent<PdfJobReply>) => {
        if (event.data.type === 'progress') onProgress(event.data.progress);
        else settle(event.data.result);
      };
      worker.onerror = (event) => {
        event.preventDefault();
        settle({
          ok: false,
          cancelled: false,
          message: `The PDF could not be made: ${event.message || 'the background task stopped unexpectedly'}.`,
        });
      };
      worker.postMessage(request);
      return {
        result,
        cancel: () => settle({ ok: false, cancelled: true, message: 'Cancelled. Nothing was saved.' }),
      };
    },
  };
}
