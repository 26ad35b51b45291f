import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { changedFields, mergeFields, type FieldValue } from '../../shared/evaluation/field-merge';
import { AppDatabase } from '../../renderer/db/app-database';
import { RESPONSE_FIELDS, responseFields, saveResponseChanges, type ResponseFields } from '../../renderer/db/evaluation-store';
import { responseKey } from '../../shared/evaluation/evaluation-records';

type F = 'a' | 'b';
const FIELDS: readonly F[] = ['a', 'b'];
const r = (a: FieldValue, b: FieldValue): Record<F, FieldValue> => ({ a, b });

describe('mergeFields (one field at a time: base, mine, theirs)', () => {
  // Every combination of "changed here" and "changed there" for field a; field b never changes.
  const table: {
    name: string;
    base: FieldValue;
    mine: FieldValue;
    theirs: FieldValue;
    expect: 'none' | 'write' | 'take' | 'conflict';
    merged: FieldValue;
  }[] = [
    { name: 'changed nowhere', base: 'x', mine: 'x', theirs: 'x', expect: 'none', merged: 'x' },
    { name: 'changed only here', base: 'x', mine: 'mine', theirs: 'x', expect: 'write', merged: 'mine' },
    { name: 'changed only there', base: 'x', mine: 'x', theirs: 'theirs', expect: 'take', merged: 'theirs' },
    { name: 'changed in both to the same value', base: 'x', mine: 'same', theirs: 'same', expect: 'none', merged: 'same' },
    { name: 'changed in both to different values', base: 'x', mine: 'mine', theirs: 'theirs', expect: 'conflict', merged: 'theirs' },
    { name: 'cleared here (null), unchanged there', base: 'x', mine: null, theirs: 'x', expect: 'write', merged: null },
    {
      name: 'set here from null, set there from null to another value',
      base: null,
      mine: 'm',
      theirs: 't',
      expect: 'conflict',
      merged: 't',
    },
    { name: 'emptied here, unchanged there', base: 'text', mine: '', theirs: 'text', expect: 'write', merged: '' },
    { name: 'empty string and null are different values', base: '', mine: null, theirs: '', expect: 'write', merged: null },
  ];
  for (const row of table) {
    it(row.name, () => {
      const result = mergeFields(FIELDS, r(row.base, 'keep'), r(row.mine, 'keep'), r(row.theirs, 'keep'));
      expect(result.merged).toEqual({ a: row.merged, b: 'keep' });
      expect(result.write).toEqual(row.expect === 'write' ? ['a'] : []);
      expect(result.take).toEqual(row.expect === 'take' ? ['a'] : []);
      expect(result.conflicts).toEqual(
        row.expect === 'conflict' ? [{ field: 'a', base: row.base, mine: row.mine, theirs: row.theirs }] : [],
      );
    });
  }

  it('merges different fields changed in different windows', () => {
    const result = mergeFields(FIELDS, r('a0', 'b0'), r('a-mine', 'b0'), r('a0', 'b-theirs'));
    expect(result.merged).toEqual({ a: 'a-mine', b: 'b-theirs' });
    expect(result.write).toEqual(['a']);
    expect(result.take).toEqual(['b']);
    expect(result.conflicts).toEqual([]);
  });

  it('agrees with an independent rule on every combination of three values', () => {
    const values: FieldValue[] = [null, '', 'p', 'q'];
    for (const base of values)
      for (const mine of values)
        for (const theirs of values) {
          const result = mergeFields(['a'], { a: base }, { a: mine }, { a: theirs });
          // Independent statement: the stored value changes only when this window alone changed it.
          const expected = mine !== base && theirs === base ? mine : theirs;
          expect(result.merged.a).toBe(expected);
          const conflict = mine !== base && theirs !== base && mine !== theirs;
          expect(result.conflicts.length).toBe(conflict ? 1 : 0);
          // Nothing a window changed is lost: either stored, or reported as a conflict.
          if (mine !== base) expect(result.merged.a === mine || conflict).toBe(true);
          if (theirs !== base) expect(result.merged.a === theirs).toBe(true);
        }
  });

  it('lists only changed fields', () => {
    expect(changedFields(FIELDS, r('x', 'y'), r('x', 'z'))).toEqual(['b']);
    expect(changedFields(FIELDS, r('x', 'y'), r('x', 'y'))).toEqual([]);
  });
});

describe('saveResponseChanges (two windows: two database connections to one database)', () => {
  const evaluationId = 'evaluation-1';
  const criterionId = 'NE-1.1.1';
  const key = responseKey(evaluationId, criterionId);
  const empty: ResponseFields = responseFields(null);

  function twoWindows() {
    const name = `two-windows-${Date.now()}-${Math.random()}`;
    return [new AppDatabase(name), new AppDatabase(name)] as const;
  }

  it('keeps one window’s judgement and the other’s narrative when both save from the same start', async () => {
    const [a, b] = twoWindows();
    await Promise.all([
      saveResponseChanges(a, evaluationId, criterionId, empty, { ...empty, judgement: 'established' }),
      saveResponseChanges(b, evaluationId, criterionId, empty, { ...empty, narrative: 'Typed in window B' }),
    ]);
    expect(responseFields((await a.responses.get(key)) ?? null)).toEqual({
      judgement: 'established',
      narrative: 'Typed in window B',
      nextSteps: '',
    });
    a.close();
    b.close();
  });

  it('reports a same-field conflict and leaves the stored version as it is', async () => {
    const [a, b] = twoWindows();
    const [first, second] = await Promise.all([
      saveResponseChanges(a, evaluationId, criterionId, empty, { ...empty, narrative: 'Version A' }),
      saveResponseChanges(b, evaluationId, criterionId, empty, { ...empty, narrative: 'Version B', nextSteps: 'Steps from B' }),
    ]);
    // The transactions run one after the other: whichever ran second finds the other's narrative.
    const results = [first, second];
    const conflicted = results.filter((result) => result.merge.conflicts.length > 0);
    expect(conflicted).toHaveLength(1);
    const stored = (await a.responses.get(key))!;
    const winner = stored.narrative;
    expect(['Version A', 'Version B']).toContain(winner);
    expect(conflicted[0]!.merge.conflicts).toEqual([
      { field: 'narrative', base: '', mine: winner === 'Version A' ? 'Version B' : 'Version A', theirs: winner },
    ]);
    // B's other change is written whichever order they ran in.
    expect(stored.nextSteps).toBe('Steps from B');
    a.close();
    b.close();
  });

  it('writes nothing when nothing changed, and reports the other window’s change to take', async () => {
    const [a, b] = twoWindows();
    const written = await saveResponseChanges(a, evaluationId, criterionId, empty, { ...empty, nextSteps: 'From A' });
    const updatedAt = written.stored.updatedAt;
    const result = await saveResponseChanges(b, evaluationId, criterionId, empty, empty);
    expect(result.merge.write).toEqual([]);
    expect(result.merge.take).toEqual(['nextSteps']);
    expect(result.stored.updatedAt).toBe(updatedAt);
    expect((await b.responses.get(key))?.updatedAt).toBe(updatedAt);
    expect(RESPONSE_FIELDS).toEqual(['judgement', 'narrative', 'nextSteps']);
    a.close();
    b.close();
  });
});
