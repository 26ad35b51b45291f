import type { AppliedFramework } from '../../shared/framework/applied-framework';
import type { CriterionResponse, EvidenceLink } from '../../shared/evaluation/evaluation-records';
import { href } from '../app/hash-route';
import { StrandCriteriaNav } from './StrandCriteriaNav';

/** Strands > standards > criteria, each criterion marked judged and with evidence. */
export function CriteriaNav({
  evaluationId,
  framework,
  responses,
  links,
  currentCriterionId,
}: {
  evaluationId: string;
  framework: AppliedFramework;
  responses: readonly CriterionResponse[];
  links: readonly EvidenceLink[];
  currentCriterionId?: string;
}) {
  const judged = new Set(responses.filter((r) => r.judgement !== null).map((r) => r.criterionId));
  const evidenced = new Set(links.map((l) => l.criterionId));
  return (
    <StrandCriteriaNav
      framework={framework}
      currentCriterionId={currentCriterionId}
      strandCount={(ids) => `${ids.filter((id) => judged.has(id)).length} of ${ids.length} judged`}
      criterion={(id) => ({
        href: href.criterion(evaluationId, id),
        mark: judged.has(id) ? '●' : '○',
        markClassName: judged.has(id) ? 'mark mark--done' : 'mark',
        words: [judged.has(id) ? 'judged' : 'not judged', evidenced.has(id) ? 'with evidence' : 'no evidence'].join(', '),
      })}
    />
  );
}
