import { useState } from 'react';
import type { SigningIdentity } from '../../shared/submission/submission-exporter';
import { useServices } from '../app/app-context';
import { ensureSigningIdentity, type SigningSubject } from '../db/signing-key-store';
import { describeStorageError } from '../db/storage-errors';
import type { PdfJobRequest, PdfJobResult } from './pdf-jobs';
import { usePdfJob } from './use-pdf-job';

/** A PDF the app keeps (a submission, a moderation report): the exact bytes, ready to save again. */
export interface RecordedPdf {
  fileName: string;
  pdf: Blob;
}

/** A PDF the worker finished. */
export type MadePdf = Extract<PdfJobResult, { ok: true }>;

/**
 * Saves a kept PDF again, byte for byte. What happened is a status line (`notice`); a file that
 * could not be written is an alert (`failure`).
 */
export function useSaveAgain() {
  const { platform } = useServices();
  const [notice, setNotice] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const saveAgain = async (record: RecordedPdf) => {
    setFailure(null);
    setNotice(null);
    try {
      const result = await platform.saveFile(record.fileName, record.pdf);
      setNotice(result === 'saved' ? `Saved ${record.fileName} again: the same file, byte for byte.` : 'Not saved.');
    } catch (error) {
      setFailure(describeStorageError(error, record.fileName));
    }
  };

  return { notice, setNotice, failure, setFailure, saveAgain };
}

/**
 * The signed export of a submission or a moderation report: the workspace's signing key (made on
 * first use), the PDF made and signed in the worker with progress and Cancel, the finished PDF
 * recorded, then offered to save. Nothing is recorded unless the PDF was finished and signed.
 * Storage problems and a PDF that could not be made are alerts (`failure`); Cancel says so as the
 * screen chooses: an alert, or a status line (`notice`) beside "Save again".
 */
export function useSignedExport<R extends RecordedPdf>({ what, cancelled }: { what: string; cancelled: 'alert' | 'status' }) {
  const { db, platform } = useServices();
  const { job, start, cancel } = usePdfJob();
  const { notice, setNotice, failure, setFailure, saveAgain } = useSaveAgain();
  const [preparing, setPreparing] = useState(false);
  const [exported, setExported] = useState<R | null>(null);

  /**
   * `prepare` gathers the worker's request, given the signing identity; `record` keeps the finished
   * PDF and returns the record (null when there is nothing to keep).
   */
  const exportSigned = async (
    subject: SigningSubject,
    prepare: (signing: SigningIdentity) => Promise<PdfJobRequest>,
    record: (made: MadePdf) => Promise<R | null>,
  ) => {
    setFailure(null);
    setExported(null);
    setNotice(null);
    setPreparing(true);
    let request: PdfJobRequest;
    try {
      const { privateKey, certificateDer, certificateFingerprint, issuerCertificatesDer } = await ensureSigningIdentity(db, subject);
      request = await prepare({
        privateKey,
        certificateDer,
        certificateFingerprint,
        ...(issuerCertificatesDer ? { issuerCertificatesDer } : {}),
      });
    } catch (error) {
      setFailure(describeStorageError(error, what));
      setPreparing(false);
      return;
    }
    setPreparing(false);
    const result = await start(request);
    if (!result.ok) {
      if (result.cancelled && cancelled === 'status') setNotice(result.message);
      else setFailure(result.message);
      return;
    }
    try {
      const recorded = await record(result);
      if (!recorded) return;
      setExported(recorded);
      await platform.saveFile(recorded.fileName, recorded.pdf);
    } catch (error) {
      setFailure(describeStorageError(error, what));
    }
  };

  return {
    job,
    cancel,
    /** From the press until the PDF is finished, failed or cancelled (the data is gathered first). */
    busy: preparing || job.state === 'running',
    failure,
    notice,
    exported,
    exportSigned,
    saveAgain,
  };
}
