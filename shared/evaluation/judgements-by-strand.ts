import type { Exclusions, Standings } from '../awards/award-rules';
import type { AppliedFramework } from '../framework/applied-framework';

/**
 * The numbers behind the dashboard's chart of judgements by strand: for each strand, how many of
 * the criteria that apply to the school sit at each point of the scale, how many are not judged
 * yet, and how many the school validly claims are not applicable. Every applying criterion is in
 * exactly one group; criteria the framework limits to other schools are in none.
 */

/** A group of the chart: a scale point's id, or one of the two groups outside the scale (whose keys no point id can take). */
export type ChartGroupKey = string;
export const NOT_JUDGED = ':not-judged';
export const NOT_APPLICABLE = ':not-applicable';

export interface ChartGroup {
  key: ChartGroupKey;
  label: string;
}

export interface StrandJudgements {
  strandId: string;
  title: string;
  /** The applying criteria in the strand: the sum of the counts. */
  total: number;
  /** One count per group, in the order of `judgementGroups`. */
  counts: number[];
}

/** The chart's groups: the scale's points strongest first, then not judged, then not applicable. */
export function judgementGroups(framework: AppliedFramework): ChartGroup[] {
  return [
    ...framework.scale.points.map((p) => ({ key: p.id, label: p.label })),
    { key: NOT_JUDGED, label: 'Not judged yet' },
    { key: NOT_APPLICABLE, label: 'Not applicable' },
  ];
}

export function judgementsByStrand(framework: AppliedFramework, standings: Standings, excluded: Exclusions): StrandJudgements[] {
  const groups = judgementGroups(framework);
  const index = new Map(groups.map((g, i) => [g.key, i]));
  const why = new Map(excluded.criteria.map((c) => [c.criterionId, c.why]));
  const groupOf = (id: string): number | null => {
    const excludedWhy = why.get(id);
    if (excludedWhy === 'does-not-apply') return null;
    if (excludedWhy === 'not-applicable') return index.get(NOT_APPLICABLE) ?? null;
    const judgement = standings.get(id)?.judgement ?? null;
    return index.get(judgement === null ? NOT_JUDGED : judgement) ?? index.get(NOT_JUDGED) ?? null;
  };
  return framework.strands.map((strand) => {
    const counts = groups.map(() => 0);
    for (const standard of strand.standards) {
      for (const criterion of standard.criteria) {
        const group = groupOf(criterion.id);
        if (group !== null) counts[group] = (counts[group] ?? 0) + 1;
      }
    }
    return { strandId: strand.id, title: strand.title, total: counts.reduce((a, b) => a + b, 0), counts };
  });
}
