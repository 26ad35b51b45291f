import { describe, expect, it } from 'vitest';
import { nextSave, type AutosaveTiming } from '../../renderer/app/autosave-timing';

const TIMING: AutosaveTiming = { delayMs: 300, maxWaitMs: 1000, alignMs: 150 };

interface SaveAt {
  at: number;
  how: 'after-paint' | 'timer';
  /** How long the oldest change it saves had waited. */
  waited: number;
}

/**
 * Steps through keystrokes at the given times as the hook does: each change asks nextSave again;
 * an after-paint save happens `paintMs` after its keystroke (the frame), unless its timer is sooner;
 * a timer save happens when its timer runs out, unless another key comes first.
 */
function simulate(keys: readonly number[], paintMs = 16, timing = TIMING): SaveAt[] {
  const saves: SaveAt[] = [];
  let firstPendingAt: number | null = null;
  let due: { at: number; how: SaveAt['how'] } | null = null;
  const settle = (until: number) => {
    if (due && due.at <= until && firstPendingAt !== null) {
      saves.push({ at: due.at, how: due.how, waited: due.at - firstPendingAt });
      firstPendingAt = null;
      due = null;
    }
  };
  for (const key of keys) {
    settle(key);
    firstPendingAt ??= key;
    const next = nextSave(key, firstPendingAt, timing);
    const timerAt = key + next.waitMs;
    due =
      next.kind === 'after-paint' && key + paintMs < timerAt ? { at: key + paintMs, how: 'after-paint' } : { at: timerAt, how: 'timer' };
  }
  settle(Number.POSITIVE_INFINITY);
  return saves;
}

const every = (gapMs: number, count: number, from = 0) => Array.from({ length: count }, (_, i) => from + i * gapMs);

describe('when an autosave starts', () => {
  it('saves a pause of delayMs after the last change', () => {
    expect(nextSave(5_000, 5_000, TIMING)).toEqual({ kind: 'timer', waitMs: 300 });
    expect(simulate([0, 100, 200])).toEqual([{ at: 500, how: 'timer', waited: 500 }]);
  });

  it('never lets a change wait longer than maxWaitMs, whatever the typing', () => {
    for (const gap of [20, 80, 120, 149, 150, 151, 200, 290, 299]) {
      const saves = simulate(every(gap, 200));
      expect(saves.length).toBeGreaterThan(0);
      for (const save of saves) expect(save.waited).toBeLessThanOrEqual(TIMING.maxWaitMs);
    }
  });

  it('while someone types on, starts each save just after a keystroke is drawn, never between keys', () => {
    const keys = every(80, 100); // the bench's typing: a key every 80 ms for 8 seconds
    const saves = simulate(keys);
    const duringTyping = saves.filter((s) => s.at < keys.at(-1)!);
    expect(duringTyping.length).toBeGreaterThanOrEqual(7);
    for (const save of duringTyping) {
      expect(save.how).toBe('after-paint');
      // The key it follows is at most a frame earlier, so the pause before the next key is ahead of it.
      const before = keys.filter((k) => k <= save.at).at(-1)!;
      expect(save.at - before).toBeLessThanOrEqual(16);
    }
  });

  it('asks for the save after the paint once the deadline is within alignMs, and not before', () => {
    expect(nextSave(1_000 + 849, 1_000, TIMING)).toEqual({ kind: 'timer', waitMs: 151 });
    expect(nextSave(1_000 + 850, 1_000, TIMING)).toEqual({ kind: 'after-paint', waitMs: 150 });
    expect(nextSave(1_000 + 1_000, 1_000, TIMING)).toEqual({ kind: 'after-paint', waitMs: 0 });
    // A late change (its timer was held up) is saved at once.
    expect(nextSave(1_000 + 1_200, 1_000, TIMING)).toEqual({ kind: 'after-paint', waitMs: 0 });
  });

  it('falls back to its timer where no frame comes (a hidden page), still within maxWaitMs', () => {
    const saves = simulate(every(80, 100), Number.POSITIVE_INFINITY);
    expect(saves.length).toBeGreaterThan(0);
    for (const save of saves) expect(save.waited).toBeLessThanOrEqual(TIMING.maxWaitMs);
  });
});
