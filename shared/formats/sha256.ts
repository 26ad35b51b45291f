/** SHA-256 through WebCrypto, which Node, browsers, workers and Electron all provide. */
const encoder = new TextEncoder();

export function utf8(text: string): Uint8Array<ArrayBuffer> {
  return encoder.encode(text);
}

export async function sha256(data: Uint8Array<ArrayBuffer> | ArrayBuffer | string): Promise<Uint8Array<ArrayBuffer>> {
  const bytes = typeof data === 'string' ? utf8(data) : data;
  return new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', bytes));
}

export async function sha256Hex(data: Uint8Array<ArrayBuffer> | ArrayBuffer | string): Promise<string> {
  return toHex(await sha256(data));
}

export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += byte.toString(16).padStart(2, '0');
  return out;
}

/** A SHA-256 shown to people: groups of four, e.g. "3f2a 91c0 ...". */
export function shortHash(hex: string, groups = 4): string {
  return (hex.slice(0, groups * 4).match(/.{4}/g) ?? []).join(' ');
}
