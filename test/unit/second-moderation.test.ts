import { describe, expect, it } from 'vitest';
import type { ClaimedResponse } from '../../shared/moderation/desk-review';
import { MODERATION_DECISIONS, type CriterionModeration, type ModerationDecision } from '../../shared/moderation/moderation-records';
import returnSchema from '../../shared/moderation/second-moderation-return.schema.json';
import {
  agreementSentence,
  resolutionProblem,
  resolvedModeration,
  returnProblems,
  sampleProblem,
  secondDecisionProblem,
  secondModerationAgreement,
  secondModerationSample,
  type ResolutionDraft,
} from '../../shared/moderation/second-moderation';
import { TINY_IDS, tinyApplied } from '../fixtures/tiny-framework';

/** The tiny framework (strong, good, weak, none), every criterion judged "good" by the school. */
const framework = tinyApplied();
const responses: ClaimedResponse[] = TINY_IDS.map((criterionId) => ({ criterionId, judgement: 'good' }));

function decided(criterionId: string, decision: ModerationDecision, moderatedJudgement: string | null = null): CriterionModeration {
  return {
    key: `s|${criterionId}`,
    submissionKey: 's',
    criterionId,
    decision,
    moderatedJudgement,
    comment: '',
    updatedAt: '2027-01-01T00:00:00.000Z',
  };
}

/** Every criterion agreed, except TF-1.2.1 moderated down to weak and TF-2.2.2 moderated up to strong. */
const moderations = TINY_IDS.map((id) =>
  id === 'TF-1.2.1' ? decided(id, 'moderated', 'weak') : id === 'TF-2.2.2' ? decided(id, 'moderated', 'strong') : decided(id, 'agree'),
);

describe('the default sample for a second moderation', () => {
  it('always holds every criterion moderated down, and one drawn per strand besides', () => {
    for (const seed of ['A', 'B', 'SEED1234', 'ZZZZ9999']) {
      const sample = secondModerationSample({ framework, responses, moderations, seed });
      expect(sample.filter((s) => s.reason === 'moderated-down').map((s) => s.criterionId)).toEqual(['TF-1.2.1']);
      const drawn = sample.filter((s) => s.reason === 'drawn').map((s) => s.criterionId);
      expect(drawn.filter((id) => id.startsWith('TF-1.'))).toHaveLength(1);
      expect(drawn.filter((id) => id.startsWith('TF-2.'))).toHaveLength(1);
      expect(drawn).not.toContain('TF-1.2.1');
    }
  });

  it('the same seed draws the same sample; the sample is in framework order', () => {
    const one = secondModerationSample({ framework, responses, moderations, seed: 'REPEAT42', perStrand: 2 });
    const two = secondModerationSample({ framework, responses, moderations, seed: 'REPEAT42', perStrand: 2 });
    expect(two).toEqual(one);
    const ids = one.map((s) => s.criterionId);
    expect(ids).toEqual(TINY_IDS.filter((id) => ids.includes(id)));
    // Different seeds do not all draw alike (a fixed sample would pass the test above).
    const draws = new Set(
      ['S1', 'S2', 'S3', 'S4', 'S5', 'S6'].map((seed) =>
        JSON.stringify(secondModerationSample({ framework, responses, moderations, seed })),
      ),
    );
    expect(draws.size).toBeGreaterThan(1);
  });

  it('draws only criteria the first moderator decided, and a moderated-up one only by the draw', () => {
    const partly = moderations.map((m) =>
      m.criterionId.startsWith('TF-2.') && m.criterionId !== 'TF-2.2.2' ? { ...m, decision: null } : m,
    );
    for (const seed of ['A', 'B', 'C']) {
      const sample = secondModerationSample({ framework, responses, moderations: partly, seed });
      expect(sample.filter((s) => s.criterionId.startsWith('TF-2.')).map((s) => [s.criterionId, s.reason])).toEqual([
        ['TF-2.2.2', 'drawn'],
      ]);
    }
  });

  it('counts a disputed "not applicable" as moderated down', () => {
    const claimed = responses.map((r) =>
      r.criterionId === 'TF-2.1.2' ? { ...r, judgement: null, notApplicable: { reason: 'No pupils' } } : r,
    );
    const withDispute = moderations.map((m) => (m.criterionId === 'TF-2.1.2' ? decided('TF-2.1.2', 'not-applicable-disputed') : m));
    const sample = secondModerationSample({ framework, responses: claimed, moderations: withDispute, seed: 'X', perStrand: 0 });
    expect(sample.map((s) => s.criterionId)).toEqual(['TF-1.2.1', 'TF-2.1.2']);
  });
});

describe('what a sample, a second decision and a resolution must hold', () => {
  it('a sample needs a criterion, and each one decided', () => {
    expect(sampleProblem([], moderations)).toMatch(/at least one criterion/);
    expect(sampleProblem(['TF-1.1.1'], [{ criterionId: 'TF-1.1.1', decision: null }])).toMatch(/not decided TF-1.1.1 yet/);
    expect(sampleProblem(['TF-1.1.1', 'TF-1.2.1'], moderations)).toBeNull();
  });

  it('a second decision follows the desk review’s rules and explains anything but agreement', () => {
    const response = { criterionId: 'TF-1.1.1', judgement: 'good' };
    expect(secondDecisionProblem(framework, response, { decision: null, moderatedJudgement: null, comment: '' })).toMatch(
      /Choose a decision/,
    );
    expect(secondDecisionProblem(framework, response, { decision: 'agree', moderatedJudgement: null, comment: '' })).toBeNull();
    expect(secondDecisionProblem(framework, response, { decision: 'moderated', moderatedJudgement: 'weak', comment: ' ' })).toMatch(
      /Say why/,
    );
    expect(secondDecisionProblem(framework, response, { decision: 'moderated', moderatedJudgement: 'good', comment: 'x' })).toMatch(
      /school’s own judgement/,
    );
    expect(
      secondDecisionProblem(
        framework,
        { criterionId: 'TF-1.1.2', judgement: null },
        { decision: 'agree', moderatedJudgement: null, comment: '' },
      ),
    ).toMatch(/no judgement/);
    const problems = returnProblems(
      framework,
      ['TF-1.1.1', 'TF-1.1.2'],
      responses,
      new Map([['TF-1.1.1', { decision: 'agree', moderatedJudgement: null, comment: '' }]]),
    );
    expect(problems.map((p) => p.criterionId)).toEqual(['TF-1.1.2']);
  });

  const first = { criterionId: 'TF-1.2.1', decision: 'moderated' as const, moderatedJudgement: 'weak' };
  const second = { criterionId: 'TF-1.2.1', decision: 'agree' as const, moderatedJudgement: null, comment: 'The plan shows it.' };
  const response = { criterionId: 'TF-1.2.1', judgement: 'good' };
  const draft = (over: Partial<ResolutionDraft>): ResolutionDraft => ({
    kind: null,
    decision: null,
    moderatedJudgement: null,
    reason: 'Seen again.',
    ...over,
  });

  it('a resolution needs a way and a reason, and "another" must be neither moderator’s decision', () => {
    expect(resolutionProblem(framework, response, first, second, draft({}))).toMatch(/Choose how/);
    expect(resolutionProblem(framework, response, first, second, draft({ kind: 'kept', reason: '' }))).toMatch(/Give the reason/);
    expect(resolutionProblem(framework, response, first, second, draft({ kind: 'kept' }))).toBeNull();
    expect(
      resolutionProblem(
        framework,
        response,
        first,
        second,
        draft({ kind: 'changed-to-other', decision: 'moderated', moderatedJudgement: 'weak' }),
      ),
    ).toMatch(/your first decision/);
    expect(resolutionProblem(framework, response, first, second, draft({ kind: 'changed-to-other', decision: 'agree' }))).toMatch(
      /second moderator’s decision/,
    );
    expect(
      resolutionProblem(
        framework,
        response,
        first,
        second,
        draft({ kind: 'changed-to-other', decision: 'moderated', moderatedJudgement: 'none' }),
      ),
    ).toBeNull();
  });

  it('a resolution that changes the decision gives the new CriterionModeration; keeping it gives none', () => {
    const current = { ...decided('TF-1.2.1', 'moderated', 'weak'), carriedFrom: { submissionKey: 'old', version: 1 } };
    expect(resolvedModeration(current, second, draft({ kind: 'kept' }), 'T')).toBeNull();
    const toSecond = resolvedModeration(current, second, draft({ kind: 'changed-to-second' }), '2027-02-01T00:00:00.000Z');
    expect(toSecond).toMatchObject({
      decision: 'agree',
      moderatedJudgement: null,
      comment: 'Seen again.',
      updatedAt: '2027-02-01T00:00:00.000Z',
    });
    expect(toSecond && 'carriedFrom' in toSecond).toBe(false);
    const toOther = resolvedModeration(
      current,
      second,
      draft({ kind: 'changed-to-other', decision: 'moderated', moderatedJudgement: 'none' }),
      'T',
    );
    expect(toOther).toMatchObject({ decision: 'moderated', moderatedJudgement: 'none' });
  });
});

describe('the agreement shown to the first moderator', () => {
  it('lists the disagreements first, and says how many agreed', () => {
    const firsts = [
      { criterionId: 'TF-1.1.1', decision: 'agree' as const, moderatedJudgement: null },
      { criterionId: 'TF-1.2.1', decision: 'moderated' as const, moderatedJudgement: 'weak' },
      { criterionId: 'TF-2.1.1', decision: 'agree' as const, moderatedJudgement: null },
    ];
    const seconds = [
      { criterionId: 'TF-1.1.1', decision: 'agree' as const, moderatedJudgement: null },
      { criterionId: 'TF-1.2.1', decision: 'agree' as const, moderatedJudgement: null },
      { criterionId: 'TF-2.1.1', decision: 'agree' as const, moderatedJudgement: null },
    ];
    const result = secondModerationAgreement(firsts, seconds);
    expect(result.criteria.map((c) => [c.criterionId, c.agree])).toEqual([
      ['TF-1.2.1', false],
      ['TF-1.1.1', true],
      ['TF-2.1.1', true],
    ]);
    expect(agreementSentence(result)).toBe('2 of 3 criteria agreed (67%)');
    expect(result.kappa.kind).toBe('value');
  });
});

describe('the return’s format', () => {
  it('offers exactly the desk review’s decisions, none of them empty', () => {
    expect(returnSchema.properties.decisions.items.properties.decision.enum).toEqual(MODERATION_DECISIONS.map((d) => d.id));
  });
});
