import { useCallback, useEffect, useRef, useState } from 'react';
import type { ExportProgress } from '../../shared/submission/submission-exporter';
import { useServices } from '../app/app-context';
import type { PdfJobRequest, PdfJobResult, RunningPdfJob } from './pdf-jobs';

export type PdfJobState = { state: 'idle' } | { state: 'running'; progress: ExportProgress } | { state: 'finished'; result: PdfJobResult };

/** Runs one PDF job at a time in the worker, with its progress, and cancels it if the screen goes. */
export function usePdfJob() {
  const { pdfJobs } = useServices();
  const [job, setJob] = useState<PdfJobState>({ state: 'idle' });
  const running = useRef<RunningPdfJob | null>(null);

  useEffect(() => () => running.current?.cancel(), []);

  const start = useCallback(
    async (request: PdfJobRequest): Promise<PdfJobResult> => {
      running.current?.cancel();
      setJob({ state: 'running', progress: { stage: 'data', fraction: 0 } });
      const current = pdfJobs.run(request, (progress) => setJob({ state: 'running', progress }));
      running.current = current;
      const result = await current.result;
      if (running.current === current) running.current = null;
      setJob({ state: 'finished', result });
      return result;
    },
    [pdfJobs],
  );

  const cancel = useCallback(() => running.current?.cancel(), []);
  const reset = useCallback(() => setJob({ state: 'idle' }), []);
  return { job, start, cancel, reset };
}

const STAGE_LABELS: Record<ExportProgress['stage'], string> = {
  data: 'Gathering the evaluation',
  evidence: 'Reading the evidence files',
  layout: 'Laying out the pages',
  attach: 'Attaching the files',
  write: 'Writing the PDF',
  sign: 'Signing',
};

export function stageLabel(stage: ExportProgress['stage']): string {
  return STAGE_LABELS[stage];
}

/** What printing a finished PDF came to, as a sentence; `what` names it, e.g. "The portfolio". */
export function printedMessage(what: string, fileName: string, outcome: 'printing' | 'downloaded' | 'cancelled'): string {
  if (outcome === 'printing') return `${what} is open in the print window.`;
  if (outcome === 'downloaded') return `${what} was downloaded as ${fileName}. Open it and print it from your PDF reader.`;
  return `${what} was not printed.`;
}
