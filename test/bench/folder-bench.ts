import type { Page } from 'playwright-core';
import type { FolderScanResult } from './bench-api';
import type { FolderDataset } from './folder-dataset';
import { chromiumProcesses, sampleMemory, type MemoryPhase } from './process-memory';

/**
 * Issue 19's scale measures, in the bench's Chromium: a region's shared folder of signed
 * submissions scanned by the app (see folder-bench-page.ts), against verifying the same files
 * alone; a rescan after new files arrive, against the first scan; and the scan's peak memory with
 * large-evidence files in the folder, against the same scan without them.
 */
export const FOLDER_SUBMISSIONS = 2000;
export const FOLDER_ADDED = 20;
/** Files of the first scan also verified alone, spread over the folder, for the per-file baseline. */
export const FOLDER_BASELINE_SAMPLE = 200;
/** The small folder scanned for memory, with and without the large-evidence files. */
export const MEMORY_FOLDER_FILES = 20;
export const FOLDER_SPEC = { count: FOLDER_SUBMISSIONS + FOLDER_ADDED, large: 2, largeEvidenceBytes: 64 * 1024 * 1024 };

export interface FolderRow {
  measure: string;
  value: number;
  unit: string;
  baseline: number;
  baselineWhat: string;
  ratio: number;
  target: string;
  met: boolean | null;
}

export interface FolderBenchDeps {
  page: Page;
  userDataDir: string;
  step: <T>(name: string, work: () => Promise<T>, limitMs?: number) => Promise<T>;
  /** The bench's limit for one step; the first scan, which verifies every file, gets three times it. */
  stepLimitMs: number;
  gc: (page: Page) => Promise<void>;
  /** Runs `work` with the request guard off (the copies are large). */
  unguarded: <T>(work: () => Promise<T>) => Promise<T>;
}

/** The renderer's growth over a phase: the page and its verify worker share one renderer process. */
function rendererGrowth(phase: MemoryPhase): number {
  return Math.max(0, ...phase.processes.filter((p) => p.type === 'renderer').map((p) => p.peakSampled - p.before));
}

const MB = 1024 * 1024;

export async function folderBench(deps: FolderBenchDeps, data: FolderDataset) {
  const { page, step, gc } = deps;
  const first = data.small.slice(0, FOLDER_SUBMISSIONS);
  const added = data.small.slice(FOLDER_SUBMISSIONS, FOLDER_SUBMISSIONS + FOLDER_ADDED);
  if (added.length !== FOLDER_ADDED) throw new Error(`the folder data set has ${data.small.length} small files`);
  const processes = chromiumProcesses(deps.userDataDir);
  if (!processes.some((p) => p.type === 'renderer')) throw new Error('no Chromium renderer process found in /proc');
  const expectScan = (scan: FolderScanResult, verified: number, unchanged: number, submissions: number) => {
    if (scan.verified !== verified || scan.unchanged !== unchanged || scan.unreadable !== 0 || scan.failed !== 0)
      throw new Error(`the scan did not do what it should: ${JSON.stringify(scan)}`);
    if (scan.indexedSubmissions !== submissions) throw new Error(`${scan.indexedSubmissions} submissions indexed, not ${submissions}`);
  };

  const copy = (folder: string, names: readonly string[]) =>
    deps.unguarded(() => page.evaluate(([f, n]) => window.bench!.folderCopy(f, n), [folder, names] as const));
  const copied = await step(`copy ${first.length} signed submissions into a private folder`, () => copy('region', first));
  await gc(page);
  let sampler = sampleMemory(processes);
  const firstScan = await step(
    `first scan of ${first.length} submissions`,
    () => page.evaluate(() => window.bench!.folderScan('region')),
    3 * deps.stepLimitMs,
  );
  const firstMemory = rendererGrowth(sampler.stop());
  expectScan(firstScan, first.length, 0, first.length);
  const sample = first.filter((_, i) => i % Math.ceil(first.length / FOLDER_BASELINE_SAMPLE) === 0);
  const alone = await step(`baseline: verify ${sample.length} of the same files alone`, () =>
    page.evaluate(([n]) => window.bench!.folderVerifyAlone('region', n), [sample] as const),
  );
  if (alone.valid !== sample.length) throw new Error(`${alone.valid} of ${sample.length} files verified alone`);
  await step(`copy ${added.length} new submissions into the folder`, () => copy('region', added));
  const rescan = await step(`rescan with ${added.length} new files`, () => page.evaluate(() => window.bench!.folderScan('region')));
  expectScan(rescan, added.length, first.length, first.length + added.length);
  const unchangedRescan = await step('rescan with nothing new', () => page.evaluate(() => window.bench!.folderScan('region')));
  expectScan(unchangedRescan, 0, first.length + added.length, first.length + added.length);

  // Memory: the same few small files scanned alone, then with the large-evidence files beside them.
  const few = data.small.slice(0, MEMORY_FOLDER_FILES);
  await step('copy the small and the large-evidence folders', async () => {
    await copy('few-small', few);
    await copy('few-and-large', [...few, ...data.large]);
  });
  await gc(page);
  sampler = sampleMemory(processes);
  const smallScan = await step(`scan ${few.length} small files`, () => page.evaluate(() => window.bench!.folderScan('few-small')));
  const smallMemory = rendererGrowth(sampler.stop());
  expectScan(smallScan, few.length, 0, few.length);
  await gc(page);
  sampler = sampleMemory(processes);
  const largeScan = await step(`scan the same with ${data.large.length} large-evidence files`, () =>
    page.evaluate(() => window.bench!.folderScan('few-and-large')),
  );
  const largeMemory = rendererGrowth(sampler.stop());
  expectScan(largeScan, few.length + data.large.length, 0, few.length + data.large.length);
  await page.evaluate(() => window.bench!.folderRelease());

  const perFile = firstScan.ms / first.length;
  const alonePerFile = alone.ms / alone.files;
  const largeFileMb = data.largeBytes / data.large.length / MB;
  const rows: FolderRow[] = [
    {
      measure: `7. shared folder: first scan (${first.length} files), per file`,
      value: perFile,
      unit: 'ms',
      baseline: alonePerFile,
      baselineWhat: 'verify alone',
      ratio: perFile / alonePerFile,
      target: '—',
      met: null,
    },
    {
      measure: `7. rescan with ${added.length} new files`,
      value: rescan.ms / 1000,
      unit: 's',
      baseline: firstScan.ms / 1000,
      baselineWhat: 'first scan',
      ratio: rescan.ms / firstScan.ms,
      target: '≤ 0.05x first scan',
      met: rescan.ms <= 0.05 * firstScan.ms,
    },
    {
      measure: '7. rescan with nothing new',
      value: unchangedRescan.ms / 1000,
      unit: 's',
      baseline: firstScan.ms / 1000,
      baselineWhat: 'first scan',
      ratio: unchangedRescan.ms / firstScan.ms,
      target: '—',
      met: null,
    },
    {
      measure: `7. scan peak memory with ${data.large.length} large-evidence files (${largeFileMb.toFixed(0)} MB each)`,
      value: largeMemory / MB,
      unit: 'MB',
      baseline: smallMemory / MB,
      baselineWhat: `${few.length} small files`,
      ratio: largeMemory / smallMemory,
      target: '≤ 1.25x without',
      met: largeMemory <= 1.25 * smallMemory,
    },
    {
      measure: `7. first scan peak memory (${first.length} files)`,
      value: firstMemory / MB,
      unit: 'MB',
      baseline: smallMemory / MB,
      baselineWhat: `${few.length} small files`,
      ratio: firstMemory / smallMemory,
      target: '—',
      met: null,
    },
  ];
  const details = {
    dataSet: {
      files: first.length,
      added: added.length,
      smallBytes: data.smallBytes,
      large: data.large.length,
      largeBytes: data.largeBytes,
      generated: data.generated,
      generateMs: data.generateMs,
    },
    copyMs: copied.ms,
    firstScan,
    verifyAlone: alone,
    rescan,
    unchangedRescan,
    memory: {
      firstScan: firstMemory,
      smallScan: smallMemory,
      largeScan: largeMemory,
      smallScanResult: smallScan,
      largeScanResult: largeScan,
    },
  };
  return { rows, details };
}
