import { useCallback, useEffect, useRef, useState } from 'react';
import type { SaveState } from '../ui/SaveStatus';
import { describeStorageError } from '../db/storage-errors';
import { afterPaint } from '../ui/after-paint';
import { useServices } from './app-context';
import { nextSave } from './autosave-timing';

/** How near its longest wait a change starts the save once that change is drawn (see autosave-timing.ts). */
const ALIGN_MS = 150;

/**
 * Saves what the user types shortly after they pause, and at the latest `maxWaitMs` after the
 * first unsaved change, so a reload or crash loses at most about a second of typing. Pending
 * changes are also saved when the screen closes, and before the window closes: the platform says
 * when (the desktop main process asks and waits; a browser tab is hidden or unloads, and is asked
 * to stay while a save has not finished).
 */
export function useAutosave<T>(
  save: (values: T) => Promise<void>,
  what: string,
  { delayMs = 300, maxWaitMs = 1000, alignMs = ALIGN_MS } = {},
) {
  const { platform } = useServices();
  const [status, setStatus] = useState<SaveState>({ state: 'idle' });
  const pending = useRef<T | null>(null);
  /** Stops the wait for the next save (its timer, and its wait for a keystroke to be drawn). */
  const stopWaiting = useRef<(() => void) | null>(null);
  const firstPendingAt = useRef<number | null>(null);
  const saving = useRef<Promise<void>>(Promise.resolve());
  const inFlight = useRef(0);
  const saveRef = useRef(save);
  saveRef.current = save;
  /** False once the screen has gone: the last save (started on the way out) still runs, but says nothing. */
  const mounted = useRef(true);
  const report = useCallback((next: SaveState) => {
    if (mounted.current) setStatus(next);
  }, []);

  const flush = useCallback((): Promise<void> => {
    stopWaiting.current?.();
    stopWaiting.current = null;
    firstPendingAt.current = null;
    const values = pending.current;
    if (values === null) return saving.current;
    pending.current = null;
    inFlight.current += 1;
    report({ state: 'saving' });
    // Saves run one after another, in the order the user made the changes.
    saving.current = saving.current.then(async () => {
      try {
        await saveRef.current(values);
        if (pending.current === null) report({ state: 'saved', at: new Date().toISOString() });
      } catch (error) {
        // Keep the unsaved values so the next change (or leaving the screen) tries again.
        if (pending.current === null) pending.current = values;
        report({ state: 'error', message: `Not saved: ${describeStorageError(error, what)}` });
      } finally {
        inFlight.current -= 1;
      }
    });
    return saving.current;
  }, [what, report]);

  /** True while a change is waiting for its save or a save has not finished. */
  const isPending = useCallback(() => pending.current !== null || inFlight.current > 0, []);

  const schedule = useCallback(
    (values: T) => {
      pending.current = values;
      const now = Date.now();
      firstPendingAt.current ??= now;
      stopWaiting.current?.();
      const next = nextSave(now, firstPendingAt.current, { delayMs, maxWaitMs, alignMs });
      const timer = setTimeout(() => void flush(), next.waitMs);
      const stopAfterPaint = next.kind === 'after-paint' ? afterPaint(() => void flush()) : null;
      stopWaiting.current = () => {
        clearTimeout(timer);
        stopAfterPaint?.();
      };
    },
    [delayMs, maxWaitMs, alignMs, flush],
  );

  useEffect(() => {
    mounted.current = true;
    const stopWatching = platform.onBeforeClose?.({ flush, isPending });
    return () => {
      stopWatching?.();
      void flush();
      mounted.current = false;
    };
  }, [platform, flush, isPending]);

  return { status, schedule, flush, isPending };
}
