import { describe, expect, it } from 'vitest';
import {
  accuracyJudgement,
  decisionDirection,
  decisionProblem,
  decisionsOffered,
  schoolClaim,
  type ClaimedResponse,
} from '../../shared/moderation/desk-review';
import { moderatedJudgements } from '../../shared/moderation/moderation-outcome';
import type { CriterionModeration, ModerationDecision } from '../../shared/moderation/moderation-records';
import { reviewProgress } from '../../shared/moderation/moderation-review';
import type { SubmissionDocument } from '../../shared/submission/submission-format';
import { TINY_IDS, tinyApplied } from '../fixtures/tiny-framework';

// Tiny framework scale, strongest first: strong, good, weak, none; met at "good".
const framework = tinyApplied();

const judged = (criterionId: string, judgement: string): ClaimedResponse => ({ criterionId, judgement });
const unjudged = (criterionId: string): ClaimedResponse => ({ criterionId, judgement: null });
const notApplicable = (criterionId: string): ClaimedResponse => ({
  criterionId,
  judgement: null,
  notApplicable: { reason: 'No sixth form' },
});

function moderation(
  criterionId: string,
  decision: ModerationDecision | null,
  moderatedJudgement: string | null = null,
): CriterionModeration {
  return { key: `s|${criterionId}`, submissionKey: 's', criterionId, decision, moderatedJudgement, comment: '', updatedAt: '' };
}

describe('the decisions offered for a criterion', () => {
  it.each([
    ['judged', judged('TF-1.1.1', 'good'), ['agree', 'moderated', 'more-evidence']],
    ['unjudged: agreeing is not offered', unjudged('TF-1.1.1'), ['not-met', 'more-evidence']],
    ['claimed not applicable', notApplicable('TF-1.1.1'), ['agree', 'not-applicable-disputed', 'more-evidence']],
    // A response from before not-applicable claims existed has no such field: it reads as judged or unjudged.
    ['an old response with a judgement', { criterionId: 'TF-1.1.1', judgement: 'weak' }, ['agree', 'moderated', 'more-evidence']],
    ['a null claim', { criterionId: 'TF-1.1.1', judgement: null, notApplicable: null }, ['not-met', 'more-evidence']],
  ] as const)('%s', (_name, response, ids) => {
    expect(decisionsOffered(schoolClaim(response)).map((o) => o.id)).toEqual(ids);
  });

  it('words "agree" for what the school claimed', () => {
    expect(decisionsOffered('not-applicable')[0]?.label).toBe('Agree it does not apply');
    expect(decisionsOffered('judged')[0]?.label).toBe('Agree with the school');
  });
});

describe('what is wrong with a decision before it is kept', () => {
  it.each([
    [
      'agree with an unjudged criterion',
      unjudged('TF-1.1.1'),
      'agree',
      null,
      /nothing to agree with: choose "Not met" or ask for more evidence/,
    ],
    ['moderate an unjudged criterion', unjudged('TF-1.1.1'), 'moderated', 'good', /nothing to agree with/],
    ['not met on a judged criterion', judged('TF-1.1.1', 'good'), 'not-met', null, /The school judged this criterion/],
    [
      'dispute a claim the school never made',
      judged('TF-1.1.1', 'good'),
      'not-applicable-disputed',
      null,
      /The school judged this criterion/,
    ],
    ['moderate a not-applicable claim', notApplicable('TF-1.1.1'), 'moderated', 'weak', /claimed this criterion does not apply/],
    ['moderated with no point', judged('TF-1.1.1', 'good'), 'moderated', null, /Choose the point on the scale TF-1.1.1 is moderated to/],
    ['moderated to a point not on the scale', judged('TF-1.1.1', 'good'), 'moderated', 'excellent', /Choose the point on the scale/],
    ['moderated to the school’s own point', judged('TF-1.1.1', 'good'), 'moderated', 'good', /is the school’s own judgement of TF-1.1.1/],
  ] as const)('refuses: %s', (_name, response, decision, point, message) => {
    expect(decisionProblem(framework, response, { decision, moderatedJudgement: point })).toMatch(message);
  });

  it.each([
    ['no decision yet', unjudged('TF-1.1.1'), null, null],
    ['agree with a judgement', judged('TF-1.1.1', 'good'), 'agree', null],
    ['moderated down', judged('TF-1.1.1', 'good'), 'moderated', 'weak'],
    ['not met on an unjudged criterion', unjudged('TF-1.1.1'), 'not-met', null],
    ['more evidence on an unjudged criterion', unjudged('TF-1.1.1'), 'more-evidence', null],
    ['agree a criterion does not apply', notApplicable('TF-1.1.1'), 'agree', null],
    ['dispute a not-applicable claim', notApplicable('TF-1.1.1'), 'not-applicable-disputed', null],
  ] as const)('accepts: %s', (_name, response, decision, point) => {
    expect(decisionProblem(framework, response, { decision, moderatedJudgement: point })).toBeNull();
  });
});

describe('the direction of a decision', () => {
  it.each([
    ['agree', judged('a', 'good'), 'agree', null, 'same'],
    ['moderated from good to weak', judged('a', 'good'), 'moderated', 'weak', 'down'],
    ['moderated from good to strong', judged('a', 'good'), 'moderated', 'strong', 'up'],
    ['moderated to the same point (an old record)', judged('a', 'good'), 'moderated', 'good', 'same'],
    ['moderated with no point chosen yet', judged('a', 'good'), 'moderated', null, 'pending'],
    ['more evidence', judged('a', 'strong'), 'more-evidence', null, 'pending'],
    ['no decision', judged('a', 'strong'), null, null, 'pending'],
    ['not met, unjudged: the school claimed nothing', unjudged('a'), 'not-met', null, 'unclaimed'],
    ['not met on a criterion judged met (an old record)', judged('a', 'good'), 'not-met', null, 'down'],
    ['not met on a criterion judged not met (an old record)', judged('a', 'weak'), 'not-met', null, 'same'],
    ['agree it does not apply', notApplicable('a'), 'agree', null, 'same'],
    ['a disputed not-applicable claim', notApplicable('a'), 'not-applicable-disputed', null, 'down'],
    ['agree with an unjudged criterion (an old record)', unjudged('a'), 'agree', null, 'unclaimed'],
  ] as const)('%s: %s', (_name, response, decision, point, direction) => {
    expect(decisionDirection(framework.scale, response, { decision, moderatedJudgement: point })).toBe(direction);
  });
});

describe('the accuracy of the school’s self-evaluation', () => {
  // Ten judged criteria (the first ten of the tiny framework), all "good".
  const ten = TINY_IDS.slice(0, 10);
  const responses = ten.map((id) => judged(id, 'good'));
  const decisions = (down: number, up: number, pendingCount = 0) =>
    ten.map((id, i) =>
      i < down
        ? moderation(id, 'moderated', 'weak')
        : i < down + up
          ? moderation(id, 'moderated', 'strong')
          : i < down + up + pendingCount
            ? moderation(id, 'more-evidence')
            : moderation(id, 'agree'),
    );

  // The rule: more than 20% of settled decisions down (and down ≥ up) is over-generous; more than
  // 20% up (and up > down) is cautious; otherwise accurate.
  it.each([
    ['all agreed', 0, 0, 0, 'accurate'],
    ['2 of 10 down: exactly 20%, not more', 2, 0, 0, 'accurate'],
    ['3 of 10 down: 30%', 3, 0, 0, 'over-generous'],
    ['2 down of 8 settled (2 await evidence): 25%', 2, 0, 2, 'over-generous'],
    ['3 of 10 up', 0, 3, 0, 'cautious'],
    ['2 of 10 up: exactly 20%', 0, 2, 0, 'accurate'],
    ['3 down and 3 up: a tie is over-generous', 3, 3, 0, 'over-generous'],
    ['3 down and 4 up', 3, 4, 0, 'cautious'],
  ] as const)('%s: %s', (_name, down, up, pendingCount, kind) => {
    expect(accuracyJudgement(framework, responses, decisions(down, up, pendingCount)).kind).toBe(kind);
  });

  it('names the criteria behind the judgement, in framework order, and explains it', () => {
    const result = accuracyJudgement(framework, responses, decisions(3, 1, 1));
    expect(result).toMatchObject({
      kind: 'over-generous',
      label: 'Over-generous',
      considered: 9,
      down: ['TF-1.1.1', 'TF-1.1.2', 'TF-1.1.3'],
      up: ['TF-1.2.1'],
      pending: ['TF-1.2.2'],
    });
    if (result.kind === 'not-enough') throw new Error('expected a judgement');
    expect(result.explanation).toBe(
      '3 of the 9 criteria with a settled decision were moderated down (TF-1.1.1, TF-1.1.2, TF-1.1.3): more than 20%. The school judged itself more favourably than its evidence shows.',
    );
  });

  it('counts a disputed not-applicable claim as down, and leaves unjudged criteria out', () => {
    const mixed = [judged('TF-1.1.1', 'good'), notApplicable('TF-1.1.2'), unjudged('TF-1.1.3'), unjudged('TF-1.2.1')];
    const result = accuracyJudgement(framework, mixed, [
      moderation('TF-1.1.1', 'agree'),
      moderation('TF-1.1.2', 'not-applicable-disputed'),
      moderation('TF-1.1.3', 'not-met'),
      moderation('TF-1.2.1', 'not-met'),
    ]);
    // Settled and claimed: TF-1.1.1 (same) and TF-1.1.2 (down): 1 of 2 down = 50%.
    expect(result).toMatchObject({ kind: 'over-generous', considered: 2, down: ['TF-1.1.2'] });
  });

  it('judges only within the sample when one is given', () => {
    const all = decisions(3, 0);
    expect(accuracyJudgement(framework, responses, all, ten.slice(2)).kind).toBe('accurate'); // 1 down of 8
    expect(accuracyJudgement(framework, responses, all, ten.slice(0, 4))).toMatchObject({ kind: 'over-generous', considered: 4 });
  });

  it('says in words when there is nothing to judge on', () => {
    expect(accuracyJudgement(framework, responses, [])).toEqual({
      kind: 'not-enough',
      pending: [],
      explanation: 'No criterion has a decision yet, so the accuracy of the self-evaluation cannot be judged.',
    });
    const waiting = accuracyJudgement(framework, responses, [moderation('TF-1.1.1', 'more-evidence')]);
    expect(waiting).toMatchObject({ kind: 'not-enough', pending: ['TF-1.1.1'] });
  });
});

describe('the new decisions in the existing rules', () => {
  it('not met and a disputed claim count as unmet for the award, and as reviewed and moderated in progress', () => {
    const document = {
      responses: [
        { criterionId: 'TF-1.1.1', judgement: null, narrative: '', nextSteps: '', evidenceIds: [] },
        { criterionId: 'TF-1.1.2', judgement: null, narrative: '', nextSteps: '', evidenceIds: [] },
        { criterionId: 'TF-1.1.3', judgement: 'good', narrative: '', nextSteps: '', evidenceIds: [] },
      ],
    } as unknown as SubmissionDocument;
    const moderations = [
      moderation('TF-1.1.1', 'not-met'),
      moderation('TF-1.1.2', 'not-applicable-disputed'),
      moderation('TF-1.1.3', 'agree'),
    ];
    expect([...moderatedJudgements(document, moderations)]).toEqual([
      ['TF-1.1.1', null],
      ['TF-1.1.2', null],
      ['TF-1.1.3', 'good'],
    ]);
    const progress = reviewProgress(framework, moderations);
    expect(progress).toMatchObject({ reviewed: 3, agreed: 1, moderated: 2, moreEvidence: 0 });
  });
});
