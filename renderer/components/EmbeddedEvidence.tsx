import { useEffect, useState } from 'react';
import { evidenceKindLabel, formatBytes, previewKind } from '../../shared/evidence/evidence-records';
import type { SubmissionEvidence, SubmissionEvidenceFile } from '../../shared/submission/submission-format';
import { useServices } from '../app/app-context';
import { readEmbeddedFile } from '../export/embedded-files';
import { formatIsoDate } from './dates';
import { TEXT_PREVIEW_BYTES } from './EvidencePreview';

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

type PreviewState =
  | { state: 'loading' }
  | { state: 'failed'; message: string }
  | { state: 'none'; blob: Blob }
  | { state: 'image' | 'pdf'; blob: Blob; url: string }
  | { state: 'text'; blob: Blob; text: string; truncated: boolean };

/** One embedded file shown in place (images, PDFs, text), with a button to save a copy. */
export function EmbeddedFilePreview({ pdfSha256, file, title }: { pdfSha256: string; file: SubmissionEvidenceFile; title: string }) {
  const { db, platform, verifyJobs } = useServices();
  const [preview, setPreview] = useState<PreviewState>({ state: 'loading' });
  const [saveMessage, setSaveMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const { attachmentName, mediaType, originalName } = file;

  useEffect(() => {
    let live = true;
    let url: string | null = null;
    setPreview({ state: 'loading' });
    void (async () => {
      const read = await readEmbeddedFile(db, verifyJobs, pdfSha256, attachmentName, mediaType);
      if (!live) return;
      if (!read.ok) {
        setPreview({ state: 'failed', message: read.message });
        return;
      }
      const blob = read.blob;
      const kind = previewKind(mediaType, originalName);
      if ((kind === 'image' || kind === 'pdf') && typeof URL.createObjectURL === 'function') {
        url = URL.createObjectURL(blob);
        setPreview({ state: kind, blob, url });
      } else if (kind === 'text') {
        const text = await blob.slice(0, TEXT_PREVIEW_BYTES).text();
        if (live) setPreview({ state: 'text', blob, text, truncated: blob.size > TEXT_PREVIEW_BYTES });
      } else setPreview({ state: 'none', blob });
    })();
    return () => {
      live = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [db, verifyJobs, pdfSha256, attachmentName, mediaType, originalName]);

  const saveCopy = async () => {
    if (preview.state === 'loading' || preview.state === 'failed') return;
    setSaveMessage(null);
    try {
      const result = await platform.saveFile(originalName, preview.blob);
      if (result === 'saved') setSaveMessage({ kind: 'ok', text: `Saved a copy of “${originalName}”.` });
    } catch {
      setSaveMessage({
        kind: 'error',
        text: `A copy of “${originalName}” could not be saved. Check there is space where you saved it, and try again.`,
      });
    }
  };

  return (
    <div className="evidence-preview">
      {preview.state === 'loading' ? <p role="status">Reading the file from the submission…</p> : null}
      {preview.state === 'image' ? <img className="evidence-preview__image" src={preview.url} alt={title} /> : null}
      {preview.state === 'pdf' ? <iframe className="evidence-preview__pdf" src={preview.url} title={`Preview of ${title}`} /> : null}
      {preview.state === 'text' ? (
        <>
          <div className="evidence-preview__text" role="region" aria-label={`Text of ${title}`} tabIndex={0}>
            <pre>{preview.text}</pre>
          </div>
          {preview.truncated ? <p className="hint">This shows the start of the file only. Save a copy to read all of it.</p> : null}
        </>
      ) : null}
      {preview.state === 'none' ? <p>No preview for this kind of file. Save a copy to open it in another program.</p> : null}
      {preview.state === 'failed' ? <p className="notice notice--error">{preview.message}</p> : null}
      {preview.state !== 'loading' && preview.state !== 'failed' ? (
        <div className="button-row">
          <button type="button" className="button button--secondary" onClick={() => void saveCopy()}>
            Save a copy <span className="visually-hidden">of {originalName}</span>
          </button>
        </div>
      ) : null}
      <div role={saveMessage?.kind === 'error' ? 'alert' : 'status'} aria-live="polite" className="inline-status">
        {saveMessage ? <p className={saveMessage.kind === 'error' ? 'notice notice--error' : undefined}>{saveMessage.text}</p> : null}
      </div>
    </div>
  );
}
