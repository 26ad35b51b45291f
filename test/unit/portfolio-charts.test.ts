import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProgressSnapshot } from '../../shared/evaluation/progress-history';
import { applyFramework, type AppliedFramework } from '../../shared/framework/applied-framework';
import type { BaseFramework, LoadedFramework } from '../../shared/framework/framework-types';
import { loadShippedData } from '../../shared/framework/shipped-frameworks';
import { renderPdf } from '../../shared/pdf/pdfmake-renderer';
import { stackedBarSegments } from '../../shared/portfolio/portfolio-charts';
import { ALL_PORTFOLIO_SECTIONS, portfolioLayout } from '../../shared/portfolio/portfolio-layout';
import type { SubmissionDocument } from '../../shared/submission/submission-format';
import { sampleEvidenceFiles, sampleSubmissionDocument } from '../fixtures/sample-submission-document';

let workDir = '';
let framework: AppliedFramework;

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'portfolio-charts-'));
  const { frameworks } = await loadShippedData();
  framework = applyFramework(frameworks.find((f) => f.file.id === 'north-east') as LoadedFramework<BaseFramework>);
});

afterAll(() => {
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

describe('stackedBarSegments', () => {
  it('divides the bar in proportion to the counts, skipping empty groups', () => {
    expect(stackedBarSegments([2, 0, 1, 1], 200)).toEqual([
      { group: 0, x: 0, w: 100 },
      { group: 2, x: 100, w: 50 },
      { group: 3, x: 150, w: 50 },
    ]);
    expect(stackedBarSegments([0, 0], 200)).toEqual([]);
  });
});

function snapshot(day: string, judgements: Record<string, string>): ProgressSnapshot {
  return { key: `e1|${day}`, evaluationId: 'e1', day, recordedAt: `${day}T12:00:00Z`, judgements, evidence: {}, notApplicable: {} };
}

async function pagesOf(name: string, document: SubmissionDocument, progress: Parameters<typeof portfolioLayout>[0]['progress']) {
  const path = join(workDir, `${name}.pdf`);
  const dd = portfolioLayout({
    document,
    framework,
    sections: ALL_PORTFOLIO_SECTIONS,
    images: sampleEvidenceFiles(),
    printedOn: '2026-11-25',
    progress,
  });
  writeFileSync(path, await renderPdf(dd));
  return { path, pages: execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', path, '-'], { encoding: 'utf8' }).split('\f').slice(0, -1) };
}

describe('the portfolio’s charts', () => {
  let pages: string[] = [];
  let path = '';
  let document: SubmissionDocument;

  beforeAll(async () => {
    document = sampleSubmissionDocument(framework);
    const judged = document.responses.filter((r) => r.judgement !== null);
    const first = judged[0]!;
    ({ pages, path } = await pagesOf('with-history', document, {
      evaluation: { createdAt: '2026-10-01T09:00:00Z', carriedForwardFrom: null },
      snapshots: [snapshot('2026-10-15', { [first.criterionId]: first.judgement! })],
    }));
  }, 60_000);

  it('carries both figures with their captions, and their numbers as tables', () => {
    const text = pages.join('\n');
    expect(text).toContain('Figure 1. Criteria at each judgement, per strand');
    expect(text).toContain('Figure 2. Progress over time');
    // The progress table: the derived first day with nothing judged, the recorded day with one, and the day of printing.
    expect(text).toMatch(/1 October 2026 \(started\)\s+0 of \d+/);
    expect(text).toMatch(/15 October 2026\s+1 of \d+/);
    const judgedNow = document.responses.filter((r) => r.judgement !== null).length;
    expect(text).toMatch(new RegExp(`25 November 2026\\s+${judgedNow} of \\d+`));
    // The strand table: each strand's counts at each judgement, not judged, not applicable, and the criteria that apply (hand-counted in the sample).
    expect(text).toMatch(/\n\s*NE-1\s+3\s+1\s+5\s+0\s+0\s+0\s+9\s*\n/);
    expect(text).toMatch(/\n\s*NE-2\s+1\s+2\s+4\s+0\s+1\s+0\s+8\s*\n/);
  });

  it('labels the progress chart’s axes: the criteria at each gridline and the first and last day under it', () => {
    const page = pages.find((p) => p.includes('Figure 2.')) ?? '';
    // Between the caption and the table: the gridlines' counts on lines of their own, then the two days on one line.
    const chart = page.slice(page.indexOf('The award rules give'), page.indexOf(' Day '));
    const total = /the top all (\d+) that apply/.exec(page)?.[1];
    expect(total).toBeDefined();
    const lines = chart.split('\n').map((line) => line.trim());
    expect(lines).toContain(total);
    expect(lines).toContain('0');
    expect(lines.some((line) => /^1 October 2026\s+25 November 2026$/.test(line))).toBe(true);
  });

  it('draws the charts as vector shapes, not images, and leaves no near-empty page before or after them', () => {
    const at = pages.findIndex((p) => p.includes('Figure 1.'));
    expect(at).toBeGreaterThan(1);
    // The section's heading is on the figure's page, not left alone at the foot of the one before.
    expect(pages[at]).toMatch(/Charts\s+Figure 1\./);
    for (const page of pages.slice(at - 1, at + 2)) expect(page.replace(/\s+/g, ' ').length).toBeGreaterThan(600);
    // The figure and its table share a page.
    expect(pages[at]).toMatch(/NE-8\s+3\s+3\s+2\s+1\s+0\s+0\s+9/);
    const first = String(at + 1);
    const last = String(pages.findIndex((p) => p.includes('Figure 2.')) + 1);
    const images = execFileSync('pdfimages', ['-f', first, '-l', last, '-list', path], { encoding: 'utf8' }).split('\n').slice(2);
    expect(images.filter((line) => line.trim() !== '')).toEqual([]);
  });

  it('has no progress figure without history, and still the strand figure', async () => {
    const without = (await pagesOf('without-history', document, null)).pages.join('\n');
    expect(without).toContain('Figure 1. Criteria at each judgement, per strand');
    expect(without).not.toContain('Figure 2.');
  });
});
