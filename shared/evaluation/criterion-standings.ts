import type { CriterionStanding, Standings } from '../awards/award-rules';
import type { AppliedFramework } from '../framework/applied-framework';
import type { CriterionResponse, EvidenceLink } from './evaluation-records';

/**
 * Each criterion's standing (judgement, evidence count, not-applicable claim) from an evaluation's
 * records, as the award rules read them. A judgement the framework's scale does not know counts as
 * no judgement; a response or link for a criterion the framework does not have is ignored.
 */
export function standingsFromRecords(
  framework: AppliedFramework,
  responses: readonly CriterionResponse[],
  links: readonly EvidenceLink[],
): Standings {
  const responseOf = new Map(responses.map((r) => [r.criterionId, r]));
  const evidenceCount = new Map<string, number>();
  for (const link of links) evidenceCount.set(link.criterionId, (evidenceCount.get(link.criterionId) ?? 0) + 1);
  const standings = new Map<string, CriterionStanding>();
  for (const criterion of framework.criteria) {
    const response = responseOf.get(criterion.id);
    const judgement = response?.judgement ?? null;
    standings.set(criterion.id, {
      judgement: framework.scale.points.some((p) => p.id === judgement) ? judgement : null,
      evidenceCount: evidenceCount.get(criterion.id) ?? 0,
      notApplicable: response?.notApplicable ?? null,
    });
  }
  return standings;
}
