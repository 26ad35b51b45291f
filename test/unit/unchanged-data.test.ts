import { describe, expect, it } from 'vitest';
import { keepUnchanged, samePlainData } from '../../shared/records/unchanged-data';

describe('samePlainData', () => {
  it('takes equal primitives, arrays and plain objects for the same, whatever their key order', () => {
    expect(samePlainData('a', 'a')).toBe(true);
    expect(samePlainData(Number.NaN, Number.NaN)).toBe(true);
    expect(samePlainData(null, null)).toBe(true);
    expect(samePlainData([1, [2, { a: null }]], [1, [2, { a: null }]])).toBe(true);
    expect(samePlainData({ a: 1, b: { c: 'x' } }, { b: { c: 'x' }, a: 1 })).toBe(true);
  });

  it('tells apart a changed value, a missing or extra key, another length and another kind', () => {
    expect(samePlainData({ a: 1, updatedAt: '2026-12-05T10:00:00Z' }, { a: 1, updatedAt: '2026-12-05T10:00:01Z' })).toBe(false);
    expect(samePlainData({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(samePlainData({ a: 1, b: undefined }, { a: 1, c: undefined })).toBe(false);
    expect(samePlainData([1, 2], [1, 2, 3])).toBe(false);
    expect(samePlainData([1], { 0: 1 })).toBe(false);
    expect(samePlainData(null, {})).toBe(false);
    expect(samePlainData(undefined, null)).toBe(false);
    expect(samePlainData('1', 1)).toBe(false);
    expect(samePlainData(0, -0)).toBe(false);
  });

  it('takes a Date, a typed array or a class instance for the same only as itself', () => {
    const date = new Date(0);
    expect(samePlainData(date, date)).toBe(true);
    expect(samePlainData(new Date(0), new Date(0))).toBe(false);
    expect(samePlainData(new Uint8Array([1]), new Uint8Array([1]))).toBe(false);
    class Point {
      constructor(readonly x: number) {}
    }
    expect(samePlainData(new Point(1), new Point(1))).toBe(false);
    expect(samePlainData({ at: new Date(0) }, { at: new Date(0) })).toBe(false);
  });
});

describe('keepUnchanged', () => {
  it('gives the next answer when there was none before', () => {
    const next = { a: 1 };
    expect(keepUnchanged(undefined, next)).toBe(next);
  });

  it('gives the previous answer itself when the next holds the same data', () => {
    const previous = { evaluation: { id: 'e', title: 'T' }, school: { id: 's', name: 'N' } };
    const next = { evaluation: { id: 'e', title: 'T' }, school: { id: 's', name: 'N' } };
    expect(keepUnchanged(previous, next)).toBe(previous);
  });

  it('keeps each unchanged part of an object answer and takes the changed ones', () => {
    const previous = { evaluation: { id: 'e', updatedAt: '1' }, school: { id: 's', name: 'N' }, links: [{ id: 'l' }] };
    const next = { evaluation: { id: 'e', updatedAt: '2' }, school: { id: 's', name: 'N' }, links: [{ id: 'l' }, { id: 'm' }] };
    const kept = keepUnchanged(previous, next);
    expect(kept).not.toBe(previous);
    expect(kept).toEqual(next);
    expect(kept.school).toBe(previous.school);
    expect(kept.evaluation).toBe(next.evaluation);
    expect(kept.links).toBe(next.links);
  });

  it('keeps an undefined part as undefined, and takes a part that appeared', () => {
    const previous: { evaluation: { id: string } | undefined; school: { id: string } | undefined } = {
      evaluation: undefined,
      school: undefined,
    };
    const next = { evaluation: { id: 'e' }, school: undefined };
    const kept = keepUnchanged(previous, next);
    expect(kept).toEqual(next);
    expect(kept.evaluation).toBe(next.evaluation);
  });

  it('gives a changed array or primitive answer as it is', () => {
    const next = [{ id: 'a' }, { id: 'b' }];
    expect(keepUnchanged([{ id: 'a' }], next)).toBe(next);
    expect(keepUnchanged<string | null>('a', null)).toBeNull();
    const same = [{ id: 'a' }];
    expect(keepUnchanged(same, [{ id: 'a' }])).toBe(same);
  });
});
