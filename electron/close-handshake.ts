import { IPC } from './ipc-channels';

/**
 * Before the app window closes, the page is asked to save what the person typed in the last
 * moments (IPC.flushBeforeClose) and the window stays open until the page answers
 * (IPC.flushedBeforeClose) with the same request number, or until `timeoutMs` has passed: a page
 * that has hung must not keep the window open for ever, so then it closes anyway and says so in
 * the log. Plain functions: tests call them with stand-ins for the window and the timer.
 */

/** Long enough for a save to a slow disk; short enough that a hung page does not keep the window open. */
export const CLOSE_FLUSH_TIMEOUT_MS = 5_000;

export interface CloseEvent {
  preventDefault(): void;
}

/** The parts of a BrowserWindow the handshake uses. */
export interface ClosableWindow {
  on(event: 'close', listener: (event: CloseEvent) => void): unknown;
  close(): void;
  isDestroyed(): boolean;
  webContents: { send(channel: string, ...args: unknown[]): void; isCrashed?(): boolean };
}

export interface CloseHandshakeOptions {
  timeoutMs?: number;
  log?: (message: string) => void;
  setTimer?: (callback: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
}

export interface CloseHandshake {
  /** Give it what the page sent on IPC.flushedBeforeClose (after checking the sender). */
  flushed(args: readonly unknown[]): void;
}

export function checkFlushedArgs(args: readonly unknown[]): number | null {
  if (args.length !== 1) return null;
  const [id] = args;
  return typeof id === 'number' && Number.isSafeInteger(id) && id > 0 ? id : null;
}

export function saveBeforeClose(window: ClosableWindow, options: CloseHandshakeOptions = {}): CloseHandshake {
  const timeoutMs = options.timeoutMs ?? CLOSE_FLUSH_TIMEOUT_MS;
  const log = options.log ?? ((message: string) => console.warn(message));
  const setTimer = options.setTimer ?? ((callback: () => void, ms: number) => setTimeout(callback, ms));
  const clearTimer = options.clearTimer ?? ((timer: unknown) => clearTimeout(timer as ReturnType<typeof setTimeout>));
  let state: 'open' | 'asking' | 'closing' = 'open';
  let request = 0;
  let timer: unknown = null;

  const finish = (how: 'flushed' | 'timed out') => {
    if (state !== 'asking') return;
    state = 'closing';
    if (timer !== null) clearTimer(timer);
    timer = null;
    if (how === 'timed out') log(`The page did not confirm saving its changes within ${timeoutMs} ms; the window closes anyway.`);
    if (!window.isDestroyed()) window.close();
  };

  window.on('close', (event) => {
    // The second time round (after the page answered, or the wait ended) the window closes.
    if (state === 'closing') return;
    // A crashed page has nothing to save and would never answer.
    if (window.webContents.isCrashed?.()) {
      state = 'closing';
      return;
    }
    event.preventDefault();
    // Closing again while the page is saving waits for the same answer.
    if (state === 'asking') return;
    state = 'asking';
    request += 1;
    timer = setTimer(() => finish('timed out'), timeoutMs);
    window.webContents.send(IPC.flushBeforeClose, request);
  });

  return {
    flushed(args) {
      // An answer to an earlier request, or anything that is not an answer, changes nothing.
      if (state === 'asking' && checkFlushedArgs(args) === request) finish('flushed');
    },
  };
}
