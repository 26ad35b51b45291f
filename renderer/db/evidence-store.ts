import { evidenceLinkKey } from '../../shared/evaluation/evaluation-records';
import {
  formatBytes,
  MAX_EVIDENCE_FILE_BYTES,
  titleFromFileName,
  type EvidenceDetails,
  type EvidenceItem,
} from '../../shared/evidence/evidence-records';
import { newId, nowIso, type AppDatabase, type EvidenceBlobRecord } from './app-database';
import { defaultFileHasher, type FileHasher } from './evidence-file-hashing';
import { refuseHistoricEvaluation } from './evaluation-edit-guard';
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
  hasher: FileHasher = defaultFileHasher(),
): Promise<FileIngestResult> {
  try {
    const prepared = await prepareEvidenceFile(schoolId, file, hasher, details);
    return prepared.ready ? await storePreparedEvidence(db, file, prepared.item) : prepared.result;
  } finally {
    hasher.close();
  }
}

type PreparedEvidence = { ready: true; item: EvidenceItem } | { ready: false; result: FileIngestResult };

/** Reads and hashes a file, and makes its evidence item; nothing is stored yet. */
async function prepareEvidenceFile(
  schoolId: string,
  file: File,
  hasher: FileHasher,
  details?: Partial<EvidenceDetails>,
): Promise<PreparedEvidence> {
  if (file.size > MAX_EVIDENCE_FILE_BYTES) {
    return { ready: false, result: { fileName: file.name, ok: false, message: fileTooLargeMessage(file.name, file.size) } };
  }
  try {
    const sha256 = await hasher.hash(file);
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
  const [result] = await storePreparedBatch(db, [{ file, item }]);
  return result ?? { fileName: file.name, ok: false, message: 'The file was not stored.' };
}

interface PreparedFile {
  file: File;
  item: EvidenceItem;
}

/**
 * Stores several prepared files in one transaction (each file's bytes, once per SHA-256, and its
 * item). One transaction for many files costs far less than one each. If it fails, nothing of it
 * was written (IndexedDB rolls the whole transaction back), and the files are stored again one at
 * a time, so each gets its own result: the ones that fit are kept and the one that failed says why.
 */
async function storePreparedBatch(db: AppDatabase, batch: readonly PreparedFile[]): Promise<FileIngestResult[]> {
  try {
    const deduplicated: boolean[] = [];
    await db.transaction('rw', [db.evidence, db.evidenceBlobs], async () => {
      const files = batch.map(({ file, item }) => {
        if (!item.file) throw new Error('The file was not read.');
        return { file, sha256: item.file.sha256, type: item.file.type };
      });
      // One request for the lookup and one for each table's writes, however many files.
      const found = await db.evidenceBlobs.bulkGet(files.map((f) => f.sha256));
      const stored = new Set(found.flatMap((record) => (record ? [record.sha256] : [])));
      const blobs: EvidenceBlobRecord[] = [];
      for (const { file, sha256, type } of files) {
        deduplicated.push(stored.has(sha256));
        if (stored.has(sha256)) continue;
        stored.add(sha256);
        // The File itself is stored (a slice only sets the type): no second copy of the bytes in memory.
        blobs.push({ sha256, blob: file.slice(0, file.size, type), size: file.size, type });
      }
      await db.evidenceBlobs.bulkAdd(blobs);
      await db.evidence.bulkAdd(batch.map(({ item }) => item));
    });
    return batch.map(({ file, item }, i) => ({ fileName: file.name, ok: true, item, deduplicated: deduplicated[i] ?? false }));
  } catch (error) {
    if (batch.length > 1) {
      const results: FileIngestResult[] = [];
      for (const prepared of batch) results.push(...(await storePreparedBatch(db, [prepared])));
      return results;
    }
    const name = batch[0]?.file.name ?? 'the file';
    return [{ fileName: name, ok: false, message: describeStorageError(error, `“${name}”`) }];
  }
}

/** How many files, and how many bytes, go into one transaction at most. */
const BATCH_FILES = 16;
const BATCH_BYTES = 64 * 1024 * 1024;
/**
 * How many files may be handed to the hasher ahead of the one being batched. The hasher works
 * through them a few at a time and keeps only their hashes, so this costs no memory; it must be
 * more than a batch, or the hashing waits while a batch is written.
 */
const LOOK_AHEAD_FILES = 3 * BATCH_FILES;

/**
 * Adds many files in order, reporting progress after each. Files are read and hashed in workers,
 * several at a time, and written in batches of up to 16 files or 64 MB, one transaction each; while
 * one batch is being written (the database works in another process), the next files are already
 * being read and hashed. Each batch waits for the one before, so the same bytes twice in one
 * selection are stored once.
 */
export async function addEvidenceFiles(
  db: AppDatabase,
  schoolId: string,
  files: readonly File[],
  onProgress?: (done: number, total: number, current: string) => void,
  hasher: FileHasher = defaultFileHasher(),
): Promise<FileIngestResult[]> {
  try {
    return await addPreparedInBatches(db, schoolId, files, hasher, onProgress);
  } finally {
    hasher.close();
  }
}

async function addPreparedInBatches(
  db: AppDatabase,
  schoolId: string,
  files: readonly File[],
  hasher: FileHasher,
  onProgress?: (done: number, total: number, current: string) => void,
): Promise<FileIngestResult[]> {
  // Files are read and hashed a few ahead (as many at once as the hasher has workers), in order.
  const preparing: Promise<PreparedEvidence>[] = [];
  const prepareNext = () => {
    const file = files[preparing.length];
    if (file) preparing.push(prepareEvidenceFile(schoolId, file, hasher));
  };
  for (let i = 0; i < LOOK_AHEAD_FILES; i += 1) prepareNext();

  const results: FileIngestResult[] = [];
  const nothing = (): Promise<FileIngestResult[]> => Promise.resolve([]);
  let writing = nothing();
  let batch: PreparedFile[] = [];
  let batchBytes = 0;
  const flush = async (): Promise<void> => {
    const full = batch;
    batch = [];
    batchBytes = 0;
    results.push(...(await writing));
    writing = full.length > 0 ? storePreparedBatch(db, full) : nothing();
  };
  for (const [index, file] of files.entries()) {
    onProgress?.(index, files.length, file.name);
    const prepared = await (preparing[index] ?? prepareEvidenceFile(schoolId, file, hasher));
    prepareNext();
    if (!prepared.ready) {
      // A file that could not be read keeps its place in the results.
      await flush();
      results.push(...(await writing), prepared.result);
      writing = nothing();
      continue;
    }
    batch.push({ file, item: prepared.item });
    batchBytes += file.size;
    if (batch.length >= BATCH_FILES || batchBytes >= BATCH_BYTES) await flush();
  }
  await flush();
  results.push(...(await writing));
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

/** Links evidence to a criterion; refused (HistoricEvaluationError, nothing written) on an evaluation on a historic edition. */
export async function linkEvidence(db: AppDatabase, evaluationId: string, criterionId: string, evidenceId: string): Promise<void> {
  await db.transaction('rw', [db.evidenceLinks, db.evaluations, db.frameworks], async () => {
    await refuseHistoricEvaluation(db, evaluationId);
    await db.evidenceLinks.put({ key: evidenceLinkKey(evaluationId, criterionId, evidenceId), evaluationId, criterionId, evidenceId });
  });
}

/** Unlinks evidence from a criterion; refused as linkEvidence is on a historic edition. */
export async function unlinkEvidence(db: AppDatabase, evaluationId: string, criterionId: string, evidenceId: string): Promise<void> {
  await db.transaction('rw', [db.evidenceLinks, db.evaluations, db.frameworks], async () => {
    await refuseHistoricEvaluation(db, evaluationId);
    await db.evidenceLinks.delete(evidenceLinkKey(evaluationId, criterionId, evidenceId));
  });
}

export async function evidenceBlob(db: AppDatabase, sha256: string): Promise<Blob | null> {
  return (await db.evidenceBlobs.get(sha256))?.blob ?? null;
}
