import type { CriterionResponse, EvidenceLink } from './evaluation-records';
import { evidenceLinkKey, responseKey } from './evaluation-records';

export interface CarryForwardInput {
  fromEvaluationId: string;
  toEvaluationId: string;
  responses: readonly CriterionResponse[];
  links: readonly EvidenceLink[];
  /** Criterion ids of the new evaluation's framework. */
  criterionIds: readonly string[];
  /** Scale point ids of the new evaluation's framework. */
  scalePointIds: readonly string[];
  now: string;
}

export interface CarryForwardResult {
  responses: CriterionResponse[];
  links: EvidenceLink[];
  /** Criteria of the old evaluation that the new framework no longer has. */
  dropped: string[];
  /** Judgements not on the new framework's scale, cleared for the school to judge again. */
  clearedJudgements: string[];
}

/**
 * Starts a new evaluation from a previous one: judgements, narrative, next steps and evidence
 * links carry over for every criterion the new framework still has.
 */
export function carryForward(input: CarryForwardInput): CarryForwardResult {
  const wanted = new Set(input.criterionIds);
  const points = new Set(input.scalePointIds);
  const responses: CriterionResponse[] = [];
  const dropped: string[] = [];
  const clearedJudgements: string[] = [];
  for (const old of input.responses) {
    if (old.evaluationId !== input.fromEvaluationId) continue;
    if (!wanted.has(old.criterionId)) {
      dropped.push(old.criterionId);
      continue;
    }
    const keep = old.judgement !== null && points.has(old.judgement);
    if (old.judgement !== null && !keep) clearedJudgements.push(old.criterionId);
    responses.push({
      ...old,
      key: responseKey(input.toEvaluationId, old.criterionId),
      evaluationId: input.toEvaluationId,
      judgement: keep ? old.judgement : null,
      updatedAt: input.now,
    });
  }
  const links = input.links
    .filter((l) => l.evaluationId === input.fromEvaluationId && wanted.has(l.criterionId))
    .map((l) => ({ ...l, evaluationId: input.toEvaluationId, key: evidenceLinkKey(input.toEvaluationId, l.criterionId, l.evidenceId) }));
  for (const l of input.links) {
    if (l.evaluationId === input.fromEvaluationId && !wanted.has(l.criterionId) && !dropped.includes(l.criterionId))
      dropped.push(l.criterionId);
  }
  return { responses, links, dropped, clearedJudgements };
}
