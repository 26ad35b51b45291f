/** Joins byte arrays into one new array. */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** Whether the bytes are a view of an ordinary ArrayBuffer (not shared memory, which WebCrypto and others refuse). */
export function inOwnMemory(bytes: Uint8Array): bytes is Uint8Array<ArrayBuffer> {
  return bytes.buffer instanceof ArrayBuffer;
}

/** The bytes as a view of an ArrayBuffer: themselves when they already are, a copy when in shared memory. */
export function asArrayBufferView(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return inOwnMemory(bytes) ? bytes : new Uint8Array(bytes);
}
