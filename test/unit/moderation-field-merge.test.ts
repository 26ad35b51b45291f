import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { AppDatabase } from '../../renderer/db/app-database';
import {
  decodeVisitCriteria,
  encodeVisitCriteria,
  moderationFields,
  saveCriterionModerationChanges,
  saveVisitPlanChanges,
  visitFields,
  type ModerationFields,
  type VisitFields,
} from '../../renderer/db/moderation-store';
import { UserFacingError } from '../../renderer/db/storage-errors';
import { encodeCriterionNotes, encodeEvidenceSeen, encodeTimetable } from '../../shared/moderation/visit-timetable';
import { criterionModerationKey, type ImportedSubmission } from '../../shared/moderation/moderation-records';

const submissionKey = 'ws-1|submission-1';
const criterionId = 'NE-1.1.1';
const key = criterionModerationKey(submissionKey, criterionId);
const empty: ModerationFields = moderationFields(null);
const emptyPlan: VisitFields = visitFields(null);

/** Two windows: two database connections to one fake-indexeddb database, with one imported submission. */
async function twoWindows() {
  const name = `moderation-two-windows-${Date.now()}-${Math.random()}`;
  const a = new AppDatabase(name);
  const b = new AppDatabase(name);
  // Only the fields the saves read; the rest of the record is not looked at.
  await a.importedSubmissions.put({
    key: submissionKey,
    workspaceId: 'ws-1',
    submissionId: 'submission-1',
    status: 'new',
  } as ImportedSubmission);
  return [a, b] as const;
}

describe('saveCriterionModerationChanges (two windows on one criterion)', () => {
  it('keeps one window’s decision and the other’s comment when both save from the same start', async () => {
    const [a, b] = await twoWindows();
    await Promise.all([
      saveCriterionModerationChanges(a, submissionKey, criterionId, empty, { ...empty, decision: 'agree' }),
      saveCriterionModerationChanges(b, submissionKey, criterionId, empty, { ...empty, comment: 'Seen in the SEN register.' }),
    ]);
    expect(moderationFields((await b.criterionModerations.get(key)) ?? null)).toEqual({
      decision: 'agree',
      moderatedJudgement: null,
      comment: 'Seen in the SEN register.',
    });
    // The first decision moves the submission on, in the same transaction.
    expect((await a.importedSubmissions.get(submissionKey))?.status).toBe('in-review');
    a.close();
    b.close();
  });

  it('keeps a comment saved in another window after this window, which loaded before it, saves a decision', async () => {
    const [a, b] = await twoWindows();
    const loaded = empty;
    await saveCriterionModerationChanges(b, submissionKey, criterionId, loaded, { ...loaded, comment: 'From window B' });
    const result = await saveCriterionModerationChanges(a, submissionKey, criterionId, loaded, { ...loaded, decision: 'more-evidence' });
    expect(result.merge.write).toEqual(['decision']);
    expect(result.merge.take).toEqual(['comment']);
    expect(result.stored.fields).toEqual({ decision: 'more-evidence', moderatedJudgement: null, comment: 'From window B' });
    expect((await a.criterionModerations.get(key))?.comment).toBe('From window B');
    a.close();
    b.close();
  });

  it('reports a same-field conflict and leaves the stored comment as it is', async () => {
    const [a, b] = await twoWindows();
    const [first, second] = await Promise.all([
      saveCriterionModerationChanges(a, submissionKey, criterionId, empty, { ...empty, comment: 'Version A' }),
      saveCriterionModerationChanges(b, submissionKey, criterionId, empty, { ...empty, comment: 'Version B', decision: 'agree' }),
    ]);
    const conflicted = [first, second].filter((r) => r.merge.conflicts.length > 0);
    expect(conflicted).toHaveLength(1);
    const stored = (await a.criterionModerations.get(key))!;
    expect(['Version A', 'Version B']).toContain(stored.comment);
    expect(conflicted[0]!.merge.conflicts).toEqual([
      { field: 'comment', base: '', mine: stored.comment === 'Version A' ? 'Version B' : 'Version A', theirs: stored.comment },
    ]);
    // B's decision is written whichever order they ran in.
    expect(stored.decision).toBe('agree');
    a.close();
    b.close();
  });

  it('writes nothing when nothing changed here', async () => {
    const [a, b] = await twoWindows();
    const written = await saveCriterionModerationChanges(a, submissionKey, criterionId, empty, { ...empty, comment: 'From A' });
    const result = await saveCriterionModerationChanges(b, submissionKey, criterionId, empty, empty);
    expect(result.merge.write).toEqual([]);
    expect(result.stored.updatedAt).toBe(written.stored.updatedAt);
    expect((await b.criterionModerations.get(key))?.updatedAt).toBe(written.stored.updatedAt);
    a.close();
    b.close();
  });

  it('drops a moderated judgement (and any clash over it) once the decision is no longer "moderated"', async () => {
    const [a, b] = await twoWindows();
    const moderated = { decision: 'moderated', moderatedJudgement: 'developing', comment: '' };
    await saveCriterionModerationChanges(a, submissionKey, criterionId, empty, moderated);
    // B picks another point; A, meanwhile, changes its mind and agrees (its form no longer counts a judgement).
    await saveCriterionModerationChanges(b, submissionKey, criterionId, moderated, { ...moderated, moderatedJudgement: 'embedded' });
    const result = await saveCriterionModerationChanges(a, submissionKey, criterionId, moderated, {
      ...moderated,
      decision: 'agree',
      moderatedJudgement: null,
    });
    expect(result.merge.conflicts).toEqual([]);
    expect(await a.criterionModerations.get(key)).toMatchObject({ decision: 'agree', moderatedJudgement: null });
    a.close();
    b.close();
  });

  it('refuses a decision that is not one of the decisions, writing nothing', async () => {
    const [a, b] = await twoWindows();
    const refused = saveCriterionModerationChanges(a, submissionKey, criterionId, empty, { ...empty, decision: 'approve' });
    await expect(refused).rejects.toBeInstanceOf(UserFacingError);
    await expect(refused).rejects.toThrow('The decision could not be read, so it was not saved. Choose the decision again.');
    expect(await a.criterionModerations.count()).toBe(0);
    a.close();
    b.close();
  });

  it('refuses to save for a submission no longer in the workspace', async () => {
    const [a, b] = await twoWindows();
    await a.importedSubmissions.delete(submissionKey);
    await expect(saveCriterionModerationChanges(a, submissionKey, criterionId, empty, { ...empty, comment: 'x' })).rejects.toThrow(
      'This submission is no longer in the workspace, so the decision was not saved.',
    );
    expect(await a.criterionModerations.count()).toBe(0);
    a.close();
    b.close();
  });
});

describe('saveVisitPlanChanges (two windows on one visit plan)', () => {
  const drawn = encodeVisitCriteria({ criterionIds: ['NE-1.1.1', 'NE-2.1.1'], method: { kind: 'random', seed: 'abc', perStrand: 1 } });

  it('keeps one window’s criteria and the other’s notes and date', async () => {
    const [a, b] = await twoWindows();
    await Promise.all([
      saveVisitPlanChanges(a, submissionKey, emptyPlan, { ...emptyPlan, criteria: drawn }),
      saveVisitPlanChanges(b, submissionKey, emptyPlan, { ...emptyPlan, notes: 'Meet the SENCO first.', visitDate: '2027-01-12' }),
    ]);
    expect(await a.visitPlans.get(submissionKey)).toMatchObject({
      criterionIds: ['NE-1.1.1', 'NE-2.1.1'],
      method: { kind: 'random', seed: 'abc', perStrand: 1 },
      notes: 'Meet the SENCO first.',
      visitDate: '2027-01-12',
    });
    a.close();
    b.close();
  });

  it('reports a clash over the criteria and keeps the stored list', async () => {
    const [a, b] = await twoWindows();
    const byHand = encodeVisitCriteria({ criterionIds: ['NE-3.1.1'], method: { kind: 'hand' } });
    await saveVisitPlanChanges(b, submissionKey, emptyPlan, { ...emptyPlan, criteria: drawn });
    const result = await saveVisitPlanChanges(a, submissionKey, emptyPlan, { ...emptyPlan, criteria: byHand, notes: 'A' });
    expect(result.merge.conflicts).toEqual([{ field: 'criteria', base: emptyPlan.criteria, mine: byHand, theirs: drawn }]);
    expect(await a.visitPlans.get(submissionKey)).toMatchObject({ criterionIds: ['NE-1.1.1', 'NE-2.1.1'], notes: 'A' });
    a.close();
    b.close();
  });

  it('refuses criteria it cannot read, writing nothing', async () => {
    const [a, b] = await twoWindows();
    for (const criteria of ['not json', '{"criterionIds":[1],"method":{"kind":"hand"}}', '{"criterionIds":[],"method":{"kind":"random"}}'])
      await expect(saveVisitPlanChanges(a, submissionKey, emptyPlan, { ...emptyPlan, criteria })).rejects.toThrow(
        'The list of criteria to see could not be read, so it was not saved. Choose the criteria again.',
      );
    expect(await a.visitPlans.count()).toBe(0);
    a.close();
    b.close();
  });

  it('encodes the same choice as the same text, and reads back what it wrote', () => {
    const method = { perStrand: 2, seed: 's', kind: 'random' } as const;
    expect(encodeVisitCriteria({ criterionIds: ['x'], method })).toBe(
      encodeVisitCriteria({ criterionIds: ['x'], method: { kind: 'random', seed: 's', perStrand: 2 } }),
    );
    expect(decodeVisitCriteria(encodeVisitCriteria({ criterionIds: ['x'], method }))).toEqual({
      criterionIds: ['x'],
      method: { kind: 'random', seed: 's', perStrand: 2 },
    });
    expect(decodeVisitCriteria(null)).toBeNull();
  });

  it('keeps the rule’s proposal with a plan the rule proposed, reads it back, and refuses one it cannot read', () => {
    const sample = { seed: 'MOORSIDE', proposed: [{ criterionId: 'x', why: 'A mandatory criterion the school claims to meet.' }] };
    const rule = { criterionIds: ['x', 'y'], method: { kind: 'rule', seed: 'MOORSIDE' } as const, sample };
    expect(decodeVisitCriteria(encodeVisitCriteria(rule))).toEqual(rule);
    // Without a proposal, a plan reads as it was written before proposals were kept.
    expect(encodeVisitCriteria({ criterionIds: ['x'], method: { kind: 'hand' }, sample })).toBe(
      '{"criterionIds":["x"],"method":{"kind":"hand"}}',
    );
    expect(decodeVisitCriteria('{"criterionIds":["x"],"method":{"kind":"rule","seed":"S"}}')).toEqual({
      criterionIds: ['x'],
      method: { kind: 'rule', seed: 'S' },
    });
    for (const text of [
      '{"criterionIds":["x"],"method":{"kind":"rule","seed":""}}',
      '{"criterionIds":["x"],"method":{"kind":"rule","seed":"S"},"sample":{"seed":"S","proposed":[{"criterionId":1,"why":"?"}]}}',
      '{"criterionIds":["x"],"method":{"kind":"rule","seed":"S"},"sample":"all"}',
    ])
      expect(decodeVisitCriteria(text)).toBeNull();
  });

  it('stores the rule’s proposal with the plan', async () => {
    const [a, b] = await twoWindows();
    const sample = { seed: 'S', proposed: [{ criterionId: 'NE-1.1.1', why: 'A mandatory criterion the school claims to meet.' }] };
    const criteria = encodeVisitCriteria({ criterionIds: ['NE-1.1.1'], method: { kind: 'rule', seed: 'S' }, sample });
    await saveVisitPlanChanges(a, submissionKey, emptyPlan, { ...emptyPlan, criteria });
    expect(await b.visitPlans.get(submissionKey)).toMatchObject({
      criterionIds: ['NE-1.1.1'],
      method: { kind: 'rule', seed: 'S' },
      sample,
    });
    a.close();
    b.close();
  });
});

describe('the visit’s timetable, evidence seen and notes per criterion, saved as three more fields of the plan', () => {
  const timetable = encodeTimetable([
    { id: 'r1', start: '09:00', end: '', activity: 'book-look', withWhom: [], who: '', place: 'Year 4', criterionIds: ['NE-1.1.1'] },
  ]);
  const seen = encodeEvidenceSeen([{ id: 'e1', what: 'Maths books', where: 'Year 4', criterionIds: ['NE-1.1.1'] }]);
  const notes = encodeCriterionNotes({ 'NE-1.1.1': 'Books show adapted tasks.' });

  it('an older plan, stored without them, reads them as empty', () => {
    const older = { criterionIds: ['NE-1.1.1'], method: { kind: 'hand' as const }, visitDate: '', notes: 'n' };
    expect(visitFields(older)).toMatchObject({ timetable: '[]', evidenceSeen: '[]', criterionNotes: '{}' });
    expect(visitFields(older)).toEqual({ ...emptyPlan, criteria: visitFields(older).criteria, notes: 'n' });
  });

  it('keeps one window’s timetable and another’s evidence seen and notes', async () => {
    const [a, b] = await twoWindows();
    await Promise.all([
      saveVisitPlanChanges(a, submissionKey, emptyPlan, { ...emptyPlan, timetable }),
      saveVisitPlanChanges(b, submissionKey, emptyPlan, { ...emptyPlan, evidenceSeen: seen, criterionNotes: notes }),
    ]);
    const stored = await a.visitPlans.get(submissionKey);
    expect(stored?.timetable).toEqual([expect.objectContaining({ id: 'r1', activity: 'book-look', place: 'Year 4' })]);
    expect(stored?.evidenceSeen).toEqual([{ id: 'e1', what: 'Maths books', where: 'Year 4', criterionIds: ['NE-1.1.1'] }]);
    expect(stored?.criterionNotes).toEqual({ 'NE-1.1.1': 'Books show adapted tasks.' });
    a.close();
    b.close();
  });

  it('refuses a timetable, evidence or notes it cannot read, writing nothing', async () => {
    const [a, b] = await twoWindows();
    await expect(saveVisitPlanChanges(a, submissionKey, emptyPlan, { ...emptyPlan, timetable: '[{"id":1}]' })).rejects.toThrow(
      'The timetable could not be read, so the visit plan was not saved. Reload the page and add the rows again.',
    );
    await expect(saveVisitPlanChanges(a, submissionKey, emptyPlan, { ...emptyPlan, evidenceSeen: 'nope' })).rejects.toThrow(
      'The evidence seen could not be read, so the visit plan was not saved. Reload the page and record it again.',
    );
    await expect(saveVisitPlanChanges(a, submissionKey, emptyPlan, { ...emptyPlan, criterionNotes: '["x"]' })).rejects.toThrow(
      'The notes on each criterion could not be read, so the visit plan was not saved. Reload the page and type them again.',
    );
    expect(await a.visitPlans.count()).toBe(0);
    a.close();
    b.close();
  });
});
