import type { AppliedFramework } from '../../shared/framework/applied-framework';
import { frameworkRef } from '../../shared/framework/applied-framework';
import { carryForward, type CarryForwardResult } from '../../shared/evaluation/carry-forward';
import { crosswalksBetween } from '../../shared/evaluation/edition-change';
import { carryForwardAcrossEditions, type CrosswalkFile, type EditionCarryForwardResult } from '../../shared/evaluation/edition-crosswalk';
import { notApplicableProblem, type NotApplicableClaim } from '../../shared/framework/applicability';
import type { Criterion } from '../../shared/framework/framework-types';
import { SHIPPED_CROSSWALKS } from '../../shared/framework/shipped-frameworks';
import { emptyResponse, responseKey, type CriterionResponse, type Evaluation } from '../../shared/evaluation/evaluation-records';
import { mergeFields, type FieldMerge } from '../../shared/evaluation/field-merge';
import type { School } from '../../shared/school/school-records';
import { newId, nowIso, type AppDatabase } from './app-database';
import { refuseHistoricEvaluation, storedEvaluationEditable } from './evaluation-edit-guard';
import { recordProgressSnapshot } from './progress-snapshots';

export interface StartEvaluationOptions {
  title: string;
  /**
   * Start from this earlier evaluation's judgements, narrative and evidence links. An evaluation
   * made on another edition (the 2005 one) is carried forward through the crosswalk between them.
   */
  carryForwardFrom?: string | null;
  /** The crosswalks between editions; the shipped ones unless a test gives others. */
  crosswalks?: readonly CrosswalkFile[];
}

/** What was carried forward: within one edition, or across editions through a crosswalk. */
export type CarriedForward =
  { kind: 'same-edition'; result: CarryForwardResult } | { kind: 'across-editions'; result: EditionCarryForwardResult };

/** Creates an evaluation (and, when asked, carries the previous one forward) in one transaction. */
export async function startEvaluation(
  db: AppDatabase,
  school: School,
  framework: AppliedFramework,
  options: StartEvaluationOptions,
): Promise<{ evaluation: Evaluation; carried: CarriedForward | null }> {
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
  let carried: CarriedForward | null = null;
  await db.transaction('rw', [db.evaluations, db.responses, db.evidenceLinks, db.previousNarratives, db.progressSnapshots], async () => {
    await db.evaluations.add(evaluation);
    if (options.carryForwardFrom) {
      const from = options.carryForwardFrom;
      const earlier = await db.evaluations.get(from);
      const responses = await db.responses.where('evaluationId').equals(from).toArray();
      const links = await db.evidenceLinks.where('evaluationId').equals(from).toArray();
      const crosswalks = earlier ? crosswalksBetween(earlier, evaluation, options.crosswalks ?? SHIPPED_CROSSWALKS) : [];
      if (crosswalks.length > 0) {
        const result = carryForwardAcrossEditions({
          fromEvaluationId: from,
          toEvaluationId: evaluation.id,
          responses,
          links,
          crosswalks,
          now,
        });
        carried = { kind: 'across-editions', result };
      } else {
        const result = carryForward({
          fromEvaluationId: from,
          toEvaluationId: evaluation.id,
          responses,
          links,
          criterionIds: framework.criteria.map((c) => c.id),
          scalePointIds: framework.scale.points.map((p) => p.id),
          now,
        });
        carried = { kind: 'same-edition', result };
      }
      await db.responses.bulkAdd(carried.result.responses);
      await db.evidenceLinks.bulkAdd(carried.result.links);
      // Narratives kept for reference only (their procedure has gone): written with the rest, or not at all.
      if (carried.kind === 'across-editions') await db.previousNarratives.bulkAdd(carried.result.previousNarratives);
      // The first day's record: what was carried forward (a new evaluation from nothing needs none).
      await recordProgressSnapshot(db, evaluation.id, now);
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
  return db.transaction('rw', [db.responses, db.evaluations, db.frameworks, db.evidenceLinks, db.progressSnapshots], async () => {
    await refuseHistoricEvaluation(db, evaluationId);
    const key = responseKey(evaluationId, criterionId);
    const existing = (await db.responses.get(key)) ?? emptyResponse(evaluationId, criterionId);
    const now = nowIso();
    const next: CriterionResponse = { ...existing, ...patch, updatedAt: now };
    await db.responses.put(next);
    await db.evaluations.update(evaluationId, { updatedAt: now });
    if ('judgement' in patch) await recordProgressSnapshot(db, evaluationId, now);
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
  return db.transaction('rw', [db.responses, db.evaluations, db.frameworks, db.evidenceLinks, db.progressSnapshots], async () => {
    await refuseHistoricEvaluation(db, evaluationId);
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
    // Only a changed judgement moves the record; a narrative edit leaves it as it is.
    if (merge.write.includes('judgement')) await recordProgressSnapshot(db, evaluationId, now);
    return { stored: next, merge };
  });
}

/**
 * Records (or, with null, withdraws) the school's claim that a criterion does not apply to it.
 * Refused, with nothing written, on a criterion the framework does not mark as possibly not
 * applicable, or without a written reason. The judgement, narrative and next steps are kept.
 */
export async function setNotApplicable(
  db: AppDatabase,
  evaluationId: string,
  criterion: Pick<Criterion, 'id' | 'mayBeNotApplicable'>,
  claim: NotApplicableClaim | null,
): Promise<{ ok: true; stored: CriterionResponse } | { ok: false; problem: string }> {
  const tidy = claim ? { reason: claim.reason.trim() } : null;
  const problem = tidy ? notApplicableProblem(criterion, tidy) : null;
  if (problem) return { ok: false, problem };
  return db.transaction('rw', [db.responses, db.evaluations, db.frameworks, db.evidenceLinks, db.progressSnapshots], async () => {
    const editable = await storedEvaluationEditable(db, evaluationId);
    if (!editable.editable) return { ok: false as const, problem: editable.reason };
    const key = responseKey(evaluationId, criterion.id);
    const current = (await db.responses.get(key)) ?? emptyResponse(evaluationId, criterion.id);
    const now = nowIso();
    const stored: CriterionResponse = { ...current, notApplicable: tidy, updatedAt: now };
    await db.responses.put(stored);
    await db.evaluations.update(evaluationId, { updatedAt: now });
    await recordProgressSnapshot(db, evaluationId, now);
    return { ok: true as const, stored };
  });
}
