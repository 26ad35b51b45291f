import { useCallback, useEffect, useRef, useState } from 'react';
import type { SaveState } from '../components/SaveStatus';
import { describeStorageError } from '../db/storage-errors';

/**
 * Saves what the user types shortly after they pause, and at the latest `maxWaitMs` after the
 * first unsaved change, so a reload or crash loses at most about a second of typing. Pending
 * changes are also saved when the screen closes or the page is hidden.
 */
export function useAutosave<T>(save: (values: T) => Promise<void>, what: string, { delayMs = 300, maxWaitMs = 1000 } = {}) {
  const [status, setStatus] = useState<SaveState>({ state: 'idle' });
  const pending = useRef<T | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const firstPendingAt = useRef<number | null>(null);
  const saving = useRef<Promise<void>>(Promise.resolve());
  const saveRef = useRef(save);
  saveRef.current = save;

  const flush = useCallback((): Promise<void> => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    firstPendingAt.current = null;
    const values = pending.current;
    if (values === null) return saving.current;
    pending.current = null;
    setStatus({ state: 'saving' });
    // Saves run one after another, in the order the user made the changes.
    saving.current = saving.current.then(async () => {
      try {
        await saveRef.current(values);
        if (pending.current === null) setStatus({ state: 'saved', at: new Date().toISOString() });
      } catch (error) {
        // Keep the unsaved values so the next change (or leaving the screen) tries again.
        if (pending.current === null) pending.current = values;
        setStatus({ state: 'error', message: `Not saved: ${describeStorageError(error, what)}` });
      }
    });
    return saving.current;
  }, [what]);

  const schedule = useCallback(
    (values: T) => {
      pending.current = values;
      const now = Date.now();
      firstPendingAt.current ??= now;
      if (timer.current) clearTimeout(timer.current);
      const wait = Math.max(0, Math.min(delayMs, firstPendingAt.current + maxWaitMs - now));
      timer.current = setTimeout(() => void flush(), wait);
    },
    [delayMs, maxWaitMs, flush],
  );

  useEffect(() => {
    const onHide = () => void flush();
    window.addEventListener('pagehide', onHide);
    document.addEventListener('visibilitychange', onHide);
    return () => {
      window.removeEventListener('pagehide', onHide);
      document.removeEventListener('visibilitychange', onHide);
      void flush();
    };
  }, [flush]);

  return { status, schedule, flush };
}
