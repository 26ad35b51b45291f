import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ModerationQueueScreen, QUEUE_FIRST_ROWS } from '../../renderer/moderation/queue/ModerationQueueScreen';
import type { ImportedSubmission } from '../../shared/moderation/moderation-records';
import { seedWorkspace } from './moderator-fixtures';
import { freshDatabase, renderWithServices } from './render-app';
import { holdFrames } from './hold-frames';

const SCHOOLS = 60;

/** One submission per school (School 01 … School 60), v2 for every tenth school as well; no submission data (the queue reads none). */
function submissions(workspaceId: string): ImportedSubmission[] {
  const list: ImportedSubmission[] = [];
  for (let i = 1; i <= SCHOOLS; i += 1) {
    const urn = String(300000 + i);
    for (let version = 1; version <= (i % 10 === 0 ? 2 : 1); version += 1) {
      const submissionId = `submission-${urn}-v${version}`;
      list.push({
        key: `${workspaceId}|${submissionId}`,
        workspaceId,
        submissionId,
        urn,
        schoolName: `School ${String(i).padStart(2, '0')}`,
        regionId: 'north-east',
        framework: { id: 'north-east', version: '1.0.0', title: 'North East SEN Accreditation Framework', contentHash: 'a'.repeat(64) },
        supplement: null,
        version,
        exportedAt: `2026-11-${String(version + 10).padStart(2, '0')}T10:00:00.000Z`,
        importedAt: '2026-12-01T10:00:00.000Z',
        fileSha256: `${urn}${version}`.padEnd(64, '0'),
        fileName: `${submissionId}.pdf`,
        size: 1000,
        signerFingerprint: 'a1'.repeat(32),
        frameworkSource: 'installed',
        status: i % 3 === 0 ? 'in-review' : 'new',
      });
    }
  }
  return list;
}

const rowHeaders = () => [...screen.getByTestId('queue-table').querySelectorAll('tr.queue-row > th')].map((th) => th.textContent ?? '');

async function openLongQueue() {
  const db = freshDatabase();
  const workspace = await seedWorkspace(db);
  await db.importedSubmissions.bulkAdd(submissions(workspace.id));
  return { db, workspace };
}

describe('a long queue', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('draws its first screenful of rows, then every row once that is on screen, the count saying all of them throughout', async () => {
    const { db, workspace } = await openLongQueue();
    const frames = holdFrames();
    await renderWithServices(<ModerationQueueScreen workspaceId={workspace.id} />, { db });
    const table = await screen.findByTestId('queue-table');
    const first = rowHeaders();
    expect(first.length).toBeGreaterThanOrEqual(QUEUE_FIRST_ROWS);
    expect(first.length).toBeLessThan(QUEUE_FIRST_ROWS + 2);
    expect(first[0]).toBe('School 01, submission v1');
    expect(table.getAttribute('aria-busy')).toBe('true');
    expect(screen.getByText(`66 submissions from ${SCHOOLS} schools.`)).toBeTruthy();

    frames.release();
    await waitFor(() => expect(rowHeaders()).toHaveLength(66));
    expect(table.getAttribute('aria-busy')).toBeNull();
    expect(rowHeaders().slice(0, first.length)).toEqual(first);
    expect(rowHeaders().at(-1)).toBe('School 60, submission v1');
    expect(screen.getByText(`66 submissions from ${SCHOOLS} schools.`)).toBeTruthy();
  });

  it('filters over every row even before the rest is drawn, and says how many match', async () => {
    const { db, workspace } = await openLongQueue();
    const frames = holdFrames();
    await renderWithServices(<ModerationQueueScreen workspaceId={workspace.id} />, { db });
    await screen.findByTestId('queue-table');
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('School name or URN'), 'School 5');
    // School 50 (two versions) to School 59, all beyond the first screenful.
    await waitFor(() => expect(rowHeaders()).toHaveLength(11));
    expect(rowHeaders()[0]).toBe('School 50, submission v2');
    expect(screen.getByText('Showing 11 of 66 submissions.')).toBeTruthy();
    await user.clear(screen.getByLabelText('School name or URN'));
    frames.release();
    await waitFor(() => expect(rowHeaders()).toHaveLength(66));
  });

  it('keeps the rows a filter leaves shown as they were (the same elements), adding and removing only the others', async () => {
    const { db, workspace } = await openLongQueue();
    await renderWithServices(<ModerationQueueScreen workspaceId={workspace.id} />, { db });
    await waitFor(() => expect(rowHeaders()).toHaveLength(66));
    const table = screen.getByTestId('queue-table');
    const rowOf = (name: string) => within(table).getByRole('link', { name }).closest('tr');
    const kept = rowOf('School 03, submission v1');
    const user = userEvent.setup();
    await user.selectOptions(screen.getByLabelText('Status'), 'In review');
    await waitFor(() => expect(rowHeaders()).toHaveLength(22));
    expect(rowOf('School 03, submission v1')).toBe(kept);
    expect(screen.getByText('Showing 22 of 66 submissions.')).toBeTruthy();
  });
});
