import { judgementRank } from '../awards/award-rules';
import type { AppliedFramework } from '../framework/applied-framework';
import { decisionDirection, schoolClaim, type ClaimedResponse } from './desk-review';
import type { CriterionModeration, VisitPlan, VisitSample } from './moderation-records';

/**
 * "N criteria at random per strand", repeatable: the same seed always draws the same criteria,
 * so the draw recorded with the visit plan can be checked later by anyone.
 */
export function sampleCriteria(framework: AppliedFramework, perStrand: number, seed: string): string[] {
  if (!Number.isInteger(perStrand) || perStrand < 1) throw new RangeError('Choose at least one criterion per strand.');
  const random = seededRandom(seed);
  const chosen = new Set<string>();
  for (const strand of framework.strands) {
    const ids = strand.standards.flatMap((s) => s.criteria.map((c) => c.id));
    // A partial Fisher–Yates shuffle: the first `perStrand` places are a uniform sample.
    for (let i = 0; i < Math.min(perStrand, ids.length); i += 1) {
      const j = i + Math.floor(random() * (ids.length - i));
      [ids[i], ids[j]] = [ids[j] as string, ids[i] as string];
      chosen.add(ids[i] as string);
    }
  }
  // In framework order, as a visit plan is read.
  return framework.criteria.map((c) => c.id).filter((id) => chosen.has(id));
}

/** A fresh seed a person can read out and type back: eight letters and digits. */
export function newSeed(randomBytes: Uint8Array): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  return [...randomBytes.subarray(0, 8)].map((b) => alphabet[b % alphabet.length]).join('');
}

/** mulberry32 seeded from the FNV-1a hash of the seed text: small, fast and the same everywhere. */
export function seededRandom(seed: string): () => number {
  let state = 0x811c9dc5;
  for (let i = 0; i < seed.length; i += 1) {
    state ^= seed.charCodeAt(i);
    state = Math.imul(state, 0x01000193) >>> 0;
  }
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Why a criterion is in a visit sample drawn by the region's rule. */
export type SampleReason = 'mandatory' | 'statutory' | 'risk' | 'random';

/** What makes a criterion a risk: a judgement stronger than its evidence, a claim it does not apply, or last time's moderation. */
export type RiskReason = 'moderated-down-last-time' | 'top-without-evidence' | 'not-applicable-claim' | 'met-without-evidence';

/** How heavily each risk weighs: criteria with more weight are sampled first. */
const RISK_WEIGHT: Record<RiskReason, number> = {
  'moderated-down-last-time': 3,
  'top-without-evidence': 3,
  'not-applicable-claim': 2,
  'met-without-evidence': 1,
};

const RISK_WORDS: Record<RiskReason, string> = {
  'moderated-down-last-time': 'moderated down at the last moderation',
  'top-without-evidence': 'judged at the top of the scale with no evidence linked',
  'not-applicable-claim': 'claimed not to apply to the school',
  'met-without-evidence': 'judged met with no evidence linked',
};

export interface SampledCriterion {
  criterionId: string;
  reason: SampleReason;
  /** For a risk, every risk found, heaviest first. */
  risks: RiskReason[];
  /** Why it is in the plan, in a sentence for the printed plan. */
  why: string;
}

/** The rule's fields the sampler reads (regions.ts `SamplingRule`). */
export interface SamplingRuleFields {
  mandatoryAlways: boolean;
  statutoryAlways: boolean;
  riskFirst: boolean;
  randomPerStrand: number;
}

export interface RuleSamplingInput {
  framework: AppliedFramework;
  /** The school's responses; `notApplicable` is absent on submissions from before such claims. */
  responses: readonly (ClaimedResponse & { evidenceIds: readonly string[] })[];
  rule: SamplingRuleFields;
  /** Criteria moderated down (or whose "not applicable" was disputed) at the school's last moderation. */
  movedDownLastTime: readonly string[];
  seed: string;
}

/** Whether a criterion is a legal duty. Frameworks of the first format say nothing, so none is. */
export function isStatutory(criterion: object): boolean {
  if (!('statutory' in criterion)) return false;
  const value: unknown = criterion.statutory;
  return value !== null && value !== undefined && value !== false;
}

/**
 * The visit sample by the region's rule, in the order the plan lists it:
 * 1. every mandatory criterion the school claims (judged at or above the point where a criterion
 *    counts as met), when the rule says so; then every statutory one it claims, likewise;
 * 2. when the rule puts risk first, every criterion at risk, heaviest risk first (then framework
 *    order): moderated down last time, top judgement with no evidence, a not-applicable claim,
 *    judged met with no evidence;
 * 3. `randomPerStrand` more from each strand, drawn from those not yet chosen with the seeded
 *    generator (the same seed draws the same sample), in framework order within the strand.
 * Unjudged criteria are not claims: they are sampled only by the random draw.
 */
export function sampleByRule(input: RuleSamplingInput): SampledCriterion[] {
  const { framework, rule } = input;
  const perStrand = Number.isInteger(rule.randomPerStrand) && rule.randomPerStrand > 0 ? rule.randomPerStrand : 0;
  const responses = new Map(input.responses.map((r) => [r.criterionId, r]));
  const downBefore = new Set(input.movedDownLastTime);
  const met = judgementRank(framework.scale, framework.scale.metAtOrAbove);
  const top = framework.scale.points[0]?.id ?? null;
  const chosen = new Map<string, SampledCriterion>();
  const claims = (id: string) => {
    const response = responses.get(id);
    return !!response && schoolClaim(response) === 'judged' && judgementRank(framework.scale, response.judgement) >= met;
  };

  for (const criterion of framework.criteria) {
    if (!claims(criterion.id)) continue;
    if (rule.mandatoryAlways && criterion.mandatory) {
      chosen.set(criterion.id, {
        criterionId: criterion.id,
        reason: 'mandatory',
        risks: [],
        why: 'A mandatory criterion the school claims to meet.',
      });
    } else if (rule.statutoryAlways && isStatutory(criterion)) {
      chosen.set(criterion.id, {
        criterionId: criterion.id,
        reason: 'statutory',
        risks: [],
        why: 'A statutory duty the school claims to meet.',
      });
    }
  }

  if (rule.riskFirst) {
    const atRisk = framework.criteria
      .filter((c) => !chosen.has(c.id))
      .map((c, index) => ({ id: c.id, index, risks: risksOf(responses.get(c.id), downBefore.has(c.id), met, top, framework) }))
      .filter((c) => c.risks.length > 0)
      .map((c) => ({ ...c, weight: c.risks.reduce((sum, r) => sum + RISK_WEIGHT[r], 0) }))
      .sort((a, b) => b.weight - a.weight || a.index - b.index);
    for (const c of atRisk) {
      const words = c.risks.map((r) => RISK_WORDS[r]);
      chosen.set(c.id, { criterionId: c.id, reason: 'risk', risks: c.risks, why: `At risk: ${words.join('; ')}.` });
    }
  }

  if (perStrand > 0) {
    const random = seededRandom(input.seed);
    for (const strand of framework.strands) {
      const ids = strand.standards.flatMap((s) => s.criteria.map((c) => c.id)).filter((id) => !chosen.has(id));
      const drawn = new Set<string>();
      for (let i = 0; i < Math.min(perStrand, ids.length); i += 1) {
        const j = i + Math.floor(random() * (ids.length - i));
        [ids[i], ids[j]] = [ids[j] as string, ids[i] as string];
        drawn.add(ids[i] as string);
      }
      for (const c of strand.standards.flatMap((s) => s.criteria)) {
        if (drawn.has(c.id)) {
          chosen.set(c.id, {
            criterionId: c.id,
            reason: 'random',
            risks: [],
            why: `Drawn at random from ${strand.title} (seed ${input.seed}).`,
          });
        }
      }
    }
  }
  return [...chosen.values()];
}

function risksOf(
  response: (ClaimedResponse & { evidenceIds: readonly string[] }) | undefined,
  movedDown: boolean,
  met: number,
  top: string | null,
  framework: AppliedFramework,
): RiskReason[] {
  const risks: RiskReason[] = [];
  if (movedDown) risks.push('moderated-down-last-time');
  if (!response) return risks;
  const claim = schoolClaim(response);
  const noEvidence = response.evidenceIds.length === 0;
  if (claim === 'judged' && noEvidence && response.judgement === top) risks.push('top-without-evidence');
  if (claim === 'not-applicable') risks.push('not-applicable-claim');
  if (claim === 'judged' && noEvidence && response.judgement !== top && judgementRank(framework.scale, response.judgement) >= met) {
    risks.push('met-without-evidence');
  }
  return risks;
}

/**
 * The criteria moderated down at the school's last moderation (the earlier version's decisions):
 * moderated to a lower point, judged met but found not met, or a "not applicable" disputed.
 */
export function movedDownLastTime(
  framework: AppliedFramework,
  earlier: { responses: readonly ClaimedResponse[]; moderations: readonly CriterionModeration[] } | null,
): string[] {
  if (!earlier) return [];
  const responses = new Map(earlier.responses.map((r) => [r.criterionId, r]));
  return earlier.moderations.flatMap((m) => {
    const response = responses.get(m.criterionId);
    return response && decisionDirection(framework.scale, response, m) === 'down' ? [m.criterionId] : [];
  });
}

/**
 * The visit plan's criteria as the region's rule proposes them (see sampleByRule), in framework
 * order as a plan is read, with why each is in it kept beside the plan's seed.
 */
export function proposedVisitSample(input: RuleSamplingInput): Pick<VisitPlan, 'criterionIds' | 'method'> & { sample: VisitSample } {
  const sampled = sampleByRule(input);
  const chosen = new Set(sampled.map((s) => s.criterionId));
  return {
    criterionIds: input.framework.criteria.map((c) => c.id).filter((id) => chosen.has(id)),
    method: { kind: 'rule', seed: input.seed },
    sample: { seed: input.seed, proposed: sampled.map((s) => ({ criterionId: s.criterionId, why: s.why })) },
  };
}

/** Why a criterion of the plan is in it: the rule's reason, or that the moderator added or chose it. */
export function whyInPlan(plan: Pick<VisitPlan, 'method' | 'sample'>, criterionId: string): string {
  const proposed = plan.method.kind === 'rule' ? plan.sample?.proposed.find((p) => p.criterionId === criterionId) : undefined;
  if (proposed) return proposed.why;
  if (plan.method.kind === 'random') return `Drawn at random (seed ${plan.method.seed}).`;
  return plan.method.kind === 'rule' ? 'Added by you.' : 'Chosen by you.';
}

/** The criteria the rule proposed that the moderator took out of the plan, in the rule's order. */
export function takenOutOfProposal(plan: Pick<VisitPlan, 'criterionIds' | 'method' | 'sample'>): string[] {
  if (plan.method.kind !== 'rule' || !plan.sample) return [];
  const kept = new Set(plan.criterionIds);
  return plan.sample.proposed.map((p) => p.criterionId).filter((id) => !kept.has(id));
}

/** The region's rule in a sentence, for the screen that proposes the sample. */
export function samplingRuleText(rule: SamplingRuleFields): string {
  const parts: string[] = [];
  if (rule.mandatoryAlways) parts.push('every mandatory criterion the school claims to meet');
  if (rule.statutoryAlways) parts.push('every statutory duty it claims to meet');
  if (rule.riskFirst)
    parts.push(
      'every criterion at risk (moderated down last time, a judgement stronger than its evidence, a claim that it does not apply)',
    );
  if (rule.randomPerStrand > 0) parts.push(`${rule.randomPerStrand} more drawn at random from each strand`);
  if (parts.length === 0) return 'The region’s rule proposes no criteria: choose them by hand.';
  const last = parts.pop();
  return `The region’s rule proposes ${parts.length > 0 ? `${parts.join(', ')} and ${last ?? ''}` : (last ?? '')}.`;
}
