/**
 * A strict DER reader: it accepts only the one encoding DER allows for each value, and says where
 * and why anything else is refused. Other tools (openssl, NSS in pdfsig and Firefox, Adobe Reader)
 * refuse certificates that are BER but not DER, so a certificate that passes here is one they can
 * read. Checked: definite lengths in the fewest bytes; tag numbers in the fewest bytes; INTEGER and
 * ENUMERATED minimally encoded; BOOLEAN 00 or FF; NULL empty; BIT STRING with at most 7 unused bits
 * (none when empty, and those bits zero); OBJECT IDENTIFIER sub-identifiers minimal; universal
 * types primitive or constructed as DER requires; and the tree uses exactly the bytes given.
 */

export interface DerNode {
  /** The identifier's class: 0 universal, 1 application, 2 context-specific, 3 private. */
  tagClass: 0 | 1 | 2 | 3;
  constructed: boolean;
  tagNumber: number;
  /** Offset of the identifier octet. */
  start: number;
  /** Offset of the first content octet. */
  contentStart: number;
  /** Offset just past the last content octet. */
  end: number;
  /** Child nodes, for a constructed value. */
  children: DerNode[];
}

export type StrictDerResult =
  | { ok: true; root: DerNode }
  | {
      ok: false;
      /** Plain words: what is wrong with the encoding. */
      problem: string;
      /** Offset of the value at fault. */
      offset: number;
      /**
       * Where the fault is: for each enclosing value from the outermost, its child index
       * (the outermost is 0) and its identifier octet.
       */
      path: readonly { index: number; identifier: number }[];
    };

/** Values nest no deeper than this; certificates and CMS signatures need far fewer levels. */
export const MAX_DER_DEPTH = 64;

const UNIVERSAL = {
  boolean: 1,
  integer: 2,
  bitString: 3,
  octetString: 4,
  null: 5,
  objectIdentifier: 6,
  enumerated: 10,
  relativeOid: 13,
  sequence: 16,
  set: 17,
} as const;

/** Universal tags that DER encodes as constructed; every other universal tag is primitive in DER. */
const CONSTRUCTED_UNIVERSAL: ReadonlySet<number> = new Set([UNIVERSAL.sequence, UNIVERSAL.set, 8 /* EXTERNAL */, 11 /* EMBEDDED PDV */]);

class DerFault {
  constructor(
    readonly problem: string,
    readonly offset: number,
  ) {}
}

/** Reads `bytes` as exactly one strict DER value. Never throws. */
export function readStrictDer(bytes: Uint8Array): StrictDerResult {
  const path: { index: number; identifier: number }[] = [];
  try {
    const root = readValue(bytes, 0, bytes.length, 0, 0, path);
    if (root.end !== bytes.length) {
      return { ok: false, problem: 'there are bytes after the end of the value', offset: root.end, path: [] };
    }
    return { ok: true, root };
  } catch (error) {
    if (error instanceof DerFault) return { ok: false, problem: error.problem, offset: error.offset, path };
    throw error;
  }
}

/** Whether `bytes` is exactly one strict DER value. */
export function isStrictDer(bytes: Uint8Array): boolean {
  return readStrictDer(bytes).ok;
}

function readValue(
  bytes: Uint8Array,
  start: number,
  limit: number,
  depth: number,
  index: number,
  path: { index: number; identifier: number }[],
): DerNode {
  if (depth >= MAX_DER_DEPTH) throw new DerFault('values are nested too deeply', start);
  if (start >= limit) throw new DerFault('a value is cut short', start);
  const identifier = bytes[start] ?? 0;
  path.push({ index, identifier });
  const tagClass = (identifier >> 6) as 0 | 1 | 2 | 3;
  const constructed = (identifier & 0x20) !== 0;
  let offset = start + 1;
  let tagNumber = identifier & 0x1f;
  if (tagNumber === 0x1f) {
    // High tag number form: base-128, no leading 0x80 octet, and only for numbers above 30.
    if (offset < limit && bytes[offset] === 0x80) throw new DerFault('a tag number has a leading zero', start);
    tagNumber = 0;
    for (;;) {
      if (offset >= limit) throw new DerFault('a tag number is cut short', start);
      const octet = bytes[offset] ?? 0;
      offset += 1;
      tagNumber = tagNumber * 128 + (octet & 0x7f);
      if (tagNumber > 0xffffff) throw new DerFault('a tag number is too large', start);
      if ((octet & 0x80) === 0) break;
    }
    if (tagNumber < 0x1f) throw new DerFault('a small tag number is written in the long form', start);
  }

  if (offset >= limit) throw new DerFault('a length is missing', start);
  const first = bytes[offset] ?? 0;
  offset += 1;
  let length: number;
  if (first < 0x80) {
    length = first;
  } else if (first === 0x80) {
    throw new DerFault('a value has an indefinite length', start);
  } else {
    const count = first & 0x7f;
    if (count > 4) throw new DerFault('a length is too large', start);
    if (offset + count > limit) throw new DerFault('a length is cut short', start);
    if ((bytes[offset] ?? 0) === 0) throw new DerFault('a length has a leading zero', start);
    length = 0;
    for (let i = 0; i < count; i += 1) length = length * 256 + (bytes[offset + i] ?? 0);
    offset += count;
    if (length < 0x80) throw new DerFault('a short length is written in the long form', start);
  }
  const contentStart = offset;
  const end = contentStart + length;
  if (end > limit) throw new DerFault('a value is longer than the space it is in', start);

  const node: DerNode = { tagClass, constructed, tagNumber, start, contentStart, end, children: [] };
  if (tagClass === 0) checkUniversal(bytes, node);
  if (constructed) {
    let at = contentStart;
    while (at < end) {
      const child = readValue(bytes, at, end, depth + 1, node.children.length, path);
      node.children.push(child);
      at = child.end;
    }
  }
  path.pop();
  return node;
}

function checkUniversal(bytes: Uint8Array, node: DerNode): void {
  const { tagNumber, constructed, start, contentStart, end } = node;
  const length = end - contentStart;
  const shouldBeConstructed = CONSTRUCTED_UNIVERSAL.has(tagNumber);
  if (tagNumber === 0) throw new DerFault('a value uses the reserved tag 0', start);
  if (constructed !== shouldBeConstructed) {
    throw new DerFault(shouldBeConstructed ? 'a sequence or set is marked primitive' : 'a simple value is marked constructed', start);
  }
  const at = (i: number) => bytes[contentStart + i] ?? 0;
  switch (tagNumber) {
    case UNIVERSAL.boolean:
      if (length !== 1 || (at(0) !== 0x00 && at(0) !== 0xff)) throw new DerFault('a BOOLEAN is not 00 or FF', start);
      return;
    case UNIVERSAL.integer:
    case UNIVERSAL.enumerated:
      if (length === 0) throw new DerFault('an INTEGER is empty', start);
      if (length > 1 && ((at(0) === 0x00 && at(1) < 0x80) || (at(0) === 0xff && at(1) >= 0x80))) {
        throw new DerFault('an INTEGER has illegal padding (it is not in its shortest form)', start);
      }
      return;
    case UNIVERSAL.null:
      if (length !== 0) throw new DerFault('a NULL has content', start);
      return;
    case UNIVERSAL.bitString: {
      if (length === 0) throw new DerFault('a BIT STRING is empty', start);
      const unused = at(0);
      if (unused > 7 || (length === 1 && unused !== 0)) throw new DerFault('a BIT STRING has a wrong count of unused bits', start);
      if (unused > 0 && (at(length - 1) & ((1 << unused) - 1)) !== 0) throw new DerFault('a BIT STRING has unused bits set', start);
      return;
    }
    case UNIVERSAL.objectIdentifier:
    case UNIVERSAL.relativeOid: {
      if (length === 0) throw new DerFault('an OBJECT IDENTIFIER is empty', start);
      let beginning = true;
      for (let i = 0; i < length; i += 1) {
        if (beginning && at(i) === 0x80) throw new DerFault('an OBJECT IDENTIFIER has a padded part', start);
        beginning = (at(i) & 0x80) === 0;
      }
      if (!beginning) throw new DerFault('an OBJECT IDENTIFIER is cut short', start);
      return;
    }
    default:
      return;
  }
}

/** The child of `node` at each index in turn, or null where there is none. */
export function derChildAt(node: DerNode, ...indices: number[]): DerNode | null {
  let current: DerNode | undefined = node;
  for (const index of indices) {
    current = current?.children[index];
    if (!current) return null;
  }
  return current ?? null;
}
