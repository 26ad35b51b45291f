import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { FolderScanResult } from './bench-api';
import { withCpuProfile } from './cpu-profile';
import type { FolderDataset } from './folder-dataset';
import { chromiumProcesses, sampleMemory, type MemoryPhase } from './process-memory';

/**
 * Issue 19's scale measures, in the bench's Chromium: a region's shared folder of signed
 * submissions scanned by the app (see folder-bench-page.ts), against verifying the same files
 * alone; a rescan after new files arrive, against the first scan; and the scan's peak memory with
 * large-evidence files in the folder, against the same scan without them (in rounds, medians compared).
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
  /** The bench server's origin (the app and the plain page), BENCH_PROFILE's folder, and the run's log. */
  origin: string;
  profileDir: string | null;
  log: (line: string) => void;
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
    page.evaluate(([f, n]) => window.bench!.folderCopy(f, n), [folder, names] as const);
  const copied = await step(`copy ${first.length} signed submissions into a private folder`, () => copy('region', first));
  await gc(page);
  const sampler = sampleMemory(processes);
  const firstScan = await step(
    `first scan of ${first.length} submissions`,
    () => page.evaluate(() => window.bench!.folderScan('region')),
    3 * deps.stepLimitMs,
  );
  const firstMemory = rendererGrowth(sampler.stop());
  expectScan(firstScan, first.length, 0, first.length);
  const overview = await overviewBench(deps, 'region', first.length);
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

  // Memory: the same few small files scanned alone, then with the large-evidence files beside them, in rounds.
  const memory = await memoryRounds(deps, data);

  const perFile = firstScan.ms / first.length;
  const alonePerFile = alone.ms / alone.files;
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
    ...memory.rows,
    {
      measure: `7. first scan peak memory (${first.length} files)`,
      value: firstMemory / MB,
      unit: 'MB',
      baseline: memory.smallMedian / MB,
      baselineWhat: `${MEMORY_FOLDER_FILES} small files, median`,
      ratio: firstMemory / memory.smallMedian,
      target: '—',
      met: null,
    },
  ];
  rows.push(...overview.rows);
  const details = {
    overview: overview.details,
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
    memory: { firstScan: firstMemory, ...memory.details },
  };
  return { rows, details };
}

/** Opens of each overview page (the median is reported), and rounds of filter changes. */
export const OVERVIEW_OPENS = 5;
export const OVERVIEW_FILTER_ROUNDS = 3;
/** The absolute targets for the partnership's overview at 2,000 submissions. */
export const OVERVIEW_OPEN_TARGET_MS = 500;
export const OVERVIEW_FILTER_TARGET_MS = 100;

interface RegionalProbe {
  ready: Promise<number>;
  /**
   * The app's overview only: when its later tables (criteria, agreement) are said to be ready and
   * the next frame is on screen; null on a page without them (the plain table).
   */
  complete: Promise<number | null>;
  filters: { what: string; ms: number }[];
  /** Long animation frames (over 50 ms): where a frame's time went, script against style and layout. */
  frames: { start: number; ms: number; scriptMs: number; styleAndLayoutMs: number }[];
  errors: string[];
}

declare global {
  interface Window {
    regionalProbe?: RegionalProbe;
  }
}

/**
 * Injected before the page's scripts (the app's overview and the plain table alike): `ready` is the
 * time from navigation start until the schools table has rows and the next frame is on screen; each
 * change of a filter is timed from the change event until the count of schools shown has changed and
 * the next frame is on screen. No imports: Playwright sends the function's source.
 */
function regionalProbeScript(): void {
  const limit = 15_000;
  const errors: string[] = [];
  const nextFrame = () =>
    new Promise<number>((resolve) =>
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve(performance.now());
        channel.port2.postMessage(null);
      }),
    );
  const when = (condition: () => boolean, what: string) =>
    new Promise<void>((resolve, reject) => {
      const started = performance.now();
      let done = false;
      const check = () => {
        if (done) return;
        if (condition()) {
          done = true;
          observer.disconnect();
          resolve();
        } else if (performance.now() - started > limit) {
          done = true;
          observer.disconnect();
          errors.push(`timed out waiting for ${what}`);
          reject(new Error(what));
        } else requestAnimationFrame(check);
      };
      const observer = new MutationObserver(check);
      observer.observe(document, { childList: true, subtree: true, characterData: true });
      check();
    });
  const ready = when(() => document.querySelectorAll('table[data-table="schools"] tbody tr').length > 0, 'the schools table').then(
    nextFrame,
  );
  ready.catch(() => undefined);
  const later = () => document.querySelector('[data-testid="regional-later-tables"]');
  const complete = ready.then(() =>
    later() === null ? null : when(() => /are ready\.$/.test(later()?.textContent ?? ''), 'the later tables').then(nextFrame),
  );
  complete.catch(() => undefined);
  const probe: RegionalProbe = { ready, complete, filters: [], frames: [], errors };
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        const frame = entry as PerformanceEntry & { styleAndLayoutStart: number; scripts: { duration: number }[] };
        probe.frames.push({
          start: frame.startTime,
          ms: frame.duration,
          scriptMs: frame.scripts.reduce((n, s) => n + s.duration, 0),
          styleAndLayoutMs: frame.startTime + frame.duration - frame.styleAndLayoutStart,
        });
      }
    }).observe({ type: 'long-animation-frame', buffered: true });
  } catch {
    // A browser without long animation frames: the timings stand without them.
  }
  const count = () => document.querySelector('[data-testid="regional-count"]')?.textContent ?? '';
  document.addEventListener(
    'change',
    (event) => {
      if (!(event.target instanceof HTMLSelectElement)) return;
      const start = event.timeStamp;
      const what = event.target.labels?.[0]?.textContent ?? event.target.id;
      const before = count();
      void when(() => count() !== before, 'the count of schools').then(
        async () => probe.filters.push({ what, ms: (await nextFrame()) - start }),
        () => undefined,
      );
    },
    true,
  );
  window.regionalProbe = probe;
}

export interface OverviewBenchDeps {
  /** A page of the bench's browser context (the runner's page), to open new tabs from. */
  page: Page;
  origin: string;
  step: FolderBenchDeps['step'];
  /** Where BENCH_PROFILE's CPU profiles go, or null. */
  profileDir: string | null;
  log: (line: string) => void;
}

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? NaN) : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
};

/** One page's opens and filters: `path` opened OVERVIEW_OPENS times, then filtered in its last tab. */
async function overviewTimes(deps: OverviewBenchDeps, path: string, name: string, index: { localAuthorities: string[]; phases: string[] }) {
  const opens: number[] = [];
  /** The app's overview: from the route's first draw (its User Timing mark) to ready, and from navigation to every table drawn. */
  const fromRoute: number[] = [];
  const complete: number[] = [];
  const open = async (profile: string | null) => {
    const tab = await deps.page.context().newPage();
    tab.setDefaultTimeout(60_000);
    // tsx names functions through an `__name` helper the page does not have: it is given a stand-in.
    await tab.addInitScript({ content: `var __name = (f) => f; (${regionalProbeScript.toString()})();` });
    // A profiled open runs on until every table is drawn, so its profile holds the later tables too.
    const ms = await withCpuProfile(tab, profile, deps.log, async () => {
      await tab.goto(`${deps.origin}${path}`);
      const ready = await tab.evaluate(() => window.regionalProbe!.ready);
      if (profile !== null) await tab.evaluate(() => window.regionalProbe!.complete);
      return ready;
    });
    const after = await tab.evaluate(async () => ({
      route: performance.getEntriesByName('regional-overview-route')[0]?.startTime ?? null,
      complete: await window.regionalProbe!.complete,
    }));
    if (profile === null) {
      if (after.route !== null) fromRoute.push(ms - after.route);
      if (after.complete !== null) complete.push(after.complete);
    }
    return { tab, ms };
  };
  let last: Page | null = null;
  for (let i = 0; i < OVERVIEW_OPENS; i += 1) {
    await last?.close();
    const opened = await open(null);
    opens.push(opened.ms);
    last = opened.tab;
  }
  if (!last) throw new Error('no page');
  // The app draws a long table a hundred rows at a time and says how many it holds; the plain table draws them all.
  const held = await last.locator('table[data-table="schools"]').getAttribute('data-rows');
  const rows = held === null ? await last.locator('table[data-table="schools"] tbody tr').count() : Number(held);
  const tab = last;
  let frames: RegionalProbe['frames'] = [];
  const filterOnce = async () => {
    const phase = index.phases[0] ?? '';
    // Each change alters the count shown: the phase first (the data set's schools share one), then
    // a local authority, then each back to all.
    for (let round = 0; round < OVERVIEW_FILTER_ROUNDS; round += 1) {
      const la = index.localAuthorities[round % index.localAuthorities.length] ?? '';
      for (const [label, value] of [
        ['Phase', phase],
        ['Local authority', la],
        ['Local authority', ''],
        ['Phase', ''],
      ] as const) {
        const done = await tab.evaluate(() => window.regionalProbe!.filters.length);
        await tab.getByLabel(label, { exact: true }).selectOption(value);
        await tab.waitForFunction(
          (n) => (window.regionalProbe?.filters.length ?? 0) > n || (window.regionalProbe?.errors.length ?? 0) > 0,
          done,
        );
        await tab.waitForTimeout(100);
      }
    }
    const probe = await tab.evaluate(() => ({
      filters: window.regionalProbe!.filters,
      frames: window.regionalProbe!.frames,
      errors: window.regionalProbe!.errors,
    }));
    if (probe.errors.length > 0) throw new Error(probe.errors.join('; '));
    frames = probe.frames;
    return probe.filters;
  };
  const filters = await withCpuProfile(
    tab,
    deps.profileDir ? join(deps.profileDir, `${name}-filters.cpuprofile`) : null,
    deps.log,
    filterOnce,
  );
  await tab.close();
  if (deps.profileDir) await (await open(join(deps.profileDir, `${name}-open.cpuprofile`))).tab.close();
  return { opens, fromRoute, complete, rows, filters, frames };
}

/**
 * The partnership's Regional overview over the folder's index (issue 19's "open the overview, filter
 * it"): the app's screen against a plain table of the same schools drawn with DOM calls, in one run.
 */
export async function overviewBench(deps: OverviewBenchDeps, folder: string, expectedSchools: number) {
  const index = await deps.page.evaluate((f) => window.bench!.folderPartnership(f), folder);
  if (index.submissions !== expectedSchools) throw new Error(`the index holds ${index.submissions} submissions, not ${expectedSchools}`);
  const id = encodeURIComponent(folder);
  const app = await deps.step(`open the Regional overview of ${expectedSchools} submissions ${OVERVIEW_OPENS} times, and filter it`, () =>
    overviewTimes(deps, `/#/partnerships/${id}/overview`, 'regional-overview', index),
  );
  if (app.rows !== expectedSchools) throw new Error(`the Regional overview shows ${app.rows} schools, not ${expectedSchools}`);
  const plain = await deps.step(`baseline: the plain table of the same schools, opened and filtered`, () =>
    overviewTimes(deps, `/bench/plain.html#regional/${id}`, 'regional-plain', index),
  );
  if (plain.rows !== expectedSchools) throw new Error(`the plain table shows ${plain.rows} schools, not ${expectedSchools}`);
  const list = (values: number[]) => values.map((v) => v.toFixed(0)).join(', ');
  deps.log(
    `Regional overview: opens ${list(app.opens)} ms (plain ${list(plain.opens)}); from the route's first draw to ready ${list(app.fromRoute)} ms; every table drawn at ${list(app.complete)} ms.`,
  );
  const ms = (list: { ms: number }[]) => list.map((f) => f.ms);
  const of = (list: { what: string; ms: number }[], what: string) => ms(list.filter((f) => f.what === what));
  const rows: FolderRow[] = [];
  const row = (measure: string, appMs: number[], plainMs: number[], target: number) => {
    const value = median(appMs);
    const baseline = median(plainMs);
    rows.push({
      measure,
      value,
      unit: 'ms',
      baseline,
      baselineWhat: 'plain table',
      ratio: value / baseline,
      target: `< ${target} ms`,
      met: value < target,
    });
  };
  row(`7. open the Regional overview (${expectedSchools} submissions), median`, app.opens, plain.opens, OVERVIEW_OPEN_TARGET_MS);
  row(
    '7. filter the overview by local authority, median',
    of(app.filters, 'Local authority'),
    of(plain.filters, 'Local authority'),
    OVERVIEW_FILTER_TARGET_MS,
  );
  row('7. filter the overview by phase, median', of(app.filters, 'Phase'), of(plain.filters, 'Phase'), OVERVIEW_FILTER_TARGET_MS);
  row('7. filter the overview (all changes), median', ms(app.filters), ms(plain.filters), OVERVIEW_FILTER_TARGET_MS);
  return { rows, details: { app, plain, index: { ...index, submissions: index.submissions } } };
}

/** BENCH_ONLY=folder-memory: how many times each of the two memory scans is made (the median is reported). */
export const MEMORY_ROUNDS = Math.max(1, Number(process.env.BENCH_MEMORY_ROUNDS) || 5);
/**
 * BENCH_MEMORY_GC=page collects only the page's garbage before each scan, as section 7 does, not
 * the verify worker's: for comparing with that measure (the worker's leftovers then vary the start).
 */
const MEMORY_GC_PAGE_ONLY = process.env.BENCH_MEMORY_GC === 'page';

/** How long a worker is given to answer a garbage collection before the bench says so and goes on. */
const GC_ANSWER_LIMIT_MS = 30_000;

/**
 * Collects garbage in the page and in every worker it has started (the verify worker's heap is its
 * own, and a page's collection leaves it alone): each worker is reached through the page's CDP
 * session as an attached target, and asked over `Target.sendMessageToTarget`.
 */
export async function collectAllGarbage(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { targetInfos } = await cdp.send('Target.getTargets');
  let workers = 0;
  for (const target of targetInfos.filter((t) => t.type === 'worker')) {
    const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: target.targetId, flatten: false });
    const answered = new Promise<void>((resolve) => {
      const listener = (event: { sessionId: string; message: string }) => {
        if (event.sessionId !== sessionId || !event.message.includes('"id":1,')) return;
        cdp.off('Target.receivedMessageFromTarget', listener);
        resolve();
      };
      cdp.on('Target.receivedMessageFromTarget', listener);
    });
    await cdp.send('Target.sendMessageToTarget', {
      sessionId,
      message: JSON.stringify({ id: 1, method: 'HeapProfiler.collectGarbage' }),
    });
    // A worker that never answers (gone, or stuck) is said, not waited for: the step's limit would
    // otherwise blame the scan that follows.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const silent = new Promise<'silent'>((resolve) => {
      timer = setTimeout(() => resolve('silent'), GC_ANSWER_LIMIT_MS);
    });
    const outcome = await Promise.race([answered, silent]);
    clearTimeout(timer);
    await cdp.send('Target.detachFromTarget', { sessionId }).catch(() => undefined);
    if (outcome === 'silent')
      console.warn(`[bench] a worker (${target.url}) did not answer the garbage collection within ${GC_ANSWER_LIMIT_MS / 1000} s`);
    else workers += 1;
  }
  await cdp.detach();
  await page.waitForTimeout(500);
  return workers;
}

/**
 * BENCH_MEMORY_HEAPS=1: during each memory scan, the page's and each worker's heaps are polled
 * (CDP's `Runtime.getHeapUsage`: the JavaScript heap's used and total sizes, and the array
 * buffers' backing stores), and each one's highest growth over the scan is printed: which of them
 * a scan's peak comes from.
 */
const MEMORY_HEAPS = process.env.BENCH_MEMORY_HEAPS === '1';

interface HeapUsage {
  usedSize: number;
  totalSize: number;
  backingStorageSize?: number;
}

/** Polls the heaps of the page and its workers until stopped; gives each one's growth at its peaks. */
async function watchHeaps(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  const { targetInfos } = await cdp.send('Target.getTargets');
  const sessions: string[] = [];
  for (const target of targetInfos.filter((t) => t.type === 'worker')) {
    sessions.push((await cdp.send('Target.attachToTarget', { targetId: target.targetId, flatten: false })).sessionId);
  }
  let nextId = 1;
  const waiting = new Map<string, (usage: HeapUsage) => void>();
  cdp.on('Target.receivedMessageFromTarget', (event: { sessionId: string; message: string }) => {
    const answer = JSON.parse(event.message) as { id?: number; result?: HeapUsage };
    const done = waiting.get(`${event.sessionId}:${answer.id}`);
    if (done && answer.result) done(answer.result);
  });
  const usageOf = (sessionId: string | null): Promise<HeapUsage> => {
    if (sessionId === null) return cdp.send('Runtime.getHeapUsage') as Promise<HeapUsage>;
    const id = nextId++;
    return new Promise((resolve) => {
      waiting.set(`${sessionId}:${id}`, resolve);
      void cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method: 'Runtime.getHeapUsage' }) });
    });
  };
  const names = ['page', ...sessions.map((_, i) => `worker ${i + 1}`)];
  const ids = [null, ...sessions];
  const first = await Promise.all(ids.map(usageOf));
  const peak = first.map(() => ({ used: 0, total: 0, buffers: 0 }));
  let running = true;
  const loop = (async () => {
    while (running) {
      const now = await Promise.all(ids.map(usageOf));
      now.forEach((u, i) => {
        const p = peak[i]!;
        const f = first[i]!;
        p.used = Math.max(p.used, u.usedSize - f.usedSize);
        p.total = Math.max(p.total, u.totalSize - f.totalSize);
        p.buffers = Math.max(p.buffers, (u.backingStorageSize ?? 0) - (f.backingStorageSize ?? 0));
      });
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      for (const sessionId of sessions) await cdp.send('Target.detachFromTarget', { sessionId });
      await cdp.detach();
      const mb = (n: number) => (n / MB).toFixed(2);
      return names
        .map((name, i) => `${name}: heap used +${mb(peak[i]!.used)}, total +${mb(peak[i]!.total)}, buffers +${mb(peak[i]!.buffers)} MB`)
        .join('; ');
    },
  };
}

/** BENCH_ONLY=folder-memory: the scan's memory alone, without the 2,000-file scan (see `memoryRounds`). */
export async function folderMemoryBench(deps: FolderBenchDeps, data: FolderDataset) {
  const { rows, details } = await memoryRounds(deps, data, { control: true });
  return { rows, details };
}

/**
 * The scan's memory (section 7, and BENCH_ONLY=folder-memory alone): the same small
 * files scanned alone, then with the large-evidence files beside them, MEMORY_ROUNDS times each in
 * turn, each folder's index forgotten before its scan so every file is read and checked again. A
 * first scan, not measured, starts the verify worker. Before each measured scan the page and its
 * workers collect their garbage, so each starts from what is live. The medians are compared. With
 * `control` (BENCH_ONLY=folder-memory) each round also scans the small files with as many more
 * small files as there are large ones: the large files are also more files, and this tells the two apart.
 */
async function memoryRounds(deps: FolderBenchDeps, data: FolderDataset, options: { control?: boolean } = {}) {
  const { page, step } = deps;
  const processes = chromiumProcesses(deps.userDataDir);
  if (!processes.some((p) => p.type === 'renderer')) throw new Error('no Chromium renderer process found in /proc');
  const copy = (folder: string, names: readonly string[]) =>
    page.evaluate(([f, n]) => window.bench!.folderCopy(f, n), [folder, names] as const);
  const few = data.small.slice(0, MEMORY_FOLDER_FILES);
  // The control (BENCH_ONLY=folder-memory): as many more small files as there are large ones, so
  // that what the large files add can be told from what any more files add.
  const control = options.control === true;
  const more = data.small.slice(MEMORY_FOLDER_FILES, MEMORY_FOLDER_FILES + data.large.length);
  await step('copy the small and the large-evidence folders', async () => {
    await copy('few-small', few);
    await copy('few-and-large', [...few, ...data.large]);
    if (control) await copy('few-and-more', [...few, ...more]);
  });
  const scan = async (folder: string, files: number) => {
    await page.evaluate((f) => window.bench!.folderForget(f), folder);
    let workers = 0;
    if (MEMORY_GC_PAGE_ONLY) await deps.gc(page);
    else workers = await collectAllGarbage(page);
    const heaps = MEMORY_HEAPS ? await watchHeaps(page) : null;
    const sampler = sampleMemory(processes);
    const result = await page.evaluate((f) => window.bench!.folderScan(f), folder);
    const growth = rendererGrowth(sampler.stop());
    if (heaps) deps.log(`${folder}: renderer +${(growth / MB).toFixed(2)} MB; ${await heaps.stop()}`);
    if (result.verified !== files || result.failed !== 0 || result.unreadable !== 0 || result.indexedSubmissions !== files)
      throw new Error(`the scan did not do what it should: ${JSON.stringify(result)}`);
    return { growth, ms: result.ms, workers };
  };
  await step('scan the small files once, not measured (the verify worker starts)', () => scan('few-small', few.length));
  const small: Awaited<ReturnType<typeof scan>>[] = [];
  const large: Awaited<ReturnType<typeof scan>>[] = [];
  const controls: Awaited<ReturnType<typeof scan>>[] = [];
  for (let round = 0; round < MEMORY_ROUNDS; round += 1) {
    small.push(await step(`round ${round + 1}: scan ${few.length} small files`, () => scan('few-small', few.length)));
    large.push(
      await step(`round ${round + 1}: scan the same with ${data.large.length} large-evidence files`, () =>
        scan('few-and-large', few.length + data.large.length),
      ),
    );
    if (control) {
      controls.push(
        await step(`round ${round + 1}: scan the same with ${more.length} more small files instead (control)`, () =>
          scan('few-and-more', few.length + more.length),
        ),
      );
    }
  }
  await page.evaluate(() => window.bench!.folderRelease());
  const smallMedian = median(small.map((s) => s.growth));
  const largeMedian = median(large.map((s) => s.growth));
  const largeFileMb = data.largeBytes / data.large.length / MB;
  const rows: FolderRow[] = [
    {
      measure: `7. scan peak memory with ${data.large.length} large-evidence files (${largeFileMb.toFixed(0)} MB each), median of ${MEMORY_ROUNDS}`,
      value: largeMedian / MB,
      unit: 'MB',
      baseline: smallMedian / MB,
      baselineWhat: `${few.length} small files, median`,
      ratio: largeMedian / smallMedian,
      target: '≤ 1.25x without',
      met: largeMedian <= 1.25 * smallMedian,
    },
    {
      measure: '7. what the large-evidence files add to the scan peak (median of the rounds’ differences)',
      value: median(large.map((l, i) => l.growth - (small[i]?.growth ?? 0))) / MB,
      unit: 'MB',
      baseline: data.largeBytes / MB,
      baselineWhat: 'the large files’ bytes',
      ratio: median(large.map((l, i) => l.growth - (small[i]?.growth ?? 0))) / data.largeBytes,
      target: '—',
      met: null,
    },
  ];
  if (control) {
    const controlMedian = median(controls.map((c) => c.growth));
    const overMore = median(large.map((l, i) => l.growth - (controls[i]?.growth ?? 0)));
    rows.push(
      {
        measure: `7. control: scan peak memory with ${more.length} more small files instead, median of ${MEMORY_ROUNDS}`,
        value: controlMedian / MB,
        unit: 'MB',
        baseline: smallMedian / MB,
        baselineWhat: `${few.length} small files, median`,
        ratio: controlMedian / smallMedian,
        target: '—',
        met: null,
      },
      {
        measure: '7. what the large-evidence files add over as many small files (median of the rounds’ differences)',
        value: overMore / MB,
        unit: 'MB',
        baseline: data.largeBytes / MB,
        baselineWhat: 'the large files’ bytes',
        ratio: overMore / data.largeBytes,
        target: '—',
        met: null,
      },
    );
  }
  const mb = (list: { growth: number }[]) => list.map((s) => Number((s.growth / MB).toFixed(2)));
  const details = {
    smallGrowthMb: mb(small),
    largeGrowthMb: mb(large),
    ...(control ? { controlGrowthMb: mb(controls), controlMs: controls.map((c) => Math.round(c.ms)) } : {}),
    smallMs: small.map((s) => Math.round(s.ms)),
    largeMs: large.map((s) => Math.round(s.ms)),
    workersCollected: [...small, ...large].map((s) => s.workers),
    garbageCollected: MEMORY_GC_PAGE_ONLY ? 'the page only' : 'the page and its workers',
  };
  return { rows, details, smallMedian };
}
