/**
 * When an autosave starts, decided afresh at each change: pure, so its promises can be checked by
 * stepping through a person's typing (test/unit/autosave-timing.test.ts).
 *
 * - A pause of `delayMs` after the last change saves.
 * - Nothing waits longer than `maxWaitMs` after the first unsaved change.
 * - While someone types on, the save that the longest wait calls for starts just after a keystroke
 *   has been drawn (`after-paint`), in the pause before the next key, once the deadline is within
 *   `alignMs`; a save started at a moment of its own could fall on the next keystroke and hold its
 *   drawing up. The deadline stays a timer as well, for a page that draws no frames (hidden).
 */
export interface AutosaveTiming {
  delayMs: number;
  maxWaitMs: number;
  alignMs: number;
}

export type NextSave =
  /** Save once this change is on screen, or by `waitMs` at the latest. */
  | { kind: 'after-paint'; waitMs: number }
  /** Save in `waitMs` unless another change comes first. */
  | { kind: 'timer'; waitMs: number };

export function nextSave(now: number, firstPendingAt: number, { delayMs, maxWaitMs, alignMs }: AutosaveTiming): NextSave {
  const untilDue = Math.max(0, firstPendingAt + maxWaitMs - now);
  if (untilDue <= alignMs) return { kind: 'after-paint', waitMs: untilDue };
  return { kind: 'timer', waitMs: Math.min(delayMs, untilDue) };
}
