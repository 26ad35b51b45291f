import { readFileSync, renameSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import * as path from 'node:path';

/** A rectangle in screen coordinates (Electron's Rectangle, without the import). */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  /** The window's normal (not maximised) bounds, or null for "centred, default size". */
  bounds: Rect | null;
  maximized: boolean;
}

export const DEFAULT_WINDOW_SIZE = { width: 1280, height: 860 } as const;
export const MIN_WINDOW_SIZE = { width: 360, height: 480 } as const;
export const DEFAULT_WINDOW_STATE: WindowState = { bounds: null, maximized: false };

/** How much of a window must show on a display (a grabbable strip of title bar) to stay there. */
const MIN_VISIBLE = { width: 100, height: 40 } as const;
/** Coordinates beyond this are nonsense, whatever the monitors. */
const MAX_COORDINATE = 1_000_000;

export const WINDOW_STATE_FILE = 'window-state.json';

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && Math.abs(value) <= MAX_COORDINATE;
}

function isRect(value: unknown): value is Rect {
  if (typeof value !== 'object' || value === null) return false;
  const { x, y, width, height } = value as Record<string, unknown>;
  return isFiniteNumber(x) && isFiniteNumber(y) && isFiniteNumber(width) && isFiniteNumber(height) && width > 0 && height > 0;
}

/** Reads the stored JSON; anything missing, malformed or out of range gives the defaults. */
export function parseWindowState(text: string | null | undefined): WindowState {
  if (typeof text !== 'string') return DEFAULT_WINDOW_STATE;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return DEFAULT_WINDOW_STATE;
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return DEFAULT_WINDOW_STATE;
  const { bounds, maximized } = data as Record<string, unknown>;
  return {
    bounds: isRect(bounds)
      ? { x: Math.round(bounds.x), y: Math.round(bounds.y), width: Math.round(bounds.width), height: Math.round(bounds.height) }
      : null,
    maximized: maximized === true,
  };
}

export function serializeWindowState(state: WindowState): string {
  return `${JSON.stringify({ bounds: state.bounds, maximized: state.maximized })}\n`;
}

function overlapArea(a: Rect, b: Rect): { width: number; height: number } {
  return {
    width: Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)),
    height: Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)),
  };
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), Math.max(min, max));
}

function centredOn(area: Rect, width: number, height: number): Rect {
  return { x: Math.round(area.x + (area.width - width) / 2), y: Math.round(area.y + (area.height - height) / 2), width, height };
}

/**
 * Where the window opens: the saved bounds kept within the work area of the display they are
 * mostly on, no smaller than the minimum and no larger than that display; a window saved on a
 * monitor that has gone (or barely showing on any) comes back centred on the primary display.
 * `workAreas` are the displays' work areas, the primary display's first.
 */
export function fitWindowToDisplays(state: WindowState, workAreas: readonly Rect[]): WindowState & { bounds: Rect } {
  const usable = workAreas.filter(isRect);
  const primary = usable[0];
  const wanted = state.bounds ?? { x: 0, y: 0, ...DEFAULT_WINDOW_SIZE };
  if (!primary) {
    // No display information at all: keep the size, let the system place it.
    return {
      bounds: { ...wanted, width: Math.max(wanted.width, MIN_WINDOW_SIZE.width), height: Math.max(wanted.height, MIN_WINDOW_SIZE.height) },
      maximized: state.maximized,
    };
  }

  let display: Rect | undefined;
  if (state.bounds) {
    let best = 0;
    for (const area of usable) {
      const overlap = overlapArea(state.bounds, area);
      const visible =
        overlap.width >= Math.min(MIN_VISIBLE.width, state.bounds.width) &&
        overlap.height >= Math.min(MIN_VISIBLE.height, state.bounds.height);
      const size = overlap.width * overlap.height;
      if (visible && size > best) {
        best = size;
        display = area;
      }
    }
  }

  const area = display ?? primary;
  const width = clamp(wanted.width, MIN_WINDOW_SIZE.width, area.width);
  const height = clamp(wanted.height, MIN_WINDOW_SIZE.height, area.height);
  if (!display || !state.bounds) return { bounds: centredOn(area, width, height), maximized: state.maximized };
  return {
    bounds: {
      x: clamp(state.bounds.x, area.x, area.x + area.width - width),
      y: clamp(state.bounds.y, area.y, area.y + area.height - height),
      width,
      height,
    },
    maximized: state.maximized,
  };
}

/** Reads the saved state from `folder`; a missing or unreadable file gives the defaults. */
export function readWindowState(folder: string): WindowState {
  try {
    return parseWindowState(readFileSync(path.join(folder, WINDOW_STATE_FILE), 'utf8'));
  } catch {
    return DEFAULT_WINDOW_STATE;
  }
}

/**
 * Saves the state atomically: a temporary file beside the real one, then a rename over it, so a
 * crash or power cut mid-write leaves the old file or the new one, never half of one. Synchronous
 * on purpose: the last save happens as the window closes, when an unfinished promise is lost.
 */
export function writeWindowState(folder: string, state: WindowState): void {
  const target = path.join(folder, WINDOW_STATE_FILE);
  const temporary = `${target}.${process.pid}.tmp`;
  try {
    mkdirSync(folder, { recursive: true });
    writeFileSync(temporary, serializeWindowState(state), 'utf8');
    renameSync(temporary, target);
  } catch (error) {
    try {
      rmSync(temporary, { force: true });
    } catch {
      // Whatever is at that path is not a file we made.
    }
    throw error;
  }
}

/** The parts of a BrowserWindow that tracking needs. */
export interface TrackedWindow {
  on(event: 'resize' | 'move' | 'maximize' | 'unmaximize' | 'close', listener: () => void): unknown;
  getNormalBounds(): Rect;
  isMaximized(): boolean;
  isMinimized(): boolean;
  isFullScreen(): boolean;
}

export interface TrackOptions {
  save: (state: WindowState) => void;
  /** How long moving or resizing must pause before a save. */
  delayMs?: number;
  setTimer?: (callback: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
}

/**
 * Saves the window's state when it stops moving or resizing (debounced) and at once when it
 * closes. Full screen and minimised windows keep the last normal state. Returns `flush`.
 */
export function trackWindowState(window: TrackedWindow, options: TrackOptions): () => void {
  const delayMs = options.delayMs ?? 500;
  const setTimer = options.setTimer ?? ((callback: () => void, ms: number) => setTimeout(callback, ms));
  const clearTimer = options.clearTimer ?? ((timer: unknown) => clearTimeout(timer as ReturnType<typeof setTimeout>));
  let timer: unknown = null;
  let last: WindowState | null = null;

  const capture = (): void => {
    if (window.isFullScreen() || window.isMinimized()) return;
    last = { bounds: window.getNormalBounds(), maximized: window.isMaximized() };
  };
  const flush = (): void => {
    if (timer !== null) clearTimer(timer);
    timer = null;
    capture();
    if (!last) return;
    try {
      options.save(last);
    } catch {
      // Remembering the window's place is a convenience: never let it stop the app closing.
    }
  };
  const schedule = (): void => {
    if (timer !== null) clearTimer(timer);
    timer = setTimer(flush, delayMs);
  };

  for (const event of ['resize', 'move', 'maximize', 'unmaximize'] as const) window.on(event, schedule);
  window.on('close', flush);
  return flush;
}
