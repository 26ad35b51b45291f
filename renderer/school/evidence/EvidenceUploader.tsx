import { useId, useRef, useState } from 'react';
import { evaluationEditable } from '../../../shared/evaluation/evaluation-editable';
import { formatBytes, MAX_EVIDENCE_FILE_BYTES, type EvidenceItem } from '../../../shared/evidence/evidence-records';
import type { AppliedFramework } from '../../../shared/framework/applied-framework';
import { useServices } from '../../app/app-context';
import { addEvidenceFiles, alreadyInLibraryMessage, linkEvidence, type FileIngestResult } from '../../db/evidence-store';
import { ensureEvidenceThumbnail } from '../../db/evidence-thumbnails';
import { useThumbnailMaker } from './thumbnail-maker';
import { describeStorageError } from '../../db/storage-errors';
import { CriterionOptions } from '../../ui/CriterionOptions';
import { FileDropZone } from '../../ui/FileDropZone';
import { StatusMessage } from '../../ui/StatusMessage';

interface Progress {
  done: number;
  total: number;
  current: string;
}

interface Outcome {
  results: FileIngestResult[];
  linkedTo: string | null;
  linkProblem: string | null;
}

/**
 * Adds files to the school's evidence library, by drag and drop or with the file button (the
 * keyboard way in), showing progress file by file and what happened to each.
 */
export function EvidenceUploader({
  schoolId,
  evaluationId,
  framework,
}: {
  schoolId: string;
  evaluationId: string;
  framework: AppliedFramework;
}) {
  const { db } = useServices();
  const thumbnailMaker = useThumbnailMaker();
  const ids = useId();
  const [progress, setProgress] = useState<Progress | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [linkTo, setLinkTo] = useState('');
  // On a historic edition files go into the school's library but are not linked to this evaluation.
  const linksEditable = evaluationEditable(framework).editable;
  // A second drop while files are being added waits for nothing: it is refused, and says so.
  const busyRef = useRef(false);
  const [refusedWhileBusy, setRefusedWhileBusy] = useState(false);

  const ingest = async (files: File[]) => {
    if (files.length === 0) return;
    if (busyRef.current) {
      setRefusedWhileBusy(true);
      return;
    }
    busyRef.current = true;
    setRefusedWhileBusy(false);
    setOutcome(null);
    setProgress({ done: 0, total: files.length, current: files[0]?.name ?? '' });
    const criterionId = linkTo || null;
    try {
      const results = await addEvidenceFiles(db, schoolId, files, (done, total, current) => setProgress({ done, total, current }));
      let linkProblem: string | null = null;
      if (criterionId) {
        try {
          for (const result of results) if (result.ok && result.item) await linkEvidence(db, evaluationId, criterionId, result.item.id);
        } catch (error) {
          linkProblem = describeStorageError(error, `the links to ${criterionId}`);
        }
      }
      setOutcome({ results, linkedTo: criterionId, linkProblem });
      // Thumbnails of the new files are made now, in the background, for the card view.
      if (thumbnailMaker) {
        for (const result of results) {
          const sha256 = result.ok ? result.item?.file?.sha256 : undefined;
          if (sha256) void ensureEvidenceThumbnail(db, thumbnailMaker, sha256).catch(() => undefined);
        }
      }
    } finally {
      busyRef.current = false;
      setProgress(null);
    }
  };

  const added = outcome?.results.filter((r) => r.ok && r.item) ?? [];
  const already = outcome?.results.filter((r) => r.ok && r.existing) ?? [];
  const failed = outcome?.results.filter((r) => !r.ok) ?? [];
  const busy = progress !== null;
  const statusLine = progress
    ? progress.done < progress.total
      ? `Adding ${progress.done + 1} of ${progress.total}: ${progress.current}`
      : 'Finishing…'
    : outcome
      ? summarise(added.length, already.length, failed.length, outcome.linkedTo)
      : '';

  return (
    <div className="evidence-uploader" aria-busy={busy || undefined}>
      {linksEditable ? (
        <div className="field">
          <label htmlFor={`${ids}-link-to`}>Link the new files to a criterion (optional)</label>
          <p className="hint" id={`${ids}-link-to-hint`}>
            You can also link them later, one by one.
          </p>
          <select
            id={`${ids}-link-to`}
            aria-describedby={`${ids}-link-to-hint`}
            value={linkTo}
            onChange={(e) => setLinkTo(e.target.value)}
            disabled={busy}
          >
            <option value="">Do not link them yet</option>
            <CriterionOptions framework={framework} />
          </select>
        </div>
      ) : null}
      <FileDropZone
        title="Drop files here to add them"
        hint={
          <>
            Drag files from a folder and drop them in this box, or use the button to choose them. Each file can be up to{' '}
            {formatBytes(MAX_EVIDENCE_FILE_BYTES)}. Files are kept on this computer, inside the app.
          </>
        }
        chooseLabel="Choose files to add"
        disabled={busy}
        onFiles={(files) => void ingest(files)}
      />
      {progress ? (
        <div className="upload-progress">
          <label htmlFor={`${ids}-progress`}>Progress adding files</label>
          <progress id={`${ids}-progress`} max={progress.total} value={progress.done}>
            {progress.done} of {progress.total}
          </progress>
        </div>
      ) : null}
      <div role="status" aria-live="polite" className="inline-status">
        {statusLine ? <p>{statusLine}</p> : null}
        {refusedWhileBusy ? <p>Wait until the files being added are finished, then add more.</p> : null}
      </div>
      {added.length > 0 ? (
        <ul className="upload-results" aria-label="Files added">
          {added.map((result, index) => (
            <li key={`${index}-${result.fileName}`}>
              {result.deduplicated
                ? `“${result.fileName}” added. The same file is already stored, so it was not stored twice.`
                : `“${result.fileName}” added.`}
            </li>
          ))}
        </ul>
      ) : null}
      {already.length > 0 ? (
        <ul className="upload-results" aria-label="Files already in your library">
          {already.map((result, index) =>
            result.existing ? (
              <AlreadyInLibrary
                key={`${index}-${result.fileName}`}
                fileName={result.fileName}
                existing={result.existing}
                evaluationId={evaluationId}
                criterionId={outcome?.linkedTo ?? null}
              />
            ) : null,
          )}
        </ul>
      ) : null}
      {failed.length > 0 || outcome?.linkProblem ? (
        <StatusMessage kind="error">
          <p>
            {failed.length === 1
              ? 'One file was not added:'
              : failed.length > 1
                ? `${failed.length} files were not added:`
                : 'The files were added, but:'}
          </p>
          <ul>
            {failed.map((result, index) => (
              <li key={`${index}-${result.fileName}`}>{result.message ?? `“${result.fileName}” was not added.`}</li>
            ))}
            {outcome?.linkProblem ? <li>{outcome.linkProblem}</li> : null}
          </ul>
        </StatusMessage>
      ) : null}
    </div>
  );
}

/** A file the school already has: said so, with its item's title, and a way to link that item where the upload was for a criterion. */
function AlreadyInLibrary({
  fileName,
  existing,
  evaluationId,
  criterionId,
}: {
  fileName: string;
  existing: EvidenceItem;
  evaluationId: string;
  criterionId: string | null;
}) {
  const { db } = useServices();
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const link = async (target: string) => {
    setBusy(true);
    try {
      await linkEvidence(db, evaluationId, target, existing.id);
      setMessage({ kind: 'success', text: `Linked “${existing.title}” to ${target}.` });
    } catch (error) {
      setMessage({ kind: 'error', text: describeStorageError(error, `the link to ${target}`) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <li>
      {alreadyInLibraryMessage(fileName, existing)}{' '}
      {criterionId && message?.kind !== 'success' ? (
        <button type="button" className="button button--secondary" disabled={busy} onClick={() => void link(criterionId)}>
          Link it to {criterionId}
        </button>
      ) : null}
      {message ? <StatusMessage kind={message.kind}>{message.text}</StatusMessage> : null}
    </li>
  );
}

function summarise(added: number, already: number, failed: number, linkedTo: string | null): string {
  const files = (n: number) => (n === 1 ? '1 file' : `${n} files`);
  const parts: string[] = [];
  if (added > 0) parts.push(`Added ${files(added)}${linkedTo ? ` and linked ${added === 1 ? 'it' : 'them'} to ${linkedTo}` : ''}.`);
  if (already > 0) parts.push(`${already === 1 ? '1 file was' : `${already} files were`} already in your library, so not added again.`);
  if (failed > 0) parts.push(`${files(failed)} not added.`);
  return parts.join(' ');
}
