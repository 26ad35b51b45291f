import { useSyncExternalStore } from 'react';

/**
 * Messages for the whole app, shown whatever screen is open: a write that failed where no screen
 * was waiting for it (so no failure is ever silently dropped), an automatic backup's outcome, a
 * backup started from the desktop menu.
 */
export interface AppNotice {
  id: number;
  kind: 'problem' | 'info';
  text: string;
}

let notices: readonly AppNotice[] = [];
let nextId = 1;
const listeners = new Set<() => void>();

function emit(): void {
  for (const listener of listeners) listener();
}

export function reportNotice(kind: AppNotice['kind'], text: string): void {
  // The same problem reported again (a retried save failing) is shown once.
  if (notices.some((n) => n.kind === kind && n.text === text)) return;
  notices = [...notices, { id: nextId++, kind, text }].slice(-5);
  emit();
}

export function dismissNotice(id: number): void {
  notices = notices.filter((n) => n.id !== id);
  emit();
}

export function clearNotices(): void {
  notices = [];
  emit();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useAppNotices(): readonly AppNotice[] {
  return useSyncExternalStore(
    subscribe,
    () => notices,
    () => notices,
  );
}
