import { useEffect, useState } from 'react';
import type { AppDatabase } from './app-database';
import { perDatabase } from './per-database';

/**
 * The first screen's records, read at the app's start once the database is open, beside the
 * screen's code arriving and the app's first draw: the screen's first draw can then show them
 * rather than start its reads only when it is drawn. An answer read early is used once, as the
 * first answer of the screen's own live read, and dropped as soon as that read has answered.
 */
const earlyAnswers = perDatabase<string, { answer: unknown } | 'reading'>();

/** The early reads under way or done, by key: a screen drawn before its early read has answered waits for it. */
const earlyReads = perDatabase<string, Promise<void>>();

/**
 * Starts `read` under `key` unless it is already read or being read; a failed read leaves nothing
 * (the screen reads for itself). Settles, never rejecting, when the read has.
 */
export function readEarly(db: AppDatabase, key: string, read: () => Promise<unknown>): Promise<void> {
  const answers = earlyAnswers(db);
  if (answers.has(key)) return earlyReads(db).get(key) ?? Promise.resolve();
  answers.set(key, 'reading');
  let started: Promise<unknown>;
  try {
    started = read();
  } catch (error) {
    started = Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
  const reading: Promise<void> = started
    .then(
      (answer) => {
        // Not kept if the screen's own read answered first (and dropped the key).
        if (answers.get(key) === 'reading') answers.set(key, { answer });
      },
      () => {
        answers.delete(key);
      },
    )
    .finally(() => {
      if (earlyReads(db).get(key) === reading) earlyReads(db).delete(key);
    });
  earlyReads(db).set(key, reading);
  return reading;
}

/** The answer read early under `key`, if it has arrived. */
export function earlyAnswer<T>(db: AppDatabase, key: string): T | undefined {
  const found = earlyAnswers(db).get(key);
  return found === undefined || found === 'reading' ? undefined : (found.answer as T);
}

/** The screen's own live read of what `key` names: once it has answered, the early answer is not used again. */
export function liveReadOf<T>(db: AppDatabase, key: string, read: () => Promise<T>): () => Promise<T> {
  return async () => {
    const answer = await read();
    earlyAnswers(db).delete(key);
    return answer;
  };
}

/**
 * The answer read early under `key`, in the first render if it has arrived and otherwise as soon as
 * it does: for a screen drawn before its records, while its own live read is still to answer (use
 * the live answer once there is one). Undefined when nothing was read early.
 */
export function useEarlyAnswer<T>(db: AppDatabase, key: string): T | undefined {
  const [arrived, setArrived] = useState<{ db: AppDatabase; key: string; answer: T } | null>(null);
  const now = earlyAnswer<T>(db, key);
  useEffect(() => {
    if (now !== undefined) return undefined;
    const reading = earlyReads(db).get(key);
    if (!reading) return undefined;
    let live = true;
    void reading.then(() => {
      const answer = earlyAnswer<T>(db, key);
      if (live && answer !== undefined) setArrived({ db, key, answer });
    });
    return () => {
      live = false;
    };
  }, [db, key, now]);
  if (now !== undefined) return now;
  return arrived?.db === db && arrived.key === key ? arrived.answer : undefined;
}
