import { useId, useRef, useState } from 'react';
import type { FilterOptions, OverviewFilters, RegionalOverview } from '../../shared/partnership/regional-overview';
import { describeFilters, steeringReport, SUPPRESSION_THRESHOLD } from '../../shared/partnership/steering-report';
import { useServices } from '../app/app-context';
import { describeStorageError } from '../db/storage-errors';
import { usePdfJob } from '../export/use-pdf-job';
import { PdfJobProgress } from '../ui/PdfJobProgress';

/**
 * The steering group report button on the regional overview: the anonymised PDF of the overview
 * as filtered now (shared/partnership/steering-report.ts), made in the PDF worker and saved
 * through the platform.
 */
export function SteeringReportPanel(props: {
  partnership: { name: string; region: string };
  overview: RegionalOverview;
  filters: OverviewFilters;
  options: FilterOptions;
  today: string;
}) {
  const ids = useId();
  const { platform } = useServices();
  const { job, start, cancel } = usePdfJob();
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const button = useRef<HTMLButtonElement>(null);

  const make = async () => {
    setMessage(null);
    const report = steeringReport(props.overview, {
      partnership: props.partnership,
      filters: describeFilters(props.filters, props.options),
      today: props.today,
    });
    const result = await start({ kind: 'steering-report', report });
    // The button is back in place of the progress bar: focus returns to it rather than to the page.
    requestAnimationFrame(() => button.current?.focus());
    if (!result.ok) {
      setMessage({ kind: result.cancelled ? 'ok' : 'error', text: result.message });
      return;
    }
    const name = `steering-group-report-${props.today}.pdf`;
    try {
      const saved = await platform.saveFile(name, result.pdf);
      setMessage({ kind: 'ok', text: saved === 'saved' ? `Saved ${name}.` : 'Not saved.' });
    } catch (error) {
      setMessage({ kind: 'error', text: describeStorageError(error, name) });
    }
  };

  return (
    <section aria-labelledby={`${ids}-heading`}>
      <h2 id={`${ids}-heading`}>Steering group report</h2>
      <p id={`${ids}-about`}>
        A PDF for the steering group of the region as the filters show it now: schools by local authority and phase, levels held, renewals
        due, submissions by state, the criteria most often moderated down, not met or claimed not applicable, and how far moderators agree,
        with charts. No school is named, and any figure about fewer than {SUPPRESSION_THRESHOLD} schools is shown as “fewer than{' '}
        {SUPPRESSION_THRESHOLD}”.
      </p>
      {job.state === 'running' ? (
        <PdfJobProgress label="Making the steering group report" progress={job.progress} onCancel={cancel} />
      ) : (
        <div className="button-row">
          <button ref={button} type="button" className="button" aria-describedby={`${ids}-about`} onClick={() => void make()}>
            Steering group report (PDF)
          </button>
        </div>
      )}
      <div role={message?.kind === 'error' ? 'alert' : 'status'} aria-live="polite" className="inline-status">
        {message ? <p>{message.text}</p> : null}
      </div>
    </section>
  );
}
