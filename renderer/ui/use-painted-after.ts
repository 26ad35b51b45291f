import { useEffect, useState } from 'react';
import { afterPaint } from './after-paint';

/**
 * False until `ready` has been true for one painted frame (the frame after the draw, then a task),
 * then true for good. A screen draws its first screenful with `ready`, and the rest once this is true,
 * so the first rows reach the screen without waiting for every row's style and layout.
 */
export function usePaintedAfter(ready: boolean): boolean {
  const [painted, setPainted] = useState(false);
  useEffect(() => {
    if (!ready || painted) return;
    return afterPaint(() => setPainted(true));
  }, [ready, painted]);
  return painted;
}
