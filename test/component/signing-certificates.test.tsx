import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { CertificateReissueNote, SigningCertificates } from '../../renderer/settings/SigningCertificates';
import { render } from '@testing-library/react';
import type { AppDatabase } from '../../renderer/db/app-database';
import { createSchool } from '../../renderer/db/school-store';
import type { SigningKeyRecordWithReissue } from '../../renderer/db/signing-key-reissue';
import { freshDatabase, renderWithServices, SAMPLE_SCHOOL } from './render-app';

/**
 * Settings lists each school's certificate; one that was re-issued because an older version wrote
 * it in a form other tools refuse shows both fingerprints and asks the school to tell its moderator.
 */
const OLD = 'ab12'.repeat(16);
const NEW = 'cd34'.repeat(16);

async function seed(db: AppDatabase, name: string, urn: string, extra: Partial<SigningKeyRecordWithReissue>) {
  const school = await createSchool(db, { ...SAMPLE_SCHOOL, name, urn });
  const keys = await globalThis.crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
  const record: SigningKeyRecordWithReissue = {
    workspaceId: school.id,
    keys,
    certificateDer: new Uint8Array([0x30, 0x00]),
    fingerprint: NEW,
    commonName: name,
    urn,
    createdAt: '2026-12-01T09:00:00.000Z',
    ...extra,
  };
  await db.signingKeys.put(record);
}

describe('Signing certificates in Settings', () => {
  it('shows the old and new fingerprints of a re-issued certificate and asks the school to tell its moderator', async () => {
    const db = freshDatabase();
    await seed(db, 'Reissued Primary', '100005', {
      reissue: { reason: 'not-strict-der', previousFingerprint: OLD, at: '2026-12-01T09:00:00.000Z' },
    });
    await seed(db, 'Untouched Primary', '100006', { fingerprint: 'ef56'.repeat(16) });
    await renderWithServices(<SigningCertificates />, { db });

    const list = await screen.findByTestId('certificate-list');
    const notes = await within(list).findAllByTestId('certificate-reissued');
    expect(notes).toHaveLength(1);
    const note = notes[0];
    if (!note) throw new Error('no note');
    expect(note.closest('div:not([data-testid])')?.textContent).toContain('Reissued Primary');
    expect(note.textContent).toContain('Old fingerprint ab12 ab12 ab12 ab12 ab12 ab12 ab12 ab12 ab12 ab12 ab12 ab12 ab12 ab12 ab12 ab12');
    expect(note.textContent).toContain('New fingerprint cd34 cd34 cd34 cd34 cd34 cd34 cd34 cd34 cd34 cd34 cd34 cd34 cd34 cd34 cd34 cd34');
    expect(note.textContent).toMatch(/Tell your moderator the new fingerprint/);
    expect(note.textContent).toMatch(/older version of this app wrote the old one in a form that other programs .* refuse/);
    expect(
      within(list)
        .getByText(/Untouched Primary/)
        .closest('div')
        ?.querySelector('[data-testid="certificate-reissued"]'),
    ).toBeNull();
  });

  it('tells a moderator to tell their schools, and shows nothing for a certificate that was never re-issued', async () => {
    const keys = await globalThis.crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
    const record: SigningKeyRecordWithReissue = {
      workspaceId: 'ws-1',
      keys,
      certificateDer: new Uint8Array([0x30, 0x00]),
      fingerprint: NEW,
      commonName: 'Jordan Hale',
      urn: '',
      organisation: 'North East SEN Partnership',
      createdAt: '2026-12-01T09:00:00.000Z',
    };
    const plain = render(<CertificateReissueNote record={record} signer="moderator" />);
    expect(plain.container.textContent).toBe('');
    plain.unmount();
    render(
      <CertificateReissueNote
        record={{ ...record, reissue: { reason: 'not-strict-der', previousFingerprint: OLD, at: record.createdAt } }}
        signer="moderator"
      />,
    );
    const note = screen.getByTestId('certificate-reissued');
    expect(note.textContent).toMatch(/^Your certificate was replaced/);
    expect(note.textContent).toMatch(/Tell the schools you moderate the new fingerprint before they import your next report/);
    expect(note.textContent).toContain('Old fingerprint ab12');
  });

  it('shows the partnership’s certificate as the one files are signed with while it is valid, and this computer’s own below it', async () => {
    const db = freshDatabase();
    const now = Date.now();
    await seed(db, 'Certified Primary', '100007', {
      partnershipCertificate: {
        certificateDer: new Uint8Array([0x30, 0x00]),
        rootDer: new Uint8Array([0x30, 0x00]),
        partnershipName: 'South West partnership',
        region: 'south-west',
        fingerprint: '9a9a'.repeat(16),
        notBefore: new Date(now - 86_400_000).toISOString(),
        notAfter: '2099-08-31T12:00:00.000Z',
        importedAt: new Date(now - 3_600_000).toISOString(),
      },
    });
    await seed(db, 'Lapsed Primary', '100008', {
      fingerprint: 'ef56'.repeat(16),
      partnershipCertificate: {
        certificateDer: new Uint8Array([0x30, 0x00]),
        rootDer: new Uint8Array([0x30, 0x00]),
        partnershipName: 'South West partnership',
        region: 'south-west',
        fingerprint: '7b7b'.repeat(16),
        notBefore: '2020-09-01T00:00:00.000Z',
        notAfter: '2021-08-31T00:00:00.000Z',
        importedAt: '2020-09-01T00:00:00.000Z',
      },
    });
    await renderWithServices(<SigningCertificates />, { db });

    const list = await screen.findByTestId('certificate-list');
    const certified = within(list)
      .getByText(/Certified Primary/)
      .closest('div');
    expect(within(certified as HTMLElement).getByTestId('certified-fingerprint').textContent).toBe(
      `Files are signed with the certificate the South West partnership issued, valid until 31 August 2099: SHA-256 fingerprint ${'9a9a '.repeat(15)}9a9a.`,
    );
    expect(certified?.textContent).toContain(
      `This computer’s own certificate for the same key (used again if the partnership’s expires): fingerprint ${'cd34 '.repeat(15)}cd34`,
    );
    // An expired partnership certificate is not what files are signed with: the workspace's own is shown as before.
    const lapsed = within(list)
      .getByText(/Lapsed Primary/)
      .closest('div');
    expect(within(lapsed as HTMLElement).queryByTestId('certified-fingerprint')).toBeNull();
    expect(lapsed?.textContent).toContain(`SHA-256 fingerprint ${'ef56 '.repeat(15)}ef56`);
    expect(lapsed?.textContent).not.toContain('7b7b');
  });
});
