import { sha256Hex } from '../../shared/formats/sha256';

/**
 * The SHA-256 of picked evidence files. In the app, files are read and hashed in four web workers
 * at once: Chromium hands a page a file's bytes more slowly than WebCrypto hashes them, and reading
 * waits on the browser process more than on the CPU, so four readers get through a large selection
 * faster than two or six (`npm run bench` measures it; test/bench/PERFORMANCE.md has the history).
 * Where there are no workers (the component tests' jsdom), the page hashes them itself, one
 * file at a time.
 */
export interface FileHasher {
  hash(file: File): Promise<string>;
  close(): void;
}

export type HashRequest = { id: number; file: File };
export type HashReply = { id: number; ok: true; sha256: string } | { id: number; ok: false; name: string; message: string };

/** How many files are read and hashed at once. */
export const HASHING_WORKERS = 4;

export function mainThreadFileHasher(): FileHasher {
  // One file at a time, however many are asked for at once, so only one is in memory.
  let previous: Promise<unknown> = Promise.resolve();
  return {
    hash: (file) => {
      // Wrapped in this realm's Uint8Array: jsdom's File hands back an ArrayBuffer from another realm.
      const hashed = previous.then(async () => sha256Hex(new Uint8Array(await file.arrayBuffer())));
      previous = hashed.catch(() => undefined);
      return hashed;
    },
    close: () => undefined,
  };
}

/** Up to `count` workers, each hashing one file at a time; started when first needed. */
export function workerFileHasher(count = HASHING_WORKERS): FileHasher {
  interface Job {
    file: File;
    resolve: (sha256: string) => void;
    reject: (error: Error) => void;
  }
  interface Slot {
    worker: Worker | null;
    job: Job | null;
  }
  const slots: Slot[] = Array.from({ length: count }, () => ({ worker: null, job: null }));
  const waiting: Job[] = [];
  let nextId = 0;

  const dispatch = () => {
    for (const slot of slots) {
      const job = slot.job ? undefined : waiting.shift();
      if (!job) continue;
      slot.job = job;
      const worker = (slot.worker ??= new Worker(new URL('./evidence-hash-worker.ts', import.meta.url), {
        type: 'module',
        name: 'evidence-hash',
      }));
      const id = (nextId += 1);
      const done = () => {
        slot.job = null;
        worker.onmessage = null;
        worker.onerror = null;
        dispatch();
      };
      worker.onmessage = (event: MessageEvent<HashReply>) => {
        const reply = event.data;
        if (reply.id !== id) return;
        done();
        if (reply.ok) job.resolve(reply.sha256);
        else job.reject(new DOMException(reply.message, reply.name));
      };
      worker.onerror = (event) => {
        event.preventDefault();
        worker.terminate();
        slot.worker = null;
        done();
        job.reject(new Error(event.message || 'The file could not be read.'));
      };
      worker.postMessage({ id, file: job.file } satisfies HashRequest);
    }
  };

  return {
    hash: (file) =>
      new Promise<string>((resolve, reject) => {
        waiting.push({ file, resolve, reject });
        dispatch();
      }),
    close: () => {
      const stopped = [...waiting.splice(0)];
      for (const slot of slots) {
        slot.worker?.terminate();
        slot.worker = null;
        if (slot.job) stopped.push(slot.job);
        slot.job = null;
      }
      for (const job of stopped) job.reject(new Error('Hashing was stopped.'));
    },
  };
}

/** Workers where the platform has them, else the page itself. */
export function defaultFileHasher(): FileHasher {
  return typeof Worker === 'function' ? workerFileHasher() : mainThreadFileHasher();
}
