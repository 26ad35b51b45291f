import { evaluateAwards, type AwardContext, type AwardOutcome, type Standings } from '../awards/award-rules';
import { standingsFromRecords } from './criterion-standings';
import type { AppliedFramework } from '../framework/applied-framework';
import type { CriterionResponse, EvidenceLink } from './evaluation-records';

export interface StrandProgress {
  strandId: string;
  title: string;
  total: number;
  judged: number;
  withEvidence: number;
  /** Count per scale point id, in scale order (strongest first). */
  distribution: { pointId: string; label: string; count: number }[];
}

export interface EvaluationSummary {
  total: number;
  judged: number;
  withEvidence: number;
  strands: StrandProgress[];
  /** Criterion ids with no judgement yet, in framework order. */
  unjudged: string[];
  /** Criterion ids with no evidence linked, in framework order. */
  withoutEvidence: string[];
  award: AwardOutcome;
  /** Each criterion's standing, as the award rules read it (for the charts and the next-level panel). */
  standings: Standings;
}

/**
 * Everything the dashboard shows, worked out from the records alone. With the school's profile in
 * `context`, criteria that do not apply to the school are left out of the counts and lists (and
 * of the award, which says which and why); a "not applicable" claim counts as answered.
 */
export function summariseEvaluation(
  framework: AppliedFramework,
  responses: readonly CriterionResponse[],
  links: readonly EvidenceLink[],
  context: AwardContext = {},
): EvaluationSummary {
  const standings = standingsFromRecords(framework, responses, links);
  const award = evaluateAwards(framework, standings, context);
  const doesNotApply = new Set(award.excluded.criteria.filter((c) => c.why === 'does-not-apply').map((c) => c.criterionId));
  const claimed = new Set(award.excluded.criteria.filter((c) => c.why === 'not-applicable').map((c) => c.criterionId));
  const applying = (id: string) => !doesNotApply.has(id);
  const judgedOf = (id: string) => standings.get(id)?.judgement !== null || claimed.has(id);
  const evidencedOf = (id: string) => (standings.get(id)?.evidenceCount ?? 0) > 0;

  const strands = framework.strands.map((strand): StrandProgress => {
    const ids = strand.standards.flatMap((s) => s.criteria.map((c) => c.id)).filter(applying);
    return {
      strandId: strand.id,
      title: strand.title,
      total: ids.length,
      judged: ids.filter(judgedOf).length,
      withEvidence: ids.filter(evidencedOf).length,
      distribution: framework.scale.points.map((p) => ({
        pointId: p.id,
        label: p.label,
        count: ids.filter((id) => standings.get(id)?.judgement === p.id).length,
      })),
    };
  });
  const ids = framework.criteria.map((c) => c.id).filter(applying);
  return {
    total: ids.length,
    judged: ids.filter(judgedOf).length,
    withEvidence: ids.filter(evidencedOf).length,
    strands,
    unjudged: ids.filter((id) => !judgedOf(id)),
    withoutEvidence: ids.filter((id) => !evidencedOf(id)),
    award,
    standings,
  };
}
