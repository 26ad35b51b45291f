import { evidenceLinkKey, type EvidenceLink } from '../../shared/evaluation/evaluation-records';
import {
  applyBulkChange,
  bulkChangeProblems,
  bulkChangeSummary,
  type EvidenceBulkChange,
} from '../../shared/evidence/evidence-bulk-change';
import { dateFromFileName, suggestEvidenceKind } from '../../shared/evidence/evidence-name-guess';
import {
  formatBytes,
  MAX_EVIDENCE_FILE_BYTES,
  titleFromFileName,
  type EvidenceDetails,
  type EvidenceItem,
} from '../../shared/evidence/evidence-records';
import { newId, nowIso, type AppDatabase, type EvidenceBlobRecord } from './app-database';
import { recordProgressSnapshot } from './progress-snapshots';
import { defaultFileHasher, type FileHasher } from './evidence-file-hashing';
import { refuseHistoricEvaluation } from './evaluation-edit-guard';
import { describeStorageError, UserFacingError } from './storage-errors';

export interface FileIngestResult {
  fileName: string;
  ok: boolean;
  item?: EvidenceItem;
  /** True when the same bytes were already stored, so no new copy was made. */
  deduplicated?: boolean;
  /**
   * The school's own item that already holds these bytes (same SHA-256): nothing was added, and
   * `item` is absent. The person may link that item instead.
   */
  existing?: EvidenceItem;
  message?: string;
}

/** What the upload says about a file the school already has. */
export function alreadyInLibraryMessage(fileName: string, existing: EvidenceItem): string {
  return `“${fileName}” is already in your library as “${existing.title}”, so it was not added again.`;
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
    const suggestedKind = details?.kind === undefined ? suggestEvidenceKind(file.name) : null;
    return {
      ready: true,
      item: {
        id: newId(),
        schoolId,
        title: details?.title ?? titleFromFileName(file.name),
        kind: details?.kind ?? 'other',
        ...(suggestedKind && suggestedKind !== 'other' ? { suggestedKind } : {}),
        // The document's own date when its name carries one; the day the file was saved on this
        // computer is often just the day it was copied, so it is not taken for the document's date.
        date: details?.date ?? dateFromFileName(file.name),
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
    const outcomes: { deduplicated: boolean; existing: EvidenceItem | undefined }[] = [];
    await db.transaction('rw', [db.evidence, db.evidenceBlobs], async () => {
      const files = batch.map(({ file, item }) => {
        if (!item.file) throw new Error('The file was not read.');
        return { file, item, sha256: item.file.sha256, type: item.file.type };
      });
      const hashes = files.map((f) => f.sha256);
      // One request for each lookup and one for each table's writes, however many files.
      const [found, sameFiles] = await Promise.all([
        db.evidenceBlobs.bulkGet(hashes),
        db.evidence.where('file.sha256').anyOf(hashes).toArray(),
      ]);
      const stored = new Set(found.flatMap((record) => (record ? [record.sha256] : [])));
      // The school's own items by the bytes they hold: a file it already has is not added twice.
      const inLibrary = new Map<string, EvidenceItem>();
      for (const item of sameFiles) {
        if (item.schoolId === files[0]?.item.schoolId && item.file && !inLibrary.has(item.file.sha256))
          inLibrary.set(item.file.sha256, item);
      }
      const blobs: EvidenceBlobRecord[] = [];
      const items: EvidenceItem[] = [];
      for (const { file, item, sha256, type } of files) {
        const existing = inLibrary.get(sha256);
        outcomes.push({ deduplicated: stored.has(sha256), existing });
        if (existing) continue;
        inLibrary.set(sha256, item);
        items.push(item);
        if (stored.has(sha256)) continue;
        stored.add(sha256);
        // The File itself is stored (a slice only sets the type): no second copy of the bytes in memory.
        blobs.push({ sha256, blob: file.slice(0, file.size, type), size: file.size, type });
      }
      await db.evidenceBlobs.bulkAdd(blobs);
      await db.evidence.bulkAdd(items);
    });
    return batch.map(({ file, item }, i): FileIngestResult => {
      const outcome = outcomes[i];
      if (outcome?.existing)
        return { fileName: file.name, ok: true, existing: outcome.existing, message: alreadyInLibraryMessage(file.name, outcome.existing) };
      return { fileName: file.name, ok: true, item, deduplicated: outcome?.deduplicated ?? false };
    });
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
  // Every file is handed to the hasher at once: it reads and hashes them in order, as many at a
  // time as it has workers, and keeps only their hashes, so this costs no memory; and the hashing
  // never waits while a batch is written.
  const preparing = files.map((file) => prepareEvidenceFile(schoolId, file, hasher));

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

/** Saves a person's details for one item; saving a kind settles the kind its file name suggested. */
export async function updateEvidence(db: AppDatabase, id: string, details: Partial<EvidenceDetails>): Promise<void> {
  const updatedAt = nowIso();
  await db.evidence
    .where('id')
    .equals(id)
    .modify((item) => {
      Object.assign(item, details, { updatedAt });
      if (details.kind !== undefined) delete item.suggestedKind;
    });
}

export type BulkChangeResult = { ok: true; updated: number; message: string } | { ok: false; message: string };

/**
 * Makes one change to many items of a school's library, and links or unlinks them in one evaluation,
 * all in one transaction: every selected item changes, or (when the change is refused or storage
 * fails) none does. Items no longer in the library are left out of the count.
 */
export async function updateEvidenceItems(
  db: AppDatabase,
  schoolId: string,
  evaluationId: string,
  ids: readonly string[],
  change: EvidenceBulkChange,
): Promise<BulkChangeResult> {
  const problems = Object.values(bulkChangeProblems(change, ids.length));
  if (problems.length > 0) return { ok: false, message: `${problems.join('. ')}.` };
  try {
    const now = nowIso();
    const changesLinks = (change.linkCriterionIds ?? []).length + (change.unlinkCriterionIds ?? []).length > 0;
    const updated = await db.transaction(
      'rw',
      [db.evidence, db.evidenceLinks, db.evaluations, db.frameworks, db.responses, db.progressSnapshots],
      async () => {
        // The files' details are the school's to change; their links to a historic evaluation are not.
        if (changesLinks) await refuseHistoricEvaluation(db, evaluationId);
        const found = (await db.evidence.bulkGet([...ids])).filter(
          (item): item is EvidenceItem => item !== undefined && item.schoolId === schoolId,
        );
        await db.evidence.bulkPut(found.map((item) => applyBulkChange(item, change, now)));
        const links: EvidenceLink[] = [];
        for (const criterionId of change.linkCriterionIds ?? [])
          for (const item of found)
            links.push({ key: evidenceLinkKey(evaluationId, criterionId, item.id), evaluationId, criterionId, evidenceId: item.id });
        await db.evidenceLinks.bulkPut(links);
        const unlinked = (change.unlinkCriterionIds ?? []).flatMap((criterionId) =>
          found.map((item) => evidenceLinkKey(evaluationId, criterionId, item.id)),
        );
        await db.evidenceLinks.bulkDelete(unlinked);
        if (changesLinks) await recordProgressSnapshot(db, evaluationId, now);
        return found.length;
      },
    );
    return { ok: true, updated, message: bulkChangeSummary(updated) };
  } catch (error) {
    return { ok: false, message: describeStorageError(error, 'the change to the selected files') };
  }
}

/** Deletes an item and its links; the stored bytes (and their thumbnail) go too when no other item uses them. */
export async function deleteEvidence(db: AppDatabase, id: string): Promise<void> {
  await db.transaction('rw', [db.evidence, db.evidenceBlobs, db.evidenceLinks, db.evidenceThumbnails], async () => {
    const item = await db.evidence.get(id);
    if (!item) return;
    await db.evidenceLinks.where('evidenceId').equals(id).delete();
    await db.evidence.delete(id);
    if (item.file) {
      const stillUsed = await db.evidence.where('file.sha256').equals(item.file.sha256).count();
      if (stillUsed === 0) {
        await db.evidenceBlobs.delete(item.file.sha256);
        await db.evidenceThumbnails.delete(item.file.sha256);
      }
    }
  });
}

/** Links evidence to a criterion; refused (HistoricEvaluationError, nothing written) on an evaluation on a historic edition. */
export async function linkEvidence(db: AppDatabase, evaluationId: string, criterionId: string, evidenceId: string): Promise<void> {
  await db.transaction('rw', [db.evidenceLinks, db.evaluations, db.frameworks, db.responses, db.progressSnapshots], async () => {
    await refuseHistoricEvaluation(db, evaluationId);
    await db.evidenceLinks.put({ key: evidenceLinkKey(evaluationId, criterionId, evidenceId), evaluationId, criterionId, evidenceId });
    await recordProgressSnapshot(db, evaluationId, nowIso());
  });
}

/** Takes the evidence off the criterion; returns the link it removed (to put back with restoreEvidenceLink), or null when there was none. */
export async function unlinkEvidence(
  db: AppDatabase,
  evaluationId: string,
  criterionId: string,
  evidenceId: string,
): Promise<EvidenceLink | null> {
  const key = evidenceLinkKey(evaluationId, criterionId, evidenceId);
  return db.transaction('rw', [db.evidenceLinks, db.evaluations, db.frameworks, db.responses, db.progressSnapshots], async () => {
    await refuseHistoricEvaluation(db, evaluationId);
    const link = await db.evidenceLinks.get(key);
    if (!link) return null;
    await db.evidenceLinks.delete(key);
    await recordProgressSnapshot(db, evaluationId, nowIso());
    return link;
  });
}

/**
 * Puts back a link unlinkEvidence removed, as it was, in one transaction. Nothing is written when
 * the evidence itself has been deleted since ('evidence-gone'), so no link points at nothing.
 */
export async function restoreEvidenceLink(db: AppDatabase, link: EvidenceLink): Promise<'restored' | 'evidence-gone'> {
  return db.transaction(
    'rw',
    [db.evidence, db.evidenceLinks, db.evaluations, db.frameworks, db.responses, db.progressSnapshots],
    async () => {
      await refuseHistoricEvaluation(db, link.evaluationId);
      if (!(await db.evidence.get(link.evidenceId))) return 'evidence-gone';
      await db.evidenceLinks.put(link);
      await recordProgressSnapshot(db, link.evaluationId, nowIso());
      return 'restored';
    },
  );
}

export async function evidenceBlob(db: AppDatabase, sha256: string): Promise<Blob | null> {
  return (await db.evidenceBlobs.get(sha256))?.blob ?? null;
}
