import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateAwards } from '../../shared/awards/award-rules';
import { applyFramework, type AppliedFramework } from '../../shared/framework/applied-framework';
import type { BaseFramework, LoadedFramework, SupplementFramework } from '../../shared/framework/framework-types';
import { loadShippedData } from '../../shared/framework/shipped-frameworks';
import { standingsOf } from '../../shared/pdf/layout-blocks';
import { renderPdf } from '../../shared/pdf/pdfmake-renderer';
import type { SubmissionDocument } from '../../shared/submission/submission-format';
import { submissionLayout } from '../../shared/submission/submission-layout';
import { sampleSubmissionDocument } from '../fixtures/sample-submission-document';

let workDir = '';
let frameworks: LoadedFramework[] = [];
let northEast: AppliedFramework;

function shipped<F extends BaseFramework | SupplementFramework>(id: string): LoadedFramework<F> {
  const found = frameworks.find((f) => f.file.id === id);
  if (!found) throw new Error(`no shipped framework ${id}`);
  return found as LoadedFramework<F>;
}

interface RenderedPdf {
  /** pdftotext's output with runs of white space made single spaces. */
  text: string;
  pages: number;
  title: string;
}

async function renderSubmission(name: string, document: SubmissionDocument, framework: AppliedFramework): Promise<RenderedPdf> {
  const path = join(workDir, `${name}.pdf`);
  writeFileSync(path, await renderPdf(submissionLayout({ document, framework })));
  const info = execFileSync('pdfinfo', [path], { encoding: 'utf8' });
  return {
    text: execFileSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' '),
    pages: Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? 0),
    title: /^Title:\s+(.*)$/m.exec(info)?.[1] ?? '',
  };
}

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'submission-layout-'));
  ({ frameworks } = await loadShippedData());
  northEast = applyFramework(shipped<BaseFramework>('north-east'));
});

afterAll(() => {
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

describe('the submission PDF for the North East sample school', () => {
  let document: SubmissionDocument;
  let pdf: RenderedPdf;

  beforeAll(async () => {
    document = sampleSubmissionDocument(northEast);
    pdf = await renderSubmission('north-east', document, northEast);
  }, 60_000);

  it('has several pages, a title in its metadata and a footer on every page', () => {
    expect(pdf.pages).toBeGreaterThan(1);
    expect(pdf.title).toBe('Riverside Primary School SEN accreditation submission v1');
    const footers = pdf.text.split(`Riverside Primary School · Submission ${document.submissionId}`).length - 1;
    expect(footers).toBe(pdf.pages);
    for (const page of [1, 2, pdf.pages]) expect(pdf.text).toContain(`Page ${page} of ${pdf.pages}`);
  });

  it('shows who and what on the cover', () => {
    expect(pdf.text).toContain('SEN accreditation submission');
    expect(pdf.text).toContain('Riverside Primary School');
    expect(pdf.text).toContain('123456');
    expect(pdf.text).toContain('North East SEN Accreditation Framework, version 1.0.0');
    expect(pdf.text).toContain(`content hash ${northEast.base.contentHash.slice(0, 12)}`);
    expect(pdf.text).toContain(document.submissionId);
    expect(pdf.text).toContain('v1');
    expect(pdf.text).toContain('24 November 2026');
    expect(pdf.text).toContain('9c3e 1f7a 2b6d 4e80 a5f1 c2d3 e4b5 a697 8d0e 1f2a 3b4c 5d6e 7f80 91a2 b3c4 d5e6');
    expect(pdf.text).toContain('digitally signed');
    expect(pdf.text).toContain('submission.json, framework.json and 2 evidence files');
  });

  it('lists the sections and strands in a contents page, with page numbers', () => {
    expect(pdf.text).toMatch(/Contents School context \d+ Summary \d+ Criteria \d+ NE-1 Leadership, vision and SEN policy \d+/);
    expect(pdf.text).toMatch(/Action plan \d+ Declaration \d+ Evidence index \d+/);
  });

  it('carries every criterion, the school context and the award the rules give', () => {
    for (const criterion of northEast.criteria) expect(pdf.text).toContain(criterion.id);
    expect(pdf.text).toContain('Newcastle');
    expect(pdf.text).toContain('Mrs Anita Patel');
    const outcome = evaluateAwards(northEast, standingsOf(document.responses));
    expect(outcome.achieved?.label).toBe('Foundation');
    expect(pdf.text).toContain('Award level the rules give: Foundation');
    expect(pdf.text).toContain('What still stands between the school and Established');
    for (const blocker of outcome.next?.blockers ?? []) expect(pdf.text).toContain(blocker.explanation);
  });

  it('refers to evidence by its file hash, or says the school holds it', () => {
    expect(pdf.text).toContain('held by the school, not attached');
    expect(pdf.text).toContain('SHA-256 4710400b849f');
    expect(pdf.text).toContain('evidence-003-visual-timetable-year-2.png');
    expect(pdf.text).toContain('489 bytes');
  });

  it('ends with the action plan, the declaration and the evidence index', () => {
    expect(pdf.text).toContain('Train all teaching assistants in precision teaching for reading');
    expect(pdf.text).toContain('In progress');
    expect(pdf.text).toContain('31 March 2027');
    expect(pdf.text).toContain(document.declaration.statement);
    expect(pdf.text).toContain('Chair of governors Mrs Helen Carr');
    expect(pdf.text.lastIndexOf('Evidence index')).toBeGreaterThan(pdf.text.lastIndexOf('Declaration'));
  });
});

describe('the submission layout', () => {
  it('declares British English and describes the document', () => {
    const dd = submissionLayout({ document: sampleSubmissionDocument(northEast), framework: northEast });
    expect(dd.language).toBe('en-GB');
    expect(dd.pageSize).toBe('A4');
    expect(dd.info).toMatchObject({ author: 'Riverside Primary School' });
  });

  it('keeps a narrative longer than a page whole, and says when no chair of governors is given', async () => {
    const document = sampleSubmissionDocument(northEast);
    const response = document.responses.find((r) => r.criterionId === 'NE-2.1.1')!;
    response.narrative = `Start of a long narrative. ${'We check every concern raised by a class teacher within two weeks and agree what happens next. '.repeat(60)}End of the long narrative.`;
    document.declaration.chairOfGovernors = '';
    const pdf = await renderSubmission('long-narrative', document, northEast);
    expect(pdf.text).toContain('NE-2.1.1');
    expect(pdf.text).toContain('Start of a long narrative.');
    expect(pdf.text).toContain('End of the long narrative.');
    expect(pdf.text.split('agree what happens next.').length - 1).toBe(60);
    expect(pdf.text).toContain('Chair of governors not given');
  }, 60_000);

  it('names the regional supplement and its hash on the cover', async () => {
    const southWest = applyFramework(shipped<BaseFramework>('southern'), shipped<SupplementFramework>('south-west-parents'));
    const document = sampleSubmissionDocument(southWest);
    const pdf = await renderSubmission('south-west', document, southWest);
    expect(pdf.text).toContain('Regional supplement');
    expect(pdf.text).toContain(`content hash ${southWest.supplement!.contentHash.slice(0, 12)}`);
    expect(pdf.text).toContain('framework-supplement.json');
    for (const criterion of southWest.criteria) expect(pdf.text).toContain(criterion.id);
  }, 60_000);
});
