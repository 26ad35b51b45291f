import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { SharedFolderScreen } from '../../renderer/moderation/folder/SharedFolderScreen';
import type { FolderWriteResult, SharedFolderPort, SharedFolderState } from '../../renderer/platform/platform-port';
import { makeBackup } from '../../renderer/db/backup-store';
import type { SharedFolderEntry } from '../../shared/moderation/shared-folder-index';
import type { PinnedRootRecord } from '../../shared/moderation/partnership-trust';
import { KEY_A, northEast, sampleVersion, seedWorkspace, standInVerifier } from './moderator-fixtures';
import { freshDatabase, recordingPlatform, renderWithServices } from './render-app';

/** A shared folder in memory: files by name, with the reads the app made. */
function fakeFolder(initial: Record<string, string>, state: SharedFolderState = { state: 'ready', name: 'North East moderators' }) {
  const files = new Map<string, { bytes: Uint8Array<ArrayBuffer>; lastModified: number }>();
  const reads: string[] = [];
  const put = (name: string, text: string, lastModified = Date.parse('2026-11-20T10:00:00Z')) =>
    files.set(name, { bytes: new TextEncoder().encode(`%PDF-1.7 stand-in ${text}`), lastModified });
  for (const [name, text] of Object.entries(initial)) put(name, text);
  const port: SharedFolderPort = {
    current: async () => state,
    choose: async () => state,
    requestAccess: async () => state,
    list: async () => [...files].map(([name, f]) => ({ name, size: f.bytes.byteLength, lastModified: f.lastModified })),
    read: async (_key, name) => {
      reads.push(name);
      const file = files.get(name);
      if (!file) throw new Error('gone');
      return new Uint8Array(file.bytes);
    },
    write: async (): Promise<FolderWriteResult> => 'written',
  };
  return { port, reads, put, touch: (name: string, at: number) => files.set(name, { ...files.get(name)!, lastModified: at }) };
}

async function openFolderScreen() {
  const { framework } = await northEast();
  const db = freshDatabase();
  const workspace = await seedWorkspace(db);
  const stand = standInVerifier(framework, {
    v1: { document: sampleVersion(framework, 1), fingerprint: KEY_A },
    v2: { document: sampleVersion(framework, 2), fingerprint: KEY_A },
    v3: { document: sampleVersion(framework, 3), fingerprint: KEY_A },
    tampered: { rejection: 'The file was changed after it was signed, so it cannot be trusted.' },
  });
  const folder = fakeFolder({
    'riverside-v1.pdf': 'v1',
    'riverside-v2.pdf': 'v2',
    'riverside-v2-edited.pdf': 'tampered',
    'notes.txt': 'x',
  });
  const user = userEvent.setup();
  await renderWithServices(<SharedFolderScreen workspaceId={workspace.id} />, {
    db,
    verifyJobs: stand.runner,
    platform: { ...recordingPlatform(), sharedFolder: folder.port },
  });
  await screen.findByRole('heading', { level: 1, name: 'Shared folder' });
  return { db, workspace, stand, folder, user };
}

const submissionsTable = () => within(screen.getByRole('region', { name: /^Submissions in the folder/ })).getByRole('table');
const rowFiles = () =>
  within(submissionsTable())
    .getAllByRole('row')
    .slice(1)
    .map((row) =>
      within(row)
        .getAllByRole('cell')[3]
        ?.textContent?.replace(/SHA-256.*/, ''),
    );

describe('the shared folder screen', () => {
  it('scans a folder: two good submissions listed, the tampered one listed apart with its reason; a rescan verifies only the new file', async () => {
    const { stand, folder, user, db } = await openFolderScreen();
    expect(await screen.findByText('North East moderators')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Scan the folder' }));
    expect(await screen.findByText('Scan finished: 3 files checked.', {}, { timeout: 5000 })).toBeTruthy();
    // The status is a live region, so the result is announced.
    expect(screen.getByText('Scan finished: 3 files checked.').closest('[role="status"]')?.getAttribute('aria-live')).toBe('polite');
    expect(stand.requests.sort()).toEqual(['tampered', 'v1', 'v2']);
    expect(folder.reads).not.toContain('notes.txt');

    expect(screen.getByRole('heading', { level: 2, name: 'Submissions in the folder (2)' })).toBeTruthy();
    expect(rowFiles()).toEqual(['riverside-v1.pdf', 'riverside-v2.pdf']);
    const failures = screen.getByRole('list', { name: 'Files that failed the checks' });
    expect(
      within(failures)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['riverside-v2-edited.pdf: The file was changed after it was signed, so it cannot be trusted.']);
    // The tampered file is never offered for import.
    expect(screen.queryByRole('button', { name: 'Import into this workspace: “riverside-v2-edited.pdf”' })).toBeNull();
    // Nothing of the evidence is kept: the entries hold the data and the result only.
    const stored = await db.sharedFolderEntries.toArray();
    expect(stored.map((e) => [e.name, e.valid])).toEqual(
      expect.arrayContaining([
        ['riverside-v1.pdf', true],
        ['riverside-v2.pdf', true],
        ['riverside-v2-edited.pdf', false],
      ]),
    );

    // A new file arrives, and a sync tool touches another without changing it.
    folder.put('riverside-v3.pdf', 'v3');
    folder.touch('riverside-v1.pdf', Date.parse('2026-11-21T08:00:00Z'));
    folder.reads.length = 0;
    stand.requests.length = 0;
    await user.click(screen.getByRole('button', { name: 'Rescan (new or changed files only)' }));
    expect(
      await screen.findByText('Scan finished: 1 file checked, 3 files unchanged since the last scan.', {}, { timeout: 5000 }),
    ).toBeTruthy();
    expect(stand.requests).toEqual(['v3']);
    expect(folder.reads.sort()).toEqual(['riverside-v1.pdf', 'riverside-v3.pdf']);
    expect(rowFiles()).toEqual(['riverside-v1.pdf', 'riverside-v2.pdf', 'riverside-v3.pdf']);
  });

  it('lists the second moderation files the scan indexed, each request before its return, saying what each is and that it passed', async () => {
    const { db, workspace } = await openFolderScreen();
    const second = (name: string, kind: 'second-request' | 'second-return', secondModeratorName: string | null) =>
      ({
        key: `${workspace.id}|${name}`,
        folderKey: workspace.id,
        name,
        size: 10,
        lastModified: Date.parse('2026-11-25T10:00:00Z'),
        sha256: `${name}-sha`,
        kind,
        valid: true,
        reason: null,
        submission: null,
        report: null,
        second: {
          requestId: 'req-1',
          returnId: kind === 'second-return' ? 'ret-1' : null,
          submissionId: 'sub-1',
          submissionSha256: 'ab'.repeat(32),
          schoolName: 'Riverside Primary School',
          urn: '123456',
          version: 1,
          createdAt: '2026-11-25T10:00:00.000Z',
          requesterName: 'Jo Bloggs',
          requesterOrganisation: 'North East SEN Regional Partnership',
          secondModeratorName,
          criterionIds: ['c1', 'c2'],
          decisions: [],
          requestSha256: '12'.repeat(32),
        },
        detail: 1,
        checkedAt: '2026-11-25T10:00:00.000Z',
      }) satisfies SharedFolderEntry;
    await db.sharedFolderEntries.bulkPut([
      second('z-request.pdf', 'second-request', null),
      second('a-return.pdf', 'second-return', 'Priya Shah'),
    ]);
    const region = await screen.findByRole('region', { name: 'Second moderation files in the folder (2)' });
    const rows = within(region)
      .getAllByRole('row')
      .slice(1)
      .map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent));
    expect(rows).toEqual([
      [
        'Riverside Primary School',
        '123456',
        '1',
        'Request: Jo Bloggs (North East SEN Regional Partnership) asks for a second moderation of 2 criteria',
        '25 November 2026',
        'z-request.pdf',
        'Passed every check',
      ],
      [
        'Riverside Primary School',
        '123456',
        '1',
        'Return: Priya Shah’s decisions on 2 criteria, for Jo Bloggs',
        '25 November 2026',
        'a-return.pdf',
        'Passed every check, and answers the request in the folder',
      ],
    ]);
  });

  it('says who certified a submission’s signer, and flags a key no partnership certified for a school a pinned partnership did', async () => {
    const { db, workspace } = await openFolderScreen();
    const { framework } = await northEast();
    const document = sampleVersion(framework, 1);
    const NE = { name: 'North East SEN Regional Partnership', region: 'North East', rootFingerprint: 'r1' };
    const root: PinnedRootRecord = {
      key: `${workspace.id}|root|r1`,
      workspaceId: workspace.id,
      kind: 'root',
      name: NE.name,
      region: NE.region,
      fingerprint: 'r1',
      der: new Uint8Array(1),
      notAfter: '2036-01-01T00:00:00.000Z',
      pinnedAt: '2026-11-01T00:00:00.000Z',
    };
    await db.partnershipTrust.put(root);
    const submission = (name: string, certifiedBy: typeof NE | null, version: number) =>
      ({
        key: `${workspace.id}|${name}`,
        folderKey: workspace.id,
        name,
        size: 10,
        lastModified: Date.parse('2026-11-25T10:00:00Z'),
        sha256: `${name}-sha`.padEnd(64, '0'),
        kind: 'submission',
        valid: true,
        reason: null,
        submission: {
          submissionId: `${name}-id`,
          schoolName: document.school.name,
          urn: document.school.urn,
          version,
          exportedAt: '2026-11-25T10:00:00.000Z',
          regionId: 'north-east',
          signerFingerprint: certifiedBy ? 'aa' : 'bb',
          certifiedBy,
        },
        report: null,
        trustBasis: 'roots:r1;lists:',
        detail: 1,
        checkedAt: '2026-11-25T10:00:00.000Z',
      }) satisfies SharedFolderEntry;
    await db.sharedFolderEntries.bulkPut([submission('genuine.pdf', NE, 1), submission('forged.pdf', null, 2)]);
    await screen.findByRole('heading', { level: 2, name: 'Submissions in the folder (2)' });
    const checks = () =>
      within(submissionsTable())
        .getAllByRole('row')
        .slice(1)
        .map((row) => within(row).getAllByRole('cell')[4]?.textContent);
    await waitFor(() => expect(checks()).toHaveLength(2));
    expect(checks()).toEqual([
      'Passed every check. Certified by the North East SEN Regional Partnership.',
      'Warning: This school’s certificate is issued by the North East SEN Regional Partnership; this file is signed by a key the North East SEN Regional Partnership did not certify, so it may be forged. Do not accept it until you have checked with the school and the partnership.',
    ]);
    // Without the partnership pinned, nothing is known of the school: the uncertified one is said to be so, not flagged.
    await db.partnershipTrust.clear();
    await waitFor(() =>
      expect(checks()[1]).toBe(
        'Passed every check. Not certified by a partnership you have pinned: compare its fingerprint with the school’s when you import it.',
      ),
    );
  });

  it('imports a submission from the folder through the usual import, reading the file then', async () => {
    const { folder, user, stand } = await openFolderScreen();
    await user.click(await screen.findByRole('button', { name: 'Scan the folder' }));
    await screen.findByText('Scan finished: 3 files checked.', {}, { timeout: 5000 });
    folder.reads.length = 0;
    stand.requests.length = 0;
    await user.click(screen.getByRole('button', { name: 'Import into this workspace: “riverside-v1.pdf”' }));
    // The import checks the file again, as any import does, and asks about the school's first-use key.
    expect(await screen.findByText(/waiting for your decision about its signing key/, {}, { timeout: 5000 })).toBeTruthy();
    expect(folder.reads).toEqual(['riverside-v1.pdf']);
    expect(stand.requests).toEqual(['v1']);
    expect(screen.getByRole('link', { name: 'See the import' }).getAttribute('href')).toContain('/import');
  });

  it('asks in plain words for permission again when the browser wants it', async () => {
    const { framework } = await northEast();
    const db = freshDatabase();
    const workspace = await seedWorkspace(db);
    const folder = fakeFolder({}, { state: 'needs-permission', name: 'North East moderators' });
    await renderWithServices(<SharedFolderScreen workspaceId={workspace.id} />, {
      db,
      verifyJobs: standInVerifier(framework, {}).runner,
      platform: { ...recordingPlatform(), sharedFolder: folder.port },
    });
    expect(await screen.findByText(/The browser needs your permission again before the app can use “North East moderators”/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Allow access to the folder' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Scan the folder' })).toBeNull();
  });

  it('says what to do in a browser that cannot open a folder', async () => {
    const db = freshDatabase();
    const workspace = await seedWorkspace(db);
    await renderWithServices(<SharedFolderScreen workspaceId={workspace.id} />, { db });
    expect(await screen.findByText(/This browser cannot open a folder/)).toBeTruthy();
  });

  it('leaves the index and its summaries out of backups: they are rebuilt from the folder', async () => {
    const { user, db } = await openFolderScreen();
    await user.click(await screen.findByRole('button', { name: 'Scan the folder' }));
    await screen.findByText('Scan finished: 3 files checked.', {}, { timeout: 5000 });
    expect(await db.sharedFolderEntries.count()).toBe(3);
    expect(await db.sharedFolderSummaries.count()).toBe(3);
    const backup = await makeBackup(db, '0.0.0-test');
    expect(backup.manifest.tables.map((t) => t.name)).not.toContain('sharedFolderEntries');
    expect(backup.manifest.tables.map((t) => t.name)).not.toContain('sharedFolderSummaries');
  });
});
