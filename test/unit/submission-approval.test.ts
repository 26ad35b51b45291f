import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DemonstrationSchool } from '../../shared/demonstration/demonstration-school';
import { partsToBytes } from '../../shared/pdf/signed-pdf-writer';
import {
  approvalDraftProblems,
  approvalProblem,
  approvalRecordOf,
  approvalSnapshotHash,
  approvalState,
  documentToApprove,
  submissionApprovalOf,
  submissionCounts,
  type ApprovalDraft,
  type ApprovalRecord,
} from '../../shared/submission/approval';
import { preflight } from '../../shared/submission/preflight';
import { buildSubmissionDocument } from '../../shared/submission/submission-builder';
import { exportSubmission, type SigningIdentity } from '../../shared/submission/submission-exporter';
import type { SubmissionDocument } from '../../shared/submission/submission-format';
import { submissionLayout } from '../../shared/submission/submission-layout';
import { verifySubmission } from '../../shared/submission/submission-verifier';
import { assembleSigned, demonstrationData, IDENTITY, signingIdentityFor } from '../fixtures/signed-submission';

let demo: DemonstrationSchool;
let signing: SigningIdentity;

beforeAll(async () => {
  demo = await demonstrationData();
  signing = await signingIdentityFor(demo.snapshot.school.name, demo.snapshot.school.urn);
}, 60_000);

/**
 * An independent reckoning of the snapshot hash: Node's own SHA-256 over JSON written with every
 * object's keys sorted (by JSON.stringify's replacer), from the fields the approval is said to cover.
 */
function independentHash(document: SubmissionDocument): string {
  const sorted = (value: unknown): unknown =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : value;
  const covered = {
    evaluationId: document.evaluationId,
    school: document.school,
    region: document.region,
    framework: document.framework,
    supplement: document.supplement,
    responses: document.responses,
    evidence: document.evidence,
    actions: [...document.actions].sort((a, b) => (a.id < b.id ? -1 : 1)),
    declarationStatement: document.declaration.statement,
  };
  return createHash('sha256')
    .update(JSON.stringify(covered, (_key, value: unknown) => sorted(value)))
    .digest('hex');
}

const exported = (overrides: Partial<typeof IDENTITY> = {}) =>
  buildSubmissionDocument(demo.snapshot, { ...IDENTITY, ...overrides, certificateFingerprint: signing.certificateFingerprint });

function withNarrative(document: SubmissionDocument, index: number, narrative: string): SubmissionDocument {
  return { ...document, responses: document.responses.map((r, i) => (i === index ? { ...r, narrative } : r)) };
}

const draft: ApprovalDraft = { name: 'Alex Morgan', role: 'head-teacher', otherRole: '', date: '2026-11-19', confirmed: true };

function record(snapshotHash: string, document: SubmissionDocument): ApprovalRecord {
  const made = approvalRecordOf(draft, document.evaluationId, snapshotHash, submissionCounts(document), '2026-11-19T09:00:00Z');
  if (!made) throw new Error('the draft was refused');
  return made;
}

describe('the snapshot an approval covers', () => {
  it('is the SHA-256 an independent canonical writer gives', async () => {
    const document = exported();
    expect(await approvalSnapshotHash(document)).toBe(independentHash(document));
  });

  it('is the same from the records before export and from the exported document', async () => {
    expect(await approvalSnapshotHash(documentToApprove(demo.snapshot))).toBe(await approvalSnapshotHash(exported()));
  });

  it('ignores the export’s own identity: id, version, time, declaration names and signer', async () => {
    const before = await approvalSnapshotHash(exported());
    const other = exported({
      submissionId: 'sub-other',
      version: 3,
      createdAt: '2027-01-05T08:00:00Z',
      declaration: { ...IDENTITY.declaration, headTeacher: 'Someone Else', senco: 'A N Other', date: '2027-01-05' },
    });
    const resigned: SubmissionDocument = { ...other, signer: { certificateFingerprint: 'cd'.repeat(32) } };
    expect(await approvalSnapshotHash(resigned)).toBe(before);
  });

  it('does not depend on key order or on the order actions were read in', async () => {
    const document = exported();
    expect(document.actions.length).toBeGreaterThan(1);
    const reordered = JSON.parse(
      JSON.stringify(document, (_key, value: unknown) =>
        value && typeof value === 'object' && !Array.isArray(value) ? Object.fromEntries(Object.entries(value).reverse()) : value,
      ),
    ) as SubmissionDocument;
    expect(Object.keys(reordered)[0]).not.toBe(Object.keys(document)[0]);
    const actionsReversed = { ...reordered, actions: [...reordered.actions].reverse() };
    expect(await approvalSnapshotHash(actionsReversed)).toBe(await approvalSnapshotHash(document));
  });

  it('changes when one narrative, one evidence file or the declaration’s wording changes', async () => {
    const document = exported();
    const base = await approvalSnapshotHash(document);
    expect(await approvalSnapshotHash(withNarrative(document, 0, `${document.responses[0]?.narrative ?? ''}.`))).not.toBe(base);
    const evidence = document.evidence.map((e, i) => (i === 0 && e.file ? { ...e, file: { ...e.file, sha256: 'ee'.repeat(32) } } : e));
    expect(evidence[0]?.file?.sha256).toBe('ee'.repeat(32));
    expect(await approvalSnapshotHash({ ...document, evidence })).not.toBe(base);
    expect(await approvalSnapshotHash({ ...document, declaration: { ...document.declaration, statement: 'Other words.' } })).not.toBe(base);
  });
});

describe('approvalState', () => {
  it('is none without an approval, current on the same hash, out of date on another, with the counts that moved', async () => {
    const document = exported();
    const hash = await approvalSnapshotHash(document);
    expect(approvalState(hash, null)).toEqual({ state: 'none' });
    const approval = record(hash, document);
    expect(approvalState(hash, approval, submissionCounts(document)).state).toBe('current');
    const fewerActions = { ...document, actions: document.actions.slice(1) };
    const changed = approvalState(await approvalSnapshotHash(fewerActions), approval, submissionCounts(fewerActions));
    expect(changed.state).toBe('out-of-date');
    expect(changed.state === 'out-of-date' ? changed.changes : []).toEqual([
      `${document.actions.length} actions then, ${document.actions.length - 1} now`,
    ]);
  });

  it('gives a plain reason to block the export unless the approval is current', async () => {
    const document = exported();
    const hash = await approvalSnapshotHash(document);
    const approval = record(hash, document);
    expect(approvalProblem(approvalState(hash, approval))).toBeNull();
    expect(approvalProblem(approvalState(hash, null))).toMatch(/has not approved this self-evaluation yet/);
    expect(approvalProblem(approvalState('00'.repeat(32), approval))).toBe(
      'Out of date: changed since Alex Morgan approved it on 19 November 2026; ask them to approve it again on the Approval page',
    );
  });
});

describe('preflight and the approval', () => {
  it('counts a missing or out-of-date approval as a blocker, a current one not, and says nothing when not asked', async () => {
    const { framework, responses, links, evidence, actions } = demo.snapshot;
    const check = (state?: Parameters<typeof preflight>[7]) => preflight(framework, responses, links, evidence, actions, null, null, state);
    const document = exported();
    const hash = await approvalSnapshotHash(document);
    const approval = record(hash, document);
    const notAsked = check();
    expect(notAsked.approvalProblem).toBeNull();
    const current = check(approvalState(hash, approval));
    expect(current.approvalProblem).toBeNull();
    expect(current.blockerCount).toBe(notAsked.blockerCount);
    const none = check(approvalState(hash, null));
    expect(none.approvalProblem).toMatch(/has not approved this self-evaluation yet/);
    expect(none.blockerCount).toBe(notAsked.blockerCount + 1);
    const stale = check(approvalState('00'.repeat(32), approval));
    expect(stale.approvalProblem).toMatch(/^Out of date: changed since Alex Morgan approved it on 19 November 2026/);
    expect(stale.blockerCount).toBe(notAsked.blockerCount + 1);
  });
});

describe('the approval form', () => {
  it('refuses a draft with a problem and makes no record of it', () => {
    const bad: ApprovalDraft = { name: '  ', role: 'other', otherRole: ' ', date: '2026-02-30', confirmed: false };
    expect(Object.keys(approvalDraftProblems(bad)).sort()).toEqual(['confirmed', 'date', 'name', 'otherRole']);
    expect(approvalRecordOf(bad, 'e1', 'ab'.repeat(32), submissionCounts(exported()), '2026-11-19T09:00:00Z')).toBeNull();
  });

  it('keeps the role in the approver’s words when it is another role', () => {
    const made = approvalRecordOf(
      { ...draft, name: ' Jo Bloggs ', role: 'other', otherRole: ' Chair of the trust board ' },
      'e1',
      'ab'.repeat(32),
      submissionCounts(exported()),
      '2026-11-19T09:00:00Z',
    );
    expect(made && submissionApprovalOf(made)).toEqual({
      name: 'Jo Bloggs',
      role: 'Chair of the trust board',
      date: '2026-11-19',
      snapshotHash: 'ab'.repeat(32),
    });
  });
});

describe('an approval in a signed submission', () => {
  it('is exported, shown on the cover, and verifies', async () => {
    const hash = await approvalSnapshotHash(documentToApprove(demo.snapshot));
    const approval = submissionApprovalOf(record(hash, exported()));
    const made = await exportSubmission({
      snapshot: demo.snapshot,
      identity: { ...IDENTITY, approval },
      signing,
      readEvidence: async (sha256) => demo.files.get(sha256) ?? new Uint8Array(),
    });
    expect(made.document.approval).toEqual(approval);
    const result = await verifySubmission(await partsToBytes(made.sealed));
    if (!result.ok) throw new Error(result.rejection.message);
    expect(result.report.submission.approval?.name).toBe('Alex Morgan');
    const cover = JSON.stringify(submissionLayout({ document: made.document, framework: demo.snapshot.framework }).content);
    expect(cover).toContain('Approved for submission by Alex Morgan, Head teacher, on 19 November 2026');
  }, 60_000);

  it('is refused when the data was changed after the approval', async () => {
    const hash = await approvalSnapshotHash(exported());
    const bytes = await assembleSigned(demo, signing, (assembly) => {
      assembly.document = withNarrative(
        { ...assembly.document, approval: { name: 'Alex Morgan', role: 'Head teacher', date: '2026-11-19', snapshotHash: hash } },
        1,
        'Changed after the head approved it.',
      );
    });
    const result = await verifySubmission(bytes);
    expect(result.ok ? null : result.rejection.code).toBe('approval-mismatch');
    expect(result.ok ? '' : result.rejection.message).toMatch(/Alex Morgan approved it, but what it holds is not what they approved/);
  }, 60_000);

  it('is accepted when it matches, and a submission without one still verifies', async () => {
    const hash = await approvalSnapshotHash(exported());
    const approved = await assembleSigned(demo, signing, (assembly) => {
      assembly.document = {
        ...assembly.document,
        approval: { name: 'Alex Morgan', role: 'Governor', date: '2026-11-19', snapshotHash: hash },
      };
    });
    expect((await verifySubmission(approved)).ok).toBe(true);
    const without = await verifySubmission(await assembleSigned(demo, signing));
    expect(without.ok && without.report.submission.approval).toBeUndefined();
  }, 60_000);
});
