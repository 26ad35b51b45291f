import { beforeAll, describe, expect, it } from 'vitest';
import { readCertificateRequest, createCertificateRequest } from '../../shared/crypto/certificate-request';
import { issueCertificate, type IssuedCertificate, type PartnershipAuthority } from '../../shared/crypto/partnership-certificate';
import { createPartnershipRoot } from '../../shared/crypto/partnership-root';
import { pemBlock } from '../../shared/crypto/pem-file';
import { createRevocationList, readRevocationList, revocationClause, RevocationListError } from '../../shared/crypto/revocation-list';
import { createSigningKeyPair, type CertificateSubject } from '../../shared/crypto/signing-certificate';
import { isStrictDer } from '../../shared/crypto/strict-der';
import { openssl, tempFile } from '../fixtures/openssl-pki';

const SOUTH_WEST = { name: 'South West SEN Regional Partnership', region: 'South West' };
const ROOT_MADE = new Date('2026-01-05T10:00:00Z');
const VALIDITY = { from: new Date('2026-02-01T00:00:00Z'), to: new Date('2029-01-31T23:59:59Z') };
const LIST_DATES = { thisUpdate: new Date('2026-06-01T00:00:00Z'), nextUpdate: new Date('2026-07-01T00:00:00Z') };
const text = (s: string) => new TextEncoder().encode(s);
const at = (iso: string) => String(Date.parse(iso) / 1000);

let authority: PartnershipAuthority;
let kept: IssuedCertificate;
let revoked: IssuedCertificate;

async function issue(subject: CertificateSubject): Promise<IssuedCertificate> {
  const read = await readCertificateRequest(text(await createCertificateRequest(await createSigningKeyPair(), subject)));
  if (!read.ok) throw new Error(read.message);
  return issueCertificate(authority, read.request, VALIDITY);
}

beforeAll(async () => {
  const keys = await createSigningKeyPair();
  authority = { privateKey: keys.privateKey, rootDer: await createPartnershipRoot(keys, SOUTH_WEST, ROOT_MADE) };
  kept = await issue({ commonName: 'Kingsbridge Community College', role: 'School', urn: '113532' });
  revoked = await issue({ commonName: 'Lost Laptop Primary', role: 'School', urn: '100001' });
});

describe('a revocation list', () => {
  it('is strict DER and read back, against the pinned root, with each serial’s date and reason', async () => {
    const { der, file } = await createRevocationList(authority, {
      ...LIST_DATES,
      number: 3,
      entries: [
        { serial: revoked.serial, date: new Date('2026-05-10T09:00:00Z'), reason: 'key-compromise' },
        { serial: '01', date: new Date('2026-04-01T00:00:00Z'), reason: 'unspecified' },
      ],
    });
    expect(isStrictDer(der)).toBe(true);
    expect(file).toMatch(/^-----BEGIN X509 CRL-----\n/);
    const read = await readRevocationList(text(file), [authority.rootDer]);
    if (!read.ok) throw new Error(read.message);
    expect(read.list.root.name).toBe(SOUTH_WEST.name);
    expect(read.list.number).toBe(3);
    expect(read.list.thisUpdate).toEqual(LIST_DATES.thisUpdate);
    expect(read.list.nextUpdate).toEqual(LIST_DATES.nextUpdate);
    expect([...read.list.revoked]).toEqual([
      [revoked.serial, { date: new Date('2026-05-10T09:00:00Z'), reason: 'key-compromise' }],
      ['01', { date: new Date('2026-04-01T00:00:00Z'), reason: 'unspecified' }],
    ]);
    expect(revocationClause({ date: new Date('2026-05-10T09:00:00Z'), reason: 'key-compromise' })).toBe(
      'revoked on 2026-05-10 because its signing key may have been used by someone else',
    );
    // The same list read from DER.
    const fromDer = await readRevocationList(der, [authority.rootDer]);
    expect(fromDer.ok && fromDer.list.revoked.size).toBe(2);
  });

  it('with nobody revoked leaves the list out, and is still read', async () => {
    const { der } = await createRevocationList(authority, { ...LIST_DATES, number: 1, entries: [] });
    const read = await readRevocationList(der, [authority.rootDer]);
    expect(read.ok && read.list.revoked.size).toBe(0);
    const shown = openssl('crl', '-inform', 'DER', '-in', tempFile('empty.crl', der), '-noout', '-text');
    expect(shown.stdout).toContain('No Revoked Certificates.');
  });

  it('is refused when no pinned root signed it, even under the same name', async () => {
    const impostorKeys = await createSigningKeyPair();
    const impostor = { privateKey: impostorKeys.privateKey, rootDer: await createPartnershipRoot(impostorKeys, SOUTH_WEST, ROOT_MADE) };
    const { file } = await createRevocationList(impostor, { ...LIST_DATES, number: 1, entries: [] });
    const read = await readRevocationList(text(file), [authority.rootDer]);
    expect(read).toEqual({
      ok: false,
      message:
        'This revocation list cannot be used: it was not signed by any partnership you have pinned, so it may not be genuine. ' +
        'Pin the partnership’s certificate first, or ask the partnership for the list it signed.',
    });
    // Accepted only against the root that signed it.
    expect((await readRevocationList(text(file), [authority.rootDer, impostor.rootDer])).ok).toBe(true);
  });

  it('is refused when altered after signing: an entry’s date changed', async () => {
    const { der } = await createRevocationList(authority, {
      ...LIST_DATES,
      number: 2,
      entries: [{ serial: revoked.serial, date: new Date('2026-05-10T09:00:00Z'), reason: 'superseded' }],
    });
    const altered = der.slice();
    const where = Buffer.from(der).indexOf('260510');
    expect(where).toBeGreaterThan(0);
    altered.set(text('270510'), where);
    expect((await readRevocationList(altered, [authority.rootDer])).ok).toBe(false);
  });

  it('refuses serials that are not serial numbers, and dates the wrong way round', async () => {
    await expect(
      createRevocationList(authority, {
        ...LIST_DATES,
        number: 1,
        entries: [{ serial: 'not hex', date: new Date(), reason: 'superseded' }],
      }),
    ).rejects.toThrow(RevocationListError);
    await expect(
      createRevocationList(authority, { thisUpdate: LIST_DATES.nextUpdate, nextUpdate: LIST_DATES.thisUpdate, number: 1, entries: [] }),
    ).rejects.toThrow('The date of the next revocation list must be after this one’s.');
  });
});

describe('openssl reads and checks the list', () => {
  it('openssl crl verifies its signature with the root and lists the revoked serial with its reason', async () => {
    const { file } = await createRevocationList(authority, {
      ...LIST_DATES,
      number: 7,
      entries: [{ serial: revoked.serial, date: new Date('2026-05-10T09:00:00Z'), reason: 'key-compromise' }],
    });
    const root = tempFile('root.pem', pemBlock('CERTIFICATE', authority.rootDer));
    const crl = tempFile('list.crl.pem', file);
    const checked = openssl('crl', '-in', crl, '-CAfile', root, '-noout', '-text');
    expect(checked.ok).toBe(true);
    expect(checked.stderr).toContain('verify OK');
    expect(checked.stdout).toContain(`Serial Number: ${revoked.serial}`);
    expect(checked.stdout).toMatch(
      /Revocation Date: May 10 09:00:00 2026 GMT\s+CRL entry extensions:\s+X509v3 CRL Reason Code:\s+Key Compromise/,
    );
    expect(checked.stdout).toMatch(/X509v3 CRL Number:\s+7/);
    expect(checked.stdout).toContain('X509v3 Authority Key Identifier');
  });

  it('openssl verify -crl_check passes the kept certificate and fails the revoked one', async () => {
    const { file } = await createRevocationList(authority, {
      ...LIST_DATES,
      number: 8,
      entries: [{ serial: revoked.serial, date: new Date('2026-05-10T09:00:00Z'), reason: 'key-compromise' }],
    });
    const root = tempFile('root.pem', pemBlock('CERTIFICATE', authority.rootDer));
    const crl = tempFile('list.crl.pem', file);
    const verify = (certificate: Uint8Array, name: string) => {
      const path = tempFile(name, pemBlock('CERTIFICATE', certificate));
      return openssl('verify', '-x509_strict', '-attime', at('2026-06-15T00:00:00Z'), '-CAfile', root, '-CRLfile', crl, '-crl_check', path);
    };
    const good = verify(kept.certificateDer, 'kept.pem');
    expect(good.ok).toBe(true);
    expect(good.stdout).toMatch(/kept\.pem: OK/);
    const bad = verify(revoked.certificateDer, 'revoked.pem');
    expect(bad.ok).toBe(false);
    expect(bad.stdout + bad.stderr).toContain('certificate revoked');
  });
});
