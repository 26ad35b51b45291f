import { PDFContext, PDFDict, PDFName, PDFNumber, PDFObject, PDFObjectParser, PDFRawStream, PDFRef } from 'pdf-lib';

/**
 * Reads single objects of a PDF through its cross-reference table, without parsing the rest of
 * the file: checking a signed submission of hundreds of megabytes then touches only the few
 * dozen objects it needs (catalogue, signature, file specifications) and the embedded files.
 * Handles the classic table our writer produces; returns null for anything else (for example a
 * cross-reference stream), and the caller falls back to a full parse.
 */
export interface PdfObjectIndex {
  trailer: PDFDict;
  /** The trailer points back to an earlier table: the file was saved incrementally. */
  incremental: boolean;
  /** The object a reference points to, or undefined when there is none. Follows references. */
  lookup(value: PDFObject | undefined): PDFObject | undefined;
}

const latin1 = new TextDecoder('latin1');

export function indexClassicXref(bytes: Uint8Array): PdfObjectIndex | null {
  const tail = latin1.decode(bytes.subarray(Math.max(0, bytes.length - 1024)));
  const startxref = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail);
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

  return {
    trailer,
    incremental: trailer.has(PDFName.of('Prev')),
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
 * hundreds of megabytes of evidence costs a quarter of a second and as much memory again).
 */
function parseStreamInPlace(window: Uint8Array, bodyStart: number, context: PDFContext): PDFRawStream | null {
  // The dictionary is usually a few hundred bytes: look there first, then further (decoding 64 KB
  // of every embedded file as text cost a tenth of a second for a large submission).
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
