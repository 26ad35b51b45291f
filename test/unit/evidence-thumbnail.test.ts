import { describe, expect, it } from 'vitest';
import { THUMBNAIL_MAX_SIDE, thumbnailSize, thumbnailSource } from '../../shared/evidence/evidence-thumbnail';

const bytes = (...values: number[]) => new Uint8Array(values);
const ascii = (text: string) => new TextEncoder().encode(text);

describe('thumbnailSource: what can be drawn, from the bytes alone', () => {
  it.each([
    ['a PNG', bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0), 'image'],
    ['a JPEG', bytes(0xff, 0xd8, 0xff, 0xe0), 'image'],
    ['a GIF', ascii('GIF89a....'), 'image'],
    ['a WebP', ascii('RIFF\0\0\0\0WEBPVP8 '), 'image'],
    ['a PDF', ascii('%PDF-1.7\n'), 'pdf'],
  ] as const)('%s is drawn as %s', (_what, head, expected) => {
    expect(thumbnailSource(head)).toBe(expected);
  });

  it.each([
    ['an HTML page', ascii('<!doctype html><script>alert(1)</script>')],
    ['an SVG', ascii('<svg xmlns="http://www.w3.org/2000/svg"></svg>')],
    ['a Word file', bytes(0x50, 0x4b, 0x03, 0x04, 0x14, 0)],
    ['an empty file', bytes()],
    ['a RIFF that is not WebP (a WAV)', ascii('RIFF\0\0\0\0WAVEfmt ')],
  ])('%s is not drawn', (_what, head) => {
    expect(thumbnailSource(head)).toBeNull();
  });
});

describe('thumbnailSize', () => {
  it('fits the longest side to the maximum and keeps the proportion', () => {
    expect(thumbnailSize(1600, 1200)).toEqual({ width: THUMBNAIL_MAX_SIDE, height: 120 });
    expect(thumbnailSize(595, 842)).toEqual({ width: 113, height: THUMBNAIL_MAX_SIDE });
  });

  it('does not enlarge a small picture, and keeps a very thin one at least one pixel wide', () => {
    expect(thumbnailSize(40, 30)).toEqual({ width: 40, height: 30 });
    expect(thumbnailSize(10_000, 2)).toEqual({ width: THUMBNAIL_MAX_SIDE, height: 1 });
  });

  it.each([
    [0, 100],
    [100, -1],
    [Number.NaN, 10],
    [Number.POSITIVE_INFINITY, 10],
  ])('refuses %s × %s', (width, height) => {
    expect(thumbnailSize(width, height)).toBeNull();
  });
});
