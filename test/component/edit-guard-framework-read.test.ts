import { describe, expect, it, vi } from 'vitest';
import type { AppDatabase } from '../../renderer/db/app-database';
import { storedEvaluationEditable } from '../../renderer/db/evaluation-edit-guard';
import { responseFields, saveResponseChanges } from '../../renderer/db/evaluation-store';
import { freshDatabase, seedSchoolAndEvaluation } from './render-app';

/**
 * Each autosave asks whether the evaluation may still be changed; for a partnership's own framework
 * that was a read of the whole framework record at every save. The status is now read once per
 * framework (its record is stored under its content's hash, so it cannot change under it).
 */
/** A partnership's own framework file, imported, that marks itself historic. */
function putHistoricFramework(db: AppDatabase, ref: { id: string; version: string; contentHash: string }, fileName: string) {
  return db.frameworks.put({
    contentHash: ref.contentHash,
    id: ref.id,
    version: ref.version,
    fileName,
    value: { status: 'historic' },
    importedAt: new Date().toISOString(),
  });
}

describe('the edit guard on an imported framework', () => {
  it('reads the framework record at the first save only, and every save still goes through', async () => {
    const db = freshDatabase();
    const { evaluation, framework } = await seedSchoolAndEvaluation(db);
    const criterionId = framework.criteria[0]!.id;
    const frameworkReads = vi.spyOn(db.frameworks, 'get');
    let base = responseFields(null);
    for (const narrative of ['One.', 'One. Two.', 'One. Two. Three.']) {
      const mine = { ...base, narrative };
      const result = await saveResponseChanges(db, evaluation.id, criterionId, base, mine);
      expect(result.stored.narrative).toBe(narrative);
      base = responseFields(result.stored);
    }
    expect(frameworkReads).toHaveBeenCalledTimes(1);
    expect(frameworkReads).toHaveBeenCalledWith(evaluation.framework.contentHash);
  });

  it('still refuses an evaluation on an imported historic framework, at every ask', async () => {
    const db = freshDatabase();
    const { evaluation } = await seedSchoolAndEvaluation(db);
    const ref = { id: 'partnership-own', version: '3.0.0', title: 'A partnership’s own framework', contentHash: 'hash-of-historic-file' };
    await putHistoricFramework(db, ref, 'partnership-own.json');
    await db.evaluations.put({ ...evaluation, id: 'on-historic', framework: ref, supplement: null });
    const first = await storedEvaluationEditable(db, 'on-historic');
    const second = await storedEvaluationEditable(db, 'on-historic');
    expect(first.editable).toBe(false);
    expect(second).toEqual(first);
    // The evaluation on the current copy is still editable in the same database.
    expect((await storedEvaluationEditable(db, evaluation.id)).editable).toBe(true);
  });

  it('reads a framework imported after an ask that found it missing', async () => {
    const db = freshDatabase();
    const { evaluation } = await seedSchoolAndEvaluation(db);
    const ref = { id: 'arrives-later', version: '1.0.0', title: 'Imported later', contentHash: 'hash-of-later-file' };
    await db.evaluations.put({ ...evaluation, id: 'waiting', framework: ref, supplement: null });
    // Not on this computer: taken as current, as before.
    expect((await storedEvaluationEditable(db, 'waiting')).editable).toBe(true);
    await putHistoricFramework(db, ref, 'arrives-later.json');
    expect((await storedEvaluationEditable(db, 'waiting')).editable).toBe(false);
  });
});
