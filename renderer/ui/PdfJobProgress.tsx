import { useLayoutEffect, useRef } from 'react';
import type { ExportProgress } from '../../shared/submission/submission-exporter';
import { stageLabel } from '../export/use-pdf-job';

/**
 * A progress bar for a PDF being made in the background, with Cancel. Screen readers hear each
 * new stage (not every percent), politely.
 */
export function PdfJobProgress({ label, progress, onCancel }: { label: string; progress: ExportProgress; onCancel: () => void }) {
  const percent = Math.round(progress.fraction * 100);
  const cancelRef = useRef<HTMLButtonElement>(null);
  // Focus moves to Cancel as the bar is drawn (a layout effect), so focus is never left on the page
  // between the Export button going and Cancel arriving.
  useLayoutEffect(() => {
    cancelRef.current?.focus();
  }, []);
  return (
    <div className="pdf-progress panel">
      <label htmlFor="pdf-progress-bar" className="pdf-progress__label">
        {label}
      </label>
      <progress id="pdf-progress-bar" max={100} value={percent} aria-valuetext={`${percent}%: ${stageLabel(progress.stage)}`}>
        {percent}%
      </progress>
      <p className="pdf-progress__stage" role="status" aria-live="polite">
        {stageLabel(progress.stage)}…
      </p>
      <p aria-hidden="true" className="pdf-progress__percent">
        {percent}%
      </p>
      <button ref={cancelRef} type="button" className="button button--secondary" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
