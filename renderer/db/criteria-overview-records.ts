import { useLiveQuery } from 'dexie-react-hooks';
import type { ActionItem } from '../../shared/actions/action-plan';
import type { CriterionResponse, EvidenceLink } from '../../shared/evaluation/evaluation-records';
import type { ModerationCriterion } from '../../shared/moderation/moderation-format';
import { useServices } from '../app/app-context';
import type { AppDatabase } from './app-database';

/** What the criteria overview reads of one evaluation, beside its framework and school. */
export interface CriteriaOverviewRecords {
  responses: CriterionResponse[];
  links: EvidenceLink[];
  actions: ActionItem[];
  /** The school's evidence titles, by evidence id. */
  evidenceTitles: Map<string, string>;
  /** The criteria of the latest moderation report received for the evaluation, or null when none has come back. */
  moderation: ModerationCriterion[] | null;
  /** When that report was written (ISO), or null. */
  moderatedAt: string | null;
}

/**
 * Reads them in one transaction, so the rows never mix two moments; the school is the evaluation's
 * own, found in the same transaction (`schoolId` null when there is no such evaluation).
 */
export async function loadCriteriaOverviewRecords(
  db: AppDatabase,
  evaluationId: string,
): Promise<CriteriaOverviewRecords & { schoolId: string | null }> {
  return db.transaction('r', [db.evaluations, db.responses, db.evidenceLinks, db.actions, db.evidence, db.receivedReports], async () => {
    const schoolId = (await db.evaluations.get(evaluationId))?.schoolId ?? null;
    if (schoolId === null)
      return { schoolId, responses: [], links: [], actions: [], evidenceTitles: new Map(), moderation: null, moderatedAt: null };
    const [responses, links, actions, evidence, reports] = await Promise.all([
      db.responses.where('evaluationId').equals(evaluationId).toArray(),
      db.evidenceLinks.where('evaluationId').equals(evaluationId).toArray(),
      db.actions.where('evaluationId').equals(evaluationId).toArray(),
      db.evidence.where('schoolId').equals(schoolId).toArray(),
      db.receivedReports.where('evaluationId').equals(evaluationId).toArray(),
    ]);
    const latest = reports.reduce<(typeof reports)[number] | null>(
      (newest, report) => (newest === null || report.document.createdAt > newest.document.createdAt ? report : newest),
      null,
    );
    return {
      schoolId,
      responses,
      links,
      actions,
      evidenceTitles: new Map(evidence.map((item) => [item.id, item.title])),
      moderation: latest ? latest.document.criteria : null,
      moderatedAt: latest ? latest.document.createdAt : null,
    };
  });
}

/**
 * The overview's records, live: undefined while they load. Found from the evaluation alone, so the
 * screen starts this read as it opens, beside the read of the evaluation itself, rather than after it.
 */
export function useCriteriaOverviewRecords(evaluationId: string): (CriteriaOverviewRecords & { schoolId: string | null }) | undefined {
  const { db } = useServices();
  return useLiveQuery(() => loadCriteriaOverviewRecords(db, evaluationId), [db, evaluationId]);
}
