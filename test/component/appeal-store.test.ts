import { describe, expect, it } from 'vitest';
import { checkAppealFile, importModeratorAppeal, recordAppealResult, recordConditionDischarge } from '../../renderer/db/appeal-store';
import { recordOutcome } from '../../renderer/db/moderation-store';
import { loadWorkspaceStateRecords } from '../../renderer/db/workspace-queue-reads';
import type { AppealDocument } from '../../shared/moderation/appeal';
import type { ModerationDocument } from '../../shared/moderation/moderation-format';
import type { ModerationOutcome } from '../../shared/moderation/moderation-records';
import { submissionStateLabel, workspaceStates } from '../../shared/moderation/submission-state';
import { fakeVerifyRunner, moderatorCertificate, seedModeratorSubmission } from './moderation-test-data';
import { freshDatabase } from './render-app';

/**
 * The moderator's side of appeals and discharges, through the stores: an appeal answers a report
 * the workspace issued with the submission's key or is refused in words; once imported the
 * submission reads Appealed until its result is recorded; a discharge is written only when valid.
 */
const REPORT_SHA = 'ef'.repeat(32);

async function setUp() {
  const db = freshDatabase();
  const seeded = await seedModeratorSubmission(db);
  const outcome: ModerationOutcome = {
    submissionKey: seeded.submission.key,
    kind: 'accredited-with-conditions',
    levelId: 'established',
    computedLevelId: 'established',
    overrideReason: '',
    renewalDate: '2029-12-01',
    feedback: '',
    decidedAt: '2026-11-20T10:00:00.000Z',
    conditions: [{ text: 'Train every governor.', dueOn: '2027-03-31' }],
    appealBy: '2026-12-18',
  };
  await db.moderationOutcomes.put(outcome);
  const report = { reportId: 'report-1' } as unknown as ModerationDocument;
  await db.moderationReports.put({
    id: 'report-1',
    submissionKey: seeded.submission.key,
    workspaceId: seeded.submission.workspaceId,
    createdAt: '2026-11-20T10:00:00.000Z',
    fileName: 'report.pdf',
    sha256: REPORT_SHA,
    size: 10,
    document: report,
    pdf: new Blob(['%PDF']),
  });
  const appeal: AppealDocument = {
    format: 'sen-accreditation-appeal',
    formatVersion: 1,
    appealId: 'appeal-1',
    lodgedAt: '2026-12-01T09:00:00.000Z',
    school: { name: seeded.submission.schoolName, urn: seeded.submission.urn },
    report: {
      reportId: 'report-1',
      sha256: REPORT_SHA,
      submissionId: seeded.submission.submissionId,
      submissionVersion: 1,
      organisation: 'North East SEN Partnership',
      appealBy: '2026-12-18',
    },
    disputes: { outcome: true, criterionIds: [] },
    grounds: 'The training took place.',
    headTeacherName: 'Jo Smith',
    signer: { certificateFingerprint: seeded.submission.signerFingerprint },
  };
  const verified = (signer: string) => ({
    kind: 'appeal' as const,
    verification: {
      ok: true as const,
      verified: {
        appeal,
        certificate: { ...moderatorCertificate(signer), role: 'School' },
        signingTime: null,
        fileSha256: 'aa'.repeat(32),
      },
    },
  });
  return { db, seeded, verified };
}

const stateLabel = async (db: Awaited<ReturnType<typeof setUp>>['db'], workspaceId: string, key: string, today: string) => {
  const states = workspaceStates(await loadWorkspaceStateRecords(db, workspaceId), today);
  const state = states.get(key);
  return state ? submissionStateLabel(state) : null;
};

describe('appeals in the moderator’s workspace', () => {
  it('imports an appeal signed with the submission’s key: Appealed until the result is recorded', async () => {
    const { db, seeded, verified } = await setUp();
    const { runner } = fakeVerifyRunner([verified(seeded.submission.signerFingerprint) as never]);
    const check = await checkAppealFile(db, runner, seeded.submission.workspaceId, new Blob(['%PDF appeal']));
    if (check.kind !== 'ready') throw new Error(check.message);
    const imported = await importModeratorAppeal(db, { workspaceId: seeded.submission.workspaceId, check, pdf: new Blob(['%PDF appeal']) });
    expect(imported.outcome).toBe('imported');
    expect(await stateLabel(db, seeded.submission.workspaceId, seeded.submission.key, '2026-12-02')).toBe('Appealed');

    expect(await recordAppealResult(db, 'appeal-1', { result: '', reasons: ' ', decidedOn: '2026-12-05' }, '2026-12-10')).toEqual({
      ok: false,
      problems: {
        result: 'Choose whether the appeal is upheld or not upheld.',
        reasons: 'Give the reasons for the result, for the school to read.',
      },
    });
    expect((await db.moderatorAppeals.get('appeal-1'))?.result).toBeNull();
    expect(
      await recordAppealResult(db, 'appeal-1', { result: 'not-upheld', reasons: 'Seen.', decidedOn: '2026-12-05' }, '2026-12-10'),
    ).toEqual({
      ok: true,
    });
    expect(await stateLabel(db, seeded.submission.workspaceId, seeded.submission.key, '2026-12-10')).toBe(
      'Decided: accredited with conditions, next due 31 March 2027',
    );
  });

  it('refuses, in words and writing nothing, an appeal signed with another key', async () => {
    const { db, seeded, verified } = await setUp();
    const { runner } = fakeVerifyRunner([verified('77'.repeat(32)) as never]);
    expect(await checkAppealFile(db, runner, seeded.submission.workspaceId, new Blob(['%PDF appeal']))).toEqual({
      kind: 'rejected',
      message:
        'The appeal was signed with a different key from the one that signed the school’s submission, so it cannot be accepted as the school’s.',
    });
    expect(await db.moderatorAppeals.count()).toBe(0);
  });

  it('records a condition discharged only with a valid date and what the school showed', async () => {
    const { db, seeded } = await setUp();
    expect(await recordConditionDischarge(db, seeded.submission.key, 0, { dischargedOn: '2026-12-05', note: '' }, '2026-12-10')).toEqual({
      ok: false,
      message: 'Say what the school showed that meets the condition.',
    });
    expect((await db.moderationOutcomes.get(seeded.submission.key))?.conditions?.[0]?.dischargedOn).toBeUndefined();
    expect(
      await recordConditionDischarge(db, seeded.submission.key, 0, { dischargedOn: '2026-12-05', note: 'Seen.' }, '2026-12-10'),
    ).toEqual({
      ok: true,
    });
    expect(await stateLabel(db, seeded.submission.workspaceId, seeded.submission.key, '2026-12-10')).toBe(
      'Decided: accredited, conditions met',
    );
  });

  it('refuses in words to record the outcome again once a condition is discharged, and keeps the discharge', async () => {
    const { db, seeded } = await setUp();
    await recordConditionDischarge(db, seeded.submission.key, 0, { dischargedOn: '2026-12-05', note: 'Seen.' }, '2026-12-10');
    const before = await db.moderationOutcomes.get(seeded.submission.key);
    if (!before) throw new Error('no outcome');
    const again: ModerationOutcome = {
      ...before,
      decidedAt: '2026-12-11T09:00:00.000Z',
      conditions: [{ text: 'Train every governor.', dueOn: '2027-03-31', dischargedOn: null }],
    };
    await expect(recordOutcome(db, again)).rejects.toThrow(
      'Condition 1 (“Train every governor.”) was recorded as discharged on 5 December 2026, and recording the outcome again would lose that discharge, so the outcome was not changed. Send what has happened since the report in a signed follow-up report instead.',
    );
    const after = await db.moderationOutcomes.get(seeded.submission.key);
    expect(after?.conditions?.[0]).toMatchObject({ dischargedOn: '2026-12-05', dischargeNote: 'Seen.' });
    expect(after?.decidedAt).toBe(before.decidedAt);
  });

  it('records the outcome again while no condition is discharged', async () => {
    const { db, seeded } = await setUp();
    const before = await db.moderationOutcomes.get(seeded.submission.key);
    if (!before) throw new Error('no outcome');
    await recordOutcome(db, { ...before, feedback: 'Recorded again.' });
    expect((await db.moderationOutcomes.get(seeded.submission.key))?.feedback).toBe('Recorded again.');
  });
});
