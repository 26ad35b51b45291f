import { PDFArray, PDFDocument, PDFName, PDFString } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { openSignedPdf, type ContainerProblemCode } from '../../shared/pdf/signed-pdf-reader';
import type { SigningIdentity } from '../../shared/submission/submission-exporter';
import { verifySubmission } from '../../shared/submission/submission-verifier';
import { exportedDemonstration } from '../fixtures/signed-submission';
import { appendAndResign, classicTable, editAndResign, sealLayout } from '../fixtures/signed-variants';
import { byteRangeOf } from '../fixtures/tampered-submissions';

/**
 * The container rules that the signature alone cannot enforce, each on a file that is validly
 * signed (made with the project's writer and signing, then changed and signed again) so that it
 * is refused for the rule under test only: one revision, zeros after the signature, no active
 * content, no stream shared by two embedded files.
 */
let signing: SigningIdentity;
let good: Uint8Array<ArrayBuffer>;

beforeAll(async () => {
  ({ signing, bytes: good } = await exportedDemonstration());
}, 60_000);

const ascii = new TextEncoder();
const latin1 = new TextDecoder('latin1');

async function expectContainerProblem(bytes: Uint8Array<ArrayBuffer>, code: ContainerProblemCode): Promise<string> {
  const result = await openSignedPdf(bytes);
  if (result.ok) throw new Error(`expected ${code}, but the file was accepted`);
  expect(result.problem.code).toBe(code);
  return result.problem.message;
}

/** An update that adds one object and a table pointing back (or not) to the file's own table. */
function update(bytes: Uint8Array, withPrev: boolean): string {
  const { at, table, trailer } = classicTable(bytes);
  const objectAt = bytes.length + 1;
  const body = `\n99999 0 obj\n<< /Title (Changed) >>\nendobj\n`;
  const xrefAt = bytes.length + body.length;
  // Without /Prev the new table must list every object, so it repeats the old one's entries.
  const entries = withPrev ? 'xref\n' : table.replace(/\s+$/, '\n');
  const newTrailer = withPrev ? trailer.replace(/>>\s*$/, ` /Prev ${at} >>`) : trailer;
  return `${body}${entries}99999 1\n${String(objectAt).padStart(10, '0')} 00000 n \ntrailer\n${newTrailer}\nstartxref\n${xrefAt}\n%%EOF\n`;
}

describe('one revision only', () => {
  it('accepts the exported file', async () => {
    expect((await openSignedPdf(good)).ok).toBe(true);
  });

  it('refuses an incremental update signed over the whole file, even with a NUL after its end marker', async () => {
    const tail = ascii.encode(`${update(good, true)}\0`);
    const bytes = await appendAndResign(good, tail, signing);
    expect(byteRangeOf(bytes)[2] + byteRangeOf(bytes)[3]).toBe(bytes.length);
    expect(await expectContainerProblem(bytes, 'incremental-update')).toMatch(/saved again after it was signed/);
  });

  it('refuses a second revision whose table lists every object and does not point back', async () => {
    const tail = ascii.encode(update(good, false));
    const bytes = await appendAndResign(good, tail, signing);
    const message = await expectContainerProblem(bytes, 'incremental-update');
    expect(message).toMatch(/more than the one version/);
  });

  it('refuses bytes outside the listed objects', async () => {
    // The last object ends just before the table; a '%' there (a comment, outside any object) keeps every offset.
    const { at } = classicTable(good);
    expect(latin1.decode(good.subarray(at - 7, at + 4))).toBe('endobj\nxref');
    const bytes = await editAndResign(good, 'endobj\nxref', 'endobj%xref', signing, at - 7);
    expect(await expectContainerProblem(bytes, 'incremental-update')).toMatch(/bytes hidden between its parts/);
  });
});

describe('the signature’s reserved room', () => {
  it('refuses anything but zeros after the signature’s DER', async () => {
    const [, gapStart, gapEnd] = byteRangeOf(good);
    const bytes = good.slice();
    bytes[gapEnd - 10] = 0x31; // a '1' near the end of the hex string: not covered by the signature
    expect(bytes[gapStart]).toBe(0x3c);
    expect(await expectContainerProblem(bytes, 'signature-padding')).toMatch(/extra data/);
    const verified = await verifySubmission(bytes);
    expect(verified.ok || verified.rejection.code).toBe('signature-padding');
  });
});

describe('embedded files', () => {
  it('refuses two file specifications pointing at one stream', async () => {
    const text = latin1.decode(good);
    const refs = [...text.matchAll(/\/EF <<\n\/F (\d+) 0 R\n\/UF \d+ 0 R/g)].map((m) => m[1] ?? '');
    const [first, second] = refs.filter((r) => r.length === 3);
    if (!first || !second) throw new Error('expected two three-digit stream numbers');
    const bytes = await editAndResign(good, `/F ${first} 0 R\n/UF ${first} 0 R`, `/F ${second} 0 R\n/UF ${second} 0 R`, signing);
    expect(await expectContainerProblem(bytes, 'unreadable')).toMatch(/share the same stored bytes/);
  });

  it('lists the files without reading them, and reads each within the limit it is given', async () => {
    const opened = await openSignedPdf(good);
    if (!opened.ok) throw new Error(opened.problem.message);
    const data = opened.container.attachments.get('submission.json');
    if (!data) throw new Error('no submission.json');
    expect(data.compressed).toBe(true);
    expect(data.declaredSize).toBeGreaterThan(data.storedSize);
    const whole = await data.read(data.declaredSize ?? 0);
    expect(whole.ok && whole.bytes.length).toBe(data.declaredSize);
    expect(await data.read((data.declaredSize ?? 0) - 1)).toEqual({ ok: false, reason: 'too-large' });
  });
});

/** A one-page layout made with pdf-lib, changed by the test, then sealed and signed by our writer. */
async function sealedLayout(change: (doc: PDFDocument) => void, files: Parameters<typeof sealLayout>[1] = []) {
  const doc = await PDFDocument.create();
  doc.addPage([300, 300]);
  change(doc);
  return sealLayout(await doc.save({ useObjectStreams: false }), files, signing);
}

function action(doc: PDFDocument, entries: Record<string, unknown>) {
  return doc.context.obj(entries as Parameters<typeof doc.context.obj>[0]);
}

function addAnnotation(doc: PDFDocument, entries: Record<string, unknown>) {
  const annotation = doc.context.register(action(doc, { Type: 'Annot', Rect: [0, 0, 10, 10], ...entries }));
  doc.getPage(0).node.set(PDFName.of('Annots'), doc.context.obj([annotation]));
}

describe('active content', () => {
  it('accepts a plain layout, an open action that is a destination, a link to a web page, and evidence that mentions the words', async () => {
    const plain = await sealedLayout(() => {});
    expect((await openSignedPdf(plain)).ok).toBe(true);
    const destination = await sealedLayout((doc) => {
      doc.catalog.set(PDFName.of('OpenAction'), doc.context.obj([doc.getPage(0).ref, PDFName.of('Fit')]));
      addAnnotation(doc, { Subtype: 'Link', A: { S: 'URI', URI: PDFString.of('https://example.org/') } });
    });
    expect((await openSignedPdf(destination)).ok).toBe(true);
    const words = ascii.encode('/OpenAction << /S /JavaScript /JS (app.alert(1)) >> /Launch /AA /FileAttachment');
    const mentions = await sealedLayout(() => {}, [
      { name: 'notes.txt', source: words, mediaType: 'text/plain', relationship: 'Supplement', description: 'notes', compress: false },
    ]);
    expect((await openSignedPdf(mentions)).ok).toBe(true);
  });

  const cases: [string, (doc: PDFDocument) => void, RegExp][] = [
    [
      'JavaScript run when the file opens',
      (doc) => doc.catalog.set(PDFName.of('OpenAction'), action(doc, { S: 'JavaScript', JS: PDFString.of('app.alert(1)') })),
      /runs as soon as it is opened/,
    ],
    [
      'a web page opened when the file opens',
      (doc) => doc.catalog.set(PDFName.of('OpenAction'), action(doc, { S: 'URI', URI: PDFString.of('https://example.org/') })),
      /runs as soon as it is opened/,
    ],
    [
      'additional actions on the catalogue',
      (doc) => doc.catalog.set(PDFName.of('AA'), action(doc, { WC: { S: 'JavaScript', JS: PDFString.of('x') } })),
      /run on their own/,
    ],
    [
      'additional actions on a page',
      (doc) => doc.getPage(0).node.set(PDFName.of('AA'), action(doc, { O: { S: 'GoTo', D: [doc.getPage(0).ref, 'Fit'] } })),
      /run on their own/,
    ],
    [
      'a JavaScript name tree',
      (doc) =>
        doc.catalog.set(
          PDFName.of('Names'),
          action(doc, { JavaScript: { Names: [PDFString.of('a'), action(doc, { S: 'JavaScript', JS: PDFString.of('x') })] } }),
        ),
      /JavaScript/,
    ],
    [
      'a link that launches a program',
      (doc) => addAnnotation(doc, { Subtype: 'Link', A: { S: 'Launch', F: PDFString.of('calc.exe') } }),
      /start another program/,
    ],
    ['JavaScript in a link', (doc) => addAnnotation(doc, { Subtype: 'Link', A: { S: 'JavaScript', JS: PDFString.of('x') } }), /JavaScript/],
    [
      'a file attached to a page',
      (doc) => {
        const stream = doc.context.register(doc.context.stream('hidden', { Type: 'EmbeddedFile' }));
        addAnnotation(doc, { Subtype: 'FileAttachment', FS: { Type: 'Filespec', F: PDFString.of('x.exe'), EF: { F: stream } } });
      },
      /attached to a page/,
    ],
  ];
  for (const [name, change, message] of cases) {
    it(`refuses ${name}`, async () => {
      expect(await expectContainerProblem(await sealedLayout(change), 'active-content')).toMatch(message);
    });
  }

  it('the writer keeps what the layout holds (so the cases above reach the signed file)', async () => {
    const bytes = await sealedLayout((doc) =>
      doc.catalog.set(PDFName.of('OpenAction'), action(doc, { S: 'JavaScript', JS: PDFString.of('zz') })),
    );
    expect(latin1.decode(bytes)).toContain('/OpenAction');
    const kids = (await PDFDocument.load(bytes)).catalog.get(PDFName.of('OpenAction'));
    expect(kids instanceof PDFArray).toBe(false);
  });
});
