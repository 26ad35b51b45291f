import { describe, expect, it } from 'vitest';
import { CLOSE_FLUSH_TIMEOUT_MS, checkFlushedArgs, saveBeforeClose, type CloseEvent } from '../../electron/close-handshake';
import { IPC } from '../../electron/ipc-channels';

/** A window as Electron behaves: close() emits 'close', and closes unless a listener prevents it. */
class StandInWindow {
  listeners: ((event: CloseEvent) => void)[] = [];
  sent: unknown[][] = [];
  closed = false;
  crashed = false;
  webContents = {
    send: (...args: unknown[]) => this.sent.push(args),
    isCrashed: () => this.crashed,
  };
  on(_event: 'close', listener: (event: CloseEvent) => void) {
    this.listeners.push(listener);
  }
  isDestroyed = () => this.closed;
  close() {
    let prevented = false;
    for (const listener of this.listeners) listener({ preventDefault: () => (prevented = true) });
    if (!prevented) this.closed = true;
  }
}

/** A timer the test fires by hand. */
function manualTimers() {
  const timers = new Map<number, { callback: () => void; ms: number }>();
  let next = 0;
  return {
    timers,
    setTimer: (callback: () => void, ms: number) => {
      next += 1;
      timers.set(next, { callback, ms });
      return next;
    },
    clearTimer: (timer: unknown) => void timers.delete(timer as number),
    fireAll: () => {
      for (const [id, timer] of [...timers]) {
        timers.delete(id);
        timer.callback();
      }
    },
  };
}

function setUp() {
  const window = new StandInWindow();
  const timers = manualTimers();
  const logged: string[] = [];
  const handshake = saveBeforeClose(window, { setTimer: timers.setTimer, clearTimer: timers.clearTimer, log: (m) => logged.push(m) });
  return { window, timers, logged, handshake };
}

describe('saving before the window closes', () => {
  it('keeps the window open and asks the page to save, then closes when the page answers', () => {
    const { window, timers, logged, handshake } = setUp();
    window.close();
    expect(window.closed).toBe(false);
    expect(window.sent).toEqual([[IPC.flushBeforeClose, 1]]);
    expect([...timers.timers.values()].map((t) => t.ms)).toEqual([CLOSE_FLUSH_TIMEOUT_MS]);

    handshake.flushed([1]);
    expect(window.closed).toBe(true);
    expect(timers.timers.size).toBe(0);
    expect(logged).toEqual([]);
  });

  it('closes anyway when the page does not answer in time, and says so in the log', () => {
    const { window, timers, logged, handshake } = setUp();
    window.close();
    expect(window.closed).toBe(false);
    timers.fireAll();
    expect(window.closed).toBe(true);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatch(/did not confirm saving/);
    // A late answer changes nothing.
    handshake.flushed([1]);
    expect(window.closed).toBe(true);
  });

  it('asks once when the person closes again while the page is saving', () => {
    const { window, timers, handshake } = setUp();
    window.close();
    window.close();
    expect(window.sent).toEqual([[IPC.flushBeforeClose, 1]]);
    expect(timers.timers.size).toBe(1);
    handshake.flushed([1]);
    expect(window.closed).toBe(true);
  });

  it.each([
    ['an answer to another request', [2]],
    ['no request number', []],
    ['text', ['1']],
    ['extra arguments', [1, 'and more']],
    ['a fraction', [1.5]],
  ])('ignores %s', (_what, args) => {
    const { window, handshake } = setUp();
    window.close();
    handshake.flushed(args);
    expect(window.closed).toBe(false);
  });

  it('ignores an answer that comes before any request', () => {
    const { window, handshake } = setUp();
    handshake.flushed([1]);
    expect(window.closed).toBe(false);
    expect(window.sent).toEqual([]);
  });

  it('does not wait for a page that has crashed', () => {
    const { window, timers } = setUp();
    window.crashed = true;
    window.close();
    expect(window.closed).toBe(true);
    expect(window.sent).toEqual([]);
    expect(timers.timers.size).toBe(0);
  });

  it('checks the answer’s shape', () => {
    expect(checkFlushedArgs([7])).toBe(7);
    expect(checkFlushedArgs([0])).toBeNull();
    expect(checkFlushedArgs([-1])).toBeNull();
    expect(checkFlushedArgs([Number.MAX_SAFE_INTEGER + 1])).toBeNull();
    expect(checkFlushedArgs([{ id: 1 }])).toBeNull();
  });
});
