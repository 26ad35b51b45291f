import { PDFContext } from 'pdf-lib';
import { DEFAULT_SLICE_BYTES, readSourceRange, type ByteSource } from '../formats/byte-source';
import {
  classicXrefStart,
  locateStream,
  objectBoundaries,
  readClassicTable,
  STREAM_DICTIONARY_SPANS,
  type HeldBytes,
} from './pdf-object-index';

/**
 * Reads from a `ByteSource` the parts of a PDF its object index needs, and nothing else: the end of
 * the file, the cross-reference table and trailer, the header, the start of every object, the whole
 * of every object that is not a stream, and the few bytes after each stream's contents. A stream's
 * contents are read only where they sit among those parts (a small stream); an embedded file of
 * any size stays in the source, to be hashed or inflated from it a slice at a time. So what is held
 * follows the number of objects, not the evidence's bytes.
 *
 * Limits, beyond which the parts are not read and the index refuses the file as one it cannot read
 * (this app's writer stays far inside them): the table and trailer, one object that is not a
 * stream, and what follows a stream's contents before the next object.
 */
export const MAX_TABLE_BYTES = 64 * 1024 * 1024;
export const MAX_HELD_OBJECT_BYTES = 16 * 1024 * 1024;
export const MAX_STREAM_TAIL_BYTES = 64 * 1024;
/** The file's header (its version line and comment lines) before the first object. */
export const MAX_FILE_HEADER_BYTES = 64 * 1024;
/** What is read of each object first: "n g obj" and the first span where a stream's dictionary is looked for. */
const OBJECT_HEAD_BYTES = 40 + STREAM_DICTIONARY_SPANS[0];
/** Two parts closer than this are read as one (fewer reads, a little more held). */
const JOIN_GAP_BYTES = 4 * 1024;
/** How far the end of the file is read to find the table. */
const TAIL_BYTES = 1024;

const EMPTY = new Uint8Array(0);

interface Segment {
  offset: number;
  bytes: Uint8Array;
}

/** Parts of a file, each read once; a view must fall inside one part. */
class SparseBytes implements HeldBytes {
  private segments: Segment[] = [];
  constructor(readonly length: number) {}

  view(from: number, to: number): Uint8Array | null {
    const start = Math.max(0, Math.min(this.length, from));
    const end = Math.max(0, Math.min(this.length, to));
    if (end <= start) return EMPTY;
    let low = 0;
    let high = this.segments.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((this.segments[mid]?.offset ?? 0) <= start) low = mid + 1;
      else high = mid;
    }
    const segment = this.segments[low - 1];
    if (!segment || end > segment.offset + segment.bytes.length) return null;
    return segment.bytes.subarray(start - segment.offset, end - segment.offset);
  }

  /** Adds parts read; overlapping or touching parts are joined into one. */
  addAll(added: readonly Segment[]): void {
    const all = [...this.segments, ...added].sort((a, b) => a.offset - b.offset);
    const joined: Segment[] = [];
    for (const segment of all) {
      const last = joined[joined.length - 1];
      const lastEnd = last ? last.offset + last.bytes.length : -1;
      if (!last || segment.offset > lastEnd) {
        joined.push(segment);
        continue;
      }
      const end = Math.max(lastEnd, segment.offset + segment.bytes.length);
      if (end === lastEnd) continue;
      const bytes = new Uint8Array(end - last.offset);
      bytes.set(last.bytes, 0);
      bytes.set(segment.bytes.subarray(lastEnd - segment.offset), lastEnd - last.offset);
      joined[joined.length - 1] = { offset: last.offset, bytes };
    }
    this.segments = joined;
  }
}

/** The parts of the PDF in `source` that its object index reads (see above); reads no more than `sliceBytes` at a time. */
export async function readPdfStructureBytes(source: ByteSource, sliceBytes = DEFAULT_SLICE_BYTES): Promise<HeldBytes> {
  const held = new SparseBytes(source.size);
  const readParts = async (ranges: [number, number][]) => {
    const wanted = joinRanges(ranges.filter(([from, to]) => to > from && held.view(from, to) === null));
    const added: Segment[] = [];
    for (const [from, to] of wanted) added.push({ offset: from, bytes: await readSourceRange(source, from, to, sliceBytes) });
    held.addAll(added);
    return wanted.length;
  };

  await readParts([[Math.max(0, source.size - TAIL_BYTES), source.size]]);
  const xrefAt = classicXrefStart(held);
  if (xrefAt === null || source.size - xrefAt > MAX_TABLE_BYTES) return held;
  await readParts([[xrefAt, source.size]]);
  const table = readClassicTable(held);
  if (!table) return held;

  const bounds = objectBoundaries(table.offsets, table.xrefAt);
  const windows: [number, number][] = [];
  for (let i = 0; i + 1 < bounds.length; i += 1) {
    const start = bounds[i] ?? 0;
    if (start < table.xrefAt) windows.push([start, bounds[i + 1] ?? table.xrefAt]);
  }
  await readParts([
    [0, Math.min(bounds[0] ?? 0, MAX_FILE_HEADER_BYTES)],
    ...windows.map(([start, end]): [number, number] => [start, Math.min(end, start + OBJECT_HEAD_BYTES)]),
  ]);
  // Each pass asks for what the last one showed is needed: an object's whole body, a longer look
  // for a stream's dictionary, or a stream's end.
  const context = PDFContext.create();
  for (let pass = 0; pass < 3; pass += 1) {
    const needed = windows.flatMap(([start, end]) => partNeeded(held, start, end, context));
    if ((await readParts(needed)) === 0) break;
  }
  return held;
}

const latin1 = new TextDecoder('latin1');

function partNeeded(held: HeldBytes, start: number, end: number, context: PDFContext): [number, number][] {
  const head = held.view(start, Math.min(end, start + 40));
  if (!head) return [[start, Math.min(end, start + OBJECT_HEAD_BYTES)]];
  const header = /^\s*(\d+)\s+(\d+)\s+obj\b/.exec(latin1.decode(head));
  if (!header) return [];
  const bodyStart = start + header[0].length;
  let stream: ReturnType<typeof locateStream>;
  try {
    stream = locateStream(held, bodyStart, end, context);
  } catch {
    return [];
  }
  if (stream === 'unread') return [[start, Math.min(end, bodyStart + (STREAM_DICTIONARY_SPANS[1] ?? 0))]];
  if (stream === null) return held.view(start, end) === null && end - start <= MAX_HELD_OBJECT_BYTES ? [[start, end]] : [];
  const tail = end - stream.contentsEnd;
  return held.view(stream.contentsEnd, end) === null && tail <= MAX_STREAM_TAIL_BYTES ? [[stream.contentsEnd, end]] : [];
}

/** Sorted, and those closer than the join gap made one. */
function joinRanges(ranges: readonly [number, number][]): [number, number][] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const joined: [number, number][] = [];
  for (const [from, to] of sorted) {
    const last = joined[joined.length - 1];
    if (last && from <= last[1] + JOIN_GAP_BYTES) last[1] = Math.max(last[1], to);
    else joined.push([from, to]);
  }
  return joined;
}
