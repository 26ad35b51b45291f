import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { AppDatabase } from '../../renderer/db/app-database';
import { HomeScreen } from '../../renderer/home/HomeScreen';
import { PartnershipFormScreen } from '../../renderer/partnership/PartnershipFormScreen';
import { PartnershipScreen } from '../../renderer/partnership/PartnershipScreen';
import type { IssuedCertificateRecord, PartnershipWorkspace } from '../../shared/partnership/partnership-register';
import { freshDatabase, recordingPlatform, renderWithServices } from './render-app';

/**
 * The partnership workspace's screens over records written as its stores write them. (Making a
 * root certificate or issuing one needs PKI.js, which does not run under jsdom: those stores are
 * tested over real keys in test/unit/partnership-workspace-stores.test.ts.)
 */
const PARTNERSHIP: PartnershipWorkspace = {
  id: 'p1',
  name: 'South West SEN Regional Partnership',
  region: 'South West',
  rootFingerprint: '0123456789abcdef'.repeat(4),
  createdAt: '2026-11-01T09:00:00.000Z',
  revocationListNumber: 0,
};
const ROOT_DER = new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x07]);

function issued(serial: string, commonName: string, extra: Partial<IssuedCertificateRecord> = {}): IssuedCertificateRecord {
  return {
    key: `p1|${serial}`,
    partnershipId: 'p1',
    serial,
    subject: { commonName, role: 'School', urn: '113532', organisation: '' },
    keyFingerprint: 'ab'.repeat(32),
    fingerprint: 'cd'.repeat(32),
    certificateDer: new Uint8Array([0x30, 0x00]),
    notBefore: '2026-11-02T09:00:00.000Z',
    notAfter: '2099-11-02T23:59:59.000Z',
    issuedAt: `2026-11-${serial === '0A' ? '02' : '03'}T09:00:00.000Z`,
    ...extra,
  };
}

async function seedPartnership(db: AppDatabase, withKey = true) {
  await db.partnerships.put(PARTNERSHIP);
  if (withKey) {
    const keys = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
    await db.signingKeys.put({
      workspaceId: 'p1',
      keys,
      certificateDer: ROOT_DER,
      fingerprint: PARTNERSHIP.rootFingerprint,
      commonName: PARTNERSHIP.name,
      urn: '',
      organisation: PARTNERSHIP.region,
      createdAt: PARTNERSHIP.createdAt,
    });
  }
  await db.issuedCertificates.bulkPut([
    issued('0A', 'Kingsbridge Community College'),
    issued('0B', 'Totnes Primary School', {
      subject: { commonName: 'Totnes Primary School', role: 'School', urn: '113600', organisation: '' },
      revocation: { date: '2026-11-20T10:00:00.000Z', reason: 'superseded' },
    }),
  ]);
}

describe('the partnership workspace', () => {
  it('is listed on the home screen beside schools and moderators, and links to its screen', async () => {
    const db = freshDatabase();
    await db.partnerships.put(PARTNERSHIP);
    await renderWithServices(<HomeScreen />, { db });
    const list = await screen.findByRole('list', { name: 'Partnership workspaces' });
    const link = within(list).getByRole('link', { name: 'South West SEN Regional Partnership' });
    expect(link.getAttribute('href')).toBe('#/partnerships/p1');
    expect(screen.getByRole('link', { name: 'Set up a partnership workspace' }).getAttribute('href')).toBe('#/partnerships/new');
  });

  it('asks for the region before making anything, and fills the name from the region', async () => {
    const db = freshDatabase();
    await renderWithServices(<PartnershipFormScreen />, { db });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Set up partnership workspace' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Choose the partnership’s region.');
    expect(await db.partnerships.count()).toBe(0);
    await user.selectOptions(screen.getByLabelText('Region'), 'South West');
    expect((screen.getByLabelText(/Partnership’s name/) as HTMLInputElement).value).toBe('South West SEN Regional Partnership');
  });

  it('shows its root certificate’s fingerprint and saves the certificate as PEM for moderators to pin', async () => {
    const db = freshDatabase();
    await seedPartnership(db);
    const platform = recordingPlatform();
    await renderWithServices(<PartnershipScreen partnershipId="p1" />, { db, platform });
    expect(await screen.findByRole('heading', { level: 1, name: 'South West SEN Regional Partnership' })).toBeTruthy();
    const root = screen.getByRole('heading', { level: 2, name: 'Root certificate' }).closest('section')!;
    expect(root.textContent).toContain('0123 4567 89ab cdef 0123 4567 89ab cdef');
    await userEvent.setup().click(within(root).getByRole('button', { name: 'Save the root certificate (.pem)' }));
    expect((await within(root).findByRole('status')).textContent).toContain(
      'Saved South West SEN Regional Partnership root certificate.pem.',
    );
    expect(platform.saved.map((f) => f.name)).toEqual(['South West SEN Regional Partnership root certificate.pem']);
    expect(await platform.saved[0]!.data.text()).toBe('-----BEGIN CERTIFICATE-----\nMAMCAQc=\n-----END CERTIFICATE-----\n');
  });

  it('refuses a file that is not a certificate request, saying what it is', async () => {
    const db = freshDatabase();
    await seedPartnership(db);
    await renderWithServices(<PartnershipScreen partnershipId="p1" />, { db });
    const panel = (await screen.findByRole('heading', { level: 2, name: 'Issue a certificate' })).closest('section')!;
    await userEvent
      .setup()
      .upload(
        within(panel).getByLabelText('Choose a certificate request (.csr.pem)'),
        new File(['-----BEGIN X509 CRL-----\nMAA=\n-----END X509 CRL-----\n'], 'list.crl.pem'),
      );
    expect((await within(panel).findByRole('alert')).textContent).toBe(
      'This certificate request cannot be used: it holds a “x509 crl” instead of a certificate request. Ask the school or moderator to write a new request from their workspace and send it again.',
    );
    expect(within(panel).queryByRole('button', { name: 'Issue the certificate' })).toBeNull();
    expect(await db.issuedCertificates.count()).toBe(2);
  });

  it('lists the register newest first and revokes a certificate with a chosen reason, then asks for a new list', async () => {
    const db = freshDatabase();
    await seedPartnership(db);
    await renderWithServices(<PartnershipScreen partnershipId="p1" />, { db });
    const register = (await screen.findByRole('heading', { level: 2, name: 'Certificates issued' })).closest('section')!;
    const rows = await within(register).findAllByRole('row');
    // In the app's table style, inside a named box a keyboard can scroll on a narrow window.
    const box = within(register).getByRole('region', { name: 'Certificates issued: table' });
    expect(box.tabIndex).toBe(0);
    expect(within(box).getByRole('table').classList.contains('table')).toBe(true);
    expect(rows.slice(1).map((row) => within(row).getByRole('rowheader').textContent)).toEqual([
      'Totnes Primary School (school)',
      'Kingsbridge Community College (school)',
    ]);
    expect(rows[1]!.textContent).toContain('Revoked on 20 November 2026: replaced by a newer certificate');
    expect(rows[2]!.textContent).toContain('Valid until 2 November 2099');
    expect(within(rows[1]!).queryByRole('button', { name: /^Revoke/ })).toBeNull();

    const user = userEvent.setup();
    await user.click(within(register).getByRole('button', { name: 'Revoke: the certificate of Kingsbridge Community College' }));
    await user.click(within(register).getByRole('button', { name: 'Revoke the certificate' }));
    expect((await within(register).findAllByRole('alert')).map((a) => a.textContent)).toContain('Choose why the certificate is revoked.');
    expect((await db.issuedCertificates.get('p1|0A'))?.revocation).toBeUndefined();
    await user.selectOptions(within(register).getByLabelText('Why is it revoked?'), 'key-compromise');
    await user.click(within(register).getByRole('button', { name: 'Revoke the certificate' }));
    expect((await within(register).findByRole('status')).textContent).toContain(
      'The certificate of Kingsbridge Community College is revoked. Publish a new revocation list',
    );
    expect((await db.issuedCertificates.get('p1|0A'))?.revocation?.reason).toBe('key-compromise');
    expect(await within(register).findByText(/Revoked on .*: the signing key may have been used by someone else/)).toBeTruthy();
    const lists = screen.getByRole('heading', { level: 2, name: 'Revocation list' }).closest('section')!;
    expect(lists.textContent).toContain('No revocation list has been published yet. 2 certificates were revoked since');
  });

  it('saves an issued certificate’s file again: the certificate, then the partnership’s root', async () => {
    const db = freshDatabase();
    await seedPartnership(db);
    const platform = recordingPlatform();
    await renderWithServices(<PartnershipScreen partnershipId="p1" />, { db, platform });
    const register = (await screen.findByRole('heading', { level: 2, name: 'Certificates issued' })).closest('section')!;
    await userEvent
      .setup()
      .click(await within(register).findByRole('button', { name: 'Save again: the certificate file of Kingsbridge Community College' }));
    expect((await within(register).findByRole('status')).textContent).toBe(
      'Saved Kingsbridge Community College certificate.crt.pem again.',
    );
    expect(platform.saved.map((f) => f.name)).toEqual(['Kingsbridge Community College certificate.crt.pem']);
    expect(await platform.saved[0]!.data.text()).toBe(
      '-----BEGIN CERTIFICATE-----\nMAA=\n-----END CERTIFICATE-----\n-----BEGIN CERTIFICATE-----\nMAMCAQc=\n-----END CERTIFICATE-----\n',
    );
  });

  it('without its key on this computer, says so and offers no issuing or revoking', async () => {
    const db = freshDatabase();
    await seedPartnership(db, false);
    await renderWithServices(<PartnershipScreen partnershipId="p1" />, { db });
    expect((await screen.findByRole('alert')).textContent).toContain('This partnership’s signing key is not on this computer');
    expect(await screen.findAllByRole('row')).toHaveLength(3);
    expect(screen.queryByRole('heading', { name: 'Issue a certificate' })).toBeNull();
    expect(screen.queryByRole('button', { name: /Revoke|Save/ })).toBeNull();
  });
});
