import { describe, expect, it } from 'vitest';
import type { CriterionModeration, ModerationDecision } from '../../shared/moderation/moderation-records';
import {
  movedDownLastTime,
  proposedVisitSample,
  sampleByRule,
  samplingRuleText,
  takenOutOfProposal,
  whyInPlan,
  type RuleSamplingInput,
} from '../../shared/moderation/visit-sampling';
import { TINY_IDS, tinyApplied } from '../fixtures/tiny-framework';

/*
 * Tiny framework (scale strong > good > weak > none, met at "good"):
 *   TF-1: TF-1.1.1 (mandatory), TF-1.1.2, TF-1.1.3, TF-1.2.1, TF-1.2.2
 *   TF-2: TF-2.1.1 (mandatory), TF-2.1.2, TF-2.1.3, TF-2.2.1, TF-2.2.2, TF-2.2.3
 * TF-2.2.1 is made statutory below.
 */
const base = tinyApplied();
const framework = {
  ...base,
  criteria: base.criteria.map((c) =>
    c.id === 'TF-2.2.1' ? Object.assign({ ...c }, { statutory: { source: 'cfa-2014', section: '66' } }) : c,
  ),
};

type Response = RuleSamplingInput['responses'][number];
// By default every criterion is judged "good" with one evidence item: no risk.
const responses = (over: Record<string, Partial<Response>> = {}): Response[] =>
  TINY_IDS.map((id) => ({ criterionId: id, judgement: 'good', evidenceIds: ['ev-1'], ...over[id] }));

const everything = { mandatoryAlways: true, statutoryAlways: true, riskFirst: true, randomPerStrand: 0 };

function sample(over: Partial<RuleSamplingInput> = {}) {
  return sampleByRule({ framework, responses: responses(), rule: everything, movedDownLastTime: [], seed: 'MOORSIDE', ...over });
}

describe('sampling by the region’s rule', () => {
  it('always takes the mandatory and statutory criteria the school claims, saying why', () => {
    expect(sample().map((s) => [s.criterionId, s.reason])).toEqual([
      ['TF-1.1.1', 'mandatory'],
      ['TF-2.1.1', 'mandatory'],
      ['TF-2.2.1', 'statutory'],
    ]);
    expect(sample()[0]?.why).toBe('A mandatory criterion the school claims to meet.');
  });

  it('leaves out a mandatory criterion the school does not claim (judged below met, or unjudged)', () => {
    const result = sample({ responses: responses({ 'TF-1.1.1': { judgement: 'weak' }, 'TF-2.1.1': { judgement: null } }) });
    expect(result.map((s) => s.criterionId)).toEqual(['TF-2.2.1']);
  });

  it('follows the rule: no mandatory or statutory criteria when it says so', () => {
    expect(sample({ rule: { ...everything, mandatoryAlways: false } }).map((s) => s.criterionId)).toEqual(['TF-2.2.1']);
    expect(sample({ rule: { ...everything, statutoryAlways: false } }).map((s) => s.criterionId)).toEqual(['TF-1.1.1', 'TF-2.1.1']);
  });

  it('puts the criteria at risk next, heaviest risk first, then framework order', () => {
    const result = sample({
      responses: responses({
        'TF-1.1.2': { judgement: 'good', evidenceIds: [] }, // met without evidence: weight 1
        'TF-1.2.2': { judgement: 'strong', evidenceIds: [] }, // top without evidence: 3
        'TF-2.1.2': { judgement: null, notApplicable: { reason: 'No such pupils' } }, // not applicable: 2
        'TF-2.2.2': { judgement: 'good', evidenceIds: [] }, // met without evidence (1) and moderated down last time (3): 4
        'TF-2.2.3': { judgement: 'strong', evidenceIds: ['ev-1'] }, // top with evidence: no risk
      }),
      movedDownLastTime: ['TF-2.2.2', 'TF-1.1.3'], // TF-1.1.3: 3
    });
    expect(result.map((s) => [s.criterionId, s.reason])).toEqual([
      ['TF-1.1.1', 'mandatory'],
      ['TF-2.1.1', 'mandatory'],
      ['TF-2.2.1', 'statutory'],
      ['TF-2.2.2', 'risk'],
      ['TF-1.1.3', 'risk'],
      ['TF-1.2.2', 'risk'],
      ['TF-2.1.2', 'risk'],
      ['TF-1.1.2', 'risk'],
    ]);
    expect(result[3]).toEqual({
      criterionId: 'TF-2.2.2',
      reason: 'risk',
      risks: ['moderated-down-last-time', 'met-without-evidence'],
      why: 'At risk: moderated down at the last moderation; judged met with no evidence linked.',
    });
    // A mandatory criterion at risk is listed once, as mandatory.
    const twice = sample({ responses: responses({ 'TF-1.1.1': { judgement: 'strong', evidenceIds: [] } }) });
    expect(twice.filter((s) => s.criterionId === 'TF-1.1.1')).toEqual([expect.objectContaining({ reason: 'mandatory' })]);
  });

  it('adds no risk criteria when the rule does not put risk first', () => {
    const result = sample({ rule: { ...everything, riskFirst: false }, movedDownLastTime: ['TF-1.1.3'] });
    expect(result.map((s) => s.reason)).toEqual(['mandatory', 'mandatory', 'statutory']);
  });

  it('draws N more per strand from the rest, the same for the same seed', () => {
    const rule = { ...everything, randomPerStrand: 2 };
    const first = sample({ rule });
    expect(sample({ rule })).toEqual(first);
    const random = first.filter((s) => s.reason === 'random').map((s) => s.criterionId);
    const chosenFirst = new Set(['TF-1.1.1', 'TF-2.1.1', 'TF-2.2.1']);
    expect(random.filter((id) => id.startsWith('TF-1.'))).toHaveLength(2);
    expect(random.filter((id) => id.startsWith('TF-2.'))).toHaveLength(2);
    expect(random.some((id) => chosenFirst.has(id))).toBe(false);
    expect(first.find((s) => s.reason === 'random')?.why).toMatch(/^Drawn at random from .+ \(seed MOORSIDE\)\.$/);
    // Some other seed draws another sample (checked over a few seeds so that one coincidence cannot fail it).
    const others = ['A', 'B', 'C', 'D'].map((seed) => JSON.stringify(sample({ rule, seed })));
    expect(others.some((o) => o !== JSON.stringify(first))).toBe(true);
  });

  it('takes the whole of a strand when fewer are left than N', () => {
    const result = sample({ rule: { ...everything, randomPerStrand: 50 } });
    expect(new Set(result.map((s) => s.criterionId))).toEqual(new Set(TINY_IDS));
    expect(result).toHaveLength(TINY_IDS.length);
  });
});

function decided(criterionId: string, decision: ModerationDecision, moderatedJudgement: string | null = null): CriterionModeration {
  return { key: `w|s1|${criterionId}`, submissionKey: 'w|s1', criterionId, decision, moderatedJudgement, comment: '', updatedAt: '' };
}

describe('moderated down last time', () => {
  it('is a lower point, not met on a criterion judged met, or a disputed "not applicable"; not agreement, a higher point or a request for evidence', () => {
    const earlier = {
      responses: responses({ 'TF-2.1.2': { judgement: null, notApplicable: { reason: 'No such pupils' } } }),
      moderations: [
        decided('TF-1.1.1', 'agree'),
        decided('TF-1.1.2', 'moderated', 'weak'),
        decided('TF-1.1.3', 'moderated', 'strong'),
        decided('TF-1.2.1', 'not-met'),
        decided('TF-1.2.2', 'more-evidence'),
        decided('TF-2.1.2', 'not-applicable-disputed'),
      ],
    };
    expect(movedDownLastTime(framework, earlier)).toEqual(['TF-1.1.2', 'TF-1.2.1', 'TF-2.1.2']);
    expect(movedDownLastTime(framework, null)).toEqual([]);
  });
});

describe('the proposal a visit plan keeps', () => {
  const input = (): RuleSamplingInput => ({
    framework,
    responses: responses({ 'TF-2.2.2': { judgement: 'strong', evidenceIds: [] } }),
    rule: { ...everything, randomPerStrand: 1 },
    movedDownLastTime: ['TF-1.2.2'],
    seed: 'MOORSIDE',
  });

  it('lists the criteria in framework order, records the rule and seed, and keeps each reason in the rule’s order', () => {
    const proposal = proposedVisitSample(input());
    const sampled = sampleByRule(input());
    const order = framework.criteria.map((c) => c.id);
    expect(proposal.criterionIds).toEqual(order.filter((id) => sampled.some((s) => s.criterionId === id)));
    expect(proposal.method).toEqual({ kind: 'rule', seed: 'MOORSIDE' });
    expect(proposal.sample).toEqual({ seed: 'MOORSIDE', proposed: sampled.map((s) => ({ criterionId: s.criterionId, why: s.why })) });
    expect(proposal.sample.proposed.slice(0, 5).map((p) => p.criterionId)).toEqual([
      'TF-1.1.1',
      'TF-2.1.1',
      'TF-2.2.1',
      'TF-1.2.2',
      'TF-2.2.2',
    ]);
    expect(proposedVisitSample(input())).toEqual(proposal);
  });

  it('says why each criterion of the plan is in it, and which the moderator took out', () => {
    const proposal = proposedVisitSample(input());
    const plan = { ...proposal, criterionIds: [...proposal.criterionIds.filter((id) => id !== 'TF-2.1.1'), 'TF-9.9.9'] };
    expect(whyInPlan(plan, 'TF-1.1.1')).toBe('A mandatory criterion the school claims to meet.');
    expect(whyInPlan(plan, 'TF-1.2.2')).toBe('At risk: moderated down at the last moderation.');
    expect(whyInPlan(plan, 'TF-2.2.2')).toBe('At risk: judged at the top of the scale with no evidence linked.');
    expect(whyInPlan(plan, 'TF-9.9.9')).toBe('Added by you.');
    expect(takenOutOfProposal(plan)).toEqual(['TF-2.1.1']);
    // Plans made before the rule: a uniform draw says so, a plan by hand has nothing taken out.
    expect(whyInPlan({ method: { kind: 'random', seed: 'S', perStrand: 1 } }, 'TF-1.1.1')).toBe('Drawn at random (seed S).');
    expect(whyInPlan({ method: { kind: 'hand' } }, 'TF-1.1.1')).toBe('Chosen by you.');
    expect(takenOutOfProposal({ criterionIds: [], method: { kind: 'hand' }, sample: proposal.sample })).toEqual([]);
  });

  it('puts the rule in words', () => {
    expect(samplingRuleText({ ...everything, randomPerStrand: 2 })).toBe(
      'The region’s rule proposes every mandatory criterion the school claims to meet, every statutory duty it claims to meet, every criterion at risk (moderated down last time, a judgement stronger than its evidence, a claim that it does not apply) and 2 more drawn at random from each strand.',
    );
    expect(samplingRuleText({ mandatoryAlways: false, statutoryAlways: false, riskFirst: false, randomPerStrand: 3 })).toBe(
      'The region’s rule proposes 3 more drawn at random from each strand.',
    );
    expect(samplingRuleText({ mandatoryAlways: false, statutoryAlways: false, riskFirst: false, randomPerStrand: 0 })).toBe(
      'The region’s rule proposes no criteria: choose them by hand.',
    );
  });
});
