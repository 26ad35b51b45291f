import { useMemo } from 'react';
import { notApplicableProblem, type ApplicabilityProfile } from '../../../shared/framework/applicability';
import type { AppliedFramework } from '../../../shared/framework/applied-framework';
import { criteriaWorklist } from '../../../shared/framework/criteria-worklist';
import type { CriterionResponse, EvidenceLink } from '../../../shared/evaluation/evaluation-records';
import { href } from '../../app/hash-route';
import { StrandCriteriaNav } from '../../ui/StrandCriteriaNav';

/**
 * Strands > standards > criteria the school works through, each marked judged, marked not
 * applicable by the school, or neither, and with evidence or not; the criteria that do not apply
 * to the school (its profile decides) sit apart with the reason and count nowhere.
 */
export function CriteriaNav({
  evaluationId,
  framework,
  profile,
  responses,
  links,
  currentCriterionId,
}: {
  evaluationId: string;
  framework: AppliedFramework;
  /** The school's profile; null: every criterion applies. */
  profile: ApplicabilityProfile | null;
  responses: readonly CriterionResponse[];
  links: readonly EvidenceLink[];
  currentCriterionId?: string;
}) {
  const strands = useMemo(() => criteriaWorklist(framework, profile), [framework, profile]);
  const judged = new Set(responses.filter((r) => r.judgement !== null).map((r) => r.criterionId));
  // Only a claim the award rules accept (a reason, on a criterion that allows one) marks the criterion.
  const claimed = new Set(
    responses
      .filter((r) => {
        const criterion = framework.criterionById.get(r.criterionId);
        return r.notApplicable && criterion !== undefined && notApplicableProblem(criterion, r.notApplicable) === null;
      })
      .map((r) => r.criterionId),
  );
  const evidenced = new Set(links.map((l) => l.criterionId));
  const answered = (id: string) => judged.has(id) || claimed.has(id);
  return (
    <StrandCriteriaNav
      strands={strands}
      currentCriterionId={currentCriterionId}
      strandCount={(ids) => `${ids.filter(answered).length} of ${ids.length} judged`}
      criterion={(id) => ({
        href: href.criterion(evaluationId, id),
        mark: claimed.has(id) ? '⊘' : judged.has(id) ? '●' : '○',
        markClassName: answered(id) ? 'mark mark--done' : 'mark',
        words: [
          claimed.has(id) ? 'not applicable, reason given' : judged.has(id) ? 'judged' : 'not judged',
          evidenced.has(id) ? 'with evidence' : 'no evidence',
        ].join(', '),
      })}
    />
  );
}
