import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { ModerationReportRecord } from '../../renderer/db/app-database';
import { WriteReportToFolder } from '../../renderer/moderation/folder/WriteReportToFolder';
import type { FolderWriteResult, SharedFolderPort, SharedFolderState } from '../../renderer/platform/platform-port';
import type { ModerationDocument } from '../../shared/moderation/moderation-format';
import { recordingPlatform, renderWithServices } from './render-app';

const SHA = '3f2a91c0d4e5b6a7'.padEnd(64, '0');
const report: ModerationReportRecord = {
  id: 'r1',
  submissionKey: 'w1|sub-1',
  workspaceId: 'w1',
  createdAt: '2026-11-20T09:00:00.000Z',
  fileName: '113532-moderation-2026-11-20-v2.pdf',
  sha256: SHA,
  size: 20,
  document: {
    createdAt: '2026-11-20T09:00:00.000Z',
    submission: { version: 2, school: { name: 'Kingsbridge Community College', urn: '113532' } },
  } as unknown as ModerationDocument,
  pdf: new Blob(['%PDF-1.7 the report']),
};

/** A folder that answers each write as told, and records what was written. */
function folderPort(state: SharedFolderState, answer: FolderWriteResult | 'fail') {
  const written: { name: string; text: string }[] = [];
  const folder = { written, asked: 0, port: null as unknown as SharedFolderPort };
  folder.port = {
    current: async () => {
      folder.asked += 1;
      return state;
    },
    choose: async () => state,
    requestAccess: async () => state,
    list: async () => [],
    read: async () => new Uint8Array(0),
    write: async (_key, name, bytes) => {
      if (answer === 'fail') throw new Error('EACCES');
      written.push({ name, text: new TextDecoder().decode(bytes) });
      return answer;
    },
  };
  return folder;
}

async function renderOffer(state: SharedFolderState, answer: FolderWriteResult | 'fail') {
  const folder = folderPort(state, answer);
  await renderWithServices(<WriteReportToFolder workspaceId="w1" report={report} />, {
    platform: { ...recordingPlatform(), sharedFolder: folder.port },
  });
  return folder;
}

const offer = () => screen.findByRole('button', { name: 'Put a copy in the shared folder “North East moderators”' });
const READY: SharedFolderState = { state: 'ready', name: 'North East moderators' };

describe('offering to put an exported report in the shared folder', () => {
  it('writes the report named by its content, and says where', async () => {
    const folder = await renderOffer(READY, 'written');
    await userEvent.setup().click(await offer());
    expect(
      await screen.findByText(
        'Put in the shared folder “North East moderators” as “113532-moderation-2026-11-20-v2-3f2a91c0d4e5b6a7.pdf”. Other moderators see it when they scan the folder.',
      ),
    ).toBeTruthy();
    expect(folder.written).toEqual([{ name: '113532-moderation-2026-11-20-v2-3f2a91c0d4e5b6a7.pdf', text: '%PDF-1.7 the report' }]);
  });

  it('says so when the same report is already there, and when a different file has the name (never overwritten)', async () => {
    await renderOffer(READY, 'same-file-there');
    await userEvent.setup().click(await offer());
    expect(await screen.findByText(/is already in the shared folder “North East moderators”.*Nothing was changed\./)).toBeTruthy();
  });

  it('leaves a different file of the same name as it is, and says what to do', async () => {
    await renderOffer(READY, 'different-file-there');
    await userEvent.setup().click(await offer());
    expect(await screen.findByText(/A different file called .* is already in the shared folder, so it was left as it is/)).toBeTruthy();
  });

  it('says in plain words when the folder cannot be written', async () => {
    await renderOffer(READY, 'fail');
    await userEvent.setup().click(await offer());
    expect(
      await screen.findByText(/The report could not be written into the shared folder\. Check that the folder is still there/),
    ).toBeTruthy();
  });

  it('offers nothing without a folder', async () => {
    const none = await renderOffer({ state: 'none' }, 'written');
    // The folder's state has been asked for and answered (renderWithServices waits past it).
    expect(none.asked).toBeGreaterThan(0);
    expect(screen.queryByRole('button', { name: /shared folder/ })).toBeNull();
    expect(none.written).toEqual([]);
  });

  it('points to the folder screen when the browser wants permission again', async () => {
    await renderOffer({ state: 'needs-permission', name: 'North East moderators' }, 'written');
    expect(await screen.findByText(/allow access on the/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Shared folder' }).getAttribute('href')).toContain('/folder');
  });
});
