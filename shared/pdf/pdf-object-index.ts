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

const latin1 = new TextDecoder('latin1');
/** The end of a file: where its table starts, then the end marker (white space or zeros may follow). */
const END_MARKER = /startxref\s+(\d+)\s+%%EOF[\s\0]*$/;

export function indexClassicXref(bytes: Uint8Array): PdfObjectIndex | null {
  const tail = latin1.decode(bytes.subarray(Math.max(0, bytes.length - 1024)));
  const startxref = END_MARKER.exec(tail);
  if (!startxref) return null;
  const xrefAt = Number(startxref[1]);
  if (!Number.isSafeInteger(xrefAt) || xrefAt >= bytes.length) return null;
  if (latin1.decode(bytes.subarray(xrefAt, xrefAt + 4)) !== 'xref') return null;

  // The table: subsections of "first count" then 20-byte lines "oooooooooo ggggg n\r\n".
  const offsets = new Map<number, number>();
  let at = xrefAt + 4;
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
  const trailerStart = lineStart + 'trailer'.length;
  const context = PDFContext.create();
  let trailer: PDFObject;
  try {
    trailer = PDFObjectParser.forBytes(bytes.subarray(trailerStart, bytes.length), context).parseObject();
  } catch {
    return null;
  }
  if (!(trailer instanceof PDFDict)) return null;

  // An object ends where the next one (or the table) starts.
  const sorted = [...new Set([...offsets.values(), xrefAt])].sort((a, b) => a - b);
  const endOf = (start: number) => sorted[binarySearchAfter(sorted, start)] ?? xrefAt;
  const cache = new Map<number, PDFObject | null>();

  const resolve = (ref: PDFRef): PDFObject | undefined => {
    const cached = cache.get(ref.objectNumber);
    if (cached !== undefined) return cached ?? undefined;
    cache.set(ref.objectNumber, null); // a cycle resolves to nothing
    const start = offsets.get(ref.objectNumber);
    if (start === undefined || start >= xrefAt) return undefined;
    const window = bytes.subarray(start, endOf(start));
    const header = /^\s*(\d+)\s+(\d+)\s+obj\b/.exec(latin1.decode(window.subarray(0, 40)));
    if (!header || Number(header[1]) !== ref.objectNumber) return undefined;
    let object: PDFObject | undefined;
    try {
      object =
        parseStreamInPlace(window, header[0].length, context) ??
        PDFObjectParser.forBytes(window.subarray(header[0].length), context).parseObject();
    } catch {
      object = undefined;
    }
    cache.set(ref.objectNumber, object ?? null);
    return object;
  };

  const coversWholeFile = (): boolean => {
    const starts = [...offsets.entries()].sort(([, a], [, b]) => a - b);
    const first = starts[0]?.[1] ?? xrefAt;
    if (!/^%PDF-\d\.\d[^\r\n]*[\r\n]+(%[^\r\n]*[\r\n]+)*$/.test(latin1.decode(bytes.subarray(0, first)))) return false;
    for (let i = 0; i < starts.length; i += 1) {
      const [number, start] = starts[i] ?? [0, 0];
      const end = starts[i + 1]?.[1] ?? xrefAt;
      if (!isWholeObject(bytes.subarray(start, end), number, context)) return false;
    }
    // After the trailer's dictionary: only where the table starts and the end marker.
    const after = endOfObject(bytes.subarray(trailerStart, bytes.length), 0, context);
    if (after === null) return false;
    const rest = /^\s*startxref\s+(\d+)\s+%%EOF[\s\0]*$/.exec(latin1.decode(bytes.subarray(trailerStart + after)));
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

/**
 * A stream object whose length is given directly: its dictionary is parsed and its contents are
 * a view of the file's bytes, not a copy (pdf-lib's parser copies every stream it reads, which for
 * hundreds of megabytes of evidence costs time and as much memory again).
 */
function parseStreamInPlace(window: Uint8Array, bodyStart: number, context: PDFContext): PDFRawStream | null {
  // The dictionary is usually a few hundred bytes: look there first, then further (decoding 64 KB
  // of every embedded file as text adds up over a large submission's hundreds of files).
  let keyword: RegExpExecArray | null = null;
  for (const span of [2_048, 65_536]) {
    keyword = />>\s*stream(\r\n|\n)/.exec(latin1.decode(window.subarray(bodyStart, Math.min(window.length, bodyStart + span))));
    if (keyword || bodyStart + span >= window.length) break;
  }
  if (!keyword) return null;
  const dictEnd = bodyStart + keyword.index + 2;
  const dict = PDFObjectParser.forBytes(window.subarray(bodyStart, dictEnd), context).parseObject();
  if (!(dict instanceof PDFDict)) return null;
  const length = dict.get(PDFName.of('Length'));
  if (!(length instanceof PDFNumber)) return null;
  const contentsStart = bodyStart + keyword.index + keyword[0].length;
  const contentsEnd = contentsStart + length.asNumber();
  if (contentsEnd > window.length) return null;
  return PDFRawStream.of(dict, window.subarray(contentsStart, contentsEnd));
}

/** The object's window holds "n g obj", one object, "endobj", and nothing else but white space. */
function isWholeObject(window: Uint8Array, number: number, context: PDFContext): boolean {
  const header = /^(\d+)\s+(\d+)\s+obj\b/.exec(latin1.decode(window.subarray(0, 40)));
  if (!header || Number(header[1]) !== number) return false;
  let end: number | null;
  try {
    const stream = parseStreamInPlace(window, header[0].length, context);
    end = stream ? streamEnd(window, stream) : endOfObject(window, header[0].length, context);
  } catch {
    return false;
  }
  if (end === null) return false;
  return /^\s*endobj\s*$/.test(latin1.decode(window.subarray(end)));
}

/** Where a stream parsed in place ends, after its "endstream" keyword, or null. */
function streamEnd(window: Uint8Array, stream: PDFRawStream): number | null {
  const contentsEnd = stream.contents.byteOffset - window.byteOffset + stream.contents.length;
  const keyword = /^\s*endstream/.exec(latin1.decode(window.subarray(contentsEnd, contentsEnd + 64)));
  return keyword ? contentsEnd + keyword[0].length : null;
}

/**
 * Where the single object (not a stream) starting at `from` ends, or null when it cannot be read
 * or is a stream whose length is not written in its dictionary (this app's writer always writes it).
 */
function endOfObject(window: Uint8Array, from: number, context: PDFContext): number | null {
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
  return at === null ? null : from + at;
}

/**
 * For a file whose table is a cross-reference stream (which this app never writes): whether that
 * stream points back to an earlier one, i.e. the file was saved incrementally.
 */
export function crossReferenceStreamHasPrev(bytes: Uint8Array): boolean {
  const startxref = END_MARKER.exec(latin1.decode(bytes.subarray(Math.max(0, bytes.length - 1024))));
  const at = startxref ? Number(startxref[1]) : -1;
  if (!Number.isSafeInteger(at) || at < 0 || at >= bytes.length) return false;
  const window = bytes.subarray(at);
  const header = /^\s*(\d+)\s+(\d+)\s+obj\b/.exec(latin1.decode(window.subarray(0, 40)));
  if (!header) return false;
  try {
    const stream = parseStreamInPlace(window, header[0].length, PDFContext.create());
    return stream?.dict.has(PDFName.of('Prev')) ?? false;
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
