import { describe, expect, it } from 'vitest';
import { attachmentNameParts, fileNameBytes, MAX_FILE_NAME_BYTES, safeFileName } from '../../shared/formats/safe-file-name';

describe('safeFileName', () => {
  it.each([
    ['an ordinary name', 'SEN policy 2026.pdf', 'SEN policy 2026.pdf'],
    ['a right-to-left override hiding an executable', 'invoice\u202Efdp.exe', 'invoicefdp.exe'],
    [
      'every bidi embedding, override and isolate',
      'a\u202Ab\u202Bc\u202Cd\u202De\u202Ef\u2066g\u2067h\u2068i\u2069j.txt',
      'abcdefghij.txt',
    ],
    ['direction marks', 'a\u200Eb\u200Fc\u061Cd.txt', 'abcd.txt'],
    ['C0 controls, DEL and C1 controls', 'a\u0000b\u0007c\u001bd\u007fe\u0085f\u009fg.pdf', 'abcdefg.pdf'],
    ['a newline and a tab', 'line one\nline\ttwo.txt', 'line onelinetwo.txt'],
    ['the characters Windows refuses', 'a<b>c:d"e/f\\g|h?i*j.pdf', 'a-b-c-d-e-f-g-h-i-j.pdf'],
    ['a folder climb', '../../etc/passwd', '-..-etc-passwd'],
    ['trailing dots and spaces', 'report. . .', 'report'],
    ['trailing dots after an extension', 'report.pdf...', 'report.pdf'],
    ['leading dots', '...hidden', 'hidden'],
    ['leading and trailing spaces', '  notes.txt  ', 'notes.txt'],
    ['CON.pdf', 'CON.pdf', '_CON.pdf'],
    ['con without an extension', 'con', '_con'],
    ['nul with two extensions', 'nul.tar.gz', '_nul.tar.gz'],
    ['PRN with a space before the dot', 'PRN .txt', '_PRN .txt'],
    ['AUX', 'Aux.docx', '_Aux.docx'],
    ['COM1', 'COM1.pdf', '_COM1.pdf'],
    ['COM9', 'com9', '_com9'],
    ['LPT1', 'LPT1.txt', '_LPT1.txt'],
    ['LPT9', 'lpt9.csv', '_lpt9.csv'],
    ['a name that only starts like a device', 'CONTRACT.pdf', 'CONTRACT.pdf'],
    ['a device name after the first dot', 'minutes.con.pdf', 'minutes.con.pdf'],
    ['only controls', '\u0007\u202E', 'file'],
    ['only dots', '...', 'file'],
    ['empty', '', 'file'],
    ['a lone surrogate', 'a\uD800b.pdf', 'ab.pdf'],
    ['decomposed accents, composed', 'cafe\u0301.txt', 'caf\u00e9.txt'],
    ['an emoji kept whole', 'plan 😀.pdf', 'plan 😀.pdf'],
  ])('%s', (_what, name, expected) => {
    expect(safeFileName(name)).toBe(expected);
  });

  it('uses the fallback given when nothing is left', () => {
    expect(safeFileName('\u202E', 'document.pdf')).toBe('document.pdf');
  });

  it.each([
    ['ASCII', 'a', 1],
    ['two-byte letters', 'é', 2],
    ['three-byte letters', '文', 3],
    ['four-byte emoji', '😀', 4],
  ])('shortens a long name of %s to at most 255 UTF-8 bytes, keeping the extension', (_what, unit, size) => {
    for (const count of [254, 255, 256, 300, 100_000]) {
      const name = `${unit.repeat(count)}.pdf`;
      const safe = safeFileName(name);
      expect(fileNameBytes(safe)).toBeLessThanOrEqual(MAX_FILE_NAME_BYTES);
      expect(safe.endsWith('.pdf')).toBe(true);
      // As long as it can be: one more character would not fit (less the byte a device prefix may need).
      if (fileNameBytes(name) > MAX_FILE_NAME_BYTES) expect(fileNameBytes(safe) + size).toBeGreaterThan(MAX_FILE_NAME_BYTES - 1);
      else expect(safe).toBe(name);
      expect(safe).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
    }
  });

  it('shortens a long name without an extension', () => {
    const safe = safeFileName('x'.repeat(1000));
    expect(safe).toBe('x'.repeat(254));
  });

  it('takes a very long "extension" as part of the name', () => {
    const safe = safeFileName(`a.${'b'.repeat(400)}`);
    expect(fileNameBytes(safe)).toBeLessThanOrEqual(MAX_FILE_NAME_BYTES);
    expect(safe.startsWith('a.bbb')).toBe(true);
  });

  it('does not leave trailing dots or spaces where it cut a long name', () => {
    const safe = safeFileName(`${'a'.repeat(249)}  . . . . . . . . . .pdf`);
    expect(safe).toBe(`${'a'.repeat(249)}.pdf`);
  });

  it('is unchanged when applied twice', () => {
    for (const name of ['CON.pdf', 'a\u202Eb.txt', `${'é'.repeat(300)}.pdf`, 'report. .', '...', '😀'.repeat(200)]) {
      const once = safeFileName(name);
      expect(safeFileName(once)).toBe(once);
    }
  });
});

describe('attachmentNameParts', () => {
  it.each([
    ['SEN Policy (final) 2026.PDF', 'sen-policy-final-2026', '.pdf'],
    ['C:\\Users\\sam\\Café plan.docx', 'cafe-plan', '.docx'],
    ['../../etc/passwd', 'passwd', ''],
    ['notes.tar.gz', 'notes-tar', '.gz'],
    ['.hidden', 'hidden', ''],
    ['report.this-is-not-an-extension', 'report', ''],
    ['', '', ''],
    ['???.pdf', '', '.pdf'],
  ])('%j gives the slug %j and the extension %j', (name, slug, extension) => {
    expect(attachmentNameParts(name)).toEqual({ slug, extension });
  });

  it('keeps the slug to 60 characters without a dash at its end', () => {
    const { slug } = attachmentNameParts(`${'a'.repeat(59)} b and more.txt`);
    expect(slug).toBe('a'.repeat(59));
    expect(attachmentNameParts(`${'x'.repeat(100)}.pdf`).slug).toHaveLength(60);
  });
});
