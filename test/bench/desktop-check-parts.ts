import { nodeSha256Digests, readFileIntoSharedMemory } from '../../electron/node-sha256-digests';
import { readFileHashing } from '../../electron/hashed-file-read';
import { verifySubmission } from '../../shared/submission/submission-verifier';
import { timePdfsig } from './outside-tools';

/**
 * The desktop's check of a submission file, timed beside `pdfsig` outside the bench, on a file the
 * bench kept (`BENCH_KEEP_SUBMISSION=PATH npm run bench`):
 *
 *   npx tsx test/bench/desktop-check-parts.ts PATH [TURNS]
 *
 * Two ways of reading, taking turns: the whole file read into shared memory and then verified (as
 * the desktop did before), and the file hashed as it is read (`readFileHashing`, as the desktop and
 * the command line do now). Each is timed, and so is the longest time this thread's event loop
 * could not turn during it (what a main process's menus and messages wait for): a timer due every
 * millisecond notes how late it fires. Medians, and every turn.
 */
const [path, turnsArg] = process.argv.slice(2);
if (!path) {
  console.error('Usage: npx tsx test/bench/desktop-check-parts.ts SUBMISSION.pdf [TURNS]');
  process.exit(2);
}
const turns = Math.max(1, Number(turnsArg ?? 7));

async function timed(run: () => Promise<void>): Promise<{ ms: number; longestWait: number }> {
  let last = performance.now();
  let longestWait = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longestWait = Math.max(longestWait, now - last);
    last = now;
  }, 1);
  const started = performance.now();
  try {
    await run();
  } finally {
    clearInterval(timer);
  }
  longestWait = Math.max(longestWait, performance.now() - last);
  return { ms: performance.now() - started, longestWait };
}

async function accepted(verifying: ReturnType<typeof verifySubmission>): Promise<void> {
  const verified = await verifying;
  if (!verified.ok) throw new Error(`the submission was refused: ${verified.rejection.code}: ${verified.rejection.message}`);
}

const rows: Record<string, number[]> = {
  'read whole, then verify: time': [],
  'read whole, then verify: longest event-loop wait': [],
  'hashed as read (desktop): time': [],
  'hashed as read (desktop): longest event-loop wait': [],
  pdfsig: [],
};
for (let turn = 0; turn < turns; turn += 1) {
  const whole = await timed(() => accepted(verifySubmission(readFileIntoSharedMemory(path), { digests: nodeSha256Digests })));
  const hashed = await timed(async () => {
    const read = await readFileHashing(path);
    await accepted(verifySubmission(read.bytes, { digests: read.digests }));
  });
  rows['read whole, then verify: time']?.push(whole.ms);
  rows['read whole, then verify: longest event-loop wait']?.push(whole.longestWait);
  rows['hashed as read (desktop): time']?.push(hashed.ms);
  rows['hashed as read (desktop): longest event-loop wait']?.push(hashed.longestWait);
  rows.pdfsig?.push(await timePdfsig(path));
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
for (const [what, values] of Object.entries(rows)) {
  console.log(`${what}: median ${median(values).toFixed(0)} ms (${values.map((v) => v.toFixed(0)).join(', ')})`);
}
