import { describe, expect, it } from 'vitest';
import type { ApplicabilityProfile } from '../../shared/framework/applicability';
import type { AppliedFramework } from '../../shared/framework/applied-framework';
import type { Criterion } from '../../shared/framework/framework-types';
import type { CriterionModeration, ModerationDecision } from '../../shared/moderation/moderation-records';
import { criteriaToReview, nextUndecided, reviewProgress } from '../../shared/moderation/moderation-review';
import { TINY_IDS, tinyApplied } from '../fixtures/tiny-framework';

/**
 * The tiny framework (TF-1: 5 criteria, TF-2: 6) with two criteria limited to some schools:
 * TF-1.1.2 to secondary schools, TF-2.2.3 to schools with pupils who have EHC plans.
 */
const LIMITS: Readonly<Record<string, NonNullable<Criterion['appliesTo']>>> = {
  'TF-1.1.2': { phases: ['secondary'], reason: 'Only schools with pupils of secondary age' },
  'TF-2.2.3': { cohorts: ['ehc-plans'], reason: 'Only schools with pupils who have EHC plans' },
};

function limitedFramework(): AppliedFramework {
  const base = tinyApplied();
  const criteria = base.criteria.map((c) => ({ ...c, appliesTo: LIMITS[c.id] ?? c.appliesTo }));
  return { ...base, criteria, criterionById: new Map(criteria.map((c) => [c.id, c])) };
}

const framework = limitedFramework();
const PRIMARY: ApplicabilityProfile = {
  phases: ['primary'],
  setting: 'mainstream',
  highestYear: 6,
  pupilsOnSenSupport: 30,
  pupilsWithEhcPlan: 0,
  resourcedProvision: false,
  lookedAfterOnRoll: false,
};
const SECONDARY: ApplicabilityProfile = { ...PRIMARY, phases: ['secondary'], highestYear: 11, pupilsWithEhcPlan: 5 };
const PRIMARY_APPLYING = TINY_IDS.filter((id) => id !== 'TF-1.1.2' && id !== 'TF-2.2.3');

function decided(ids: readonly string[], decision: ModerationDecision | null = 'agree'): CriterionModeration[] {
  return ids.map((criterionId) => ({
    key: `s|${criterionId}`,
    submissionKey: 's',
    criterionId,
    decision,
    moderatedJudgement: null,
    comment: '',
    updatedAt: '',
  }));
}

describe('criteriaToReview', () => {
  it.each([
    { name: 'no profile (a submission made before profiles)', profile: null, ids: TINY_IDS },
    { name: 'a primary school with no EHC plans', profile: PRIMARY, ids: PRIMARY_APPLYING },
    { name: 'a secondary school with EHC plans', profile: SECONDARY, ids: TINY_IDS },
  ])('$name', ({ profile, ids }) => {
    expect(criteriaToReview(framework, profile).map((c) => c.id)).toEqual(ids);
  });
});

describe('reviewProgress counts only the criteria that apply to the school', () => {
  it.each([
    { name: 'no profile, nothing decided', profile: null, moderations: [], total: 11, reviewed: 0, strands: [5, 6] },
    { name: 'primary, nothing decided', profile: PRIMARY, moderations: [], total: 9, reviewed: 0, strands: [4, 5] },
    { name: 'secondary, nothing decided', profile: SECONDARY, moderations: [], total: 11, reviewed: 0, strands: [5, 6] },
    {
      name: 'primary, every applying criterion agreed',
      profile: PRIMARY,
      moderations: decided(PRIMARY_APPLYING),
      total: 9,
      reviewed: 9,
      strands: [4, 5],
    },
    // A decision stored on a criterion that does not apply (the profile changed in a later version) counts nowhere.
    {
      name: 'primary, decisions only on the two that do not apply',
      profile: PRIMARY,
      moderations: decided(['TF-1.1.2', 'TF-2.2.3']),
      total: 9,
      reviewed: 0,
      strands: [4, 5],
    },
    {
      name: 'secondary, the same two decided',
      profile: SECONDARY,
      moderations: decided(['TF-1.1.2', 'TF-2.2.3']),
      total: 11,
      reviewed: 2,
      strands: [5, 6],
    },
  ])('$name: $reviewed of $total', ({ profile, moderations, total, reviewed, strands }) => {
    const progress = reviewProgress(framework, moderations, profile);
    expect(progress.total).toBe(total);
    expect(progress.reviewed).toBe(reviewed);
    expect(progress.strands.map((s) => s.criterionIds.length)).toEqual(strands);
    expect(progress.strands.flatMap((s) => s.criterionIds)).toEqual(criteriaToReview(framework, profile).map((c) => c.id));
  });

  it('a "not applicable" claim needs a decision: undecided it is not reviewed; accepted it is agreed; disputed it is moderated', () => {
    // The school claimed TF-1.2.1 does not apply; the claim itself is what the moderator decides on.
    expect(reviewProgress(framework, [], PRIMARY).reviewed).toBe(0);
    expect(nextUndecided(framework, decided(['TF-1.1.1']), 'TF-1.1.1', PRIMARY)).toBe('TF-1.1.3');
    expect(nextUndecided(framework, decided(['TF-1.1.1', 'TF-1.1.3']), 'TF-1.1.3', PRIMARY)).toBe('TF-1.2.1');
    expect(reviewProgress(framework, decided(['TF-1.2.1'], 'agree'), PRIMARY)).toMatchObject({ reviewed: 1, agreed: 1, moderated: 0 });
    expect(reviewProgress(framework, decided(['TF-1.2.1'], 'not-applicable-disputed'), PRIMARY)).toMatchObject({
      reviewed: 1,
      agreed: 0,
      moderated: 1,
    });
    expect(reviewProgress(framework, decided(['TF-1.2.1'], null), PRIMARY).reviewed).toBe(0);
  });
});

describe('nextUndecided ("Next not yet reviewed", "Agree and go to the next") skips criteria that do not apply', () => {
  const allBut = (ids: readonly string[]) => decided(TINY_IDS.filter((id) => !ids.includes(id)));
  it.each([
    { name: 'from the start, primary', profile: PRIMARY, moderations: [], after: null, next: 'TF-1.1.1' },
    {
      name: 'after TF-1.1.1, primary: not the secondary-only TF-1.1.2',
      profile: PRIMARY,
      moderations: [],
      after: 'TF-1.1.1',
      next: 'TF-1.1.3',
    },
    { name: 'after TF-1.1.1, no profile', profile: null, moderations: [], after: 'TF-1.1.1', next: 'TF-1.1.2' },
    { name: 'after TF-1.1.1, secondary', profile: SECONDARY, moderations: [], after: 'TF-1.1.1', next: 'TF-1.1.2' },
    {
      name: 'from a criterion that does not apply, on from its place',
      profile: PRIMARY,
      moderations: [],
      after: 'TF-1.1.2',
      next: 'TF-1.1.3',
    },
    {
      name: 'wrapping round past TF-2.2.3',
      profile: PRIMARY,
      moderations: allBut(['TF-1.1.1', 'TF-2.2.3']),
      after: 'TF-2.2.2',
      next: 'TF-1.1.1',
    },
    {
      name: 'only criteria that do not apply are left: none',
      profile: PRIMARY,
      moderations: allBut(['TF-1.1.2', 'TF-2.2.3']),
      after: null,
      next: null,
    },
    {
      name: 'the same for a secondary school: TF-1.1.2',
      profile: SECONDARY,
      moderations: allBut(['TF-1.1.2', 'TF-2.2.3']),
      after: null,
      next: 'TF-1.1.2',
    },
    { name: 'only the current one is left: none', profile: PRIMARY, moderations: allBut(['TF-1.1.3']), after: 'TF-1.1.3', next: null },
  ])('$name', ({ profile, moderations, after, next }) => {
    expect(nextUndecided(framework, moderations, after, profile)).toBe(next);
  });
});
