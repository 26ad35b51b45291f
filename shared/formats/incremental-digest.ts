import { Sha256Stream } from './sha256-stream';

/**
 * How the verifiers hash, injected so each place runs the fastest SHA-256 it has: Node and
 * Electron's main process a native incremental hash (node:crypto), a page or worker WebCrypto,
 * which hashes only whole buffers. Pure interface; the implementations that need a platform live
 * beside that platform (electron/node-sha256-digests.ts).
 */

/** A SHA-256 fed in pieces whose state can be copied, so a shared prefix is hashed once for two digests. */
export interface IncrementalSha256 {
  update(data: Uint8Array): void;
  /** An independent hash that has seen the same input so far. */
  copy(): IncrementalSha256;
  /** The digest of everything given; the hash is finished after it. */
  digest(): Uint8Array;
}

/** A run of bytes within a buffer: where it starts and how long it is. */
export interface ByteSpan {
  offset: number;
  length: number;
}

/** The signature's two byte ranges, as a PDF's `/ByteRange [0 firstLength secondStart secondLength]` gives them. */
export interface SignedRanges {
  firstLength: number;
  secondStart: number;
  secondLength: number;
}

/** What a reader hashed of a file as its slices arrived, before anything was checked. */
export interface HashedWhileRead {
  /** The whole file's SHA-256. */
  file: Uint8Array;
  /**
   * The SHA-256 of the ranges the file's end declared when it was read (untrusted: the verifier
   * uses it only where they are the ranges it finds itself), or null where it declared none.
   */
  signed: (SignedRanges & { sha256: Uint8Array }) | null;
}

export interface DigestPort {
  /** A fresh incremental SHA-256, or null where only whole buffers can be hashed (then WebCrypto is used). */
  createSha256(): IncrementalSha256 | null;
  /**
   * Starts the SHA-256 of each span of `bytes` on another thread, so it runs while this one does
   * other work; the digests come in the order of the spans (null for a span that thread could not
   * hash), or null if that thread failed. Null
   * at once where the port has no other thread, or the bytes are not in memory one could read (a
   * SharedArrayBuffer): the caller then hashes them itself.
   */
  sha256OfSpansElsewhere?(bytes: Uint8Array, spans: readonly ByteSpan[]): Promise<readonly (Uint8Array | null)[] | null> | null;
  /**
   * What was hashed of these very bytes (the same view) while they were read into memory, or null:
   * a reader that hashes a file as it arrives (the desktop's) saves the verifier a pass over it.
   */
  hashedWhileRead?(bytes: Uint8Array): HashedWhileRead | null;
}

/** WebCrypto on whole buffers (a page, a worker): the verifiers' default. */
export const wholeBufferDigests: DigestPort = { createSha256: () => null };

/** The JavaScript SHA-256: incremental everywhere, slower than native, for reading a file in slices where nothing native is. */
export const javascriptDigests: DigestPort = { createSha256: () => new Sha256Stream() };

/** The SHA-256 of `data` with the port's incremental hash, or null when the port has none. */
export function incrementalSha256(port: DigestPort, data: Uint8Array): Uint8Array | null {
  const hash = port.createSha256();
  if (!hash) return null;
  hash.update(data);
  return hash.digest();
}
