import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { RegionalOverviewScreen } from '../../renderer/partnership/RegionalOverviewScreen';
import type { SharedFolderPort } from '../../renderer/platform/platform-port';
import type { SharedFolderEntry } from '../../shared/moderation/shared-folder-index';
import type { PartnershipWorkspace } from '../../shared/partnership/partnership-register';
import { index } from '../unit/regional-overview-fixtures';
import { freshDatabase, recordingPlatform, renderWithServices } from './render-app';

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

async function openOverview(entries: SharedFolderEntry[] = index, withFolder = true) {
  const db = freshDatabase();
  await db.partnerships.put(PARTNERSHIP);
  await db.sharedFolderEntries.bulkPut(entries);
  const platform = { ...recordingPlatform(), ...(withFolder ? { sharedFolder: folder } : {}) };
  await renderWithServices(<RegionalOverviewScreen partnershipId="p" />, { db, platform });
  await screen.findByRole('heading', { level: 1, name: 'Regional overview' });
  await screen.findByRole('heading', { level: 2, name: 'Schools by local authority and phase' });
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
});
