import { describe, expect, it } from 'vitest';
import type { ModerationDecision } from '../../shared/moderation/moderation-records';
import { kappaWords, moderatorAgreement, type DecisionPair } from '../../shared/moderation/moderator-agreement';

type Short = 'A' | 'W' | 'N' | 'E' | null; // agree, moderated to weak, moderated to none, more evidence, no decision
const decode: Record<Exclude<Short, null>, [ModerationDecision, string | null]> = {
  A: ['agree', null],
  W: ['moderated', 'weak'],
  N: ['moderated', 'none'],
  E: ['more-evidence', null],
};
const list = (codes: readonly Short[]): DecisionPair[] =>
  codes.map((code, i) => ({
    criterionId: `TF-1.1.${i + 1}`,
    decision: code === null ? null : decode[code][0],
    moderatedJudgement: code === null ? null : decode[code][1],
  }));

describe('agreement between two moderators, against worked examples', () => {
  it('ten criteria, three decisions in use', () => {
    //            c1   c2   c3   c4   c5   c6   c7   c8   c9   c10
    const first = list(['A', 'A', 'A', 'A', 'A', 'A', 'W', 'W', 'E', 'E']);
    const second = list(['A', 'A', 'A', 'A', 'A', 'W', 'W', 'A', 'E', 'W']);
    // Agreements: c1–c5, c7, c9 = 7 of 10, so po = 0.7 (70%).
    // First's counts:  agree 6, moderated to weak 2, more evidence 2.
    // Second's counts: agree 6 (c1–c5, c8), moderated to weak 3 (c6, c7, c10), more evidence 1 (c9).
    // pe = 0.6 × 0.6 + 0.2 × 0.3 + 0.2 × 0.1 = 0.36 + 0.06 + 0.02 = 0.44.
    // kappa = (0.7 − 0.44) / (1 − 0.44) = 0.26 / 0.56 = 13/28 ≈ 0.4643: "moderate".
    const result = moderatorAgreement(first, second);
    expect(result.compared).toBe(10);
    expect(result.agreed).toBe(7);
    expect(result.percent).toBeCloseTo(70, 10);
    expect(result.kappa.kind).toBe('value');
    if (result.kappa.kind === 'value') {
      expect(result.kappa.value).toBeCloseTo(13 / 28, 12);
      expect(result.kappa.words).toBe('moderate');
    }
    expect(result.disagreements.map((d) => [d.criterionId, d.first, d.second])).toEqual([
      ['TF-1.1.6', 'agree', 'moderated:weak'],
      ['TF-1.1.8', 'moderated:weak', 'agree'],
      ['TF-1.1.10', 'more-evidence', 'moderated:weak'],
    ]);
  });

  it('moderating to different points is a disagreement', () => {
    // c1 agree/agree, c2 weak/none, c3 none/none, c4 agree/agree: 3 of 4, po = 0.75.
    // First: agree 2, weak 1, none 1. Second: agree 2, none 2.
    // pe = 0.5 × 0.5 + 0.25 × 0 + 0.25 × 0.5 = 0.25 + 0 + 0.125 = 0.375.
    // kappa = (0.75 − 0.375) / 0.625 = 0.375 / 0.625 = 0.6: "moderate" (0.41–0.60).
    const result = moderatorAgreement(list(['A', 'W', 'N', 'A']), list(['A', 'N', 'N', 'A']));
    expect(result.percent).toBe(75);
    if (result.kappa.kind !== 'value') throw new Error('expected a value');
    expect(result.kappa.value).toBeCloseTo(0.6, 12);
    expect(result.kappa.words).toBe('moderate');
  });

  it('less agreement than chance gives a negative kappa', () => {
    // c1 agree/more evidence, c2 more evidence/agree: po = 0.
    // Each used agree once and more evidence once: pe = 0.5 × 0.5 + 0.5 × 0.5 = 0.5.
    // kappa = (0 − 0.5) / (1 − 0.5) = −1.
    const result = moderatorAgreement(list(['A', 'E']), list(['E', 'A']));
    expect(result.percent).toBe(0);
    expect(result.kappa).toEqual({ kind: 'value', value: -1, words: 'poor: less agreement than chance' });
  });

  it('each moderator using one different decision: no agreement and a kappa of 0', () => {
    // po = 0; pe = 1 × 0 + 0 × 1 = 0; kappa = (0 − 0) / 1 = 0.
    const result = moderatorAgreement(list(['A', 'A', 'A']), list(['E', 'E', 'E']));
    expect(result.kappa).toEqual({ kind: 'value', value: 0, words: 'slight' });
  });

  it('says in words why kappa is undefined when both used one and the same decision', () => {
    // po = 1, pe = 1 × 1 = 1: (1 − 1) / (1 − 1) is 0/0.
    const result = moderatorAgreement(list(['A', 'A', 'A']), list(['A', 'A', 'A']));
    expect(result.percent).toBe(100);
    expect(result.kappa.kind).toBe('undefined');
    expect(result.kappa.words).toMatch(/same decision, so kappa cannot be worked out/);
  });

  it('says in words that there is nothing to measure with no criteria in common, and leaves undecided ones out', () => {
    const none = moderatorAgreement([], []);
    expect(none).toMatchObject({ compared: 0, agreed: 0, percent: null, kappa: { kind: 'undefined' } });
    expect(none.kappa.words).toBe('No criterion was decided by both moderators, so there is no agreement to measure yet.');
    const partial = moderatorAgreement(list(['A', null, 'W']), list(['A', 'A']));
    expect(partial.compared).toBe(1);
    expect(partial.notCompared).toEqual(['TF-1.1.2', 'TF-1.1.3']);
    expect(moderatorAgreement(list([null]), list(['A'])).kappa.kind).toBe('undefined');
  });

  it('uses Landis and Koch’s bands', () => {
    expect([-0.1, 0, 0.2, 0.21, 0.4, 0.41, 0.6, 0.61, 0.8, 0.81, 1].map(kappaWords)).toEqual([
      'poor: less agreement than chance',
      'slight',
      'slight',
      'fair',
      'fair',
      'moderate',
      'moderate',
      'substantial',
      'substantial',
      'almost perfect',
      'almost perfect',
    ]);
  });
});
