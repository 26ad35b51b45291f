import { useId, useState } from 'react';
import type { School } from '../../../shared/school/school-records';
import { groupTooSmallText } from '../../../shared/partnership/benchmark';
import { percentText, spreadText } from '../../../shared/partnership/benchmark-text';
import { shortHash } from '../../../shared/formats/sha256';
import { longDateOfTime } from '../../../shared/formats/en-gb-dates';
import { useServices } from '../../app/app-context';
import { importBenchmark, schoolPartnershipRoot, useLatestBenchmark } from '../../db/benchmark-store';
import { FileChooserField } from '../../ui/FileChooserField';

/**
 * "Schools like yours" on the dashboard: import the signed benchmark the partnership sent (checked
 * in the verify worker: its signature, that it is for this school's URN, and which partnership signed
 * it), and the latest one as a small table per strand, the school's share beside the group's.
 */
export function SchoolsLikeYoursPanel({ school }: { school: Pick<School, 'id' | 'urn'> }) {
  const id = useId();
  const { db, verifyJobs } = useServices();
  const latest = useLatestBenchmark(db, school.id);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  const importFile = async (file: File) => {
    setBusy(true);
    setMessage(null);
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const pinned = await schoolPartnershipRoot(db, school.id);
      const result = await verifyJobs.verify({ kind: 'benchmark', bytes, urn: school.urn, pinnedRootFingerprint: pinned });
      if (result.kind === 'failed') return setMessage({ kind: 'error', text: result.message });
      if (result.kind !== 'benchmark') return setMessage({ kind: 'error', text: 'The file could not be checked. Try again.' });
      const { verification } = result;
      if (!verification.ok) return setMessage({ kind: 'error', text: `${file.name} was not imported. ${verification.message}` });
      const stored = await importBenchmark(db, { schoolId: school.id, benchmark: verification.benchmark, pdf: file });
      const fingerprint = verification.benchmark.pinned
        ? ''
        : ` Your school has no certificate from this partnership, so check its fingerprint with them: ${shortHash(verification.benchmark.rootFingerprint, 16)}.`;
      setMessage(
        stored.ok
          ? { kind: 'ok', text: stored.message + (stored.outcome === 'imported' ? fingerprint : '') }
          : { kind: 'error', text: stored.message },
      );
    } finally {
      setBusy(false);
    }
  };

  const document = latest?.document;
  const tooSmall = document ? groupTooSmallText(document.group) : null;
  return (
    <section aria-labelledby={`${id}-heading`} className="panel" data-testid="schools-like-yours">
      <h2 id={`${id}-heading`}>Schools like yours</h2>
      {document && latest ? (
        <>
          <p>
            From {document.partnership.name}, made on {longDateOfTime(document.createdAt)}. {latest.signedBy} {document.group.description}{' '}
            {document.group.size === 1 ? '1 school' : `${document.group.size} schools`} compared.
          </p>
          {tooSmall ? <p className="notice">{tooSmall}</p> : null}
          {document.strands.map((strand) => (
            <table key={strand.id} className="table">
              <caption>{strand.title}: your share of criteria beside the group’s median (and quartile range)</caption>
              <thead>
                <tr>
                  <th scope="col">Judged as</th>
                  <th scope="col">Your school</th>
                  <th scope="col">Schools like yours</th>
                </tr>
              </thead>
              <tbody>
                {strand.levels.map((level) => (
                  <tr key={level.pointId}>
                    <th scope="row">{document.scale.find((p) => p.id === level.pointId)?.label ?? level.pointId}</th>
                    <td>{percentText(level.school)}</td>
                    <td>{spreadText(level.group)}</td>
                  </tr>
                ))}
                <tr>
                  <th scope="row">Moderated down</th>
                  <td>{percentText(strand.moderatedDown.school)}</td>
                  <td>{spreadText(strand.moderatedDown.group)}</td>
                </tr>
              </tbody>
            </table>
          ))}
        </>
      ) : latest === null ? (
        <p>
          Your partnership can send you a signed benchmark comparing your school with schools of the same phase in your region. Import it
          here.
        </p>
      ) : null}
      <FileChooserField
        id={`${id}-file`}
        label="Import a benchmark from your partnership (PDF)"
        accept="application/pdf,.pdf"
        disabled={busy}
        onFile={(file) => void importFile(file)}
      />
      <div role={message?.kind === 'error' ? 'alert' : 'status'} aria-live="polite" className="inline-status">
        {message ? <p className={message.kind === 'error' ? 'notice notice--error' : undefined}>{message.text}</p> : null}
      </div>
    </section>
  );
}
