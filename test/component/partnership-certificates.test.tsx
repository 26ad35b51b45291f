import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ModeratorWorkspaceFormScreen } from '../../renderer/moderation/workspace/ModeratorWorkspaceFormScreen';
import {
  pinnedRootKey,
  revocationListKey,
  type PinnedRootRecord,
  type RevocationListRecord,
} from '../../shared/moderation/partnership-trust';
import { seedWorkspace } from './moderator-fixtures';
import { freshDatabase, renderWithServices } from './render-app';

/**
 * "Partnership certificates" in a moderator workspace's details: what is pinned and held, read
 * live from the workspace. (Reading a real certificate needs PKI.js, which does not run under
 * jsdom: the files themselves are checked in unit tests.)
 */
const FINGERPRINT = '0123456789abcdef'.repeat(4);

describe('partnership certificates in the workspace details', () => {
  it('says none is pinned, and refuses a revocation list until a partnership is pinned', async () => {
    const db = freshDatabase();
    const workspace = await seedWorkspace(db);
    await renderWithServices(<ModeratorWorkspaceFormScreen workspaceId={workspace.id} />, { db });
    const section = (await screen.findByRole('heading', { level: 2, name: 'Partnership certificates' })).closest('section')!;
    expect(await within(section).findByText(/No partnership is pinned\./)).toBeTruthy();
    await userEvent
      .setup()
      .upload(
        within(section).getByLabelText('Choose a revocation list from a pinned partnership (.crl.pem)'),
        new File(['-----BEGIN X509 CRL-----'], 'list.crl.pem'),
      );
    expect((await within(section).findByRole('alert')).textContent).toBe(
      'Pin the partnership’s certificate first: a revocation list is checked against it.',
    );
    expect(await db.partnershipTrust.count()).toBe(0);
  });

  it('lists a pinned partnership with its whole fingerprint in groups of four, and the list held for it', async () => {
    const db = freshDatabase();
    const workspace = await seedWorkspace(db);
    const root: PinnedRootRecord = {
      key: pinnedRootKey(workspace.id, FINGERPRINT),
      workspaceId: workspace.id,
      kind: 'root',
      name: 'North East SEN Regional Partnership',
      region: 'North East',
      fingerprint: FINGERPRINT,
      der: new Uint8Array([0x30, 0x00]),
      notAfter: '2046-01-05T10:00:00.000Z',
      pinnedAt: '2026-10-01T09:00:00.000Z',
    };
    const list: RevocationListRecord = {
      key: revocationListKey(workspace.id, FINGERPRINT),
      workspaceId: workspace.id,
      kind: 'revocation-list',
      rootFingerprint: FINGERPRINT,
      partnershipName: root.name,
      der: new Uint8Array([0x30, 0x00]),
      thisUpdate: '2026-11-02T00:00:00.000Z',
      nextUpdate: '2026-12-02T00:00:00.000Z',
      number: 3,
      revokedCount: 2,
      importedAt: '2026-11-03T09:00:00.000Z',
    };
    await db.partnershipTrust.bulkPut([root, list]);
    await renderWithServices(<ModeratorWorkspaceFormScreen workspaceId={workspace.id} />, { db });
    const pinned = await screen.findByRole('list', { name: 'Pinned partnerships' });
    const item = within(pinned).getByRole('listitem');
    expect(item.textContent).toContain('North East SEN Regional Partnership (North East), certificate valid until 5 January 2046');
    expect(item.textContent).toContain('0123 4567 89ab cdef 0123 4567 89ab cdef');
    expect(item.textContent).toContain('Revocation list issued 2 November 2026: 2 certificates revoked.');
  });
});
