import { useLiveQuery } from 'dexie-react-hooks';
import { responseKey, type CriterionResponse, type Evaluation } from '../../shared/evaluation/evaluation-records';
import type { School } from '../../shared/school/school-records';
import type { AppDatabase } from './app-database';
import { earlyAnswer, liveReadOf, readEarly } from './first-screen-reads';
import { useKeptLiveQuery } from './kept-live-query';
import { perDatabase } from './per-database';

/*
 * Reads of evaluations and their records, followed live. Each hook answers undefined until its
 * first read, then keeps its last answer while the next read runs.
 */

/** The live records of one evaluation: responses, evidence links and actions. */
export function useEvaluationRecords(db: AppDatabase, evaluationId: string) {
  return useLiveQuery(async () => {
    const [responses, links, actions] = await Promise.all([
      db.responses.where('evaluationId').equals(evaluationId).toArray(),
      db.evidenceLinks.where('evaluationId').equals(evaluationId).toArray(),
      db.actions.where('evaluationId').equals(evaluationId).toArray(),
    ]);
    return { responses, links, actions };
  }, [db, evaluationId]);
}

/** What the side list of criteria shows of a response: its judgement and its not-applicable claim. */
export type CriterionMarkRecord = Pick<CriterionResponse, 'criterionId' | 'judgement' | 'notApplicable'>;

/**
 * The marks the side list of criteria shows: each response's judgement and not-applicable claim,
 * and the evidence links. Read in a transaction of its own, which the live query does not cache,
 * so the narratives of every criterion are not deep-copied for it (it is still followed live).
 * A save of a narrative or next steps reads them again and changes no mark: the same answer is
 * then given again, so the side list is not drawn again.
 */
export function useCriteriaMarkRecords(db: AppDatabase, evaluationId: string) {
  return useKeptLiveQuery(
    () =>
      db.transaction('r', [db.responses, db.evidenceLinks], async () => {
        const [responses, links] = await Promise.all([
          db.responses.where('evaluationId').equals(evaluationId).toArray(),
          db.evidenceLinks.where('evaluationId').equals(evaluationId).toArray(),
        ]);
        const marks: CriterionMarkRecord[] = responses.map((r) => ({
          criterionId: r.criterionId,
          judgement: r.judgement,
          notApplicable: r.notApplicable ?? null,
        }));
        return { responses: marks, links };
      }),
    [db, evaluationId],
  );
}

/**
 * An evaluation and its school (either undefined when missing). Each save of a response stamps the
 * evaluation, so it is read again; the school, unchanged, keeps its identity (and the answer its
 * own when neither changed), so what a screen draws from the school alone is not drawn again.
 */
export function useEvaluationAndSchool(db: AppDatabase, evaluationId: string) {
  const key = evaluationEarlyKey(evaluationId);
  return useKeptLiveQuery(
    liveReadOf(db, key, () => readEvaluationAndSchool(db, evaluationId)),
    [db, evaluationId],
    earlyAnswer<Awaited<ReturnType<typeof readEvaluationAndSchool>>>(db, key),
  );
}

const evaluationEarlyKey = (evaluationId: string) => `evaluation ${evaluationId}`;
const responseEarlyKey = (evaluationId: string, criterionId: string) => `response ${evaluationId} ${criterionId}`;

/** The app's start: an evaluation's screen reads the evaluation and its school before it is drawn. */
export function readEvaluationEarly(db: AppDatabase, evaluationId: string): Promise<void> {
  return readEarly(db, evaluationEarlyKey(evaluationId), () => readEvaluationAndSchool(db, evaluationId));
}

/** The app's start: a criterion's screen also reads the criterion's response before it is drawn. */
export async function readCriterionEarly(db: AppDatabase, evaluationId: string, criterionId: string): Promise<void> {
  await Promise.all([
    readEvaluationEarly(db, evaluationId),
    readEarly(db, responseEarlyKey(evaluationId, criterionId), () => readCriterionResponse(db, evaluationId, criterionId)),
  ]);
}

async function readCriterionResponse(db: AppDatabase, evaluationId: string, criterionId: string) {
  return { criterionId, response: (await db.responses.get(responseKey(evaluationId, criterionId))) ?? null };
}

/** The school each evaluation was last read with, per database (an evaluation's school does not change). */
const schoolOfEvaluation = perDatabase<string, string>();

/**
 * Reads an evaluation and its school. Once this database has read the evaluation (another of its
 * screens, or this one before a save stamped it), the school is read beside it rather than after
 * it; if the evaluation names another school after all, that school is read, so the answer is the
 * same as reading one after the other.
 */
export async function readEvaluationAndSchool(
  db: AppDatabase,
  evaluationId: string,
): Promise<{ evaluation: Evaluation | undefined; school: School | undefined }> {
  const known = schoolOfEvaluation(db);
  const likely = known.get(evaluationId);
  const [evaluation, likelySchool] = await Promise.all([
    db.evaluations.get(evaluationId),
    likely === undefined ? undefined : db.schools.get(likely),
  ]);
  if (!evaluation) {
    known.delete(evaluationId);
    return { evaluation, school: undefined };
  }
  known.set(evaluationId, evaluation.schoolId);
  const school = evaluation.schoolId === likely ? likelySchool : await db.schools.get(evaluation.schoolId);
  return { evaluation, school };
}

/**
 * The school's response to one criterion (null when there is none yet), with the criterion it is
 * for: while the next criterion's read runs, the hook still answers with the last one's.
 */
export function useCriterionResponse(db: AppDatabase, evaluationId: string, criterionId: string) {
  const key = responseEarlyKey(evaluationId, criterionId);
  return useLiveQuery(
    liveReadOf(db, key, () => readCriterionResponse(db, evaluationId, criterionId)),
    [db, evaluationId, criterionId],
    earlyAnswer<Awaited<ReturnType<typeof readCriterionResponse>>>(db, key),
  );
}

/** One evaluation, read once (undefined when missing). */
export async function findEvaluation(db: AppDatabase, evaluationId: string): Promise<Evaluation | undefined> {
  return db.evaluations.get(evaluationId);
}

/**
 * The school's last evaluation before this one, with its records, followed live: the one this was
 * carried forward from when it is still there, else the latest the school started before this one.
 * Null when there is none; undefined until the first read.
 */
export function useLastEarlierEvaluation(
  db: AppDatabase,
  evaluation: Pick<Evaluation, 'id' | 'schoolId' | 'createdAt' | 'carriedForwardFrom'> | null,
) {
  const id = evaluation?.id ?? null;
  return useLiveQuery(async () => {
    if (!evaluation) return null;
    const carried = evaluation.carriedForwardFrom ? await db.evaluations.get(evaluation.carriedForwardFrom) : undefined;
    const earlier =
      carried ??
      (await db.evaluations.where('schoolId').equals(evaluation.schoolId).toArray())
        .filter((e) => e.id !== evaluation.id && e.createdAt < evaluation.createdAt)
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
    if (!earlier) return null;
    const [responses, links] = await Promise.all([
      db.responses.where('evaluationId').equals(earlier.id).toArray(),
      db.evidenceLinks.where('evaluationId').equals(earlier.id).toArray(),
    ]);
    return { evaluation: earlier, responses, links };
  }, [db, id, evaluation?.schoolId, evaluation?.createdAt, evaluation?.carriedForwardFrom]);
}
