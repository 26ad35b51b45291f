import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { AppDatabase } from '../../renderer/db/app-database';
import { SecondModerationDecideScreen } from '../../renderer/moderation/second/SecondModerationDecideScreen';
import { SecondModerationRequestScreen } from '../../renderer/moderation/second/SecondModerationRequestScreen';
import { SecondModerationResultScreen } from '../../renderer/moderation/second/SecondModerationResultScreen';
import type { AppliedFramework } from '../../shared/framework/applied-framework';
import { criterionModerationKey } from '../../shared/moderation/moderation-records';
import { buildSecondRequestDocument, buildSecondReturnDocument } from '../../shared/moderation/second-moderation-files';
import { receivedRequestKey, type SecondModerationRequestRecord } from '../../shared/moderation/second-moderation-records';
import type { SubmissionDocument } from '../../shared/submission/submission-format';
import {
  fakePdfRunner,
  fakeVerifyRunner,
  moderationRecord,
  moderatorCertificate,
  seedModeratorKey,
  seedModeratorSubmission,
  WORKSPACE,
} from './moderation-test-data';
import { freshDatabase, recordingPlatform, renderWithServices } from './render-app';

/**
 * The three screens of a second moderation, with stand-in PDF and verify workers (pkijs does not
 * run under jsdom): the first moderator's request, the second moderator's decisions, and the
 * agreement with a disagreement settled.
 */
const PEER_FINGERPRINT = '5e'.repeat(32);
const PEER = { ...WORKSPACE, moderatorName: 'Priya Shah' };

/** Three judged criteria: the first agreed, the second moderated down to the lowest point, the third agreed. */
function threeJudged(framework: AppliedFramework, document: SubmissionDocument) {
  const lowest = framework.scale.points[framework.scale.points.length - 1]!.id;
  const judged = document.responses.filter((r) => r.judgement !== null && r.judgement !== lowest).slice(0, 3);
  const [a, b, c] = judged.map((r) => r.criterionId) as [string, string, string];
  return { a, b, c, lowest };
}

async function setUp() {
  const db = freshDatabase();
  const seeded = await seedModeratorSubmission(db);
  await seedModeratorKey(db);
  const ids = threeJudged(seeded.framework, seeded.document);
  const key = seeded.submission.key;
  await db.criterionModerations.bulkPut([
    moderationRecord(key, ids.a, 'agree', ''),
    moderationRecord(key, ids.b, 'moderated', 'The provision map does not show it yet.', ids.lowest),
    moderationRecord(key, ids.c, 'agree', ''),
  ]);
  return {
    ...seeded,
    ...ids,
    db,
    platform: recordingPlatform(),
    user: userEvent.setup(),
    pdf: fakePdfRunner(),
    verify: fakeVerifyRunner(),
  };
}

async function seedSentRequest(db: AppDatabase, s: Awaited<ReturnType<typeof setUp>>): Promise<SecondModerationRequestRecord> {
  const document = buildSecondRequestDocument(
    {
      requestId: 'req-1',
      createdAt: '2027-01-22T09:00:00.000Z',
      workspace: WORKSPACE,
      regionName: 'North East',
      submission: s.submission,
      criterionIds: [s.a, s.b, s.c],
      seed: 'SEED',
      note: '',
    },
    '7a'.repeat(32),
  );
  const record: SecondModerationRequestRecord = {
    id: 'req-1',
    workspaceId: WORKSPACE.id,
    submissionKey: s.submission.key,
    createdAt: document.createdAt,
    fileName: 'request.pdf',
    sha256: '99'.repeat(32),
    size: 10,
    document,
    pdf: new Blob(['%PDF-1.7 request']),
    sample: [],
    firstDecisions: [
      { criterionId: s.a, decision: 'agree', moderatedJudgement: null },
      { criterionId: s.b, decision: 'moderated', moderatedJudgement: s.lowest },
      { criterionId: s.c, decision: 'agree', moderatedJudgement: null },
    ],
  };
  await db.secondModerationRequests.put(record);
  return record;
}

describe('asking for a second moderation', () => {
  it('proposes the criterion moderated down, signs a request without any decision, and keeps the first decisions aside', async () => {
    const s = await setUp();
    await renderWithServices(<SecondModerationRequestScreen workspaceId={WORKSPACE.id} submissionId={s.submission.submissionId} />, {
      db: s.db,
      platform: s.platform,
      pdfJobs: s.pdf.runner,
      verifyJobs: s.verify.runner,
    });
    await screen.findByRole('heading', { level: 1, name: /Second moderation of/ });
    const list = screen.getByRole('group', { name: /Criteria you have decided \(3\)/ });
    const moderatedDown = within(list).getByRole('checkbox', { name: new RegExp(s.b) });
    expect((moderatedDown as HTMLInputElement).checked).toBe(true);
    expect(within(list).getByText(/Moderated down in your review/)).toBeTruthy();

    await s.user.type(screen.getByLabelText('Note to the second moderator (optional)'), 'Look at the provision map.');
    await s.user.click(screen.getByRole('button', { name: /Sign and export the request/ }));
    await screen.findByTestId('request-exported');
    const job = s.pdf.requests.find((r) => r.kind === 'second-request');
    expect(job?.kind).toBe('second-request');
    if (job?.kind !== 'second-request') return;
    expect(job.input.criterionIds).toContain(s.b);
    expect(JSON.stringify(job.input)).not.toContain('The provision map does not show it yet.');

    const stored = await s.db.secondModerationRequests.toArray();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.document.note).toBe('Look at the provision map.');
    expect(JSON.stringify(stored[0]!.document)).not.toMatch(/decision|moderatedJudgement/);
    expect(stored[0]!.firstDecisions).toContainEqual({ criterionId: s.b, decision: 'moderated', moderatedJudgement: s.lowest });
    expect(stored[0]!.sample.find((item) => item.criterionId === s.b)).toMatchObject({ reason: 'moderated-down' });
    expect(s.platform.saved.map((f) => f.name)).toEqual([stored[0]!.fileName]);
    await screen.findByTestId('sent-requests');
  });

  it('refuses an empty sample in words, and signs nothing', async () => {
    const s = await setUp();
    await renderWithServices(<SecondModerationRequestScreen workspaceId={WORKSPACE.id} submissionId={s.submission.submissionId} />, {
      db: s.db,
      platform: s.platform,
      pdfJobs: s.pdf.runner,
      verifyJobs: s.verify.runner,
    });
    const list = await screen.findByRole('group', { name: /Criteria you have decided/ });
    for (const box of within(list).getAllByRole('checkbox')) if ((box as HTMLInputElement).checked) await s.user.click(box);
    await s.user.click(screen.getByRole('button', { name: /Sign and export the request/ }));
    expect((await screen.findByTestId('sample-problem')).textContent).toMatch(/Choose at least one criterion/);
    expect(s.pdf.requests).toHaveLength(0);
    expect(await s.db.secondModerationRequests.count()).toBe(0);
  });
});

describe('deciding a second moderation', () => {
  it('shows the school’s side only, refuses to sign until each criterion is decided, then signs the return', async () => {
    const s = await setUp();
    const sent = await seedSentRequest(s.db, s);
    const key = receivedRequestKey(WORKSPACE.id, 'req-1');
    await s.db.receivedSecondRequests.put({
      key,
      workspaceId: WORKSPACE.id,
      requestId: 'req-1',
      importedAt: '2027-01-23T09:00:00.000Z',
      fileSha256: sent.sha256,
      signerFingerprint: PEER_FINGERPRINT,
      document: sent.document,
      pdf: new Blob(['%PDF-1.7 request']),
      returned: null,
    });
    await renderWithServices(<SecondModerationDecideScreen workspaceId={WORKSPACE.id} requestId="req-1" />, {
      db: s.db,
      platform: s.platform,
      pdfJobs: s.pdf.runner,
      verifyJobs: s.verify.runner,
    });
    await screen.findByRole('heading', { level: 1, name: /Second moderation of/ });
    expect(screen.getByTestId('decided-count').textContent).toBe('0 of 3 decided');
    // The first moderator's decision and comment are nowhere on the screen.
    expect(screen.queryByText(/The provision map does not show it yet/)).toBeNull();

    await s.user.click(screen.getByRole('button', { name: 'Sign and export the return' }));
    expect(within(await screen.findByTestId('return-problems')).getAllByRole('listitem')).toHaveLength(3);
    expect(s.pdf.requests).toHaveLength(0);

    for (const id of [s.a, s.b, s.c]) {
      const form = screen.getByRole('form', { name: `Your decision on ${id}` });
      if (id === s.b) {
        await s.user.click(within(form).getByLabelText('Moderated to a different judgement'));
        await s.user.selectOptions(within(form).getByLabelText('Moderated to'), s.lowest);
        await s.user.type(within(form).getByLabelText('Comment'), 'No minutes show the review happened.');
      } else {
        await s.user.click(within(form).getByLabelText('Agree with the school'));
      }
      await s.user.click(within(form).getByRole('button', { name: `Save decision on ${id}` }));
      await within(form).findByText(`Saved your decision on ${id}.`);
    }
    await waitFor(() => expect(screen.getByTestId('decided-count').textContent).toBe('3 of 3 decided'));
    await s.user.click(screen.getByRole('button', { name: 'Sign and export the return' }));
    await screen.findByTestId('return-exported');
    const job = s.pdf.requests.find((r) => r.kind === 'second-return');
    if (job?.kind !== 'second-return') throw new Error('no return was signed');
    expect(job.input.requestSha256).toBe(sent.sha256);
    expect(job.input.decisions.map((d) => [d.decision, d.moderatedJudgement])).toEqual([
      ['agree', null],
      ['moderated', s.lowest],
      ['agree', null],
    ]);
    expect((await s.db.receivedSecondRequests.get(key))?.returned).not.toBeNull();
    await screen.findByTestId('return-signed');
  });
});

describe('the agreement', () => {
  it('imports the return after the key is confirmed, shows the disagreement first with kappa, and a resolution changes the decision', async () => {
    const s = await setUp();
    const sent = await seedSentRequest(s.db, s);
    const returned = buildSecondReturnDocument(
      {
        returnId: 'ret-1',
        createdAt: '2027-01-25T09:00:00.000Z',
        workspace: PEER,
        regionName: 'North East',
        request: sent.document,
        requestSha256: sent.sha256,
        decisions: [s.a, s.b, s.c].map((criterionId) => ({
          criterionId,
          decision: 'agree' as const,
          moderatedJudgement: null,
          comment: criterionId === s.b ? 'The plan and the minutes bear it out.' : '',
        })),
      },
      PEER_FINGERPRINT,
    );
    const verify = fakeVerifyRunner();
    const answers = [
      {
        kind: 'second-return' as const,
        verification: {
          ok: true as const,
          file: {
            document: returned,
            certificate: { ...moderatorCertificate(PEER_FINGERPRINT), commonName: PEER.moderatorName },
            fileSha256: '56'.repeat(32),
          },
        },
      },
    ];
    const runner = {
      verify: async (request: Parameters<typeof verify.runner.verify>[0]) =>
        request.kind === 'second-return' ? answers.shift()! : verify.runner.verify(request),
    };
    await renderWithServices(
      <SecondModerationResultScreen workspaceId={WORKSPACE.id} submissionId={s.submission.submissionId} requestId="req-1" />,
      { db: s.db, platform: s.platform, pdfJobs: s.pdf.runner, verifyJobs: runner },
    );
    await screen.findByRole('heading', { level: 1, name: /agreement/ });
    await s.user.upload(
      screen.getByLabelText('Choose the signed return (PDF)'),
      new File(['%PDF-1.7 return'], 'return.pdf', { type: 'application/pdf' }),
    );
    await screen.findByTestId('first-use-moderator');
    expect(await s.db.secondModerationReturns.count()).toBe(0);
    await s.user.click(screen.getByRole('button', { name: /Trust/ }));

    const overall = await screen.findByTestId('agreement-overall');
    expect(within(overall).getByText('2 of 3 criteria agreed (67%)')).toBeTruthy();
    // po = 2/3; pe = (2/3 × 3/3) + (1/3 × 0) = 2/3; kappa = 0: the agreement is what chance gives.
    expect(within(overall).getByText('0.00: slight')).toBeTruthy();
    const cards = within(screen.getByTestId('agreement-criteria')).getAllByRole('listitem');
    expect(cards[0]!.textContent).toContain(`${s.b}`);
    expect(cards[0]!.textContent).toContain('disagreed');

    const settle = screen.getByRole('form', { name: `Settle ${s.b}` });
    await s.user.click(within(settle).getByRole('button', { name: `Record how ${s.b} is settled` }));
    expect(await within(settle).findByText(/Choose how to settle/)).toBeTruthy();
    expect(await s.db.secondModerationResolutions.count()).toBe(0);

    await s.user.click(within(settle).getByLabelText('Change my decision to the second moderator’s'));
    await s.user.type(within(settle).getByLabelText('Reason'), 'Looked again at the minutes: they show it.');
    await s.user.click(within(settle).getByRole('button', { name: `Record how ${s.b} is settled` }));
    await screen.findByTestId(`resolution-${s.b}`);
    const changed = await s.db.criterionModerations.get(criterionModerationKey(s.submission.key, s.b));
    expect(changed).toMatchObject({ decision: 'agree', moderatedJudgement: null });
    expect(await s.db.secondModerationResolutions.toArray()).toMatchObject([
      { criterionId: s.b, kind: 'changed-to-second', decision: 'agree', reason: 'Looked again at the minutes: they show it.' },
    ]);
    expect(within(overall).getByText('All settled')).toBeTruthy();
    // The agreement still measures the decisions as they were when the request was signed.
    expect(within(overall).getByText('2 of 3 criteria agreed (67%)')).toBeTruthy();
  });
});
