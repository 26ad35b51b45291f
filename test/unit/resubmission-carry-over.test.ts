import { describe, expect, it } from 'vitest';
import type { CriterionModeration, ModerationDecision } from '../../shared/moderation/moderation-records';
import {
  carriedText,
  carryOverDecisions,
  carryOverRecord,
  firstUndecidedInOrder,
  resubmissionOrder,
  type CarryOverInput,
} from '../../shared/moderation/resubmission-carry-over';
import { describeChange } from '../../shared/moderation/submission-queue';
import { diffSubmissions } from '../../shared/moderation/version-diff';
import type { SubmissionDocument } from '../../shared/submission/submission-format';
import { sampleSubmissionDocument } from '../fixtures/sample-submission-document';
import { tinyApplied } from '../fixtures/tiny-framework';

const framework = tinyApplied();
const v1 = sampleSubmissionDocument(framework);
const ids = v1.responses.map((r) => r.criterionId);
const AT = '2026-12-10T09:00:00.000Z';
// The first criterion the fixture links an evidence file to: the one the change cases edit.
const T = v1.responses.findIndex((r) => r.evidenceIds.some((id) => v1.evidence.find((e) => e.id === id)?.file));

function decision(
  submissionKey: string,
  criterionId: string,
  value: ModerationDecision | null,
  extra: Partial<CriterionModeration> = {},
): CriterionModeration {
  return {
    key: `${submissionKey}|${criterionId}`,
    submissionKey,
    criterionId,
    decision: value,
    moderatedJudgement: value === 'moderated' ? 'weak' : null,
    comment: `Comment on ${criterionId}`,
    updatedAt: '2026-12-01T09:00:00.000Z',
    ...extra,
  };
}

function nextVersion(edit: (v2: SubmissionDocument) => void): SubmissionDocument {
  const v2 = structuredClone(v1);
  v2.version = 2;
  v2.submissionId = 'second-submission';
  edit(v2);
  return v2;
}

function input(v2: SubmissionDocument, over: Partial<CarryOverInput> = {}): CarryOverInput {
  return {
    previous: { submissionKey: 'w|s1', document: v1 },
    next: { submissionKey: 'w|s2', document: v2 },
    previousDecisions: ids.map((id, i) => decision('w|s1', id, i === 1 ? 'moderated' : i === 3 ? 'more-evidence' : 'agree')),
    nextDecisions: [],
    at: AT,
    ...over,
  };
}

const response = (doc: SubmissionDocument, index: number) => {
  const r = doc.responses[index];
  if (!r) throw new Error(`no response ${index}`);
  return r;
};

describe('carrying decisions over to a resubmission', () => {
  it('carries every decision when nothing changed, marked with the version it came from', () => {
    const result = carryOverDecisions(input(nextVersion(() => undefined)));
    if (result.kind !== 'carried') throw new Error(result.message);
    expect(result.changed).toEqual([]);
    expect(result.order).toEqual(ids);
    expect(result.carried).toHaveLength(ids.length);
    expect(result.carried[1]).toEqual({
      key: `w|s2|${ids[1]}`,
      submissionKey: 'w|s2',
      criterionId: ids[1],
      decision: 'moderated',
      moderatedJudgement: 'weak',
      comment: `Comment on ${ids[1]}`,
      updatedAt: AT,
      carriedFrom: { submissionKey: 'w|s1', version: 1 },
    });
    expect(result.summary).toBe(
      `0 of ${ids.length} criteria changed since version 1. ${ids.length} decisions were carried over from the criteria that did not change.`,
    );
    expect(carriedText(result.carried[0] ?? {})).toBe('Carried over from version 1: this criterion has not changed since.');
  });

  it.each([
    ['the judgement', (v2: SubmissionDocument) => (response(v2, T).judgement = response(v2, T).judgement === 'weak' ? 'good' : 'weak')],
    ['the narrative', (v2: SubmissionDocument) => (response(v2, T).narrative += ' More detail.')],
    [
      'a not-applicable claim made',
      (v2: SubmissionDocument) => Object.assign(response(v2, T), { notApplicable: { reason: 'No nursery class' } }),
    ],
    ['evidence unlinked', (v2: SubmissionDocument) => (response(v2, T).evidenceIds = [])],
    [
      'an evidence file replaced by different bytes',
      (v2: SubmissionDocument) => {
        const item = v2.evidence.find((e) => e.file && e.criterionIds.includes(ids[T] ?? ''));
        if (!item?.file) throw new Error('the fixture links no file to the criterion');
        item.file.sha256 = 'f'.repeat(64);
      },
    ],
  ])('does not carry over when %s changed, and puts that criterion first', (_what, edit) => {
    const v2 = nextVersion(edit);
    const result = carryOverDecisions(input(v2));
    if (result.kind !== 'carried') throw new Error(result.message);
    expect(result.changed).toContain(ids[T]);
    expect(result.carried.map((c) => c.criterionId)).not.toContain(ids[T]);
    expect(result.order[0]).toBe(result.changed[0]);
    expect(new Set(result.order)).toEqual(new Set(ids));
    // Every criterion that did not change still carries its decision.
    expect(result.carried.map((c) => c.criterionId)).toEqual(ids.filter((id) => !result.changed.includes(id)));
  });

  it('still carries over when only the next steps changed, or a file was re-added under a new id', () => {
    const v2 = nextVersion((doc) => {
      response(doc, 0).nextSteps += ' And review in the spring.';
      const item = doc.evidence.find((e) => e.file);
      if (!item) throw new Error('no evidence file');
      const oldId = item.id;
      item.id = 're-added';
      for (const r of doc.responses) r.evidenceIds = r.evidenceIds.map((id) => (id === oldId ? 're-added' : id));
    });
    const result = carryOverDecisions(input(v2));
    if (result.kind !== 'carried') throw new Error(result.message);
    expect(result.changed).toEqual([]);
    expect(result.carried).toHaveLength(ids.length);
  });

  it('orders the changed criteria first, each part in framework order', () => {
    const v2 = nextVersion((doc) => {
      response(doc, 7).narrative += ' More.';
      response(doc, 4).narrative += ' More.';
    });
    const result = carryOverDecisions(input(v2));
    if (result.kind !== 'carried') throw new Error(result.message);
    expect(result.changed).toEqual([ids[4], ids[7]]);
    expect(result.order).toEqual([ids[4], ids[7], ...ids.filter((_, i) => i !== 4 && i !== 7)]);
  });

  it('never replaces a decision already made on the later version, and carries nothing undecided', () => {
    const result = carryOverDecisions(
      input(
        nextVersion(() => undefined),
        {
          previousDecisions: [decision('w|s1', ids[0] ?? '', 'agree'), decision('w|s1', ids[1] ?? '', null)],
          nextDecisions: [decision('w|s2', ids[0] ?? '', 'more-evidence')],
        },
      ),
    );
    if (result.kind !== 'carried') throw new Error(result.message);
    expect(result.carried).toEqual([]);
  });

  it('keeps the version a decision was first made on when it is carried again', () => {
    const v3 = nextVersion((doc) => (doc.version = 3));
    const v2 = nextVersion(() => undefined);
    const result = carryOverDecisions({
      previous: { submissionKey: 'w|s2', document: v2 },
      next: { submissionKey: 'w|s3', document: v3 },
      previousDecisions: [decision('w|s2', ids[0] ?? '', 'agree', { carriedFrom: { submissionKey: 'w|s1', version: 1 } })],
      nextDecisions: [],
      at: AT,
    });
    if (result.kind !== 'carried') throw new Error(result.message);
    expect(result.carried[0]?.carriedFrom).toEqual({ submissionKey: 'w|s1', version: 1 });
  });

  it('treats a criterion new in the later version as changed', () => {
    const before = structuredClone(v1);
    before.responses = before.responses.slice(1);
    const result = carryOverDecisions({ ...input(nextVersion(() => undefined)), previous: { submissionKey: 'w|s1', document: before } });
    if (result.kind !== 'carried') throw new Error(result.message);
    expect(result.changed).toEqual([ids[0]]);
  });

  it.each([
    ['another school', (v2: SubmissionDocument) => (v2.school.urn = '654321'), /another school \(URN 654321, not 123456\)/],
    ['an earlier version', (v2: SubmissionDocument) => (v2.version = 1), /version 1 is not later than version 1/],
    [
      'another framework',
      (v2: SubmissionDocument) => (v2.framework.contentHash = 'e'.repeat(64)),
      /different framework.*review every criterion/,
    ],
  ])('refuses, in words, to carry over to %s', (_what, edit, message) => {
    const result = carryOverDecisions(input(nextVersion(edit)));
    expect(result.kind).toBe('refused');
    if (result.kind === 'refused') expect(result.message).toMatch(message);
  });
});

describe('the diff sees a not-applicable claim', () => {
  it('made, withdrawn or given another reason; absent on both sides is no change', () => {
    const claimed = nextVersion((doc) => Object.assign(response(doc, 0), { notApplicable: { reason: 'No nursery' } }));
    const change = diffSubmissions(v1, claimed)[0];
    expect(change).toMatchObject({ criterionId: ids[0], notApplicableChanged: true, narrativeChanged: false });
    expect(describeChange(change ?? diffSubmissions(v1, v1)[0]!, (p) => p ?? 'not judged')).toEqual(['“Not applicable” claim changed']);
    const otherReason = structuredClone(claimed);
    Object.assign(response(otherReason, 0), { notApplicable: { reason: 'No nursery class at all' } });
    expect(diffSubmissions(claimed, otherReason).map((c) => c.criterionId)).toEqual([ids[0]]);
    expect(diffSubmissions(claimed, v1).map((c) => c.criterionId)).toEqual([ids[0]]);
    expect(diffSubmissions(v1, structuredClone(v1))).toEqual([]);
  });
});

describe('what a carry-over did, as kept with the later version', () => {
  it('keeps the changed criteria, the number carried and the summary', () => {
    const result = carryOverDecisions(input(nextVersion((v2) => (response(v2, T).narrative += ' More.'))));
    const record = carryOverRecord(result, { submissionKey: 'w|s1', version: 1 }, ids, AT);
    expect(record).toEqual({
      fromSubmissionKey: 'w|s1',
      fromVersion: 1,
      at: AT,
      changed: [ids[T]],
      carried: ids.length - 1,
      refused: null,
      summary: `1 of ${ids.length} criteria changed since version 1. ${ids.length - 1} decisions were carried over from the criteria that did not change.`,
    });
  });

  it('a refusal carries nothing, puts every criterion up for review and says why', () => {
    const result = carryOverDecisions(input(nextVersion((v2) => (v2.framework.contentHash = 'e'.repeat(64)))));
    const record = carryOverRecord(result, { submissionKey: 'w|s1', version: 1 }, ids, AT);
    expect(record.carried).toBe(0);
    expect(record.changed).toEqual(ids);
    expect(record.refused).toMatch(/different framework/);
    expect(record.summary).toBe(record.refused);
  });
});

describe('the order the review lists a later version in', () => {
  const [a, b, c, d, e] = ['X-1.1.1', 'X-1.1.2', 'X-1.1.3', 'X-1.1.4', 'X-1.1.5'] as const;
  const carried = { submissionKey: 'w|s1', version: 1 };

  it('changed first, then unchanged ones to decide here, then carried decisions, each part in the given order', () => {
    const rows = resubmissionOrder(
      [a, b, c, d, e],
      [d, b],
      [decision('w|s2', a, 'agree', { carriedFrom: carried }), decision('w|s2', e, 'more-evidence', { carriedFrom: carried })],
    );
    expect(rows).toEqual([
      { criterionId: b, group: 'changed', carriedFromVersion: null },
      { criterionId: d, group: 'changed', carriedFromVersion: null },
      { criterionId: c, group: 'unchanged', carriedFromVersion: null },
      { criterionId: a, group: 'carried', carriedFromVersion: 1 },
      { criterionId: e, group: 'carried', carriedFromVersion: 1 },
    ]);
  });

  it('a carried decision changed by the moderator (no longer marked) is no longer listed as carried', () => {
    const rows = resubmissionOrder([a, b], [], [decision('w|s2', a, 'moderated'), decision('w|s2', b, 'agree', { carriedFrom: carried })]);
    expect(rows.map((r) => [r.criterionId, r.group])).toEqual([
      [a, 'unchanged'],
      [b, 'carried'],
    ]);
  });

  it('the next criterion to review is the first in that order without a decision', () => {
    const rows = resubmissionOrder([a, b, c], [c], []);
    expect(firstUndecidedInOrder(rows, [])).toBe(c);
    expect(firstUndecidedInOrder(rows, [decision('w|s2', c, 'agree')])).toBe(a);
    expect(
      firstUndecidedInOrder(
        rows,
        [a, b, c].map((id) => decision('w|s2', id, 'agree')),
      ),
    ).toBeNull();
    expect(firstUndecidedInOrder(rows, [decision('w|s2', c, null)])).toBe(c);
  });
});
