/** Base64 (RFC 4648, with padding) without Node's Buffer, so it runs in Node, pages and workers alike. */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export function bytesToBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  // Whole groups of three bytes, in slices so no single string grows one character at a time.
  const whole = bytes.length - (bytes.length % 3);
  const slice = 3 * 4096;
  for (let start = 0; start < whole; start += slice) {
    parts.push(encodeGroups(bytes, start, Math.min(start + slice, whole)));
  }
  parts.push(encodeTail(bytes, whole));
  return parts.join('');
}

/** A data: URL, e.g. for pdfmake's images dictionary. */
export function dataUrl(mediaType: string, bytes: Uint8Array): string {
  return `data:${mediaType};base64,${bytesToBase64(bytes)}`;
}

function encodeGroups(bytes: Uint8Array, start: number, end: number): string {
  const chars: string[] = [];
  for (let i = start; i < end; i += 3) {
    const triple = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    chars.push(ALPHABET[(triple >> 18) & 63]!, ALPHABET[(triple >> 12) & 63]!, ALPHABET[(triple >> 6) & 63]!, ALPHABET[triple & 63]!);
  }
  return chars.join('');
}

function encodeTail(bytes: Uint8Array, start: number): string {
  const left = bytes.length - start;
  if (left === 0) return '';
  const first = bytes[start]!;
  const second = left === 2 ? bytes[start + 1]! : 0;
  const pair = (first << 8) | second;
  const third = left === 2 ? ALPHABET[(pair << 2) & 63]! : '=';
  return `${ALPHABET[(pair >> 10) & 63]!}${ALPHABET[(pair >> 4) & 63]!}${third}=`;
}
