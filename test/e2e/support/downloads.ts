import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

/** Runs a command-line tool (pdfsig, qpdf, pdftotext…) and returns what it printed. */
export function runTool(command: string, args: string[]): string {
  return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Clicks, waits for the browser's download, and keeps the file in `folder` as `name`. */
export async function saveDownload(
  page: Page,
  folder: string,
  click: () => Promise<void>,
  name: string,
  timeout = 120_000,
): Promise<{ path: string; suggested: string }> {
  const [file] = await Promise.all([page.waitForEvent('download', { timeout }), click()]);
  const path = join(folder, name);
  await file.saveAs(path);
  return { path, suggested: file.suggestedFilename() };
}
