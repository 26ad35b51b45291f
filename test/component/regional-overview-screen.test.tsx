import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import * as folderIndex from '../../shared/moderation/shared-folder-index';
import { putFolderEntries } from '../../renderer/db/shared-folder-store';
import { RegionalOverviewScreen } from '../../renderer/partnership/RegionalOverviewScreen';
import type { SharedFolderPort } from '../../renderer/platform/platform-port';
import type { SharedFolderEntry } from '../../shared/moderation/shared-folder-index';
import type { PartnershipWorkspace } from '../../shared/partnership/partnership-register';
import type { PdfJobRunner } from '../../renderer/export/pdf-jobs';
import { index } from '../unit/regional-overview-fixtures';
import { fakePdfRunner } from './moderation-test-data';
import { freshDatabase, recordingPlatform, renderWithServices } from './render-app';

// Counted: each entry of the index is asked once whether it is older (while the index is read for
// the overview), so the calls show how often the whole index was gone through.
vi.mock('../../shared/moderation/shared-folder-index', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../shared/moderation/shared-folder-index')>();
  return { ...actual, isOlderEntry: vi.fn(actual.isOlderEntry) };
});

/** The regional overview from a stored index (the fixtures' three schools), as the partnership sees it. */
const PARTNERSHIP: PartnershipWorkspace = {
  id: 'p',
  name: 'South West SEN Regional Partnership',
  region: 'South West',
  rootFingerprint: '0123456789abcdef'.repeat(4),
  createdAt: '2026-11-01T09:00:00.000Z',
  revocationListNumber: 0,
};

const folder: SharedFolderPort = {
  current: async () => ({ state: 'ready', name: 'South West shared' }),
  choose: async () => 'cancelled',
  requestAccess: async () => ({ state: 'ready', name: 'South West shared' }),
  list: async () => [],
  read: async () => {
    throw new Error('not read in this test');
  },
  write: async () => 'written',
};

async function openOverview(entries: SharedFolderEntry[] = index, withFolder = true, pdfJobs?: PdfJobRunner) {
  const db = freshDatabase();
  await db.partnerships.put(PARTNERSHIP);
  await putFolderEntries(db, entries);
  const platform = { ...recordingPlatform(), ...(withFolder ? { sharedFolder: folder } : {}) };
  await renderWithServices(<RegionalOverviewScreen partnershipId="p" />, { db, platform, ...(pdfJobs ? { pdfJobs } : {}) });
  await screen.findByRole('heading', { level: 1, name: 'Regional overview' });
  await screen.findByRole('heading', { level: 2, name: 'Schools by local authority and phase' });
  // The criteria and agreement tables, the steering report and the benchmark follow the first draw.
  await screen.findByText(/^The criteria and moderator agreement tables, the steering group report and the benchmarks are ready\.$/);
  return { db, platform, user: userEvent.setup() };
}

const schoolsTable = () => screen.getByRole('table', { name: /^Schools by local authority and phase/ });
const rowHeads = (table: HTMLElement) =>
  within(table)
    .getAllByRole('rowheader')
    .map((th) => th.textContent);
const schoolNames = () =>
  within(schoolsTable())
    .getAllByRole('row')
    .slice(1)
    .map((row) => within(row).getAllByRole('cell')[1]?.textContent);

describe('the regional overview screen', () => {
  it('shows every table with a caption, from the stored index, and the folder to scan', async () => {
    await openOverview();
    for (const caption of [
      'Schools by local authority and phase',
      'Renewal calendar',
      'Submissions by state (each school’s latest)',
      'Criteria most often moderated down, not met or claimed not applicable',
      'Agreement between moderators, per pair (second moderation)',
      'Agreement between moderators, per strand (second moderation)',
    ])
      expect(screen.getByRole('table', { name: caption })).toBeTruthy();
    expect(schoolNames()).toEqual(['Cedar School', 'Alder Primary', 'Beech Academy']);
    expect(rowHeads(screen.getByRole('table', { name: 'Renewal calendar' }))).toEqual(['July 2028', 'November 2029']);
    expect(await screen.findByText('South West shared')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Rescan the shared folder (new or changed files only)' })).toBeTruthy();
    expect(screen.getByText(/3 schools and 4 submissions in the folder\./).getAttribute('role')).toBe('status');
    // The fixtures' entry from before the index kept the overview's data: not counted, and said.
    expect(
      screen.getByText(/^1 file was indexed before the overview kept what it needs and is not counted yet\. Scan the folder/),
    ).toBeTruthy();
  });

  it('filters by local authority, saying how many match, and clears the filter', async () => {
    const { user } = await openOverview();
    await user.selectOptions(screen.getByLabelText('Local authority'), 'Devon');
    expect(schoolNames()).toEqual(['Alder Primary', 'Beech Academy']);
    expect(screen.getByText(/2 schools and 3 submissions match the filters\./)).toBeTruthy();
    expect(rowHeads(screen.getByRole('table', { name: /^Agreement between moderators, per pair/ }))).toEqual(['Jo Bloggs and Sam Patel']);
    await user.selectOptions(screen.getByLabelText('Phase'), 'Primary');
    expect(schoolNames()).toEqual(['Alder Primary']);
    await user.click(screen.getByRole('button', { name: 'Clear the filters' }));
    expect(schoolNames()).toEqual(['Cedar School', 'Alder Primary', 'Beech Academy']);
  });

  it('sorts a table by a column from the keyboard, and says so', async () => {
    const { user } = await openOverview();
    const header = within(schoolsTable()).getByRole('button', { name: /^School/ });
    header.focus();
    await user.keyboard('{Enter}');
    expect(schoolNames()).toEqual(['Alder Primary', 'Beech Academy', 'Cedar School']);
    expect(header.closest('th')?.getAttribute('aria-sort')).toBe('ascending');
    await user.keyboard('{Enter}');
    expect(schoolNames()).toEqual(['Cedar School', 'Beech Academy', 'Alder Primary']);
    expect(schoolsTable().querySelector('caption')?.textContent).toContain('sorted by School (descending)');
  });

  it('downloads a table as CSV, formulas neutralised', async () => {
    const renamed = index.map((e) =>
      e.submission?.urn === '100003' ? { ...e, submission: { ...e.submission, schoolName: '=HYPERLINK("x")' } } : e,
    );
    const { user, platform } = await openOverview(renamed);
    await user.click(screen.getByRole('button', { name: 'Download “Schools by local authority and phase” as CSV' }));
    expect(await screen.findByText('Saved regional-overview-schools.csv.')).toBeTruthy();
    const saved = (platform as ReturnType<typeof recordingPlatform>).saved;
    expect(saved.map((f) => f.name)).toEqual(['regional-overview-schools.csv']);
    const text = await saved[0]!.data.text();
    expect(text.split('\r\n')[0]).toBe(
      'Local authority,Phase,School,URN,Latest version,Framework,Academic year,Level held,Renewal date,Where it stands',
    );
    expect(text).toContain(`Cornwall,Special,"'=HYPERLINK(""x"")",100003,1,`);
  });

  it('an empty folder says so in each table; a browser without folders says what to use', async () => {
    await openOverview([], false);
    expect(screen.getByText('No verified submission in the folder matches the filters.')).toBeTruthy();
    expect(screen.getByText(/This browser cannot open a folder/)).toBeTruthy();
  });

  it('every table has its CSV download', async () => {
    await openOverview();
    for (const table of screen.getAllByRole('table')) {
      const caption = table.querySelector('caption')?.textContent ?? '';
      expect(screen.getByRole('button', { name: `Download “${caption}” as CSV` })).toBeTruthy();
    }
    expect(screen.getAllByRole('table')).toHaveLength(6);
  });

  it('the steering group report: says what it holds, starts the PDF job with the filters as set, and saves the file', async () => {
    const pdf = fakePdfRunner();
    const { user, platform } = await openOverview(index, true, pdf.runner);
    const button = screen.getByRole('button', { name: 'Steering group report (PDF)' });
    expect(button.getAttribute('aria-describedby')).toBeTruthy();
    expect(document.getElementById(button.getAttribute('aria-describedby')!)?.textContent).toMatch(
      /No school is named, and any figure about fewer than 5 schools is shown as “fewer than 5”/,
    );
    await user.selectOptions(screen.getByLabelText('Local authority'), 'Devon');
    await user.click(button);
    expect(await screen.findByText(/^Saved steering-group-report-\d{4}-\d{2}-\d{2}\.pdf\.$/)).toBeTruthy();
    expect(pdf.requests).toHaveLength(1);
    const request = pdf.requests[0]!;
    if (request.kind !== 'steering-report') throw new Error(`expected a steering report job, not ${request.kind}`);
    expect(request.report.partnership).toBe('South West SEN Regional Partnership');
    expect(request.report.filters).toEqual(['Local authority: Devon']);
    // Devon's two schools, not the region's three: the filter was applied, and two is fewer than five.
    expect(request.report.sections.find((s) => s.id === 'schools')?.table.rows.map((r) => r[0])).toEqual([
      { kind: 'text', text: 'Devon' },
      { kind: 'text', text: 'All local authorities' },
    ]);
    expect(request.report.headline[0]).toEqual({ label: 'Schools', value: { kind: 'suppressed' } });
    const whole = JSON.stringify(request.report);
    for (const name of ['Alder Primary', 'Beech Academy', 'Cedar School', '100001', '100002']) expect(whole).not.toContain(name);
    const saved = (platform as ReturnType<typeof recordingPlatform>).saved;
    expect(saved.map((f) => f.name)).toEqual([expect.stringMatching(/^steering-group-report-.*\.pdf$/)]);
  });

  it('the steering group report shows its progress and can be cancelled, saving nothing', async () => {
    const pdf = fakePdfRunner('hang');
    const { user, platform } = await openOverview(index, true, pdf.runner);
    await user.click(screen.getByRole('button', { name: 'Steering group report (PDF)' }));
    expect(screen.getByLabelText('Making the steering group report')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(await screen.findByText('Cancelled. Nothing was saved.')).toBeTruthy();
    expect((platform as ReturnType<typeof recordingPlatform>).saved).toEqual([]);
    expect(screen.getByRole('button', { name: 'Steering group report (PDF)' })).toBeTruthy();
  });

  it('draws the schools, renewals and states first, then the criteria and agreement tables, saying so to a screen reader', async () => {
    // Frames are held, so the first draw stays on screen until one is let through.
    const held: FrameRequestCallback[] = [];
    const frames = vi.spyOn(window, 'requestAnimationFrame').mockImplementation((callback) => held.push(callback));
    try {
      const db = freshDatabase();
      await db.partnerships.put(PARTNERSHIP);
      await putFolderEntries(db, index);
      await renderWithServices(<RegionalOverviewScreen partnershipId="p" />, { db, platform: recordingPlatform() });
      await screen.findByRole('heading', { level: 2, name: 'Schools by local authority and phase' });
      const later = screen.getByTestId('regional-later-tables');
      expect(later.getAttribute('role')).toBe('status');
      expect(later.textContent).toBe('Working out the criteria and moderator agreement tables…');
      expect(screen.getAllByRole('table').map((t) => t.querySelector('caption')?.textContent)).toEqual([
        'Schools by local authority and phase',
        'Renewal calendar',
        'Submissions by state (each school’s latest)',
      ]);
      expect(schoolNames()).toEqual(['Cedar School', 'Alder Primary', 'Beech Academy']);
      expect(screen.queryByRole('button', { name: 'Steering group report (PDF)' })).toBeNull();
      const firstRows = within(schoolsTable()).getAllByRole('row');
      // The frame is asked for in an effect of that draw, which may run just after it is found.
      await waitFor(() => expect(held.length).toBeGreaterThan(0));
      for (const callback of held.splice(0)) callback(performance.now());
      expect(
        await screen.findByRole('table', { name: 'Criteria most often moderated down, not met or claimed not applicable' }),
      ).toBeTruthy();
      // The same live region now says the later tables are there.
      expect(screen.getByTestId('regional-later-tables')).toBe(later);
      expect(later.textContent).toMatch(
        /^The criteria and moderator agreement tables, the steering group report and the benchmarks are ready\.$/,
      );
      expect(screen.getAllByRole('table')).toHaveLength(6);
      expect(screen.getByRole('button', { name: 'Steering group report (PDF)' })).toBeTruthy();
      // The schools drawn from the summaries are the full entries' schools: their rows are kept as they were.
      expect(within(schoolsTable()).getAllByRole('row')).toEqual(firstRows);
      for (const row of firstRows) expect(row.isConnected).toBe(true);
    } finally {
      frames.mockRestore();
    }
  });

  it('draws first from the summaries alone: the full entries are read only once that draw is on screen', async () => {
    const held: FrameRequestCallback[] = [];
    const frames = vi.spyOn(window, 'requestAnimationFrame').mockImplementation((callback) => held.push(callback));
    try {
      const db = freshDatabase();
      await db.partnerships.put(PARTNERSHIP);
      await putFolderEntries(db, index);
      // Counts every read of the full entries (a read of the table opens a transaction on it).
      const reads = vi.spyOn(db, 'transaction');
      const readsOfEntries = () =>
        reads.mock.calls.filter((call) => call.some((arg) => arg === db.sharedFolderEntries || arg === 'sharedFolderEntries')).length;
      await renderWithServices(<RegionalOverviewScreen partnershipId="p" />, { db, platform: recordingPlatform() });
      await screen.findByRole('heading', { level: 2, name: 'Schools by local authority and phase' });
      expect(schoolNames()).toEqual(['Cedar School', 'Alder Primary', 'Beech Academy']);
      expect(screen.getByText(/3 schools and 4 submissions in the folder\./)).toBeTruthy();
      expect(readsOfEntries()).toBe(0);
      await waitFor(() => expect(held.length).toBeGreaterThan(0));
      expect(readsOfEntries()).toBe(0);
      for (const callback of held.splice(0)) callback(performance.now());
      await screen.findByRole('table', { name: 'Criteria most often moderated down, not met or claimed not applicable' });
      expect(readsOfEntries()).toBeGreaterThan(0);
    } finally {
      frames.mockRestore();
    }
  });

  it('follows the index: an entry the scan adds shows without opening the screen again', async () => {
    const { db } = await openOverview(index.filter((e) => e.submission?.urn !== '100003'));
    expect(schoolNames()).toEqual(['Alder Primary', 'Beech Academy']);
    await putFolderEntries(
      db,
      index.filter((e) => e.submission?.urn === '100003'),
    );
    await within(schoolsTable()).findByText('Cedar School');
    expect(schoolNames()).toEqual(['Cedar School', 'Alder Primary', 'Beech Academy']);
  });

  it('a filter picks from the index read once: the entries are not gone through again', async () => {
    const { user } = await openOverview();
    const walked = vi.mocked(folderIndex.isOlderEntry);
    const before = walked.mock.calls.length;
    expect(before).toBeGreaterThanOrEqual(index.length);
    await user.selectOptions(screen.getByLabelText('Local authority'), 'Devon');
    await user.selectOptions(screen.getByLabelText('Phase'), 'Primary');
    await user.click(screen.getByRole('button', { name: 'Clear the filters' }));
    expect(schoolNames()).toEqual(['Cedar School', 'Alder Primary', 'Beech Academy']);
    expect(walked.mock.calls.length).toBe(before);
  });

  it('a filter keeps the rows it still shows as they were, and removes the others', async () => {
    const { user } = await openOverview();
    const rowOf = (name: string) =>
      within(schoolsTable())
        .getAllByRole('row')
        .find((row) => row.textContent?.includes(name));
    const alder = rowOf('Alder Primary');
    const cedar = rowOf('Cedar School');
    expect(alder).toBeTruthy();
    await user.selectOptions(screen.getByLabelText('Local authority'), 'Devon');
    expect(schoolNames()).toEqual(['Alder Primary', 'Beech Academy']);
    // The same element, not another row's element given Alder Primary's cells.
    expect(rowOf('Alder Primary')).toBe(alder);
    expect(cedar?.isConnected).toBe(false);
  });
});
