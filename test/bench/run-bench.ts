import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type CDPSession, type Page, type Request } from 'playwright-core';
import { format } from 'prettier';
import { CHROMIUM_ARGS, chromiumPath } from '../e2e/support/browser';
import type { ExportParts, ExportResult, ImportResult, IngestResult, ProbeSample, QueueSeedResult, SetupInfo, Timed } from './bench-api';
import { BENCH_DIR, startBenchServer, type BenchServer } from './bench-server';
import { benchFramework, benchSchool } from './bench-dataset';
import { withCpuProfile } from './cpu-profile';
import { chromiumProcesses, sampleMemory, type MemoryPhase } from './process-memory';
import { timeDesktopVerify, timeNodeVerify, timeOpensslSha256, timePdfsig } from './outside-tools';
import { readFileIntoSharedMemory } from '../../electron/node-sha256-digests';
import { FOLDER_SPEC, folderBench, folderMemoryBench, overviewBench, type FolderBenchDeps } from './folder-bench';
import { folderDataset, type FolderDataset } from './folder-dataset';

/**
 * `npm run bench`: the performance of the app on a large, seeded data set, in Debian's Chromium
 * against the built web target. Every figure is printed with a baseline measured in the same run
 * and the ratio between them, and the issue's target where it has one. Ratios, not timed
 * assertions: a missed target is reported, not failed; a step that fails stops the run (exit 1).
 * Writes test/bench/last-run.json.
 */
const MB = 1024 * 1024;
/** The end-to-end tests' browser, and no host but the local server's resolves (the app makes no network requests; the run checks it). */
const BENCH_ARGS = [...CHROMIUM_ARGS, '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'];
const SWITCHES = 20;
const KEYSTROKES = 100;
const TYPING_DELAY_MS = 80;
/** How many times each screen is opened (its median is the figure); BENCH_OPENS=<n> for more in an A/B comparison. */
const OPENS = Number(process.env.BENCH_OPENS ?? 5);
const IMPORT_RUNS = 9;
const EXPORT_RUNS = 3;
const INGEST_RUNS = 3;
/** How long one step may take; BENCH_STEP_LIMIT_S raises it on a machine other work is loading (its figures are then noisy). */
const STEP_LIMIT_MS = (Number(process.env.BENCH_STEP_LIMIT_S) || 180) * 1000;
const EXPORT_MEMORY_LIMIT_MB = 300;
const QUEUE_SUBMISSIONS = 200;
const FILTERS = ['Oakfield', '', 'Academy', '', '1', '', 'Primary', '', 'St Mary', '', 'Castle Hill', ''];
const LIBRARY_ITEMS = 500;
const EVIDENCE_FILTERS = ['governors', '', 'visit 1', '', 'evidence-0', '', 'minutes 04', '', 'pdf', '', 'cabinet', ''];
// Words of the criteria's statements that the seeded narratives and evidence titles never use, so each search narrows the table.
const OVERVIEW_FILTERS = ['policy', '', 'annual', '', 'report', '', 'leaders', '', 'annual report', '', 'policy leaders', ''];
/** The issue's targets for the evidence library and the criteria overview (issue 17). */
const OPEN_TARGET_MS = 300;
const FILTER_TARGET_MS = 50;
/**
 * BENCH_SCREENS=1: only the evidence library and the criteria overview (section 6), on the same data
 * set with one ingest (no turns of ingest, export or import), for profiling those two screens
 * quickly. Prints their rows and writes nothing.
 */
const SCREENS_ONLY = process.env.BENCH_SCREENS === '1';
/**
 * BENCH_PROFILE=<folder> writes Chromium CPU profiles of the screens' opens and searches there
 * (section 6's last open of each screen is then profiled, not counted), in a full run as with BENCH_SCREENS=1.
 */
const PROFILE_DIR = process.env.BENCH_PROFILE ?? null;
/** BENCH_MARKS=1 prints, for each counted open, when it was painted and the app's start marks (app:entry, app:database-open, ...). */
const PRINT_MARKS = process.env.BENCH_MARKS === '1';
/**
 * BENCH_ONLY=ingest-export: sections 1 and 2 alone (the ingest and the export, in their turns), for
 * working on them; prints their rows and writes nothing. The shared folder is not made.
 */
const ONLY_INGEST_EXPORT = process.env.BENCH_ONLY === 'ingest-export';
const PROBE_SCRIPT = join(BENCH_DIR, 'assets', 'ui-probe.js');
const LAST_RUN = fileURLToPath(new URL('./last-run.json', import.meta.url));

interface Row {
  measure: string;
  value: number;
  unit: string;
  baseline: number;
  baselineWhat: string;
  /** value / baseline */
  ratio: number;
  target: string;
  met: boolean | null;
}

const log = (text: string) => process.stderr.write(`[bench] ${text}\n`);

function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/** Nearest-rank percentile. */
function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
}

const mbPerSecond = (t: Timed) => t.bytes / MB / (t.ms / 1000);
const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

function machine(chromiumVersion: string) {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? cpus()[0]?.model ?? 'unknown CPU';
  return {
    cpu: model,
    cores: cpus().length,
    ramGiB: round(totalmem() / 1024 ** 3, 1),
    chromium: chromiumVersion,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    /** The 1-minute load average when the run started: above ~0.5, other work shared the cores and the figures are noisy. */
    loadAtStart: round(loadavg()[0] ?? 0),
  };
}

/** A step of the run: timed, logged, and failed (never skipped) when it throws or takes over STEP_LIMIT_MS. */
async function step<T>(name: string, work: () => Promise<T>, limitMs = STEP_LIMIT_MS): Promise<T> {
  const started = Date.now();
  log(`${name}…`);
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const result = await Promise.race([
      work(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`took over ${limitMs / 1000} s`)), limitMs);
      }),
    ]);
    clearTimeout(timer);
    log(`${name}: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return result;
  } catch (error) {
    clearTimeout(timer);
    throw new Error(`step “${name}” failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`, { cause: error });
  }
}

class Bench {
  readonly errors: string[] = [];
  readonly outside: string[] = [];
  private constructor(
    readonly server: BenchServer,
    readonly context: BrowserContext,
    readonly userDataDir: string,
  ) {}

  /** Where the page's exported submission is written, for pdfsig, openssl and Node to read. */
  get submissionFile(): string {
    return join(this.userDataDir, 'exported-submission.pdf');
  }

  static async start(folderDir?: string): Promise<Bench> {
    const userDataDir = await mkdtemp(join(tmpdir(), 'sen-bench-'));
    let server: BenchServer;
    try {
      server = await startBenchServer({ submissionFile: join(userDataDir, 'exported-submission.pdf'), folderDir });
    } catch (error) {
      await rm(userDataDir, { recursive: true, force: true });
      throw error;
    }
    let context: BrowserContext;
    try {
      context = await chromium.launchPersistentContext(userDataDir, {
        executablePath: chromiumPath(),
        headless: true,
        locale: 'en-GB',
        timezoneId: 'Europe/London',
        viewport: { width: 1280, height: 900 },
        args: BENCH_ARGS,
      });
    } catch (error) {
      await server.close();
      await rm(userDataDir, { recursive: true, force: true });
      throw error;
    }
    const bench = new Bench(server, context, userDataDir);
    context.on('request', bench.record);
    context.on('page', (page) => bench.watch(page));
    for (const page of context.pages()) bench.watch(page);
    return bench;
  }

  /**
   * Every request outside the local server is recorded (the run fails if there was one); the
   * browser cannot resolve any other host (BENCH_ARGS), so none leaves. Listened to, not
   * intercepted: interception would send every request through the automation protocol and turn
   * off the HTTP cache, a cost per request that real use does not pay and that the app's many
   * code chunks paid more than the plain pages' two scripts.
   */
  private readonly record = (request: Request) => {
    const url = request.url();
    if (!url.startsWith(`${this.server.origin}/`) && !/^(data|blob|about):/.test(url)) this.outside.push(url);
  };

  private watch(page: Page): void {
    page.on('pageerror', (error) => this.errors.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') this.errors.push(`console.error: ${message.text()}`);
    });
  }

  /** A new tab at `path`, with the probe injected before the page's own scripts. */
  async open(path: string, withProbe = true): Promise<Page> {
    const page = await this.context.newPage();
    page.setDefaultTimeout(60_000);
    if (withProbe) await page.addInitScript({ path: PROBE_SCRIPT });
    await page.goto(`${this.server.origin}${path}`);
    return page;
  }

  async close(): Promise<void> {
    await this.context.close();
    await this.server.close();
    await rm(this.userDataDir, { recursive: true, force: true });
  }
}

async function gc(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.detach();
  await page.waitForTimeout(500);
}

/** The renderer whose memory grew most in a phase, and the browser process's growth. */
type MemoryGrowth = ReturnType<typeof memoryGrowth>;

function memoryGrowth(phase: MemoryPhase) {
  const renderers = phase.processes.filter((p) => p.type === 'renderer');
  const grown = renderers.map((p) => ({ ...p, growth: p.peakSampled - p.before }));
  grown.sort((a, b) => b.growth - a.growth);
  const top = grown[0];
  const growthOf = (type: string) =>
    phase.processes.filter((p) => p.type.startsWith(type)).reduce((n, p) => n + Math.max(0, p.peakSampled - p.before), 0);
  return {
    renderer: top ? { pid: top.pid, before: top.before, peak: top.peakSampled, growth: top.growth } : null,
    browserGrowth: growthOf('browser'),
    storageServiceGrowth: growthOf('utility:storage'),
    samples: phase.samples,
  };
}

/**
 * Opens `path` OPENS times: `values` is each open's time to ready (the probe's). With `table`, a
 * table drawn in steps (aria-busy while rows are still to come): `complete` is each open's time from
 * navigation until the table is no longer busy and that is painted, and every open waits for it.
 */
async function openTimes(
  bench: Bench,
  path: string,
  profileName: string | null = null,
  table: string | null = null,
): Promise<{ values: number[]; complete: number[]; page: Page }> {
  const values: number[] = [];
  const complete: number[] = [];
  let last: Page | null = null;
  for (let i = 0; i < OPENS; i += 1) {
    await last?.close();
    // With BENCH_PROFILE, the last open is profiled (a CPU profile and the timeline's totals); its time is not counted.
    if (PROFILE_DIR && profileName && i === OPENS - 1) {
      last = await profiledOpen(bench, path, join(PROFILE_DIR, profileName));
      if (table) await tableComplete(last, table);
      continue;
    }
    last = await bench.open(path);
    const ready = await last.evaluate(() => window.benchProbe!.ready);
    values.push(ready.painted);
    if (PRINT_MARKS) {
      const marks = await last.evaluate(() =>
        performance
          .getEntriesByType('mark')
          .map((m) => `${m.name}=${Math.round(m.startTime)}`)
          .join(' '),
      );
      console.log(`marks ${path}: painted=${Math.round(ready.painted)} ${marks}`);
      // The code and style files the open fetched: when each was asked for and when it had arrived.
      const files = await last.evaluate(() =>
        performance
          .getEntriesByType('resource')
          .filter((r) => /\.(js|css)$/.test(r.name))
          .map(
            (r) => `${r.name.replace(/^.*\//, '')}@${Math.round(r.startTime)}-${Math.round((r as PerformanceResourceTiming).responseEnd)}`,
          )
          .join(' '),
      );
      console.log(`  files: ${files}`);
    }
    if (table) complete.push(await tableComplete(last, table));
  }
  if (!last) throw new Error('no page');
  return { values, complete, page: last };
}

/**
 * When the table `selector` names is no longer busy drawing rows (checked at each frame), the time
 * from navigation of the frame after. (No named functions inside: the runner's compiler would
 * wrap them in a helper the page does not have.)
 */
async function tableComplete(page: Page, selector: string): Promise<number> {
  await page.waitForFunction(
    (sel) => {
      const table = document.querySelector(sel);
      return table !== null && table.getAttribute('aria-busy') !== 'true';
    },
    selector,
    { polling: 'raf' },
  );
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        requestAnimationFrame(() => {
          const channel = new MessageChannel();
          channel.port1.onmessage = () => resolve(performance.now());
          channel.port2.postMessage(null);
        });
      }),
  );
}

/** The time until a table drawn in steps has every row, against the plain table's open (it draws all at once). */
function completeRow(measure: string, app: readonly number[], plain: readonly number[]): Row {
  const value = median(app);
  const baseline = median(plain);
  return { measure, value, unit: 'ms', baseline, baselineWhat: 'plain table', ratio: value / baseline, target: '—', met: null };
}

interface TraceEvent {
  name: string;
  ph: string;
  dur?: number;
  ts: number;
  tid: number;
  pid: number;
  args?: { name?: string };
}

/**
 * Runs `work` with a timeline trace and gives the renderer main thread's total time per top-level
 * event name (script, style, layout, paint, GC) while it ran.
 */
async function withTimeline<T>(
  cdp: CDPSession,
  work: () => Promise<T>,
): Promise<{ result: T; msByEvent: Record<string, number>; events: TraceEvent[] }> {
  const events: TraceEvent[] = [];
  const collect = (message: { value: object[] }) => {
    for (const value of message.value) events.push(value as unknown as TraceEvent);
  };
  cdp.on('Tracing.dataCollected', collect);
  const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
  await cdp.send('Tracing.start', {
    categories: 'devtools.timeline,v8,disabled-by-default-devtools.timeline',
    transferMode: 'ReportEvents',
  });
  const result = await work();
  await cdp.send('Tracing.end');
  await complete;
  cdp.off('Tracing.dataCollected', collect);
  // The renderer's main threads (CrRendererMain); complete events, and begin/end pairs, summed by name.
  const mains = new Set(
    events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`),
  );
  const totals = new Map<string, number>();
  const open = new Map<string, number[]>();
  const add = (name: string, ms: number) => totals.set(name, (totals.get(name) ?? 0) + ms);
  for (const e of events) {
    const thread = `${e.pid}:${e.tid}`;
    if (!mains.has(thread)) continue;
    if (e.ph === 'X' && e.dur !== undefined) add(e.name, e.dur / 1000);
    else if (e.ph === 'B') open.set(`${thread}:${e.name}`, [...(open.get(`${thread}:${e.name}`) ?? []), e.ts]);
    else if (e.ph === 'E') {
      const starts = open.get(`${thread}:${e.name}`);
      const start = starts?.pop();
      if (start !== undefined) add(e.name, (e.ts - start) / 1000);
    }
  }
  const msByEvent = Object.fromEntries([...totals.entries()].sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, Math.round(v * 10) / 10]));
  return { result, msByEvent, events };
}

/**
 * One open of `path` with the V8 CPU profiler and a timeline trace running from before navigation
 * until the screen is ready: writes `<base>-open.cpuprofile` and `<base>-open-timeline.json`, the
 * renderer main thread's total time per top-level event name (script, style, layout, paint, GC).
 */
async function profiledOpen(bench: Bench, path: string, base: string): Promise<Page> {
  const page = await bench.context.newPage();
  page.setDefaultTimeout(60_000);
  await page.addInitScript({ path: PROBE_SCRIPT });
  const cdp = await bench.context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  const { result: ready, msByEvent } = await withTimeline(cdp, async () => {
    await cdp.send('Profiler.start');
    await page.goto(`${bench.server.origin}${path}`);
    const painted = await page.evaluate(() => window.benchProbe!.ready);
    const { profile } = await cdp.send('Profiler.stop');
    await writeFile(`${base}-open.cpuprofile`, JSON.stringify(profile));
    return painted;
  });
  await cdp.detach();
  const summary = { readyMs: ready.painted, msByEvent };
  await writeFile(`${base}-open-timeline.json`, JSON.stringify(summary, null, 1));
  log(`profile of one open written to ${base}-open.cpuprofile (ready in ${ready.painted.toFixed(0)} ms while profiled)`);
  return page;
}

async function switchTimes(page: Page): Promise<ProbeSample[]> {
  for (let i = 0; i < SWITCHES; i += 1) {
    await page.getByRole('link', { name: /^Next: / }).click();
    await page.waitForFunction((n) => (window.benchProbe?.switches.length ?? 0) >= n || (window.benchProbe?.errors.length ?? 0) > 0, i + 1);
    await page.waitForFunction(() => (document.querySelector<HTMLTextAreaElement>('textarea#narrative')?.value.length ?? 0) > 0);
    // A moment to read the criterion, as a person would, before the next one.
    await page.waitForTimeout(150);
  }
  const probe = await page.evaluate(() => ({ switches: window.benchProbe!.switches, errors: window.benchProbe!.errors }));
  if (probe.errors.length > 0) throw new Error(probe.errors.join('; '));
  return probe.switches;
}

const TYPED = 'Pupils with SEN now read with an adult daily and progress is tracked each half term by the SENCO ok.';

async function keystrokeTimes(page: Page): Promise<{ latencies: number[]; saves: number }> {
  const field = page.locator('textarea#narrative');
  await field.click();
  await page.keyboard.press('Control+End');
  const savesBefore = await page.evaluate(() => window.benchProbe!.saves);
  await page.keyboard.type(TYPED.slice(0, KEYSTROKES), { delay: TYPING_DELAY_MS });
  await page.waitForFunction((n) => (window.benchProbe?.keystrokes.length ?? 0) >= n, KEYSTROKES);
  const probe = await page.evaluate(() => ({ latencies: window.benchProbe!.keystrokes, saves: window.benchProbe!.saves }));
  return { latencies: probe.latencies, saves: probe.saves - savesBefore };
}

async function filterTimes(page: Page, label = 'School name or URN', filters: readonly string[] = FILTERS): Promise<ProbeSample[]> {
  const search = page.getByLabel(label, { exact: true });
  for (const [i, text] of filters.entries()) {
    await search.fill(text);
    await page.waitForFunction((n) => (window.benchProbe?.filters.length ?? 0) >= n || (window.benchProbe?.errors.length ?? 0) > 0, i + 1);
    await page.waitForTimeout(100);
  }
  const probe = await page.evaluate(() => ({ filters: window.benchProbe!.filters, errors: window.benchProbe!.errors }));
  if (probe.errors.length > 0) throw new Error(probe.errors.join('; '));
  return probe.filters;
}

const screenTime = (s: ProbeSample) => s.painted - s.start;

/** A screen's median against its plain baseline (the ratio), and against the issue's absolute target. */
function screenRows(
  measure: string,
  app: readonly number[],
  plain: readonly number[],
  baselineWhat: string,
  targetMs = OPEN_TARGET_MS,
): Row[] {
  const value = median(app);
  const baseline = median(plain);
  return [
    { measure, value, unit: 'ms', baseline, baselineWhat, ratio: value / baseline, target: `≤ ${targetMs} ms`, met: value <= targetMs },
  ];
}

function printTable(rows: readonly Row[]): void {
  const header = ['measure', 'figure', 'baseline (same run)', 'ratio', 'target', 'met'];
  const fmt = (n: number, unit: string) => `${n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2)} ${unit}`;
  const lines = rows.map((r) => [
    r.measure,
    fmt(r.value, r.unit),
    `${fmt(r.baseline, r.unit)} ${r.baselineWhat}`,
    `${r.ratio.toFixed(2)}x`,
    r.target,
    r.met === null ? '—' : r.met ? 'yes' : 'NO',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? '').length)));
  const line = (cells: readonly string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  console.log(line(header));
  console.log(`| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`);
  for (const l of lines) console.log(line(l));
}

/**
 * The data set's evidence files, written to a temporary folder from the same seed the page uses,
 * so the page can be given them through a file input as a SENCO picks files from disk (a File the
 * page made itself from bytes in memory reads differently, and is not what the app gets).
 */
async function writeEvidenceFiles(): Promise<{ dir: string; paths: string[] }> {
  const school = await benchSchool(await benchFramework());
  const dir = await mkdtemp(join(tmpdir(), 'sen-bench-evidence-'));
  const paths: string[] = [];
  for (const file of school.files) {
    const path = join(dir, file.name);
    await writeFile(path, file.bytes);
    paths.push(path);
  }
  if (new Set(paths).size !== paths.length) throw new Error('two evidence files of the data set have the same name');
  return { dir, paths };
}

function requireFolder(folder: FolderDataset | null): FolderDataset {
  if (!folder) throw new Error('the shared folder was not made');
  return folder;
}

/** What section 7's measures need from the bench, for a page of it. */
function folderBenchDeps(bench: Bench, page: Page): FolderBenchDeps {
  return {
    page,
    userDataDir: bench.userDataDir,
    step,
    stepLimitMs: STEP_LIMIT_MS,
    gc,
    origin: bench.server.origin,
    profileDir: PROFILE_DIR,
    log,
  };
}

async function runFolderSection(bench: Bench, folder: FolderDataset) {
  const page = await bench.open('/bench/', false);
  await page.waitForFunction(() => window.bench !== undefined);
  const result = await folderBench(folderBenchDeps(bench, page), folder);
  await page.close();
  return result;
}

/** BENCH_ONLY=overview: the Regional overview alone, over 20 scanned submissions copied to 2,000 in the index (no 2,000-file scan). */
async function runOverviewOnly(bench: Bench, folder: FolderDataset) {
  const page = await bench.open('/bench/', false);
  await page.waitForFunction(() => window.bench !== undefined);
  const few = folder.small.slice(0, 20);
  await step('copy and scan 20 submissions', () => page.evaluate(([n]) => window.bench!.folderCopy('overview', n), [few] as const));
  await page.evaluate(() => window.bench!.folderScan('overview'));
  await page.evaluate(([total]) => window.bench!.folderMultiply('overview', total), [FOLDER_SPEC.count - 20] as const);
  const result = await overviewBench(
    { page, origin: bench.server.origin, step, profileDir: PROFILE_DIR, log },
    'overview',
    FOLDER_SPEC.count - 20,
  );
  await page.close();
  return result;
}

/** Section 6's data: the files ingested once and linked, and the library filled with records without a file. */
async function librarySeed(page: Page): Promise<void> {
  await step('ingest the evidence files once', () => page.evaluate(() => window.bench!.ingest()));
  await step('link the evidence to the criteria', () => page.evaluate(() => window.bench!.linkEvidence()));
  const library = await step(`fill the evidence library to ${LIBRARY_ITEMS} items`, () =>
    page.evaluate((n) => window.bench!.fillEvidenceLibrary(n), LIBRARY_ITEMS),
  );
  if (library.items !== LIBRARY_ITEMS) throw new Error(`the evidence library holds ${library.items} items, not ${LIBRARY_ITEMS}`);
  await page.evaluate(() => window.bench!.release());
  await page.close();
}

interface ScreenFigures {
  open: { app: number[]; plain: number[] };
  /** From navigation until every row is drawn (the app draws a long table in steps). */
  complete: { app: number[]; plain: number[] };
  filter: { app: number[]; plain: number[] };
}

/** Section 6: a screen opened OPENS times and searched, then the plain table of the same records alike. */
async function screenAgainstPlain(
  bench: Bench,
  what: string,
  appPath: string,
  plainPath: string,
  rowsSelector: string,
  expectedRows: number | null,
  label: string,
  filters: readonly string[],
): Promise<ScreenFigures> {
  const name = what.split(' ').slice(0, 2).join('-');
  const table = rowsSelector.split(' ')[0] ?? null;
  const app = await step(`open the ${what} ${OPENS} times`, () => openTimes(bench, appPath, name, table));
  if (expectedRows !== null) {
    const rows = await app.page.locator(rowsSelector).count();
    if (rows !== expectedRows) throw new Error(`the ${what} shows ${rows} rows, not ${expectedRows}`);
  }
  const appFilters = await step(`filter the ${what}`, () =>
    profiled(app.page, `${name}-filters`, () => filterTimes(app.page, label, filters)),
  );
  await app.page.close();
  const plain = await step(`baseline: the plain table of the ${what}`, () => openTimes(bench, plainPath, `${name}-plain`, table));
  const plainFilters = await step(`baseline: filter the plain table of the ${what}`, () => filterTimes(plain.page, label, filters));
  await plain.page.close();
  return {
    open: { app: app.values, plain: plain.values },
    complete: { app: app.complete, plain: plain.complete },
    filter: { app: appFilters.map(screenTime), plain: plainFilters.map(screenTime) },
  };
}

/** Section 6: the evidence library and the criteria overview, each against a plain table of the same records. */
async function libraryAndOverview(bench: Bench, setup: SetupInfo): Promise<{ library: ScreenFigures; overview: ScreenFigures }> {
  const evaluationPath = `/#/evaluations/${encodeURIComponent(setup.evaluationId)}`;
  const plainId = encodeURIComponent(setup.evaluationId);
  const library = await screenAgainstPlain(
    bench,
    `evidence library of ${LIBRARY_ITEMS} items`,
    `${evaluationPath}/evidence`,
    `/bench/plain.html#evidence/${plainId}`,
    'table.evidence-table tbody tr',
    LIBRARY_ITEMS,
    'Search evidence',
    EVIDENCE_FILTERS,
  );
  const overview = await screenAgainstPlain(
    bench,
    `criteria overview of ${setup.criteria} criteria`,
    `${evaluationPath}/overview`,
    `/bench/plain.html#overview/${plainId}`,
    'table.overview-table tbody tr',
    null,
    'Search the criteria',
    OVERVIEW_FILTERS,
  );
  return { library, overview };
}

/** Section 6's rows of the results table. */
function libraryAndOverviewRows({ library, overview }: { library: ScreenFigures; overview: ScreenFigures }, criteria: number): Row[] {
  return [
    ...screenRows(`6. open evidence library (${LIBRARY_ITEMS} items)`, library.open.app, library.open.plain, 'plain table'),
    completeRow('6. evidence library, every row drawn', library.complete.app, library.complete.plain),
    ...screenRows('6. filter evidence library, median', library.filter.app, library.filter.plain, 'plain table', FILTER_TARGET_MS),
    ...screenRows(`6. open criteria overview (${criteria} criteria)`, overview.open.app, overview.open.plain, 'plain table'),
    completeRow('6. criteria overview, every row drawn', overview.complete.app, overview.complete.plain),
    ...screenRows('6. filter criteria overview, median', overview.filter.app, overview.filter.plain, 'plain table', FILTER_TARGET_MS),
  ];
}

async function screensOnly(bench: Bench, setup: SetupInfo, info: ReturnType<typeof machine>, started: number): Promise<void> {
  const { library, overview } = await libraryAndOverview(bench, setup);
  if (bench.outside.length > 0) throw new Error(`requests outside the local server: ${bench.outside.join(', ')}`);
  if (bench.errors.length > 0) throw new Error(`errors in the pages: ${bench.errors.join(' | ')}`);
  const rows = libraryAndOverviewRows({ library, overview }, setup.criteria);
  console.log('');
  console.log(
    `Machine: ${info.cpu}, ${info.cores} cores; Chromium ${info.chromium} (headless); ` +
      `load average ${info.loadAtStart} at the start, ${round(loadavg()[0] ?? 0)} at the end. Screens only (BENCH_SCREENS=1).`,
  );
  console.log('');
  printTable(rows);
  const list = (values: readonly number[]) => values.map((v) => v.toFixed(1)).join(', ');
  console.log('');
  console.log(
    `Evidence library: opens ${list(library.open.app)} (plain ${list(library.open.plain)}); filters ${list(library.filter.app)} (plain ${list(library.filter.plain)}).`,
  );
  console.log(
    `Criteria overview: opens ${list(overview.open.app)} (plain ${list(overview.open.plain)}); filters ${list(overview.filter.app)} (plain ${list(overview.filter.plain)}).`,
  );
  console.log(`Whole run: ${((Date.now() - started) / 1000).toFixed(0)} s.`);
}

/**
 * A CPU profile of `work` in `page`, written to PROFILE_DIR as `name`.cpuprofile, and the main
 * thread's totals per timeline event as `name`-timeline.json and the trace as `name`-trace.json (nothing without BENCH_PROFILE).
 */
async function profiled<T>(page: Page, name: string, work: () => Promise<T>): Promise<T> {
  if (!PROFILE_DIR) return work();
  const dir = PROFILE_DIR;
  const cdp = await page.context().newCDPSession(page);
  const { result, msByEvent, events } = await withTimeline(cdp, () => withCpuProfile(page, join(dir, `${name}.cpuprofile`), log, work));
  await writeFile(join(dir, `${name}-timeline.json`), JSON.stringify({ msByEvent }, null, 1));
  // The whole trace too, for DevTools' Performance panel (Load profile).
  await writeFile(join(dir, `${name}-trace.json`), JSON.stringify({ traceEvents: events }));
  log(`Timeline totals and trace written to ${join(dir, name)}-timeline.json and -trace.json`);
  await cdp.detach();
  return result;
}

/** Sections 4 and 5: the criterion screen (open, switch, type) and the moderator's queue, each against its plain page. */
async function evaluationAndQueueScreens(bench: Bench, setup: SetupInfo) {
  // 4. The evaluation's screens.
  const firstId = setup.criterionIds[0] ?? '';
  const criterionPath = `/#/evaluations/${encodeURIComponent(setup.evaluationId)}/criteria/${encodeURIComponent(firstId)}`;
  const plainCriterionPath = `/bench/plain.html#criterion/${encodeURIComponent(setup.evaluationId)}/${encodeURIComponent(firstId)}`;
  const appOpen = await step(`open the criterion screen ${OPENS} times`, () => openTimes(bench, criterionPath));
  const appSwitches = await step(`switch criterion ${SWITCHES} times`, () =>
    profiled(appOpen.page, 'criterion-switches', () => switchTimes(appOpen.page)),
  );
  const appTyping = await step(`type ${KEYSTROKES} characters while autosave runs`, () =>
    profiled(appOpen.page, 'criterion-typing', () => keystrokeTimes(appOpen.page)),
  );
  if (appTyping.saves < 2) throw new Error(`autosave ran ${appTyping.saves} times while typing; the measurement needs it running`);
  const typedCriterion = setup.criterionIds[SWITCHES] ?? '';
  // Autosave: 300 ms after typing pauses (1 s at most). Wait for it to have saved, then check what was saved.
  await appOpen.page.waitForTimeout(1500);
  await appOpen.page.locator('.save-status--saved').waitFor();
  await appOpen.page.close();
  if (PROFILE_DIR) await (await profiledOpen(bench, criterionPath, join(PROFILE_DIR, 'criterion'))).close();
  const plainOpen = await step('baseline: open the plain criterion page', () => openTimes(bench, plainCriterionPath));
  const plainSwitches = await step('baseline: switch on the plain page', () => switchTimes(plainOpen.page));
  const plainKeys = (
    await step('baseline: type in the plain page', () => profiled(plainOpen.page, 'plain-typing', () => keystrokeTimes(plainOpen.page)))
  ).latencies;
  await plainOpen.page.close();

  // 5. The moderator's queue.
  const queuePath = `/#/moderation/${encodeURIComponent(setup.workspaceId)}`;
  const appQueue = await step(`open the queue of ${QUEUE_SUBMISSIONS} submissions ${OPENS} times`, () => openTimes(bench, queuePath));
  // The first screenful is drawn first (the table busy), the rest once it is on screen.
  await appQueue.page.locator('[data-testid="queue-table"]:not([aria-busy])').waitFor();
  const rowsShown = await appQueue.page.locator('[data-testid="queue-table"] tbody tr.queue-row').count();
  if (rowsShown !== QUEUE_SUBMISSIONS) throw new Error(`the queue shows ${rowsShown} rows, not ${QUEUE_SUBMISSIONS}`);
  const appFilters = await step('filter the queue', () => filterTimes(appQueue.page));
  await appQueue.page.close();
  if (PROFILE_DIR) await (await profiledOpen(bench, queuePath, join(PROFILE_DIR, 'queue'))).close();
  const plainQueue = await step('baseline: the plain queue', () =>
    openTimes(bench, `/bench/plain.html#queue/${encodeURIComponent(setup.workspaceId)}`),
  );
  const plainFilters = await step('baseline: filter the plain queue', () => filterTimes(plainQueue.page));
  await plainQueue.page.close();

  return {
    appOpen: { values: appOpen.values },
    appSwitches,
    appTyping,
    typedCriterion,
    plainOpen: { values: plainOpen.values },
    plainSwitches,
    plainKeys,
    appQueue: { values: appQueue.values },
    appFilters,
    plainQueue: { values: plainQueue.values },
    plainFilters,
  };
}

async function main(): Promise<void> {
  const started = Date.now();
  let bench: Bench;
  let folder: FolderDataset | null = null;
  try {
    // Section 6 alone (BENCH_SCREENS) and sections 1-2 alone need no shared folder: it is not made (or looked for in the cache).
    if (!ONLY_INGEST_EXPORT && !SCREENS_ONLY) {
      const made = await step('make the shared folder’s signed submissions (or find them in the cache)', () =>
        folderDataset(FOLDER_SPEC, log),
      );
      log(`shared folder: ${made.generated} files generated in ${(made.generateMs / 1000).toFixed(0)} s, the rest from ${made.dir}`);
      folder = made;
    }
    bench = await Bench.start(folder?.dir);
  } catch (error) {
    console.error(
      `\nBENCH FAILED: the shared folder could not be made, or Chromium could not be started: ${error instanceof Error ? error.message : String(error)}`,
    );
    process.exitCode = 1;
    return;
  }
  let failed = false;
  let evidenceDir: string | null = null;
  try {
    const page = await bench.open('/bench/', false);
    await page.waitForFunction(() => window.bench !== undefined);
    const cdp = await bench.context.newCDPSession(page);
    const chromiumVersion = (await cdp.send('Browser.getVersion')).product.replace(/^\D*\//, '');
    await cdp.detach();
    const info = machine(chromiumVersion);
    log(`machine: ${info.cpu}, ${info.cores} cores, ${info.ramGiB} GiB RAM, Chromium ${info.chromium}, Node ${info.node}`);

    if (process.env.BENCH_ONLY === 'overview') {
      // Only the Regional overview of section 7, over an index filled by copies; for working on it.
      const only = await runOverviewOnly(bench, requireFolder(folder));
      printTable(only.rows);
      console.log(JSON.stringify(only.details, null, 1));
      console.log(`Load average ${info.loadAtStart} at the start, ${round(loadavg()[0] ?? 0)} at the end (BENCH_ONLY=overview).`);
      return;
    }
    if (process.env.BENCH_ONLY === 'folder-memory') {
      // Only the scan's memory (section 7's two memory scans, several rounds, medians); writes nothing.
      const memoryPage = await bench.open('/bench/', false);
      await memoryPage.waitForFunction(() => window.bench !== undefined);
      const only = await folderMemoryBench(folderBenchDeps(bench, memoryPage), requireFolder(folder));
      await memoryPage.close();
      printTable(only.rows);
      console.log(JSON.stringify(only.details));
      console.log(`Load average ${info.loadAtStart} at the start, ${round(loadavg()[0] ?? 0)} at the end (BENCH_ONLY=folder-memory).`);
      return;
    }
    if (process.env.BENCH_ONLY === 'folder' && folder) {
      // Only the shared folder's measures (section 7), for working on them; last-run.json is left as it is.
      const only = await runFolderSection(bench, requireFolder(folder));
      printTable(only.rows);
      console.log(JSON.stringify(only.details, null, 1));
      return;
    }

    const setup: SetupInfo = await step('build the data set in the page and seed the school', () =>
      page.evaluate(() => window.bench!.setup()),
    );
    log(
      `data set: ${setup.criteria} criteria, ${setup.evidenceFiles} evidence files (${(setup.evidenceBytes / MB).toFixed(0)} MB), ` +
        `${setup.actions} actions, narratives of ${setup.narrativeWords} words; generated in ${(setup.generateMs / 1000).toFixed(1)} s`,
    );

    // 1. Evidence ingest, of the same bytes picked from disk.
    const evidence = await step('write the evidence files to disk and pick them in the page', async () => {
      const written = await writeEvidenceFiles();
      evidenceDir = written.dir;
      await page.setInputFiles('#evidence-files', written.paths);
      return written;
    });
    if (evidence.paths.length !== setup.evidenceFiles) throw new Error(`${evidence.paths.length} files written for ${setup.evidenceFiles}`);
    if (process.env.BENCH_ONLY === 'evaluation-queue') {
      // Only sections 4 and 5 (the criterion screen and the queue), on the same data set with one ingest; writes nothing.
      await step('seed the moderator’s queue', () => page.evaluate((n) => window.bench!.seedQueue(n), QUEUE_SUBMISSIONS));
      await librarySeed(page);
      const r = await evaluationAndQueueScreens(bench, setup);
      if (bench.errors.length > 0) throw new Error(`errors in the pages: ${bench.errors.join(' | ')}`);
      const ratio = (what: string, app: number, plain: number, target: number | null) =>
        console.log(
          `${what}: ${app.toFixed(1)} / ${plain.toFixed(1)} ms = ${(app / plain).toFixed(2)}x (${target === null ? 'no target' : `target ≤ ${target}x`})`,
        );
      console.log(`Load average ${info.loadAtStart} at the start, ${round(loadavg()[0] ?? 0)} at the end (BENCH_ONLY=evaluation-queue).`);
      ratio('4. open evaluation', median(r.appOpen.values), median(r.plainOpen.values), 2);
      ratio('4. switch criterion, median', median(r.appSwitches.map(screenTime)), median(r.plainSwitches.map(screenTime)), 1.5);
      ratio('4. keystroke p95', percentile(r.appTyping.latencies, 95), percentile(r.plainKeys, 95), 1.5);
      ratio('4. keystroke median', median(r.appTyping.latencies), median(r.plainKeys), null);
      ratio('5. open queue', median(r.appQueue.values), median(r.plainQueue.values), 2);
      ratio('5. filter queue, median', median(r.appFilters.map(screenTime)), median(r.plainFilters.map(screenTime)), null);
      console.log(
        JSON.stringify({
          opens: r.appOpen.values,
          plainOpens: r.plainOpen.values,
          switches: r.appSwitches.map(screenTime),
          queue: r.appQueue.values,
          plainQueue: r.plainQueue.values,
          keys: r.appTyping.latencies,
          plainKeys: r.plainKeys,
        }),
      );
      return;
    }
    if (SCREENS_ONLY) {
      await librarySeed(page);
      await screensOnly(bench, setup, info, started);
      return;
    }
    // The baseline, the two floors and the ingest take turns, and each figure is the median of its
    // turns. Each ingest but the last is undone (its records and bytes deleted) before the next.
    const ingestTurns = await step(
      `ingest: SHA-256 alone, reading alone, reading and hashing, and addEvidenceFiles, in turn ${INGEST_RUNS} times`,
      async () => {
        const runs: { baseline: Timed; read: Timed; hashed: Timed; ingest: IngestResult }[] = [];
        for (let i = 0; i < INGEST_RUNS; i += 1) {
          if (i > 0) await page.evaluate(() => window.bench!.undoIngest());
          const baseline = await page.evaluate(() => window.bench!.ingestBaseline());
          const read = await page.evaluate(() => window.bench!.ingestReadFloor());
          const hashed = await page.evaluate(() => window.bench!.ingestHashFloor());
          runs.push({ baseline, read, hashed, ingest: await page.evaluate(() => window.bench!.ingest()) });
        }
        return runs;
      },
    );
    const medianOf = (pick: (run: (typeof ingestTurns)[number]) => Timed): Timed & { runs: number[] } => {
      const times = ingestTurns.map((run) => pick(run).ms);
      return { ms: median(times), bytes: pick(ingestTurns[0]!).bytes, runs: times };
    };
    const ingestBaseline = medianOf((run) => run.baseline);
    const ingestReadFloor = medianOf((run) => run.read);
    const ingestHashFloor = medianOf((run) => run.hashed);
    const lastIngest = ingestTurns.at(-1)!.ingest;
    const ingest: IngestResult & { runs: number[] } = { ...lastIngest, ...medianOf((run) => run.ingest) };
    if (!ingest.hashesMatch) throw new Error('ingest stored hashes that differ from WebCrypto’s over the same bytes');
    if (ingest.stored !== setup.evidenceFiles) throw new Error(`ingest stored ${ingest.stored} of ${setup.evidenceFiles} files`);
    await step('link the evidence to the criteria', () => page.evaluate(() => window.bench!.linkEvidence()));
    await page.evaluate(() => window.bench!.release());

    // 2. Export, with the renderer's memory sampled from /proc.
    await gc(page);
    const processes = chromiumProcesses(bench.userDataDir);
    if (!processes.some((p) => p.type === 'renderer')) throw new Error('no Chromium renderer process found in /proc');
    // The baseline and the export take turns, as the import's do; the figures are the medians, and
    // the memory is the highest peak of any export (the target must hold every time).
    const turns = await step(
      `export: reading, copying and hashing every evidence Blob, and the signed submission in the PDF worker, in turn ${EXPORT_RUNS} times`,
      async () => {
        const runs: { baseline: Timed; baselineMemory: MemoryGrowth; exported: ExportResult; memory: MemoryGrowth }[] = [];
        for (let i = 0; i < EXPORT_RUNS; i += 1) {
          await gc(page);
          let sampler = sampleMemory(processes);
          const baseline = await page.evaluate(() => window.bench!.exportBaseline());
          const baselineMemory = memoryGrowth(sampler.stop());
          await gc(page);
          sampler = sampleMemory(processes);
          const exported = await page.evaluate(() => window.bench!.exportSubmission());
          runs.push({ baseline, baselineMemory, exported, memory: memoryGrowth(sampler.stop()) });
        }
        return runs;
      },
    );
    const byTime = [...turns].sort((a, b) => a.exported.ms - b.exported.ms);
    const medianTurn = byTime[Math.floor(byTime.length / 2)];
    if (!medianTurn) throw new Error('no export ran');
    const exported: ExportResult = { ...medianTurn.exported, runs: turns.map((t) => t.exported.ms) };
    const exportBaseline: Timed = { ...medianTurn.baseline, ms: median(turns.map((t) => t.baseline.ms)) };
    // The turn whose renderer grew most.
    const highest = (pick: (turn: (typeof turns)[number]) => MemoryGrowth): MemoryGrowth =>
      turns.map(pick).reduce((most, m) => ((m.renderer?.growth ?? 0) > (most.renderer?.growth ?? 0) ? m : most));
    const exportMemory = highest((turn) => turn.memory);
    const exportBaselineMemory = highest((turn) => turn.baselineMemory);
    log(`export stages: ${exported.stages.map((s) => `${s.stage} ${(s.ms / 1000).toFixed(2)} s`).join(', ')}`);
    // The export lays out its pages on one thread while it hashes the evidence on another, so it can
    // take no less than the longer of the two: each is timed alone, on the last export's document.
    const exportParts = await step(`export: its layout alone, then its evidence hashing alone, ${EXPORT_RUNS} times`, async () => {
      const runs: ExportParts[] = [];
      for (let i = 0; i < EXPORT_RUNS; i += 1) {
        await gc(page);
        runs.push(await page.evaluate(() => window.bench!.exportParts()));
      }
      return runs;
    });
    const exportLayoutMs = median(exportParts.map((p) => p.layoutMs));
    const exportHashMs = median(exportParts.map((p) => p.hashMs));
    const exportLeastMs = Math.max(exportLayoutMs, exportHashMs);
    log(
      `export's parts alone: layout ${exportParts.map((p) => (p.layoutMs / 1000).toFixed(2)).join(', ')} s; ` +
        `JavaScript SHA-256 of the evidence ${exportParts.map((p) => (p.hashMs / 1000).toFixed(2)).join(', ')} s`,
    );
    // Export memory may not grow with the evidence: the same limit whatever the submission carries.
    const limitBytes = EXPORT_MEMORY_LIMIT_MB * MB;
    const exportPeak = exportMemory.renderer?.growth ?? Number.NaN;
    // A time of section 2 in seconds, beside the export's baseline (no target unless one is given).
    const againstHashCopy = (measure: string, ms: number, judged: Pick<Row, 'target' | 'met'> = { target: '—', met: null }): Row => ({
      measure,
      value: ms / 1000,
      unit: 's',
      baseline: exportBaseline.ms / 1000,
      baselineWhat: 'hash+copy',
      ratio: ms / exportBaseline.ms,
      ...judged,
    });
    const ingestExportRows: Row[] = [
      {
        measure: '1. evidence ingest (hash + store)',
        value: mbPerSecond(ingest),
        unit: 'MB/s',
        baseline: mbPerSecond(ingestHashFloor),
        baselineWhat: 'read+hash',
        ratio: mbPerSecond(ingest) / mbPerSecond(ingestHashFloor),
        target: '≥ 0.75x read+hash',
        met: mbPerSecond(ingest) >= 0.75 * mbPerSecond(ingestHashFloor),
      },
      {
        measure: '1. evidence ingest against SHA-256 alone',
        value: mbPerSecond(ingest),
        unit: 'MB/s',
        baseline: mbPerSecond(ingestBaseline),
        baselineWhat: 'SHA-256',
        ratio: mbPerSecond(ingest) / mbPerSecond(ingestBaseline),
        target: '—',
        met: null,
      },
      {
        measure: '1. only reading the picked files',
        value: mbPerSecond(ingestReadFloor),
        unit: 'MB/s',
        baseline: mbPerSecond(ingestBaseline),
        baselineWhat: 'SHA-256',
        ratio: mbPerSecond(ingestReadFloor) / mbPerSecond(ingestBaseline),
        target: '—',
        met: null,
      },
      {
        measure: '1. reading and hashing, storing nothing',
        value: mbPerSecond(ingestHashFloor),
        unit: 'MB/s',
        baseline: mbPerSecond(ingestBaseline),
        baselineWhat: 'SHA-256',
        ratio: mbPerSecond(ingestHashFloor) / mbPerSecond(ingestBaseline),
        target: '—',
        met: null,
      },
      againstHashCopy('2. export signed submission', exported.ms, { target: '≤ 2x hash+copy', met: exported.ms <= 2 * exportBaseline.ms }),
      againstHashCopy('2. the export’s layout alone (pdfmake, its worker)', exportLayoutMs),
      againstHashCopy('2. the export’s evidence hashing alone (JavaScript SHA-256)', exportHashMs),
      againstHashCopy('2. the least an export can take here (the longer of those two)', exportLeastMs),
      {
        measure: '2. export peak memory (renderer)',
        value: exportPeak / MB,
        unit: 'MB',
        baseline: (exportBaselineMemory.renderer?.growth ?? Number.NaN) / MB,
        baselineWhat: 'hash+copy',
        ratio: exportPeak / (exportBaselineMemory.renderer?.growth ?? Number.NaN),
        target: `≤ ${(limitBytes / MB).toFixed(0)} MB`,
        met: exportPeak <= limitBytes,
      },
    ];
    if (ONLY_INGEST_EXPORT) {
      printTable(ingestExportRows);
      console.log(
        `Load average ${info.loadAtStart} at the start, ${round(loadavg()[0] ?? 0)} at the end. Ingest turns ${ingest.runs.map((v) => (v / 1000).toFixed(2)).join(', ')} s ` +
          `(reading and hashing ${ingestHashFloor.runs.map((v) => (v / 1000).toFixed(2)).join(', ')} s). Export turns ${(exported.runs ?? []).map((v) => (v / 1000).toFixed(2)).join(', ')} s ` +
          `(hash and copy ${turns.map((t) => (t.baseline.ms / 1000).toFixed(2)).join(', ')} s); the median run's stages: ${exported.stages.map((s) => `${s.stage} ${(s.ms / 1000).toFixed(2)} s`).join(', ')}.`,
      );
      return;
    }

    // 3. Import with full verification, once what the exports left behind is collected. The
    // exported file is written to disk, so the tools a moderator could use instead are timed on it.
    const written = await step('write the exported submission to disk', () => page.evaluate(() => window.bench!.saveSubmission()));
    // Read as the command line reads it: into shared memory, so its evidence is hashed on a second thread.
    const submissionBytes = readFileIntoSharedMemory(bench.submissionFile);
    // BENCH_KEEP_SUBMISSION=PATH: a copy of the exported file kept there, to time or profile the
    // verifiers on it outside the bench.
    if (process.env.BENCH_KEEP_SUBMISSION) copyFileSync(bench.submissionFile, process.env.BENCH_KEEP_SUBMISSION);
    if (submissionBytes.length !== written.bytes) throw new Error(`${submissionBytes.length} bytes on disk for ${written.bytes} exported`);
    await gc(page);
    // The baselines, the tools and the verification take turns, so a noisy moment of the machine
    // falls on all alike: WebCrypto's SHA-256 and verifySubmission in the verify worker, then
    // openssl, pdfsig and verifySubmission in Node on the same file.
    const { importBaseline, imported, outside } = await step(
      `import: SHA-256 alone and verifySubmission in the verify worker, openssl dgst, pdfsig and verifySubmission in Node, in turn ${IMPORT_RUNS} times; then store`,
      async () => {
        const baselineRuns: number[] = [];
        const verifyRuns: number[] = [];
        const opensslRuns: number[] = [];
        const pdfsigRuns: number[] = [];
        const nodeRuns: number[] = [];
        const desktopRuns: number[] = [];
        let last: ImportResult | null = null;
        for (let i = 0; i < IMPORT_RUNS; i += 1) {
          baselineRuns.push((await page.evaluate(() => window.bench!.importBaseline())).ms);
          last = await page.evaluate((store) => window.bench!.importSubmission(store), i === IMPORT_RUNS - 1);
          if (!last.ok) return { importBaseline: null, imported: last, outside: null };
          verifyRuns.push(last.verifyMs);
          const openssl = await timeOpensslSha256(bench.submissionFile);
          opensslRuns.push(openssl.ms);
          pdfsigRuns.push(await timePdfsig(bench.submissionFile));
          const node = await timeNodeVerify(submissionBytes);
          if (node.sha256 !== openssl.sha256)
            throw new Error(`verifySubmission reports the file’s SHA-256 as ${node.sha256}; openssl says ${openssl.sha256}`);
          nodeRuns.push(node.ms);
          const desktop = await timeDesktopVerify(bench.submissionFile);
          if (desktop.sha256 !== openssl.sha256)
            throw new Error(`the desktop's check reports the file’s SHA-256 as ${desktop.sha256}; openssl says ${openssl.sha256}`);
          desktopRuns.push(desktop.ms);
        }
        if (!last) throw new Error('no import ran');
        const bytes = last.bytes;
        const timed = (runs: number[]) => ({ ms: median(runs), bytes, runs });
        return {
          importBaseline: timed(baselineRuns),
          imported: { ...last, verifyMs: median(verifyRuns), verifyRuns },
          outside: { openssl: timed(opensslRuns), pdfsig: timed(pdfsigRuns), node: timed(nodeRuns), desktop: timed(desktopRuns) },
        };
      },
    );
    if (!imported.ok || !importBaseline || !outside) throw new Error(`the exported submission was not imported: ${imported.message}`);

    // 5 (seeded here, measured below). The queue: the submission just imported and 199 others.
    const queue: QueueSeedResult = await step('seed the moderator’s queue', () =>
      page.evaluate((n) => window.bench!.seedQueue(n), QUEUE_SUBMISSIONS - 1),
    );
    const library = await step(`fill the evidence library to ${LIBRARY_ITEMS} items (records without a file beside the files)`, () =>
      page.evaluate((n) => window.bench!.fillEvidenceLibrary(n), LIBRARY_ITEMS),
    );
    if (library.items !== LIBRARY_ITEMS) throw new Error(`the evidence library holds ${library.items} items, not ${LIBRARY_ITEMS}`);
    await page.evaluate(() => window.bench!.release());
    await page.close();

    // 4 and 5. The evaluation's screens and the moderator's queue.
    const {
      appOpen,
      appSwitches,
      appTyping,
      typedCriterion,
      plainOpen,
      plainSwitches,
      plainKeys,
      appQueue,
      appFilters,
      plainQueue,
      plainFilters,
    } = await evaluationAndQueueScreens(bench, setup);
    const appKeys = appTyping.latencies;

    // 6. The evidence library (as a table) and the criteria overview, each against a plain table of the same records.
    const section6 = await libraryAndOverview(bench, setup);

    // What was typed was saved.
    const check = await bench.open('/bench/', false);
    await check.waitForFunction(() => window.bench !== undefined);
    const saved = await check.evaluate(([e, c]) => window.bench!.narrativeOf(e, c), [setup.evaluationId, typedCriterion] as const);
    if (!saved?.endsWith(TYPED.slice(0, KEYSTROKES))) {
      throw new Error(
        `autosave did not keep the typed text for ${typedCriterion}: the saved narrative ends “…${(saved ?? '').slice(-120)}”`,
      );
    }
    await check.close();

    // 7. The shared folder at scale (issue 19), in a page of its own.
    const folderRun = await runFolderSection(bench, requireFolder(folder));
    if (bench.outside.length > 0) throw new Error(`requests outside the local server: ${bench.outside.join(', ')}`);
    if (bench.errors.length > 0) throw new Error(`errors in the pages: ${bench.errors.join(' | ')}`);

    // The table.
    const importTimed: Timed = { ms: imported.verifyMs, bytes: imported.bytes };
    const switchMs = appSwitches.map(screenTime);
    const rows: Row[] = [
      ...ingestExportRows,
      {
        measure: '3. verification, web: verify worker',
        value: mbPerSecond(importTimed),
        unit: 'MB/s',
        baseline: mbPerSecond(outside.pdfsig),
        baselineWhat: 'pdfsig',
        ratio: mbPerSecond(importTimed) / mbPerSecond(outside.pdfsig),
        target: '≥ 1x pdfsig',
        met: mbPerSecond(importTimed) >= mbPerSecond(outside.pdfsig),
      },
      {
        measure: '3. verification, desktop: the main process checks the picked file',
        value: mbPerSecond(outside.desktop),
        unit: 'MB/s',
        baseline: mbPerSecond(outside.pdfsig),
        baselineWhat: 'pdfsig',
        ratio: mbPerSecond(outside.desktop) / mbPerSecond(outside.pdfsig),
        target: '≥ 1x pdfsig',
        met: mbPerSecond(outside.desktop) >= mbPerSecond(outside.pdfsig),
      },
      {
        measure: '3. verification, verifySubmission in Node, file in memory',
        value: mbPerSecond(outside.node),
        unit: 'MB/s',
        baseline: mbPerSecond(outside.pdfsig),
        baselineWhat: 'pdfsig',
        ratio: mbPerSecond(outside.node) / mbPerSecond(outside.pdfsig),
        target: '—',
        met: null,
      },
      {
        measure: '3. verification, verify worker',
        value: mbPerSecond(importTimed),
        unit: 'MB/s',
        baseline: mbPerSecond(outside.openssl),
        baselineWhat: 'openssl dgst',
        ratio: mbPerSecond(importTimed) / mbPerSecond(outside.openssl),
        target: '—',
        met: null,
      },
      {
        measure: '3. verification, verifySubmission in Node',
        value: mbPerSecond(outside.node),
        unit: 'MB/s',
        baseline: mbPerSecond(outside.openssl),
        baselineWhat: 'openssl dgst',
        ratio: mbPerSecond(outside.node) / mbPerSecond(outside.openssl),
        target: '—',
        met: null,
      },
      {
        measure: '3. verification, verify worker',
        value: mbPerSecond(importTimed),
        unit: 'MB/s',
        baseline: mbPerSecond(importBaseline),
        baselineWhat: 'SHA-256 (worker)',
        ratio: mbPerSecond(importTimed) / mbPerSecond(importBaseline),
        target: '—',
        met: null,
      },
      {
        measure: '4. open evaluation (until typing)',
        value: median(appOpen.values),
        unit: 'ms',
        baseline: median(plainOpen.values),
        baselineWhat: 'plain page',
        ratio: median(appOpen.values) / median(plainOpen.values),
        target: '≤ 2x plain page',
        met: median(appOpen.values) <= 2 * median(plainOpen.values),
      },
      {
        measure: '4. switch criterion, median',
        value: median(switchMs),
        unit: 'ms',
        baseline: median(plainSwitches.map(screenTime)),
        baselineWhat: 'plain page',
        ratio: median(switchMs) / median(plainSwitches.map(screenTime)),
        target: '≤ 1.5x plain page',
        met: median(switchMs) <= 1.5 * median(plainSwitches.map(screenTime)),
      },
      {
        measure: '4. keystroke latency, p95',
        value: percentile(appKeys, 95),
        unit: 'ms',
        baseline: percentile(plainKeys, 95),
        baselineWhat: 'plain textarea',
        ratio: percentile(appKeys, 95) / percentile(plainKeys, 95),
        target: '≤ 1.5x plain textarea',
        met: percentile(appKeys, 95) <= 1.5 * percentile(plainKeys, 95),
      },
      {
        measure: '4. keystroke latency, median',
        value: median(appKeys),
        unit: 'ms',
        baseline: median(plainKeys),
        baselineWhat: 'plain textarea',
        ratio: median(appKeys) / median(plainKeys),
        target: '—',
        met: null,
      },
      {
        measure: `5. open queue (${QUEUE_SUBMISSIONS} submissions)`,
        value: median(appQueue.values),
        unit: 'ms',
        baseline: median(plainQueue.values),
        baselineWhat: 'plain table',
        ratio: median(appQueue.values) / median(plainQueue.values),
        target: '≤ 2x plain table',
        met: median(appQueue.values) <= 2 * median(plainQueue.values),
      },
      {
        measure: '5. filter queue, median',
        value: median(appFilters.map(screenTime)),
        unit: 'ms',
        baseline: median(plainFilters.map(screenTime)),
        baselineWhat: 'plain table',
        ratio: median(appFilters.map(screenTime)) / median(plainFilters.map(screenTime)),
        target: '—',
        met: null,
      },
      ...libraryAndOverviewRows(section6, setup.criteria),
      ...folderRun.rows,
    ];

    const totalSeconds = (Date.now() - started) / 1000;
    console.log('');
    console.log(
      `Machine: ${info.cpu}, ${info.cores} cores, ${info.ramGiB} GiB RAM; Chromium ${info.chromium} (headless); Node ${info.node}; ${info.platform}; ` +
        `load average ${info.loadAtStart} at the start, ${round(loadavg()[0] ?? 0)} at the end`,
    );
    if (info.loadAtStart > 0.5)
      console.log('Other work was running on this machine when the run started: the figures are noisier than usual.');
    console.log(
      `Data set (seeded): ${setup.criteria} criteria all judged, narratives ~${setup.narrativeWords} words, ${setup.evidenceFiles} evidence files ` +
        `(${(setup.evidenceBytes / MB).toFixed(0)} MB), ${setup.actions} actions; queue of ${QUEUE_SUBMISSIONS} submissions from ` +
        `${queue.schools + 1} schools (${(queue.documentBytes / MB).toFixed(1)} MB of submission data). MB = 2^20 bytes.`,
    );
    console.log('');
    printTable(rows);
    console.log('');
    console.log(
      `Ingest: median of ${ingest.runs.map((v) => (v / 1000).toFixed(2)).join(', ')} s (SHA-256 alone ` +
        `${ingestBaseline.runs.map((v) => (v / 1000).toFixed(2)).join(', ')} s; reading alone ` +
        `${ingestReadFloor.runs.map((v) => (v / 1000).toFixed(2)).join(', ')} s; reading and hashing ` +
        `${ingestHashFloor.runs.map((v) => (v / 1000).toFixed(2)).join(', ')} s).`,
    );
    console.log(
      `Export: median of ${(exported.runs ?? []).map((v) => (v / 1000).toFixed(2)).join(', ')} s (hash and copy ` +
        `${turns.map((t) => (t.baseline.ms / 1000).toFixed(2)).join(', ')} s). The median run: snapshot ${(exported.snapshotMs / 1000).toFixed(2)} s, worker ${(exported.workerMs / 1000).toFixed(2)} s ` +
        `(${exported.stages.map((s) => `${s.stage} ${(s.ms / 1000).toFixed(2)} s`).join(', ')}); ` +
        `PDF ${(exported.pdfBytes / MB).toFixed(0)} MB; keeping it (recordSubmission) ${(exported.recordMs / 1000).toFixed(2)} s.`,
    );
    console.log(
      `Export memory: renderer ${((exportMemory.renderer?.before ?? 0) / MB).toFixed(0)} MB before, peak +${(exportPeak / MB).toFixed(0)} MB ` +
        `(${exportMemory.samples} samples every 50 ms and VmHWM); browser process +${(exportMemory.browserGrowth / MB).toFixed(0)} MB, storage service +${(exportMemory.storageServiceGrowth / MB).toFixed(0)} MB.`,
    );
    console.log(
      `Import: read ${(imported.readMs / 1000).toFixed(2)} s, verify ${(imported.verifyMs / 1000).toFixed(2)} s ` +
        `(median of ${imported.verifyRuns.map((v) => (v / 1000).toFixed(2)).join(', ')}; SHA-256 alone ` +
        `${importBaseline.runs.map((v) => (v / 1000).toFixed(2)).join(', ')}), store ${(imported.storeMs / 1000).toFixed(2)} s ` +
        `(whole import ${((imported.bytes / MB) * (1000 / (imported.readMs + imported.verifyMs + imported.storeMs))).toFixed(0)} MB/s).`,
    );
    const seconds = (runs: readonly number[]) => runs.map((v) => (v / 1000).toFixed(2)).join(', ');
    console.log(
      `Same file on disk (${(imported.bytes / MB).toFixed(0)} MB): pdfsig ${(outside.pdfsig.ms / 1000).toFixed(2)} s (median of ${seconds(outside.pdfsig.runs)}); ` +
        `openssl dgst -sha256 ${(outside.openssl.ms / 1000).toFixed(2)} s (${seconds(outside.openssl.runs)}); ` +
        `the desktop's check of the file ${(outside.desktop.ms / 1000).toFixed(2)} s (${seconds(outside.desktop.runs)}); verifySubmission in Node on the file in memory ${(outside.node.ms / 1000).toFixed(2)} s (${seconds(outside.node.runs)}); in the verify worker ${(imported.verifyMs / 1000).toFixed(2)} s.`,
    );
    console.log(
      `Switch: max ${Math.max(...switchMs).toFixed(0)} ms; keystrokes (${KEYSTROKES}, one every ${TYPING_DELAY_MS} ms, ${appTyping.saves} autosaves ` +
        `during them): max ${Math.max(...appKeys).toFixed(0)} ms; ` +
        `opens (ms): criterion ${appOpen.values.map((v) => v.toFixed(0)).join(', ')}; queue ${appQueue.values.map((v) => v.toFixed(0)).join(', ')}; ` +
        `evidence library ${section6.library.open.app.map((v) => v.toFixed(0)).join(', ')}; criteria overview ${section6.overview.open.app.map((v) => v.toFixed(0)).join(', ')}.`,
    );
    const missed = rows.filter((r) => r.met === false).map((r) => r.measure);
    console.log(missed.length === 0 ? 'All targets met.' : `Targets missed: ${missed.join('; ')}.`);
    console.log(`Whole run: ${totalSeconds.toFixed(0)} s. Written to test/bench/last-run.json.`);

    const record = {
      when: new Date().toISOString(),
      machine: info,
      dataSet: { ...setup, criterionIds: undefined, queue },
      rows: rows.map((r) => ({ ...r, value: round(r.value), baseline: round(r.baseline), ratio: round(r.ratio) })),
      details: {
        ingest,
        ingestBaseline,
        export: exported,
        exportBaseline,
        exportParts,
        exportMemory,
        exportBaselineMemory,
        import: imported,
        importBaseline,
        sameFile: outside,
        openCriterionMs: { app: appOpen.values, plain: plainOpen.values },
        switchMs: { app: switchMs, plain: plainSwitches.map(screenTime) },
        keystrokeMs: { app: appKeys, plain: plainKeys, autosavesDuringTyping: appTyping.saves },
        openQueueMs: { app: appQueue.values, plain: plainQueue.values },
        filterMs: { app: appFilters.map(screenTime), plain: plainFilters.map(screenTime) },
        sharedFolder: folderRun.details,
      },
      totalSeconds: round(totalSeconds, 0),
    };
    const json = JSON.stringify(record, (_key, value: unknown) => (typeof value === 'number' ? round(value) : value), 2);
    writeFileSync(LAST_RUN, await format(json, { parser: 'json', printWidth: 140 }));
  } catch (error) {
    failed = true;
    console.error(`\nBENCH FAILED: ${error instanceof Error ? error.message : String(error)}`);
    if (bench.errors.length > 0) console.error(`Page errors: ${bench.errors.join(' | ')}`);
  } finally {
    await bench.close();
    if (evidenceDir) await rm(evidenceDir, { recursive: true, force: true });
  }
  if (failed) process.exitCode = 1;
}

await main();
