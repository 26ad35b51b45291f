import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { AppDatabase } from '../../renderer/db/app-database';
import { ModeratorWorkspaceFormScreen } from '../../renderer/moderation/workspace/ModeratorWorkspaceFormScreen';
import { SchoolScreen } from '../../renderer/school/profile/SchoolScreen';
import type { WorkspacePartnershipCertificate } from '../../shared/partnership/partnership-register';
import { seedWorkspace } from './moderator-fixtures';
import { freshDatabase, renderWithServices, SAMPLE_SCHOOL } from './render-app';
import { createSchool } from '../../renderer/db/school-store';

/**
 * "Get a certificate from your partnership" on a school's page and in a moderator workspace's
 * details: the state read live from the workspace's signing key, and a file that is not the
 * partnership's certificate refused in words with nothing changed. (Writing a request and
 * importing a real certificate need PKI.js, which does not run under jsdom: see
 * test/unit/partnership-workspace-stores.test.ts.)
 */
const CERTIFIED: WorkspacePartnershipCertificate = {
  certificateDer: new Uint8Array([0x30, 0x00]),
  rootDer: new Uint8Array([0x30, 0x00]),
  partnershipName: 'North East SEN Regional Partnership',
  region: 'North East',
  fingerprint: 'ab'.repeat(32),
  notBefore: '2026-11-01T09:00:00.000Z',
  notAfter: '2099-10-31T23:59:59.000Z',
  importedAt: '2026-11-02T09:00:00.000Z',
};

async function giveKey(db: AppDatabase, workspaceId: string, extra: object = {}) {
  const keys = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
  await db.signingKeys.put({
    workspaceId,
    keys,
    certificateDer: new Uint8Array([0x30, 0x00]),
    fingerprint: 'cd'.repeat(32),
    commonName: SAMPLE_SCHOOL.name,
    urn: SAMPLE_SCHOOL.urn,
    organisation: '',
    createdAt: '2026-10-01T09:00:00.000Z',
    ...extra,
  });
}

async function schoolPanel(db: AppDatabase, schoolId: string) {
  await renderWithServices(<SchoolScreen schoolId={schoolId} />, { db });
  const panel = (await screen.findByRole('heading', { level: 2, name: 'Get a certificate from your partnership' })).closest('section')!;
  await waitFor(() => expect(within(panel).getByTestId('partnership-certificate-state').textContent).not.toBe('Loading…'));
  return panel;
}

describe('Get a certificate from your partnership', () => {
  it('on a school with no key yet says none, and refuses a certificate until a request was written', async () => {
    const db = freshDatabase();
    const school = await createSchool(db, SAMPLE_SCHOOL);
    const panel = await schoolPanel(db, school.id);
    expect(within(panel).getByTestId('partnership-certificate-state').textContent).toMatch(/^No certificate from a partnership yet\./);
    await userEvent
      .setup()
      .upload(
        within(panel).getByLabelText('Import the certificate from your partnership (.crt.pem)'),
        new File(['-----BEGIN CERTIFICATE-----\nMAA=\n-----END CERTIFICATE-----\n'], 'x.crt.pem'),
      );
    expect((await within(panel).findByRole('alert')).textContent).toBe(
      'This certificate cannot be used: this workspace has no signing key yet, so the certificate cannot be for it. Write a certificate request from here first and send it to your partnership.',
    );
    expect(await db.signingKeys.count()).toBe(0);
  });

  it('shows requested, then certified until a date, then expired, live from the workspace’s key', async () => {
    const db = freshDatabase();
    const school = await createSchool(db, SAMPLE_SCHOOL);
    await giveKey(db, school.id, { certificateRequestedAt: '2026-11-01T08:00:00.000Z' });
    const panel = await schoolPanel(db, school.id);
    const state = within(panel).getByTestId('partnership-certificate-state');
    expect(state.textContent).toBe(
      'Certificate requested on 1 November 2026. Send the request file to your partnership, then import the certificate file it sends back.',
    );
    await db.signingKeys.update(school.id, { partnershipCertificate: CERTIFIED });
    await within(panel).findByText(/^Certified by the/);
    expect(state.textContent).toBe(
      'Certified by the North East SEN Regional Partnership until 31 October 2099. Your files carry this certificate.',
    );
    await db.signingKeys.update(school.id, { partnershipCertificate: { ...CERTIFIED, notAfter: '2026-11-30T23:59:59.000Z' } });
    await within(panel).findByText(/expired on 30 November 2026/);
    expect(state.textContent).toMatch(/^The certificate from the North East SEN Regional Partnership expired on 30 November 2026\./);
  });

  it('refuses a file that does not hold the certificate and the partnership’s, and keeps the workspace as it was', async () => {
    const db = freshDatabase();
    const school = await createSchool(db, SAMPLE_SCHOOL);
    await giveKey(db, school.id, { partnershipCertificate: CERTIFIED });
    const panel = await schoolPanel(db, school.id);
    await userEvent
      .setup()
      .upload(
        within(panel).getByLabelText('Import the certificate from your partnership (.crt.pem)'),
        new File(['-----BEGIN CERTIFICATE REQUEST-----\nMAA=\n-----END CERTIFICATE REQUEST-----\n'], 'request.csr.pem'),
      );
    expect((await within(panel).findByRole('alert')).textContent).toBe(
      'This certificate cannot be used: the file should hold your certificate and the partnership’s certificate, and it does not. Ask the partnership to send the certificate file again.',
    );
    const { certificateDer: _certificate, rootDer: _root, ...kept } = CERTIFIED;
    expect((await db.signingKeys.get(school.id))?.partnershipCertificate).toMatchObject(kept);
    expect(within(panel).getByTestId('partnership-certificate-state').textContent).toMatch(/^Certified by the North East/);
  });

  it('is in a moderator workspace’s details too', async () => {
    const db = freshDatabase();
    const workspace = await seedWorkspace(db);
    await renderWithServices(<ModeratorWorkspaceFormScreen workspaceId={workspace.id} />, { db });
    const panel = (await screen.findByRole('heading', { level: 2, name: 'Get a certificate from your partnership' })).closest('section')!;
    expect(await within(panel).findByText(/^No certificate from a partnership yet\./)).toBeTruthy();
    expect(within(panel).getByRole('button', { name: 'Write a certificate request' })).toBeTruthy();
  });
});
