import { sha256Hex } from '../formats/sha256';

/**
 * Evidence digests started in the manifest's order and checked in that order, a few files behind:
 * where digests run off the calling thread (Node's WebCrypto), the next files are read and their
 * digests queued meanwhile. At most `windowBytes` of files wait for their check at once (each
 * waiting digest may hold a copy of its file), besides the newest. The first file in order whose
 * digest differs is the one reported, whichever digest finishes first.
 */
export type HexDigest = (bytes: Uint8Array) => Promise<string>;

/** WebCrypto's SHA-256, in hex. */
export const webCryptoSha256Hex: HexDigest = (bytes) =>
  sha256Hex(bytes.buffer instanceof ArrayBuffer ? (bytes as Uint8Array<ArrayBuffer>) : new Uint8Array(bytes));

export class EvidenceDigestQueue<Problem> {
  private readonly pending: { digest: Promise<string>; expected: string; size: number; problem: () => Problem }[] = [];
  private waitingBytes = 0;

  constructor(
    private readonly windowBytes: number,
    private readonly digest: HexDigest = webCryptoSha256Hex,
  ) {}

  /** Bytes of files whose digest is started and not yet checked. */
  get waiting(): number {
    return this.waitingBytes;
  }

  /**
   * Starts the file's digest, to be compared with `expected`; `problem` makes the refusal if it
   * differs. Returns a refusal if checking older files, to keep within the window, found one.
   */
  async add(file: Uint8Array, expected: string, problem: () => Problem): Promise<Problem | null> {
    const digest = this.digest(file);
    digest.catch(() => undefined);
    this.pending.push({ digest, expected, size: file.length, problem });
    this.waitingBytes += file.length;
    while (this.waitingBytes > this.windowBytes && this.pending.length > 1) {
      const found = await this.checkOldest();
      if (found !== null) return found;
    }
    return null;
  }

  /** Checks every file still waiting, in order: the refusal for the first that differs, or null. */
  async firstMismatch(): Promise<Problem | null> {
    while (this.pending.length > 0) {
      const found = await this.checkOldest();
      if (found !== null) return found;
    }
    return null;
  }

  private async checkOldest(): Promise<Problem | null> {
    const oldest = this.pending.shift();
    if (!oldest) return null;
    this.waitingBytes -= oldest.size;
    if ((await oldest.digest) === oldest.expected) return null;
    this.pending.length = 0;
    this.waitingBytes = 0;
    return oldest.problem();
  }
}
