import type { ByteSource } from '../../shared/formats/byte-source';

/**
 * A file the page can read only a range at a time (the desktop's shared folder, read through the
 * main process), served to the verify worker over a MessagePort: the worker asks for a range, the
 * page reads it and answers with the bytes (moved, not copied) or with a failure. So the worker
 * verifies the file a slice at a time, and neither side holds it whole.
 */

/** The worker's ask: `length` bytes from `offset`; `id` pairs the answer with it. */
export interface RangeAsk {
  id: number;
  offset: number;
  length: number;
}

/** The page's answer: the bytes (fewer only at the end of the file), or that they could not be read. */
export type RangeAnswer = { id: number; bytes: Uint8Array<ArrayBuffer> } | { id: number; failed: true };

/** The parts of a MessagePort both sides use (a fake one in tests). */
export interface RangePort {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  onmessage: ((event: MessageEvent) => void) | null;
  close(): void;
}

/** Raised in the worker when the page could not read a range: the scan says the file could not be read. */
export class RangeReadError extends Error {
  constructor() {
    super('The file could not be read from the folder.');
    this.name = 'RangeReadError';
  }
}

function isRangeAsk(value: unknown): value is RangeAsk {
  if (typeof value !== 'object' || value === null) return false;
  const ask = value as Record<string, unknown>;
  return [ask.id, ask.offset, ask.length].every((n) => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0);
}

/**
 * The page's side: answers each ask on `port` with `read`'s bytes. An ask that is not a range, or
 * longer than `maxLength`, or a read that fails, is answered as failed; nothing is thrown.
 */
export function serveRanges(port: RangePort, read: (offset: number, length: number) => Promise<Uint8Array>, maxLength: number): void {
  port.onmessage = (event: MessageEvent) => {
    const ask: unknown = event.data;
    if (!isRangeAsk(ask)) {
      const id = typeof ask === 'object' && ask !== null ? (ask as { id?: unknown }).id : undefined;
      if (typeof id === 'number') port.postMessage({ id, failed: true } satisfies RangeAnswer);
      return;
    }
    if (ask.length > maxLength) {
      port.postMessage({ id: ask.id, failed: true } satisfies RangeAnswer);
      return;
    }
    void read(ask.offset, ask.length).then(
      (bytes) => {
        // The worker gets the buffer itself when the bytes fill it, a copy of them otherwise.
        const own =
          bytes.buffer instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
            ? (bytes as Uint8Array<ArrayBuffer>)
            : bytes.slice();
        port.postMessage({ id: ask.id, bytes: own } satisfies RangeAnswer, [own.buffer]);
      },
      () => port.postMessage({ id: ask.id, failed: true } satisfies RangeAnswer),
    );
  };
}

/**
 * The worker's side: a source of `size` bytes read over `port`. A range the page could not read
 * rejects with `RangeReadError`; so does every read after the port is closed.
 */
export function portByteSource(port: RangePort, size: number): ByteSource & { close(): void } {
  const waiting = new Map<number, { want: number; resolve: (bytes: Uint8Array) => void; reject: (error: Error) => void }>();
  let next = 0;
  let closed = false;
  port.onmessage = (event: MessageEvent) => {
    const answer = event.data as Partial<{ id: unknown; bytes: unknown; failed: unknown }> | null;
    const id = typeof answer?.id === 'number' ? answer.id : -1;
    const ask = waiting.get(id);
    if (!ask) return;
    waiting.delete(id);
    // Bytes (a view made in another realm is taken by its memory), and no more than were asked for.
    const bytes = ArrayBuffer.isView(answer?.bytes)
      ? new Uint8Array(answer.bytes.buffer, answer.bytes.byteOffset, answer.bytes.byteLength)
      : null;
    if (bytes && bytes.length <= ask.want) ask.resolve(bytes);
    else ask.reject(new RangeReadError());
  };
  return {
    size,
    read(offset, length) {
      const from = Math.max(0, Math.min(size, offset));
      const want = Math.max(0, Math.min(length, size - from));
      if (closed) return Promise.reject(new RangeReadError());
      if (want === 0) return Promise.resolve(new Uint8Array(0));
      return new Promise<Uint8Array>((resolve, reject) => {
        const id = next;
        next += 1;
        waiting.set(id, { want, resolve, reject });
        port.postMessage({ id, offset: from, length: want } satisfies RangeAsk);
      });
    },
    close() {
      closed = true;
      port.onmessage = null;
      port.close();
      for (const ask of waiting.values()) ask.reject(new RangeReadError());
      waiting.clear();
    },
  };
}
