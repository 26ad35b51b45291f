import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { SharedFolderPanel, type SharedFolderWording } from '../../renderer/moderation/folder/SharedFolderPanel';
import type { SharedFolderPort, SharedFolderState } from '../../renderer/platform/platform-port';
import { renderWithServices } from './render-app';

const WORDING: SharedFolderWording = {
  heading: 'The test folder',
  looking: 'Looking for the test folder…',
  noFolder: 'No test folder yet.',
  scan: 'Scan the test folder',
  rescan: 'Rescan the test folder',
};

/** A folder that starts in `start`, is chosen as "Region files", and answers a request for access with `afterRequest`. */
function folderPort(start: SharedFolderState, afterRequest: SharedFolderState = { state: 'ready', name: 'Region files' }) {
  const port: SharedFolderPort = {
    current: async () => start,
    choose: async () => ({ state: 'ready', name: 'Region files' }),
    requestAccess: async () => afterRequest,
    list: async () => [],
    read: async () => {
      throw new Error('not read in this test');
    },
    write: async () => 'written',
  };
  return port;
}

async function openPanel(start: SharedFolderState, indexed: boolean, afterRequest?: SharedFolderState) {
  await renderWithServices(
    <SharedFolderPanel folder={folderPort(start, afterRequest)} folderKey="ws-1" indexed={indexed} wording={WORDING} />,
  );
  const region = await screen.findByRole('region', { name: 'The test folder' });
  return { region, user: userEvent.setup() };
}

describe('the shared-folder panel both folder screens use', () => {
  it('says each thing in the words it is given: no folder, then the chosen folder, a scan, and the scan announced in its own region', async () => {
    const { region, user } = await openPanel({ state: 'none' }, false);
    expect(await within(region).findByText('No test folder yet.')).toBeTruthy();
    await user.click(within(region).getByRole('button', { name: 'Choose the shared folder' }));
    expect((await within(region).findByText(/^Folder:/)).textContent).toBe('Folder: Region files');
    expect(within(region).getByRole('button', { name: 'Choose a different folder' })).toBeTruthy();
    expect(within(region).queryByRole('button', { name: 'Rescan the test folder' })).toBeNull();
    await user.click(within(region).getByRole('button', { name: 'Scan the test folder' }));
    const status = await within(region).findByText('Scan finished: 0 files checked.');
    expect(status.closest('[role="status"]')?.getAttribute('aria-live')).toBe('polite');
  });

  it('offers a rescan once the index holds entries', async () => {
    const { region } = await openPanel({ state: 'ready', name: 'Region files' }, true);
    expect(await within(region).findByRole('button', { name: 'Rescan the test folder' })).toBeTruthy();
    expect(within(region).queryByRole('button', { name: 'Scan the test folder' })).toBeNull();
  });

  it('asks for access again in plain words, and says so when the browser still refuses', async () => {
    const refused: SharedFolderState = { state: 'needs-permission', name: 'Region files' };
    const { region, user } = await openPanel(refused, false, refused);
    expect(await within(region).findByText(/The browser needs your permission again before the app can use “Region files”/)).toBeTruthy();
    expect(within(region).queryByRole('button', { name: 'Scan the test folder' })).toBeNull();
    await user.click(within(region).getByRole('button', { name: 'Allow access to the folder' }));
    expect(
      await within(region).findByText(
        'The browser did not allow the app to use the folder. Select “Allow access to the folder” again and choose to allow it.',
      ),
    ).toBeTruthy();
  });
});
