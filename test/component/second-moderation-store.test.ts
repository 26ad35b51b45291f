import { describe, expect, it } from 'vitest';
import { importSecondRequest, importSecondReturn, recordResolution } from '../../renderer/db/second-moderation-store';
import { criterionModerationKey } from '../../shared/moderation/moderation-records';
import { buildSecondRequestDocument, buildSecondReturnDocument } from '../../shared/moderation/second-moderation-files';
import type { SecondModerationRequestRecord } from '../../shared/moderation/second-moderation-records';
import {
  moderationRecord,
  moderatorCertificate,
  MODERATOR_FINGERPRINT,
  seedModeratorKey,
  seedModeratorSubmission,
  WORKSPACE,
} from './moderation-test-data';
import { freshDatabase } from './render-app';

/** The writes of second moderation: each import and resolution all or nothing, refusals in words. */
const PEER = '5e'.repeat(32);

async function setUp() {
  const db = freshDatabase();
  const seeded = await seedModeratorSubmission(db);
  await seedModeratorKey(db);
  const [a, b] = seeded.document.responses.filter((r) => r.judgement !== null).map((r) => r.criterionId) as [string, string];
  const document = buildSecondRequestDocument(
    {
      requestId: 'req-1',
      createdAt: '2027-01-22T09:00:00.000Z',
      workspace: WORKSPACE,
      regionName: 'North East',
      submission: seeded.submission,
      criterionIds: [a, b],
      seed: 'S',
      note: '',
    },
    PEER,
  );
  return { db, ...seeded, documentResponses: seeded.document.responses, a, b, document };
}

const verifiedRequest = (document: ReturnType<typeof buildSecondRequestDocument>, fingerprint = PEER) => ({
  document,
  certificate: { ...moderatorCertificate(fingerprint), commonName: document.requester.name },
  fileSha256: '88'.repeat(32),
});

describe('importing a request (second moderator)', () => {
  it('asks before trusting a new key, then imports; the same file again adds nothing', async () => {
    const { db, document } = await setUp();
    const pdf = new Blob(['%PDF']);
    const asked = await importSecondRequest(db, { workspaceId: WORKSPACE.id, verified: verifiedRequest(document), pdf });
    expect(asked.outcome).toBe('needs-decision');
    expect(await db.receivedSecondRequests.count()).toBe(0);
    expect(await db.peerModeratorPins.count()).toBe(0);
    const done = await importSecondRequest(db, {
      workspaceId: WORKSPACE.id,
      verified: verifiedRequest(document),
      pdf,
      confirmedFingerprint: PEER,
    });
    expect(done).toMatchObject({ outcome: 'imported', trust: 'first-use' });
    const again = await importSecondRequest(db, { workspaceId: WORKSPACE.id, verified: verifiedRequest(document), pdf });
    expect(again).toMatchObject({ outcome: 'already-imported', trust: 'matches' });
    expect(await db.receivedSecondRequests.count()).toBe(1);
  });

  it('refuses a request about a submission not imported here, from another region, signed by this workspace, or about a criterion the submission lacks', async () => {
    const { db, document } = await setUp();
    const pdf = new Blob(['%PDF']);
    const otherFile = { ...document, submission: { ...document.submission, sha256: '00'.repeat(32) } };
    const missing = await importSecondRequest(db, {
      workspaceId: WORKSPACE.id,
      verified: verifiedRequest(otherFile),
      pdf,
      confirmedFingerprint: PEER,
    });
    expect(missing.outcome === 'refused' && missing.message).toMatch(/^Import the submission first/);
    const south = { ...document, requester: { ...document.requester, regionId: 'southern', regionName: 'Southern' } };
    const region = await importSecondRequest(db, {
      workspaceId: WORKSPACE.id,
      verified: verifiedRequest(south),
      pdf,
      confirmedFingerprint: PEER,
    });
    expect(region.outcome === 'refused' && region.message).toMatch(/from the Southern region/);
    const own = await importSecondRequest(db, {
      workspaceId: WORKSPACE.id,
      verified: verifiedRequest(document, MODERATOR_FINGERPRINT),
      pdf,
      confirmedFingerprint: MODERATOR_FINGERPRINT,
    });
    expect(own.outcome === 'refused' && own.message).toMatch(/signed in this workspace/);
    const strange = { ...document, criteria: [...document.criteria, { criterionId: 'ZZ-9.9.9' }] };
    const notInSubmission = await importSecondRequest(db, {
      workspaceId: WORKSPACE.id,
      verified: verifiedRequest(strange),
      pdf,
      confirmedFingerprint: PEER,
    });
    expect(notInSubmission.outcome === 'refused' && notInSubmission.message).toMatch(
      /criterion ZZ-9\.9\.9, which the submission it names does not have/,
    );
    expect(await db.receivedSecondRequests.count()).toBe(0);
    expect(await db.peerModeratorPins.count()).toBe(0);
  });
});

describe('importing a return and settling a disagreement (first moderator)', () => {
  async function withRequest() {
    const s = await setUp();
    const record: SecondModerationRequestRecord = {
      id: 'req-1',
      workspaceId: WORKSPACE.id,
      submissionKey: s.submission.key,
      createdAt: s.document.createdAt,
      fileName: 'request.pdf',
      sha256: '99'.repeat(32),
      size: 4,
      document: s.document,
      pdf: new Blob(['%PDF']),
      sample: [],
      firstDecisions: [
        { criterionId: s.a, decision: 'more-evidence', moderatedJudgement: null },
        { criterionId: s.b, decision: 'agree', moderatedJudgement: null },
      ],
    };
    await s.db.secondModerationRequests.put(record);
    await s.db.criterionModerations.bulkPut([
      moderationRecord(s.submission.key, s.a, 'more-evidence', 'Send the minutes.'),
      moderationRecord(s.submission.key, s.b, 'agree', ''),
    ]);
    const returned = (requestSha256: string, returnId = 'ret-1') =>
      buildSecondReturnDocument(
        {
          returnId,
          createdAt: '2027-01-25T09:00:00.000Z',
          workspace: { ...WORKSPACE, moderatorName: 'Priya Shah' },
          regionName: 'North East',
          request: s.document,
          requestSha256,
          decisions: [s.a, s.b].map((criterionId) => ({ criterionId, decision: 'agree' as const, moderatedJudgement: null, comment: '' })),
        },
        PEER,
      );
    return { ...s, record, returned };
  }

  const verifiedReturn = (document: ReturnType<typeof buildSecondReturnDocument>, fileSha256 = '77'.repeat(32)) => ({
    document,
    certificate: { ...moderatorCertificate(PEER), commonName: 'Priya Shah' },
    fileSha256,
  });

  it('refuses a return to a request not sent from here; imports one that answers a request, once', async () => {
    const s = await withRequest();
    const pdf = new Blob(['%PDF']);
    const stray = await importSecondReturn(s.db, {
      workspaceId: WORKSPACE.id,
      verified: verifiedReturn(s.returned('ab'.repeat(32))),
      pdf,
      confirmedFingerprint: PEER,
    });
    expect(stray.outcome === 'refused' && stray.message).toMatch(/does not answer a request sent from this workspace/);
    const done = await importSecondReturn(s.db, {
      workspaceId: WORKSPACE.id,
      verified: verifiedReturn(s.returned(s.record.sha256)),
      pdf,
      confirmedFingerprint: PEER,
    });
    expect(done.outcome).toBe('imported');
    const second = await importSecondReturn(s.db, {
      workspaceId: WORKSPACE.id,
      verified: verifiedReturn(s.returned(s.record.sha256, 'ret-2'), '66'.repeat(32)),
      pdf,
    });
    expect(second.outcome === 'refused' && second.message).toMatch(/already imported/);
    expect(await s.db.secondModerationReturns.count()).toBe(1);
  });

  it('an incomplete resolution writes nothing; keeping the first decision leaves it; changing it rewrites it with the resolution', async () => {
    const s = await withRequest();
    const response = s.documentResponses.find((r) => r.criterionId === s.a)!;
    const base = {
      request: s.record,
      framework: s.framework,
      response,
      first: s.record.firstDecisions[0]!,
      second: { criterionId: s.a, decision: 'agree' as const, moderatedJudgement: null, comment: 'Seen.' },
    };
    const key = criterionModerationKey(s.submission.key, s.a);
    await expect(
      recordResolution(s.db, { ...base, draft: { kind: 'kept', decision: null, moderatedJudgement: null, reason: ' ' } }),
    ).rejects.toThrow(/Give the reason/);
    expect(await s.db.secondModerationResolutions.count()).toBe(0);

    await recordResolution(s.db, {
      ...base,
      draft: { kind: 'kept', decision: null, moderatedJudgement: null, reason: 'The minutes are still missing.' },
    });
    expect(await s.db.criterionModerations.get(key)).toMatchObject({ decision: 'more-evidence', comment: 'Send the minutes.' });
    expect(await s.db.secondModerationResolutions.toArray()).toMatchObject([{ kind: 'kept', decision: 'more-evidence' }]);

    await recordResolution(s.db, {
      ...base,
      draft: { kind: 'changed-to-second', decision: null, moderatedJudgement: null, reason: 'They were in the evidence.' },
    });
    expect(await s.db.criterionModerations.get(key)).toMatchObject({
      decision: 'agree',
      moderatedJudgement: null,
      comment: 'Send the minutes.',
    });
    expect(await s.db.secondModerationResolutions.toArray()).toMatchObject([
      { kind: 'changed-to-second', decision: 'agree', reason: 'They were in the evidence.' },
    ]);
  });
});
