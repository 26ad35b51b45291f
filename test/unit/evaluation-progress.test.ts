import { describe, expect, it } from 'vitest';
import { evaluateAwards } from '../../shared/awards/award-rules';
import { summariseEvaluation } from '../../shared/evaluation/evaluation-progress';
import { evidenceLinkKey, responseKey, type CriterionResponse, type EvidenceLink } from '../../shared/evaluation/evaluation-records';
import { allAt, TINY_IDS, tinyApplied } from '../fixtures/tiny-framework';

const EVAL = 'eval-1';
const tiny = tinyApplied();

function judged(criterionId: string, judgement: string | null): CriterionResponse {
  return { key: responseKey(EVAL, criterionId), evaluationId: EVAL, criterionId, judgement, narrative: '', nextSteps: '', updatedAt: '' };
}

function linked(criterionId: string, evidenceId: string): EvidenceLink {
  return { key: evidenceLinkKey(EVAL, criterionId, evidenceId), evaluationId: EVAL, criterionId, evidenceId };
}

const distribution = (strong: number, good: number, weak: number, none: number) => [
  { pointId: 'strong', label: 'Strong', count: strong },
  { pointId: 'good', label: 'Good', count: good },
  { pointId: 'weak', label: 'Weak', count: weak },
  { pointId: 'none', label: 'None', count: none },
];

describe('summariseEvaluation', () => {
  it('an empty evaluation: nothing judged, nothing evidenced, no award', () => {
    const summary = summariseEvaluation(tiny, [], []);
    expect(summary).toMatchObject({ total: 11, judged: 0, withEvidence: 0, unjudged: [...TINY_IDS], withoutEvidence: [...TINY_IDS] });
    expect(summary.strands).toEqual([
      { strandId: 'TF-1', title: 'Leadership', total: 5, judged: 0, withEvidence: 0, distribution: distribution(0, 0, 0, 0) },
      { strandId: 'TF-2', title: 'Teaching', total: 6, judged: 0, withEvidence: 0, distribution: distribution(0, 0, 0, 0) },
    ]);
    expect(summary.award.achieved).toBeNull();
    expect(summary.award.next?.level.id).toBe('bronze');
  });

  it('counts judgements, evidence and the distribution per strand', () => {
    const responses = [
      judged('TF-1.1.1', 'strong'),
      judged('TF-1.1.2', 'good'),
      judged('TF-1.1.3', 'good'),
      judged('TF-1.2.1', null),
      judged('TF-2.1.1', 'weak'),
      judged('TF-2.2.3', 'none'),
    ];
    const links = [linked('TF-1.1.1', 'ev-a'), linked('TF-1.1.1', 'ev-b'), linked('TF-2.1.2', 'ev-a'), linked('TF-2.2.3', 'ev-c')];
    const summary = summariseEvaluation(tiny, responses, links);

    expect(summary.total).toBe(11);
    expect(summary.judged).toBe(5);
    expect(summary.withEvidence).toBe(3);
    expect(summary.strands).toEqual([
      { strandId: 'TF-1', title: 'Leadership', total: 5, judged: 3, withEvidence: 1, distribution: distribution(1, 2, 0, 0) },
      { strandId: 'TF-2', title: 'Teaching', total: 6, judged: 2, withEvidence: 2, distribution: distribution(0, 0, 1, 1) },
    ]);
    expect(summary.unjudged).toEqual(['TF-1.2.1', 'TF-1.2.2', 'TF-2.1.2', 'TF-2.1.3', 'TF-2.2.1', 'TF-2.2.2']);
    expect(summary.withoutEvidence).toEqual([
      'TF-1.1.2',
      'TF-1.1.3',
      'TF-1.2.1',
      'TF-1.2.2',
      'TF-2.1.1',
      'TF-2.1.3',
      'TF-2.2.1',
      'TF-2.2.2',
    ]);
  });

  it('treats a judgement that is not on the scale as unjudged', () => {
    const summary = summariseEvaluation(tiny, [judged('TF-1.1.1', 'embedded'), judged('TF-1.1.2', 'good')], []);
    expect(summary.judged).toBe(1);
    expect(summary.unjudged).toContain('TF-1.1.1');
    expect(summary.unjudged).not.toContain('TF-1.1.2');
    expect(summary.strands[0]?.judged).toBe(1);
    expect(summary.strands[0]?.distribution.reduce((n, d) => n + d.count, 0)).toBe(1);
  });

  it('ignores responses and links for criteria the framework does not have', () => {
    const summary = summariseEvaluation(tiny, [judged('XX-1.1.1', 'strong')], [linked('XX-1.1.1', 'ev-a')]);
    expect(summary.judged).toBe(0);
    expect(summary.withEvidence).toBe(0);
  });

  it('works out the award from the same standings', () => {
    const responses = TINY_IDS.map((id) => judged(id, 'strong'));
    const links = TINY_IDS.map((id) => linked(id, `ev-${id}`));
    const summary = summariseEvaluation(tiny, responses, links);
    expect(summary.award.achieved?.id).toBe('gold');
    expect(summary.award).toEqual(evaluateAwards(tiny, allAt(TINY_IDS, 'strong', 1)));
    expect(summary.unjudged).toEqual([]);
    expect(summary.withoutEvidence).toEqual([]);
  });

  it('does not let an off-scale judgement count towards an award', () => {
    const responses = TINY_IDS.map((id) => judged(id, 'strong'));
    responses[0] = judged('TF-1.1.1', 'embedded');
    const summary = summariseEvaluation(tiny, responses, []);
    expect(summary.award.achieved).toBeNull();
    expect(summary.award.next?.blockers[0]?.blocking).toEqual(['TF-1.1.1']);
  });

  it('counts supplement strands too', () => {
    const withSupplement = tinyApplied({ withSupplement: true });
    const summary = summariseEvaluation(withSupplement, [judged('TS-1.1.2', 'good')], [linked('TS-1.1.1', 'ev-a')]);
    expect(summary.total).toBe(13);
    expect(summary.strands.map((s) => s.strandId)).toEqual(['TF-1', 'TF-2', 'TS-1']);
    expect(summary.strands[2]).toMatchObject({ total: 2, judged: 1, withEvidence: 1 });
    expect(summary.strands[2]?.distribution.find((d) => d.pointId === 'good')?.count).toBe(1);
  });
});
