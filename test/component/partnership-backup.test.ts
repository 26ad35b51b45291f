import { describe, expect, it } from 'vitest';
import { AppDatabase } from '../../renderer/db/app-database';
import { checkBackupFile, makeBackup, restoreBackup } from '../../renderer/db/backup-store';
import { openAppDatabase } from '../../renderer/db/database-guard';
import type { IssuedCertificateRecord, PartnershipWorkspace } from '../../shared/partnership/partnership-register';
import { genuineFilesVerifier } from './backup-test-data';
import { freshDatabase } from './render-app';

/**
 * A partnership's workspace and its register of issued certificates are in a backup and come back
 * from it as they were; its signing key, like every workspace's, is not (keys never leave the
 * computer they were made on), so the restored partnership says it cannot issue or revoke here.
 */
const VERSION = '0.0.0-test';

describe('a partnership in a backup', () => {
  it('comes back with its register, certificate bytes and revocations; its key stays behind', async () => {
    const db = freshDatabase();
    expect(await openAppDatabase(db, VERSION)).toEqual({ ok: true });
    const partnership: PartnershipWorkspace = {
      id: 'p1',
      name: 'South West SEN Regional Partnership',
      region: 'South West',
      rootFingerprint: 'ab'.repeat(32),
      createdAt: '2026-11-01T09:00:00.000Z',
      revocationListNumber: 3,
      revocationListPublishedAt: '2026-11-20T09:00:00.000Z',
    };
    const issued: IssuedCertificateRecord = {
      key: 'p1|0A1B',
      partnershipId: 'p1',
      serial: '0A1B',
      subject: { commonName: 'Kingsbridge Community College', role: 'School', urn: '113532', organisation: '' },
      keyFingerprint: 'cd'.repeat(32),
      fingerprint: 'ef'.repeat(32),
      certificateDer: new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x07]),
      notBefore: '2026-11-02T09:00:00.000Z',
      notAfter: '2027-11-02T23:59:59.000Z',
      issuedAt: '2026-11-02T09:00:00.000Z',
      revocation: { date: '2026-11-19T10:00:00.000Z', reason: 'key-compromise' },
    };
    await db.partnerships.put(partnership);
    await db.issuedCertificates.put(issued);
    const keys = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
    await db.signingKeys.put({
      workspaceId: 'p1',
      keys,
      certificateDer: new Uint8Array([0x30, 0x00]),
      fingerprint: partnership.rootFingerprint,
      commonName: partnership.name,
      urn: '',
      organisation: partnership.region,
      createdAt: partnership.createdAt,
    });

    const made = await makeBackup(db, VERSION);
    await db.delete();
    const fresh = new AppDatabase(db.name);
    expect(await openAppDatabase(fresh, VERSION)).toEqual({ ok: true });
    const file = new File([await made.file.arrayBuffer()], made.fileName);
    const checked = await checkBackupFile(fresh, file, VERSION, genuineFilesVerifier([]).runner);
    if (!checked.ok) throw new Error(checked.message);
    await restoreBackup(fresh, checked.backup, VERSION);

    expect(await fresh.partnerships.toArray()).toEqual([partnership]);
    const [restored] = await fresh.issuedCertificates.toArray();
    expect(restored).toMatchObject({ ...issued, certificateDer: expect.anything() });
    expect([...new Uint8Array(restored!.certificateDer)]).toEqual([0x30, 0x03, 0x02, 0x01, 0x07]);
    expect(await fresh.signingKeys.count()).toBe(0);
  });
});
