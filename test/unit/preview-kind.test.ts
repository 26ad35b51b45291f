import { describe, expect, it } from 'vitest';
import { sniffFile, plainTextLength } from '../../shared/evidence/preview-kind';

const bytes = (...parts: (string | number[])[]): Uint8Array =>
  new Uint8Array(parts.flatMap((part) => (typeof part === 'string' ? Array.from(new TextEncoder().encode(part)) : part)));

const sniff = (head: Uint8Array, size = head.length) => sniffFile(head, size).kind;

describe('sniffFile decides from the bytes', () => {
  it.each([
    ['a PDF', bytes('%PDF-1.7\n%\u00e2\u00e3\n1 0 obj'), 'pdf'],
    ['a PNG', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), 'image'],
    ['a JPEG', bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), 'image'],
    ['a GIF87a', bytes('GIF87a', [1, 0, 1, 0]), 'image'],
    ['a GIF89a', bytes('GIF89a', [1, 0, 1, 0]), 'image'],
    ['a WebP', bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 '), 'image'],
    ['plain ASCII text', bytes('Minutes of the SEN meeting\n'), 'text'],
    ['UTF-8 text with accents and emoji', bytes('Café meeting 😀 – notes'), 'text'],
    ['CSV', bytes('name,score\nA,1\n'), 'text'],
    ['HTML (text, never rendered)', bytes('<!doctype html><script>alert(1)</script>'), 'text'],
    ['SVG (text, never rendered)', bytes('<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>'), 'text'],
    ['text with a NUL', bytes('abc', [0], 'def'), 'none'],
    ['UTF-16 text (NULs)', bytes([0xff, 0xfe, 0x61, 0, 0x62, 0]), 'none'],
    ['Latin-1 bytes that are not UTF-8', bytes([0x63, 0x61, 0x66, 0xe9, 0x20, 0x61]), 'none'],
    ['a zip (a .docx)', bytes('PK', [3, 4, 20, 0, 6, 0]), 'none'],
    ['the first four bytes of a zip', bytes('PK', [3, 4]), 'none'],
    ['a RIFF that is not WebP (a WAV)', bytes('RIFF', [0x24, 0, 0, 0], 'WAVEfmt '), 'none'],
    ['an empty file', bytes(), 'none'],
    ['a PDF signature not at the start', bytes(' %PDF-1.7'), 'text'],
    ['half a PNG signature', bytes([0x89, 0x50, 0x4e, 0x47]), 'none'],
  ])('%s', (_what, head, kind) => {
    expect(sniff(head)).toBe(kind);
  });

  it('gives the media type of the bytes, not of the name or the declared type', () => {
    expect(sniffFile(bytes('%PDF-1.4'), 8)).toEqual({ kind: 'pdf', mediaType: 'application/pdf' });
    expect(sniffFile(bytes([0xff, 0xd8, 0xff, 0xdb]), 4)).toEqual({ kind: 'image', mediaType: 'image/jpeg' });
    expect(sniffFile(bytes('<html>'), 6)).toEqual({ kind: 'text', mediaType: 'text/plain' });
  });
});

describe('plainTextLength', () => {
  it.each([
    ['ASCII', bytes('abc'), false, 3],
    ['two, three and four-byte characters', bytes('é文😀'), false, 9],
    ['an overlong slash (C0 AF)', bytes([0xc0, 0xaf]), false, -1],
    ['an overlong three-byte form (E0 80 AF)', bytes([0xe0, 0x80, 0xaf]), false, -1],
    ['a surrogate (ED A0 80)', bytes([0xed, 0xa0, 0x80]), false, -1],
    ['past U+10FFFF (F4 90 80 80)', bytes([0xf4, 0x90, 0x80, 0x80]), false, -1],
    ['a lone continuation byte', bytes([0x61, 0x80]), false, -1],
    ['a lead byte then ASCII', bytes([0xe2, 0x61, 0x61]), false, -1],
    ['F5 and above', bytes([0xf5, 0x80, 0x80, 0x80]), false, -1],
    ['a NUL', bytes([0x61, 0x00]), false, -1],
    ['a control character that text does not hold', bytes([0x50, 0x4b, 0x03, 0x04]), false, -1],
    ['tabs, line breaks, a page break and an escape', bytes('a\tb\r\nc\fd\u001b[0m'), false, 12],
    ['a character cut by the end of the file', bytes([0x61, 0xe2, 0x82]), false, -1],
    ['a character cut by the end of the sample', bytes([0x61, 0xe2, 0x82]), true, 1],
    ['a bad byte inside a cut character', bytes([0x61, 0xe2, 0x41]), true, -1],
  ])('%s', (_what, input, truncated, length) => {
    expect(plainTextLength(input, truncated)).toBe(length);
  });

  it('agrees with a strict TextDecoder on every two-byte sequence', () => {
    const strict = new TextDecoder('utf-8', { fatal: true });
    for (let a = 0; a < 256; a += 1) {
      for (let b = 0; b < 256; b += 1) {
        const input = new Uint8Array([a, b]);
        let valid = true;
        try {
          strict.decode(input);
        } catch {
          valid = false;
        }
        const control = (byte: number) => byte < 0x20 && ![0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x1b].includes(byte);
        expect(plainTextLength(input, false) === 2, `${a.toString(16)} ${b.toString(16)}`).toBe(valid && !control(a) && !control(b));
      }
    }
  });

  it('agrees with a strict TextDecoder on three- and four-byte sequences', () => {
    const strict = new TextDecoder('utf-8', { fatal: true });
    const leads = [0xe0, 0xe1, 0xed, 0xee, 0xef, 0xf0, 0xf1, 0xf4, 0xf5];
    for (const lead of leads) {
      for (let b = 0x70; b < 0xd0; b += 1) {
        for (const c of [0x41, 0x80, 0xbf, 0xc0]) {
          for (const tail of [[], [0x80], [0xbf, 0x80]]) {
            const input = new Uint8Array([lead, b, c, ...tail]);
            let valid = true;
            try {
              strict.decode(input);
            } catch {
              valid = false;
            }
            expect(plainTextLength(input, false) === input.length).toBe(valid);
          }
        }
      }
    }
  });
});
