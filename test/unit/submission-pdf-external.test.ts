import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DemonstrationSchool } from '../../shared/demonstration/demonstration-school';
import { createSchemaCheck } from '../../shared/formats/json-schema-check';
import { sha256Hex } from '../../shared/formats/sha256';
import submissionSchema from '../../shared/submission/submission.schema.json';
import type { SubmissionDocument } from '../../shared/submission/submission-format';
import { demonstrationData, exportDemonstration, signingIdentityFor } from '../fixtures/signed-submission';

/**
 * The exported submission checked by tools that know nothing of this app: poppler's pdfsig,
 * pdfdetach and pdftotext, and qpdf. (.ci/run installs poppler-utils and qpdf.)
 */
let dir: string;
let pdfPath: string;
let demo: DemonstrationSchool;

function run(command: string, args: string[]): string {
  return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

beforeAll(async () => {
  demo = await demonstrationData('south-west');
  const signing = await signingIdentityFor(demo.snapshot.school.name, demo.snapshot.school.urn);
  const exported = await exportDemonstration(demo, signing);
  dir = mkdtempSync(join(tmpdir(), 'sen-submission-'));
  pdfPath = join(dir, 'submission.pdf');
  writeFileSync(pdfPath, exported.bytes);
}, 60_000);

describe('a submission checked by external tools', () => {
  it('pdfsig: one signature, valid, covering the total document', () => {
    const out = run('pdfsig', [pdfPath]);
    expect(out).toMatch(/Signature #1:/);
    expect(out).not.toMatch(/Signature #2:/);
    // pdfsig exits 0 even when the digest does not match: read its verdict.
    expect(out).toMatch(/Signature Validation: Signature is Valid\./);
    expect(out).toMatch(/Total document signed/);
    expect(out).toMatch(/ETSI\.CAdES\.detached/);
  });

  it('qpdf --check finds no errors', () => {
    const out = run('qpdf', ['--check', pdfPath]);
    expect(out).toMatch(/No syntax or stream encoding errors found/);
  });

  it('pdfdetach lists submission.json, framework.json, the supplement and every evidence file, and extracts them intact', async () => {
    const list = run('pdfdetach', ['-list', pdfPath]);
    expect(list).toMatch(/submission\.json/);
    expect(list).toMatch(/framework\.json/);
    expect(list).toMatch(/framework-supplement\.json/);
    const out = join(dir, 'attachments');
    execFileSync('mkdir', ['-p', out]);
    run('pdfdetach', ['-saveall', '-o', out, pdfPath]);
    const saved = readdirSync(out);

    const document = JSON.parse(readFileSync(join(out, 'submission.json'), 'utf8')) as SubmissionDocument;
    expect(createSchemaCheck(submissionSchema)(document)).toEqual([]);
    const withFiles = document.evidence.filter((e) => e.file);
    expect(withFiles).toHaveLength(demo.files.size);
    for (const evidence of withFiles) {
      const file = evidence.file;
      if (!file) continue;
      expect(saved).toContain(file.attachmentName);
      const bytes = new Uint8Array(readFileSync(join(out, file.attachmentName)));
      expect(await sha256Hex(bytes)).toBe(file.sha256);
      expect(bytes.length).toBe(file.size);
    }
    expect(saved.sort()).toEqual(
      ['framework-supplement.json', 'framework.json', 'submission.json', ...withFiles.map((e) => e.file?.attachmentName ?? '')].sort(),
    );
  });

  it('pdftotext shows the school’s name and every criterion id as real text', () => {
    const text = run('pdftotext', ['-layout', pdfPath, '-']);
    expect(text).toContain(demo.snapshot.school.name);
    const missing = demo.snapshot.framework.criteria.map((c) => c.id).filter((id) => !text.includes(id));
    expect(missing).toEqual([]);
  });

  it('pdfinfo reads the title and the page count', () => {
    const info = run('pdfinfo', [pdfPath]);
    expect(info).toMatch(/Title:\s+Brookfield Demonstration Primary School: SEN accreditation submission v1/);
    expect(Number(/Pages:\s+(\d+)/.exec(info)?.[1])).toBeGreaterThan(5);
  });
});
