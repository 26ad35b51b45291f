import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { responseKey } from '../../shared/evaluation/evaluation-records';
import { CriterionScreen } from '../../renderer/screens/CriterionScreen';
import { freshDatabase, renderWithServices, seedSchoolAndEvaluation } from './render-app';

describe('criterion form', () => {
  it('saves the judgement at once and the narrative as the user types, with no Save button', async () => {
    const db = freshDatabase();
    const { evaluation, framework } = await seedSchoolAndEvaluation(db);
    const criterion = framework.criteria[0]!;
    const user = userEvent.setup();
    await renderWithServices(<CriterionScreen evaluationId={evaluation.id} criterionId={criterion.id} />, { db });

    await screen.findByRole('heading', { level: 1, name: new RegExp(criterion.id) });
    expect(screen.queryByRole('button', { name: /^save/i })).toBeNull();

    // The form comes with the saved response, which loads after the heading's evaluation.
    const group = await screen.findByRole('group', { name: 'Judgement' });
    await user.click(within(group).getByLabelText('Established'));
    await waitFor(async () => expect((await db.responses.get(responseKey(evaluation.id, criterion.id)))?.judgement).toBe('established'));

    await user.type(screen.getByLabelText('Narrative'), 'Policy agreed by governors in March.');
    await waitFor(
      async () =>
        expect((await db.responses.get(responseKey(evaluation.id, criterion.id)))?.narrative).toBe('Policy agreed by governors in March.'),
      {
        timeout: 3000,
      },
    );
    expect(await screen.findByText(/^Saved at/)).toBeTruthy();
    // The status is announced politely to screen readers.
    expect(screen.getByText(/^Saved at/).closest('[aria-live="polite"]')).not.toBeNull();
  });

  it('saves pending typing when the screen closes before the pause ends', async () => {
    const db = freshDatabase();
    const { evaluation, framework } = await seedSchoolAndEvaluation(db);
    const criterion = framework.criteria[1]!;
    const user = userEvent.setup();
    const { unmount } = await renderWithServices(<CriterionScreen evaluationId={evaluation.id} criterionId={criterion.id} />, { db });
    await screen.findByLabelText('Next steps');
    await user.type(screen.getByLabelText('Next steps'), 'Train TAs');
    act(() => unmount());
    await waitFor(async () => expect((await db.responses.get(responseKey(evaluation.id, criterion.id)))?.nextSteps).toBe('Train TAs'));
  });

  it('shows what was saved before when the criterion is opened again', async () => {
    const db = freshDatabase();
    const { evaluation, framework } = await seedSchoolAndEvaluation(db);
    const criterion = framework.criteria[2]!;
    await db.responses.put({
      key: responseKey(evaluation.id, criterion.id),
      evaluationId: evaluation.id,
      criterionId: criterion.id,
      judgement: 'developing',
      narrative: 'Written earlier',
      nextSteps: '',
      updatedAt: new Date().toISOString(),
    });
    await renderWithServices(<CriterionScreen evaluationId={evaluation.id} criterionId={criterion.id} />, { db });
    expect(await screen.findByDisplayValue('Written earlier')).toBeTruthy();
    expect((screen.getByLabelText('Developing') as HTMLInputElement).checked).toBe(true);
  });

  it('turns the next steps into an action in the plan', async () => {
    const db = freshDatabase();
    const { evaluation, framework } = await seedSchoolAndEvaluation(db);
    const criterion = framework.criteria[0]!;
    const user = userEvent.setup();
    await renderWithServices(<CriterionScreen evaluationId={evaluation.id} criterionId={criterion.id} />, { db });
    await user.click(await screen.findByRole('button', { name: 'Create an action from the next steps' }));
    expect(await screen.findByText(/Write the next steps first/)).toBeTruthy();
    expect(await db.actions.count()).toBe(0);

    await user.type(screen.getByLabelText('Next steps'), 'Review the SEN policy with governors');
    await user.click(screen.getByRole('button', { name: 'Create an action from the next steps' }));
    await screen.findByText(/Action added to the action plan/);
    const actions = await db.actions.toArray();
    expect(actions).toHaveLength(1);
    expect(actions[0]).toMatchObject({
      evaluationId: evaluation.id,
      criterionIds: [criterion.id],
      what: 'Review the SEN policy with governors',
      status: 'not-started',
    });
  });

  it('links a new file to the criterion and unlinks it', async () => {
    const db = freshDatabase();
    const { evaluation, framework } = await seedSchoolAndEvaluation(db);
    const criterion = framework.criteria[0]!;
    const user = userEvent.setup();
    await renderWithServices(<CriterionScreen evaluationId={evaluation.id} criterionId={criterion.id} />, { db });
    const file = new File(['SEN policy text'], 'sen-policy.txt', { type: 'text/plain' });
    await user.upload(await screen.findByLabelText('Add a new file and link it'), file);
    expect(await screen.findByRole('button', { name: 'Unlink sen policy' })).toBeTruthy();
    expect(await db.evidenceLinks.where('evaluationId').equals(evaluation.id).count()).toBe(1);
    await user.click(screen.getByRole('button', { name: 'Unlink sen policy' }));
    await waitFor(async () => expect(await db.evidenceLinks.count()).toBe(0));
    // The evidence stays in the library.
    expect(await db.evidence.count()).toBe(1);
  });
});
