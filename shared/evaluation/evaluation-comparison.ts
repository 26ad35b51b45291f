import { evaluateAwards, isMet, judgementRank, type AwardContext, type Standings } from '../awards/award-rules';
import type { AppliedFramework } from '../framework/applied-framework';
import { isRetired, type CrosswalkFile } from './edition-crosswalk';

/**
 * This evaluation against the school's last one, strand by strand (the strands of this
 * evaluation's framework). Pure.
 *
 * Each criterion of this evaluation is paired with its predecessors in the earlier one: the same
 * criterion when both are on one edition, else the earlier criteria the crosswalk maps to it. With
 * several predecessors, it counts as judged then only when all were judged, and met then only
 * when all were met. A criterion with no predecessor is new: it is counted now but not then.
 *
 * Went up or down: on one edition, a higher or lower point of the one scale (a judgement where
 * there was none counts as up); across editions the scales differ, so only met then and not now
 * (down) or not met then and met now (up). Criteria that do not apply to the school now are left
 * out, as the award rules leave them out.
 */

export interface ComparedSide {
  framework: AppliedFramework;
  standings: Standings;
  context?: AwardContext;
}

export interface StrandComparison {
  strandId: string;
  title: string;
  /** Criteria that apply now. */
  total: number;
  /** Of those, the ones with a predecessor in the earlier evaluation. */
  withPredecessor: number;
  judgedThen: number;
  metThen: number;
  judgedNow: number;
  metNow: number;
  /** Criterion ids (this evaluation's) that went up, and down, in framework order. */
  up: string[];
  down: string[];
}

export interface EvaluationComparison {
  /** scale-point: one edition, points compared; met: across editions, met or not compared. */
  basis: 'scale-point' | 'met';
  strands: StrandComparison[];
  /** Criteria with no predecessor in the earlier evaluation, in framework order. */
  newCriteria: string[];
}

/** Each criterion of `later` with its predecessors in `earlier` (none for a new criterion). */
export function predecessorsOf(
  earlier: AppliedFramework,
  later: AppliedFramework,
  crosswalks: readonly CrosswalkFile[],
): Map<string, string[]> {
  const result = new Map<string, string[]>(later.criteria.map((c) => [c.id, []]));
  if (crosswalks.length === 0) {
    const there = new Set(earlier.criteria.map((c) => c.id));
    for (const c of later.criteria) if (there.has(c.id)) result.set(c.id, [c.id]);
    return result;
  }
  for (const crosswalk of crosswalks)
    for (const entry of crosswalk.entries) {
      if (isRetired(entry)) continue;
      for (const successor of entry.successors) result.get(successor)?.push(entry.from);
    }
  return result;
}

export function compareEvaluations(earlier: ComparedSide, later: ComparedSide, crosswalks: readonly CrosswalkFile[]): EvaluationComparison {
  const basis = crosswalks.length === 0 ? 'scale-point' : 'met';
  const predecessors = predecessorsOf(earlier.framework, later.framework, crosswalks);
  const nowOut = exclusionsOf(later);
  const thenOut = exclusionsOf(earlier);
  const thenScale = earlier.framework.scale;
  const nowScale = later.framework.scale;

  const judgedThen = (id: string) => thenOut.claimed.has(id) || (earlier.standings.get(id)?.judgement ?? null) !== null;
  const metThen = (id: string) => !thenOut.claimed.has(id) && isMet(thenScale, earlier.standings.get(id)?.judgement ?? null);
  const judgementNow = (id: string) => later.standings.get(id)?.judgement ?? null;
  const judgedNow = (id: string) => nowOut.claimed.has(id) || judgementNow(id) !== null;
  const metNow = (id: string) => !nowOut.claimed.has(id) && isMet(nowScale, judgementNow(id));

  const direction = (id: string, before: string[]): 'up' | 'down' | null => {
    if (before.length === 0) return null;
    if (basis === 'met') {
      const then = before.every(metThen);
      if (then === metNow(id)) return null;
      return then ? 'down' : 'up';
    }
    if (nowOut.claimed.has(id) || before.some((b) => thenOut.claimed.has(b))) return null;
    const rankThen = judgementRank(thenScale, earlier.standings.get(before[0]!)?.judgement ?? null);
    const rankNow = judgementRank(nowScale, judgementNow(id));
    return rankNow > rankThen ? 'up' : rankNow < rankThen ? 'down' : null;
  };

  const strands = later.framework.strands.map((strand): StrandComparison => {
    const ids = strand.standards.flatMap((s) => s.criteria.map((c) => c.id)).filter((id) => !nowOut.doesNotApply.has(id));
    const row: StrandComparison = {
      strandId: strand.id,
      title: strand.title,
      total: ids.length,
      withPredecessor: 0,
      judgedThen: 0,
      metThen: 0,
      judgedNow: 0,
      metNow: 0,
      up: [],
      down: [],
    };
    for (const id of ids) {
      const before = predecessors.get(id) ?? [];
      if (before.length > 0) {
        row.withPredecessor += 1;
        if (before.every(judgedThen)) row.judgedThen += 1;
        if (before.every(metThen)) row.metThen += 1;
      }
      if (judgedNow(id)) row.judgedNow += 1;
      if (metNow(id)) row.metNow += 1;
      const moved = direction(id, before);
      if (moved) row[moved].push(id);
    }
    return row;
  });
  const newCriteria = later.framework.criteria
    .map((c) => c.id)
    .filter((id) => !nowOut.doesNotApply.has(id) && (predecessors.get(id) ?? []).length === 0);
  return { basis, strands, newCriteria };
}

function exclusionsOf(side: ComparedSide): { doesNotApply: Set<string>; claimed: Set<string> } {
  const { excluded } = evaluateAwards(side.framework, side.standings, side.context ?? {});
  return {
    doesNotApply: new Set(excluded.criteria.filter((c) => c.why === 'does-not-apply').map((c) => c.criterionId)),
    claimed: new Set(excluded.criteria.filter((c) => c.why === 'not-applicable').map((c) => c.criterionId)),
  };
}

/**
 * Whether two evaluations can be compared, and through which crosswalks: on one edition (none
 * needed), or from an earlier edition the shipped crosswalks map to this one. Null otherwise (a
 * framework of another region, or a later edition than this one's).
 */
export function comparableThrough(
  earlier: { framework: { id: string } },
  later: { framework: { id: string } },
  crosswalksBetweenThem: readonly CrosswalkFile[],
): readonly CrosswalkFile[] | null {
  if (earlier.framework.id === later.framework.id) return [];
  return crosswalksBetweenThem.length > 0 ? crosswalksBetweenThem : null;
}
