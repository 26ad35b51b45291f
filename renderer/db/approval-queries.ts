import { useLiveQuery } from 'dexie-react-hooks';
import type { ActionItem } from '../../shared/actions/action-plan';
import type { CriterionResponse, Evaluation, EvidenceLink } from '../../shared/evaluation/evaluation-records';
import type { EvidenceItem } from '../../shared/evidence/evidence-records';
import type { School } from '../../shared/school/school-records';
import type { ApprovalRecord } from '../../shared/submission/approval';
import type { AppDatabase } from './app-database';

/** Everything an approval covers, and the latest approval, read together so they always agree. */
export interface ApprovalInputs {
  evaluation: Evaluation;
  school: School;
  responses: CriterionResponse[];
  links: EvidenceLink[];
  evidence: EvidenceItem[];
  actions: ActionItem[];
  approval: ApprovalRecord | null;
}

/**
 * The records of an evaluation that would be submitted, with its latest approval, followed live in
 * one read: undefined until read, null when the evaluation or its school is missing.
 */
export function useApprovalInputs(db: AppDatabase, evaluationId: string): ApprovalInputs | null | undefined {
  return useLiveQuery(
    () =>
      db.transaction(
        'r',
        [db.evaluations, db.schools, db.responses, db.evidenceLinks, db.evidence, db.actions, db.approvals],
        async (): Promise<ApprovalInputs | null> => {
          const evaluation = await db.evaluations.get(evaluationId);
          const school = evaluation ? await db.schools.get(evaluation.schoolId) : undefined;
          if (!evaluation || !school) return null;
          const [responses, links, evidence, actions, approval] = await Promise.all([
            db.responses.where('evaluationId').equals(evaluationId).toArray(),
            db.evidenceLinks.where('evaluationId').equals(evaluationId).toArray(),
            db.evidence.where('schoolId').equals(school.id).toArray(),
            db.actions.where('evaluationId').equals(evaluationId).toArray(),
            db.approvals.get(evaluationId),
          ]);
          return { evaluation, school, responses, links, evidence, actions, approval: approval ?? null };
        },
      ),
    [db, evaluationId],
  );
}
