import { beforeAll, describe, expect, it } from 'vitest';
import { outcomeDraft } from '../fixtures/moderation-report';
import type { AppliedFramework } from '../../shared/framework/applied-framework';
import type { CriterionModeration } from '../../shared/moderation/moderation-records';
import {
  decideOutcome,
  moderatedAward,
  moderatedJudgements,
  outcomeProblems,
  renewalDate,
} from '../../shared/moderation/moderation-outcome';
import { diffSubmissions } from '../../shared/moderation/version-diff';
import { newSeed, sampleCriteria, seededRandom } from '../../shared/moderation/visit-sampling';
import type { SubmissionDocument } from '../../shared/submission/submission-format';
import { sampleSubmissionDocument } from '../fixtures/sample-submission-document';
import { shippedFrameworkForRegion } from '../e2e/support/app';

let framework: AppliedFramework;
let v1: SubmissionDocument;

beforeAll(async () => {
  framework = await shippedFrameworkForRegion('north-east');
  v1 = sampleSubmissionDocument(framework);
});

function moderation(
  criterionId: string,
  decision: CriterionModeration['decision'],
  moderatedJudgement: string | null = null,
): CriterionModeration {
  return { key: `s|${criterionId}`, submissionKey: 's', criterionId, decision, moderatedJudgement, comment: '', updatedAt: '' };
}

describe('diffSubmissions', () => {
  it('reports per criterion the judgement, narrative and evidence that changed, and nothing else', () => {
    const v2 = structuredClone(v1);
    const [a, b, c] = v2.responses;
    if (!a || !b || !c) throw new Error('too few responses');
    const before = a.judgement;
    a.judgement = 'developing';
    b.narrative = `${b.narrative} More detail.`;
    const photo = v2.evidence.find((e) => e.file);
    if (!photo) throw new Error('no evidence with a file');
    c.evidenceIds = [...c.evidenceIds.filter((id) => id !== photo.id)];
    const removedFromC = v1.responses[2]?.evidenceIds.includes(photo.id) ?? false;

    const changes = diffSubmissions(v1, v2);
    expect(changes.find((x) => x.criterionId === a.criterionId)?.judgement).toEqual({ from: before, to: 'developing' });
    expect(changes.find((x) => x.criterionId === b.criterionId)).toMatchObject({ narrativeChanged: true, judgement: null });
    if (removedFromC) expect(changes.find((x) => x.criterionId === c.criterionId)?.evidenceRemoved).toEqual([photo.title]);
    expect(changes.every((x) => [a.criterionId, b.criterionId, c.criterionId].includes(x.criterionId))).toBe(true);
    expect(diffSubmissions(v1, structuredClone(v1))).toEqual([]);
  });

  it('treats a re-added file with a new id but the same bytes as the same evidence', () => {
    const v2 = structuredClone(v1);
    const item = v2.evidence.find((e) => e.file);
    if (!item) throw new Error('no evidence with a file');
    const oldId = item.id;
    item.id = 'renamed-id';
    for (const r of v2.responses) r.evidenceIds = r.evidenceIds.map((id) => (id === oldId ? 'renamed-id' : id));
    expect(diffSubmissions(v1, v2)).toEqual([]);
  });
});

describe('moderated judgements and the award', () => {
  it('agreed and unreviewed criteria keep the school’s judgement; moderated take the moderator’s; more evidence counts as unmet', () => {
    const [a, b, c, d] = v1.responses;
    if (!a || !b || !c || !d) throw new Error('too few responses');
    const judgements = moderatedJudgements(v1, [
      moderation(a.criterionId, 'agree'),
      moderation(b.criterionId, 'moderated', 'not-yet'),
      moderation(c.criterionId, 'more-evidence'),
    ]);
    expect(judgements.get(a.criterionId)).toBe(a.judgement);
    expect(judgements.get(b.criterionId)).toBe('not-yet');
    expect(judgements.get(c.criterionId)).toBeNull();
    expect(judgements.get(d.criterionId)).toBe(d.judgement);
  });

  it('moderating a mandatory criterion down takes the award away', () => {
    const all = structuredClone(v1);
    for (const r of all.responses) r.judgement = 'embedded';
    expect(moderatedAward(framework, all, []).achieved).not.toBeNull();
    const mandatory = framework.criteria.find((c) => c.mandatory);
    if (!mandatory) throw new Error('no mandatory criterion');
    expect(moderatedAward(framework, all, [moderation(mandatory.id, 'moderated', 'developing')]).achieved).toBeNull();
    expect(moderatedAward(framework, all, [moderation(mandatory.id, 'more-evidence')]).achieved).toBeNull();
  });
});

describe('outcome', () => {
  it('works out the renewal date from the region’s period, with 29 February falling back to the 28th', () => {
    expect(renewalDate('2026-11-24T10:00:00Z', 3)).toBe('2029-11-24');
    expect(renewalDate('2028-02-29', 1)).toBe('2029-02-28');
  });

  it('needs a level to accredit, a reason to differ from the rules, and feedback', () => {
    const context = { today: '2026-11-24' };
    expect(outcomeProblems(outcomeDraft({ kind: 'accredited', feedback: '' }), 'foundation', framework, context)).toEqual({
      levelId: 'Choose the level the school is accredited at',
      feedback: 'Write the feedback for the school',
    });
    expect(
      outcomeProblems(outcomeDraft({ kind: 'accredited', levelId: 'advanced', overrideReason: ' ' }), 'foundation', framework, context),
    ).toEqual({
      overrideReason: 'Say why the level differs from the one the award rules give',
    });
    expect(
      outcomeProblems(
        outcomeDraft({
          kind: 'deferred',
          resubmitBy: '2027-01-10',
          evidenceRequests: [{ criterionId: framework.criteria[0]?.id ?? '', what: 'Send more.', dueOn: '2027-01-10' }],
        }),
        null,
        framework,
        context,
      ),
    ).toEqual({});
    const rules = { renewalYears: 3, appealWindowDays: 28 };
    const decided = decideOutcome(
      outcomeDraft({ kind: 'accredited', levelId: 'foundation', overrideReason: 'ignored', feedback: ' Well done. ' }),
      'foundation',
      's',
      '2026-11-24T10:00:00.000Z',
      rules,
    );
    expect(decided).toMatchObject({ levelId: 'foundation', overrideReason: '', renewalDate: '2029-11-24', feedback: 'Well done.' });
    expect(
      decideOutcome(outcomeDraft({ kind: 'not-yet', levelId: 'foundation', feedback: 'x' }), null, 's', '2026-11-24T10:00:00.000Z', rules),
    ).toMatchObject({
      levelId: null,
      renewalDate: '',
    });
  });
});

describe('visit sampling', () => {
  it('draws N per strand, in framework order, the same every time for the same seed', () => {
    const first = sampleCriteria(framework, 2, 'MOORSIDE');
    expect(sampleCriteria(framework, 2, 'MOORSIDE')).toEqual(first);
    expect(first).toHaveLength(framework.strands.length * 2);
    for (const strand of framework.strands)
      expect(first.filter((id) => framework.criterionById.get(id)?.strandId === strand.id)).toHaveLength(2);
    const order = framework.criteria.map((c) => c.id);
    expect([...first].sort((x, y) => order.indexOf(x) - order.indexOf(y))).toEqual(first);
    expect(sampleCriteria(framework, 2, 'OTHERSEED')).not.toEqual(first);
  });

  it('takes the whole strand when N is larger, and refuses N below one', () => {
    expect(sampleCriteria(framework, 99, 'X')).toHaveLength(framework.criteria.length);
    expect(() => sampleCriteria(framework, 0, 'X')).toThrow(/at least one/);
  });

  it('makes readable seeds and a repeatable generator', () => {
    expect(newSeed(new Uint8Array([0, 1, 2, 3, 4, 5, 6, 7]))).toMatch(/^[A-Z2-9]{8}$/);
    const a = seededRandom('S');
    const b = seededRandom('S');
    const values = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(values);
    expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
  });
});
