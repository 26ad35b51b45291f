import { PDFArray, PDFDict, PDFHexString, PDFName, PDFNumber, PDFObject, PDFRawStream, PDFRef, PDFString } from 'pdf-lib';
import { findActiveContent } from './active-content';
import { inflateBounded, inflateBoundedToSink, type InflateOptions } from './bounded-inflate';
import {
  classicXrefStart,
  crossReferenceStreamHasPrev,
  indexClassicXref,
  objectBoundaries,
  readClassicTable,
  streamLocation,
  type HeldBytes,
} from './pdf-object-index';
import { MAX_TABLE_BYTES, readPdfStructureBytes } from './pdf-structure-bytes';
import { verifyDigestSignature } from '../crypto/cms-signature';
import { summariseCertificate, type CertificateSummary } from '../crypto/signing-certificate';
import { sha256Hex, toHex } from '../formats/sha256';
import { asArrayBufferView, inOwnMemory } from '../formats/bytes';
import { fileAndSignedRangesSha256, fileAndSignedRangesSha256FromSource, signedRangesSha256 } from './signed-range-digest';
import {
  javascriptDigests,
  wholeBufferDigests,
  type ByteSpan,
  type DigestPort,
  type IncrementalSha256,
  type SignedRanges,
} from '../formats/incremental-digest';
import {
  bytesByteSource,
  DEFAULT_SLICE_BYTES,
  hashSourceRange,
  readForUse,
  readSourceRange,
  type ByteSource,
} from '../formats/byte-source';
import type { AssociatedFileRelationship } from './signed-pdf-writer';

/**
 * Opens a signed container PDF (a submission or a moderation report) and checks everything that
 * does not depend on what the container holds: it is a whole PDF, it has exactly one signature,
 * that signature covers every byte but its own value, nothing was added after signing, and the
 * CMS signature verifies, and the PDF holds no active content. Only then are the embedded files
 * listed; their bytes are read (inflated, within a limit the caller gives) one at a time, on
 * request. Never throws for bad input.
 */
export type ContainerProblemCode =
  | 'not-pdf'
  | 'truncated'
  | 'no-signature'
  | 'several-signatures'
  | 'byte-range'
  | 'appended-bytes'
  | 'incremental-update'
  | 'signature-padding'
  | 'active-content'
  | 'signature-unreadable'
  | 'signature-mismatch'
  | 'unreadable';

export interface ContainerProblem {
  code: ContainerProblemCode;
  /** What is wrong, in plain words, for the person who imported the file. */
  message: string;
}

/** An embedded file as listed in the PDF; its bytes are read only when asked for, once. */
export interface ContainerAttachment {
  name: string;
  relationship: string;
  mediaType: string;
  /** The object number of the embedded file's stream (no two attachments share one). */
  streamObject: number;
  /** The size the stream's /Params /Size declares, or null when it declares none. */
  declaredSize: number | null;
  /** How many bytes the stream takes in the PDF (compressed, when it is compressed). */
  storedSize: number;
  compressed: boolean;
  /**
   * The file's bytes, inflated if compressed, refused as soon as they pass `limit`. Uncompressed
   * files are a view of the PDF's bytes, not a copy.
   */
  read(limit: number, options?: InflateOptions): Promise<AttachmentRead>;
  /**
   * The file's SHA-256 through `hash`, read (and inflated) a slice at a time and never held whole;
   * refused as soon as it passes `limit`, as `read` is.
   */
  digest(limit: number, hash: IncrementalSha256, options?: Pick<InflateOptions, 'onOutput'>): Promise<AttachmentDigest>;
  /** Where a file stored as it is lies in the PDF (undefined when compressed). */
  span?: ByteSpan;
  /**
   * The SHA-256 of a file stored as it is, being worked out on another thread while the file was
   * opened (when the digest port has one); null if that thread failed, and the caller hashes it.
   */
  sha256Elsewhere?: Promise<Uint8Array | null>;
}

export type AttachmentRead = { ok: true; bytes: Uint8Array } | { ok: false; reason: 'too-large' | 'unreadable' };
export type AttachmentDigest = { ok: true; size: number; sha256: Uint8Array } | { ok: false; reason: 'too-large' | 'unreadable' };

export interface SignedContainer {
  /** SHA-256 (hex) of the whole file. */
  fileSha256: string;
  certificateDer: Uint8Array<ArrayBuffer>;
  /** The other certificates the signature carries (a partnership's root, for a certified signer). */
  otherCertificatesDer: Uint8Array<ArrayBuffer>[];
  certificate: CertificateSummary;
  /** The signing time the signature dictionary records (the signer's clock), or null. */
  signingTime: Date | null;
  byteRange: readonly [number, number, number, number];
  attachments: ReadonlyMap<string, ContainerAttachment>;
}

export type ContainerResult = { ok: true; container: SignedContainer } | { ok: false; problem: ContainerProblem };

const PROBLEM_MESSAGES = {
  notPdf: 'This file is not a PDF.',
  truncated: 'The file is incomplete: it stops before the end of the PDF. It may have been cut short while it was copied or downloaded.',
  noSignature: 'This PDF is not signed, so there is no way to tell whether it has been changed.',
  appended: 'Something was added to the end of the file after it was signed.',
  incremental: 'The file was edited and saved again after it was signed (an incremental update was added).',
  extraRevision:
    'The file holds more than the one version of the PDF that was signed (for example an earlier version left inside it, or bytes hidden between its parts). Files exported by this app never do. Ask the sender to export it again.',
  otherLayout:
    'The PDF is not laid out as this app writes its signed files (its cross-reference table is missing or in another form), so it cannot be checked. Ask the sender to export it again from the app.',
  padding:
    'The signature’s value is followed by extra data that the signature does not cover, so the file’s fingerprint could change without anyone noticing. Ask the sender to export the file again.',
} as const;

const latin1 = new TextDecoder('latin1');
const ascii = new TextEncoder();

export interface OpenOptions {
  /** How to hash: an incremental hash gives the whole file's and the signed ranges' digests in one pass. WebCrypto by default. */
  digests?: DigestPort;
}

export async function openSignedPdf(
  bytes: Uint8Array<ArrayBuffer> | Uint8Array<SharedArrayBuffer>,
  options: OpenOptions = {},
): Promise<ContainerResult> {
  if (bytes.length < 8 || latin1.decode(bytes.subarray(0, 5)) !== '%PDF-') return fail('not-pdf', PROBLEM_MESSAGES.notPdf);

  // WebCrypto takes no shared memory: a file held there is hashed incrementally.
  const ownMemory = inOwnMemory(bytes) ? bytes : null;
  const incremental = (options.digests ?? wholeBufferDigests).createSha256() ?? (ownMemory ? null : javascriptDigests.createSha256());
  // Without an incremental hash, the whole file's hash is asked for at once; its result is awaited
  // only once the signature is checked.
  const wholeFileHash = incremental || !ownMemory ? null : sha256Hex(ownMemory);
  wholeFileHash?.catch(() => undefined);

  const range = findSignatureRange(bytes);
  if (!range) {
    return endsWithEofMarker(bytes) ? fail('no-signature', PROBLEM_MESSAGES.noSignature) : fail('truncated', PROBLEM_MESSAGES.truncated);
  }
  const [start, firstLength, secondStart, secondLength] = range.values;
  const end = secondStart + secondLength;
  if (end > bytes.length) return fail('truncated', PROBLEM_MESSAGES.truncated);
  if (start !== 0 || !range.looksReal || firstLength <= 0 || secondStart <= firstLength) {
    return fail(
      'byte-range',
      'The signature does not cover the whole file: some bytes besides the signature itself are left out of what was signed.',
    );
  }
  if (end < bytes.length) {
    return looksLikeIncrementalUpdate(bytes.subarray(end))
      ? fail('incremental-update', PROBLEM_MESSAGES.incremental)
      : fail('appended-bytes', PROBLEM_MESSAGES.appended);
  }
  if (!endsWithEofMarker(bytes)) return fail('truncated', PROBLEM_MESSAGES.truncated);

  const contentsHex = bytes.subarray(firstLength + 1, secondStart - 1);
  const cms = hexToBytes(contentsHex);
  const derLength = declaredDerLength(cms);
  if (derLength === null) return fail('signature-unreadable', 'The signature cannot be checked: its value is not a signature.');
  // Where the port can hash on another thread, the structure is read now and its evidence hashed
  // there while this thread hashes the file; what the structure shows is acted on only after the
  // signature is checked, as it is when it is read then, so every refusal keeps its reason.
  const early = options.digests?.sha256OfSpansElsewhere
    ? readStructure(bytes, { source: bytesByteSource(bytes), sliceBytes: DEFAULT_SLICE_BYTES })
    : null;
  const listedEarly = early?.ok && options.digests ? listHashingElsewhere(early, bytes, options.digests) : null;

  let signedDigest: Uint8Array;
  let fileHash: Promise<string> | string;
  const hashedWhileRead = options.digests?.hashedWhileRead?.(bytes);
  const hashedRanges = hashedWhileRead?.signed;
  if (
    hashedRanges &&
    hashedRanges.firstLength === firstLength &&
    hashedRanges.secondStart === secondStart &&
    hashedRanges.secondLength === secondLength
  ) {
    // Hashed as the file arrived, over the ranges found here: the same digests, without a pass.
    signedDigest = hashedRanges.sha256;
    fileHash = toHex(hashedWhileRead.file);
  } else if (incremental) {
    const digests = fileAndSignedRangesSha256(bytes, firstLength, secondStart, secondLength, incremental);
    signedDigest = digests.signed;
    fileHash = toHex(digests.file);
  } else {
    // (Always the file's own memory here; a copy otherwise, for WebCrypto.)
    const own = asArrayBufferView(bytes);
    signedDigest = await signedRangesSha256(own, firstLength, secondStart, secondLength);
    fileHash = wholeFileHash ?? sha256Hex(own);
  }
  const check = await verifyDigestSignature(cms.slice(0, derLength), signedDigest);
  if (!check.ok) {
    if (check.reason === 'unreadable') return fail('signature-unreadable', `The signature cannot be checked: ${check.detail}.`);
    return fail('signature-mismatch', 'The file has been changed since it was signed: its signature no longer matches its contents.');
  }
  // After the signature's DER, the reserved room holds zeros and nothing else.
  if (contentsHex.length % 2 !== 0 || contentsHex.subarray(2 * derLength).some((digit) => digit !== 0x30)) {
    return fail('signature-padding', PROBLEM_MESSAGES.padding);
  }

  // Otherwise only now, with the bytes known to be the signer's, is the structure read.
  return finishOpen(
    early ?? readStructure(bytes, { source: bytesByteSource(bytes), sliceBytes: DEFAULT_SLICE_BYTES }),
    {
      range: range.values,
      sameSignature: (lookup, dict) => sameContents(lookup, dict, cms),
      certificateDer: check.certificateDer,
      otherCertificatesDer: check.otherCertificatesDer ?? [],
      fileSha256: fileHash,
    },
    listedEarly,
  );
}

/**
 * The embedded files, listed now, with the SHA-256 of each one stored as it is started on the
 * port's other thread (`sha256Elsewhere`); where the port cannot, they are listed all the same
 * and the verifier hashes them itself.
 */
function listHashingElsewhere(structure: Structure, bytes: Uint8Array, port: DigestPort): AttachmentsListed {
  const listed = listAttachments(structure);
  if (!listed.ok) return listed;
  const stored = [...listed.files.values()].flatMap((file) => (file.compressed || !file.span ? [] : [{ file, span: file.span }]));
  const digests = port.sha256OfSpansElsewhere?.(
    bytes,
    stored.map(({ span }) => span),
  );
  if (!digests) return listed;
  const settled = digests.catch(() => null);
  stored.forEach(({ file }, i) => {
    file.sha256Elsewhere = settled.then((all) => all?.[i] ?? null);
  });
  return listed;
}

/** Where a signed PDF's parts lie, read from its end before the file is read whole (see `planSignedPdfRead`). */
export interface SignedPdfReadPlan {
  /** The signature's byte ranges, as the file's end declares them. */
  ranges: SignedRanges;
  /** Each object the table lists: where it starts and how far it runs (to the next one, or the table), in the file's order. */
  objects: ByteSpan[];
}

/**
 * Where a signed PDF's signature ranges and its objects lie, read from the end of `source` (the
 * signature's dictionary and the cross-reference table), so that a reader can hash the file, its
 * signed ranges and its embedded files as the file arrives, rather than after (the desktop reads a
 * picked file so; `storedStreamSpan` tells where an object's stored bytes lie once its start has
 * arrived). Nothing here is checked: `openSignedPdf` checks the file it is then given in full, and
 * uses digests taken while it was read only where they are of the ranges and files it finds itself.
 * Null where the file does not end as this app's signed files do (it is then read, and hashed, as
 * any other).
 */
export async function planSignedPdfRead(source: ByteSource, sliceBytes = DEFAULT_SLICE_BYTES): Promise<SignedPdfReadPlan | null> {
  try {
    const range = await findSignatureRangeInSource(source, sliceBytes);
    if (!range?.looksReal) return null;
    const [start, firstLength, secondStart, secondLength] = range.values;
    if (start !== 0 || firstLength <= 0 || secondStart <= firstLength || secondStart + secondLength !== source.size) return null;
    const ranges = { firstLength, secondStart, secondLength };
    const tailStart = Math.max(0, source.size - 1024);
    const xrefAt = classicXrefStart(heldFrom(tailStart, await source.read(tailStart, source.size - tailStart), source.size));
    if (xrefAt === null || source.size - xrefAt > MAX_TABLE_BYTES) return { ranges, objects: [] };
    const table = readClassicTable(heldFrom(xrefAt, await readSourceRange(source, xrefAt, source.size, sliceBytes), source.size));
    const starts = table ? objectBoundaries(table.offsets, table.xrefAt) : [];
    const objects = starts.slice(0, -1).map((offset, i) => ({ offset, length: (starts[i + 1] ?? offset) - offset }));
    return { ranges, objects };
  } catch {
    return null;
  }
}

/** The part of a file read from `offset`, as the index reads bytes (views elsewhere are null). */
function heldFrom(offset: number, bytes: Uint8Array, length: number): HeldBytes {
  return {
    length,
    view: (from, to) => {
      const [start, end] = [Math.max(0, from), Math.min(length, to)];
      return start >= offset && end <= offset + bytes.length ? bytes.subarray(start - offset, Math.max(start, end) - offset) : null;
    },
  };
}

export interface SourceOpenOptions extends OpenOptions {
  /** The most read from the source at once (the default `DEFAULT_SLICE_BYTES`). */
  sliceBytes?: number;
}

/** How much of the file's end is searched at a time for the signature's byte range. */
const RANGE_SEARCH_BYTES = 1024 * 1024;

/**
 * As `openSignedPdf`, reading the file from a source a slice at a time: the whole file's and the
 * signed ranges' digests in one pass (with the port's incremental hash, or the JavaScript one),
 * the structure from the parts `readPdfStructureBytes` reads, and the embedded files left in the
 * source until each is read or hashed. Every check is the same, with the same refusals; what is
 * held is the structure and one slice, not the file.
 */
export async function openSignedPdfSource(source: ByteSource, options: SourceOpenOptions = {}): Promise<ContainerResult> {
  const sliceBytes = Math.max(1024, Math.floor(options.sliceBytes ?? DEFAULT_SLICE_BYTES));
  const size = source.size;
  if (size < 8 || latin1.decode(await source.read(0, 5)) !== '%PDF-') return fail('not-pdf', PROBLEM_MESSAGES.notPdf);
  const endsWithEof = endsWithEofMarker(await source.read(Math.max(0, size - 64), Math.min(size, 64)));

  const range = await findSignatureRangeInSource(source, sliceBytes);
  if (!range) return endsWithEof ? fail('no-signature', PROBLEM_MESSAGES.noSignature) : fail('truncated', PROBLEM_MESSAGES.truncated);
  const [start, firstLength, secondStart, secondLength] = range.values;
  const end = secondStart + secondLength;
  if (end > size) return fail('truncated', PROBLEM_MESSAGES.truncated);
  if (start !== 0 || !range.looksReal || firstLength <= 0 || secondStart <= firstLength) {
    return fail(
      'byte-range',
      'The signature does not cover the whole file: some bytes besides the signature itself are left out of what was signed.',
    );
  }
  if (end < size) {
    return looksLikeIncrementalUpdate(await readSourceRange(source, end, Math.min(size, end + 1_000_000), sliceBytes))
      ? fail('incremental-update', PROBLEM_MESSAGES.incremental)
      : fail('appended-bytes', PROBLEM_MESSAGES.appended);
  }
  if (!endsWithEof) return fail('truncated', PROBLEM_MESSAGES.truncated);

  // The signature's value: its DER read, the zeros after it checked a slice at a time.
  const hexStart = firstLength + 1;
  const hexLength = secondStart - 1 - hexStart;
  const derLength = declaredDerLength(hexToBytes(await source.read(hexStart, Math.min(hexLength, 24))), Math.floor(hexLength / 2));
  if (derLength === null) return fail('signature-unreadable', 'The signature cannot be checked: its value is not a signature.');
  const der = hexToBytes(await readSourceRange(source, hexStart, hexStart + 2 * derLength, sliceBytes));
  const hash = (options.digests ?? javascriptDigests).createSha256() ?? javascriptDigests.createSha256();
  if (!hash) return fail('unreadable', PROBLEM_MESSAGES.otherLayout);
  const digests = await fileAndSignedRangesSha256FromSource(source, firstLength, secondStart, secondLength, hash, sliceBytes);
  if (!digests) return fail('truncated', PROBLEM_MESSAGES.truncated);
  const check = await verifyDigestSignature(der, digests.signed);
  if (!check.ok) {
    if (check.reason === 'unreadable') return fail('signature-unreadable', `The signature cannot be checked: ${check.detail}.`);
    return fail('signature-mismatch', 'The file has been changed since it was signed: its signature no longer matches its contents.');
  }
  if (hexLength % 2 !== 0 || !(await onlyZeroDigits(source, hexStart + 2 * derLength, hexStart + hexLength, sliceBytes))) {
    return fail('signature-padding', PROBLEM_MESSAGES.padding);
  }

  const held = await readPdfStructureBytes(source, sliceBytes);
  return finishOpen(readStructure(held, { source, sliceBytes }), {
    range: range.values,
    sameSignature: (lookup, dict) => sameContentsPadded(lookup, dict, der, hexLength / 2),
    certificateDer: check.certificateDer,
    otherCertificatesDer: check.otherCertificatesDer ?? [],
    fileSha256: toHex(digests.file),
  });
}

/** The hex digits from `from` to `to` are all "0" (the reserved room after the signature's DER). */
async function onlyZeroDigits(source: ByteSource, from: number, to: number, sliceBytes: number): Promise<boolean> {
  for (let at = from; at < to; at += sliceBytes) {
    const slice = await readForUse(source, at, Math.min(sliceBytes, to - at));
    if (slice.length !== Math.min(sliceBytes, to - at) || slice.some((digit) => digit !== 0x30)) return false;
  }
  return true;
}

/** The dictionary's /Contents is the checked DER followed by zeros, `length` bytes in all (as the hex in the file decodes). */
function sameContentsPadded(lookup: Lookup, dict: PDFDict, der: Uint8Array, length: number): boolean {
  const contents = lookup(dict.get(PDFName.of('Contents')));
  if (!(contents instanceof PDFHexString || contents instanceof PDFString)) return false;
  const bytes = contents.asBytes();
  if (bytes.length !== length) return false;
  for (let i = 0; i < bytes.length; i += 1) if (bytes[i] !== (i < der.length ? der[i] : 0)) return false;
  return true;
}

/**
 * `findSignatureRange` over a source: searched back from the end a window at a time, each window
 * reaching far enough past its end to read a candidate's numbers.
 */
async function findSignatureRangeInSource(source: ByteSource, sliceBytes: number): Promise<RangeCandidate | null> {
  const marker = ascii.encode('/ByteRange');
  const reach = marker.length + 80;
  const step = Math.min(RANGE_SEARCH_BYTES, sliceBytes) - reach;
  let fallback: RangeCandidate | null = null;
  for (let windowStart = Math.floor(Math.max(0, source.size - 1) / step) * step; windowStart >= 0; windowStart -= step) {
    const window = await source.read(windowStart, Math.min(step + reach, source.size - windowStart));
    const last = Math.min(window.length - 1, step - 1);
    for (let at = lastIndexOf(window, marker, last); at !== -1; at = at === 0 ? -1 : lastIndexOf(window, marker, at - 1)) {
      const text = latin1.decode(window.subarray(at + marker.length, at + marker.length + 80));
      const match = /^\s*\[\s*(\d{1,15})\s+(\d{1,15})\s+(\d{1,15})\s+(\d{1,15})\s*\]/.exec(text);
      if (!match) continue;
      const values = [Number(match[1]), Number(match[2]), Number(match[3]), Number(match[4])] as [number, number, number, number];
      const candidate = { values, looksReal: await isContentsGapInSource(source, values[1], values[2], sliceBytes) };
      if (candidate.looksReal) return candidate;
      fallback ??= candidate;
    }
  }
  return fallback;
}

async function isContentsGapInSource(source: ByteSource, from: number, to: number, sliceBytes: number): Promise<boolean> {
  if (from <= 0 || to > source.size || to - from < 4) return false;
  const before = await source.read(Math.max(0, from - 20), from - Math.max(0, from - 20) + 1);
  if (before[before.length - 1] !== 0x3c || (await source.read(to - 1, 1))[0] !== 0x3e) return false;
  if (!/\/Contents\s*$/.test(latin1.decode(before.subarray(0, before.length - 1)))) return false;
  for (let at = from + 1; at < to - 1; at += sliceBytes) {
    const slice = await readForUse(source, at, Math.min(sliceBytes, to - 1 - at));
    if (!slice.every(isHexDigit)) return false;
  }
  return true;
}

/** The file's bytes for reading embedded files that were not read with the structure. */
interface AttachmentBytes {
  source: ByteSource;
  sliceBytes: number;
}

interface SignatureChecked {
  range: readonly [number, number, number, number];
  /** The signature dictionary's value is the one that was checked. */
  sameSignature: (lookup: Lookup, dict: PDFDict) => boolean;
  certificateDer: Uint8Array<ArrayBuffer>;
  otherCertificatesDer: Uint8Array<ArrayBuffer>[];
  fileSha256: Promise<string> | string;
}

/** After the signature: the structure's checks, the embedded files listed, the signer's certificate read. */
async function finishOpen(
  structure: ReturnType<typeof readStructure>,
  signed: SignatureChecked,
  listedEarly: AttachmentsListed | null = null,
): Promise<ContainerResult> {
  if (!structure.ok) return fail(structure.code, structure.message);
  const signatureDicts = structure.signatureDicts();
  if (signatureDicts.length !== 1) {
    return fail(
      'several-signatures',
      `The file has ${signatureDicts.length} signatures. A submission has exactly one, made when it was exported.`,
    );
  }
  const signatureDict = signatureDicts[0];
  if (
    !signatureDict ||
    !sameByteRange(structure.lookup, signatureDict, signed.range) ||
    !signed.sameSignature(structure.lookup, signatureDict)
  ) {
    return fail('byte-range', 'The signature that was checked is not the one the PDF declares.');
  }

  const active = findActiveContent(structure.catalog, structure.lookup);
  if (active) return fail('active-content', active);

  const attachments = listedEarly ?? listAttachments(structure);
  if (!attachments.ok) return fail('unreadable', attachments.message);

  let certificate: CertificateSummary;
  try {
    certificate = await summariseCertificate(signed.certificateDer);
  } catch {
    return fail('signature-unreadable', 'The signer’s certificate cannot be read.');
  }
  return {
    ok: true,
    container: {
      fileSha256: await signed.fileSha256,
      certificateDer: signed.certificateDer,
      otherCertificatesDer: signed.otherCertificatesDer,
      certificate,
      signingTime: parsePdfDate(textOf(structure.lookup, signatureDict, 'M') ?? ''),
      byteRange: [...signed.range] as [number, number, number, number],
      attachments: attachments.files,
    },
  };
}

/** What the checks need from the PDF's objects, read through its one cross-reference table. */
interface Structure {
  ok: true;
  catalog: PDFDict | undefined;
  lookup: Lookup;
  signatureDicts(): PDFDict[];
  files: AttachmentBytes;
}

type Lookup = (value: PDFObject | undefined) => PDFObject | undefined;

/**
 * This app writes one classic cross-reference table and one revision; anything else (a table
 * that points back to an earlier one, a cross-reference stream, an older revision or other bytes
 * left between the objects) is refused rather than read another way.
 */
function readStructure(
  bytes: Uint8Array | HeldBytes,
  files: AttachmentBytes,
): Structure | { ok: false; code: ContainerProblemCode; message: string } {
  const index = indexClassicXref(bytes);
  if (!index) {
    return crossReferenceStreamHasPrev(bytes)
      ? { ok: false, code: 'incremental-update', message: PROBLEM_MESSAGES.incremental }
      : { ok: false, code: 'unreadable', message: PROBLEM_MESSAGES.otherLayout };
  }
  if (index.incremental) return { ok: false, code: 'incremental-update', message: PROBLEM_MESSAGES.incremental };
  if (!index.coversWholeFile()) return { ok: false, code: 'incremental-update', message: PROBLEM_MESSAGES.extraRevision };
  const lookup = index.lookup;
  const catalog = asDict(lookup(index.trailer.get(PDFName.of('Root'))));
  return { ok: true, catalog, lookup, signatureDicts: () => signatureFieldValues(catalog, lookup), files };
}

/** The value dictionaries of the signature fields in the AcroForm. */
function signatureFieldValues(catalog: PDFDict | undefined, lookup: Lookup): PDFDict[] {
  const form = asDict(lookup(catalog?.get(PDFName.of('AcroForm'))));
  const fields = lookup(form?.get(PDFName.of('Fields')));
  if (!(fields instanceof PDFArray)) return [];
  const values: PDFDict[] = [];
  for (let i = 0; i < fields.size(); i += 1) {
    const field = asDict(lookup(fields.get(i)));
    const value = asDict(lookup(field?.get(PDFName.of('V'))));
    if (value?.has(PDFName.of('ByteRange'))) values.push(value);
  }
  return values;
}

function asDict(value: PDFObject | undefined): PDFDict | undefined {
  return value instanceof PDFDict ? value : undefined;
}

function fail(code: ContainerProblemCode, message: string): ContainerResult {
  return { ok: false, problem: { code, message } };
}

interface RangeCandidate {
  values: [number, number, number, number];
  /** The gap is a hex string preceded by /Contents: the layout of a real signature dictionary. */
  looksReal: boolean;
}

/**
 * The last "/ByteRange [a b c d]" in the raw bytes, searching back from the end (our writer puts
 * the signature last). Read before anything in the file is trusted, so it cannot depend on the
 * PDF's structure; that is checked against it after the signature has been verified.
 */
function findSignatureRange(bytes: Uint8Array): RangeCandidate | null {
  const marker = ascii.encode('/ByteRange');
  let fallback: RangeCandidate | null = null;
  for (let at = lastIndexOf(bytes, marker, bytes.length); at !== -1; at = lastIndexOf(bytes, marker, at - 1)) {
    const text = latin1.decode(bytes.subarray(at + marker.length, at + marker.length + 80));
    const match = /^\s*\[\s*(\d{1,15})\s+(\d{1,15})\s+(\d{1,15})\s+(\d{1,15})\s*\]/.exec(text);
    if (!match) continue;
    const values = [Number(match[1]), Number(match[2]), Number(match[3]), Number(match[4])] as [number, number, number, number];
    const candidate = { values, looksReal: isContentsGap(bytes, values[1], values[2]) };
    if (candidate.looksReal) return candidate;
    fallback ??= candidate;
  }
  return fallback;
}

function isContentsGap(bytes: Uint8Array, from: number, to: number): boolean {
  if (from <= 0 || to > bytes.length || to - from < 4 || bytes[from] !== 0x3c || bytes[to - 1] !== 0x3e) return false;
  for (let i = from + 1; i < to - 1; i += 1) if (!isHexDigit(bytes[i] ?? 0)) return false;
  const before = latin1.decode(bytes.subarray(Math.max(0, from - 20), from));
  return /\/Contents\s*$/.test(before);
}

function isHexDigit(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x46) || (code >= 0x61 && code <= 0x66);
}

function endsWithEofMarker(bytes: Uint8Array): boolean {
  const tail = latin1.decode(bytes.subarray(Math.max(0, bytes.length - 64)));
  return /%%EOF[\r\n\s\0]*$/.test(tail);
}

function looksLikeIncrementalUpdate(tail: Uint8Array): boolean {
  const text = latin1.decode(tail.subarray(0, 1_000_000));
  return /startxref|\btrailer\b|\d+\s+\d+\s+obj\b|\bxref\b/.test(text);
}

function hexToBytes(hex: Uint8Array): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(Math.floor(hex.length / 2));
  for (let i = 0; i < out.length; i += 1) out[i] = (nibble(hex[2 * i] ?? 0) << 4) | nibble(hex[2 * i + 1] ?? 0);
  return out;
}

function nibble(code: number): number {
  if (code <= 0x39) return code - 0x30;
  if (code <= 0x46) return code - 0x37;
  return code - 0x57;
}

/**
 * The length of the DER SEQUENCE at the start of the reserved room (padded with zeros after it),
 * or null. `der` may be only the room's start; `room` is its whole length.
 */
function declaredDerLength(der: Uint8Array, room = der.length): number | null {
  if (room < 2 || der[0] !== 0x30) return null;
  const first = der[1] ?? 0;
  if (first < 0x80) return 2 + first <= room ? 2 + first : null;
  const lengthBytes = first & 0x7f;
  if (lengthBytes === 0 || lengthBytes > 4 || room < 2 + lengthBytes) return null;
  let length = 0;
  for (let i = 0; i < lengthBytes; i += 1) length = length * 256 + (der[2 + i] ?? 0);
  const total = 2 + lengthBytes + length;
  return total <= room ? total : null;
}

function sameByteRange(lookup: Lookup, dict: PDFDict, values: readonly number[]): boolean {
  const array = lookup(dict.get(PDFName.of('ByteRange')));
  if (!(array instanceof PDFArray) || array.size() !== 4) return false;
  return values.every((value, i) => array.get(i).toString() === String(value));
}

function sameContents(lookup: Lookup, dict: PDFDict, cms: Uint8Array): boolean {
  const contents = lookup(dict.get(PDFName.of('Contents')));
  if (!(contents instanceof PDFHexString || contents instanceof PDFString)) return false;
  return toHex(contents.asBytes()) === toHex(cms);
}

type AttachmentsListed = { ok: true; files: Map<string, ContainerAttachment> } | { ok: false; message: string };

/** At most this many nodes are visited in the embedded files' name tree. */
const MAX_NAME_TREE_NODES = 10_000;

/** Lists the embedded files without reading their bytes. */
function listAttachments(structure: Structure): AttachmentsListed {
  const { lookup } = structure;
  const files = new Map<string, ContainerAttachment>();
  const streams = new Set<number>();
  try {
    const names = asDict(lookup(structure.catalog?.get(PDFName.of('Names'))));
    const tree = asDict(lookup(names?.get(PDFName.of('EmbeddedFiles'))));
    if (!tree) return { ok: true, files };
    const pending: PDFDict[] = [tree];
    let visited = 0;
    while (pending.length > 0) {
      const node = pending.pop();
      if (!node || (visited += 1) > MAX_NAME_TREE_NODES) return { ok: false, message: 'The list of embedded files is malformed.' };
      const kids = lookup(node.get(PDFName.of('Kids')));
      if (kids instanceof PDFArray) {
        for (let i = 0; i < kids.size(); i += 1) {
          const kid = asDict(lookup(kids.get(i)));
          if (kid) pending.push(kid);
        }
      }
      const pairs = lookup(node.get(PDFName.of('Names')));
      if (!(pairs instanceof PDFArray)) continue;
      for (let i = 0; i + 1 < pairs.size(); i += 2) {
        const spec = asDict(lookup(pairs.get(i + 1)));
        if (!spec) return { ok: false, message: 'An embedded file’s description is missing.' };
        const file = describeFileSpec(lookup, spec, structure.files);
        if (typeof file === 'string') return { ok: false, message: file };
        if (files.has(file.name)) return { ok: false, message: `Two embedded files are both called “${file.name}”.` };
        if (streams.has(file.streamObject)) {
          return {
            ok: false,
            message: `Two embedded files share the same stored bytes (“${file.name}” is one of them). Files exported by this app never do.`,
          };
        }
        streams.add(file.streamObject);
        files.set(file.name, file);
      }
    }
  } catch {
    return { ok: false, message: 'The embedded files could not be read.' };
  }
  return { ok: true, files };
}

/** The attachment a file specification describes, or what is wrong with it. */
function describeFileSpec(lookup: Lookup, spec: PDFDict, from: AttachmentBytes): ContainerAttachment | string {
  const name = textOf(lookup, spec, 'UF') ?? textOf(lookup, spec, 'F');
  if (name === null) return 'An embedded file has no name.';
  const embedded = asDict(lookup(spec.get(PDFName.of('EF'))));
  // The stream must be an object of its own, so that two specifications sharing it can be seen.
  const streamRef = embedded?.get(PDFName.of('F'));
  const stream = lookup(streamRef);
  if (!(streamRef instanceof PDFRef) || !(stream instanceof PDFRawStream)) return `The embedded file “${name}” has no stored bytes.`;
  const unfiltered = embedded?.get(PDFName.of('UF'));
  if (unfiltered !== undefined && !(unfiltered instanceof PDFRef && unfiltered.objectNumber === streamRef.objectNumber)) {
    return `The embedded file “${name}” points at two different sets of stored bytes.`;
  }
  const filter = lookup(stream.dict.get(PDFName.of('Filter')));
  const compressed = filter !== undefined;
  const flate = filter instanceof PDFName ? filter : filter instanceof PDFArray && filter.size() === 1 ? lookup(filter.get(0)) : null;
  if (compressed && !(flate instanceof PDFName && flate.decodeText() === 'FlateDecode')) {
    return `The embedded file “${name}” is stored in a form this app does not read.`;
  }
  if (stream.dict.has(PDFName.of('DecodeParms'))) return `The embedded file “${name}” is stored in a form this app does not read.`;
  const params = asDict(lookup(stream.dict.get(PDFName.of('Params'))));
  const size = lookup(params?.get(PDFName.of('Size')));
  const declaredSize = size instanceof PDFNumber && Number.isSafeInteger(size.asNumber()) && size.asNumber() >= 0 ? size.asNumber() : null;
  const relationship = lookup(spec.get(PDFName.of('AFRelationship')));
  const subtype = lookup(stream.dict.get(PDFName.of('Subtype')));
  const contents = stream.contents;
  // Where the stream's bytes are: read with the structure (a file in memory: always), or left in the source.
  const located = streamLocation(stream);
  const location = located ?? { offset: 0, length: contents.length, held: true };
  const storedBytes: ByteSource = location.held ? bytesByteSource(contents) : withinSource(from.source, location.offset, location.length);
  return {
    name,
    relationship: (relationship instanceof PDFName ? relationship.decodeText() : 'Unspecified') as AssociatedFileRelationship,
    mediaType: subtype instanceof PDFName ? subtype.decodeText() : '',
    streamObject: streamRef.objectNumber,
    declaredSize,
    storedSize: location.length,
    compressed,
    ...(located && !compressed ? { span: { offset: located.offset, length: located.length } } : {}),
    read: async (limit, options) => {
      if (!compressed && location.length > limit) return { ok: false, reason: 'too-large' };
      if (!location.held) return readFromSource(storedBytes, compressed, limit, from.sliceBytes, options);
      if (!compressed) return { ok: true, bytes: contents };
      const inflated = await inflateBounded(contents, limit, {
        ...options,
        expectedSize: options?.expectedSize ?? declaredSize ?? undefined,
      });
      if (inflated.ok) return inflated;
      return { ok: false, reason: inflated.reason === 'too-large' ? 'too-large' : 'unreadable' };
    },
    digest: async (limit, hash, options) => {
      if (!compressed) {
        if (location.length > limit) return { ok: false, reason: 'too-large' };
        const read = await hashSourceRange(storedBytes, 0, location.length, [hash], from.sliceBytes);
        return read ? { ok: true, size: location.length, sha256: hash.digest() } : { ok: false, reason: 'unreadable' };
      }
      // Ordinary reads, not borrowed: a decompressor may still hold a piece it was written after the
      // write has returned (Node's does), so the next slice must not be read over it.
      const inflated = await inflateBoundedToSink(storedBytes.read, location.length, limit, (piece) => hash.update(piece), {
        sliceBytes: from.sliceBytes,
        ...(options?.onOutput ? { onOutput: options.onOutput } : {}),
      });
      if (inflated.ok) return { ok: true, size: inflated.size, sha256: hash.digest() };
      return { ok: false, reason: inflated.reason === 'too-large' ? 'too-large' : 'unreadable' };
    },
  };
}

/** The `length` bytes at `offset` in `source`, as a source of their own (its borrowed reads lent by `source`). */
function withinSource(source: ByteSource, offset: number, length: number): ByteSource {
  const clamp = (at: number, want: number) => Math.max(0, Math.min(want, length - at));
  const borrowed = source.readBorrowed?.bind(source);
  return {
    size: length,
    read: (at, want) => source.read(offset + at, clamp(at, want)),
    ...(borrowed ? { readBorrowed: (at: number, want: number) => borrowed(offset + at, clamp(at, want)) } : {}),
  };
}

/** An embedded file left in the source: read a slice at a time (and inflated as it is read), never past `limit`. */
async function readFromSource(
  stored: ByteSource,
  compressed: boolean,
  limit: number,
  sliceBytes: number,
  options: InflateOptions | undefined,
): Promise<AttachmentRead> {
  if (!compressed) {
    const bytes = await readSourceRange(stored, 0, stored.size, sliceBytes);
    return bytes.length === stored.size ? { ok: true, bytes } : { ok: false, reason: 'unreadable' };
  }
  const pieces: Uint8Array[] = [];
  const inflated = await inflateBoundedToSink(stored.read, stored.size, limit, (piece) => pieces.push(piece), {
    sliceBytes,
    ...(options?.onOutput ? { onOutput: options.onOutput } : {}),
  });
  if (!inflated.ok) return { ok: false, reason: inflated.reason === 'too-large' ? 'too-large' : 'unreadable' };
  const bytes = new Uint8Array(inflated.size);
  let at = 0;
  for (const piece of pieces) {
    bytes.set(piece, at);
    at += piece.length;
  }
  return { ok: true, bytes };
}

function textOf(lookup: Lookup, dict: PDFDict, key: string): string | null {
  const value = lookup(dict.get(PDFName.of(key)));
  return value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : null;
}

/** "D:20261124093000Z" or "D:20261124093000+01'00'" -> Date; null when it cannot be read. */
export function parsePdfDate(text: string): Date | null {
  const match = /^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(Z|[+-]\d{2}'?\d{2}'?)?/.exec(text);
  if (!match) return null;
  const [, y, mo = '01', d = '01', h = '00', mi = '00', s = '00', zone = 'Z'] = match;
  const offset = zone === 'Z' ? 'Z' : `${zone.slice(0, 3)}:${zone.replace(/'/g, '').slice(3, 5)}`;
  const date = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}${offset}`);
  return Number.isNaN(date.getTime()) ? null : date;
}

function lastIndexOf(haystack: Uint8Array, needle: Uint8Array, from: number): number {
  const first = needle[0] ?? 0;
  const start = Math.min(from, haystack.length - needle.length);
  outer: for (
    let i = start < 0 ? -1 : haystack.lastIndexOf(first, start);
    i !== -1;
    i = i === 0 ? -1 : haystack.lastIndexOf(first, i - 1)
  ) {
    for (let j = 1; j < needle.length; j += 1) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}
