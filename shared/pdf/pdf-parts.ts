import type { StreamingHash } from '../formats/sha256-stream';

/**
 * The pieces a sealed PDF is written in, and how the seal hashes them. Apart from the writer (and
 * its PDF library) so the bench can time the seal's hashing alone with this very code.
 */

/** A piece of the output: bytes in memory, or a Blob (in browsers, usually backed by disk). */
export type PdfPart = Uint8Array | Blob;

const READ_CHUNK = 8 * 1024 * 1024;

export function partSize(part: PdfPart): number {
  return part instanceof Uint8Array ? part.length : part.size;
}

/**
 * Hashes the parts in order. A stored file's bytes are read a chunk at a time, and the next chunk
 * is already being read while this one is hashed: reading waits on the browser, hashing on the CPU.
 */
export async function hashParts(hash: StreamingHash, parts: readonly PdfPart[], onBytes: (n: number) => void = () => {}): Promise<void> {
  const chunks = parts.flatMap((part) => {
    const size = partSize(part);
    return Array.from({ length: Math.ceil(size / READ_CHUNK) }, (_, i) => ({ part, at: i * READ_CHUNK }));
  });
  const read = (index: number): Promise<Uint8Array> | null => {
    const chunk = chunks[index];
    if (!chunk) return null;
    const { part, at } = chunk;
    if (part instanceof Uint8Array) return Promise.resolve(part.subarray(at, at + READ_CHUNK));
    return part
      .slice(at, at + READ_CHUNK)
      .arrayBuffer()
      .then((buffer) => new Uint8Array(buffer));
  };
  let next = read(0);
  for (let index = 0; next; index += 1) {
    const pending = next;
    next = read(index + 1);
    // A read that fails while an earlier chunk is hashed is reported when its turn comes.
    next?.catch(() => undefined);
    const bytes = await pending;
    hash.update(bytes);
    onBytes(bytes.length);
  }
}
