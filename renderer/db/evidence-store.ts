import { evidenceLinkKey } from '../../shared/evaluation/evaluation-records';
import {
  formatBytes,
  MAX_EVIDENCE_FILE_BYTES,
  titleFromFileName,
  type EvidenceDetails,
  type EvidenceItem,
} from '../../shared/evidence/evidence-records';
import { sha256Hex } from '../../shared/formats/sha256';
import { newId, nowIso, type AppDatabase } from './app-database';
import { describeStorageError, UserFacingError } from './storage-errors';

export interface FileIngestResult {
  fileName: string;
  ok: boolean;
  item?: EvidenceItem;
  /** True when the same bytes were already stored, so no new copy was made. */
  deduplicated?: boolean;
  message?: string;
}

export function fileTooLargeMessage(name: string, size: number): string {
  return `“${name}” is ${formatBytes(size)}, which is over the ${formatBytes(MAX_EVIDENCE_FILE_BYTES)} limit for one file. It was not added. Save a smaller copy (for example, only the pages you need) or record where the original is held instead.`;
}

/**
 * Stores one file as evidence: hashes it, stores the bytes once under their SHA-256, and adds
 * the evidence item, all in one transaction, so a failure leaves nothing half-written.
 */
export async function addEvidenceFile(
  db: AppDatabase,
  schoolId: string,
  file: File,
  details?: Partial<EvidenceDetails>,
): Promise<FileIngestResult> {
  const prepared = await prepareEvidenceFile(schoolId, file, details);
  return prepared.ready ? storePreparedEvidence(db, file, prepared.item) : prepared.result;
}

type PreparedEvidence = { ready: true; item: EvidenceItem } | { ready: false; result: FileIngestResult };

/** Reads and hashes a file, and makes its evidence item; nothing is stored yet. */
async function prepareEvidenceFile(schoolId: string, file: File, details?: Partial<EvidenceDetails>): Promise<PreparedEvidence> {
  if (file.size > MAX_EVIDENCE_FILE_BYTES) {
    return { ready: false, result: { fileName: file.name, ok: false, message: fileTooLargeMessage(file.name, file.size) } };
  }
  try {
    const sha256 = await sha256Hex(new Uint8Array(await file.arrayBuffer()));
    const now = nowIso();
    const type = file.type || 'application/octet-stream';
    return {
      ready: true,
      item: {
        id: newId(),
        schoolId,
        title: details?.title ?? titleFromFileName(file.name),
        kind: details?.kind ?? 'other',
        date: details?.date ?? (file.lastModified ? new Date(file.lastModified).toISOString().slice(0, 10) : ''),
        description: details?.description ?? '',
        heldAt: details?.heldAt ?? '',
        containsPersonalData: details?.containsPersonalData ?? false,
        redactionConfirmed: details?.redactionConfirmed ?? false,
        file: { name: file.name, type, size: file.size, sha256 },
        createdAt: now,
        updatedAt: now,
      },
    };
  } catch (error) {
    return { ready: false, result: { fileName: file.name, ok: false, message: describeStorageError(error, `“${file.name}”`) } };
  }
}

/** Stores the bytes (once per SHA-256) and the item in one transaction: all or nothing. */
async function storePreparedEvidence(db: AppDatabase, file: File, item: EvidenceItem): Promise<FileIngestResult> {
  const stored = item.file;
  if (!stored) return { fileName: file.name, ok: false, message: 'The file was not read.' };
  try {
    let deduplicated = false;
    await db.transaction('rw', [db.evidence, db.evidenceBlobs], async () => {
      deduplicated = (await db.evidenceBlobs.get(stored.sha256)) !== undefined;
      // The File itself is stored (a slice only sets the type): no second copy of the bytes in memory.
      if (!deduplicated) {
        await db.evidenceBlobs.add({
          sha256: stored.sha256,
          blob: file.slice(0, file.size, stored.type),
          size: file.size,
          type: stored.type,
        });
      }
      await db.evidence.add(item);
    });
    return { fileName: file.name, ok: true, item, deduplicated };
  } catch (error) {
    return { fileName: file.name, ok: false, message: describeStorageError(error, `“${file.name}”`) };
  }
}

/**
 * Adds many files in order, reporting progress after each. While one file is being written (the
 * database works in another process), the next is already read and hashed; each write still
 * waits for the one before, so the same bytes twice in one batch are stored once.
 */
export async function addEvidenceFiles(
  db: AppDatabase,
  schoolId: string,
  files: readonly File[],
  onProgress?: (done: number, total: number, current: string) => void,
): Promise<FileIngestResult[]> {
  const results: FileIngestResult[] = [];
  let writing: Promise<FileIngestResult> | null = null;
  for (const [index, file] of files.entries()) {
    onProgress?.(index, files.length, file.name);
    const prepared = await prepareEvidenceFile(schoolId, file);
    if (writing) results.push(await writing);
    writing = prepared.ready ? storePreparedEvidence(db, file, prepared.item) : Promise.resolve(prepared.result);
  }
  if (writing) results.push(await writing);
  onProgress?.(files.length, files.length, '');
  return results;
}

/** Evidence with no file: a record of what it is and where the original is held. */
export async function addEvidenceRecord(db: AppDatabase, schoolId: string, details: EvidenceDetails): Promise<EvidenceItem> {
  if (details.title.trim() === '') throw new UserFacingError('Give the evidence a title.');
  const now = nowIso();
  const item: EvidenceItem = { ...details, id: newId(), schoolId, file: null, createdAt: now, updatedAt: now };
  await db.evidence.add(item);
  return item;
}

export async function updateEvidence(db: AppDatabase, id: string, details: Partial<EvidenceDetails>): Promise<void> {
  await db.evidence.update(id, { ...details, updatedAt: nowIso() });
}

/** Deletes an item and its links; the stored bytes go too when no other item uses them. */
export async function deleteEvidence(db: AppDatabase, id: string): Promise<void> {
  await db.transaction('rw', [db.evidence, db.evidenceBlobs, db.evidenceLinks], async () => {
    const item = await db.evidence.get(id);
    if (!item) return;
    await db.evidenceLinks.where('evidenceId').equals(id).delete();
    await db.evidence.delete(id);
    if (item.file) {
      const stillUsed = await db.evidence.where('file.sha256').equals(item.file.sha256).count();
      if (stillUsed === 0) await db.evidenceBlobs.delete(item.file.sha256);
    }
  });
}

export async function linkEvidence(db: AppDatabase, evaluationId: string, criterionId: string, evidenceId: string): Promise<void> {
  await db.evidenceLinks.put({ key: evidenceLinkKey(evaluationId, criterionId, evidenceId), evaluationId, criterionId, evidenceId });
}

export async function unlinkEvidence(db: AppDatabase, evaluationId: string, criterionId: string, evidenceId: string): Promise<void> {
  await db.evidenceLinks.delete(evidenceLinkKey(evaluationId, criterionId, evidenceId));
}

export async function evidenceBlob(db: AppDatabase, sha256: string): Promise<Blob | null> {
  return (await db.evidenceBlobs.get(sha256))?.blob ?? null;
}
