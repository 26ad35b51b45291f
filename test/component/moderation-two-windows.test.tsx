import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ModerationCriterionScreen } from '../../renderer/moderation/review/ModerationCriterionScreen';
import { VisitPlanScreen } from '../../renderer/moderation/review/VisitPlanScreen';
import { criterionModerationKey, type CriterionModeration, type VisitPlan } from '../../shared/moderation/moderation-records';
import { fakePdfRunner, fakeVerifyRunner, seedModeratorSubmission, WORKSPACE } from './moderation-test-data';
import { freshDatabase, recordingPlatform, renderWithServices } from './render-app';

/** What another window's save does: the whole record, with a later time. */
const later = () => new Date(Date.now() + 1000).toISOString();

async function openModeration(criterionId: string) {
  const db = freshDatabase();
  const { submission } = await seedModeratorSubmission(db);
  const key = criterionModerationKey(submission.key, criterionId);
  await renderWithServices(
    <ModerationCriterionScreen workspaceId={WORKSPACE.id} submissionId={submission.submissionId} criterionId={criterionId} />,
    { db, platform: recordingPlatform(), pdfJobs: fakePdfRunner().runner, verifyJobs: fakeVerifyRunner().runner },
  );
  await screen.findByRole('group', { name: `Decision on ${criterionId}` });
  const saveFromOtherWindow = async (fields: Partial<Pick<CriterionModeration, 'decision' | 'moderatedJudgement' | 'comment'>>) => {
    const existing: CriterionModeration = (await db.criterionModerations.get(key)) ?? {
      key,
      submissionKey: submission.key,
      criterionId,
      decision: null,
      moderatedJudgement: null,
      comment: '',
      updatedAt: '',
    };
    await db.criterionModerations.put({ ...existing, ...fields, updatedAt: later() });
  };
  return { db, key, submission, saveFromOtherWindow, user: userEvent.setup() };
}

describe('moderator’s criterion form with the same criterion open in another window', () => {
  it('keeps the other window’s comment when this window saves a decision', async () => {
    const { db, key, saveFromOtherWindow, user } = await openModeration('NE-1.1.1');
    await saveFromOtherWindow({ comment: 'Written in the other window' });
    await user.click(screen.getByLabelText('Agree with the school'));
    await waitFor(async () => expect((await db.criterionModerations.get(key))?.decision).toBe('agree'));
    expect((await db.criterionModerations.get(key))?.comment).toBe('Written in the other window');
    // The form shows the other window's comment, and says so politely.
    expect(await screen.findByDisplayValue('Written in the other window')).toBeTruthy();
    const note = await screen.findByText('The comment was changed in another window; this form now shows the new version.');
    expect(note.closest('[aria-live="polite"]')).not.toBeNull();
  });

  it('keeps the other window’s decision when this window saves its comment', async () => {
    const { db, key, saveFromOtherWindow, user } = await openModeration('NE-1.1.2');
    await user.type(screen.getByLabelText('Comment for the school'), 'Typed here');
    await saveFromOtherWindow({ decision: 'more-evidence' });
    await waitFor(async () => expect((await db.criterionModerations.get(key))?.comment).toBe('Typed here'), { timeout: 3000 });
    expect((await db.criterionModerations.get(key))?.decision).toBe('more-evidence');
    await waitFor(() => expect((screen.getByLabelText('More evidence needed') as HTMLInputElement).checked).toBe(true));
  });

  it('shows a clash over the comment instead of overwriting, and keeps mine when asked', async () => {
    const { db, key, saveFromOtherWindow, user } = await openModeration('NE-1.2.1');
    await user.type(screen.getByLabelText('Comment for the school'), 'Mine');
    await saveFromOtherWindow({ comment: 'Theirs' });
    const conflict = await screen.findByRole('region', { name: 'The comment was also changed in another window' }, { timeout: 3000 });
    expect(within(conflict).getByText('Theirs')).toBeTruthy();
    expect((await db.criterionModerations.get(key))?.comment).toBe('Theirs');
    expect((screen.getByLabelText('Comment for the school') as HTMLTextAreaElement).value).toBe('Mine');
    expect(screen.getByText(/choose below which version to keep/)).toBeTruthy();

    // By keyboard: the choice is an ordinary button.
    within(conflict).getByRole('button', { name: 'Keep my comment' }).focus();
    await user.keyboard('{Enter}');
    await waitFor(async () => expect((await db.criterionModerations.get(key))?.comment).toBe('Mine'));
    expect(screen.queryByRole('region', { name: /also changed in another window/ })).toBeNull();
  });

  it('shows a clash over the decision with both choices named, and takes theirs when asked', async () => {
    const { db, key, saveFromOtherWindow, user } = await openModeration('NE-1.2.2');
    // Typed, not yet saved, so this window's decision goes in the same save as the other window's arrives.
    await user.type(screen.getByLabelText('Comment for the school'), 'x');
    await saveFromOtherWindow({ decision: 'agree' });
    await user.click(screen.getByLabelText('More evidence needed'));
    const conflict = await screen.findByRole('region', { name: 'The decision was also changed in another window' }, { timeout: 3000 });
    expect(within(conflict).getByText(/Your choice, “More evidence needed”, is not saved yet/)).toBeTruthy();
    expect(within(conflict).getByText('Agree with the school')).toBeTruthy();
    expect((await db.criterionModerations.get(key))?.decision).toBe('agree');
    await user.click(within(conflict).getByRole('button', { name: 'Use the other window’s decision' }));
    expect((screen.getByLabelText('Agree with the school') as HTMLInputElement).checked).toBe(true);
    await waitFor(async () => expect((await db.criterionModerations.get(key))?.comment).toBe('x'));
    expect((await db.criterionModerations.get(key))?.decision).toBe('agree');
  });

  it('keeps a copy of unsaved typing in local storage, and saves what a closed page left when the criterion opens again', async () => {
    const copies = () => Object.keys(localStorage).filter((k) => k.startsWith('sen-unsaved:moderation:'));
    const first = await openModeration('NE-2.1.1');
    await first.user.type(screen.getByLabelText('Comment for the school'), 'abc');
    expect(copies()).toHaveLength(1);
    expect(JSON.parse(localStorage.getItem(copies()[0]!)!)).toMatchObject({ base: { comment: '' }, mine: { comment: 'abc' } });
    await waitFor(async () => expect((await first.db.criterionModerations.get(first.key))?.comment).toBe('abc'));
    await waitFor(() => expect(copies()).toEqual([]));

    localStorage.setItem(
      `sen-unsaved:moderation:${first.key}:closed-page`,
      JSON.stringify({
        base: { decision: null, moderatedJudgement: null, comment: 'abc' },
        mine: { decision: null, moderatedJudgement: null, comment: 'abc, and typed just before closing' },
        at: new Date().toISOString(),
      }),
    );
    document.body.innerHTML = '';
    await renderWithServices(
      <ModerationCriterionScreen workspaceId={WORKSPACE.id} submissionId={first.submission.submissionId} criterionId="NE-2.1.1" />,
      { db: first.db, platform: recordingPlatform(), pdfJobs: fakePdfRunner().runner, verifyJobs: fakeVerifyRunner().runner },
    );
    expect(await screen.findByDisplayValue('abc, and typed just before closing')).toBeTruthy();
    await waitFor(async () =>
      expect((await first.db.criterionModerations.get(first.key))?.comment).toBe('abc, and typed just before closing'),
    );
    expect(await screen.findByText(/Restored what you changed in the comment just before a window closed/)).toBeTruthy();
    expect(copies()).toEqual([]);
  });
});

describe('visit plan with the same submission open in another window', () => {
  it('keeps the other window’s notes when this window chooses a criterion, and shows a clash over the date', async () => {
    const db = freshDatabase();
    const { submission } = await seedModeratorSubmission(db);
    const user = userEvent.setup();
    await renderWithServices(<VisitPlanScreen workspaceId={WORKSPACE.id} submissionId={submission.submissionId} />, {
      db,
      platform: recordingPlatform(),
      pdfJobs: fakePdfRunner().runner,
      verifyJobs: fakeVerifyRunner().runner,
    });
    await screen.findByRole('heading', { level: 1, name: 'Plan the visit' });
    const saveFromOtherWindow = async (fields: Partial<VisitPlan>) => {
      const existing: VisitPlan = (await db.visitPlans.get(submission.key)) ?? {
        submissionKey: submission.key,
        criterionIds: [],
        method: { kind: 'hand' },
        visitDate: '',
        notes: '',
        updatedAt: '',
      };
      await db.visitPlans.put({ ...existing, ...fields, updatedAt: later() });
    };

    await saveFromOtherWindow({ notes: 'Notes from the other window' });
    await user.click(screen.getByLabelText(/^NE-1\.1\.1 /));
    await waitFor(async () => expect((await db.visitPlans.get(submission.key))?.criterionIds).toEqual(['NE-1.1.1']));
    expect((await db.visitPlans.get(submission.key))?.notes).toBe('Notes from the other window');
    expect(await screen.findByDisplayValue('Notes from the other window')).toBeTruthy();
    expect(await screen.findByText('The notes were changed in another window; this form now shows the new version.')).toBeTruthy();

    const visitDate = screen.getByRole('group', { name: 'Date of the visit' });
    await user.type(within(visitDate).getByLabelText('Day'), '14');
    await user.type(within(visitDate).getByLabelText('Month'), '1');
    await user.type(within(visitDate).getByLabelText('Year'), '2027');
    await saveFromOtherWindow({ visitDate: '2027-02-01' });
    const conflict = await screen.findByRole(
      'region',
      { name: 'The date of the visit was also changed in another window' },
      { timeout: 3000 },
    );
    expect(within(conflict).getByText('1 February 2027')).toBeTruthy();
    expect((await db.visitPlans.get(submission.key))?.visitDate).toBe('2027-02-01');
    expect(['Day', 'Month', 'Year'].map((part) => (within(visitDate).getByLabelText(part) as HTMLInputElement).value)).toEqual([
      '14',
      '01',
      '2027',
    ]);
  });
});
