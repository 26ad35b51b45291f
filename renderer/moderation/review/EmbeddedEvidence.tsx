import { useCallback, useState } from 'react';
import { evidenceKindLabel, formatBytes } from '../../../shared/evidence/evidence-records';
import type { SubmissionEvidence, SubmissionEvidenceFile } from '../../../shared/submission/submission-format';
import { useServices } from '../../app/app-context';
import { readEmbeddedFile } from '../../export/embedded-files';
import { formatIsoDate } from '../../../shared/formats/en-gb-dates';
import { FilePreview } from '../../ui/FilePreview';

/**
 * The evidence a school linked to a criterion, as it came inside the signed submission. Each file
 * is read out of the stored PDF (in the verify worker) only when the moderator opens it.
 */
export function EmbeddedEvidence({ pdfSha256, evidence }: { pdfSha256: string; evidence: readonly SubmissionEvidence[] }) {
  if (evidence.length === 0) return <p>The school linked no evidence to this criterion.</p>;
  return (
    <ul className="embedded-evidence">
      {evidence.map((item) => (
        <li key={item.id} className="evidence-card">
          <h3>{item.title}</h3>
          <p className="muted">
            {evidenceKindLabel(item.kind)}
            {item.date ? ` · ${formatIsoDate(item.date)}` : ''}
            {item.file ? ` · ${item.file.originalName} (${formatBytes(item.file.size)})` : ''}
          </p>
          {item.description ? <p>{item.description}</p> : null}
          {item.file ? (
            <EvidenceFileDisclosure pdfSha256={pdfSha256} file={item.file} title={item.title} />
          ) : (
            <p>
              <strong>Held at:</strong> {item.heldAt || 'not given'} (no file: see it on the visit)
            </p>
          )}
        </li>
      ))}
    </ul>
  );
}

function EvidenceFileDisclosure({ pdfSha256, file, title }: { pdfSha256: string; file: SubmissionEvidenceFile; title: string }) {
  const [open, setOpen] = useState(false);
  return (
    <details className="evidence-disclosure" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>
        Open the file <span className="visually-hidden">{file.originalName}</span>
      </summary>
      {open ? <EmbeddedFilePreview pdfSha256={pdfSha256} file={file} title={title} /> : null}
    </details>
  );
}

/** One embedded file shown in place (images, PDFs, text), with a button to save a copy. */
export function EmbeddedFilePreview({ pdfSha256, file, title }: { pdfSha256: string; file: SubmissionEvidenceFile; title: string }) {
  const { db, verifyJobs } = useServices();
  const { attachmentName, mediaType, originalName } = file;
  const read = useCallback(
    () => readEmbeddedFile(db, verifyJobs, pdfSha256, attachmentName, mediaType),
    [db, verifyJobs, pdfSha256, attachmentName, mediaType],
  );
  return <FilePreview name={originalName} title={title} loadingText="Reading the file from the submission…" read={read} />;
}
