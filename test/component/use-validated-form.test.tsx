import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { FieldProblem } from '../../renderer/ui/ErrorSummary';
import { FormField } from '../../renderer/ui/FormField';
import { FormProblems, SavedAnnouncement } from '../../renderer/ui/FormMessages';
import { useValidatedForm } from '../../renderer/ui/use-validated-form';

/** A small form of the kind the app's forms are: what was typed, a validator, and a save. */
interface Typed {
  name: string;
  pupils: string;
}
interface Checked {
  name: string;
  pupils: number;
}
type Field = keyof Checked;

function problemsOf(checked: Checked): Partial<Record<Field, string>> {
  const errors: Partial<Record<Field, string>> = {};
  if (checked.name === '') errors.name = 'Enter the group’s name';
  if (!Number.isInteger(checked.pupils)) errors.pupils = 'Enter the number of pupils as a whole number, for example 12';
  return errors;
}

function GroupForm({ save, blockers = [] }: { save: (checked: Checked) => Promise<string>; blockers?: readonly FieldProblem[] }) {
  const validated = useValidatedForm({
    defaultValues: { name: '', pupils: '' },
    fields: ['name', 'pupils'] as const,
    linkTarget: (field) => `group-${field}`,
    prepare: (values: Typed): Checked => ({
      name: values.name.trim(),
      pupils: /^\d+$/.test(values.pupils.trim()) ? Number(values.pupils) : Number.NaN,
    }),
    validate: problemsOf,
    blockers,
    whatIsSaved: 'the group',
    onValid: save,
  });
  const { register } = validated.form;
  return (
    <form onSubmit={(event) => void validated.onSubmit(event)} noValidate>
      <FormProblems of={validated} />
      <FormField id="group-name" label="Group name" error={validated.errors.name}>
        {(control) => <input {...control} type="text" {...register('name')} />}
      </FormField>
      <FormField id="group-pupils" label="Pupils" error={validated.errors.pupils}>
        {(control) => <input {...control} type="text" {...register('pupils')} />}
      </FormField>
      <button type="submit" disabled={validated.busy}>
        Save the group
      </button>
      <SavedAnnouncement text={validated.saved} />
    </form>
  );
}

function recordingSave(result: (checked: Checked) => Promise<string> = async (c) => `Saved ${c.name}.`) {
  const calls: Checked[] = [];
  return {
    calls,
    save: (checked: Checked) => {
      calls.push(checked);
      return result(checked);
    },
  };
}

const submit = () => screen.getByRole('button', { name: 'Save the group' });

describe('useValidatedForm', () => {
  it('on a failed submit lists every problem in field order, focuses the summary, marks the fields, and saves nothing', async () => {
    const user = userEvent.setup();
    const { calls, save } = recordingSave();
    render(<GroupForm save={save} />);
    expect(screen.queryByRole('alert')).toBeNull();

    await user.type(screen.getByLabelText('Pupils'), 'twelve');
    await user.click(submit());

    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('heading', { name: 'There is a problem' })).toBeTruthy();
    expect(
      within(summary)
        .getAllByRole('link')
        .map((link) => [link.textContent, link.getAttribute('href')]),
    ).toEqual([
      ['Enter the group’s name', '#group-name'],
      ['Enter the number of pupils as a whole number, for example 12', '#group-pupils'],
    ]);
    expect(document.activeElement).toBe(summary);
    const name = screen.getByLabelText('Group name');
    expect(name.getAttribute('aria-invalid')).toBe('true');
    expect(name.getAttribute('aria-describedby')).toBe('group-name-error');
    expect(document.getElementById('group-name-error')?.textContent).toBe('Error: Enter the group’s name');
    expect(calls).toEqual([]);
  });

  it('moves focus to the field when its link in the summary is followed', async () => {
    const user = userEvent.setup();
    render(<GroupForm save={recordingSave().save} />);
    await user.click(submit());
    const summary = await screen.findByRole('alert');
    await user.click(within(summary).getByRole('link', { name: /number of pupils/ }));
    expect(document.activeElement).toBe(screen.getByLabelText('Pupils'));
  });

  it('focuses the summary again on the next failed submit, even when the same problems remain', async () => {
    const user = userEvent.setup();
    render(<GroupForm save={recordingSave().save} />);
    await user.click(submit());
    const summary = await screen.findByRole('alert');
    await user.click(screen.getByLabelText('Group name'));
    expect(document.activeElement).not.toBe(summary);
    await user.click(submit());
    expect(document.activeElement).toBe(screen.getByRole('alert'));
  });

  it('clears the errors once they are fixed, saves the prepared values and announces the result', async () => {
    const user = userEvent.setup();
    const { calls, save } = recordingSave();
    render(<GroupForm save={save} />);
    await user.click(submit());
    await screen.findByRole('alert');

    await user.type(screen.getByLabelText('Group name'), '  Year 4 readers ');
    await user.type(screen.getByLabelText('Pupils'), '12');
    await user.click(submit());

    expect(await screen.findByText('Saved Year 4 readers.')).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe('Saved Year 4 readers.');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByLabelText('Group name').getAttribute('aria-invalid')).toBeNull();
    expect(document.getElementById('group-pupils-error')).toBeNull();
    expect(calls).toEqual([{ name: 'Year 4 readers', pupils: 12 }]);
  });

  it('says in words when saving fails, keeps what was typed, and does not throw', async () => {
    const user = userEvent.setup();
    const quotaFull = new Error('quota');
    quotaFull.name = 'QuotaExceededError';
    const { calls, save } = recordingSave(() => Promise.reject(quotaFull));
    render(<GroupForm save={save} />);
    await user.type(screen.getByLabelText('Group name'), 'Year 4 readers');
    await user.type(screen.getByLabelText('Pupils'), '12');
    await user.click(submit());

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe(
      'There is not enough storage space on this computer to save the group. Nothing was changed. Free some space (or remove large evidence files you no longer need) and try again.',
    );
    expect((screen.getByLabelText('Group name') as HTMLInputElement).value).toBe('Year 4 readers');
    expect(screen.getByRole('status').textContent).toBe('');
    expect((submit() as HTMLButtonElement).disabled).toBe(false);
    expect(calls).toHaveLength(1);
  });

  it('shows problems found elsewhere only after a submit, before the fields’ own, and they stop the save', async () => {
    const user = userEvent.setup();
    const { calls, save } = recordingSave();
    const blockers = [{ fieldId: 'evidence-1', message: 'Confirm that the class list has been redacted' }];
    render(<GroupForm save={save} blockers={blockers} />);
    expect(screen.queryByRole('alert')).toBeNull();

    await user.type(screen.getByLabelText('Pupils'), '12');
    await user.click(submit());
    const summary = await screen.findByRole('alert');
    expect(
      within(summary)
        .getAllByRole('link')
        .map((link) => link.textContent),
    ).toEqual(['Confirm that the class list has been redacted', 'Enter the group’s name']);

    await user.type(screen.getByLabelText('Group name'), 'Year 4 readers');
    await user.click(submit());
    expect(
      within(screen.getByRole('alert'))
        .getAllByRole('link')
        .map((link) => link.textContent),
    ).toEqual(['Confirm that the class list has been redacted']);
    expect(calls).toEqual([]);
  });
});
