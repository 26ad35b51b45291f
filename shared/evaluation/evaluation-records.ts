import type { NotApplicableClaim } from '../framework/applicability';
import type { FrameworkRef } from '../framework/framework-types';

/** One self-evaluation: a school's work against one framework in one accreditation cycle. */
export interface Evaluation {
  id: string;
  schoolId: string;
  title: string;
  regionId: string;
  framework: FrameworkRef;
  supplement: FrameworkRef | null;
  carriedForwardFrom: string | null;
  createdAt: string;
  updatedAt: string;
}

/** The school's answer for one criterion. */
export interface CriterionResponse {
  /** `${evaluationId}|${criterionId}` */
  key: string;
  evaluationId: string;
  criterionId: string;
  /** Scale point id, or null when not judged yet. */
  judgement: string | null;
  narrative: string;
  nextSteps: string;
  updatedAt: string;
  /**
   * The school's claim that the criterion does not apply to it, with its reason (only on a
   * criterion the framework marks mayBeNotApplicable: notApplicableProblem). Absent or null: no
   * claim. Records stored before claims existed have none.
   */
  notApplicable?: NotApplicableClaim | null;
}

export function responseKey(evaluationId: string, criterionId: string): string {
  return `${evaluationId}|${criterionId}`;
}

export function emptyResponse(evaluationId: string, criterionId: string): CriterionResponse {
  return {
    key: responseKey(evaluationId, criterionId),
    evaluationId,
    criterionId,
    judgement: null,
    narrative: '',
    nextSteps: '',
    updatedAt: '',
  };
}

/** An evidence item used for a criterion in one evaluation. */
export interface EvidenceLink {
  /** `${evaluationId}|${criterionId}|${evidenceId}` */
  key: string;
  evaluationId: string;
  criterionId: string;
  evidenceId: string;
}

export function evidenceLinkKey(evaluationId: string, criterionId: string, evidenceId: string): string {
  return `${evaluationId}|${criterionId}|${evidenceId}`;
}
