import type { Content } from 'pdfmake/interfaces';

/**
 * Break opportunities in long words, for every PDF the app lays out. pdfmake breaks lines only
 * where the text allows; a word wider than its column is cut character by character, at a cost
 * that grows with the square of the word's length, so one very long word (a pasted link, a row of
 * dashes, or a narrative of one word, which the schema allows) could stall an export for minutes
 * and exhaust its memory. Inserting a zero-width space, which pdfmake honours as a place to break
 * and draws as nothing, keeps every word short enough to lay out quickly; the text reads and
 * extracts (pdftotext) as it was typed.
 */

/** The longest run of characters, with no space or break opportunity, left as it is. */
export const LONG_WORD_LIMIT = 30;

/** U+200B ZERO WIDTH SPACE: a break opportunity that shows nothing. */
export const BREAK_OPPORTUNITY = '\u200b';

/**
 * A run longer than the limit with nothing in it where a line surely breaks: an ASCII space or
 * line break, a zero-width space or a soft hyphen. A no-break space, which joins words, is part of the run.
 */
const LONG_RUN = new RegExp(`[^ \\t\\n\\r\\f\\v\\u200b\\u00ad]{${LONG_WORD_LIMIT + 1},}`, 'gu');

const MARK = /^\p{M}$/u;

/** True for a character that belongs to the one before it: a break before it would split a letter or an emoji. */
function joinsPrevious(char: string): boolean {
  const code = char.codePointAt(0) ?? 0;
  return (
    MARK.test(char) ||
    code === 0x200c || // zero-width non-joiner
    code === 0x200d || // zero-width joiner
    (code >= 0x1f3fb && code <= 0x1f3ff) || // skin tones
    (code >= 0xe0020 && code <= 0xe007f) // tag characters (flags of regions)
  );
}

function breakRun(run: string): string {
  const out: string[] = [];
  let count = 0;
  let previous = '';
  for (const char of run) {
    const joined = joinsPrevious(char) || previous === '\u200d';
    // A letter with very many marks on it is broken all the same: it would cost as much as a long word.
    if (count >= 2 * LONG_WORD_LIMIT || (count >= LONG_WORD_LIMIT && !joined)) {
      out.push(BREAK_OPPORTUNITY);
      count = 0;
    }
    out.push(char);
    count += 1;
    previous = char;
  }
  return out.join('');
}

/** `text` with a break opportunity after every LONG_WORD_LIMIT characters of any longer word. */
export function breakLongWords(text: string): string {
  return text.replace(LONG_RUN, breakRun);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Containers whose items are content, as pdfmake reads them. */
const CONTENT_LISTS = ['stack', 'columns', 'ul', 'ol'] as const;

function breakNode(node: unknown): unknown {
  if (typeof node === 'string') return breakLongWords(node);
  if (Array.isArray(node)) return node.map(breakNode);
  if (!isRecord(node)) return node;
  // Only what pdfmake lays out as text is changed: never a style name, an image or a link.
  const out: Record<string, unknown> = { ...node };
  if ('text' in node) out.text = breakNode(node.text);
  for (const key of CONTENT_LISTS) {
    const items = node[key];
    if (Array.isArray(items)) out[key] = items.map(breakNode);
  }
  const table = node.table;
  if (isRecord(table) && Array.isArray(table.body)) {
    out.table = { ...table, body: table.body.map((row: unknown) => (Array.isArray(row) ? row.map(breakNode) : row)) };
  }
  const toc = node.toc;
  if (isRecord(toc) && 'title' in toc) out.toc = { ...toc, title: breakNode(toc.title) };
  return out;
}

/** A copy of pdfmake content with every long word in its text given break opportunities. */
export function breakLongWordsInContent(content: readonly Content[]): Content[] {
  // breakNode keeps the shape of what it is given: only strings inside it change.
  return content.map((node) => breakNode(node) as Content);
}
