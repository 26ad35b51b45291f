import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../renderer/app/App';
import { errorDetail } from '../../renderer/ui/ScreenErrorBoundary';
import { freshDatabase, recordingPlatform, seedSchoolAndEvaluation } from './render-app';

// The help screen stands for any screen: it throws while rendering as long as `helpFails` says so.
const failure = vi.hoisted(() => ({ helpFails: false, renders: 0 }));
vi.mock('../../renderer/help/HelpScreen', () => ({
  HelpScreen: () => {
    failure.renders += 1;
    if (failure.helpFails) throw new Error('The help screen broke while rendering');
    return (
      <main>
        <h1>Help</h1>
      </main>
    );
  },
}));

async function go(hash: string) {
  await act(async () => {
    window.location.hash = hash;
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  });
}

beforeEach(() => {
  failure.helpFails = true;
  failure.renders = 0;
  // React reports every caught error on the console; the test expects them.
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
});

afterEach(() => {
  vi.restoreAllMocks();
});

async function renderAppAt(hash: string) {
  const db = freshDatabase();
  const seeded = await seedSchoolAndEvaluation(db, 'north-east');
  window.location.hash = hash;
  render(<App db={db} platform={recordingPlatform()} />);
  return { db, ...seeded };
}

describe('a screen that throws while rendering', () => {
  it('shows the app header and a way back, says nothing saved was lost, and keeps the data', async () => {
    const { db } = await renderAppAt('#/help');
    const before = { schools: await db.schools.toArray(), evaluations: await db.evaluations.toArray() };

    expect(await screen.findByRole('heading', { level: 1, name: 'This screen could not be shown' })).toBeTruthy();
    expect(screen.getByText(/Nothing you have saved has been lost/)).toBeTruthy();
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).getByRole('link', { name: 'Home' }).getAttribute('href')).toBe('#/');
    expect(screen.getByRole('link', { name: 'Go to your schools' }).getAttribute('href')).toBe('#/');
    expect(screen.getByRole('button', { name: 'Try again' })).toBeTruthy();
    expect(screen.getByLabelText('Details of the error').textContent).toContain('Error: The help screen broke while rendering');

    expect({ schools: await db.schools.toArray(), evaluations: await db.evaluations.toArray() }).toEqual(before);
    expect(before.schools).toHaveLength(1);
  });

  it('lets the header take the user elsewhere, and shows the screen afresh on coming back', async () => {
    const user = userEvent.setup();
    await renderAppAt('#/help');
    await screen.findByRole('heading', { level: 1, name: 'This screen could not be shown' });

    // The header's Settings link works: the settings screen shows in place of the error.
    await user.click(within(screen.getByRole('navigation', { name: 'Main' })).getByRole('link', { name: 'Settings' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Settings' })).toBeTruthy();
    expect(screen.queryByText('This screen could not be shown')).toBeNull();

    // Back to help, which now renders: the boundary was reset, not stuck on the old error.
    failure.helpFails = false;
    await go('#/help');
    expect(await screen.findByRole('heading', { level: 1, name: 'Help' })).toBeTruthy();
    expect(screen.queryByText('This screen could not be shown')).toBeNull();
  });

  it('tries the screen again on "Try again"', async () => {
    const user = userEvent.setup();
    await renderAppAt('#/help');
    await screen.findByRole('heading', { level: 1, name: 'This screen could not be shown' });
    failure.helpFails = false;
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Help' })).toBeTruthy();
  });

  it('copies the details for support, and says so', async () => {
    const user = userEvent.setup();
    const written: string[] = [];
    await renderAppAt('#/help');
    await screen.findByRole('heading', { level: 1, name: 'This screen could not be shown' });
    vi.spyOn(navigator.clipboard, 'writeText').mockImplementation(async (text: string) => {
      written.push(text);
    });
    await user.click(screen.getByText('Details for support'));
    await user.click(screen.getByRole('button', { name: 'Copy the details' }));
    await screen.findByText('The details are copied. Paste them into your message to support.');
    expect(written).toHaveLength(1);
    expect(written[0]).toContain('Error: The help screen broke while rendering');
  });

  it('gives the not-found screen, not an error, for a malformed address', async () => {
    await renderAppAt('#/schools/%E0');
    expect(await screen.findByRole('heading', { level: 1, name: 'Page not found' })).toBeTruthy();
    expect(screen.getByText(/There is nothing at “\/schools\/%E0”/)).toBeTruthy();
  });
});

describe('errorDetail', () => {
  it('names the error and bounds its size', () => {
    const huge = new Error('x'.repeat(100_000));
    const detail = errorDetail({ error: huge, componentStack: '\n    at HelpScreen' });
    expect(detail.startsWith('Error: xxx')).toBe(true);
    expect(detail.length).toBeLessThanOrEqual(8002);
  });

  it('describes a thrown value that is not an Error', () => {
    expect(errorDetail({ error: 'plain text', componentStack: '' })).toBe('Thrown value: plain text\n\nWhere in the app:');
    const unprintable = Object.create(null) as object;
    expect(errorDetail({ error: unprintable, componentStack: '' })).toBe('Thrown value: object\n\nWhere in the app:');
  });
});
