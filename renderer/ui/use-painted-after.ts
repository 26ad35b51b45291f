import { useEffect, useState } from 'react';

/**
 * False until `ready` has been true for one painted frame (the frame after the draw, then a task),
 * then true for good. A screen draws its first screenful with `ready`, and the rest once this is true,
 * so the first rows reach the screen without waiting for every row's style and layout.
 */
export function usePaintedAfter(ready: boolean): boolean {
  const [painted, setPainted] = useState(false);
  useEffect(() => {
    if (!ready || painted) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => setPainted(true), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [ready, painted]);
  return painted;
}
