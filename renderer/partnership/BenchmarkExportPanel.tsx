import { useId, useState } from 'react';
import type { SharedFolderEntry } from '../../shared/moderation/shared-folder-index';
import type { PartnershipWorkspace } from '../../shared/partnership/partnership-register';
import { benchmarkFigures } from '../../shared/partnership/benchmark';
import { benchmarkFileName } from '../../shared/partnership/benchmark-text';
import type { FrameworkLookup, SchoolRow } from '../../shared/partnership/regional-overview';
import { useServices } from '../app/app-context';
import { newId } from '../db/record-stamps';
import { partnershipAuthority } from '../db/benchmark-store';
import { describeStorageError } from '../db/storage-errors';

/**
 * "Benchmark for this school (PDF)": the signed "schools like yours" file for one school of the
 * overview, worked out from the whole folder (not the filters), made in the PDF worker and saved.
 */
export function BenchmarkExportPanel(props: {
  partnership: PartnershipWorkspace;
  entries: readonly SharedFolderEntry[];
  schools: readonly SchoolRow[];
  lookup: FrameworkLookup;
}) {
  const id = useId();
  const { db, platform, pdfJobs } = useServices();
  const [urn, setUrn] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const chosen = props.schools.find((s) => s.urn === urn) ?? props.schools[0];

  const make = async () => {
    if (!chosen) return;
    setMessage(null);
    const figures = benchmarkFigures(props.entries, chosen.urn, props.lookup, props.partnership.region);
    if (!figures.ok) return setMessage({ kind: 'error', text: figures.message });
    setBusy(true);
    try {
      const authority = await partnershipAuthority(db, props.partnership.id);
      if (!authority) {
        return setMessage({
          kind: 'error',
          text: 'The partnership’s signing key is not on this computer, so a benchmark cannot be signed. Use the computer the partnership was set up on.',
        });
      }
      const job = pdfJobs.run(
        {
          kind: 'benchmark',
          benchmarkId: newId(),
          partnership: { name: props.partnership.name, region: props.partnership.region },
          figures: figures.figures,
          authority,
        },
        () => {},
      );
      const result = await job.result;
      if (!result.ok) return setMessage({ kind: 'error', text: result.message });
      const name = benchmarkFileName({ school: figures.figures.school, createdAt: new Date().toISOString() });
      if ((await platform.saveFile(name, result.pdf)) === 'saved') {
        const size = figures.figures.group.size;
        setMessage({
          kind: 'ok',
          text: `Saved ${name}: ${chosen.schoolName} beside ${size === 1 ? '1 other school' : `${size} other schools`} like it. Send it to the school to import.`,
        });
      }
    } catch (error) {
      setMessage({ kind: 'error', text: describeStorageError(error, 'the benchmark') });
    } finally {
      setBusy(false);
    }
  };

  if (props.schools.length === 0) return null;
  return (
    <section className="panel" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Schools like yours</h2>
      <p>
        A signed benchmark for one school: its figures beside those of the other schools of its phase in {props.partnership.region}. No
        group figure is given when fewer than five schools are like it.
      </p>
      <div className="form-field">
        <label htmlFor={`${id}-school`}>School</label>
        <select id={`${id}-school`} value={chosen?.urn ?? ''} onChange={(event) => setUrn(event.target.value)}>
          {props.schools.map((s) => (
            <option key={s.urn} value={s.urn}>
              {s.schoolName} (URN {s.urn})
            </option>
          ))}
        </select>
      </div>
      <button type="button" className="button" disabled={busy} onClick={() => void make()}>
        {busy ? 'Making the benchmark…' : 'Benchmark for this school (PDF)'}
      </button>
      <div role={message?.kind === 'error' ? 'alert' : 'status'} aria-live="polite" className="inline-status">
        {message ? <p className={message.kind === 'error' ? 'notice notice--error' : undefined}>{message.text}</p> : null}
      </div>
    </section>
  );
}
