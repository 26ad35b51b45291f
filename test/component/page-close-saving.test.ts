import { afterEach, describe, expect, it } from 'vitest';
import { watchPageClose } from '../../renderer/platform/web-platform';

/** A saver whose pending state the test sets, counting its flushes. */
function countingSaver() {
  const saver = { pending: false, flushes: 0, flush: async () => void (saver.flushes += 1), isPending: () => saver.pending };
  return saver;
}

function beforeUnload(): Event {
  const event = new Event('beforeunload', { cancelable: true });
  window.dispatchEvent(event);
  return event;
}

function setVisibility(state: 'visible' | 'hidden') {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
  document.dispatchEvent(new Event('visibilitychange'));
}

let stop: () => void = () => undefined;
afterEach(() => {
  stop();
  setVisibility('visible');
});

describe('a web page closing with changes not yet saved', () => {
  it('asks the person to stay only while a save is pending, and starts the save at once', () => {
    const saver = countingSaver();
    stop = watchPageClose(saver);
    expect(beforeUnload().defaultPrevented).toBe(false);
    expect(saver.flushes).toBe(0);
    saver.pending = true;
    expect(beforeUnload().defaultPrevented).toBe(true);
    expect(saver.flushes).toBe(1);
  });

  it('saves when the page is hidden or unloads, not when it becomes visible', () => {
    const saver = countingSaver();
    stop = watchPageClose(saver);
    setVisibility('visible');
    expect(saver.flushes).toBe(0);
    setVisibility('hidden');
    expect(saver.flushes).toBe(1);
    window.dispatchEvent(new Event('pagehide'));
    expect(saver.flushes).toBe(2);
  });

  it('stops listening when unsubscribed', () => {
    const saver = countingSaver();
    watchPageClose(saver)();
    saver.pending = true;
    expect(beforeUnload().defaultPrevented).toBe(false);
    window.dispatchEvent(new Event('pagehide'));
    expect(saver.flushes).toBe(0);
  });
});
