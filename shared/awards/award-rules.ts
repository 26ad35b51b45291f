import {
  criterionApplies,
  describeSchool,
  notApplicableProblem,
  type ApplicabilityProfile,
  type NotApplicableClaim,
} from '../framework/applicability';
import type { AppliedFramework, PlacedCriterion } from '../framework/applied-framework';
import type { AwardLevel, AwardRule, CriteriaSelector, JudgementScale } from '../framework/framework-types';

/**
 * The one engine that evaluates a framework's award rules (data in the framework file).
 * A criterion with no judgement counts as below every point of the scale: an award is never
 * given on criteria nobody has judged yet.
 *
 * Criteria that do not apply to the school (the framework's `appliesTo`, read against its
 * profile) and criteria the school validly claims are not applicable (until a moderator disputes
 * the claim) are left out of every rule's count, and the outcome says which and why.
 */

export interface CriterionStanding {
  /** Scale point id, or null when not judged yet. */
  judgement: string | null;
  evidenceCount: number;
  /** The school's claim that the criterion does not apply, with its reason; absent or null: none. */
  notApplicable?: NotApplicableClaim | null;
}

/** What the engine knows beyond the judgements. */
export interface AwardContext {
  /** The school's profile; without one, every criterion applies (as for a format 1 framework). */
  profile?: ApplicabilityProfile | null;
  /** Criteria whose "not applicable" claim a moderator disputes: they count again. */
  disputedNotApplicable?: ReadonlySet<string>;
}

/** A criterion left out of every rule, and why. */
export interface ExcludedCriterion {
  criterionId: string;
  /** does-not-apply: the framework limits it to other schools; not-applicable: the school's accepted claim. */
  why: 'does-not-apply' | 'not-applicable';
  reason: string;
}

export interface Exclusions {
  criteria: ExcludedCriterion[];
  /** Plain sentences for the dashboard, e.g. "3 criteria do not apply to a primary school." */
  sentences: string[];
}

export type Standings = ReadonlyMap<string, CriterionStanding>;

export interface RuleOutcome {
  rule: AwardRule;
  met: boolean;
  /** How many criteria the rule looks at. */
  counted: number;
  /** How many of those pass the rule's test. */
  passing: number;
  /** For a percentage rule, how many must pass. */
  required: number;
  /** Criteria that hold the rule back, in framework order. */
  blocking: string[];
  /** One sentence a SENCO understands. */
  explanation: string;
}

export interface LevelOutcome {
  level: AwardLevel;
  met: boolean;
  rules: RuleOutcome[];
}

export interface AwardOutcome {
  /** The highest level whose rules, and those of every level below, all hold. */
  achieved: AwardLevel | null;
  levels: LevelOutcome[];
  /** The first level not yet achieved, with what blocks it. */
  next: { level: AwardLevel; blockers: RuleOutcome[] } | null;
  /** Criteria no rule counted, and why. */
  excluded: Exclusions;
}

/** The criteria every rule leaves out for this school, in framework order. */
export function exclusionsFor(framework: AppliedFramework, standings: Standings, context: AwardContext = {}): Exclusions {
  const criteria: ExcludedCriterion[] = [];
  for (const criterion of framework.criteria) {
    const applies = context.profile ? criterionApplies(criterion, context.profile) : ({ applies: true } as const);
    if (!applies.applies) {
      criteria.push({ criterionId: criterion.id, why: 'does-not-apply', reason: applies.reason });
      continue;
    }
    const claim = standings.get(criterion.id)?.notApplicable;
    // An invalid claim (no reason, or on a criterion that does not allow one) is ignored: the criterion counts.
    if (claim && notApplicableProblem(criterion, claim) === null && !context.disputedNotApplicable?.has(criterion.id)) {
      criteria.push({ criterionId: criterion.id, why: 'not-applicable', reason: claim.reason.trim() });
    }
  }
  const doNotApply = criteria.filter((c) => c.why === 'does-not-apply').length;
  const claimed = criteria.length - doNotApply;
  const sentences: string[] = [];
  if (doNotApply > 0 && context.profile) {
    sentences.push(`${doNotApply} ${doNotApply === 1 ? 'criterion does' : 'criteria do'} not apply to ${describeSchool(context.profile)}.`);
  }
  if (claimed > 0) {
    sentences.push(
      `${claimed} ${claimed === 1 ? 'criterion is' : 'criteria are'} marked not applicable by the school, with a reason the moderator will read.`,
    );
  }
  return { criteria, sentences };
}

export function evaluateAwards(framework: AppliedFramework, standings: Standings, context: AwardContext = {}): AwardOutcome {
  const excluded = exclusionsFor(framework, standings, context);
  const left = new Set(excluded.criteria.map((c) => c.criterionId));
  const counted: AppliedFramework =
    left.size === 0 ? framework : { ...framework, criteria: framework.criteria.filter((c) => !left.has(c.id)) };
  const levels: LevelOutcome[] = framework.awards.map((award) => {
    const level = framework.levels.find((l) => l.id === award.level) ?? { id: award.level, label: award.level, description: '' };
    const rules = award.requires.map((rule) => evaluateRule(counted, rule, standings));
    return { level, met: rules.every((r) => r.met), rules };
  });
  let achieved: AwardLevel | null = null;
  let next: AwardOutcome['next'] = null;
  for (const outcome of levels) {
    if (!outcome.met) {
      next = { level: outcome.level, blockers: outcome.rules.filter((r) => !r.met) };
      break;
    }
    achieved = outcome.level;
  }
  return { achieved, levels, next, excluded };
}

/** Rank of a judgement: higher is stronger; no judgement is -1. */
export function judgementRank(scale: JudgementScale, pointId: string | null | undefined): number {
  if (pointId === null || pointId === undefined) return -1;
  const index = scale.points.findIndex((p) => p.id === pointId);
  return index < 0 ? -1 : scale.points.length - 1 - index;
}

export function isMet(scale: JudgementScale, pointId: string | null | undefined): boolean {
  return judgementRank(scale, pointId) >= judgementRank(scale, scale.metAtOrAbove);
}

export function selectCriteria(framework: AppliedFramework, selector: CriteriaSelector): PlacedCriterion[] {
  return framework.criteria.filter(
    (c) =>
      (selector.levels === undefined || selector.levels.includes(c.level)) &&
      (selector.mandatory === undefined || c.mandatory === selector.mandatory) &&
      (selector.strands === undefined || selector.strands.includes(c.strandId)) &&
      (selector.statutory === undefined || (c.statutory !== null) === selector.statutory),
  );
}

export function evaluateRule(framework: AppliedFramework, rule: AwardRule, standings: Standings): RuleOutcome {
  const { scale } = framework;
  const selected = selectCriteria(framework, rule.criteria);
  const what = describeSelector(framework, rule.criteria);
  const standing = (id: string): CriterionStanding => standings.get(id) ?? { judgement: null, evidenceCount: 0 };

  if (rule.rule === 'at-most-below') {
    const floor = judgementRank(scale, rule.below);
    const below = selected.filter((c) => judgementRank(scale, standing(c.id).judgement) < floor).map((c) => c.id);
    const met = below.length <= rule.atMost;
    const pointLabel = labelOf(scale, rule.below);
    const limit = rule.atMost === 0 ? `No ${what.singular}` : `At most ${rule.atMost} ${rule.atMost === 1 ? what.singular : what.plural}`;
    const explanation = met
      ? `${limit} may be below ${pointLabel} or unjudged, and ${below.length === 0 ? 'none is' : `${below.length} ${below.length === 1 ? 'is' : 'are'}`}.`
      : `${limit} may be below ${pointLabel} or unjudged: ${below.length} ${below.length === 1 ? 'is' : 'are'} (${listIds(below)}).`;
    return {
      rule,
      met,
      counted: selected.length,
      passing: selected.length - below.length,
      required: selected.length - rule.atMost,
      blocking: below,
      explanation,
    };
  }

  const threshold = judgementRank(scale, rule.atLeast);
  const passes = (c: PlacedCriterion) =>
    judgementRank(scale, standing(c.id).judgement) >= threshold && (!rule.withEvidence || standing(c.id).evidenceCount > 0);
  const failing = selected.filter((c) => !passes(c)).map((c) => c.id);
  const passing = selected.length - failing.length;
  const standard = `${labelOf(scale, rule.atLeast)} or better${rule.withEvidence ? ' with evidence' : ''}`;

  if (rule.rule === 'every') {
    const met = failing.length === 0;
    const explanation = met
      ? selected.length === 0
        ? `No ${what.plural} apply to this school.`
        : `All ${selected.length} ${what.plural} are judged ${standard}.`
      : `${failing.length} ${failing.length === 1 ? what.singular : what.plural} not yet judged ${standard}: ${listIds(failing)}.`;
    return { rule, met, counted: selected.length, passing, required: selected.length, blocking: failing, explanation };
  }

  const required = Math.max(0, Math.ceil((rule.percent / 100) * selected.length - 1e-9));
  const met = passing >= required;
  const share = selected.length === 0 ? 100 : Math.floor((passing / selected.length) * 100);
  const explanation = met
    ? `${passing} of ${selected.length} ${what.plural} (${share}%) are judged ${standard}; ${rule.percent}% is needed.`
    : `${rule.percent}% of ${what.plural} must be judged ${standard}: ${passing} of ${selected.length} (${share}%) so far, ${required - passing} more needed.`;
  return { rule, met, counted: selected.length, passing, required, blocking: met ? [] : failing, explanation };
}

function labelOf(scale: JudgementScale, pointId: string): string {
  return scale.points.find((p) => p.id === pointId)?.label ?? pointId;
}

function listIds(ids: string[], max = 8): string {
  return ids.length <= max ? ids.join(', ') : `${ids.slice(0, max).join(', ')} and ${ids.length - max} more`;
}

export function describeSelector(framework: AppliedFramework, selector: CriteriaSelector): { singular: string; plural: string } {
  const parts: string[] = [];
  if (selector.mandatory === true) parts.push('mandatory');
  if (selector.mandatory === false) parts.push('non-mandatory');
  if (selector.statutory === true) parts.push('statutory');
  if (selector.statutory === false) parts.push('non-statutory');
  if (selector.levels) parts.push(selector.levels.map((id) => framework.levels.find((l) => l.id === id)?.label ?? id).join(' or '));
  const strands = selector.strands ? ` in ${selector.strands.join(', ')}` : '';
  if (parts.length === 0) return { singular: `criterion${strands}`, plural: `criteria${strands}` };
  const prefix = parts.join(' ');
  return { singular: `${prefix} criterion${strands}`, plural: `${prefix} criteria${strands}` };
}
