import { describe, expect, it, vi } from 'vitest';
import type { AppDatabase } from '../../renderer/db/app-database';
import { readEvaluationAndSchool } from '../../renderer/db/evaluation-queries';
import { createSchool } from '../../renderer/db/school-store';
import { freshDatabase, SAMPLE_SCHOOL, seedSchoolAndEvaluation } from './render-app';

/** Records when the evaluation and the school are asked for, and when the evaluation's answer arrives. */
function watchReads(db: AppDatabase): string[] {
  const order: string[] = [];
  const evaluationGet = db.evaluations.get.bind(db.evaluations);
  const schoolGet = db.schools.get.bind(db.schools);
  vi.spyOn(db.evaluations, 'get').mockImplementation((async (key: string) => {
    order.push('evaluation asked');
    const evaluation = await evaluationGet(key);
    order.push('evaluation answered');
    return evaluation;
  }) as typeof db.evaluations.get);
  vi.spyOn(db.schools, 'get').mockImplementation((async (key: string) => {
    order.push(`school ${key} asked`);
    return schoolGet(key);
  }) as typeof db.schools.get);
  return order;
}

describe('an evaluation and its school, as the evaluation’s screens read them', () => {
  it('reads the school after the evaluation the first time, and beside it once the evaluation has been read', async () => {
    const db = freshDatabase();
    const { school, evaluation } = await seedSchoolAndEvaluation(db);
    const order = watchReads(db);

    expect(await readEvaluationAndSchool(db, evaluation.id)).toEqual({ evaluation, school });
    expect(order).toEqual(['evaluation asked', 'evaluation answered', `school ${school.id} asked`]);

    // A later read (a save stamped the evaluation, or another of its screens opens): both at once.
    order.length = 0;
    expect(await readEvaluationAndSchool(db, evaluation.id)).toEqual({ evaluation, school });
    expect(order).toEqual(['evaluation asked', `school ${school.id} asked`, 'evaluation answered']);
  });

  it('answers with the school the evaluation names, even when it names another than at the last read', async () => {
    const db = freshDatabase();
    const { evaluation } = await seedSchoolAndEvaluation(db);
    await readEvaluationAndSchool(db, evaluation.id);
    const other = await createSchool(db, { ...SAMPLE_SCHOOL, name: 'Hillside Academy', urn: '654321' });
    await db.evaluations.update(evaluation.id, { schoolId: other.id });

    const read = await readEvaluationAndSchool(db, evaluation.id);
    expect(read.evaluation?.schoolId).toBe(other.id);
    expect(read.school).toEqual(other);
  });

  it('answers undefined for both when the evaluation is not there, or no longer there', async () => {
    const db = freshDatabase();
    expect(await readEvaluationAndSchool(db, 'no-such-evaluation')).toEqual({ evaluation: undefined, school: undefined });
    const { evaluation } = await seedSchoolAndEvaluation(db);
    expect((await readEvaluationAndSchool(db, evaluation.id)).school?.id).toBe(evaluation.schoolId);
    await db.evaluations.delete(evaluation.id);
    expect(await readEvaluationAndSchool(db, evaluation.id)).toEqual({ evaluation: undefined, school: undefined });
  });
});
