import type { AppDatabase } from '../db/app-database';
import { importedSubmissionPdf } from '../db/submission-import-store';
import type { VerifyRunner } from './verify-jobs';

export type EmbeddedFileRead = { ok: true; blob: Blob } | { ok: false; message: string };

/** The last few files read, so moving between criteria that share evidence does not read the PDF again. */
const RECENT_LIMIT = 6;
const recent = new Map<string, Blob>();

/**
 * Reads one embedded file (an evidence file) out of a submission PDF kept in a moderator
 * workspace. The PDF's signature is checked again in the verify worker before the file is taken
 * out, so what is shown is exactly what the school signed.
 */
export async function readEmbeddedFile(
  db: AppDatabase,
  verifyJobs: VerifyRunner,
  pdfSha256: string,
  attachmentName: string,
  mediaType: string,
): Promise<EmbeddedFileRead> {
  const cacheKey = `${pdfSha256}|${attachmentName}`;
  const cached = recent.get(cacheKey);
  if (cached) return { ok: true, blob: cached };
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    const pdf = await importedSubmissionPdf(db, pdfSha256);
    if (!pdf)
      return { ok: false, message: 'The stored copy of the submission PDF is missing. Import the submission again to read its files.' };
    bytes = new Uint8Array(await pdf.arrayBuffer());
  } catch {
    return { ok: false, message: 'The submission PDF could not be read from this computer’s storage. Reload the app and try again.' };
  }
  const result = await verifyJobs.verify({ kind: 'attachment', bytes, name: attachmentName });
  if (result.kind !== 'attachment')
    return { ok: false, message: result.kind === 'failed' ? result.message : 'The file could not be read.' };
  if (!result.bytes) return { ok: false, message: result.message || 'The file could not be read from the submission.' };
  const blob = new Blob([result.bytes], { type: mediaType || 'application/octet-stream' });
  recent.set(cacheKey, blob);
  while (recent.size > RECENT_LIMIT) {
    const oldest = recent.keys().next().value;
    if (oldest === undefined) break;
    recent.delete(oldest);
  }
  return { ok: true, blob };
}
