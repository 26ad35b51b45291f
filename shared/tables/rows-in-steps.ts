/**
 * A long table drawn in steps: the first screenful of the rows its filters show, then more after
 * each paint, so the first paint does not wait for rows far below the window. Every row stays in
 * the table's order; a row once drawn stays drawn (hidden while the filters leave it out), and the
 * drawing carries on until every row is in the page, so a later search only shows or hides rows.
 */

export interface RowSteps {
  /** The shown rows visible in the first step: more than a tall window holds. */
  first: number;
  /** The shown rows added at each later step. */
  step: number;
}

/**
 * The steps the evidence library and the criteria overview draw their rows in: a screenful, then
 * the rest at once. Each step lays the whole table out again (its columns fit every row drawn), so
 * more, smaller steps made the last row arrive later (measured in the bench) for no gain a person sees.
 */
export const TABLE_ROW_STEPS: RowSteps = { first: 50, step: 2000 };

export interface StepLimits {
  /** Rows before this index (in the table's order) are in the page. */
  drawnUpTo: number;
  /** A shown row is visible when its index is before this; the others wait for a later step. */
  visibleUpTo: number;
  /** True when every row is drawn and every shown row visible: no step is left. */
  complete: boolean;
}

/**
 * Where the drawing stands `steps` steps after the filters last changed: `shown` says, for each row
 * in the table's order, whether the filters let it through; `drawnBefore` is how far rows were
 * already drawn (they stay).
 */
export function stepLimits(shown: readonly boolean[], steps: number, drawnBefore: number, sizes: RowSteps = TABLE_ROW_STEPS): StepLimits {
  const total = shown.length;
  const wanted = sizes.first + Math.max(0, steps) * sizes.step;
  let counted = 0;
  let pastLastCounted = 0;
  let index = 0;
  for (; index < total && counted < wanted; index += 1) {
    if (shown[index]) {
      counted += 1;
      pastLastCounted = index + 1;
    }
  }
  // Every shown row was counted: all are visible. Else the rows after the last counted wait.
  const allShown = counted < wanted || !shown.slice(index).includes(true);
  const visibleUpTo = allShown ? total : pastLastCounted;
  // Hidden rows are drawn in steps too, to the same count, so the last step leaves every row drawn.
  const drawnUpTo = Math.min(total, Math.max(drawnBefore, pastLastCounted, wanted));
  return { drawnUpTo, visibleUpTo, complete: drawnUpTo === total && visibleUpTo === total };
}
