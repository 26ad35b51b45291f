import { PDFContext, PDFDict, PDFName, PDFNumber, PDFObject, PDFObjectParser, PDFRawStream, PDFRef } from 'pdf-lib';

/**
 * Reads single objects of a PDF through its cross-reference table, without parsing the rest of
 * the file: checking a signed submission of hundreds of megabytes then touches only the few
 * dozen objects it needs (catalogue, signature, file specifications) and the embedded files.
 * Handles the classic table our writer produces; returns null for anything else (for example a
 * cross-reference stream), which the verifier refuses: it never parses a file another way.
 */
export interface PdfObjectIndex {
  trailer: PDFDict;
  /** The trailer points back to an earlier table (or to a cross-reference stream): the file was saved incrementally. */
  incremental: boolean;
  /**
   * Every byte of the file belongs to the header, to one object the table lists, or to the table,
   * trailer and end marker: nothing is hidden between objects, and no earlier revision (an older
   * table, trailer or end marker) is left in the file.
   */
  coversWholeFile(): boolean;
  /** The object a reference points to, or undefined when there is none. Follows references. */
  lookup(value: PDFObject | undefined): PDFObject | undefined;
}

/**
 * The file's bytes as the index reads them: all of them (a file in memory), or only the parts
 * the checks need, read from a `ByteSource` (`readPdfStructureBytes`): the header, each object's
 * start, the whole of each object that is not a stream, each stream's end, and the table. Large
 * streams' contents are left where they are; a view over bytes not read is null, and whatever
 * needs it is refused as it would be for bytes that cannot be read.
 */
export interface HeldBytes {
  length: number;
  /** The bytes from `from` to `to` (clamped to the file), or null where they were not read. */
  view(from: number, to: number): Uint8Array | null;
}

/** A file held whole. */
export function wholeHeldBytes(bytes: Uint8Array): HeldBytes {
  return { length: bytes.length, view: (from, to) => bytes.subarray(Math.max(0, from), Math.max(0, to)) };
}

/** Where a stream's contents lie in the file, and whether they were read (a file in memory: always). */
export interface StreamLocation {
  offset: number;
  length: number;
  held: boolean;
}

const streamLocations = new WeakMap<PDFRawStream, StreamLocation>();

/** Where the contents of a stream the index parsed lie in the file, or undefined for a stream it did not parse. */
export function streamLocation(stream: PDFRawStream): StreamLocation | undefined {
  return streamLocations.get(stream);
}

const latin1 = new TextDecoder('latin1');
/** The end of a file: where its table starts, then the end marker (white space or zeros may follow). */
const END_MARKER = /startxref\s+(\d+)\s+%%EOF[\s\0]*$/;
const EMPTY = new Uint8Array(0);

function asHeld(bytes: Uint8Array | HeldBytes): HeldBytes {
  return bytes instanceof Uint8Array ? wholeHeldBytes(bytes) : bytes;
}

/** Where the table starts, from the end marker, or null. */
export function classicXrefStart(file: HeldBytes): number | null {
  const tail = file.view(file.length - 1024, file.length);
  const startxref = tail ? END_MARKER.exec(latin1.decode(tail)) : null;
  if (!startxref) return null;
  const xrefAt = Number(startxref[1]);
  return Number.isSafeInteger(xrefAt) && xrefAt < file.length ? xrefAt : null;
}

interface ClassicTable {
  xrefAt: number;
  offsets: Map<number, number>;
  /** Where the trailer's dictionary starts. */
  trailerStart: number;
}

/** The classic table's entries (object number to offset), or null when the end of the file is not one. */
export function readClassicTable(file: HeldBytes): ClassicTable | null {
  const xrefAt = classicXrefStart(file);
  if (xrefAt === null) return null;
  const bytes = file.view(xrefAt, file.length);
  if (!bytes || latin1.decode(bytes.subarray(0, 4)) !== 'xref') return null;

  // The table: subsections of "first count" then 20-byte lines "oooooooooo ggggg n\r\n".
  const offsets = new Map<number, number>();
  let at = 4;
  let lineStart = at;
  const readLine = (): string => {
    while (bytes[at] === 0x0a || bytes[at] === 0x0d || bytes[at] === 0x20) at += 1;
    const start = at;
    lineStart = start;
    while (at < bytes.length && bytes[at] !== 0x0a && bytes[at] !== 0x0d) at += 1;
    return latin1.decode(bytes.subarray(start, at));
  };
  for (let line = readLine(); !line.startsWith('trailer'); line = readLine()) {
    const section = /^(\d+)\s+(\d+)$/.exec(line.trim());
    if (!section || at >= bytes.length) return null;
    const first = Number(section[1]);
    const count = Number(section[2]);
    if (count > 10_000_000) return null;
    for (let i = 0; i < count; i += 1) {
      const entry = /^(\d{10}) (\d{5}) ([nf])/.exec(readLine());
      if (!entry) return null;
      if (entry[3] === 'n') offsets.set(first + i, Number(entry[1]));
    }
  }
  return { xrefAt, offsets, trailerStart: xrefAt + lineStart + 'trailer'.length };
}

export function indexClassicXref(input: Uint8Array | HeldBytes): PdfObjectIndex | null {
  const file = asHeld(input);
  const table = readClassicTable(file);
  if (!table) return null;
  const { xrefAt, offsets, trailerStart } = table;
  const context = PDFContext.create();
  let trailer: PDFObject;
  try {
    trailer = PDFObjectParser.forBytes(file.view(trailerStart, file.length) ?? EMPTY, context).parseObject();
  } catch {
    return null;
  }
  if (!(trailer instanceof PDFDict)) return null;

  // An object ends where the next one (or the table) starts.
  const sorted = objectBoundaries(offsets, xrefAt);
  const endOf = (start: number) => sorted[binarySearchAfter(sorted, start)] ?? xrefAt;
  const cache = new Map<number, PDFObject | null>();

  const resolve = (ref: PDFRef): PDFObject | undefined => {
    const cached = cache.get(ref.objectNumber);
    if (cached !== undefined) return cached ?? undefined;
    cache.set(ref.objectNumber, null); // a cycle resolves to nothing
    const start = offsets.get(ref.objectNumber);
    if (start === undefined || start >= xrefAt) return undefined;
    const end = endOf(start);
    const header = /^\s*(\d+)\s+(\d+)\s+obj\b/.exec(latin1.decode(file.view(start, Math.min(end, start + 40)) ?? EMPTY));
    if (!header || Number(header[1]) !== ref.objectNumber) return undefined;
    let object: PDFObject | undefined;
    try {
      const stream = locateStream(file, start + header[0].length, end, context);
      if (stream === 'unread') object = undefined;
      else if (stream) object = streamOf(file, stream);
      else {
        const window = file.view(start + header[0].length, end);
        object = window ? PDFObjectParser.forBytes(window, context).parseObject() : undefined;
      }
    } catch {
      object = undefined;
    }
    cache.set(ref.objectNumber, object ?? null);
    return object;
  };

  const coversWholeFile = (): boolean => {
    const starts = [...offsets.entries()].sort(([, a], [, b]) => a - b);
    const first = starts[0]?.[1] ?? xrefAt;
    const header = file.view(0, first);
    if (!header || !/^%PDF-\d\.\d[^\r\n]*[\r\n]+(%[^\r\n]*[\r\n]+)*$/.test(latin1.decode(header))) return false;
    for (let i = 0; i < starts.length; i += 1) {
      const [number, start] = starts[i] ?? [0, 0];
      const end = starts[i + 1]?.[1] ?? xrefAt;
      const object = wholeObject(file, start, end, number, context);
      if (object === null) return false;
      // Kept for lookups: the active-content walk then reads each object without parsing it again.
      if (!cache.has(number)) cache.set(number, object);
    }
    // After the trailer's dictionary: only where the table starts and the end marker.
    const trailerBytes = file.view(trailerStart, file.length) ?? EMPTY;
    const after = parseOneObject(trailerBytes, 0, context)?.end ?? null;
    if (after === null) return false;
    const rest = /^\s*startxref\s+(\d+)\s+%%EOF[\s\0]*$/.exec(latin1.decode(trailerBytes.subarray(after)));
    return rest !== null && Number(rest[1]) === xrefAt;
  };

  return {
    trailer,
    incremental: trailer.has(PDFName.of('Prev')) || trailer.has(PDFName.of('XRefStm')),
    coversWholeFile,
    lookup(value) {
      let current = value;
      for (let depth = 0; current instanceof PDFRef && depth < 32; depth += 1) current = resolve(current);
      return current instanceof PDFRef ? undefined : current;
    },
  };
}

/** Every object's start and the table's, in order: each object runs up to the next boundary. */
export function objectBoundaries(offsets: ReadonlyMap<number, number>, xrefAt: number): number[] {
  return [...new Set([...offsets.values(), xrefAt])].sort((a, b) => a - b);
}

/** A stream's dictionary, and where its contents start and end in the file. */
interface LocatedStream {
  dict: PDFDict;
  contentsStart: number;
  contentsEnd: number;
}

/** How far the "stream" keyword is looked for: usually within the first span, then further. */
export const STREAM_DICTIONARY_SPANS = [2_048, 65_536] as const;

/**
 * A stream object whose length is given directly: its dictionary parsed, and where its contents
 * lie (pdf-lib's parser copies every stream it reads, which for hundreds of megabytes of evidence
 * costs time and as much memory again). Null for an object that is not such a stream; 'unread'
 * when the bytes needed to tell were not read.
 */
export function locateStream(file: HeldBytes, bodyStart: number, end: number, context: PDFContext): LocatedStream | null | 'unread' {
  // The dictionary is usually a few hundred bytes: look there first, then further (decoding 64 KB
  // of every embedded file as text adds up over a large submission's hundreds of files).
  let keyword: StreamKeyword | null = null;
  let head: Uint8Array = EMPTY;
  for (const span of STREAM_DICTIONARY_SPANS) {
    const view = file.view(bodyStart, Math.min(end, bodyStart + span));
    if (!view) return 'unread';
    head = view;
    keyword = findStreamKeyword(head);
    if (keyword || bodyStart + span >= end) break;
  }
  if (!keyword) return null;
  const dict = PDFObjectParser.forBytes(head.subarray(0, keyword.index + 2), context).parseObject();
  if (!(dict instanceof PDFDict)) return null;
  const length = dict.get(PDFName.of('Length'));
  if (!(length instanceof PDFNumber)) return null;
  const contentsStart = bodyStart + keyword.index + keyword.length;
  const contentsEnd = contentsStart + length.asNumber();
  if (contentsEnd > end) return null;
  return { dict, contentsStart, contentsEnd };
}

/** "n g obj" at an object's start, and how far it is looked for. */
const OBJECT_HEADER = /^(\d+)\s+(\d+)\s+obj\b/;
const OBJECT_HEADER_BYTES = 40;

/** The most of an object's start `storedStreamSpan` reads: its header, then as far as a stream's dictionary is looked for. */
export const STORED_STREAM_HEAD_BYTES = OBJECT_HEADER_BYTES + Math.max(...STREAM_DICTIONARY_SPANS);

/**
 * Where the contents of the object at `object` lie, if it is a stream stored as it is (no filter),
 * as the index would find them: for hashing a file's embedded files as it is read, before it is
 * checked (`planSignedPdfRead`). Null for anything else, or where its start has not been read.
 */
export function storedStreamSpan(file: Uint8Array, object: { offset: number; length: number }): { offset: number; length: number } | null {
  const end = Math.min(file.length, object.offset + object.length);
  const header = OBJECT_HEADER.exec(latin1.decode(file.subarray(object.offset, Math.min(end, object.offset + OBJECT_HEADER_BYTES))));
  if (!header) return null;
  try {
    const stream = locateStream(wholeHeldBytes(file), object.offset + header[0].length, end, PDFContext.create());
    if (!stream || stream === 'unread' || stream.dict.has(PDFName.of('Filter')) || stream.dict.has(PDFName.of('DecodeParms'))) return null;
    return { offset: stream.contentsStart, length: stream.contentsEnd - stream.contentsStart };
  } catch {
    return null;
  }
}

/** Where `>>` then "stream" and its end of line are, and how long that run is. */
interface StreamKeyword {
  index: number;
  length: number;
}

const STREAM = [0x73, 0x74, 0x72, 0x65, 0x61, 0x6d]; // stream

/** White space as JavaScript's `\s` reads a Latin-1 byte. */
function isSpace(byte: number | undefined): boolean {
  return byte === 0x20 || (byte !== undefined && byte >= 0x09 && byte <= 0x0d) || byte === 0xa0;
}

/**
 * The first match of `/>>\s*stream(\r\n|\n)/` in the bytes read as Latin-1, found on the bytes
 * themselves: decoding the start of every object as text to search it cost more than parsing it.
 */
export function findStreamKeyword(bytes: Uint8Array): StreamKeyword | null {
  for (let at = bytes.indexOf(0x3e); at !== -1 && at + 1 < bytes.length; at = bytes.indexOf(0x3e, at + 1)) {
    if (bytes[at + 1] !== 0x3e) continue;
    let i = at + 2;
    while (isSpace(bytes[i])) i += 1;
    if (!STREAM.every((byte, k) => bytes[i + k] === byte)) continue;
    i += STREAM.length;
    if (bytes[i] === 0x0d && bytes[i + 1] === 0x0a) return { index: at, length: i + 2 - at };
    if (bytes[i] === 0x0a) return { index: at, length: i + 1 - at };
  }
  return null;
}

/** The stream, its contents a view of the file's bytes where they were read (never a copy), and its location noted. */
function streamOf(file: HeldBytes, located: LocatedStream): PDFRawStream {
  const contents = file.view(located.contentsStart, located.contentsEnd);
  const stream = PDFRawStream.of(located.dict, contents ?? EMPTY);
  streamLocations.set(stream, {
    offset: located.contentsStart,
    length: located.contentsEnd - located.contentsStart,
    held: contents !== null,
  });
  return stream;
}

/**
 * The object, when its window holds "n g obj", one object, "endobj", and nothing else but white
 * space; null when it does not.
 */
function wholeObject(file: HeldBytes, start: number, end: number, number: number, context: PDFContext): PDFObject | null {
  const header = OBJECT_HEADER.exec(latin1.decode(file.view(start, Math.min(end, start + OBJECT_HEADER_BYTES)) ?? EMPTY));
  if (!header || Number(header[1]) !== number) return null;
  let rest: Uint8Array | null;
  let object: PDFObject | undefined;
  try {
    const stream = locateStream(file, start + header[0].length, end, context);
    if (stream === 'unread') return null;
    if (stream) {
      const after = file.view(stream.contentsEnd, end);
      const keyword = after ? /^\s*endstream/.exec(latin1.decode(after.subarray(0, 64))) : null;
      rest = after && keyword ? after.subarray(keyword[0].length) : null;
      object = streamOf(file, stream);
    } else {
      const window = file.view(start, end);
      const parsed = window ? parseOneObject(window, header[0].length, context) : null;
      rest = window && parsed ? window.subarray(parsed.end) : null;
      object = parsed?.object;
    }
  } catch {
    return null;
  }
  return object && rest !== null && /^\s*endobj\s*$/.test(latin1.decode(rest)) ? object : null;
}

/**
 * The single object (not a stream) starting at `from`, and where it ends; null when it cannot be
 * read or is a stream whose length is not written in its dictionary (this app's writer always writes it).
 */
function parseOneObject(window: Uint8Array, from: number, context: PDFContext): { object: PDFObject; end: number } | null {
  const parser = PDFObjectParser.forBytes(window.subarray(from), context);
  let object: PDFObject;
  try {
    object = parser.parseObject();
  } catch {
    return null;
  }
  if (object instanceof PDFRawStream) return null;
  // pdf-lib keeps the parser's position in a protected field: read it without widening the type.
  const bytes = (parser as unknown as { bytes?: { offset?: () => number } }).bytes;
  const at = typeof bytes?.offset === 'function' ? bytes.offset() : null;
  return at === null ? null : { object, end: from + at };
}

/**
 * For a file whose table is a cross-reference stream (which this app never writes): whether that
 * stream points back to an earlier one, i.e. the file was saved incrementally.
 */
export function crossReferenceStreamHasPrev(input: Uint8Array | HeldBytes): boolean {
  const file = asHeld(input);
  const at = classicXrefStart(file);
  if (at === null || at < 0) return false;
  const header = /^\s*(\d+)\s+(\d+)\s+obj\b/.exec(latin1.decode(file.view(at, at + 40) ?? EMPTY));
  if (!header) return false;
  try {
    const stream = locateStream(file, at + header[0].length, file.length, PDFContext.create());
    return stream !== null && stream !== 'unread' && stream.dict.has(PDFName.of('Prev'));
  } catch {
    return false;
  }
}

function binarySearchAfter(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((sorted[mid] ?? 0) <= value) low = mid + 1;
    else high = mid;
  }
  return low;
}
