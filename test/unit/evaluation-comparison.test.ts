import { describe, expect, it } from 'vitest';
import type { CrosswalkFile } from '../../shared/evaluation/edition-crosswalk';
import { compareEvaluations, predecessorsOf } from '../../shared/evaluation/evaluation-comparison';
import { standingsOf, tinyApplied } from '../fixtures/tiny-framework';

const tiny = tinyApplied();

describe('compareEvaluations on one edition (hand-worked)', () => {
  const earlier = standingsOf({ 'TF-1.1.1': 'good', 'TF-1.1.2': 'weak', 'TF-1.1.3': 'strong', 'TF-2.1.1': 'none' });
  const later = standingsOf({ 'TF-1.1.1': 'strong', 'TF-1.1.2': 'weak', 'TF-1.1.3': 'good', 'TF-2.1.1': 'good', 'TF-2.1.2': 'weak' });
  const result = compareEvaluations({ framework: tiny, standings: earlier }, { framework: tiny, standings: later }, []);

  it('compares points of the one scale; a judgement where there was none is up', () => {
    expect(result.basis).toBe('scale-point');
    expect(result.strands).toEqual([
      {
        strandId: 'TF-1',
        title: 'Leadership',
        total: 5,
        withPredecessor: 5,
        judgedThen: 3,
        metThen: 2,
        judgedNow: 3,
        metNow: 2,
        up: ['TF-1.1.1'],
        down: ['TF-1.1.3'],
      },
      {
        strandId: 'TF-2',
        title: expect.any(String),
        total: 6,
        withPredecessor: 6,
        judgedThen: 1,
        metThen: 0,
        judgedNow: 2,
        metNow: 1,
        up: ['TF-2.1.1', 'TF-2.1.2'],
        down: [],
      },
    ]);
    expect(result.newCriteria).toEqual([]);
  });
});

describe('compareEvaluations across editions, through a crosswalk (hand-worked)', () => {
  const crosswalk: CrosswalkFile = {
    formatVersion: 1,
    kind: 'crosswalk',
    from: 'tiny',
    to: 'tiny',
    description: 'A test crosswalk: one criterion split, one retired, two merged.',
    entries: [
      { from: 'TF-1.1.1', successors: ['TF-1.1.1', 'TF-1.1.2'], carry: 'narrative-and-evidence', note: 'Split.' },
      { from: 'TF-1.1.2', retired: true, reason: 'Gone.' },
      { from: 'TF-1.1.3', successors: ['TF-1.1.3'], carry: 'narrative-and-evidence', note: 'Same.' },
      { from: 'TF-2.1.1', successors: ['TF-2.1.1'], carry: 'narrative-and-evidence', note: 'Merged.' },
      { from: 'TF-2.1.2', successors: ['TF-2.1.1'], carry: 'evidence-only', note: 'Merged.' },
    ],
    newCriteria: ['TF-1.2.1', 'TF-1.2.2', 'TF-2.1.2', 'TF-2.1.3', 'TF-2.2.1', 'TF-2.2.2', 'TF-2.2.3'],
  };
  const earlier = standingsOf({ 'TF-1.1.1': 'good', 'TF-1.1.2': 'strong', 'TF-1.1.3': 'weak', 'TF-2.1.1': 'good', 'TF-2.1.2': 'weak' });
  const later = standingsOf({ 'TF-1.1.1': 'weak', 'TF-1.1.2': 'good', 'TF-1.1.3': 'good', 'TF-2.1.1': 'good' });

  it('pairs each criterion with the earlier criteria mapped to it; a retired one pairs with nothing', () => {
    const map = predecessorsOf(tiny, tiny, [crosswalk]);
    expect(map.get('TF-1.1.2')).toEqual(['TF-1.1.1']);
    expect(map.get('TF-2.1.1')).toEqual(['TF-2.1.1', 'TF-2.1.2']);
    expect(map.get('TF-1.2.1')).toEqual([]);
  });

  it('compares met and not met only; a merged criterion was met then only when all its predecessors were', () => {
    const result = compareEvaluations({ framework: tiny, standings: earlier }, { framework: tiny, standings: later }, [crosswalk]);
    expect(result.basis).toBe('met');
    expect(result.strands[0]).toMatchObject({
      withPredecessor: 3,
      judgedThen: 3,
      metThen: 2,
      judgedNow: 3,
      metNow: 2,
      up: ['TF-1.1.3'],
      down: ['TF-1.1.1'],
    });
    expect(result.strands[1]).toMatchObject({
      withPredecessor: 1,
      judgedThen: 1,
      metThen: 0,
      judgedNow: 1,
      metNow: 1,
      up: ['TF-2.1.1'],
      down: [],
    });
    expect(result.newCriteria).toEqual(['TF-1.2.1', 'TF-1.2.2', 'TF-2.1.2', 'TF-2.1.3', 'TF-2.2.1', 'TF-2.2.2', 'TF-2.2.3']);
  });
});
