import { useEffect, useState } from 'react';
import { previewKind, type EvidenceFileRef } from '../../shared/evidence/evidence-records';
import { useServices } from '../app/app-context';
import { evidenceBlob } from '../db/evidence-store';

/** How much of a text file the preview shows. */
export const TEXT_PREVIEW_BYTES = 200 * 1024;

type PreviewState =
  | { state: 'loading' }
  | { state: 'missing' }
  | { state: 'failed' }
  | { state: 'none' }
  | { state: 'image' | 'pdf'; url: string }
  | { state: 'text'; text: string; truncated: boolean };

function canMakeObjectUrls(): boolean {
  return typeof URL.createObjectURL === 'function' && typeof URL.revokeObjectURL === 'function';
}

/** A stored file shown in place (images, PDFs, text), with a button to save a copy of any file. */
export function EvidencePreview({ file, title }: { file: EvidenceFileRef; title: string }) {
  const { db, platform } = useServices();
  const [preview, setPreview] = useState<PreviewState>({ state: 'loading' });
  const [saveMessage, setSaveMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const { sha256, type, name } = file;

  useEffect(() => {
    let live = true;
    let url: string | null = null;
    setPreview({ state: 'loading' });
    void (async () => {
      try {
        const blob = await evidenceBlob(db, sha256);
        if (!live) return;
        if (!blob) {
          setPreview({ state: 'missing' });
          return;
        }
        const kind = previewKind(type, name);
        if ((kind === 'image' || kind === 'pdf') && canMakeObjectUrls()) {
          url = URL.createObjectURL(blob);
          setPreview({ state: kind, url });
        } else if (kind === 'text') {
          const text = await blob.slice(0, TEXT_PREVIEW_BYTES).text();
          if (live) setPreview({ state: 'text', text, truncated: blob.size > TEXT_PREVIEW_BYTES });
        } else {
          setPreview({ state: 'none' });
        }
      } catch {
        if (live) setPreview({ state: 'failed' });
      }
    })();
    return () => {
      live = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [db, sha256, type, name]);

  const saveCopy = async () => {
    setSaveMessage(null);
    try {
      const blob = await evidenceBlob(db, sha256);
      if (!blob) {
        setSaveMessage({ kind: 'error', text: `The stored copy of “${name}” is missing, so it could not be saved.` });
        return;
      }
      const result = await platform.saveFile(name, blob);
      if (result === 'saved') setSaveMessage({ kind: 'ok', text: `Saved a copy of “${name}”.` });
    } catch {
      setSaveMessage({
        kind: 'error',
        text: `A copy of “${name}” could not be saved. Check there is space where you saved it, and try again.`,
      });
    }
  };

  return (
    <div className="evidence-preview">
      {preview.state === 'loading' ? <p role="status">Loading the preview…</p> : null}
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
      {preview.state === 'missing' ? (
        <p className="notice notice--error">The stored copy of this file is missing. Add the file again to replace it.</p>
      ) : null}
      {preview.state === 'failed' ? (
        <p className="notice notice--error">The preview could not be shown. You can still save a copy.</p>
      ) : null}
      <div className="button-row">
        <button type="button" className="button button--secondary" onClick={() => void saveCopy()}>
          Save a copy <span className="visually-hidden">of {name}</span>
        </button>
      </div>
      <div role={saveMessage?.kind === 'error' ? 'alert' : 'status'} aria-live="polite" className="inline-status">
        {saveMessage ? <p className={saveMessage.kind === 'error' ? 'notice notice--error' : undefined}>{saveMessage.text}</p> : null}
      </div>
    </div>
  );
}
