import { readFileIntoSharedMemory } from '../../electron/node-sha256-digests';
import { timeDesktopVerify, timeNodeVerify, timePdfsig } from './outside-tools';

/**
 * The desktop's check of a submission file, timed beside `pdfsig` outside the bench, on a file the
 * bench kept (`BENCH_KEEP_SUBMISSION=PATH npm run bench`):
 *
 *   npx tsx test/bench/desktop-check-parts.ts PATH [TURNS]
 *
 * Two ways of reading, taking turns: the whole file read into shared memory and then verified (as
 * the desktop did before), and the desktop's own check (`verifySubmissionFileAt`, which hashes the
 * file as it is read). Each is timed, and so is the longest time this thread's event loop
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

const rows: Record<string, number[]> = {
  'read whole, then verify: time': [],
  'read whole, then verify: longest event-loop wait': [],
  'desktop check, hashed as read: time': [],
  'desktop check, hashed as read: longest event-loop wait': [],
  pdfsig: [],
};
for (let turn = 0; turn < turns; turn += 1) {
  // Each fails unless the submission is accepted.
  const whole = await timed(async () => {
    await timeNodeVerify(readFileIntoSharedMemory(path));
  });
  const hashed = await timed(async () => {
    await timeDesktopVerify(path);
  });
  rows['read whole, then verify: time']?.push(whole.ms);
  rows['read whole, then verify: longest event-loop wait']?.push(whole.longestWait);
  rows['desktop check, hashed as read: time']?.push(hashed.ms);
  rows['desktop check, hashed as read: longest event-loop wait']?.push(hashed.longestWait);
  rows.pdfsig?.push(await timePdfsig(path));
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
for (const [what, values] of Object.entries(rows)) {
  console.log(`${what}: median ${median(values).toFixed(0)} ms (${values.map((v) => v.toFixed(0)).join(', ')})`);
}
