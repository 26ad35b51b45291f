import { vi } from 'vitest';

/**
 * Holds the browser's frame callbacks until `release` runs them (and lets later frames through), so
 * a screen's first draw can be looked at before what it draws after that draw is painted.
 */
export function holdFrames() {
  const held: FrameRequestCallback[] = [];
  const spy = vi.spyOn(window, 'requestAnimationFrame').mockImplementation((callback) => {
    held.push(callback);
    return held.length;
  });
  return {
    release() {
      spy.mockRestore();
      for (const callback of held.splice(0)) callback(performance.now());
    },
  };
}
