import { beforeAll, describe, expect, it } from 'vitest';
import { authorityKeyIdOf, subjectKeyIdOf } from '../../shared/crypto/certificate-fields';
import { createCertificateRequest, readCertificateRequest, type CheckedCertificateRequest } from '../../shared/crypto/certificate-request';
import { importIssuedCertificate, issueCertificate, type PartnershipAuthority } from '../../shared/crypto/partnership-certificate';
import { createPartnershipRoot } from '../../shared/crypto/partnership-root';
import { pemBlock, readPemBlocks } from '../../shared/crypto/pem-file';
import { createSigningKeyPair, parseCertificate, type CertificateSubject } from '../../shared/crypto/signing-certificate';
import { isStrictDer } from '../../shared/crypto/strict-der';
import { openssl, tempFile } from '../fixtures/openssl-pki';

const ROOT_MADE = new Date('2026-01-05T10:00:00Z');
const NOW = new Date('2026-03-02T10:00:00Z');
const SCHOOL: CertificateSubject = { commonName: 'Kingsbridge Community College', role: 'School', urn: '113532' };
const MODERATOR: CertificateSubject = {
  commonName: 'Ann Moderator',
  role: 'Moderator',
  organisation: 'South West SEN Regional Partnership',
};
const YEAR = { from: new Date('2026-03-02T00:00:00Z'), to: new Date('2029-03-01T23:59:59Z') };
const text = (bytes: string) => new TextEncoder().encode(bytes);

let authority: PartnershipAuthority;
let schoolKeys: CryptoKeyPair;
let schoolRequest: string;

beforeAll(async () => {
  const rootKeys = await createSigningKeyPair();
  authority = {
    privateKey: rootKeys.privateKey,
    rootDer: await createPartnershipRoot(rootKeys, { name: 'South West SEN Regional Partnership', region: 'South West' }, ROOT_MADE),
  };
  schoolKeys = await createSigningKeyPair();
  schoolRequest = await createCertificateRequest(schoolKeys, SCHOOL);
});

async function checked(pem: string): Promise<CheckedCertificateRequest> {
  const read = await readCertificateRequest(text(pem));
  if (!read.ok) throw new Error(read.message);
  return read.request;
}

describe('a certificate request', () => {
  it('is a PEM PKCS #10 request in strict DER that the partnership reads back as the same subject', async () => {
    expect(schoolRequest).toMatch(/^-----BEGIN CERTIFICATE REQUEST-----\n[A-Za-z0-9+/=\n]+-----END CERTIFICATE REQUEST-----\n$/);
    const request = await checked(schoolRequest);
    expect(request.subject).toEqual(SCHOOL);
    expect(isStrictDer(request.requestDer)).toBe(true);
    expect((await checked(await createCertificateRequest(await createSigningKeyPair(), MODERATOR))).subject).toEqual(MODERATOR);
  });

  it('is read the same from its DER bytes', async () => {
    const request = await checked(schoolRequest);
    const again = await readCertificateRequest(request.requestDer);
    expect(again.ok && again.request.subject).toEqual(SCHOOL);
  });

  it('is verified by openssl req -verify, which shows the subject', () => {
    const path = tempFile('school.csr.pem', schoolRequest);
    const verified = openssl('req', '-in', path, '-verify', '-noout', '-subject', '-nameopt', 'RFC2253');
    expect(verified.ok).toBe(true);
    // openssl 3.0 exits 0 whatever the outcome of -verify: its verdict is in what it prints.
    expect(verified.stderr + verified.stdout).toContain('Certificate request self-signature verify OK');
    expect(verified.stdout).toContain('subject=serialNumber=113532,CN=Kingsbridge Community College,OU=School,C=GB');
  });

  it('is refused when altered after signing: another URN put in', async () => {
    const der = (await checked(schoolRequest)).requestDer;
    const at = Buffer.from(der).indexOf('113532');
    const altered = der.slice();
    altered.set(text('113533'), at);
    const read = await readCertificateRequest(text(pemBlock('CERTIFICATE REQUEST', altered)));
    expect(read).toEqual({ ok: false, message: expect.stringContaining('it is not signed by the key it names') as unknown });
    // openssl agrees.
    const byOpenssl = openssl('req', '-in', tempFile('altered.csr.pem', pemBlock('CERTIFICATE REQUEST', altered)), '-verify', '-noout');
    expect(byOpenssl.stderr + byOpenssl.stdout).toContain('Certificate request self-signature verify failure');
  });

  it('refuses a file that holds something else, saying what it holds', async () => {
    const read = await readCertificateRequest(text(pemBlock('CERTIFICATE', authority.rootDer)));
    expect(read).toEqual({
      ok: false,
      message:
        'This certificate request cannot be used: it holds a “certificate” instead of a certificate request. ' +
        'Ask the school or moderator to write a new request from their workspace and send it again.',
    });
    expect((await readCertificateRequest(text('hello'))).ok).toBe(false);
    expect((await readCertificateRequest(new Uint8Array([0x30, 0x03, 0x02, 0x01]))).ok).toBe(false);
  });

  it('will not be written for a school without a six-digit URN or a moderator without an organisation', async () => {
    const keys = await createSigningKeyPair();
    await expect(createCertificateRequest(keys, { ...SCHOOL, urn: '1135' })).rejects.toThrow('A school’s URN must be six digits.');
    await expect(createCertificateRequest(keys, { commonName: 'M', role: 'Moderator' })).rejects.toThrow(/must name their organisation/);
  });
});

describe('issuing a certificate', () => {
  it('makes a strict-DER certificate issued by the root: its serial, dates, key usage, key identifiers and subject', async () => {
    const request = await checked(schoolRequest);
    const issued = await issueCertificate(authority, request, YEAR, (n) => new Uint8Array(n).fill(0x80));
    expect(isStrictDer(issued.certificateDer)).toBe(true);
    const certificate = parseCertificate(issued.certificateDer);
    expect(issued.serial).toBe('80'.repeat(16));
    expect(Buffer.from(certificate.serialNumber.valueBlock.valueHexView).toString('hex')).toBe(`00${'80'.repeat(16)}`);
    const root = parseCertificate(authority.rootDer);
    expect(await certificate.verify(root)).toBe(true);
    expect(authorityKeyIdOf(certificate.extensions)).toBe(subjectKeyIdOf(root));
    expect(subjectKeyIdOf(certificate)).not.toBe(subjectKeyIdOf(root));
    expect(issued.summary).toMatchObject({ commonName: SCHOOL.commonName, role: 'School', urn: '113532', notBefore: YEAR.from });
    expect(issued.summary.notAfter.toISOString()).toBe('2029-03-01T23:59:59.000Z');

    const leafPath = tempFile('school.crt.pem', issued.file);
    const shown = openssl('x509', '-in', leafPath, '-noout', '-text', '-nameopt', 'RFC2253');
    expect(shown.ok).toBe(true);
    expect(shown.stdout).toContain(
      'Issuer: CN=South West SEN Regional Partnership,OU=Partnership,O=South West SEN Regional Partnership,ST=South West,C=GB',
    );
    expect(shown.stdout).toContain('Subject: serialNumber=113532,CN=Kingsbridge Community College,OU=School,C=GB');
    expect(shown.stdout).toMatch(/X509v3 Key Usage: critical\s+Digital Signature, Non Repudiation\n/);
    expect(shown.stdout).toMatch(/X509v3 Basic Constraints: critical\s+CA:FALSE/);
    expect(shown.stdout).toContain('X509v3 Authority Key Identifier');
    expect(shown.stdout).toContain('X509v3 Subject Key Identifier');
    const rootPath = tempFile('root.pem', pemBlock('CERTIFICATE', authority.rootDer));
    const verified = openssl('verify', '-x509_strict', '-attime', String(Date.parse('2027-01-01') / 1000), '-CAfile', rootPath, leafPath);
    expect(verified.stdout.trim()).toBe(`${leafPath}: OK`);
  });

  it('refuses dates outside the root’s validity, or the wrong way round, in plain words', async () => {
    const request = await checked(schoolRequest);
    await expect(issueCertificate(authority, request, { from: YEAR.to, to: YEAR.from })).rejects.toThrow(
      'The certificate’s end date must be after its start date.',
    );
    await expect(issueCertificate(authority, request, { from: YEAR.from, to: new Date('2050-01-01') })).rejects.toThrow(
      /within the partnership’s own certificate, from 2026-01-05 to 2046-01-05/,
    );
  });

  it('refuses to issue with a key that is not the root’s', async () => {
    const request = await checked(schoolRequest);
    const wrong = { ...authority, privateKey: (await createSigningKeyPair()).privateKey };
    await expect(issueCertificate(wrong, request, YEAR)).rejects.toThrow(/could not be signed with the partnership’s key/);
  });
});

describe('importing the issued certificate', () => {
  it('accepts it for the workspace’s own key and role, with the partnership it names', async () => {
    const issued = await issueCertificate(authority, await checked(schoolRequest), YEAR);
    const imported = await importIssuedCertificate(text(issued.file), { publicKey: schoolKeys.publicKey, role: 'School' }, NOW);
    expect(imported.ok).toBe(true);
    if (!imported.ok) return;
    expect(imported.imported.certificateDer).toEqual(issued.certificateDer);
    expect(imported.imported.root).toMatchObject({ name: 'South West SEN Regional Partnership', region: 'South West' });
  });

  it('refuses a certificate for another key, naming what to do', async () => {
    const issued = await issueCertificate(authority, await checked(schoolRequest), YEAR);
    const other = await createSigningKeyPair();
    const imported = await importIssuedCertificate(text(issued.file), { publicKey: other.publicKey, role: 'School' }, NOW);
    expect(imported).toEqual({
      ok: false,
      message:
        'This certificate cannot be used: it is for a different key from this workspace’s. Check it is the file for this workspace; ' +
        'if it is, write a new certificate request from this workspace and send it to the partnership.',
    });
  });

  it('refuses one for the wrong role, an expired one, and one the partnership did not sign', async () => {
    const issued = await issueCertificate(authority, await checked(schoolRequest), YEAR);
    const wrongRole = await importIssuedCertificate(text(issued.file), { publicKey: schoolKeys.publicKey, role: 'Moderator' }, NOW);
    expect(wrongRole.ok || wrongRole.message).toMatch(/it is a “School” certificate, and this is a moderator’s workspace/);
    const late = await importIssuedCertificate(
      text(issued.file),
      { publicKey: schoolKeys.publicKey, role: 'School' },
      new Date('2030-01-01'),
    );
    expect(late.ok || late.message).toMatch(/it expired on 2029-03-01/);

    // Same subject and key, issued under an impostor root of the same name.
    const impostorKeys = await createSigningKeyPair();
    const impostorRoot = await createPartnershipRoot(
      impostorKeys,
      { name: 'South West SEN Regional Partnership', region: 'South West' },
      ROOT_MADE,
    );
    const forged = await issueCertificate(
      { privateKey: impostorKeys.privateKey, rootDer: impostorRoot },
      await checked(schoolRequest),
      YEAR,
    );
    const [leafBlock] = readPemBlocks(forged.file).ok ? forged.file.split(/(?<=-----END CERTIFICATE-----\n)/) : [];
    const mixed = `${leafBlock ?? ''}${pemBlock('CERTIFICATE', authority.rootDer)}`;
    const refused = await importIssuedCertificate(text(mixed), { publicKey: schoolKeys.publicKey, role: 'School' }, NOW);
    expect(refused.ok || refused.message).toMatch(/it was not issued by the partnership in the file/);
  });

  it('refuses a file with only one certificate, or none', async () => {
    const one = await importIssuedCertificate(text(pemBlock('CERTIFICATE', authority.rootDer)), {
      publicKey: schoolKeys.publicKey,
      role: 'School',
    });
    expect(one.ok || one.message).toMatch(/should hold your certificate and the partnership’s certificate/);
    const none = await importIssuedCertificate(text(schoolRequest), { publicKey: schoolKeys.publicKey, role: 'School' });
    expect(none.ok).toBe(false);
  });
});
