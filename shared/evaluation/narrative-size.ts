import { formatCount } from '../formats/en-gb-counts';

/**
 * How big a narrative is, for the box it is typed in: its words, counted as a reader would, and
 * the rows the box needs to show all of it where the browser cannot size the box to its content.
 */

/**
 * The words in a text: runs of characters between spaces or line breaks that hold at least one
 * letter or digit ("well-being" and "EHCP's" are one word each; a dash or bullet on its own is none).
 */
export function wordCount(text: string): number {
  let count = 0;
  for (const token of text.split(/\s+/u)) if (/[\p{L}\p{N}]/u.test(token)) count += 1;
  return count;
}

/** "No words yet", "1 word", "312 words", "1,204 words". */
export function wordCountText(text: string): string {
  const count = wordCount(text);
  if (count === 0) return 'No words yet';
  return count === 1 ? '1 word' : `${formatCount(count)} words`;
}

export interface GrowingRows {
  /** The fewest rows the box shows, however short the text. */
  minRows: number;
  /** The characters a row holds before it wraps, roughly: the box's width in average characters. */
  charsPerRow: number;
}

/**
 * The rows a box needs to show the whole text: each line takes as many rows as it wraps onto, and
 * one row more is left for the next line, never fewer than `minRows`. An estimate (it counts
 * characters, not their widths), for browsers without CSS `field-sizing: content`.
 */
export function growingRows(text: string, { minRows, charsPerRow }: GrowingRows): number {
  let rows = 0;
  for (const line of text.split('\n')) rows += Math.max(1, Math.ceil([...line].length / charsPerRow));
  return Math.max(minRows, rows + 1);
}
