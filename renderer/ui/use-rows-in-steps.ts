import { useEffect, useRef, useState } from 'react';
import { afterPaint } from './after-paint';
import { stepLimits, TABLE_ROW_STEPS, type RowSteps, type StepLimits } from '../../shared/tables/rows-in-steps';

/**
 * Draws a long table in steps (shared/tables/rows-in-steps.ts): the first screenful of shown rows
 * at once, then more after each paint (the frame, then a task). `filterKey` names the filters: when
 * it changes (a search typed or cleared) the visible rows start again from the first screenful, so
 * rows a search brings back are shown a screenful first; a change of order or of the records does not.
 */
export function useRowsInSteps(shown: readonly boolean[], filterKey: string, sizes: RowSteps = TABLE_ROW_STEPS): StepLimits {
  const [state, setState] = useState({ filterKey, steps: 0 });
  // The filters changed: back to the first step, in this same render.
  if (state.filterKey !== filterKey) setState({ filterKey, steps: 0 });
  const steps = state.filterKey === filterKey ? state.steps : 0;
  const drawn = useRef(0);
  const limits = stepLimits(shown, steps, drawn.current, sizes);
  drawn.current = limits.drawnUpTo;

  const { complete } = limits;
  useEffect(() => {
    if (complete) return undefined;
    // After the frame that shows this step, then a task.
    return afterPaint(() => setState((before) => (before.filterKey === filterKey ? { filterKey, steps: before.steps + 1 } : before)));
  }, [complete, filterKey, steps]);
  return limits;
}
