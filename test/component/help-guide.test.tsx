import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { createSchool } from '../../renderer/db/school-store';
import { HelpScreen } from '../../renderer/help/HelpScreen';
import { HomeScreen } from '../../renderer/home/HomeScreen';
import { GUIDE_PREFERENCE_KEY } from '../../shared/help/getting-started';
import { freshDatabase, renderWithServices, SAMPLE_SCHOOL } from './render-app';

/** The diagram's stages as the brief names them, written out here so a dropped stage fails. */
const ROUND = ['Evaluate', 'Evidence', 'Approve', 'Export', 'Send', 'Moderator reviews', 'Signed report back', 'Actions'];

describe('the getting-started guide', () => {
  it('is on the home screen on first run; hiding it keeps it hidden; Help brings it back', async () => {
    const user = userEvent.setup();
    const db = freshDatabase();
    await renderWithServices(<HomeScreen />, { db });

    const guide = await screen.findByTestId('getting-started');
    expect(within(guide).getByRole('heading', { level: 2, name: 'Getting started' })).toBeTruthy();
    const steps = within(within(guide).getAllByRole('list')[0]!).getAllByRole('listitem');
    expect(steps).toHaveLength(8);
    expect(steps[0]?.textContent).toMatch(/^Set up your school and its profile\./);
    expect(steps[7]?.textContent).toMatch(/^Import the report that comes back\./);
    expect(within(guide).getByText(/^Moderators: set up a moderator workspace/)).toBeTruthy();

    await user.click(within(guide).getByRole('button', { name: 'Hide this guide' }));
    expect(screen.queryByTestId('getting-started')).toBeNull();
    const hidden = screen.getByTestId('guide-hidden');
    expect(hidden.getAttribute('role')).toBe('status');
    const helpLink = within(hidden).getByRole('link', { name: 'Help' });
    expect(document.activeElement).toBe(helpLink);
    expect(window.localStorage.getItem(GUIDE_PREFERENCE_KEY)).toBe('dismissed');

    // Coming back to the home screen later: still hidden.
    cleanup();
    await renderWithServices(<HomeScreen />, { db });
    await screen.findByText('No school has been set up yet. Start by setting up your school.');
    expect(screen.queryByTestId('getting-started')).toBeNull();

    // Help always has the guide, and a button to put it back on the home screen.
    cleanup();
    await renderWithServices(<HelpScreen />, { db });
    const inHelp = await screen.findByTestId('help-getting-started', {}, { timeout: 10_000 });
    expect(within(within(inHelp).getAllByRole('list')[0]!).getAllByRole('listitem')).toHaveLength(8);
    await user.click(within(inHelp).getByRole('button', { name: 'Show this guide on the home screen again' }));
    const requested = screen.getByTestId('guide-requested');
    expect(document.activeElement).toBe(within(requested).getByRole('link', { name: 'home screen' }));
    expect(screen.queryByRole('button', { name: 'Show this guide on the home screen again' })).toBeNull();

    cleanup();
    await renderWithServices(<HomeScreen />, { db });
    expect(await screen.findByTestId('getting-started')).toBeTruthy();
  });

  it('is not on the home screen once a school is set up, unless asked for from Help', async () => {
    const user = userEvent.setup();
    const db = freshDatabase();
    await createSchool(db, SAMPLE_SCHOOL);
    await renderWithServices(<HomeScreen />, { db });
    await screen.findByRole('link', { name: SAMPLE_SCHOOL.name });
    expect(screen.queryByTestId('getting-started')).toBeNull();

    cleanup();
    await renderWithServices(<HelpScreen />, { db });
    await user.click(await screen.findByRole('button', { name: 'Show this guide on the home screen again' }, { timeout: 10_000 }));

    cleanup();
    await renderWithServices(<HomeScreen />, { db });
    await screen.findByRole('link', { name: SAMPLE_SCHOOL.name });
    expect(screen.getByTestId('getting-started')).toBeTruthy();
  });
});

describe('the round of accreditation on the Help screen', () => {
  it('is a picture hidden from screen readers beside an ordered list of every stage', async () => {
    await renderWithServices(<HelpScreen />);
    const section = await screen.findByTestId('round-diagram', {}, { timeout: 10_000 });
    expect(within(section).getByRole('heading', { level: 2, name: 'The round of accreditation' })).toBeTruthy();

    const picture = within(section).getByTestId('round-diagram-picture');
    expect(picture.tagName.toLowerCase()).toBe('svg');
    expect(picture.getAttribute('aria-hidden')).toBe('true');
    // The picture draws every stage, numbered in order.
    const boxLabels = [...picture.querySelectorAll('.round-diagram__label')].map((t) => t.textContent);
    expect(boxLabels).toEqual(ROUND.map((label, i) => `${i + 1}. ${label}`));
    expect(picture.textContent).toContain('desk review, then visit');

    // The text equivalent: an ordered list with the same stages, each in a sentence.
    const list = within(section).getByRole('list', { name: 'The round, stage by stage' });
    expect(list.tagName.toLowerCase()).toBe('ol');
    const items = within(list).getAllByRole('listitem');
    expect(items.map((li) => li.querySelector('strong')?.textContent?.replace(/( \(.*\))?:$/, ''))).toEqual(ROUND);
    expect(items[5]?.textContent).toMatch(/reviews the evaluation at their desk, then on a visit to the school/);
    for (const item of items) expect((item.textContent ?? '').length).toBeGreaterThan(30);
  });

  it('is drawn in the theme’s colours, not fixed ones, so the high-contrast theme applies', async () => {
    await renderWithServices(<HelpScreen />);
    const picture = await screen.findByTestId('round-diagram-picture', {}, { timeout: 10_000 });
    for (const element of picture.querySelectorAll('*')) {
      for (const attribute of ['fill', 'stroke', 'color']) {
        const value = element.getAttribute(attribute);
        if (value !== null) expect(value).toBe('currentColor');
      }
    }
    expect(picture.getAttribute('viewBox')).toBeTruthy();
    expect(picture.getAttribute('width')).toBeNull();
  });
});
