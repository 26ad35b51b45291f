import { beforeAll, describe, expect, it } from 'vitest';
import { createCertificateRequest, readCertificateRequest } from '../../shared/crypto/certificate-request';
import { issueCertificate, type IssuedCertificate, type PartnershipAuthority } from '../../shared/crypto/partnership-certificate';
import { createPartnershipRoot } from '../../shared/crypto/partnership-root';
import { pemBlock } from '../../shared/crypto/pem-file';
import { createRevocationList } from '../../shared/crypto/revocation-list';
import { createSigningKeyPair, type RandomBytes } from '../../shared/crypto/signing-certificate';
import { isStrictDer } from '../../shared/crypto/strict-der';
import { openssl, tempFile } from '../fixtures/openssl-pki';

/**
 * Many issued certificates, some with the serial bytes that DER encodes with a sign octet or
 * shortens, checked by openssl in one run each: every request verifies, every certificate
 * verifies against the root, and with a revocation list listing half of them, exactly that half
 * fails openssl's revocation check.
 */
const COUNT = 40;
const EDGE: readonly (readonly number[])[] = [[0x00, 0x05], [0x00, 0x00, 0x80], [0x80], [0xff], new Array<number>(16).fill(0), [0x7f]];
const forced =
  (start: readonly number[], seed: number): RandomBytes =>
  (length) => {
    const bytes = new Uint8Array(length).map((_, i) => (i * 131 + seed * 7 + 3) & 0xff);
    bytes.set(start.slice(0, length));
    return bytes;
  };

let authority: PartnershipAuthority;
const issued: IssuedCertificate[] = [];
const requests: string[] = [];

beforeAll(async () => {
  const keys = await createSigningKeyPair();
  authority = {
    privateKey: keys.privateKey,
    rootDer: await createPartnershipRoot(
      keys,
      { name: 'North East SEN Regional Partnership', region: 'North East' },
      new Date('2026-01-05'),
    ),
  };
  for (let i = 0; i < COUNT; i += 1) {
    const subject =
      i % 2 === 0
        ? ({ commonName: `School ${i}`, role: 'School', urn: String(100_000 + i) } as const)
        : ({ commonName: `Moderator ${i}`, role: 'Moderator', organisation: 'Durham County Council' } as const);
    const request = await createCertificateRequest(await createSigningKeyPair(), subject);
    requests.push(request);
    const read = await readCertificateRequest(new TextEncoder().encode(request));
    if (!read.ok) throw new Error(read.message);
    const edge = EDGE[i];
    const validity = { from: new Date('2026-02-01'), to: new Date('2029-01-31') };
    issued.push(await issueCertificate(authority, read.request, validity, edge ? forced(edge, i) : undefined));
  }
}, 60_000);

const at = String(Date.parse('2026-09-01') / 1000);

describe(`${COUNT} requests and issued certificates, checked by openssl`, () => {
  it('are all strict DER with distinct serials', () => {
    expect(issued.every((c) => isStrictDer(c.certificateDer))).toBe(true);
    expect(new Set(issued.map((c) => c.serial)).size).toBe(COUNT);
  });

  it('every request verifies with openssl req -verify', () => {
    const failed = requests.filter((request, i) => {
      const outcome = openssl('req', '-in', tempFile(`request-${i}.pem`, request), '-verify', '-noout');
      return !(outcome.stdout + outcome.stderr).includes('verify OK');
    });
    expect(failed).toEqual([]);
  });

  it('every certificate verifies against the root; with the list, exactly the revoked half fails', async () => {
    const root = tempFile('root.pem', pemBlock('CERTIFICATE', authority.rootDer));
    const paths = issued.map((c, i) => tempFile(`certificate-${i}.pem`, pemBlock('CERTIFICATE', c.certificateDer)));
    const plain = openssl('verify', '-x509_strict', '-attime', at, '-CAfile', root, ...paths);
    expect(plain.ok).toBe(true);
    expect(plain.stdout.trim().split('\n')).toEqual(paths.map((path) => `${path}: OK`));

    const revoked = issued.filter((_, i) => i % 2 === 1);
    const { file } = await createRevocationList(authority, {
      thisUpdate: new Date('2026-08-01'),
      nextUpdate: new Date('2026-10-01'),
      number: 1,
      entries: revoked.map((c) => ({ serial: c.serial, date: new Date('2026-07-01'), reason: 'affiliation-changed' as const })),
    });
    const crl = tempFile('list.crl.pem', file);
    expect(openssl('crl', '-in', crl, '-CAfile', root, '-noout').stderr).toContain('verify OK');
    const outcomes = paths.map((path) =>
      openssl('verify', '-x509_strict', '-attime', at, '-CAfile', root, '-CRLfile', crl, '-crl_check', path),
    );
    expect(outcomes.map((o, i) => (i % 2 === 1 ? !o.ok && (o.stdout + o.stderr).includes('certificate revoked') : o.ok))).toEqual(
      new Array<boolean>(COUNT).fill(true),
    );
  });
});
