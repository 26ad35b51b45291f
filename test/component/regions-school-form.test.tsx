import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { href } from '../../renderer/app/hash-route';
import { createSchool } from '../../renderer/db/school-store';
import { SchoolFormScreen } from '../../renderer/school/profile/SchoolFormScreen';
import { freshDatabase, renderWithServices, SAMPLE_SCHOOL } from './render-app';

describe('a school stored with a local authority’s old name', () => {
  it('keeps the old name, says what replaced it, and saves without asking for a change', async () => {
    const user = userEvent.setup();
    const db = freshDatabase();
    const school = await createSchool(db, { ...SAMPLE_SCHOOL, regionId: 'south-west', localAuthority: 'Poole' });
    await renderWithServices(<SchoolFormScreen schoolId={school.id} />, { db });
    await screen.findByRole('heading', { level: 1, name: 'Edit school details' });

    const select = (await screen.findByLabelText('Local authority')) as HTMLSelectElement;
    await expect.poll(() => select.value).toBe('Poole');
    expect(
      screen.getByText('Poole is now part of Bournemouth, Christchurch and Poole (since 2019). You can choose it instead.'),
    ).toBeTruthy();
    expect([...select.options].map((o) => o.value).slice(0, 3)).toEqual(['', 'Poole', 'Bath and North East Somerset']);

    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    await expect.poll(() => window.location.hash).toBe(href.school(school.id));
    expect((await db.schools.get(school.id))?.localAuthority).toBe('Poole');
  });

  it('moves to the current name when the school chooses it, and the note goes', async () => {
    const user = userEvent.setup();
    const db = freshDatabase();
    const school = await createSchool(db, { ...SAMPLE_SCHOOL, regionId: 'north-east', localAuthority: 'Newcastle' });
    await renderWithServices(<SchoolFormScreen schoolId={school.id} />, { db });
    const select = (await screen.findByLabelText('Local authority')) as HTMLSelectElement;
    await expect.poll(() => select.value).toBe('Newcastle');
    expect(screen.getByText('Newcastle is now listed as Newcastle upon Tyne. You can choose it instead.')).toBeTruthy();

    await user.selectOptions(select, 'Newcastle upon Tyne');
    expect(screen.queryByText(/is now listed as/)).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    await expect.poll(async () => (await db.schools.get(school.id))?.localAuthority).toBe('Newcastle upon Tyne');
  });

  it('offers only current names to a new school', async () => {
    const user = userEvent.setup();
    await renderWithServices(<SchoolFormScreen />);
    await screen.findByRole('heading', { level: 1, name: 'Set up a new school' });
    await user.selectOptions(screen.getByLabelText('Region'), 'South West');
    const names = [...(screen.getByLabelText('Local authority') as HTMLSelectElement).options].map((o) => o.value);
    expect(names).toContain('Bournemouth, Christchurch and Poole');
    expect(names).not.toContain('Poole');
    expect(names).not.toContain('Bournemouth');
    expect(names).toHaveLength(16);
  });
});
