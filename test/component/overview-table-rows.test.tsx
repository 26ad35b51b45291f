import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { FIRST_FRAME_ROWS, OverviewTableView, ROWS_AT_A_TIME } from '../../renderer/partnership/OverviewTableView';
import type { OverviewTable } from '../../shared/partnership/regional-overview-tables';
import { holdFrames } from './hold-frames';
import { recordingPlatform, renderWithServices } from './render-app';

/** A region's long table is drawn a hundred rows at a time; sorting and the CSV take in every row. */
function schools(count: number): OverviewTable {
  return {
    id: 'schools',
    caption: 'Schools by local authority and phase',
    fileName: 'regional-overview-schools.csv',
    header: ['School', 'URN'],
    numeric: [false, true],
    rows: Array.from({ length: count }, (_, i) => [`School ${String(i + 1).padStart(4, '0')}`, 100000 + i]),
    empty: 'No schools.',
  };
}

const bodyRows = () => within(screen.getByRole('table')).getAllByRole('row').slice(1);

describe('a long table of the regional overview', () => {
  it('draws a screenful of rows in its first frame and the rest of the first hundred once that is painted, the caption and buttons saying a hundred throughout', async () => {
    const frames = holdFrames();
    await renderWithServices(<OverviewTableView table={schools(250)} />);
    const table = await screen.findByRole('table');
    expect(bodyRows()).toHaveLength(FIRST_FRAME_ROWS);
    expect(table.getAttribute('aria-busy')).toBe('true');
    expect(screen.getByText('Schools by local authority and phase, the first 100 of 250 rows', { selector: 'caption' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Show 100 more rows' })).toBeTruthy();

    frames.release();
    await waitFor(() => expect(bodyRows()).toHaveLength(ROWS_AT_A_TIME));
    expect(table.getAttribute('aria-busy')).toBeNull();
    expect(within(bodyRows()[0]!).getByRole('rowheader').textContent).toBe('School 0001');
    expect(within(bodyRows().at(-1)!).getByRole('rowheader').textContent).toBe('School 0100');
  });

  it('draws the first hundred rows, more on asking, then all, with focus kept off the page; the CSV has every row', async () => {
    const platform = recordingPlatform();
    const user = userEvent.setup();
    await renderWithServices(<OverviewTableView table={schools(250)} />, { platform });
    await screen.findByRole('table');
    await waitFor(() => expect(bodyRows()).toHaveLength(ROWS_AT_A_TIME));
    expect(screen.getByRole('table').getAttribute('data-rows')).toBe('250');
    expect(screen.getByText('Schools by local authority and phase, the first 100 of 250 rows', { selector: 'caption' })).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Show 100 more rows' }));
    expect(bodyRows()).toHaveLength(200);
    // Focus stays on the button while there are more rows to show.
    expect(document.activeElement?.textContent).toBe('Show 50 more rows');

    // Sorting takes in every row, not only those drawn: the last school comes first.
    await user.click(screen.getByRole('button', { name: /^URN/ }));
    await user.click(screen.getByRole('button', { name: /^URN/ }));
    expect(bodyRows()[0]?.textContent).toBe('School 0250100249');

    await user.click(screen.getByRole('button', { name: 'Show all 250 rows' }));
    expect(bodyRows()).toHaveLength(250);
    expect(screen.queryByRole('button', { name: /more rows/ })).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Schools by local authority and phase' }));

    await user.click(screen.getByRole('button', { name: 'Download “Schools by local authority and phase” as CSV' }));
    const csv = platform.saved[0]?.data;
    expect(csv).toBeInstanceOf(Blob);
    expect((await (csv as Blob).text()).trim().split('\n')).toHaveLength(251);
  });

  it('draws a short table whole, with no buttons', async () => {
    await renderWithServices(<OverviewTableView table={schools(12)} />);
    await screen.findByRole('table');
    expect(bodyRows()).toHaveLength(12);
    expect(screen.queryByRole('button', { name: /more rows/ })).toBeNull();
  });
});
