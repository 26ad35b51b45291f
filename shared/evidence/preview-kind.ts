/**
 * What kind of preview a file gets, decided from its first bytes only: never from the type it
 * declares or its name, which anyone can set (an HTML page named "policy.pdf" and typed
 * application/pdf is still HTML). Only kinds the app can show without running anything of the
 * file's get a preview; HTML, SVG and XML are shown as plain text at most, never rendered.
 */

export type EvidencePreviewKind = 'image' | 'pdf' | 'text' | 'none';

/** What the bytes are, with the media type the preview uses for them (never the declared one). */
export type SniffedFile =
  | { kind: 'pdf'; mediaType: 'application/pdf' }
  | { kind: 'image'; mediaType: 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp' }
  | { kind: 'text'; mediaType: 'text/plain' }
  | { kind: 'none' };

/** How many bytes of a file `sniffFile` needs to tell a text file from one that is not. */
export const SNIFF_BYTES = 200 * 1024;

const startsWith = (bytes: Uint8Array, signature: readonly number[], at = 0): boolean =>
  bytes.length >= at + signature.length && signature.every((byte, i) => bytes[at + i] === byte);

const ascii = (text: string): number[] => Array.from(text, (c) => c.charCodeAt(0));

const PDF = ascii('%PDF-');
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const GIF87 = ascii('GIF87a');
const GIF89 = ascii('GIF89a');
const RIFF = ascii('RIFF');
const WEBP = ascii('WEBP');

/** Tab, line feed, vertical tab, form feed, carriage return, escape. */
const PLAIN_CONTROLS = new Set([0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x1b]);

/**
 * The length of the longest start of `bytes` that is plain text: well-formed UTF-8 with no NUL and
 * no other control character than tab, line and page breaks and escape; or -1 when the bytes are
 * not such text (binary formats have such bytes early on). A sequence cut off by the end of `bytes` is allowed only when
 * `truncated` says the file goes on (the sample ended inside a character).
 */
export function plainTextLength(bytes: Uint8Array, truncated: boolean): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i] ?? 0;
    if (lead < 0x20 && !PLAIN_CONTROLS.has(lead)) return -1;
    if (lead < 0x80) {
      i += 1;
      continue;
    }
    let need: number;
    let min: number;
    if (lead >= 0xc2 && lead <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (lead >= 0xe0 && lead <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else {
      return -1;
    }
    let code = lead & (0x3f >> need);
    for (let k = 1; k <= need; k += 1) {
      if (i + k >= bytes.length) return truncated ? i : -1;
      const next = bytes[i + k] ?? 0;
      if ((next & 0xc0) !== 0x80) return -1;
      code = (code << 6) | (next & 0x3f);
    }
    if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return -1;
    i += need + 1;
  }
  return i;
}

/**
 * What a file is, from its first bytes (`head`: up to SNIFF_BYTES of them) and its full size:
 * PDF, PNG, JPEG, GIF or WebP by their signatures, text when the bytes are UTF-8 with no NUL (see plainTextLength),
 * anything else nothing the app previews.
 */
export function sniffFile(head: Uint8Array, size: number): SniffedFile {
  if (startsWith(head, PDF)) return { kind: 'pdf', mediaType: 'application/pdf' };
  if (startsWith(head, PNG)) return { kind: 'image', mediaType: 'image/png' };
  if (startsWith(head, JPEG)) return { kind: 'image', mediaType: 'image/jpeg' };
  if (startsWith(head, GIF87) || startsWith(head, GIF89)) return { kind: 'image', mediaType: 'image/gif' };
  if (startsWith(head, RIFF) && startsWith(head, WEBP, 8)) return { kind: 'image', mediaType: 'image/webp' };
  if (head.length === 0) return { kind: 'none' };
  if (plainTextLength(head, size > head.length) > 0) return { kind: 'text', mediaType: 'text/plain' };
  return { kind: 'none' };
}
