import { useEffect, useState } from 'react';
import { plainTextLength, SNIFF_BYTES, sniffFile } from '../../shared/evidence/preview-kind';
import { safeFileName } from '../../shared/formats/safe-file-name';
import { useServices } from '../app/app-context';

/** How much of a text file the preview shows: what was read to tell its kind. */
export const TEXT_PREVIEW_BYTES = SNIFF_BYTES;

/** What reading a file's bytes gave: the bytes, or why there are none, in words for the user. */
export type FileRead = { ok: true; blob: Blob } | { ok: false; message: string };

type PreviewState =
  | { state: 'loading' }
  | { state: 'failed'; message: string; blob?: Blob }
  | { state: 'none'; blob: Blob }
  | { state: 'image' | 'pdf'; blob: Blob; url: string }
  | { state: 'text'; blob: Blob; text: string; truncated: boolean };

function canMakeObjectUrls(): boolean {
  return typeof URL.createObjectURL === 'function' && typeof URL.revokeObjectURL === 'function';
}

/**
 * A file shown in place (images, PDFs, text), with a button to save a copy. Where the bytes come
 * from is the caller's: the school's stored evidence, or a file inside a signed submission.
 * What is shown is decided by the bytes alone (see shared/evidence/preview-kind.ts): the type
 * and name a file came with are the sender's to choose, and a page would run on the app's origin.
 */
export function FilePreview({
  name,
  title,
  loadingText,
  read,
  readCopy,
}: {
  /** The file's own name: a saved copy gets it, made safe for every file system. */
  name: string;
  /** What the file is, for the image's text alternative and the frame's and text region's names. */
  title: string;
  loadingText: string;
  /** Reads the bytes to preview; a new function reads them again. */
  read: () => Promise<FileRead>;
  /**
   * How "Save a copy" gets the bytes while the preview has none (still loading, or the file could
   * not be read). Without it, the button shows only once the bytes are read.
   */
  readCopy?: () => Promise<FileRead>;
}) {
  const { platform } = useServices();
  const [preview, setPreview] = useState<PreviewState>({ state: 'loading' });
  const [saveMessage, setSaveMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  useEffect(() => {
    let live = true;
    let url: string | null = null;
    let blob: Blob | undefined;
    setPreview({ state: 'loading' });
    void (async () => {
      try {
        const got = await read();
        if (!live) return;
        if (!got.ok) {
          setPreview({ state: 'failed', message: got.message });
          return;
        }
        const whole = got.blob;
        blob = whole;
        const head = new Uint8Array(await whole.slice(0, SNIFF_BYTES).arrayBuffer());
        if (!live) return;
        const sniffed = sniffFile(head, whole.size);
        if ((sniffed.kind === 'image' || sniffed.kind === 'pdf') && canMakeObjectUrls()) {
          // Typed by what the bytes are, so the frame or image never takes the sender's type.
          url = URL.createObjectURL(whole.slice(0, whole.size, sniffed.mediaType));
          setPreview({ state: sniffed.kind, blob: whole, url });
        } else if (sniffed.kind === 'text') {
          const length = plainTextLength(head, whole.size > head.length);
          const text = new TextDecoder('utf-8').decode(head.subarray(0, Math.max(0, length)));
          setPreview({ state: 'text', blob: whole, text, truncated: whole.size > length });
        } else {
          setPreview({ state: 'none', blob: whole });
        }
      } catch {
        if (live) setPreview({ state: 'failed', message: 'The preview could not be shown. You can still save a copy.', blob });
      }
    })();
    return () => {
      live = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [read]);

  const held = preview.state === 'loading' ? undefined : preview.blob;
  const copyName = safeFileName(name);
  const canSave = held !== undefined || readCopy !== undefined;

  const saveCopy = async () => {
    setSaveMessage(null);
    try {
      const copy: FileRead | undefined = held ? { ok: true, blob: held } : await readCopy?.();
      if (!copy) return;
      if (!copy.ok) {
        setSaveMessage({ kind: 'error', text: copy.message });
        return;
      }
      const result = await platform.saveFile(copyName, copy.blob);
      if (result === 'saved') setSaveMessage({ kind: 'ok', text: `Saved a copy of “${copyName}”.` });
    } catch {
      setSaveMessage({
        kind: 'error',
        text: `A copy of “${copyName}” could not be saved. Check there is space where you saved it, and try again.`,
      });
    }
  };

  return (
    <div className="evidence-preview">
      {preview.state === 'loading' ? <p role="status">{loadingText}</p> : null}
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
      {canSave ? (
        <div className="button-row">
          <button type="button" className="button button--secondary" onClick={() => void saveCopy()}>
            Save a copy <span className="visually-hidden">of {copyName}</span>
          </button>
        </div>
      ) : null}
      <div role={saveMessage?.kind === 'error' ? 'alert' : 'status'} aria-live="polite" className="inline-status">
        {saveMessage ? <p className={saveMessage.kind === 'error' ? 'notice notice--error' : undefined}>{saveMessage.text}</p> : null}
      </div>
    </div>
  );
}
