import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyFramework, type AppliedFramework } from '../../shared/framework/applied-framework';
import type { BaseFramework, LoadedFramework } from '../../shared/framework/framework-types';
import { loadShippedData } from '../../shared/framework/shipped-frameworks';
import { renderPdf } from '../../shared/pdf/pdfmake-renderer';
import { submissionLayout } from '../../shared/submission/submission-layout';
import { sampleSubmissionDocument } from '../fixtures/sample-submission-document';

let workDir = '';
let northEast: AppliedFramework;

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'long-word-export-'));
  const { frameworks } = await loadShippedData();
  const found = frameworks.find((f) => f.file.id === 'north-east') as LoadedFramework<BaseFramework> | undefined;
  if (!found) throw new Error('no shipped North East framework');
  northEast = applyFramework(found);
});

afterAll(() => {
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

/** A word of `length` letters that never repeats within any slice a test looks for. */
function oneLongWord(length: number): string {
  const letters: string[] = [];
  for (let i = 0; i < length; i += 1) letters.push(String.fromCharCode(97 + ((i * 7 + Math.floor(i / 26)) % 26)));
  return letters.join('');
}

describe('a submission whose narrative is one 100,000-character word', () => {
  it('lays out into a PDF that holds the word', async () => {
    const word = oneLongWord(100_000);
    const document = sampleSubmissionDocument(northEast);
    const first = document.responses.find((r) => r.judgement !== null);
    if (!first) throw new Error('the sample has no judged criterion');
    first.narrative = `Start of the narrative ${word} end of the narrative.`;
    const path = join(workDir, 'long-word.pdf');
    writeFileSync(path, await renderPdf(submissionLayout({ document, framework: northEast })));
    // pdftotext ends a line where the word was broken, and puts each page's footer in the middle
    // of the word: without footers and joined up, the word is there as typed.
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
      .split('\n')
      .filter((line) => !/^Page \d+ of \d+$/.test(line) && !line.includes(' · Submission '))
      .join('')
      .replace(/\s+/g, '');
    expect(text).toContain('Startofthenarrative');
    for (const at of [0, 31_337, 50_000, 99_900]) expect(text).toContain(word.slice(at, at + 100));
    expect(text).toContain(`${word.slice(-40)}endofthenarrative.`);
    // Nothing but the word's letters were added: no hyphen, no stray character where it breaks.
    expect(text).toContain(word);
  }, 120_000);
});
