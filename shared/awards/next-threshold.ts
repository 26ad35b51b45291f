import type { AppliedFramework } from '../framework/applied-framework';
import type { AwardLevel, AwardRule, JudgementScale } from '../framework/framework-types';
import {
  describeSelector,
  evaluateAwards,
  judgementRank,
  type AwardContext,
  type AwardOutcome,
  type CriterionStanding,
  type RuleOutcome,
  type Standings,
} from './award-rules';

/**
 * Which criteria would bring the school to the next award level soonest. For each rule of that
 * level that does not hold yet: how many more criteria must reach the rule's point, and the
 * criteria closest to it. Closest means fewest points below the point needed (a criterion already
 * there that only lacks the evidence the rule asks for comes first, a criterion not judged yet
 * last), then one with evidence before one without, then framework order. Criteria that do not
 * apply to the school, or that it validly claims are not applicable, are never candidates: the
 * award rules leave them out.
 */

export interface ThresholdCandidate {
  criterionId: string;
  title: string;
  /** The criterion's judgement now, as the scale labels it; null when not judged yet. */
  now: string | null;
  /** True when the judgement is already high enough and only evidence is missing. */
  needsEvidenceOnly: boolean;
}

export interface ThresholdStep {
  rule: AwardRule;
  /** How many more criteria must reach the rule's point for the rule to hold. */
  more: number;
  /** One sentence a SENCO understands, e.g. "3 more Foundation criteria at Established or better would reach 80%." */
  sentence: string;
  /** The criteria closest to the point, closest first: for an "every" rule all of those below it, otherwise as many as are needed. */
  candidates: ThresholdCandidate[];
}

export interface NextThreshold {
  level: AwardLevel;
  steps: ThresholdStep[];
}

/** The next level the school does not hold and what would reach it; null when it holds the highest. */
export function nextThreshold(framework: AppliedFramework, standings: Standings, context: AwardContext = {}): NextThreshold | null {
  return nextThresholdFrom(framework, standings, evaluateAwards(framework, standings, context));
}

/** The same, from an outcome the caller has already worked out for these standings (the dashboard evaluates the rules once). */
export function nextThresholdFrom(framework: AppliedFramework, standings: Standings, outcome: AwardOutcome): NextThreshold | null {
  if (!outcome.next) return null;
  return { level: outcome.next.level, steps: outcome.next.blockers.map((blocker) => stepFor(framework, standings, blocker)) };
}

function stepFor(framework: AppliedFramework, standings: Standings, outcome: RuleOutcome): ThresholdStep {
  const { rule } = outcome;
  const { scale } = framework;
  const what = describeSelector(framework, rule.criteria);
  const standing = (id: string): CriterionStanding => standings.get(id) ?? { judgement: null, evidenceCount: 0 };
  const point = rule.rule === 'at-most-below' ? rule.below : rule.atLeast;
  const withEvidence = rule.rule !== 'at-most-below' && rule.withEvidence === true;
  const target = judgementRank(scale, point);
  const order = new Map(framework.criteria.map((c, i) => [c.id, i]));

  const pointsShort = (id: string): number => {
    const rank = judgementRank(scale, standing(id).judgement);
    // Not judged yet: further than any judged criterion.
    return rank < 0 ? scale.points.length + 1 : Math.max(0, target - rank);
  };
  const ranked = [...outcome.blocking].sort(
    (a, b) =>
      pointsShort(a) - pointsShort(b) ||
      Number(standing(b).evidenceCount > 0) - Number(standing(a).evidenceCount > 0) ||
      (order.get(a) ?? 0) - (order.get(b) ?? 0),
  );

  const more =
    rule.rule === 'every'
      ? outcome.blocking.length
      : rule.rule === 'percentage'
        ? outcome.required - outcome.passing
        : outcome.blocking.length - rule.atMost;
  const chosen = rule.rule === 'every' ? ranked : ranked.slice(0, more);
  const standard = `${labelOf(scale, point)} or better${withEvidence ? ' with evidence' : ''}`;
  const count = `${more} ${more === 1 ? what.singular : what.plural}`;

  let sentence: string;
  if (rule.rule === 'every') {
    sentence = `${more === 1 ? `1 more ${what.singular}` : `${more} more ${what.plural}`} at ${standard} would meet the rule that every one must be.`;
  } else if (rule.rule === 'percentage') {
    sentence = `${more} more ${more === 1 ? what.singular : what.plural} at ${standard} would reach ${rule.percent}% (${outcome.required} of ${outcome.counted}).`;
  } else {
    const limit = rule.atMost === 0 ? 'none may be below it' : `at most ${rule.atMost} may be below it`;
    sentence = `Raising ${count} to ${standard} would meet the rule that ${limit}.`;
  }

  const candidates = chosen.map((id): ThresholdCandidate => {
    const judgement = standing(id).judgement;
    const criterion = framework.criteria[order.get(id) ?? -1];
    return {
      criterionId: id,
      title: criterion?.title ?? id,
      now: judgement === null ? null : labelOf(scale, judgement),
      needsEvidenceOnly: withEvidence && judgementRank(scale, judgement) >= target,
    };
  });
  return { rule, more, sentence, candidates };
}

function labelOf(scale: JudgementScale, pointId: string): string {
  return scale.points.find((p) => p.id === pointId)?.label ?? pointId;
}
