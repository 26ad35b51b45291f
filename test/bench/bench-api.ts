/**
 * What the bench page (test/bench/page/bench-page.ts) and the UI probe (test/bench/page/ui-probe.ts)
 * expose on `window`, so the Node runner (test/bench/run-bench.ts) calls them with types.
 * Every time is in milliseconds, measured in the page with performance.now().
 */
export interface SetupInfo {
  evaluationId: string;
  schoolId: string;
  criteria: number;
  criterionIds: string[];
  evidenceFiles: number;
  evidenceBytes: number;
  actions: number;
  narrativeWords: number;
  workspaceId: string;
  generateMs: number;
}

export interface Timed {
  ms: number;
  bytes: number;
}

export interface IngestResult extends Timed {
  stored: number;
  /** Every stored file's SHA-256 equals WebCrypto's over the same bytes. */
  hashesMatch: boolean;
}

export interface ExportResult {
  /** From asking for the snapshot to the worker's signed PDF (what the user waits for). */
  ms: number;
  snapshotMs: number;
  workerMs: number;
  /** How long each stage the worker reported lasted, in order. */
  stages: { stage: string; ms: number }[];
  pdfBytes: number;
  evidenceBytes: number;
  /** Keeping the frozen submission (recordSubmission: the PDF Blob into IndexedDB). */
  recordMs: number;
  /** Every export's time, when the runner took several (this result is then the median's). */
  runs?: number[];
}

/**
 * The export's two threads' work, each timed alone: the pages laid out in the layout worker, and
 * the evidence read and hashed with the incremental SHA-256 the seal uses (a browser has no native
 * one). The export runs them side by side, so it can take no less than the longer of the two.
 */
export interface ExportParts {
  layoutMs: number;
  hashMs: number;
  hashBytes: number;
}

export interface ImportResult {
  /** Reading the chosen file into memory, as the import does. */
  readMs: number;
  /** verifySubmission in the app's verify worker (the bytes transferred to it). */
  verifyMs: number;
  /** importVerifiedSubmission: the record and the PDF into the moderator workspace. */
  storeMs: number;
  bytes: number;
  ok: boolean;
  message: string;
}

export interface QueueSeedResult {
  ms: number;
  submissions: number;
  schools: number;
  documentBytes: number;
}

export interface BenchApi {
  setup(): Promise<SetupInfo>;
  ingestBaseline(): Promise<Timed>;
  /** Reading the picked files alone (no hash, no store), as many at once as the ingest reads them. */
  ingestReadFloor(): Promise<Timed>;
  /** Reading and hashing the picked files with the ingest's own hasher, storing nothing. */
  ingestHashFloor(): Promise<Timed>;
  ingest(): Promise<IngestResult>;
  /** Deletes what the last ingest stored, so it can be measured again. */
  undoIngest(): Promise<void>;
  linkEvidence(): Promise<{ links: number }>;
  exportBaseline(): Promise<Timed>;
  exportSubmission(): Promise<ExportResult>;
  /** The last export's layout and its evidence hashing, each alone (after exportSubmission). */
  exportParts(): Promise<ExportParts>;
  /** Writes the exported PDF to disk through the bench server; the size written. */
  saveSubmission(): Promise<{ bytes: number }>;
  importBaseline(): Promise<Timed>;
  importSubmission(store?: boolean): Promise<ImportResult>;
  seedQueue(count: number): Promise<QueueSeedResult>;
  /** Tops the school's evidence library up to `total` items with records that have no file. */
  fillEvidenceLibrary(total: number): Promise<{ items: number }>;
  /** Drops the data set and the PDF the page still holds, so memory is measured from a clean state. */
  release(): void;
  narrativeOf(evaluationId: string, criterionId: string): Promise<string | null>;
  /** Copies the named files from the runner's folder (served under BENCH_FOLDER_PATH) into a folder of the origin's private file system. */
  folderCopy(folder: string, names: readonly string[]): Promise<{ files: number; bytes: number; ms: number }>;
  /** Scans the folder into its index with the app's own scan (scanSharedFolder over the web adapter); the first scan of a folder starts from an empty index. */
  folderScan(folder: string): Promise<FolderScanResult>;
  /** The baseline: each named file read from the folder and verified in a verify worker, nothing indexed. */
  folderVerifyAlone(folder: string, names: readonly string[]): Promise<{ files: number; ms: number; valid: number }>;
  /** Closes the folder's verify worker. */
  folderRelease(): void;
  /** A partnership workspace over the folder's index (its id is the folder's key); what the index's submissions hold. */
  folderPartnership(folder: string): Promise<{ submissions: number; localAuthorities: string[]; phases: string[] }>;
  /** BENCH_ONLY=overview: the folder's indexed submissions copied (each its own school) until the index holds `total`. */
  folderMultiply(folder: string, total: number): Promise<{ entries: number }>;
  /** BENCH_ONLY=folder-memory: the folder's index forgotten, so its next scan reads and checks every file again. */
  folderForget(folder: string): Promise<void>;
}

export interface FolderScanResult {
  ms: number;
  verified: number;
  confirmedSame: number;
  unchanged: number;
  unreadable: number;
  /** What the scan said of each file it could not read, so a failed run says why. */
  unreadableMessages: string[];
  /** Valid submissions in the index after the scan. */
  indexedSubmissions: number;
  failed: number;
}

/** One timed interaction on a screen, recorded by the probe. */
export interface ProbeSample {
  /** When the input happened (the event's timeStamp). */
  start: number;
  /** When the DOM showed the change (checked on a frame or a mutation). */
  dom: number;
  /** After the next frame that shows it (requestAnimationFrame, then a task). */
  painted: number;
}

export interface ProbeApi {
  /** Resolves when `selector` matches an element for which the condition holds; times are since navigation start. */
  ready: Promise<{ dom: number; painted: number }>;
  /** Keystroke latencies, from keydown to the frame after the input was handled. */
  keystrokes: number[];
  /** Clicks on "Next:" links, until the new criterion's h1 is on screen. */
  switches: ProbeSample[];
  /** Filter changes in the queue, until the count of rows shown changed on screen. */
  filters: ProbeSample[];
  /** How many times a criterion's response was written to IndexedDB (autosave at work). */
  saves: number;
  /** Errors inside the probe (a wait that timed out). */
  errors: string[];
}

declare global {
  interface Window {
    bench?: BenchApi;
    benchProbe?: ProbeApi;
    /** Set by the runner before the page loads: what `ready` waits for. */
    benchProbeTarget?: 'criterion' | 'queue';
  }
}
