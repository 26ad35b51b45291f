import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDict, PDFName } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { crossReferenceStreamHasPrev, indexClassicXref } from '../../shared/pdf/pdf-object-index';
import { demonstrationData, exportDemonstration, signingIdentityFor } from '../fixtures/signed-submission';

const ascii = new TextEncoder();

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

    // Rewritten with a cross-reference stream by qpdf: not a classic table, so the verifier refuses it.
    const dir = mkdtempSync(join(tmpdir(), 'sen-xref-'));
    writeFileSync(join(dir, 'in.pdf'), bytes);
    execFileSync('qpdf', ['--object-streams=generate', join(dir, 'in.pdf'), join(dir, 'out.pdf')]);
    const rewritten = new Uint8Array(readFileSync(join(dir, 'out.pdf')));
    expect(indexClassicXref(rewritten)).toBeNull();
    expect(crossReferenceStreamHasPrev(rewritten)).toBe(false);

    // An update whose cross-reference stream points back to the first one.
    const firstTable = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(new TextDecoder('latin1').decode(rewritten))?.[1];
    const entry = new Uint8Array([1, 0, 0, 0]);
    const head = `\n9999 0 obj\n<< /Type /XRef /Size 10000 /W [1 2 1] /Index [9999 1] /Prev ${firstTable} /Length ${entry.length} >>\nstream\n`;
    const tail = `\nendstream\nendobj\nstartxref\n${rewritten.length + 1}\n%%EOF\n`;
    const updated = new Uint8Array([...rewritten, ...ascii.encode(head), ...entry, ...ascii.encode(tail)]);
    expect(crossReferenceStreamHasPrev(updated)).toBe(true);
    // The sealed file itself has a classic table: not a stream, so no /Prev there.
    expect(crossReferenceStreamHasPrev(bytes)).toBe(false);

    // Our writer's layout: every byte accounted for; zeros after the end marker are allowed.
    expect(index.coversWholeFile()).toBe(true);
    expect(indexClassicXref(new Uint8Array([...bytes, 0, 0]))?.coversWholeFile()).toBe(true);
  }, 60_000);

  it('sees a table that points back, and bytes left outside the objects', () => {
    const body = '%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n';
    const table = (extra: string, trailer: string) =>
      `${body}${extra}xref\n0 2\n0000000000 65535 f \n0000000009 00000 n \ntrailer\n<< /Size 2 /Root 1 0 R${trailer} >>\nstartxref\n${body.length + extra.length}\n%%EOF\n`;
    const plain = indexClassicXref(ascii.encode(table('', '')));
    expect(plain?.incremental).toBe(false);
    expect(plain?.coversWholeFile()).toBe(true);
    expect(indexClassicXref(ascii.encode(table('', ' /Prev 0')))?.incremental).toBe(true);
    expect(indexClassicXref(ascii.encode(table('', ' /XRefStm 0')))?.incremental).toBe(true);
    expect(indexClassicXref(ascii.encode(table('% hidden\n', '')))?.coversWholeFile()).toBe(false);
    expect(indexClassicXref(ascii.encode(table('startxref\n0\n%%EOF\n', '')))?.coversWholeFile()).toBe(false);
    expect(indexClassicXref(ascii.encode(table('2 0 obj\n(unlisted)\nendobj\n', '')))?.coversWholeFile()).toBe(false);
  });

  it('says no for bytes that are not a PDF with a table at the end', () => {
    expect(indexClassicXref(new TextEncoder().encode('%PDF-1.7\nnothing here\n%%EOF\n'))).toBeNull();
    expect(indexClassicXref(new TextEncoder().encode('startxref\n99999\n%%EOF\n'))).toBeNull();
  });
});
