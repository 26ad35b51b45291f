import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { HomeScreen } from '../../renderer/home/HomeScreen';
import { ModeratorWorkspaceFormScreen } from '../../renderer/moderation/workspace/ModeratorWorkspaceFormScreen';
import { seedWorkspace } from './moderator-fixtures';
import { freshDatabase, renderWithServices } from './render-app';

describe('setting up a moderator workspace', () => {
  it('lists every problem in one error summary that links to its field, and saves nothing', async () => {
    const user = userEvent.setup();
    const { db } = await renderWithServices(<ModeratorWorkspaceFormScreen />);
    await screen.findByRole('heading', { level: 1, name: 'Set up a moderator workspace' });
    await user.click(screen.getByRole('button', { name: 'Set up moderator workspace' }));

    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('heading', { name: 'There is a problem' })).toBeTruthy();
    expect(
      within(summary)
        .getAllByRole('link')
        .map((a) => a.textContent),
    ).toEqual([
      'Enter your name',
      'Choose the region you moderate',
      'Enter the name of your organisation, for example your regional SEN partnership',
    ]);
    expect(document.activeElement).toBe(summary);
    expect(screen.getByLabelText('Your name').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByLabelText('Region you moderate').getAttribute('aria-invalid')).toBe('true');
    // The link takes the keyboard to the field.
    await user.click(within(summary).getByRole('link', { name: 'Enter your name' }));
    expect(document.activeElement).toBe(screen.getByLabelText('Your name'));
    expect(await db.moderatorWorkspaces.count()).toBe(0);
  });

  it('offers the region’s partnership as the organisation, stores the workspace and opens it', async () => {
    const user = userEvent.setup();
    const { db } = await renderWithServices(<ModeratorWorkspaceFormScreen />);
    await screen.findByRole('heading', { level: 1, name: 'Set up a moderator workspace' });
    await user.type(screen.getByLabelText('Your name'), '  Jo Bloggs ');
    await user.selectOptions(screen.getByLabelText('Region you moderate'), 'South West');
    expect((screen.getByLabelText('Organisation') as HTMLInputElement).value).toBe('South West SEN Regional Partnership');
    await user.click(screen.getByRole('button', { name: 'Set up moderator workspace' }));

    await expect.poll(() => db.moderatorWorkspaces.count()).toBe(1);
    const [workspace] = await db.moderatorWorkspaces.toArray();
    expect(workspace).toMatchObject({
      moderatorName: 'Jo Bloggs',
      organisation: 'South West SEN Regional Partnership',
      regionId: 'south-west',
    });
    expect(window.location.hash).toBe(`#/moderation/${workspace?.id}`);
    // No key yet: it is made when the moderator first signs a report.
    expect(await db.signingKeys.count()).toBe(0);
  });

  it('edits the details of an existing workspace', async () => {
    const user = userEvent.setup();
    const db = freshDatabase();
    const workspace = await seedWorkspace(db);
    await renderWithServices(<ModeratorWorkspaceFormScreen workspaceId={workspace.id} />, { db });
    await screen.findByRole('heading', { level: 1, name: 'Moderator workspace details' });
    expect((screen.getByLabelText('Your name') as HTMLInputElement).value).toBe('Jo Bloggs');
    await user.clear(screen.getByLabelText('Organisation'));
    await user.type(screen.getByLabelText('Organisation'), 'Gateshead SEN Team');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    await expect.poll(async () => (await db.moderatorWorkspaces.get(workspace.id))?.organisation).toBe('Gateshead SEN Team');
    expect(screen.getByRole('navigation', { name: 'Moderator workspace' })).toBeTruthy();
  });

  it('lists moderator workspaces on the home screen beside the schools', async () => {
    const db = freshDatabase();
    await seedWorkspace(db);
    await renderWithServices(<HomeScreen />, { db });
    const list = await screen.findByRole('list', { name: 'Moderator workspaces' });
    expect(within(list).getByRole('link', { name: 'Jo Bloggs, North East SEN Regional Partnership' })).toBeTruthy();
    expect(within(list).getByText('North East · 0 submissions')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Set up a moderator workspace' }).getAttribute('href')).toBe('#/moderation/new');
    expect(screen.getByRole('heading', { level: 1, name: 'Your schools' })).toBeTruthy();
  });
});
