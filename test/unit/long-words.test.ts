import { describe, expect, it } from 'vitest';
import type { Content } from 'pdfmake/interfaces';
import { documentDefinition } from '../../shared/pdf/layout-blocks';
import { BREAK_OPPORTUNITY, breakLongWords, breakLongWordsInContent, LONG_WORD_LIMIT } from '../../shared/pdf/long-words';

const ZW = BREAK_OPPORTUNITY;
const longest = (text: string) => Math.max(0, ...text.split(/[ \t\n\r\f\v\u200b\u00ad]/).map((run) => Array.from(run).length));

describe('breakLongWords', () => {
  it.each([
    ['an empty text', '', ''],
    ['ordinary prose', 'Pupils with SEN make good progress in reading.', 'Pupils with SEN make good progress in reading.'],
    ['a word of exactly the limit', 'a'.repeat(LONG_WORD_LIMIT), 'a'.repeat(LONG_WORD_LIMIT)],
    ['a word one past the limit', 'a'.repeat(LONG_WORD_LIMIT + 1), `${'a'.repeat(LONG_WORD_LIMIT)}${ZW}a`],
    ['a word of twice the limit', 'b'.repeat(2 * LONG_WORD_LIMIT), `${'b'.repeat(LONG_WORD_LIMIT)}${ZW}${'b'.repeat(LONG_WORD_LIMIT)}`],
    ['a long word between short ones', `see ${'x'.repeat(LONG_WORD_LIMIT + 5)} here`, `see ${'x'.repeat(LONG_WORD_LIMIT)}${ZW}xxxxx here`],
    ['a long word already broken by the writer', `${'a'.repeat(20)}${ZW}${'a'.repeat(20)}`, `${'a'.repeat(20)}${ZW}${'a'.repeat(20)}`],
    ['a long word with soft hyphens', `${'a'.repeat(25)}\u00ad${'a'.repeat(25)}`, `${'a'.repeat(25)}\u00ad${'a'.repeat(25)}`],
    ['words joined by no-break spaces', `${'ab\u00a0'.repeat(11)}`, `${'ab\u00a0'.repeat(10)}${ZW}ab\u00a0`],
  ])('%s', (_what, input, expected) => {
    expect(breakLongWords(input)).toBe(expected);
  });

  it('keeps the text as it was, less the break opportunities', () => {
    const inputs = [
      'a'.repeat(1000),
      `https://example.org/${'path/'.repeat(40)}`,
      '-'.repeat(500),
      `${'文'.repeat(100)} ${'😀'.repeat(100)}`,
    ];
    for (const input of inputs) expect(breakLongWords(input).replaceAll(ZW, '')).toBe(input);
  });

  it('leaves no run longer than the limit in a very long word', () => {
    const word = 'abcdefghij'.repeat(10_000);
    const broken = breakLongWords(word);
    expect(longest(broken)).toBe(LONG_WORD_LIMIT);
    expect(broken.replaceAll(ZW, '')).toBe(word);
  });

  it('counts characters, not UTF-16 units, and never splits a surrogate pair', () => {
    const broken = breakLongWords('😀'.repeat(LONG_WORD_LIMIT + 1));
    expect(broken).toBe(`${'😀'.repeat(LONG_WORD_LIMIT)}${ZW}😀`);
    expect(broken).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });

  it('never breaks before a combining mark or inside an emoji sequence', () => {
    // "e" and a combining acute accent: a break before the accent would leave it on its own.
    const accented = `${'a'.repeat(LONG_WORD_LIMIT - 1)}e\u0301${'b'.repeat(5)}`;
    expect(breakLongWords(accented)).toBe(`${'a'.repeat(LONG_WORD_LIMIT - 1)}e\u0301${ZW}${'b'.repeat(5)}`);
    const family = '\u{1f469}\u200d\u{1f467}';
    const withFamily = `${'a'.repeat(LONG_WORD_LIMIT - 1)}${family}${'b'.repeat(5)}`;
    expect(breakLongWords(withFamily)).toContain(family);
    const skinTone = `${'a'.repeat(LONG_WORD_LIMIT)}\u{1f3fb}bb`;
    expect(breakLongWords(skinTone)).not.toContain(`${ZW}\u{1f3fb}`);
  });

  it('still breaks a letter carrying very many marks', () => {
    const broken = breakLongWords(`a${'\u0301'.repeat(10_000)}`);
    expect(longest(broken)).toBeLessThanOrEqual(2 * LONG_WORD_LIMIT);
  });
});

describe('breakLongWordsInContent', () => {
  const long = 'q'.repeat(LONG_WORD_LIMIT + 10);
  const broken = `${'q'.repeat(LONG_WORD_LIMIT)}${ZW}${'q'.repeat(10)}`;

  it('breaks long words wherever pdfmake lays out text', () => {
    const content: Content[] = [
      long,
      { text: long, style: 'paragraph' },
      { text: ['Narrative: ', { text: long, bold: true }, long] },
      { stack: [long, { columns: [{ text: long, width: '*' }] }] },
      { ul: [long] },
      { ol: [{ text: long }] },
      {
        table: {
          widths: ['*', '*'],
          body: [
            [long, { text: long }],
            [{ stack: [long] }, ''],
          ],
        },
      },
      { toc: { title: { text: long } } },
    ];
    expect(breakLongWordsInContent(content)).toEqual([
      broken,
      { text: broken, style: 'paragraph' },
      { text: ['Narrative: ', { text: broken, bold: true }, broken] },
      { stack: [broken, { columns: [{ text: broken, width: '*' }] }] },
      { ul: [broken] },
      { ol: [{ text: broken }] },
      {
        table: {
          widths: ['*', '*'],
          body: [
            [broken, { text: broken }],
            [{ stack: [broken] }, ''],
          ],
        },
      },
      { toc: { title: { text: broken } } },
    ]);
  });

  it('never changes what is not text: images, links, styles', () => {
    const image = `data:image/png;base64,${'A'.repeat(200)}`;
    const link = `https://example.org/${'a'.repeat(100)}`;
    const content: Content[] = [
      { image, width: 100 },
      { text: 'Open', link, style: `style${'x'.repeat(40)}` },
    ];
    expect(breakLongWordsInContent(content)).toEqual(content);
  });

  it('leaves the content it was given unchanged', () => {
    const content: Content[] = [{ text: long }, { stack: [long] }];
    const copy = structuredClone(content);
    breakLongWordsInContent(content);
    expect(content).toEqual(copy);
  });
});

describe('documentDefinition, which every layout uses', () => {
  it('breaks long words in the content and in the footer', () => {
    const long = 'w'.repeat(LONG_WORD_LIMIT * 3);
    const dd = documentDefinition({
      info: { title: 'T', author: 'A', subject: 'S' },
      footerText: long,
      content: [{ text: long }],
    });
    expect(dd.content).toEqual([{ text: breakLongWords(long) }]);
    const footer = typeof dd.footer === 'function' ? dd.footer(1, 2, { width: 595, height: 842, orientation: 'portrait' }) : null;
    expect(footer).toEqual(
      expect.objectContaining({
        columns: [expect.objectContaining({ text: breakLongWords(long) }), expect.objectContaining({ text: 'Page 1 of 2', noWrap: true })],
      }),
    );
  });
});
