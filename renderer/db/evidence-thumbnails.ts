import { useLiveQuery } from 'dexie-react-hooks';
import type { EvidenceThumbnail, ThumbnailResult } from '../../shared/evidence/evidence-thumbnail';
import { nowIso, type AppDatabase } from './app-database';
import { perDatabase } from './per-database';

/**
 * Thumbnails of evidence files: made once per file in a web worker (evidence-thumbnail-worker.ts),
 * kept in `evidenceThumbnails` by the file's SHA-256, and made again when missing (they are not in
 * backups). A file that cannot be drawn is recorded as such, so it is not tried again and its card
 * shows its kind's icon.
 */

/**
 * A drawing that did not finish: the worker stopped or ran out of time. That may be the machine
 * being busy rather than the file, so it is tried again later rather than recorded.
 */
export type ThumbnailUnfinished = { ok: false; unfinished: true };

/** A drawing no longer wanted (its signal aborted) before its turn came: it was not started. */
export type ThumbnailWithdrawn = { ok: false; withdrawn: true };

export type ThumbnailOutcome = ThumbnailResult | ThumbnailUnfinished | ThumbnailWithdrawn;

/**
 * Draws a thumbnail of a file's bytes; never throws (a file that cannot be drawn is { ok: false },
 * a drawing that did not finish is { ok: false, unfinished: true }). A drawing asked with a signal
 * that aborts before it starts is skipped ({ ok: false, withdrawn: true }), so the files waiting
 * behind it (the cards now on screen) are drawn sooner.
 */
export interface ThumbnailMaker {
  make(file: Blob, signal?: AbortSignal): Promise<ThumbnailOutcome>;
  close(): void;
}

/** How many unfinished drawings of one file, in one sitting, before it is recorded as not drawable. */
export const UNFINISHED_DRAWINGS_BEFORE_GIVING_UP = 3;

export type ThumbnailRequest = { id: number; file: Blob };
export type ThumbnailReply = { id: number; result: ThumbnailResult };

/** How long one file may take before the worker is stopped and the file counted as not drawable. */
const DRAW_TIME_LIMIT_MS = 20_000;

/**
 * One worker drawing one file at a time, started when first needed. A file that crashes the
 * worker or takes too long stops it (the next file starts a new one), and its drawing is unfinished.
 */
export function workerThumbnailMaker(): ThumbnailMaker {
  let worker: Worker | null = null;
  let nextId = 0;

  const drawOne = (file: Blob) =>
    new Promise<ThumbnailResult | ThumbnailUnfinished>((resolve) => {
      const running = (worker ??= new Worker(new URL('./evidence-thumbnail-worker.ts', import.meta.url), {
        type: 'module',
        name: 'evidence-thumbnail',
      }));
      const id = (nextId += 1);
      const stop = (result: ThumbnailResult | ThumbnailUnfinished, restart: boolean) => {
        clearTimeout(timer);
        running.onmessage = null;
        running.onerror = null;
        if (restart) {
          running.terminate();
          if (worker === running) worker = null;
        }
        resolve(result);
      };
      const timer = setTimeout(() => stop({ ok: false, unfinished: true }, true), DRAW_TIME_LIMIT_MS);
      running.onmessage = (event: MessageEvent<ThumbnailReply>) => {
        if (event.data.id === id) stop(event.data.result, false);
      };
      running.onerror = (event) => {
        event.preventDefault();
        stop({ ok: false, unfinished: true }, true);
      };
      running.postMessage({ id, file } satisfies ThumbnailRequest);
    });

  const queue = drawingsInTurn(drawOne);
  return {
    make: queue,
    close: () => {
      worker?.terminate();
      worker = null;
    },
  };
}

/**
 * Runs drawings one at a time in the order asked, skipping any whose signal has aborted by the
 * time its turn comes (a drawing already started runs to its end).
 */
export function drawingsInTurn(
  drawOne: (file: Blob) => Promise<ThumbnailResult | ThumbnailUnfinished>,
): (file: Blob, signal?: AbortSignal) => Promise<ThumbnailOutcome> {
  let previous: Promise<unknown> = Promise.resolve();
  return (file, signal) => {
    const made: Promise<ThumbnailOutcome> = previous.then(() => (signal?.aborted ? WITHDRAWN : drawOne(file)));
    previous = made;
    return made;
  };
}

const WITHDRAWN: ThumbnailWithdrawn = { ok: false, withdrawn: true };

/** The maker the app uses, or null where pages cannot draw off the main thread (then cards show icons). */
export function defaultThumbnailMaker(): ThumbnailMaker | null {
  return typeof Worker === 'function' && typeof OffscreenCanvas === 'function' ? workerThumbnailMaker() : null;
}

/** A file's thumbnail followed live: undefined while reading, null when none is stored yet. */
export function useEvidenceThumbnail(db: AppDatabase, sha256: string | null): EvidenceThumbnail | null | undefined {
  return useLiveQuery(async () => (sha256 ? ((await db.evidenceThumbnails.get(sha256)) ?? null) : null), [db, sha256]);
}

/** One file's drawing in progress, and who still wants it. */
interface Making {
  work: Promise<boolean>;
  /** Aborted when every caller that asked with a signal has withdrawn and none asked without one. */
  withdraw: AbortController;
  /** Callers still waiting that can withdraw. */
  withdrawable: number;
  /** Whether a caller asked without a signal (it cannot withdraw, so the drawing goes ahead). */
  held: boolean;
}

const making = perDatabase<string, Making>();
const unfinishedDrawings = perDatabase<string, number>();

/**
 * Makes and stores a file's thumbnail unless one (or the record that it cannot be drawn) is stored
 * already; asking again while it is being made waits for the same work. Nothing is stored when the
 * file itself is gone. Resolves true when nothing is left to do, false when the drawing did not
 * finish or was withdrawn and should be tried again later; rejects when the database could not be
 * read or written (also worth trying again). A file whose drawing has not finished
 * `UNFINISHED_DRAWINGS_BEFORE_GIVING_UP` times in this sitting is recorded as not drawable.
 *
 * `signal` is the caller's way to say it no longer needs the picture (its card left the screen):
 * once every caller that asked has withdrawn, a drawing still waiting for its turn is not started.
 */
export function ensureEvidenceThumbnail(db: AppDatabase, maker: ThumbnailMaker, sha256: string, signal?: AbortSignal): Promise<boolean> {
  if (signal?.aborted) return Promise.resolve(false);
  const inFlight = making(db);
  const running = inFlight.get(sha256);
  const entry = running && !running.withdraw.signal.aborted ? running : startMaking(db, maker, sha256);
  if (!signal) {
    entry.held = true;
    return entry.work;
  }
  entry.withdrawable += 1;
  const leave = () => {
    entry.withdrawable -= 1;
    if (entry.withdrawable === 0 && !entry.held) {
      entry.withdraw.abort();
      // A caller asking again after this starts afresh rather than joining withdrawn work.
      if (inFlight.get(sha256) === entry) inFlight.delete(sha256);
    }
  };
  signal.addEventListener('abort', leave, { once: true });
  void entry.work.then(
    () => signal.removeEventListener('abort', leave),
    () => signal.removeEventListener('abort', leave),
  );
  return entry.work;
}

/** Starts a file's drawing and registers it as in flight until it ends. */
function startMaking(db: AppDatabase, maker: ThumbnailMaker, sha256: string): Making {
  const inFlight = making(db);
  const tries = unfinishedDrawings(db);
  const withdraw = new AbortController();
  const entry: Making = { work: Promise.resolve(false), withdraw, withdrawable: 0, held: false };
  entry.work = (async () => {
    if (await db.evidenceThumbnails.get(sha256)) return true;
    const stored = await db.evidenceBlobs.get(sha256);
    if (!stored) return true;
    const result = await maker.make(stored.blob, withdraw.signal);
    if (!result.ok && 'withdrawn' in result) return false;
    if (!result.ok && 'unfinished' in result) {
      const count = (tries.get(sha256) ?? 0) + 1;
      tries.set(sha256, count);
      if (count < UNFINISHED_DRAWINGS_BEFORE_GIVING_UP) return false;
    }
    const record: EvidenceThumbnail = result.ok
      ? { sha256, state: 'drawn', image: result.image, width: result.width, height: result.height, madeAt: nowIso() }
      : { sha256, state: 'cannot-draw', madeAt: nowIso() };
    await db.transaction('rw', [db.evidenceBlobs, db.evidenceThumbnails], async () => {
      // A file deleted while it was drawn gets no thumbnail.
      if (await db.evidenceBlobs.get(sha256)) await db.evidenceThumbnails.put(record);
    });
    tries.delete(sha256);
    return true;
  })().finally(() => {
    if (inFlight.get(sha256) === entry) inFlight.delete(sha256);
  });
  inFlight.set(sha256, entry);
  return entry;
}
