import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { Download, Page } from 'playwright-core';
import { withWhatThePageSays } from './app';

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
  const file = await downloadAfter(page, click, timeout);
  const path = join(folder, name);
  await file.saveAs(path);
  return { path, suggested: file.suggestedFilename() };
}

/**
 * The download that `trigger` starts; if none comes in time, the error quotes what the page was
 * saying (a refusal in words, a progress line that stopped), so a failure explains itself.
 */
export async function downloadAfter(page: Page, trigger: () => Promise<void>, timeout = 120_000): Promise<Download> {
  const download = page.waitForEvent('download', { timeout });
  try {
    const [file] = await Promise.all([download, trigger()]);
    return file;
  } catch (error) {
    throw await withWhatThePageSays(page, error);
  }
}
