import { bytesToBase64 } from '../formats/base64';

/**
 * PEM (RFC 7468): DER bytes as base64 text between "-----BEGIN <label>-----" and
 * "-----END <label>-----" lines. The files a partnership and its workspaces exchange are PEM, so
 * they survive email and copying, openssl reads them as they are, and the label says what each
 * block is before anything is parsed.
 */
export type PemLabel = 'CERTIFICATE' | 'CERTIFICATE REQUEST' | 'X509 CRL';

export interface PemBlock {
  label: string;
  der: Uint8Array<ArrayBuffer>;
}

/** The most PEM blocks read from one file; the app's files hold one or two. */
export const MAX_PEM_BLOCKS = 8;

export function pemBlock(label: PemLabel, der: Uint8Array): string {
  const lines = bytesToBase64(der).match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

const BASE64_VALUE = new Map([...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'].map((c, i) => [c, i]));

/** Decodes padded base64 (whitespace already removed); null if it is not base64. */
export function base64ToBytes(text: string): Uint8Array<ArrayBuffer> | null {
  if (text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return null;
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - padding);
  let at = 0;
  for (let i = 0; i < text.length; i += 4) {
    let group = 0;
    for (let j = 0; j < 4; j += 1) group = group * 64 + (BASE64_VALUE.get(text[i + j] ?? '=') ?? 0);
    for (const shift of [16, 8, 0]) {
      if (at < out.length) out[at] = (group >> shift) & 0xff;
      at += 1;
    }
  }
  return out;
}

export type PemRead = { ok: true; blocks: PemBlock[] } | { ok: false; problem: string };

/**
 * Reads every PEM block in a text, in order. Text outside the blocks (openssl writes
 * "subject=" lines, mail programs add signatures) is ignored; a block that is cut short or not
 * base64 is not.
 */
export function readPemBlocks(text: string): PemRead {
  const blocks: PemBlock[] = [];
  const pattern = /-----BEGIN ([A-Z0-9 ]{1,40})-----([^-]*)-----END ([A-Z0-9 ]{1,40})-----/g;
  const begins = text.match(/-----BEGIN /g)?.length ?? 0;
  for (const match of text.matchAll(pattern)) {
    const [, label = '', body = '', endLabel = ''] = match;
    if (label !== endLabel) return { ok: false, problem: `a block begins as “${label}” but ends as “${endLabel}”` };
    const der = base64ToBytes(body.replace(/[\s]+/g, ''));
    if (!der || der.length === 0) return { ok: false, problem: `the “${label}” block is not readable (it is not base64)` };
    blocks.push({ label, der });
    if (blocks.length > MAX_PEM_BLOCKS) return { ok: false, problem: `it holds more than ${MAX_PEM_BLOCKS} blocks` };
  }
  if (begins !== blocks.length) return { ok: false, problem: 'a block in it is cut short' };
  return { ok: true, blocks };
}

/**
 * The DER bytes in a file that is either PEM (one block with the label) or DER itself.
 * The problem, when there is one, is a clause for "The file cannot be used: …".
 */
export function readPemOrDer(
  file: Uint8Array,
  label: PemLabel,
): { ok: true; der: Uint8Array<ArrayBuffer> } | { ok: false; problem: string } {
  if (file.length > 0 && file[0] === 0x30) return { ok: true, der: file.slice() };
  const text = new TextDecoder('utf-8', { fatal: false }).decode(file);
  const read = readPemBlocks(text);
  if (!read.ok) return read;
  const wanted = read.blocks.filter((block) => block.label === label);
  if (wanted.length === 0) {
    const found = read.blocks.map((block) => `“${block.label.toLowerCase()}”`).join(', ');
    return { ok: false, problem: found ? `it holds a ${found} instead of a ${label.toLowerCase()}` : 'it is not a PEM or DER file' };
  }
  if (wanted.length > 1) return { ok: false, problem: `it holds ${wanted.length} of them instead of one` };
  return { ok: true, der: wanted[0]!.der };
}
