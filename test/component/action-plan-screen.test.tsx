import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { createAction, type ActionDetails } from '../../renderer/db/action-store';
import type { AppDatabase } from '../../renderer/db/app-database';
import { ActionPlanScreen } from '../../renderer/school/actions/ActionPlanScreen';
import { freshDatabase, renderWithServices, seedSchoolAndEvaluation } from './render-app';

function action(overrides: Partial<ActionDetails>): ActionDetails {
  return { criterionIds: ['NE-1.1.1'], what: 'Something', who: '', byWhen: '', successCriteria: '', status: 'not-started', ...overrides };
}

/** Adds actions one after another, each created a minute after the last, so their order is known. */
async function addActions(db: AppDatabase, evaluationId: string, list: Partial<ActionDetails>[]) {
  for (const [index, overrides] of list.entries()) {
    const created = await createAction(db, evaluationId, action(overrides));
    await db.actions.update(created.id, { createdAt: new Date(Date.UTC(2026, 0, 1, 9, index)).toISOString() });
  }
}

async function openActionPlan(prepare?: (db: AppDatabase, evaluationId: string) => Promise<void>) {
  const db = freshDatabase();
  const seeded = await seedSchoolAndEvaluation(db, 'north-east');
  await prepare?.(db, seeded.evaluation.id);
  const user = userEvent.setup();
  await renderWithServices(<ActionPlanScreen evaluationId={seeded.evaluation.id} />, { db });
  await screen.findByRole('heading', { level: 1, name: 'Action plan' });
  return { ...seeded, db, user };
}

/** The "What" of each body row, top to bottom. */
function rowOrder(): string[] {
  const table = screen.getByRole('table');
  return within(table)
    .getAllByRole('rowheader')
    .map((cell) => cell.textContent ?? '');
}

function addForm(): HTMLElement {
  return screen.getByRole('form', { name: 'Add an action' });
}

describe('ActionPlanScreen', () => {
  it('is the evaluation’s action plan page, with one h1 and the section links', async () => {
    await openActionPlan();
    expect(screen.getAllByRole('heading', { level: 1 })).toHaveLength(1);
    const sections = screen.getByRole('navigation', { name: 'Evaluation' });
    expect(within(sections).getByRole('link', { name: 'Action plan' }).getAttribute('aria-current')).toBe('page');
    expect(await screen.findByText(/No actions yet/)).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('creates an action from the form', async () => {
    const { db, user, evaluation } = await openActionPlan();
    const form = await screen.findByRole('form', { name: 'Add an action' });
    await user.click(within(form).getByText(/^NE-1 Leadership/));
    await user.click(within(form).getByLabelText(/^NE-1\.2\.1 /));
    await user.click(within(form).getByText(/^NE-2 /));
    await user.click(within(form).getByLabelText(/^NE-2\.1\.1 /));
    expect(within(form).getByText('Chosen: NE-1.2.1, NE-2.1.1')).toBeTruthy();
    await user.type(within(form).getByLabelText('What will be done'), 'Train teaching assistants in precision teaching');
    await user.type(within(form).getByLabelText('Who will do it'), 'SENCO');
    const byWhen = within(form).getByRole('group', { name: 'By when' });
    await user.type(within(byWhen).getByLabelText('Day'), '17');
    await user.type(within(byWhen).getByLabelText('Month'), '7');
    await user.type(within(byWhen).getByLabelText('Year'), '2026');
    await user.type(within(form).getByLabelText('Success criteria'), 'All TAs deliver daily sessions');
    await user.selectOptions(within(form).getByLabelText('Status'), 'in-progress');
    await user.click(within(form).getByRole('button', { name: 'Add the action' }));

    expect(await within(form).findByText('Action added to the plan.')).toBeTruthy();
    const stored = await db.actions.where('evaluationId').equals(evaluation.id).toArray();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      criterionIds: ['NE-1.2.1', 'NE-2.1.1'],
      what: 'Train teaching assistants in precision teaching',
      who: 'SENCO',
      byWhen: '2026-07-17',
      successCriteria: 'All TAs deliver daily sessions',
      status: 'in-progress',
    });

    const row = (await screen.findByRole('rowheader', { name: 'Train teaching assistants in precision teaching' })).closest('tr')!;
    expect(within(row).getByRole('link', { name: 'NE-2.1.1' }).getAttribute('href')).toBe(
      `#/evaluations/${evaluation.id}/criteria/NE-2.1.1`,
    );
    expect(within(row).getByText('17 July 2026')).toBeTruthy();
    expect(within(row).getByText('SENCO')).toBeTruthy();
    // The form is empty again for the next action.
    expect((within(form).getByLabelText('What will be done') as HTMLTextAreaElement).value).toBe('');
    expect(within(form).getByText('None chosen yet.')).toBeTruthy();
  });

  it('shows what is missing in the error summary and beside the fields, and saves nothing', async () => {
    const { db, user } = await openActionPlan();
    const form = await screen.findByRole('form', { name: 'Add an action' });
    await user.type(within(form).getByLabelText('Who will do it'), 'Head teacher');
    await user.click(within(form).getByRole('button', { name: 'Add the action' }));

    const summary = await within(form).findByRole('alert');
    expect(within(summary).getByRole('heading', { name: 'There is a problem' })).toBeTruthy();
    const links = within(summary).getAllByRole('link');
    expect(links.map((l) => l.textContent)).toEqual(['Link the action to at least one criterion', 'Say what will be done']);
    expect(document.activeElement).toBe(summary);

    const what = within(form).getByLabelText('What will be done');
    expect(what.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(what.getAttribute('aria-describedby') ?? '')?.textContent).toBe('Error: Say what will be done');

    await user.click(within(summary).getByRole('link', { name: 'Say what will be done' }));
    expect(document.activeElement).toBe(what);
    expect(await db.actions.count()).toBe(0);
  });

  it('sorts by “By when”, toggling aria-sort and the order of the rows', async () => {
    const { user } = await openActionPlan(async (db, evaluationId) => {
      await addActions(db, evaluationId, [
        { what: 'Review the SEN policy', byWhen: '2026-09-30' },
        { what: 'Survey parents', byWhen: '' },
        { what: 'Update the provision map', byWhen: '2026-03-01' },
      ]);
    });
    await screen.findByRole('table');
    const header = screen.getByRole('columnheader', { name: 'By when' });
    expect(header.getAttribute('aria-sort')).toBe('none');
    expect(rowOrder()).toEqual(['Review the SEN policy', 'Survey parents', 'Update the provision map']);

    await user.click(within(header).getByRole('button', { name: 'By when' }));
    expect(header.getAttribute('aria-sort')).toBe('ascending');
    expect(rowOrder()).toEqual(['Update the provision map', 'Review the SEN policy', 'Survey parents']);

    await user.click(within(header).getByRole('button', { name: 'By when' }));
    expect(header.getAttribute('aria-sort')).toBe('descending');
    // An action with no date stays last whichever way.
    expect(rowOrder()).toEqual(['Review the SEN policy', 'Update the provision map', 'Survey parents']);

    await user.click(screen.getByRole('button', { name: 'What' }));
    expect(header.getAttribute('aria-sort')).toBe('none');
    expect(screen.getByRole('columnheader', { name: 'What' }).getAttribute('aria-sort')).toBe('ascending');
    expect(rowOrder()).toEqual(['Review the SEN policy', 'Survey parents', 'Update the provision map']);
  });

  it('sorts by criteria in the framework’s order', async () => {
    const { user } = await openActionPlan(async (db, evaluationId) => {
      await addActions(db, evaluationId, [
        { what: 'Later strand', criterionIds: ['NE-3.1.1'] },
        { what: 'First strand', criterionIds: ['NE-1.2.1'] },
      ]);
    });
    await screen.findByRole('table');
    await user.click(screen.getByRole('button', { name: 'Criteria' }));
    expect(screen.getByRole('columnheader', { name: 'Criteria' }).getAttribute('aria-sort')).toBe('ascending');
    expect(rowOrder()).toEqual(['First strand', 'Later strand']);
  });

  it('changes an action’s status from its row', async () => {
    const { db, user } = await openActionPlan(async (database, evaluationId) => {
      await createAction(database, evaluationId, action({ what: 'Audit staff training' }));
    });
    const status = await screen.findByRole('combobox', { name: 'Status of “Audit staff training”' });
    await user.selectOptions(status, 'done');

    expect(await screen.findByText('“Audit staff training” is now done.')).toBeTruthy();
    const [stored] = await db.actions.toArray();
    expect(stored?.status).toBe('done');
    expect((status as HTMLSelectElement).value).toBe('done');
  });

  it('edits an action in the same form, pre-filled', async () => {
    const { db, user } = await openActionPlan(async (database, evaluationId) => {
      await createAction(
        database,
        evaluationId,
        action({ what: 'Audit staff training', who: 'SENCO', criterionIds: ['NE-2.1.1'], byWhen: '2026-05-01' }),
      );
    });
    await user.click(await screen.findByRole('button', { name: 'Edit “Audit staff training”' }));

    const form = screen.getByRole('form', { name: 'Edit the action' });
    expect(document.activeElement).toBe(screen.getByRole('heading', { level: 2, name: 'Edit the action' }));
    const what = within(form).getByLabelText('What will be done') as HTMLTextAreaElement;
    expect(what.value).toBe('Audit staff training');
    const byWhen = within(form).getByRole('group', { name: 'By when' });
    expect(['Day', 'Month', 'Year'].map((part) => (within(byWhen).getByLabelText(part) as HTMLInputElement).value)).toEqual([
      '01',
      '05',
      '2026',
    ]);
    expect((within(form).getByLabelText(/^NE-2\.1\.1 /) as HTMLInputElement).checked).toBe(true);

    await user.clear(what);
    await user.type(what, 'Audit staff training needs in SEN');
    await user.click(within(form).getByLabelText(/^NE-1\.1\.1 /));
    await user.click(within(form).getByRole('button', { name: 'Save changes' }));

    expect(await screen.findByText('Action saved.')).toBeTruthy();
    const [stored] = await db.actions.toArray();
    expect(stored).toMatchObject({ what: 'Audit staff training needs in SEN', who: 'SENCO', criterionIds: ['NE-1.1.1', 'NE-2.1.1'] });
    expect(addForm()).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Edit “Audit staff training needs in SEN”' }));
  });

  it('deletes an action only after it is confirmed', async () => {
    const { db, user } = await openActionPlan(async (database, evaluationId) => {
      await addActions(database, evaluationId, [{ what: 'Buy reading scheme' }, { what: 'Hold parents’ forum' }]);
    });
    await user.click(await screen.findByRole('button', { name: 'Delete “Buy reading scheme”' }));
    expect(screen.getByText('Delete this action? You can undo it straight after.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Cancel deleting “Buy reading scheme”' }));
    expect(await db.actions.count()).toBe(2);
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Delete “Buy reading scheme”' }));

    await user.click(screen.getByRole('button', { name: 'Delete “Buy reading scheme”' }));
    await user.click(screen.getByRole('button', { name: 'Yes, delete “Buy reading scheme”' }));

    expect(await screen.findByText('Action “Buy reading scheme” removed from the plan.')).toBeTruthy();
    await waitFor(() => expect(rowOrder()).toEqual(['Hold parents’ forum']));
    const left = await db.actions.toArray();
    expect(left.map((a) => a.what)).toEqual(['Hold parents’ forum']);
  });
});
