/**
 * Calls `then` once the current draw has been painted: after the next animation frame (where the
 * page has frames), then a task, so the frame is on screen before `then` runs. Returns a cancel.
 */
export function afterPaint(then: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const next = () => {
    timer = setTimeout(then, 0);
  };
  const frame = typeof requestAnimationFrame === 'function' ? requestAnimationFrame(next) : null;
  if (frame === null) next();
  return () => {
    if (frame !== null) cancelAnimationFrame(frame);
    if (timer !== undefined) clearTimeout(timer);
  };
}
