import { createCatalogue, frameworkForRegion, type FrameworkCatalogue } from '../../../shared/framework/framework-catalogue';
import type { AppliedFramework } from '../../../shared/framework/applied-framework';
import { loadShippedData } from '../../../shared/framework/shipped-frameworks';
import { evidenceLinkKey, responseKey } from '../../../shared/evaluation/evaluation-records';
import { DECLARATION_STATEMENT, submissionFileName, type SubmissionDocument } from '../../../shared/submission/submission-format';
import type { SubmissionSnapshot } from '../../../shared/submission/submission-builder';
import { AppDatabase, newId, nowIso } from '../../../renderer/db/app-database';
import { openAppDatabase } from '../../../renderer/db/database-guard';
import { HASHING_WORKERS, workerFileHasher } from '../../../renderer/db/evidence-file-hashing';
import { addEvidenceFiles, type FileIngestResult } from '../../../renderer/db/evidence-store';
import { importFrameworkFile } from '../../../renderer/db/framework-store';
import { createModeratorWorkspace } from '../../../renderer/db/moderator-store';
import { ensureSigningIdentity, schoolSigningSubject } from '../../../renderer/db/signing-key-store';
import { importVerifiedSubmission } from '../../../renderer/db/submission-import-store';
import { loadSubmissionSnapshot, nextSubmissionVersion, recordSubmission } from '../../../renderer/db/submission-store';
import { startLayoutWorker } from '../../../renderer/export/layout-jobs';
import { workerPdfJobRunner, type PdfJobRequest } from '../../../renderer/export/pdf-jobs';
import { workerVerifyRunner } from '../../../renderer/export/verify-jobs';
import { benchFramework, benchSchool, hashBenchFiles, type BenchSchool } from '../bench-dataset';
import type { BenchApi, ExportParts, ExportResult, ImportResult, IngestResult, QueueSeedResult, SetupInfo, Timed } from '../bench-api';
import { queueDataset } from '../queue-dataset';
import { SUBMISSION_UPLOAD_PATH } from '../bench-server-paths';
import type { BaselineReply, BaselineRequest } from './bench-worker';
import {
  folderCopy,
  folderForget,
  folderMultiply,
  folderPartnership,
  folderRelease,
  folderScan,
  folderVerifyAlone,
} from './folder-bench-page';

/**
 * The benchmark's page: it builds the data set here (so hundreds of megabytes never cross the
 * automation protocol) and runs the app's own code on it: the stores, the export and verify
 * workers. Served from the app's origin, so it shares the app's IndexedDB.
 */
declare const __APP_VERSION__: string;

const REGION_NAME = 'North East';

interface State {
  db: AppDatabase;
  framework: AppliedFramework;
  catalogue: FrameworkCatalogue;
  snapshot: SubmissionSnapshot;
  workspaceId: string;
  /** The data set's files (bytes), until they are stored. */
  school: BenchSchool | null;
  ingested: FileIngestResult[];
  /** The exported PDF, until it is imported. */
  pdf: Blob | null;
  /** The last export's document and framework: what its pages were laid out from. */
  laidOut: { document: SubmissionDocument; framework: AppliedFramework } | null;
}

let state: State | null = null;

function current(): State {
  if (!state) throw new Error('Call bench.setup() first.');
  return state;
}

const now = () => performance.now();

function baselineWorker(request: BaselineRequest, transfer: Transferable[] = []): Promise<BaselineReply> {
  const worker = new Worker(new URL('./bench-worker.ts', import.meta.url), { type: 'module', name: 'bench-baseline' });
  return new Promise<BaselineReply>((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<BaselineReply>) => {
      worker.terminate();
      resolve(event.data);
    };
    worker.onerror = (event) => {
      worker.terminate();
      reject(new Error(`baseline worker failed: ${event.message}`));
    };
    worker.postMessage(request, transfer);
  });
}

async function setup(): Promise<SetupInfo> {
  const started = now();
  const framework = await benchFramework();
  const school = await benchSchool(framework);
  const generateMs = now() - started;

  const db = new AppDatabase();
  const opened = await openAppDatabase(db, __APP_VERSION__);
  if (!opened.ok) throw new Error(opened.message);
  // The framework goes in as a partnership's own file would (Settings › Frameworks › Import).
  const shipped = await loadShippedData();
  const imported = await importFrameworkFile(db, 'bench-large.json', JSON.stringify(framework.base.written), shipped.frameworks);
  if (!imported.ok) throw new Error(`framework import failed: ${imported.problems.join('; ')}`);
  if (imported.framework.contentHash !== framework.base.contentHash) throw new Error('the imported framework has another hash');
  const catalogue = createCatalogue([...shipped.frameworks, imported.framework], shipped.regions);

  const { snapshot } = school;
  await db.transaction('rw', [db.schools, db.evaluations, db.responses, db.actions], async () => {
    await db.schools.put(snapshot.school);
    await db.evaluations.put(snapshot.evaluation);
    await db.responses.bulkPut([...snapshot.responses]);
    await db.actions.bulkPut([...snapshot.actions]);
  });
  const workspace = await createModeratorWorkspace(db, {
    moderatorName: 'Benchmark Moderator',
    organisation: 'North East SEN Partnership',
    regionId: 'north-east',
  });
  state = { db, framework, catalogue, snapshot, workspaceId: workspace.id, school, ingested: [], pdf: null, laidOut: null };
  return {
    evaluationId: snapshot.evaluation.id,
    schoolId: snapshot.school.id,
    criteria: framework.criteria.length,
    criterionIds: framework.criteria.map((c) => c.id),
    evidenceFiles: school.files.length,
    evidenceBytes: school.totalBytes,
    actions: snapshot.actions.length,
    narrativeWords: Math.round(
      snapshot.responses.reduce((n, r) => n + r.narrative.split(/\s+/).length, 0) / Math.max(1, snapshot.responses.length),
    ),
    workspaceId: workspace.id,
    generateMs,
  };
}

/** WebCrypto SHA-256 alone over the same bytes, file by file (also fills in the data set's hashes). */
async function ingestBaseline(): Promise<Timed> {
  const { school } = current();
  if (!school) throw new Error('The data set was released.');
  const started = now();
  await hashBenchFiles(school);
  return { ms: now() - started, bytes: school.totalBytes };
}

/** The files the runner picked from disk (the same bytes as the data set's, written out by the runner). */
function pickedFiles(): File[] {
  const { school } = current();
  if (!school) throw new Error('The data set was released.');
  const input = document.getElementById('evidence-files');
  const files = input instanceof HTMLInputElement ? [...(input.files ?? [])] : [];
  if (files.length !== school.files.length) throw new Error(`${files.length} files were picked; the data set has ${school.files.length}`);
  return files;
}

/**
 * Reading every picked file into memory and nothing else, the least any ingest must do: in as
 * many workers at once as the ingest reads them, each reading its share one file after another.
 */
async function ingestReadFloor(): Promise<Timed> {
  const files = pickedFiles();
  const shares = Array.from({ length: HASHING_WORKERS }, (_, w) => files.filter((_, i) => i % HASHING_WORKERS === w));
  const started = now();
  const replies = await Promise.all(shares.map((share) => baselineWorker({ kind: 'read', files: share })));
  return { ms: now() - started, bytes: replies.reduce((sum, reply) => sum + reply.bytes, 0) };
}

/** The ingest's reading and hashing (its own hasher, its own workers), with nothing stored. */
async function ingestHashFloor(): Promise<Timed> {
  const files = pickedFiles();
  const hasher = workerFileHasher();
  const started = now();
  try {
    await Promise.all(files.map((file) => hasher.hash(file)));
    return { ms: now() - started, bytes: files.reduce((sum, file) => sum + file.size, 0) };
  } finally {
    hasher.close();
  }
}

/** The app's own ingest: addEvidenceFiles, given the files picked from disk as the evidence library's file input gives them. */
async function ingest(): Promise<IngestResult> {
  const s = current();
  const { school } = s;
  if (!school) throw new Error('The data set was released.');
  const files = pickedFiles();
  const started = now();
  const results = await addEvidenceFiles(s.db, s.snapshot.school.id, files);
  const ms = now() - started;
  const failed = results.find((r) => !r.ok);
  if (failed) throw new Error(`ingest failed for ${failed.fileName}: ${failed.message ?? ''}`);
  s.ingested = results;
  const hashesMatch = results.every((r, i) => r.item?.file?.sha256 === school.files[i]?.sha256);
  return { ms, bytes: school.totalBytes, stored: results.filter((r) => !r.deduplicated).length, hashesMatch };
}

/** Deletes what the last ingest stored (its items and their bytes), so the next turn stores them afresh. */
async function undoIngest(): Promise<void> {
  const s = current();
  const items = s.ingested.flatMap((result) => (result.item ? [result.item] : []));
  await s.db.transaction('rw', [s.db.evidence, s.db.evidenceBlobs], async () => {
    await s.db.evidence.bulkDelete(items.map((item) => item.id));
    await s.db.evidenceBlobs.bulkDelete(items.flatMap((item) => (item.file ? [item.file.sha256] : [])));
  });
  s.ingested = [];
}

/**
 * Gives the ingested items the data set's titles, kinds and descriptions (as a SENCO would) and
 * links them to the criteria: three items a criterion, every item linked.
 */
async function linkEvidence(): Promise<{ links: number }> {
  const s = current();
  const { db, snapshot, ingested } = s;
  const withFiles = snapshot.evidence.filter((e) => e.file);
  if (ingested.length !== withFiles.length) throw new Error('ingest first');
  await db.transaction('rw', [db.evidence, db.evidenceLinks], async () => {
    await db.evidence.bulkDelete(ingested.map((r) => r.item?.id ?? ''));
    await db.evidence.bulkPut(
      snapshot.evidence.map((item, i) => {
        const stored = ingested[i]?.item?.file;
        return stored && item.file ? { ...item, file: { ...item.file, sha256: stored.sha256 } } : item;
      }),
    );
    await db.evidenceLinks.bulkPut([...snapshot.links]);
  });
  return { links: snapshot.links.length };
}

/** Reading every stored evidence Blob, copying and hashing it, in a worker: the least an export can do. */
async function exportBaseline(): Promise<Timed> {
  const s = current();
  const { blobs } = await loadSubmissionSnapshot(s.db, s.snapshot.evaluation.id, s.framework, REGION_NAME);
  const started = now();
  const reply = await baselineWorker({ kind: 'hash-copy', blobs: [...blobs.values()] });
  return { ms: now() - started, bytes: reply.bytes };
}

/** The export as the Submit screen runs it: snapshot, the PDF worker, then the frozen record. */
async function exportSubmission(): Promise<ExportResult> {
  const s = current();
  const { db, snapshot } = s;
  // The key is made once, on the first export ever; it is not part of an export's time.
  const signing = await ensureSigningIdentity(db, schoolSigningSubject(snapshot.school));
  const started = now();
  const loaded = await loadSubmissionSnapshot(db, snapshot.evaluation.id, s.framework, REGION_NAME);
  const version = await nextSubmissionVersion(db, snapshot.evaluation.id);
  const request: PdfJobRequest = {
    kind: 'submission',
    snapshot: loaded.snapshot,
    blobs: loaded.blobs,
    signing: {
      privateKey: signing.privateKey,
      certificateDer: signing.certificateDer,
      certificateFingerprint: signing.certificateFingerprint,
    },
    identity: {
      submissionId: newId(),
      version,
      createdAt: nowIso(),
      declaration: {
        headTeacher: 'Head Teacher',
        senco: 'SENCO',
        chairOfGovernors: 'Chair of Governors',
        date: '2026-11-20',
        statement: DECLARATION_STATEMENT,
      },
    },
  };
  const snapshotDone = now();
  const stageStarts: { stage: string; at: number }[] = [];
  const job = workerPdfJobRunner().run(request, (progress) => {
    if (stageStarts.at(-1)?.stage !== progress.stage) stageStarts.push({ stage: progress.stage, at: now() });
  });
  const result = await job.result;
  const workerDone = now();
  if (!result.ok) throw new Error(`export failed: ${result.message}`);
  if (!result.document) throw new Error('export returned no document');
  const stages = [{ stage: 'worker start', at: snapshotDone }, ...stageStarts].map((entry, i, all) => ({
    stage: entry.stage,
    ms: (all[i + 1]?.at ?? workerDone) - entry.at,
  }));
  const recordStarted = now();
  await recordSubmission(
    db,
    result.document,
    snapshot.school.id,
    submissionFileName(result.document),
    result.pdf,
    result.size,
    result.sha256,
  );
  const recordMs = now() - recordStarted;
  s.pdf = result.pdf;
  s.laidOut = { document: result.document, framework: loaded.snapshot.framework };
  const evidenceBytes = [...loaded.blobs.values()].reduce((n, b) => n + b.size, 0);
  return {
    ms: workerDone - started,
    snapshotMs: snapshotDone - started,
    workerMs: workerDone - snapshotDone,
    stages,
    pdfBytes: result.size,
    evidenceBytes,
    recordMs,
  };
}

/** The last export's two threads' work, each alone: its evidence hashed as the seal hashes it, then its pages laid out. */
async function exportParts(): Promise<ExportParts> {
  const s = current();
  if (!s.laidOut) throw new Error('export first');
  const { blobs } = await loadSubmissionSnapshot(s.db, s.snapshot.evaluation.id, s.framework, REGION_NAME);
  let started = now();
  const hashed = await baselineWorker({ kind: 'js-sha256', blobs: [...blobs.values()] });
  const hashMs = now() - started;
  started = now();
  // The layout worker as the export starts it, its start included.
  const layout = startLayoutWorker();
  try {
    await layout.render(s.laidOut.document, s.laidOut.framework);
  } finally {
    layout.stop();
  }
  return { layoutMs: now() - started, hashMs, hashBytes: hashed.bytes };
}

function exportedPdf(): Blob {
  const { pdf } = current();
  if (!pdf) throw new Error('export first');
  return pdf;
}

/** Posts the exported PDF to the bench server, which writes it to disk for the runner's other tools (pdfsig, openssl). */
async function saveSubmission(): Promise<{ bytes: number }> {
  const pdf = exportedPdf();
  // The bench's own page and its local server, not the app: the app makes no network requests.
  // eslint-disable-next-line no-restricted-syntax
  const response = await fetch(SUBMISSION_UPLOAD_PATH, { method: 'POST', body: pdf });
  if (!response.ok) throw new Error(`the bench server did not keep the submission: ${response.status} ${await response.text()}`);
  const written = (await response.json()) as { bytes: number };
  if (written.bytes !== pdf.size) throw new Error(`the bench server wrote ${written.bytes} bytes of ${pdf.size}`);
  return { bytes: written.bytes };
}

/** SHA-256 alone over the PDF's bytes, in a worker (the bytes transferred, as the verify runner does). */
async function importBaseline(): Promise<Timed> {
  const bytes = new Uint8Array(await exportedPdf().arrayBuffer());
  const started = now();
  const reply = await baselineWorker({ kind: 'sha256', bytes }, [bytes.buffer]);
  return { ms: now() - started, bytes: reply.bytes };
}

/**
 * The app keeps one verify runner for the whole session (renderer/app/app-context.tsx), so its
 * workers are started by the first file a moderator imports and are warm for the rest. The bench
 * keeps one the same way; the runner reports every run, the first (with the start-up) included.
 */
let verifyRunner: ReturnType<typeof workerVerifyRunner> | null = null;

/**
 * The import as the moderator's import screen runs it, for the exported PDF picked as a file:
 * read, verify in the app's verify worker, then store (unless `store` is false: the runner calls it
 * several times, storing on the last).
 */
async function importSubmission(store = true): Promise<ImportResult> {
  const s = current();
  const file = new File([exportedPdf()], 'benchmark-submission.pdf', { type: 'application/pdf' });
  const started = now();
  const bytes = new Uint8Array(await file.arrayBuffer());
  const kept = new Blob([bytes], { type: 'application/pdf' });
  const read = now();
  verifyRunner ??= workerVerifyRunner();
  const result = await verifyRunner.verify({ kind: 'submission', bytes });
  const verified = now();
  const base = { readMs: read - started, verifyMs: verified - read, storeMs: 0, bytes: file.size };
  if (result.kind !== 'submission') return { ...base, ok: false, message: JSON.stringify(result) };
  if (!result.verification.ok) {
    const { code, message } = result.verification.rejection;
    return { ...base, ok: false, message: `${code}: ${message}` };
  }
  if (!store) return { ...base, ok: true, message: 'verified' };
  const storing = now();
  const decision = await importVerifiedSubmission(s.db, {
    workspaceId: s.workspaceId,
    verification: result.verification,
    file: { fileName: file.name, size: file.size },
    pdf: kept,
    catalogue: s.catalogue,
    // The bench times storing: the moderator's first-use confirmation is taken as given.
    answer: 'accept',
  });
  return { ...base, storeMs: now() - storing, ok: decision.kind === 'store', message: decision.kind };
}

/**
 * Fills the school's evidence library up to `total` items with records that have no file (a paper
 * register, a pupil's file held in the office), as a school with hundreds of items has; each linked
 * to one criterion. Returns how many items the library then holds.
 */
async function fillEvidenceLibrary(total: number): Promise<{ items: number }> {
  const s = current();
  const { db, snapshot } = s;
  const schoolId = snapshot.school.id;
  const have = await db.evidence.where('schoolId').equals(schoolId).count();
  const criteria = snapshot.framework.criteria;
  const records = Array.from({ length: Math.max(0, total - have) }, (_, i) => {
    const n = String(i + 1).padStart(3, '0');
    return {
      id: `bench-record-${n}`,
      schoolId,
      title: i % 4 === 0 ? `Governors minutes ${n}` : `Lesson visit ${n}`,
      kind: i % 4 === 0 ? ('minutes' as const) : ('observation' as const),
      date: `2026-0${(i % 9) + 1}-1${i % 10}`,
      description: 'Held on paper.',
      heldAt: 'SEN office, cabinet 2',
      containsPersonalData: false,
      redactionConfirmed: false,
      file: null,
      createdAt: nowIso(),
      updatedAt: nowIso(),
    };
  });
  await db.transaction('rw', [db.evidence, db.evidenceLinks], async () => {
    await db.evidence.bulkPut(records);
    await db.evidenceLinks.bulkPut(
      records.map((item, i) => {
        const criterionId = criteria[i % criteria.length]?.id ?? '';
        return {
          key: evidenceLinkKey(snapshot.evaluation.id, criterionId, item.id),
          evaluationId: snapshot.evaluation.id,
          criterionId,
          evidenceId: item.id,
        };
      }),
    );
  });
  return { items: await db.evidence.where('schoolId').equals(schoolId).count() };
}

/** The rest of the moderator's queue: submissions from other schools, with full submission data. */
async function seedQueue(count: number): Promise<QueueSeedResult> {
  const s = current();
  const northEast = frameworkForRegion(s.catalogue, 'north-east');
  if (!northEast.ok) throw new Error(northEast.message);
  const data = queueDataset(northEast.framework, s.workspaceId, count);
  const started = now();
  await s.db.transaction('rw', [s.db.importedSubmissions, s.db.importedSubmissionDocuments, s.db.importedSubmissionFiles], async () => {
    await s.db.importedSubmissionFiles.bulkPut(data.files);
    await s.db.importedSubmissions.bulkAdd(data.submissions);
    await s.db.importedSubmissionDocuments.bulkAdd(data.documents);
  });
  const documentBytes = data.documents.reduce((n, stored) => n + JSON.stringify(stored.document).length, 0);
  return { ms: now() - started, submissions: data.submissions.length, schools: data.schools, documentBytes };
}

function release(): void {
  const s = current();
  verifyRunner?.close();
  verifyRunner = null;
  s.school = null;
  s.pdf = null;
  s.ingested = [];
}

async function narrativeOf(evaluationId: string, criterionId: string): Promise<string | null> {
  const db = state?.db ?? new AppDatabase();
  return (await db.responses.get(responseKey(evaluationId, criterionId)))?.narrative ?? null;
}

const api: BenchApi = {
  setup,
  ingestBaseline,
  ingestReadFloor,
  ingestHashFloor,
  ingest,
  undoIngest,
  linkEvidence,
  exportBaseline,
  exportSubmission,
  exportParts,
  saveSubmission,
  importBaseline,
  importSubmission,
  seedQueue,
  fillEvidenceLibrary,
  release,
  narrativeOf,
  folderCopy,
  folderScan,
  folderVerifyAlone,
  folderRelease,
  folderPartnership,
  folderMultiply,
  folderForget,
};
window.bench = api;
