import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { VisitPlanScreen } from '../../renderer/moderation/review/VisitPlanScreen';
import { fakePdfRunner, fakeVerifyRunner, seedModeratorSubmission, WORKSPACE } from './moderation-test-data';
import { freshDatabase, recordingPlatform, renderWithServices } from './render-app';

const PROBLEM =
  'Enter the date of the visit as a real date, for example day 3, month 2, year 2027 for 3 February 2027, or clear all three boxes. Until then it is not saved.';

describe('the date of the visit is typed in the app’s own date field, in British order', () => {
  it('has day, month and year boxes (no browser picker), saves only a real date, and says so when one is not', async () => {
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
    expect(document.querySelector('input[type="date"]')).toBeNull();
    const group = screen.getByRole('group', { name: 'Date of the visit' });
    const day = within(group).getByLabelText('Day');
    const month = within(group).getByLabelText('Month');
    const year = within(group).getByLabelText('Year');

    // 30 February: not a day. Nothing shows while typing; leaving the date says what is wrong.
    await user.type(day, '30');
    await user.type(month, '2');
    await user.type(year, '2027');
    expect(screen.queryByText(PROBLEM)).toBeNull();
    await user.click(screen.getByLabelText('Notes for the visit'));
    expect(await screen.findByText(PROBLEM)).toBeTruthy();
    await user.type(screen.getByLabelText('Notes for the visit'), 'Meet the SENCO.');
    await waitFor(async () => expect((await db.visitPlans.get(submission.key))?.notes).toBe('Meet the SENCO.'));
    expect((await db.visitPlans.get(submission.key))?.visitDate).toBe('');

    await user.clear(day);
    await user.type(day, '3');
    await waitFor(async () => expect((await db.visitPlans.get(submission.key))?.visitDate).toBe('2027-02-03'));
    expect(screen.queryByText(PROBLEM)).toBeNull();
  });
});
