import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DemonstrationSchool } from '../../shared/demonstration/demonstration-school';
import { sha256, toHex } from '../../shared/formats/sha256';
import { renderPdf } from '../../shared/pdf/pdfmake-renderer';
import type { SigningIdentity } from '../../shared/submission/submission-exporter';
import { verifySubmission, type SubmissionRejectionCode } from '../../shared/submission/submission-verifier';
import { assembleSigned, exportedDemonstration, signingIdentityFor } from '../fixtures/signed-submission';
import { byteRangeOf, resignWithRanges } from '../fixtures/tampered-submissions';

let demo: DemonstrationSchool;
let signing: SigningIdentity;
let good: Uint8Array<ArrayBuffer>;

beforeAll(async () => {
  ({ demo, signing, bytes: good } = await exportedDemonstration());
}, 60_000);

const ascii = new TextEncoder();

async function expectRejected(bytes: Uint8Array<ArrayBuffer>, code: SubmissionRejectionCode): Promise<string> {
  const result = await verifySubmission(bytes);
  if (result.ok) throw new Error(`expected ${code}, but the file was accepted`);
  expect(result.rejection.code).toBe(code);
  expect(result.rejection.message.length).toBeGreaterThan(20);
  return result.rejection.message;
}

describe('verifySubmission', () => {
  it('accepts the exported file and reports what it holds', async () => {
    const result = await verifySubmission(good);
    if (!result.ok) throw new Error(result.rejection.message);
    const { report } = result;
    expect(report.submission.school.urn).toBe(demo.snapshot.school.urn);
    expect(report.submission.responses).toHaveLength(demo.snapshot.framework.criteria.length);
    expect(report.framework.contentHash).toBe(demo.snapshot.framework.base.contentHash);
    expect(report.certificate.fingerprint).toBe(signing.certificateFingerprint);
    expect(report.certificate.urn).toBe(demo.snapshot.school.urn);
    expect(report.pin).toEqual({ status: 'first-use' });
    expect(report.evidenceFiles.size).toBe(demo.files.size);
    expect(report.fileSha256).toBe(toHex(await sha256(good)));
  });

  it('says whether the signer matches the key pinned for the school', async () => {
    const same = await verifySubmission(good, { pinnedFingerprint: () => signing.certificateFingerprint });
    expect(same.ok && same.report.pin).toEqual({ status: 'matches' });
    const other = 'ab'.repeat(32);
    const different = await verifySubmission(good, { pinnedFingerprint: (urn) => (urn === demo.snapshot.school.urn ? other : null) });
    expect(different.ok && different.report.pin).toEqual({ status: 'different', pinnedFingerprint: other });
  });

  it('rejects a byte changed inside the first signed range', async () => {
    const bytes = good.slice();
    bytes[2000] = (bytes[2000] ?? 0) ^ 0x01;
    expect(await expectRejected(bytes, 'signature-mismatch')).toMatch(/changed since it was signed/);
  });

  it('rejects a byte changed inside the second signed range', async () => {
    const [, , start, length] = byteRangeOf(good);
    const bytes = good.slice();
    const at = start + Math.floor(length / 2);
    bytes[at] = (bytes[at] ?? 0) ^ 0x20;
    await expectRejected(bytes, 'signature-mismatch');
  });

  it('rejects bytes appended after the signature', async () => {
    const bytes = new Uint8Array([...good, ...ascii.encode('\n% a note added later\n')]);
    expect(await expectRejected(bytes, 'appended-bytes')).toMatch(/added to the end/);
  });

  it('rejects an incremental update', async () => {
    const size = good.length;
    const update = `\n99 0 obj\n<< /Title (Changed) >>\nendobj\nxref\n99 1\n${String(size + 1).padStart(10, '0')} 00000 n \ntrailer\n<< /Size 100 /Prev 0 >>\nstartxref\n${size + 40}\n%%EOF\n`;
    const bytes = new Uint8Array([...good, ...ascii.encode(update)]);
    expect(await expectRejected(bytes, 'incremental-update')).toMatch(/incremental update/);
  });

  it('rejects a ByteRange that leaves bytes out, even when signed over what it covers', async () => {
    const [a, b, c, d] = byteRangeOf(good);
    const skipping = await resignWithRanges(good, [a, b, c + 40, d - 40], signing);
    expect(await expectRejected(skipping, 'byte-range')).toMatch(/does not cover the whole file/);
    const notFromStart = await resignWithRanges(good, [a + 10, b - 10, c, d], signing);
    await expectRejected(notFromStart, 'byte-range');
  });

  it('rejects a missing, an extra and an altered attachment, each for its own reason', async () => {
    const missing = await assembleSigned(demo, signing, ({ files }) => {
      const at = files.findIndex((f) => f.name.startsWith('evidence-'));
      files.splice(at, 1);
    });
    expect(await expectRejected(missing, 'attachment-missing')).toMatch(/missing from the PDF/);

    const extra = await assembleSigned(demo, signing, ({ files }) => {
      files.push({
        name: 'notes.txt',
        source: ascii.encode('hello'),
        mediaType: 'text/plain',
        relationship: 'Supplement',
        description: 'x',
        compress: false,
      });
    });
    expect(await expectRejected(extra, 'attachment-extra')).toMatch(/notes\.txt/);

    const altered = await assembleSigned(demo, signing, ({ files }) => {
      const file = files.find((f) => f.name.endsWith('.csv'));
      if (!file) throw new Error('no csv');
      file.source = ascii.encode('Year group,Intervention\nYear 1,Something else\n');
    });
    expect(await expectRejected(altered, 'attachment-altered')).toMatch(/fingerprint differs/);
  }, 30_000);

  it('rejects a framework copy that does not hash to the submission’s framework hash', async () => {
    const bytes = await assembleSigned(demo, signing, ({ document }) => {
      document.framework.contentHash = '0'.repeat(64);
    });
    expect(await expectRejected(bytes, 'framework-mismatch')).toMatch(/not the version/);
  });

  it('rejects a submission.json that breaks its schema', async () => {
    const bytes = await assembleSigned(demo, signing, ({ document }) => {
      (document.school as { urn: string }).urn = 'ABC';
    });
    expect(await expectRejected(bytes, 'data-invalid')).toMatch(/\/school\/urn/);
  });

  it('rejects a file signed with a key other than the one submission.json names', async () => {
    const other = await signingIdentityFor('Another School', demo.snapshot.school.urn);
    const bytes = await assembleSigned(demo, { ...other, certificateFingerprint: signing.certificateFingerprint });
    await expectRejected(bytes, 'signer-mismatch');
  });

  it('rejects a truncated file', async () => {
    await expectRejected(good.slice(0, Math.floor(good.length / 2)), 'truncated');
    await expectRejected(good.slice(0, good.length - 3), 'truncated');
  });

  it('rejects a file that is not a PDF', async () => {
    await expectRejected(new Uint8Array(readFileSync(new URL('../../README.md', import.meta.url))), 'not-pdf');
    await expectRejected(new Uint8Array(0), 'not-pdf');
  });

  it('rejects a PDF with no signature', async () => {
    const unsigned = await renderPdf({ content: ['An ordinary PDF'] });
    expect(await expectRejected(unsigned, 'no-signature')).toMatch(/not signed/);
  });

  it('rejects a PDF whose signature was replaced by rubbish', async () => {
    const [, start] = byteRangeOf(good);
    const bytes = good.slice();
    bytes.set(ascii.encode('30030201'), start + 1);
    await expectRejected(bytes, 'signature-unreadable');
  });
});
