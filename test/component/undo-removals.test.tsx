import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { createAction, deleteAction, restoreAction } from '../../renderer/db/action-store';
import { addEvidenceRecord, deleteEvidence, linkEvidence, restoreEvidenceLink, unlinkEvidence } from '../../renderer/db/evidence-store';
import { ActionPlanScreen } from '../../renderer/school/actions/ActionPlanScreen';
import { CriterionScreen } from '../../renderer/school/evaluation/CriterionScreen';
import { responseKey } from '../../shared/evaluation/evaluation-records';
import { freshDatabase, renderWithServices, seedSchoolAndEvaluation } from './render-app';

const notice = () => screen.getByTestId('undo-notice');

describe('the stores give back what they remove, and put it back exactly', () => {
  it('unlinks evidence and restores the same link; refuses to link evidence deleted since', async () => {
    const db = freshDatabase();
    const { evaluation, school } = await seedSchoolAndEvaluation(db);
    const item = await addEvidenceRecord(db, school.id, {
      title: 'SEN policy',
      kind: 'policy',
      date: '',
      description: '',
      heldAt: '',
      containsPersonalData: false,
      redactionConfirmed: false,
    });
    await linkEvidence(db, evaluation.id, 'NE-1.1.1', item.id);
    const before = await db.evidenceLinks.toArray();
    const removed = await unlinkEvidence(db, evaluation.id, 'NE-1.1.1', item.id);
    expect(removed).toEqual(before[0]);
    expect(await db.evidenceLinks.count()).toBe(0);
    expect(await unlinkEvidence(db, evaluation.id, 'NE-1.1.1', item.id)).toBeNull();
    expect(await restoreEvidenceLink(db, removed!)).toBe('restored');
    expect(await db.evidenceLinks.toArray()).toEqual(before);

    await unlinkEvidence(db, evaluation.id, 'NE-1.1.1', item.id);
    await deleteEvidence(db, item.id);
    expect(await restoreEvidenceLink(db, removed!)).toBe('evidence-gone');
    expect(await db.evidenceLinks.count()).toBe(0);
  });

  it('deletes an action and restores it with the same id, details and times', async () => {
    const db = freshDatabase();
    const { evaluation } = await seedSchoolAndEvaluation(db);
    const created = await createAction(db, evaluation.id, {
      criterionIds: ['NE-1.1.1'],
      what: 'Train TAs',
      who: 'SENCO',
      byWhen: '2027-03-31',
      successCriteria: 'All TAs trained',
      status: 'in-progress',
    });
    const before = await db.actions.get(created.id);
    const removed = await deleteAction(db, created.id);
    expect(removed).toEqual(before);
    expect(await db.actions.count()).toBe(0);
    expect(await deleteAction(db, created.id)).toBeNull();
    await restoreAction(db, removed!);
    expect(await db.actions.get(created.id)).toEqual(before);
  });
});

describe('a removal shows a notice with Undo', () => {
  it('unlinking evidence from a criterion: the notice takes focus, stays, and Undo links it again', async () => {
    const db = freshDatabase();
    const { evaluation, framework } = await seedSchoolAndEvaluation(db);
    const criterion = framework.criteria[0]!;
    const user = userEvent.setup();
    await renderWithServices(<CriterionScreen evaluationId={evaluation.id} criterionId={criterion.id} />, { db });
    await user.upload(
      await screen.findByLabelText('Add a new file and link it', {}, { timeout: 5000 }),
      new File(['SEN policy text'], 'sen-policy.txt', { type: 'text/plain' }),
    );
    await user.click(await screen.findByRole('button', { name: 'Unlink sen policy' }, { timeout: 5000 }));

    const message = `“sen policy” removed from ${criterion.id}.`;
    expect(await screen.findByText(message)).toBeTruthy();
    await waitFor(() => expect(document.activeElement?.textContent).toBe(message));
    expect(notice().getAttribute('role')).toBe('status');
    await waitFor(async () => expect(await db.evidenceLinks.count()).toBe(0));
    expect(screen.queryByRole('button', { name: 'Unlink sen policy' })).toBeNull();

    await user.tab();
    expect(document.activeElement).toBe(within(notice()).getByRole('button', { name: `Undo removing “sen policy” from ${criterion.id}` }));
    await user.keyboard('{Enter}');
    expect(await screen.findByText(`“sen policy” is linked to ${criterion.id} again.`)).toBeTruthy();
    expect(await screen.findByRole('button', { name: 'Unlink sen policy' })).toBeTruthy();
    const links = await db.evidenceLinks.toArray();
    expect(links.map((l) => [l.evaluationId, l.criterionId])).toEqual([[evaluation.id, criterion.id]]);

    await user.click(within(notice()).getByRole('button', { name: 'Dismiss this message' }));
    expect(screen.queryByTestId('undo-notice')).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: `Evidence for ${criterion.id}` }));
  });

  it('clearing a judgement: Undo puts the same judgement back and saves it; choosing another one instead ends the offer', async () => {
    const db = freshDatabase();
    const { evaluation, framework } = await seedSchoolAndEvaluation(db);
    const criterion = framework.criteria[0]!;
    const key = responseKey(evaluation.id, criterion.id);
    const user = userEvent.setup();
    await renderWithServices(<CriterionScreen evaluationId={evaluation.id} criterionId={criterion.id} />, { db });
    const group = await screen.findByRole('group', { name: 'Judgement' }, { timeout: 5000 });
    await user.click(within(group).getByLabelText('Established'));
    await waitFor(async () => expect((await db.responses.get(key))?.judgement).toBe('established'));

    await user.click(screen.getByRole('button', { name: 'Clear the judgement' }));
    expect(await screen.findByText(`Judgement “Established” removed from ${criterion.id}.`)).toBeTruthy();
    await waitFor(async () => expect((await db.responses.get(key))?.judgement).toBeNull());
    expect((within(group).getByLabelText('Established') as HTMLInputElement).checked).toBe(false);

    await user.click(within(notice()).getByRole('button', { name: 'Undo removing the judgement “Established”' }));
    expect(await screen.findByText('The judgement “Established” is back.')).toBeTruthy();
    expect((within(group).getByLabelText('Established') as HTMLInputElement).checked).toBe(true);
    await waitFor(async () => expect((await db.responses.get(key))?.judgement).toBe('established'));

    // Clear again, then choose a judgement by hand: that is the next change, and the notice goes.
    await user.click(screen.getByRole('button', { name: 'Clear the judgement' }));
    expect(await screen.findByText(`Judgement “Established” removed from ${criterion.id}.`)).toBeTruthy();
    const [firstPoint] = framework.scale.points;
    await user.click(within(group).getByLabelText(firstPoint!.label));
    expect(screen.queryByTestId('undo-notice')).toBeNull();
    await waitFor(async () => expect((await db.responses.get(key))?.judgement).toBe(firstPoint!.id));
  });

  it('deleting an action: Undo puts back exactly the action that was there', async () => {
    const db = freshDatabase();
    const { evaluation } = await seedSchoolAndEvaluation(db, 'north-east');
    const created = await createAction(db, evaluation.id, {
      criterionIds: ['NE-1.1.1'],
      what: 'Buy reading scheme',
      who: 'English lead',
      byWhen: '2027-01-31',
      successCriteria: 'Scheme in use',
      status: 'in-progress',
    });
    const before = await db.actions.get(created.id);
    const user = userEvent.setup();
    await renderWithServices(<ActionPlanScreen evaluationId={evaluation.id} />, { db });
    await user.click(await screen.findByRole('button', { name: 'Delete “Buy reading scheme”' }, { timeout: 5000 }));
    await user.click(screen.getByRole('button', { name: 'Yes, delete “Buy reading scheme”' }));

    const message = 'Action “Buy reading scheme” removed from the plan.';
    expect(await screen.findByText(message)).toBeTruthy();
    await waitFor(() => expect(document.activeElement?.textContent).toBe(message));
    expect(await db.actions.count()).toBe(0);

    await user.click(within(notice()).getByRole('button', { name: 'Undo removing the action “Buy reading scheme”' }));
    expect(await screen.findByText('Action “Buy reading scheme” is back in the plan.')).toBeTruthy();
    expect(await db.actions.get(created.id)).toEqual(before);
    expect(await screen.findByRole('rowheader', { name: 'Buy reading scheme' })).toBeTruthy();
  });
});
