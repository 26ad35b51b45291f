import { describe, expect, it } from 'vitest';
import { MAX_UNSAVED_COPY_CHARS, parseUnsaved, readUnsaved, unsavedPrefix, writeUnsaved } from '../../renderer/app/unsaved-edits';

const FIELDS = ['a', 'b'] as const;
const entry = (at: string, a: string | null = 'x') => ({ base: { a: null, b: '' }, mine: { a, b: '' }, at });

describe('copies of unsaved changes in local storage', () => {
  it('reads back what it wrote, oldest first, without the form’s own copy', () => {
    const prefix = unsavedPrefix('response', 'e1|c1');
    writeUnsaved(localStorage, `${prefix}late`, entry('2026-12-04T10:00:02.000Z', 'late'));
    writeUnsaved(localStorage, `${prefix}early`, entry('2026-12-04T10:00:01.000Z', 'early'));
    writeUnsaved(localStorage, `${prefix}own`, entry('2026-12-04T10:00:00.000Z', 'own'));
    writeUnsaved(localStorage, `${unsavedPrefix('response', 'e1|c2')}other`, entry('2026-12-04T10:00:00.000Z', 'other record'));
    const found = readUnsaved(localStorage, prefix, FIELDS, `${prefix}own`);
    expect(found.map((f) => f.entry.mine.a)).toEqual(['early', 'late']);
    writeUnsaved(localStorage, `${prefix}late`, null);
    expect(readUnsaved(localStorage, prefix, FIELDS, `${prefix}own`).map((f) => f.key)).toEqual([`${prefix}early`]);
  });

  it('reads a copy kept before the form gained a field as leaving that field unchanged', () => {
    const older = JSON.stringify({ base: { a: null }, mine: { a: 'typed before the update' }, at: 't' });
    expect(parseUnsaved(older, FIELDS)).toEqual({ base: { a: null, b: null }, mine: { a: 'typed before the update', b: null }, at: 't' });
  });

  it.each([
    ['not JSON', '{'],
    ['not an object', '"text"'],
    ['a missing field', JSON.stringify({ base: { a: null }, mine: { a: 'x', b: '' }, at: 't' })],
    ['a number for a field', JSON.stringify({ base: { a: 1, b: '' }, mine: { a: 'x', b: '' }, at: 't' })],
    ['no time', JSON.stringify({ base: { a: null, b: '' }, mine: { a: 'x', b: '' } })],
    ['an array', JSON.stringify([])],
  ])('refuses, and removes, a copy that is %s', (_what, text) => {
    expect(parseUnsaved(text, FIELDS)).toBeNull();
    const prefix = unsavedPrefix('response', 'e1|c1');
    localStorage.setItem(`${prefix}bad`, text);
    expect(readUnsaved(localStorage, prefix, FIELDS, `${prefix}own`)).toEqual([]);
    expect(localStorage.getItem(`${prefix}bad`)).toBeNull();
  });

  it('keeps a copy of up to MAX_UNSAVED_COPY_CHARS characters, and removes the older copy past it', () => {
    const key = `${unsavedPrefix('response', 'e1|c1')}own`;
    const half = MAX_UNSAVED_COPY_CHARS / 2;
    const copy = (mineLength: number) => ({ base: { a: 'x'.repeat(half), b: '' }, mine: { a: 'y'.repeat(mineLength), b: '' }, at: 't' });
    expect(writeUnsaved(localStorage, key, copy(half))).toBe(true);
    expect(parseUnsaved(localStorage.getItem(key), FIELDS)?.mine.a).toHaveLength(half);
    expect(writeUnsaved(localStorage, key, copy(half + 1))).toBe(false);
    expect(localStorage.getItem(key)).toBeNull();
  });

  it('does not throw when storage refuses a write, or there is none', () => {
    const full = {
      setItem: () => {
        throw new DOMException('full', 'QuotaExceededError');
      },
      removeItem: () => undefined,
    } as unknown as Storage;
    expect(writeUnsaved(full, 'k', entry('t'))).toBe(false);
    expect(writeUnsaved(null, 'k', entry('t'))).toBe(false);
    expect(readUnsaved(null, 'p', FIELDS, 'own')).toEqual([]);
  });
});
