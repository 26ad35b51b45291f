import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { VisitPlanScreen } from '../../renderer/moderation/review/VisitPlanScreen';
import type { VisitPlan } from '../../shared/moderation/moderation-records';
import type { VisitTimetableRow } from '../../shared/moderation/visit-timetable';
import { fakePdfRunner, fakeVerifyRunner, seedModeratorSubmission, WORKSPACE } from './moderation-test-data';
import { freshDatabase, recordingPlatform, renderWithServices } from './render-app';

async function openPlan(timetable?: (sampled: string[]) => VisitTimetableRow[]) {
  const db = freshDatabase();
  const { submission, framework } = await seedModeratorSubmission(db);
  const sampled = [framework.criteria[0]!.id, framework.criteria[1]!.id];
  // A plan made before the timetable existed: no timetable, evidence seen or notes per criterion.
  await db.visitPlans.put({
    submissionKey: submission.key,
    criterionIds: sampled,
    method: { kind: 'hand' },
    visitDate: '2027-01-14',
    notes: '',
    updatedAt: '2026-11-26T09:00:00.000Z',
    ...(timetable ? { timetable: timetable(sampled) } : {}),
  });
  const pdf = fakePdfRunner();
  const user = userEvent.setup();
  await renderWithServices(<VisitPlanScreen workspaceId={WORKSPACE.id} submissionId={submission.submissionId} />, {
    db,
    platform: recordingPlatform(),
    pdfJobs: pdf.runner,
    verifyJobs: fakeVerifyRunner().runner,
  });
  await screen.findByRole('heading', { level: 1, name: 'Plan the visit' });
  return { db, submission, sampled, user, pdf };
}

describe('the visit’s timetable and the record of the day', () => {
  it('refuses a row with its end before its start, or an interview with nobody, saying what to do, and keeps nothing', async () => {
    const { db, submission, user } = await openPlan();
    const timetable = screen.getByRole('region', { name: /Timetable for the day/ });
    expect(within(timetable).getByText('No rows yet.')).toBeTruthy();
    await user.click(within(timetable).getByText('Add a row to the timetable'));
    const start = within(timetable).getByLabelText('Start time');
    expect(document.activeElement).toBe(start);
    await user.type(start, '11:00');
    await user.type(within(timetable).getByLabelText('End time (optional)'), '10:30');
    await user.selectOptions(within(timetable).getByLabelText('Activity'), 'Interview');
    await user.click(within(timetable).getByText('Add the row'));
    expect(await within(timetable).findAllByText('The end time must be after the start time (11:00). Change one of them.')).toHaveLength(2);
    expect(within(timetable).getAllByText('Choose who the interview is with, so the plan can suggest questions for them.')).toHaveLength(2);
    expect(within(timetable).queryByTestId('timetable-rows')).toBeNull();
    expect((await db.visitPlans.get(submission.key))?.timetable).toBeUndefined();
  });

  it('adds two rows, with questions under the interview, and saves them', async () => {
    const { db, submission, sampled, user } = await openPlan();
    const timetable = screen.getByRole('region', { name: /Timetable for the day/ });

    // First row: a learning walk at 11:00.
    await user.click(within(timetable).getByText('Add a row to the timetable'));
    await user.type(within(timetable).getByLabelText('Start time'), '11:00');
    await user.type(within(timetable).getByLabelText('End time (optional)'), '11:30');
    await user.selectOptions(within(timetable).getByLabelText('Activity'), 'Learning walk');
    await user.click(within(timetable).getByText('Add the row'));
    expect(await within(timetable).findByRole('heading', { level: 3, name: '11:00 to 11:30 Learning walk' })).toBeTruthy();

    // Second row: an interview with pupils at 9:15, covering the first sampled criterion.
    await user.click(within(timetable).getByText('Add a row to the timetable'));
    expect(within(timetable).getByText(/Do not write pupils’ names\./)).toBeTruthy();
    await user.type(within(timetable).getByLabelText('Start time'), '9:15');
    await user.selectOptions(within(timetable).getByLabelText('Activity'), 'Interview');
    await user.click(within(timetable).getByLabelText('Pupils'));
    await user.click(within(timetable).getByLabelText(new RegExp(`^${sampled[0]!.replace(/\./g, '\\.')} `)));
    await user.click(within(timetable).getByText('Add the row'));
    await within(timetable).findByRole('heading', { level: 3, name: '09:15 Interview' });
    expect(within(timetable).getByText(/starts before the row above it/)).toBeTruthy();
    const questions = within(timetable).getByTestId(/^prompts-/);
    expect(within(questions).getAllByRole('listitem')).toHaveLength(1);
    expect(questions.textContent).toContain(`${sampled[0]}, pupils:`);
    expect(questions.textContent).toContain('What is that like for you?');
    await waitFor(async () =>
      expect((await db.visitPlans.get(submission.key))?.timetable?.map((r) => `${r.start} ${r.activity} ${r.withWhom.join(',')}`)).toEqual([
        '11:00 learning-walk ',
        '09:15 interview pupils',
      ]),
    );
  });

  it('reorders rows by keyboard, and removes one with undo', async () => {
    const { db, submission, user } = await openPlan((sampled) => [
      { id: 'r1', start: '11:00', end: '11:30', activity: 'learning-walk', withWhom: [], who: '', place: '', criterionIds: [sampled[1]!] },
      { id: 'r2', start: '09:15', end: '', activity: 'interview', withWhom: ['pupils'], who: '', place: '', criterionIds: [sampled[0]!] },
    ]);
    const timetable = screen.getByRole('region', { name: /Timetable for the day/ });
    expect(within(timetable).getByText(/starts before the row above it/)).toBeTruthy();
    // Reorder by keyboard: focus Move up on the interview and press Enter.
    const moveUp = within(timetable).getByRole('button', { name: 'Move up 09:15 Interview' });
    moveUp.focus();
    await user.keyboard('{Enter}');
    const headings = () =>
      within(within(timetable).getByTestId('timetable-rows'))
        .getAllByRole('heading', { level: 3 })
        .map((h) => h.textContent);
    await waitFor(() => expect(headings()).toEqual(['09:15 Interview', '11:00 to 11:30 Learning walk']));
    expect(within(timetable).getByRole('status').textContent).toBe('Moved the interview at 09:15 up: it is now row 1 of 2.');
    // At the top there is no Move up: focus goes to the row's Move down, so the keyboard stays in place.
    expect(document.activeElement).toBe(within(timetable).getByRole('button', { name: 'Move down 09:15 Interview' }));
    expect(within(timetable).queryByText(/starts before the row above it/)).toBeNull();

    await waitFor(async () =>
      expect((await db.visitPlans.get(submission.key))?.timetable?.map((r) => `${r.start} ${r.activity} ${r.withWhom.join(',')}`)).toEqual([
        '09:15 interview pupils',
        '11:00 learning-walk ',
      ]),
    );

    // Remove, then undo.
    await user.click(within(timetable).getByRole('button', { name: 'Remove 11:00 to 11:30 Learning walk' }));
    await waitFor(() => expect(headings()).toEqual(['09:15 Interview']));
    await user.click(screen.getByRole('button', { name: 'Undo removing the learning walk at 11:00 to 11:30' }));
    await waitFor(() => expect(headings()).toEqual(['09:15 Interview', '11:00 to 11:30 Learning walk']));
    await waitFor(async () => expect((await db.visitPlans.get(submission.key))?.timetable).toHaveLength(2));
  });

  it('records evidence seen linked to a criterion, and notes on a criterion, saved as they change', async () => {
    const { db, submission, sampled, user, pdf } = await openPlan();
    await user.click(within(screen.getByRole('region', { name: 'On the day' })).getByText('Record the day'));
    const seen = screen.getByRole('region', { name: /Evidence seen on the day/ });
    expect(document.activeElement).toBe(within(seen).getByRole('heading', { level: 2 }));
    await user.click(within(seen).getByRole('button', { name: 'Record this evidence' }));
    expect(await within(seen).findAllByText('Say what you saw, for example “Year 4 maths books”.')).toHaveLength(2);
    expect(within(seen).getAllByText('Choose at least one criterion this evidence bears on.')).toHaveLength(2);
    await user.type(within(seen).getByLabelText('What you saw'), 'Year 4 maths books');
    await user.type(within(seen).getByLabelText('Where (optional)'), 'Year 4 classroom');
    await user.click(within(seen).getByRole('checkbox', { name: new RegExp(`^${sampled[1]!.replace(/\./g, '\\.')} `) }));
    await user.click(within(seen).getByRole('button', { name: 'Record this evidence' }));
    expect(await within(seen).findByText(`Recorded “Year 4 maths books” against ${sampled[1]}.`)).toBeTruthy();
    expect(within(seen).getByTestId('evidence-seen').textContent).toContain(`Year 4 maths books (Year 4 classroom): ${sampled[1]}`);

    await user.type(screen.getByLabelText(`Notes on ${sampled[0]}`), 'Policy on the website.');
    await waitFor(async () => {
      const stored = await db.visitPlans.get(submission.key);
      expect(stored?.evidenceSeen).toEqual([
        { id: expect.any(String), what: 'Year 4 maths books', where: 'Year 4 classroom', criterionIds: [sampled[1]] },
      ]);
      expect(stored?.criterionNotes).toEqual({ [sampled[0]!]: 'Policy on the website.' });
    });

    // The print carries them.
    await user.click(screen.getByRole('button', { name: /visit plan/ }));
    await waitFor(() => expect(pdf.requests).toHaveLength(1));
    const request = pdf.requests[0]!;
    if (request.kind !== 'visit-plan') throw new Error('not a visit plan');
    expect(request.input.plan.criterionNotes).toEqual({ [sampled[0]!]: 'Policy on the website.' });
    expect(request.input.plan.evidenceSeen).toHaveLength(1);
  });

  it('takes another window’s notes on a criterion, and shows a clash when both windows change them', async () => {
    const { db, submission, sampled, user } = await openPlan();
    await user.click(screen.getByText('Record the day'));
    const otherWindow = async (fields: Partial<VisitPlan>) => {
      const existing = await db.visitPlans.get(submission.key);
      if (!existing) throw new Error('no plan');
      await db.visitPlans.put({ ...existing, ...fields, updatedAt: new Date(Date.now() + 1000).toISOString() });
    };
    await otherWindow({ criterionNotes: { [sampled[0]!]: 'From the laptop in the hall.' } });
    expect(await screen.findByDisplayValue('From the laptop in the hall.')).toBeTruthy();
    expect(
      await screen.findByText('The notes on each criterion were changed in another window; this form now shows the new version.'),
    ).toBeTruthy();

    await user.type(screen.getByLabelText(`Notes on ${sampled[1]}`), 'Seen in class.');
    await otherWindow({ criterionNotes: { [sampled[0]!]: 'From the laptop in the hall.', [sampled[1]!]: 'Seen at lunch.' } });
    const conflict = await screen.findByRole('region', { name: 'The notes on each criterion were also changed in another window' });
    expect(within(conflict).getByText(`${sampled[0]}: From the laptop in the hall. · ${sampled[1]}: Seen at lunch.`)).toBeTruthy();
    expect(within(conflict).getByText(/Seen in class\./)).toBeTruthy();
    expect((await db.visitPlans.get(submission.key))?.criterionNotes?.[sampled[1]!]).toBe('Seen at lunch.');
    await user.click(within(conflict).getByRole('button', { name: 'Keep my notes on each criterion' }));
    await waitFor(async () => expect((await db.visitPlans.get(submission.key))?.criterionNotes?.[sampled[1]!]).toBe('Seen in class.'));
  });
});
