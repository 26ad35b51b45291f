import type { AppliedFramework } from '../../shared/framework/applied-framework';
import { frameworkRef } from '../../shared/framework/applied-framework';
import { carryForward, type CarryForwardResult } from '../../shared/evaluation/carry-forward';
import { emptyResponse, responseKey, type CriterionResponse, type Evaluation } from '../../shared/evaluation/evaluation-records';
import { mergeFields, type FieldMerge } from '../../shared/evaluation/field-merge';
import type { School } from '../../shared/school/school-records';
import { newId, nowIso, type AppDatabase } from './app-database';

export interface StartEvaluationOptions {
  title: string;
  /** Start from this earlier evaluation's judgements, narrative and evidence links. */
  carryForwardFrom?: string | null;
}

/** Creates an evaluation (and, when asked, carries the previous one forward) in one transaction. */
export async function startEvaluation(
  db: AppDatabase,
  school: School,
  framework: AppliedFramework,
  options: StartEvaluationOptions,
): Promise<{ evaluation: Evaluation; carried: CarryForwardResult | null }> {
  const now = nowIso();
  const evaluation: Evaluation = {
    id: newId(),
    schoolId: school.id,
    title: options.title.trim(),
    regionId: school.regionId,
    framework: frameworkRef(framework.base),
    supplement: framework.supplement ? frameworkRef(framework.supplement) : null,
    carriedForwardFrom: options.carryForwardFrom ?? null,
    createdAt: now,
    updatedAt: now,
  };
  let carried: CarryForwardResult | null = null;
  await db.transaction('rw', [db.evaluations, db.responses, db.evidenceLinks], async () => {
    await db.evaluations.add(evaluation);
    if (options.carryForwardFrom) {
      const from = options.carryForwardFrom;
      carried = carryForward({
        fromEvaluationId: from,
        toEvaluationId: evaluation.id,
        responses: await db.responses.where('evaluationId').equals(from).toArray(),
        links: await db.evidenceLinks.where('evaluationId').equals(from).toArray(),
        criterionIds: framework.criteria.map((c) => c.id),
        scalePointIds: framework.scale.points.map((p) => p.id),
        now,
      });
      await db.responses.bulkAdd(carried.responses);
      await db.evidenceLinks.bulkAdd(carried.links);
    }
  });
  return { evaluation, carried };
}

export type ResponsePatch = Partial<Pick<CriterionResponse, 'judgement' | 'narrative' | 'nextSteps'>>;

/** Saves part of a criterion's response; creates the record on first save. */
export async function saveResponse(
  db: AppDatabase,
  evaluationId: string,
  criterionId: string,
  patch: ResponsePatch,
): Promise<CriterionResponse> {
  return db.transaction('rw', [db.responses, db.evaluations], async () => {
    const key = responseKey(evaluationId, criterionId);
    const existing = (await db.responses.get(key)) ?? emptyResponse(evaluationId, criterionId);
    const now = nowIso();
    const next: CriterionResponse = { ...existing, ...patch, updatedAt: now };
    await db.responses.put(next);
    await db.evaluations.update(evaluationId, { updatedAt: now });
    return next;
  });
}

/** The fields of a response a person edits in the criterion form. */
export type ResponseField = 'judgement' | 'narrative' | 'nextSteps';
export const RESPONSE_FIELDS: readonly ResponseField[] = ['judgement', 'narrative', 'nextSteps'];
export type ResponseFields = Record<ResponseField, string | null>;

export function responseFields(response: CriterionResponse | null): ResponseFields {
  return { judgement: response?.judgement ?? null, narrative: response?.narrative ?? '', nextSteps: response?.nextSteps ?? '' };
}

export interface ResponseSaveResult {
  /** The record as stored when the transaction ended (unchanged when there was nothing to write). */
  stored: CriterionResponse;
  merge: FieldMerge<ResponseField>;
}

/**
 * Saves what this window changed in a criterion's response since `base` (what it loaded or last
 * saved), merged field by field with whatever another window stored meanwhile. The read, the
 * merge and the write happen in one transaction, so two windows cannot interleave between them.
 * A field changed in both windows to different values is left as stored and returned as a conflict.
 */
export async function saveResponseChanges(
  db: AppDatabase,
  evaluationId: string,
  criterionId: string,
  base: ResponseFields,
  mine: ResponseFields,
): Promise<ResponseSaveResult> {
  return db.transaction('rw', [db.responses, db.evaluations], async () => {
    const key = responseKey(evaluationId, criterionId);
    const existing = (await db.responses.get(key)) ?? null;
    const merge = mergeFields(RESPONSE_FIELDS, base, mine, responseFields(existing));
    const current = existing ?? emptyResponse(evaluationId, criterionId);
    if (merge.write.length === 0) return { stored: current, merge };
    const now = nowIso();
    const next: CriterionResponse = {
      ...current,
      judgement: merge.merged.judgement,
      narrative: merge.merged.narrative ?? '',
      nextSteps: merge.merged.nextSteps ?? '',
      updatedAt: now,
    };
    await db.responses.put(next);
    await db.evaluations.update(evaluationId, { updatedAt: now });
    return { stored: next, merge };
  });
}
