import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { criteriaOverviewHref } from '../../renderer/app/hash-route';
import { CriteriaOverviewScreen } from '../../renderer/school/evaluation/CriteriaOverviewScreen';
import type { OverviewRow } from '../../shared/evaluation/criteria-overview';
import { freshDatabase, renderWithServices, seedSchoolAndEvaluation } from './render-app';

/**
 * A render counter: only a row's cells read its strand (the search and the id sort never do), so
 * each read of `strandId` is one drawing of that row. The rows are the real ones, watched through a Proxy.
 */
const draws = vi.hoisted(() => new Map<string, number>());

vi.mock('../../shared/evaluation/criteria-overview', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../shared/evaluation/criteria-overview')>();
  return {
    ...original,
    overviewRows: (...args: Parameters<typeof original.overviewRows>): OverviewRow[] =>
      original.overviewRows(...args).map(
        (row) =>
          new Proxy(row, {
            get(target, key, receiver) {
              if (key === 'strandId') draws.set(target.id, (draws.get(target.id) ?? 0) + 1);
              return Reflect.get(target, key, receiver) as unknown;
            },
          }),
      ),
  };
});

const drawsInAll = () => [...draws.values()].reduce((n, c) => n + c, 0);

describe('The criteria overview draws only what a change touches', () => {
  it('a search, and clearing it, draws no row again', async () => {
    const db = freshDatabase();
    const seeded = await seedSchoolAndEvaluation(db, 'north-east');
    window.history.replaceState(null, '', criteriaOverviewHref(seeded.evaluation.id, ''));
    const user = userEvent.setup();
    await renderWithServices(<CriteriaOverviewScreen evaluationId={seeded.evaluation.id} />, { db });
    await screen.findByText('Showing 63 of 63 criteria');
    const table = screen.getByRole('table', { name: /^Criteria of / });
    // The rows past the first screenful are drawn after it is painted.
    await waitFor(() => expect(table.getAttribute('aria-busy')).toBeNull());
    expect(draws.size).toBe(63);

    draws.clear();
    const search = screen.getByRole('searchbox', { name: 'Search the criteria' });
    await user.type(search, 'governors');
    const shown = Number(/^Showing (\d+) of 63 criteria$/.exec(screen.getByTestId('overview-count').textContent ?? '')?.[1]);
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThan(63);
    // Hidden rows are out of the accessibility tree: what a screen reader finds is what the count says.
    expect(within(table).getAllByRole('rowheader')).toHaveLength(shown);
    expect(drawsInAll()).toBe(0);

    await user.clear(search);
    expect(await screen.findByText('Showing 63 of 63 criteria')).toBeTruthy();
    // A screenful shown at once, then the rest after it is painted.
    await waitFor(() => expect(table.getAttribute('aria-busy')).toBeNull());
    expect(within(table).getAllByRole('rowheader')).toHaveLength(63);
    expect(drawsInAll()).toBe(0);
  });
});
