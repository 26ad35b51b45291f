import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFArray, PDFDict, PDFName, PDFObjectParser, PDFRawStream } from 'pdf-lib';
import { describe, expect, it, vi } from 'vitest';
import { crossReferenceStreamHasPrev, findStreamKeyword, indexClassicXref } from '../../shared/pdf/pdf-object-index';
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

  it('parses each object once: what the whole-file check read is what the lookups give', async () => {
    const demo = await demonstrationData();
    const signing = await signingIdentityFor(demo.snapshot.school.name, demo.snapshot.school.urn);
    const { bytes } = await exportDemonstration(demo, signing);
    const checked = indexClassicXref(bytes);
    const fresh = indexClassicXref(bytes);
    if (!checked || !fresh) throw new Error('no index');
    expect(checked.coversWholeFile()).toBe(true);

    const parses = vi.spyOn(PDFObjectParser, 'forBytes');
    try {
      const root = checked.lookup(checked.trailer.get(PDFName.of('Root')));
      const names = checked.lookup((root as PDFDict).get(PDFName.of('Names')));
      const embedded = checked.lookup((names as PDFDict).get(PDFName.of('EmbeddedFiles')));
      expect(embedded).toBeInstanceOf(PDFDict);
      expect(parses).not.toHaveBeenCalled();

      // The same objects as an index that never ran the check reads for itself (which parses them).
      const freshRoot = fresh.lookup(fresh.trailer.get(PDFName.of('Root')));
      expect(parses).toHaveBeenCalled();
      expect(String(root)).toBe(String(freshRoot));
      expect(String(embedded)).toBe(
        String(fresh.lookup((fresh.lookup((freshRoot as PDFDict).get(PDFName.of('Names'))) as PDFDict).get(PDFName.of('EmbeddedFiles')))),
      );
    } finally {
      parses.mockRestore();
    }
    // An embedded file read by the check is still a view of the file's bytes, not a copy.
    const root = checked.lookup(checked.trailer.get(PDFName.of('Root'))) as PDFDict;
    const tree = checked.lookup((checked.lookup(root.get(PDFName.of('Names'))) as PDFDict).get(PDFName.of('EmbeddedFiles'))) as PDFDict;
    const namesArray = checked.lookup(tree.get(PDFName.of('Names'))) as PDFArray;
    const spec = checked.lookup(namesArray.get(1)) as PDFDict;
    const stream = checked.lookup((checked.lookup(spec.get(PDFName.of('EF'))) as PDFDict).get(PDFName.of('F')));
    expect(stream).toBeInstanceOf(PDFRawStream);
    expect((stream as PDFRawStream).contents.buffer).toBe(bytes.buffer);
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

describe('findStreamKeyword', () => {
  // The regular expression the index searched decoded text with, as the independent reading.
  const byRegExp = (bytes: Uint8Array) => {
    const match = />>\s*stream(\r\n|\n)/.exec(new TextDecoder('latin1').decode(bytes));
    return match ? { index: match.index, length: match[0].length } : null;
  };
  const cases = [
    '<< /Length 3 >>\nstream\nabc',
    '<< /Length 3 >>stream\r\nabc',
    '<< /Length 3 >> \t\f\r\n stream\nabc',
    '<< /A << /B 1 >> >>\nstream\n',
    '<< /Length 3 >>\nstream\rabc',
    '<< /Length 3 >>\nstreams\n>>\nstream\n',
    '>>>\nstream\n',
    '<< /Length 3 >>\nstrea',
    '<< /Length 3 >>',
    '>',
    '',
    '(>>stream) >> \u00a0stream\n',
    '<< /T (a >> b) >>\nendobj',
  ];
  it.each(cases)('finds what the regular expression finds in %j', (text) => {
    const bytes = new Uint8Array([...text].map((c) => c.charCodeAt(0)));
    expect(findStreamKeyword(bytes)).toEqual(byRegExp(bytes));
  });

  it('agrees with the regular expression on random runs of the bytes that matter', () => {
    // A seeded generator, so a failure can be repeated.
    let seed = 20261205;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const alphabet = [0x3e, 0x3e, 0x20, 0x0a, 0x0d, 0x09, 0xa0, 0x85, ...'stream'.split('').map((c) => c.charCodeAt(0)), 0x3c, 0x41];
    let found = 0;
    for (let run = 0; run < 5000; run += 1) {
      const bytes = Uint8Array.from({ length: 14 + Math.floor(next() * 40) }, () => alphabet[Math.floor(next() * alphabet.length)] ?? 0);
      if (run % 7 === 0) bytes.set([0x3e, 0x3e, 0x0a, ...'stream'.split('').map((c) => c.charCodeAt(0)), 0x0a], Math.floor(next() * 4));
      const expected = byRegExp(bytes);
      if (expected) found += 1;
      expect(findStreamKeyword(bytes)).toEqual(expected);
    }
    expect(found).toBeGreaterThan(500);
  });
});
