import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { emptyResponse, responseKey, type CriterionResponse } from '../../shared/evaluation/evaluation-records';
import { CriterionScreen } from '../../renderer/school/evaluation/CriterionScreen';
import { addEvidenceFile } from '../../renderer/db/evidence-store';
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
    await screen.findByText(/Action added to the action plan/, {}, { timeout: 5000 });
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
    await user.upload(await screen.findByLabelText('Add a new file and link it', {}, { timeout: 10_000 }), file);
    expect(await screen.findByRole('button', { name: 'Unlink sen policy' }, { timeout: 10_000 })).toBeTruthy();
    expect(await db.evidenceLinks.where('evaluationId').equals(evaluation.id).count()).toBe(1);
    await user.click(screen.getByRole('button', { name: 'Unlink sen policy' }));
    await waitFor(async () => expect(await db.evidenceLinks.count()).toBe(0));
    // The evidence stays in the library.
    expect(await db.evidence.count()).toBe(1);
  });

  it('links the item the library already has when the same file is added again from a criterion, without a second item', async () => {
    const db = freshDatabase();
    const { evaluation, framework, school } = await seedSchoolAndEvaluation(db);
    const criterion = framework.criteria[0]!;
    await addEvidenceRecordWithFile(db, school.id);
    const user = userEvent.setup();
    await renderWithServices(<CriterionScreen evaluationId={evaluation.id} criterionId={criterion.id} />, { db });
    const again = new File(['SEN policy text'], 'policy-again.txt', { type: 'text/plain' });
    await user.upload(await screen.findByLabelText('Add a new file and link it'), again);

    expect(
      await screen.findByText('“policy-again.txt” is already in your library as “SEN policy 2025”, so that was linked instead.'),
    ).toBeTruthy();
    expect(await screen.findByRole('button', { name: 'Unlink SEN policy 2025' })).toBeTruthy();
    expect(await db.evidence.count()).toBe(1);
    expect((await db.evidenceLinks.toArray()).map((l) => l.criterionId)).toEqual([criterion.id]);
  });
});

describe('criterion form with the same criterion open in another window', () => {
  async function openCriterion(index: number) {
    const db = freshDatabase();
    const { evaluation, framework } = await seedSchoolAndEvaluation(db);
    const criterion = framework.criteria[index]!;
    const key = responseKey(evaluation.id, criterion.id);
    await renderWithServices(<CriterionScreen evaluationId={evaluation.id} criterionId={criterion.id} />, { db });
    await screen.findByRole('group', { name: 'Judgement' });
    /** What another window's save does: the whole record, with a later time. */
    const saveFromOtherWindow = async (fields: Partial<Pick<CriterionResponse, 'judgement' | 'narrative' | 'nextSteps'>>) => {
      const existing = (await db.responses.get(key)) ?? emptyResponse(evaluation.id, criterion.id);
      await db.responses.put({ ...existing, ...fields, updatedAt: new Date(Date.now() + 1000).toISOString() });
    };
    return { db, key, saveFromOtherWindow };
  }

  it('keeps the other window’s judgement when this one saves its narrative', async () => {
    const { db, key, saveFromOtherWindow } = await openCriterion(0);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Narrative'), 'Typed here');
    await saveFromOtherWindow({ judgement: 'established' });
    await waitFor(async () => expect((await db.responses.get(key))?.narrative).toBe('Typed here'), { timeout: 3000 });
    expect((await db.responses.get(key))?.judgement).toBe('established');
    // The form takes the other window's judgement, and says so politely.
    await waitFor(() => expect((screen.getByLabelText('Established') as HTMLInputElement).checked).toBe(true));
    const note = await screen.findByText(/The judgement was changed in another window/);
    expect(note.closest('[aria-live="polite"]')).not.toBeNull();
  });

  it('shows a change made in another window while nothing is being typed here, and saves nothing back', async () => {
    const { db, key, saveFromOtherWindow } = await openCriterion(1);
    await saveFromOtherWindow({ nextSteps: 'Written in the other window' });
    expect(await screen.findByDisplayValue('Written in the other window')).toBeTruthy();
    const storedAt = (await db.responses.get(key))?.updatedAt;
    // Taking the other window's value is not an edit of this one: nothing is written back.
    // Longer than the autosave's longest wait (maxWaitMs), so a save back would have happened.
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect((await db.responses.get(key))?.updatedAt).toBe(storedAt);
    expect(screen.getByText('The next steps were changed in another window; this form now shows the new version.')).toBeTruthy();
  });

  it('shows a same-field conflict instead of overwriting, and keeps mine when asked', async () => {
    const { db, key, saveFromOtherWindow } = await openCriterion(2);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Narrative'), 'Mine');
    await saveFromOtherWindow({ narrative: 'Theirs' });
    const conflict = await screen.findByRole('region', { name: 'The narrative was also changed in another window' }, { timeout: 3000 });
    expect(within(conflict).getByText('Theirs')).toBeTruthy();
    expect((await db.responses.get(key))?.narrative).toBe('Theirs');
    expect((screen.getByLabelText('Narrative') as HTMLTextAreaElement).value).toBe('Mine');
    expect(screen.getByText(/choose below which version to keep/)).toBeTruthy();

    await user.click(within(conflict).getByRole('button', { name: 'Keep my narrative' }));
    await waitFor(async () => expect((await db.responses.get(key))?.narrative).toBe('Mine'));
    expect(screen.queryByRole('region', { name: 'The narrative was also changed in another window' })).toBeNull();
  });

  it('takes the other window’s version of a conflicting field when asked, by keyboard', async () => {
    const { db, key, saveFromOtherWindow } = await openCriterion(3);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Next steps'), 'Mine');
    await saveFromOtherWindow({ nextSteps: 'Theirs', judgement: 'developing' });
    const conflict = await screen.findByRole('region', { name: 'The next steps were also changed in another window' }, { timeout: 3000 });
    within(conflict).getByRole('button', { name: 'Use the other window’s next steps' }).focus();
    await user.keyboard('{Enter}');
    expect((screen.getByLabelText('Next steps') as HTMLTextAreaElement).value).toBe('Theirs');
    expect(screen.queryByRole('region', { name: /also changed in another window/ })).toBeNull();
    expect((await db.responses.get(key))?.nextSteps).toBe('Theirs');
    expect((screen.getByLabelText('Developing') as HTMLInputElement).checked).toBe(true);
  });
});

describe('criterion form after a page closed before its save finished', () => {
  const unsavedKeys = () => Object.keys(localStorage).filter((key) => key.startsWith('sen-unsaved:response:'));

  it('keeps a copy of unsaved typing until it is saved, then removes it', async () => {
    const db = freshDatabase();
    const { evaluation, framework } = await seedSchoolAndEvaluation(db);
    const criterion = framework.criteria[0]!;
    await renderWithServices(<CriterionScreen evaluationId={evaluation.id} criterionId={criterion.id} />, { db });
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Narrative'), 'abc');
    // Written as typed, before any save.
    const [key] = unsavedKeys();
    expect(key).toContain(responseKey(evaluation.id, criterion.id));
    expect(JSON.parse(localStorage.getItem(key!)!)).toMatchObject({ base: { narrative: '' }, mine: { narrative: 'abc' } });
    await waitFor(async () => expect((await db.responses.get(responseKey(evaluation.id, criterion.id)))?.narrative).toBe('abc'));
    await waitFor(() => expect(unsavedKeys()).toEqual([]));
  });

  it('saves what a closed page left unsaved when the criterion opens again', async () => {
    const db = freshDatabase();
    const { evaluation, framework } = await seedSchoolAndEvaluation(db);
    const criterion = framework.criteria[1]!;
    const key = responseKey(evaluation.id, criterion.id);
    const empty = { judgement: null, narrative: '', nextSteps: '' };
    localStorage.setItem(
      `sen-unsaved:response:${key}:closed-page`,
      JSON.stringify({ base: empty, mine: { ...empty, narrative: 'Typed just before closing' }, at: new Date().toISOString() }),
    );
    await renderWithServices(<CriterionScreen evaluationId={evaluation.id} criterionId={criterion.id} />, { db });
    expect(await screen.findByDisplayValue('Typed just before closing')).toBeTruthy();
    await waitFor(async () => expect((await db.responses.get(key))?.narrative).toBe('Typed just before closing'));
    expect(await screen.findByText(/Restored what you changed in the narrative just before a window closed/)).toBeTruthy();
    expect(unsavedKeys()).toEqual([]);
  });

  it('shows a clash between what a closed page left and what was saved since, without overwriting', async () => {
    const db = freshDatabase();
    const { evaluation, framework } = await seedSchoolAndEvaluation(db);
    const criterion = framework.criteria[2]!;
    const key = responseKey(evaluation.id, criterion.id);
    await db.responses.put({
      ...emptyResponse(evaluation.id, criterion.id),
      narrative: 'Saved elsewhere since',
      updatedAt: new Date().toISOString(),
    });
    const empty = { judgement: null, narrative: '', nextSteps: '' };
    localStorage.setItem(
      `sen-unsaved:response:${key}:closed-page`,
      JSON.stringify({ base: empty, mine: { ...empty, narrative: 'Left unsaved' }, at: new Date().toISOString() }),
    );
    await renderWithServices(<CriterionScreen evaluationId={evaluation.id} criterionId={criterion.id} />, { db });
    const conflict = await screen.findByRole('region', { name: 'The narrative was also changed in another window' });
    expect(within(conflict).getByText('Saved elsewhere since')).toBeTruthy();
    expect((screen.getByLabelText('Narrative', { exact: true }) as HTMLTextAreaElement).value).toBe('Left unsaved');
    expect((await db.responses.get(key))?.narrative).toBe('Saved elsewhere since');
    // The clash is now kept as this form's own unsaved copy, should this page close too.
    await waitFor(() => expect(unsavedKeys()).toHaveLength(1));
    expect(unsavedKeys()[0]).not.toBe(`sen-unsaved:response:${key}:closed-page`);
    expect(JSON.parse(localStorage.getItem(unsavedKeys()[0]!)!)).toMatchObject({
      base: { narrative: '' },
      mine: { narrative: 'Left unsaved' },
    });
  });
});

async function addEvidenceRecordWithFile(db: ReturnType<typeof freshDatabase>, schoolId: string): Promise<void> {
  const result = await addEvidenceFile(db, schoolId, new File(['SEN policy text'], 'sen-policy.txt', { type: 'text/plain' }), {
    title: 'SEN policy 2025',
  });
  if (!result.item) throw new Error('The first copy was not stored.');
}
