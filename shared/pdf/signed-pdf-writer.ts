import {
  ParseSpeeds,
  PDFArray,
  PDFContext,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFObject,
  PDFRef,
  PDFString,
} from 'pdf-lib';
import { concatBytes } from '../formats/bytes';
import { Sha256Stream, type StreamingHash } from '../formats/sha256-stream';
import { toHex } from '../formats/sha256';
import { hashParts, partSize, type PdfPart } from './pdf-parts';

/**
 * Turns a laid-out PDF into the signed container every submission and moderation report uses:
 * embedded files as PDF associated files (the Factur-X pattern: listed in the EmbeddedFiles name
 * tree and in the catalogue's /AF array, each with its AFRelationship), then one detached CMS
 * signature (ETSI.CAdES.detached) whose ByteRange covers the whole file but its own /Contents.
 *
 * The file is written as a list of parts, and the evidence files are parts as they are (a Blob
 * from IndexedDB stays a Blob): nothing large is copied, and the whole file is hashed in one pass
 * over the parts, so a submission with hundreds of megabytes of evidence needs little more memory
 * than the evidence itself.
 */
export type AssociatedFileRelationship = 'Data' | 'Source' | 'Supplement' | 'Alternative' | 'Unspecified';

export interface EmbeddedFileInput {
  /** Safe, unique name inside the PDF. */
  name: string;
  /** The file's bytes, or a Blob holding them. */
  source: Uint8Array | Blob;
  mediaType: string;
  relationship: AssociatedFileRelationship;
  description: string;
  /** Deflate the file (worth it for JSON; not for JPEGs, PDFs or zip-based office files). Bytes only. */
  compress: boolean;
}

export interface DocumentInfo {
  title: string;
  author: string;
  subject: string;
  /** BCP 47, e.g. "en-GB". */
  language: string;
}

export interface SignatureInfo {
  /** The signer's name as shown by PDF readers. */
  name: string;
  reason: string;
  location: string;
  signingTime: Date;
}

/** Makes the CMS signature (DER) over the SHA-256 digest of the signed bytes. */
export type DigestSigner = (digest: Uint8Array<ArrayBuffer>) => Promise<Uint8Array>;

export type SealStage = 'attach' | 'write' | 'sign';

export interface SealOptions {
  onProgress?: (stage: SealStage, fraction: number) => void;
  /** An incremental SHA-256; the built-in one is plain JavaScript. Node can pass its native one. */
  createHash?: () => StreamingHash;
}

export interface SealedPdf {
  parts: readonly PdfPart[];
  size: number;
  /** SHA-256 (hex) of the whole file, worked out in the same pass as the signature's digest. */
  sha256: string;
}

/** Room kept for the CMS signature: a certificate and an ECDSA signature need well under 4 KB. */
export const SIGNATURE_RESERVED_BYTES = 8192;

const BYTE_RANGE_PLACEHOLDER = '**********';
const PRODUCER = 'SEN Accreditation (pdfmake, pdf-lib, PKI.js)';
const ascii = new TextEncoder();

export class PdfSealError extends Error {
  override name = 'PdfSealError';
}

/** Seals and returns the whole file as one array of bytes (for small files, tests and Node). */
export async function sealPdf(
  layoutPdf: Uint8Array | Promise<Uint8Array>,
  files: readonly EmbeddedFileInput[],
  info: DocumentInfo,
  signature: SignatureInfo,
  signer: DigestSigner,
  options: SealOptions = {},
): Promise<Uint8Array<ArrayBuffer>> {
  return partsToBytes(await sealPdfParts(layoutPdf, files, info, signature, signer, options));
}

/**
 * Seals a PDF. The embedded files that are stored as they are (evidence) are written first, right
 * after the header, under object numbers of their own, so their bytes can be hashed while the
 * layout is still being made (pass the layout as a promise, made in another worker). Everything
 * after them is written once the layout is ready, and the hash carries on from where it was.
 */
export async function sealPdfParts(
  layoutPdf: Uint8Array | Promise<Uint8Array>,
  files: readonly EmbeddedFileInput[],
  info: DocumentInfo,
  signature: SignatureInfo,
  signer: DigestSigner,
  options: SealOptions = {},
): Promise<SealedPdf> {
  const progress = options.onProgress ?? (() => {});
  checkNames(files);
  const early = writeEarlyFiles(files, signature.signingTime);
  const createHash = options.createHash ?? (() => new Sha256Stream());
  const prefix = createHash();
  const earlyBytes = early.parts.reduce((n, p) => n + partSize(p), 0);
  let hashed = 0;
  await hashParts(prefix, early.parts, (n) => progress('sign', Math.min(0.95, ((hashed += n) / earlyBytes) * 0.95)));

  // Parsed in one go: pdf-lib's default yields to a timer every hundred objects, and a worker's
  // timers are clamped, so a long layout would wait on its own parse.
  const doc = await PDFDocument.load(await layoutPdf, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
  if (doc.context.largestObjectNumber >= EARLY_OBJECT_BASE) throw new PdfSealError('The layout has too many objects to seal.');
  setDocumentInfo(doc, info, signature.signingTime);
  progress('attach', 0);
  embedAssociatedFiles(doc, files, early.refs, signature.signingTime);
  const signatureRef = addSignatureField(doc, signature);
  progress('attach', 1);

  const written = serialise(doc, early, signatureRef);
  progress('write', 1);

  // Then everything up to the signature's value; the hash state there is copied, so the signed
  // digest and the whole file's digest share the work.
  await hashParts(prefix, written.parts.slice(early.parts.length, written.signaturePart));
  const signaturePart = written.parts[written.signaturePart];
  if (!(signaturePart instanceof Uint8Array)) throw new PdfSealError('The signature was not written as bytes.');
  const gapStart = written.offsets[written.signaturePart] ?? 0;
  const rangeText = `[0 ${gapStart + written.gap.start} ${gapStart + written.gap.end} ${written.size - (gapStart + written.gap.end)}]`;
  if (rangeText.length > written.byteRange.length) throw new PdfSealError('The file is too large to sign.');
  signaturePart.set(ascii.encode(rangeText.padEnd(written.byteRange.length, ' ')), written.byteRange.start);

  const signed = prefix.clone();
  signed.update(signaturePart.subarray(0, written.gap.start));
  const whole = signed.clone();
  await hashParts(signed, [signaturePart.subarray(written.gap.end), ...written.parts.slice(written.signaturePart + 1)]);
  const cms = await signer(new Uint8Array(signed.digest()));
  const hex = toHex(cms);
  if (hex.length > SIGNATURE_RESERVED_BYTES * 2) throw new PdfSealError('The signature is larger than the room kept for it.');
  signaturePart.set(ascii.encode(hex), written.gap.start + 1);

  await hashParts(whole, [signaturePart.subarray(written.gap.start), ...written.parts.slice(written.signaturePart + 1)]);
  progress('sign', 1);
  return { parts: written.parts, size: written.size, sha256: toHex(whole.digest()) };
}

/** Object numbers of the files written before the layout: far above any layout's own objects. */
const EARLY_OBJECT_BASE = 100_000;

interface EarlyFiles {
  /** The header, then each early file's object: its dictionary, its bytes, its end. */
  parts: PdfPart[];
  /** Where each early object starts, from the start of the file. */
  offsets: Map<number, number>;
  /** The object number given to each early file, by name. */
  refs: Map<string, PDFRef>;
}

function checkNames(files: readonly EmbeddedFileInput[]): void {
  const names = new Set<string>();
  for (const file of files) {
    if (names.has(file.name)) throw new PdfSealError(`Two embedded files are both called “${file.name}”.`);
    names.add(file.name);
  }
}

function isEarly(file: EmbeddedFileInput): boolean {
  return !(file.compress && file.source instanceof Uint8Array);
}

/** The header and the files stored as they are, as parts, before anything else is known. */
function writeEarlyFiles(files: readonly EmbeddedFileInput[], when: Date): EarlyFiles {
  const scratch = PDFContext.create();
  const parts: PdfPart[] = [new Uint8Array([...ascii.encode('%PDF-1.7\n%'), 0xe2, 0xe3, 0xcf, 0xd3, 0x0a])];
  let size = partSize(parts[0] as PdfPart);
  const offsets = new Map<number, number>();
  const refs = new Map<string, PDFRef>();
  let number = EARLY_OBJECT_BASE;
  for (const file of files.filter(isEarly)) {
    const length = partSize(file.source);
    const dict = scratch.obj({
      Type: 'EmbeddedFile',
      Subtype: file.mediaType || 'application/octet-stream',
      Params: { Size: length, ModDate: PDFString.fromDate(when) },
      Length: length,
    });
    const head = concatBytes([ascii.encode(`${number} 0 obj\n`), bytesOf(dict), ascii.encode('\nstream\n')]);
    const tail = ascii.encode('\nendstream\nendobj\n');
    offsets.set(number, size);
    parts.push(head, file.source, tail);
    size += head.length + length + tail.length;
    refs.set(file.name, PDFRef.of(number));
    number += 1;
  }
  return { parts, offsets, refs };
}

export async function partsToBytes(sealed: Pick<SealedPdf, 'parts' | 'size'>): Promise<Uint8Array<ArrayBuffer>> {
  const out = new Uint8Array(sealed.size);
  let at = 0;
  for (const part of sealed.parts) {
    const bytes = part instanceof Uint8Array ? part : new Uint8Array(await part.arrayBuffer());
    out.set(bytes, at);
    at += bytes.length;
  }
  return out;
}

function setDocumentInfo(doc: PDFDocument, info: DocumentInfo, when: Date): void {
  doc.setTitle(info.title, { showInWindowTitleBar: true });
  doc.setAuthor(info.author);
  doc.setSubject(info.subject);
  doc.setLanguage(info.language);
  doc.setProducer(PRODUCER);
  doc.setCreator('SEN Accreditation');
  doc.setCreationDate(when);
  doc.setModificationDate(when);
}

/** Registers each file's specification (and the stream of the files that are compressed). */
function embedAssociatedFiles(
  doc: PDFDocument,
  files: readonly EmbeddedFileInput[],
  earlyRefs: ReadonlyMap<string, PDFRef>,
  when: Date,
): void {
  const { context } = doc;
  const entries: [string, PDFRef][] = [];
  for (const file of files) {
    let streamRef = earlyRefs.get(file.name);
    if (!streamRef) {
      const bytes = file.source instanceof Uint8Array ? file.source : new Uint8Array(0);
      streamRef = context.register(
        context.flateStream(bytes, {
          Type: 'EmbeddedFile',
          Subtype: file.mediaType || 'application/octet-stream',
          Params: { Size: bytes.length, ModDate: PDFString.fromDate(when) },
        }),
      );
    }
    const spec = context.obj({
      Type: 'Filespec',
      F: PDFString.of(file.name),
      UF: PDFHexString.fromText(file.name),
      EF: { F: streamRef, UF: streamRef },
      Desc: PDFHexString.fromText(file.description),
      AFRelationship: file.relationship,
    });
    entries.push([file.name, context.register(spec)]);
  }

  // The name tree's keys must be sorted (by bytes: the names are ASCII).
  const sorted = [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const namesArray = context.obj([]);
  for (const [name, ref] of sorted) {
    namesArray.push(PDFString.of(name));
    namesArray.push(ref);
  }
  const catalog = doc.catalog;
  const namesDict = catalog.lookupMaybe(PDFName.of('Names'), PDFDict) ?? context.obj({});
  namesDict.set(PDFName.of('EmbeddedFiles'), context.obj({ Names: namesArray }));
  catalog.set(PDFName.of('Names'), namesDict);
  catalog.set(PDFName.of('AF'), context.obj(entries.map(([, ref]) => ref)));
}

/** The signature field, with its value dictionary given the last object number so it is written last. */
function addSignatureField(doc: PDFDocument, signature: SignatureInfo): PDFRef {
  const { context } = doc;
  const signatureRef = context.nextRef();
  const firstPage = doc.getPage(0);
  const widget = context.obj({
    Type: 'Annot',
    Subtype: 'Widget',
    FT: 'Sig',
    Rect: [0, 0, 0, 0],
    V: signatureRef,
    T: PDFString.of('Signature'),
    F: 132, // print + locked
    P: firstPage.ref,
  });
  const widgetRef = context.register(widget);
  const annots = firstPage.node.lookupMaybe(PDFName.of('Annots'), PDFArray);
  if (annots) annots.push(widgetRef);
  else firstPage.node.set(PDFName.of('Annots'), context.obj([widgetRef]));
  doc.catalog.set(PDFName.of('AcroForm'), context.obj({ Fields: [widgetRef], SigFlags: 3 }));

  const byteRange = PDFArray.withContext(context);
  byteRange.push(PDFNumber.of(0));
  for (let i = 0; i < 3; i += 1) byteRange.push(PDFName.of(BYTE_RANGE_PLACEHOLDER));
  context.assign(
    signatureRef,
    context.obj({
      Type: 'Sig',
      Filter: 'Adobe.PPKLite',
      SubFilter: 'ETSI.CAdES.detached',
      ByteRange: byteRange,
      Contents: PDFHexString.of('0'.repeat(SIGNATURE_RESERVED_BYTES * 2)),
      Name: PDFHexString.fromText(signature.name),
      Reason: PDFHexString.fromText(signature.reason),
      Location: PDFHexString.fromText(signature.location),
      M: PDFString.fromDate(signature.signingTime),
    }),
  );
  return signatureRef;
}

interface Serialised {
  parts: PdfPart[];
  offsets: number[];
  size: number;
  /** Index of the part holding the signature dictionary. */
  signaturePart: number;
  /** Within that part: the ByteRange array's room, and the /Contents hex string from '<' to after '>'. */
  byteRange: { start: number; length: number };
  gap: { start: number; end: number };
}

/** Writes, after the early files, the objects (in object-number order), cross-reference table and trailer as parts. */
function serialise(doc: PDFDocument, early: EarlyFiles, signatureRef: PDFRef): Serialised {
  const { context } = doc;
  const parts: PdfPart[] = [...early.parts];
  const offsets: number[] = [];
  let size = 0;
  for (const part of parts) {
    offsets.push(size);
    size += partSize(part);
  }
  const push = (part: PdfPart) => {
    offsets.push(size);
    parts.push(part);
    size += partSize(part);
  };
  const text = (value: string) => push(ascii.encode(value));

  const objects = context.enumerateIndirectObjects().sort(([a], [b]) => a.objectNumber - b.objectNumber);
  const entries = new Map<number, { offset: number; generation: number }>();
  for (const [number, offset] of early.offsets) entries.set(number, { offset, generation: 0 });
  let signaturePart = -1;
  for (const [ref, object] of objects) {
    entries.set(ref.objectNumber, { offset: size, generation: ref.generationNumber });
    const body = concatBytes([
      ascii.encode(`${ref.objectNumber} ${ref.generationNumber} obj\n`),
      bytesOf(object),
      ascii.encode('\nendobj\n'),
    ]);
    if (ref.objectNumber === signatureRef.objectNumber) signaturePart = parts.length;
    push(body);
  }
  if (signaturePart < 0) throw new PdfSealError('The signature dictionary was not written.');

  const xrefOffset = size;
  const numbers = [...entries.keys()].sort((a, b) => a - b);
  const highest = numbers[numbers.length - 1] ?? 0;
  text(`xref\n${crossReferenceSubsections(numbers, entries)}trailer\n`);
  const trailer = context.obj({
    Size: highest + 1,
    Root: context.trailerInfo.Root,
    Info: context.trailerInfo.Info,
    ID: context.trailerInfo.ID ?? context.obj([PDFHexString.of(randomHex()), PDFHexString.of(randomHex())]),
  });
  push(bytesOf(trailer));
  text(`\nstartxref\n${xrefOffset}\n%%EOF\n`);

  const signatureBytes = parts[signaturePart];
  if (!(signatureBytes instanceof Uint8Array)) throw new PdfSealError('The signature was not written as bytes.');
  const placeholder = ascii.encode(`[ 0 /${BYTE_RANGE_PLACEHOLDER} /${BYTE_RANGE_PLACEHOLDER} /${BYTE_RANGE_PLACEHOLDER} ]`);
  const rangeAt = indexOf(signatureBytes, placeholder, 0);
  const contentsMarker = ascii.encode('/Contents <');
  const contentsAt = indexOf(signatureBytes, contentsMarker, 0);
  if (rangeAt < 0 || contentsAt < 0) throw new PdfSealError('The signature placeholder was not written.');
  const gapStart = contentsAt + contentsMarker.length - 1;
  const gapEnd = gapStart + SIGNATURE_RESERVED_BYTES * 2 + 2;
  if (signatureBytes[gapEnd - 1] !== 0x3e) throw new PdfSealError('The signature’s /Contents is not where it was expected.');
  return {
    parts,
    offsets,
    size,
    signaturePart,
    byteRange: { start: rangeAt, length: placeholder.length },
    gap: { start: gapStart, end: gapEnd },
  };
}

/** The table's subsections: object 0 (free), then each run of consecutive object numbers. */
function crossReferenceSubsections(
  numbers: readonly number[],
  entries: ReadonlyMap<number, { offset: number; generation: number }>,
): string {
  const runs: number[][] = [[0]];
  for (const number of numbers) {
    const run = runs[runs.length - 1];
    if (run && run[run.length - 1] === number - 1) run.push(number);
    else runs.push([number]);
  }
  let table = '';
  for (const run of runs) {
    table += `${run[0]} ${run.length}\n`;
    for (const number of run) {
      const entry = entries.get(number);
      table += entry
        ? `${String(entry.offset).padStart(10, '0')} ${String(entry.generation).padStart(5, '0')} n \n`
        : '0000000000 65535 f \n';
    }
  }
  return table;
}

function bytesOf(object: PDFObject): Uint8Array {
  const out = new Uint8Array(object.sizeInBytes());
  object.copyBytesInto(out, 0);
  return out;
}

function randomHex(): string {
  return toHex(globalThis.crypto.getRandomValues(new Uint8Array(16)));
}

function indexOf(haystack: Uint8Array, needle: Uint8Array, from: number): number {
  const first = needle[0] ?? 0;
  outer: for (let i = haystack.indexOf(first, from); i !== -1 && i <= haystack.length - needle.length; i = haystack.indexOf(first, i + 1)) {
    for (let j = 1; j < needle.length; j += 1) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}
