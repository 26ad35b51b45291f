import { writeFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';

/**
 * Runs `work` with Chromium's V8 CPU profiler recording in `page`, and writes the profile to `file`
 * (a .cpuprofile that DevTools and /tmp/prof-top.py read), saying where in the run's log. With no
 * file (no BENCH_PROFILE), only runs `work`.
 */
export async function withCpuProfile<T>(page: Page, file: string | null, log: (line: string) => void, work: () => Promise<T>): Promise<T> {
  if (!file) return work();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.start');
  const result = await work();
  const { profile } = await cdp.send('Profiler.stop');
  await writeFile(file, JSON.stringify(profile));
  log(`CPU profile written to ${file}`);
  await cdp.detach();
  return result;
}
