import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDict, PDFName } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { indexClassicXref } from '../../shared/pdf/pdf-object-index';
import { demonstrationData, exportDemonstration, signingIdentityFor } from '../fixtures/signed-submission';

describe('indexClassicXref', () => {
  it('reads the catalogue and its objects of a sealed PDF through the cross-reference table alone', async () => {
    const demo = await demonstrationData();
    const signing = await signingIdentityFor(demo.snapshot.school.name, demo.snapshot.school.urn);
    const { bytes } = await exportDemonstration(demo, signing);
    const index = indexClassicXref(bytes);
    if (!index) throw new Error('no index');
    expect(index.incremental).toBe(false);
    const catalog = index.lookup(index.trailer.get(PDFName.of('Root')));
    expect(catalog).toBeInstanceOf(PDFDict);
    const names = index.lookup((catalog as PDFDict).get(PDFName.of('Names')));
    expect(names).toBeInstanceOf(PDFDict);
    expect(index.lookup((names as PDFDict).get(PDFName.of('EmbeddedFiles')))).toBeInstanceOf(PDFDict);

    // Rewritten with a cross-reference stream by qpdf: not a classic table, so the caller parses it all.
    const dir = mkdtempSync(join(tmpdir(), 'sen-xref-'));
    writeFileSync(join(dir, 'in.pdf'), bytes);
    execFileSync('qpdf', ['--object-streams=generate', join(dir, 'in.pdf'), join(dir, 'out.pdf')]);
    expect(indexClassicXref(new Uint8Array(readFileSync(join(dir, 'out.pdf'))))).toBeNull();
  }, 60_000);

  it('says no for bytes that are not a PDF with a table at the end', () => {
    expect(indexClassicXref(new TextEncoder().encode('%PDF-1.7\nnothing here\n%%EOF\n'))).toBeNull();
    expect(indexClassicXref(new TextEncoder().encode('startxref\n99999\n%%EOF\n'))).toBeNull();
  });
});
