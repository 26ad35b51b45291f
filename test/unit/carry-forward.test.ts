import { describe, expect, it } from 'vitest';
import { carryForward, type CarryForwardInput } from '../../shared/evaluation/carry-forward';
import {
  emptyResponse,
  evidenceLinkKey,
  responseKey,
  type CriterionResponse,
  type EvidenceLink,
} from '../../shared/evaluation/evaluation-records';

const OLD = 'eval-2024';
const NEW = 'eval-2027';
const OTHER = 'eval-other-school';
const NOW = '2027-09-01T09:00:00.000Z';

function response(
  evaluationId: string,
  criterionId: string,
  judgement: string | null,
  narrative = `What we do for ${criterionId}`,
): CriterionResponse {
  return {
    key: responseKey(evaluationId, criterionId),
    evaluationId,
    criterionId,
    judgement,
    narrative,
    nextSteps: `Next for ${criterionId}`,
    updatedAt: '2024-06-30T12:00:00.000Z',
  };
}

function link(evaluationId: string, criterionId: string, evidenceId: string): EvidenceLink {
  return { key: evidenceLinkKey(evaluationId, criterionId, evidenceId), evaluationId, criterionId, evidenceId };
}

function input(overrides: Partial<CarryForwardInput> = {}): CarryForwardInput {
  return {
    fromEvaluationId: OLD,
    toEvaluationId: NEW,
    responses: [
      response(OLD, 'NE-1.1.1', 'embedded'),
      response(OLD, 'NE-1.1.2', 'developing'),
      response(OLD, 'NE-1.1.3', null, ''),
      response(OLD, 'NE-9.9.9', 'established'),
      response(OTHER, 'NE-1.1.1', 'not-yet', 'Another evaluation'),
    ],
    links: [
      link(OLD, 'NE-1.1.1', 'ev-policy'),
      link(OLD, 'NE-1.1.1', 'ev-minutes'),
      link(OLD, 'NE-1.1.3', 'ev-map'),
      link(OLD, 'NE-9.9.9', 'ev-old'),
      link(OLD, 'NE-8.8.8', 'ev-orphan'),
      link(OTHER, 'NE-1.1.2', 'ev-other'),
    ],
    criterionIds: ['NE-1.1.1', 'NE-1.1.2', 'NE-1.1.3', 'NE-1.1.4'],
    scalePointIds: ['embedded', 'established', 'developing', 'not-yet'],
    now: NOW,
    ...overrides,
  };
}

describe('record keys', () => {
  it('join the evaluation, criterion and evidence ids', () => {
    expect(responseKey('e', 'NE-1.1.1')).toBe('e|NE-1.1.1');
    expect(evidenceLinkKey('e', 'NE-1.1.1', 'ev')).toBe('e|NE-1.1.1|ev');
    expect(emptyResponse('e', 'NE-1.1.1')).toEqual({
      key: 'e|NE-1.1.1',
      evaluationId: 'e',
      criterionId: 'NE-1.1.1',
      judgement: null,
      narrative: '',
      nextSteps: '',
      updatedAt: '',
    });
  });
});

describe('carryForward', () => {
  it('carries responses to the new evaluation with new keys, keeping judgement, narrative and next steps', () => {
    const result = carryForward(input());
    expect(result.responses).toEqual([
      { ...response(OLD, 'NE-1.1.1', 'embedded'), key: `${NEW}|NE-1.1.1`, evaluationId: NEW, updatedAt: NOW },
      { ...response(OLD, 'NE-1.1.2', 'developing'), key: `${NEW}|NE-1.1.2`, evaluationId: NEW, updatedAt: NOW },
      { ...response(OLD, 'NE-1.1.3', null, ''), key: `${NEW}|NE-1.1.3`, evaluationId: NEW, updatedAt: NOW },
    ]);
  });

  it('carries evidence links with new keys and evaluation id', () => {
    const result = carryForward(input());
    expect(result.links).toEqual([
      { key: `${NEW}|NE-1.1.1|ev-policy`, evaluationId: NEW, criterionId: 'NE-1.1.1', evidenceId: 'ev-policy' },
      { key: `${NEW}|NE-1.1.1|ev-minutes`, evaluationId: NEW, criterionId: 'NE-1.1.1', evidenceId: 'ev-minutes' },
      { key: `${NEW}|NE-1.1.3|ev-map`, evaluationId: NEW, criterionId: 'NE-1.1.3', evidenceId: 'ev-map' },
    ]);
  });

  it('reports criteria the new framework no longer has, once each, and carries nothing for them', () => {
    const result = carryForward(input());
    expect(result.dropped).toEqual(['NE-9.9.9', 'NE-8.8.8']);
    expect(result.responses.map((r) => r.criterionId)).not.toContain('NE-9.9.9');
    expect(result.links.map((l) => l.criterionId)).not.toContain('NE-9.9.9');
    expect(result.links.map((l) => l.criterionId)).not.toContain('NE-8.8.8');
  });

  it('clears and reports judgements that are not on the new scale, keeping the narrative', () => {
    const result = carryForward(input({ scalePointIds: ['working-well', 'inconsistent', 'developing'] }));
    expect(result.clearedJudgements).toEqual(['NE-1.1.1']);
    const cleared = result.responses.find((r) => r.criterionId === 'NE-1.1.1');
    expect(cleared?.judgement).toBeNull();
    expect(cleared?.narrative).toBe('What we do for NE-1.1.1');
    expect(result.responses.find((r) => r.criterionId === 'NE-1.1.2')?.judgement).toBe('developing');
  });

  it('does not report an unjudged criterion as cleared', () => {
    const result = carryForward(input({ scalePointIds: [] }));
    expect(result.clearedJudgements).toEqual(['NE-1.1.1', 'NE-1.1.2']);
    expect(result.responses.every((r) => r.judgement === null)).toBe(true);
  });

  it('ignores the records of other evaluations', () => {
    const result = carryForward(input());
    expect(result.responses.some((r) => r.narrative === 'Another evaluation')).toBe(false);
    expect(result.links.some((l) => l.evidenceId === 'ev-other')).toBe(false);
    expect([...result.responses, ...result.links].every((r) => r.evaluationId === NEW)).toBe(true);
  });

  it('carries nothing from an evaluation with no records', () => {
    expect(carryForward(input({ fromEvaluationId: 'eval-none' }))).toEqual({
      responses: [],
      links: [],
      dropped: [],
      clearedJudgements: [],
    });
  });

  it('leaves its input untouched', () => {
    const original = input();
    const copy = structuredClone(original);
    carryForward(original);
    expect(original).toEqual(copy);
  });
});
