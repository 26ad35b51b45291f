import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  DEFAULT_WINDOW_SIZE,
  DEFAULT_WINDOW_STATE,
  fitWindowToDisplays,
  MIN_WINDOW_SIZE,
  parseWindowState,
  readWindowState,
  serializeWindowState,
  trackWindowState,
  WINDOW_STATE_FILE,
  writeWindowState,
  type Rect,
  type TrackedWindow,
  type WindowState,
} from '../../electron/window-state';

const PRIMARY: Rect = { x: 0, y: 0, width: 1920, height: 1040 };
const LEFT: Rect = { x: -1280, y: 0, width: 1280, height: 984 };
const saved = (bounds: Rect | null, maximized = false): WindowState => ({ bounds, maximized });

describe('reading the saved window state', () => {
  it('reads what it wrote', () => {
    const state = saved({ x: 100, y: 50, width: 1000, height: 700 }, true);
    expect(parseWindowState(serializeWindowState(state))).toEqual(state);
  });

  it.each([
    [null],
    [undefined],
    [''],
    ['not json'],
    ['[]'],
    ['null'],
    ['42'],
    ['{"bounds":{"x":"1","y":0,"width":800,"height":600}}'],
    ['{"bounds":{"x":0,"y":0,"width":-800,"height":600}}'],
    ['{"bounds":{"x":0,"y":0,"width":0,"height":600}}'],
    ['{"bounds":{"x":1e12,"y":0,"width":800,"height":600}}'],
    ['{"bounds":{"x":0,"y":0,"width":800}}'],
    ['{"bounds":[0,0,800,600]}'],
  ])('falls back to the defaults for %j', (text) => {
    expect(parseWindowState(text)).toEqual(DEFAULT_WINDOW_STATE);
  });

  it('keeps a good size with a bad flag, and takes only true as maximised', () => {
    expect(parseWindowState('{"bounds":{"x":1.4,"y":2.6,"width":800,"height":600},"maximized":"yes"}')).toEqual(
      saved({ x: 1, y: 3, width: 800, height: 600 }, false),
    );
  });
});

describe('fitting the window to the displays', () => {
  it('opens a first window centred on the primary display at the default size', () => {
    const { bounds } = fitWindowToDisplays(DEFAULT_WINDOW_STATE, [PRIMARY, LEFT]);
    expect(bounds).toEqual({ x: 320, y: 90, ...DEFAULT_WINDOW_SIZE });
  });

  it('shrinks the default size to a small screen', () => {
    const small = { x: 0, y: 0, width: 1024, height: 728 };
    expect(fitWindowToDisplays(DEFAULT_WINDOW_STATE, [small]).bounds).toEqual(small);
  });

  it('keeps a window that fits where it was', () => {
    const bounds = { x: 200, y: 100, width: 1000, height: 700 };
    expect(fitWindowToDisplays(saved(bounds), [PRIMARY])).toEqual(saved(bounds));
  });

  it('keeps a window on a second monitor that is still there', () => {
    const bounds = { x: -1100, y: 40, width: 900, height: 700 };
    expect(fitWindowToDisplays(saved(bounds), [PRIMARY, LEFT]).bounds).toEqual(bounds);
  });

  it('pulls a window hanging off the edge back inside the work area', () => {
    expect(fitWindowToDisplays(saved({ x: 1500, y: 900, width: 1000, height: 700 }), [PRIMARY]).bounds).toEqual({
      x: 920,
      y: 340,
      width: 1000,
      height: 700,
    });
  });

  it('shrinks a window larger than its display and enlarges one below the minimum', () => {
    expect(fitWindowToDisplays(saved({ x: 0, y: 0, width: 5000, height: 3000 }), [PRIMARY]).bounds).toEqual(PRIMARY);
    expect(fitWindowToDisplays(saved({ x: 10, y: 10, width: 100, height: 100 }), [PRIMARY]).bounds).toEqual({
      x: 10,
      y: 10,
      ...MIN_WINDOW_SIZE,
    });
  });

  it('brings a window saved on a monitor that has gone back to the primary display', () => {
    const { bounds, maximized } = fitWindowToDisplays(saved({ x: -1100, y: 40, width: 900, height: 700 }, true), [PRIMARY]);
    expect(bounds).toEqual({ x: 510, y: 170, width: 900, height: 700 });
    expect(maximized).toBe(true);
  });

  it('treats a window showing only a sliver as lost', () => {
    const { bounds } = fitWindowToDisplays(saved({ x: 1910, y: 1030, width: 800, height: 600 }), [PRIMARY]);
    expect(bounds).toEqual({ x: 560, y: 220, width: 800, height: 600 });
  });

  it('uses the display holding most of a window across two monitors', () => {
    const { bounds } = fitWindowToDisplays(saved({ x: -200, y: 100, width: 1000, height: 700 }), [PRIMARY, LEFT]);
    expect(bounds).toEqual({ x: 0, y: 100, width: 1000, height: 700 });
  });

  it('copes with no display information', () => {
    expect(fitWindowToDisplays(saved({ x: 5, y: 5, width: 100, height: 100 }), []).bounds).toEqual({ x: 5, y: 5, ...MIN_WINDOW_SIZE });
  });
});

describe('the window state file', () => {
  const folders: string[] = [];
  const folder = () => {
    const made = mkdtempSync(path.join(tmpdir(), 'window-state-'));
    folders.push(made);
    return made;
  };
  afterEach(() => {
    for (const made of folders.splice(0)) rmSync(made, { recursive: true, force: true });
  });

  it('writes atomically and reads back, leaving no temporary file', () => {
    const userData = path.join(folder(), 'not yet made');
    const state = saved({ x: 1, y: 2, width: 800, height: 600 }, true);
    writeWindowState(userData, state);
    expect(readWindowState(userData)).toEqual(state);
    expect(readdirSync(userData)).toEqual([WINDOW_STATE_FILE]);
    writeWindowState(userData, saved(null));
    expect(readWindowState(userData)).toEqual(saved(null));
    expect(readdirSync(userData)).toEqual([WINDOW_STATE_FILE]);
  });

  it('reads a missing or damaged file as the defaults', () => {
    const userData = folder();
    expect(readWindowState(userData)).toEqual(DEFAULT_WINDOW_STATE);
    writeFileSync(path.join(userData, WINDOW_STATE_FILE), '{"bounds":');
    expect(readWindowState(userData)).toEqual(DEFAULT_WINDOW_STATE);
  });

  it('leaves the old file whole when a write fails', () => {
    const userData = folder();
    writeWindowState(userData, saved({ x: 1, y: 2, width: 800, height: 600 }));
    const before = readFileSync(path.join(userData, WINDOW_STATE_FILE), 'utf8');
    // A folder where the temporary file should go makes the write fail.
    const blocker = path.join(userData, `${WINDOW_STATE_FILE}.${process.pid}.tmp`);
    writeWindowState(blocker, saved(null)); // creates a folder at that path, with a file in it
    expect(() => writeWindowState(userData, saved({ x: 9, y: 9, width: 900, height: 900 }))).toThrow(/EISDIR/);
    expect(readFileSync(path.join(userData, WINDOW_STATE_FILE), 'utf8')).toBe(before);
  });
});

describe('tracking the window', () => {
  function fakeWindow() {
    const listeners = new Map<string, (() => void)[]>();
    const window = {
      bounds: { x: 10, y: 20, width: 800, height: 600 },
      maximized: false,
      minimized: false,
      fullScreen: false,
      on(event: string, listener: () => void) {
        listeners.set(event, [...(listeners.get(event) ?? []), listener]);
        return window;
      },
      emit(event: string) {
        for (const listener of listeners.get(event) ?? []) listener();
      },
      getNormalBounds: () => ({ ...window.bounds }),
      isMaximized: () => window.maximized,
      isMinimized: () => window.minimized,
      isFullScreen: () => window.fullScreen,
    };
    return window satisfies TrackedWindow;
  }

  afterEach(() => {
    vi.useRealTimers();
  });

  it('saves once when moving and resizing pause, and at once on close', () => {
    vi.useFakeTimers();
    const window = fakeWindow();
    const save = vi.fn();
    trackWindowState(window, { save, delayMs: 500 });
    window.emit('move');
    window.bounds = { x: 30, y: 40, width: 900, height: 700 };
    window.emit('resize');
    vi.advanceTimersByTime(499);
    expect(save).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(save).toHaveBeenCalledTimes(1);
    expect(save).toHaveBeenLastCalledWith(saved({ x: 30, y: 40, width: 900, height: 700 }));

    window.maximized = true;
    window.emit('maximize');
    window.emit('close');
    expect(save).toHaveBeenCalledTimes(2);
    expect(save).toHaveBeenLastCalledWith(saved({ x: 30, y: 40, width: 900, height: 700 }, true));
    vi.advanceTimersByTime(1000);
    expect(save).toHaveBeenCalledTimes(2);
  });

  it('keeps the last normal state while minimised or full screen', () => {
    vi.useFakeTimers();
    const window = fakeWindow();
    const save = vi.fn();
    trackWindowState(window, { save });
    window.emit('move');
    vi.runAllTimers();
    window.minimized = true;
    window.bounds = { x: -32000, y: -32000, width: 160, height: 28 };
    window.emit('close');
    expect(save).toHaveBeenLastCalledWith(saved({ x: 10, y: 20, width: 800, height: 600 }));
  });

  it('never stops the window closing when saving fails', () => {
    const window = fakeWindow();
    trackWindowState(window, {
      save: () => {
        throw new Error('disk full');
      },
    });
    expect(() => window.emit('close')).not.toThrow();
  });
});
