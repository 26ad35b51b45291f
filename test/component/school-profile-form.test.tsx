import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { createSchool } from '../../renderer/db/school-store';
import { SchoolFormScreen } from '../../renderer/school/profile/SchoolFormScreen';
import { freshDatabase, renderWithServices, SAMPLE_SCHOOL } from './render-app';

describe('the school form asks for the profile that decides which criteria apply, in 2015 terms', () => {
  it('sets up a secondary school with a sixth form, its year groups, EHC plans and yes-or-no answers', async () => {
    const user = userEvent.setup();
    const db = freshDatabase();
    await renderWithServices(<SchoolFormScreen />, { db });
    await screen.findByRole('heading', { level: 1, name: 'Set up a new school' });
    expect(document.body.textContent).not.toMatch(/School Action|statement/i);

    await user.type(screen.getByLabelText('School name'), 'Harbour Academy');
    await user.type(screen.getByLabelText('Unique reference number (URN)'), '654321');
    await user.selectOptions(screen.getByLabelText('Region'), 'North East');
    await user.selectOptions(screen.getByLabelText('Local authority'), 'Gateshead');
    await user.click(screen.getByLabelText('Secondary (Years 7 to 11)'));
    await user.click(screen.getByLabelText('Post-16 (sixth form)'));
    await user.click(screen.getByLabelText('Mainstream school'));
    await user.selectOptions(screen.getByLabelText('Lowest year group on roll'), 'Year 7');
    await user.selectOptions(screen.getByLabelText('Highest year group on roll'), 'Year 13');
    await user.type(screen.getByLabelText('Head teacher'), 'A. Head');
    await user.type(screen.getByLabelText('SENCO'), 'B. Senco');
    await user.type(screen.getByLabelText('Pupils on roll'), '1,650');
    await user.type(screen.getByLabelText('Pupils on SEN support'), '150');
    await user.type(screen.getByLabelText('Pupils with an EHC plan'), '30');
    const [resourcedYes] = screen.getAllByLabelText('Yes');
    const [, lookedAfterNo] = screen.getAllByLabelText('No');
    await user.click(resourcedYes!);
    await user.click(lookedAfterNo!);
    await user.click(screen.getByRole('button', { name: 'Set up school' }));

    await expect.poll(async () => (await db.schools.toArray()).length).toBe(1);
    const [school] = await db.schools.toArray();
    expect(school).toMatchObject({
      name: 'Harbour Academy',
      phases: ['secondary', 'post-16'],
      setting: 'mainstream',
      lowestYear: 7,
      highestYear: 13,
      pupilsOnRoll: 1650,
      pupilsOnSenSupport: 150,
      pupilsWithEhcPlan: 30,
      resourcedProvision: true,
      lookedAfterOnRoll: false,
    });
  });

  it('says what is missing when the profile is left empty, and saves nothing', async () => {
    const user = userEvent.setup();
    const db = freshDatabase();
    await renderWithServices(<SchoolFormScreen />, { db });
    await screen.findByRole('heading', { level: 1, name: 'Set up a new school' });
    await user.click(screen.getByRole('button', { name: 'Set up school' }));
    for (const message of [
      'Choose the phases the school teaches: one or more of early years, primary, secondary and post-16',
      'Choose the kind of setting: mainstream school, special school or alternative provision',
      'Choose the lowest year group on roll',
      'Choose the highest year group on roll',
      'Say whether the school has resourced provision or an SEN unit',
      'Say whether any looked-after children are on roll',
    ])
      expect((await screen.findAllByText(message)).length, message).toBeGreaterThan(0);
    expect(await db.schools.count()).toBe(0);
  });

  it('refuses a count with a comma in the wrong place, says where commas go, and saves nothing', async () => {
    const user = userEvent.setup();
    const db = freshDatabase();
    const school = await createSchool(db, SAMPLE_SCHOOL);
    await renderWithServices(<SchoolFormScreen schoolId={school.id} />, { db });
    const roll = (await screen.findByLabelText('Pupils on roll')) as HTMLInputElement;
    await expect.poll(() => roll.value).toBe(String(SAMPLE_SCHOOL.pupilsOnRoll));
    await user.clear(roll);
    await user.type(roll, '1,65');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    const message =
      'The number of pupils on roll has a comma in the wrong place: use commas only between groups of three digits, for example 1,650, or leave them out';
    expect((await screen.findAllByText(message)).length).toBeGreaterThan(0);
    expect((await db.schools.get(school.id))?.pupilsOnRoll).toBe(SAMPLE_SCHOOL.pupilsOnRoll);
  });

  it('shows a stored profile and saves a change to it: one phase left of two', async () => {
    const user = userEvent.setup();
    const db = freshDatabase();
    const school = await createSchool(db, { ...SAMPLE_SCHOOL, phases: ['early-years', 'primary'] });
    await renderWithServices(<SchoolFormScreen schoolId={school.id} />, { db });
    const earlyYears = (await screen.findByLabelText('Early years (nursery or Reception)')) as HTMLInputElement;
    await expect.poll(() => earlyYears.checked).toBe(true);
    expect((screen.getByLabelText('Primary (Years 1 to 6)') as HTMLInputElement).checked).toBe(true);
    expect((screen.getByLabelText('Highest year group on roll') as HTMLSelectElement).value).toBe('6');
    await user.click(earlyYears);
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    await expect.poll(async () => (await db.schools.get(school.id))?.phases).toEqual(['primary']);
  });
});
