import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { describe, expect, it } from 'vitest';
import { caConstraintOf, keyUsagesOf } from '../../shared/crypto/certificate-fields';
import {
  createPartnershipRoot,
  partnershipIdentityProblem,
  readPartnershipRoot,
  type PartnershipIdentity,
} from '../../shared/crypto/partnership-root';
import { pemBlock } from '../../shared/crypto/pem-file';
import { createSelfSignedCertificate, createSigningKeyPair, parseCertificate } from '../../shared/crypto/signing-certificate';
import { isStrictDer } from '../../shared/crypto/strict-der';
import { openssl, tempFile } from '../fixtures/openssl-pki';

const SOUTH_WEST: PartnershipIdentity = { name: 'South West SEN Regional Partnership', region: 'South West' };
const NOW = new Date('2026-03-02T10:00:00Z');

describe('a partnership root certificate', () => {
  it('is strict DER, a CA for end certificates only, for certificate and CRL signing, naming the partnership and region', async () => {
    const keys = await createSigningKeyPair();
    const der = await createPartnershipRoot(keys, SOUTH_WEST, NOW);
    expect(isStrictDer(der)).toBe(true);
    const certificate = parseCertificate(der);
    expect(caConstraintOf(certificate)).toEqual({ ca: true, pathLength: 0 });
    expect([...(keyUsagesOf(certificate) ?? [])].sort()).toEqual(['cRLSign', 'keyCertSign']);
    expect(certificate.notBefore.value.toISOString()).toBe('2026-03-02T09:59:00.000Z');
    expect(certificate.notAfter.value.toISOString()).toBe('2046-03-02T10:00:00.000Z');
    const read = await readPartnershipRoot(der);
    expect(read.ok && { name: read.root.name, region: read.root.region, keyLength: read.root.keyId.length }).toEqual({
      ...SOUTH_WEST,
      keyLength: 40,
    });
  });

  it('is read by openssl as a self-signed CA with those extensions and that subject', async () => {
    const der = await createPartnershipRoot(await createSigningKeyPair(), SOUTH_WEST, NOW);
    const path = tempFile('root.pem', pemBlock('CERTIFICATE', der));
    const text = openssl('x509', '-in', path, '-noout', '-text', '-nameopt', 'RFC2253');
    expect(text.ok).toBe(true);
    expect(text.stdout).toContain(
      'Subject: CN=South West SEN Regional Partnership,OU=Partnership,O=South West SEN Regional Partnership,ST=South West,C=GB',
    );
    expect(text.stdout).toMatch(/X509v3 Basic Constraints: critical\s+CA:TRUE, pathlen:0/);
    expect(text.stdout).toMatch(/X509v3 Key Usage: critical\s+Certificate Sign, CRL Sign\n/);
    expect(text.stdout).toContain('X509v3 Subject Key Identifier');
    expect(text.stdout).toContain('ecdsa-with-SHA256');
    // openssl checks the self-signature and the CA extensions when it trusts the root as itself.
    const verify = openssl('verify', '-CAfile', path, '-x509_strict', path);
    expect(verify).toMatchObject({ ok: true });
    expect(verify.stdout.trim()).toBe(`${path}: OK`);
  });

  it('gives every root a different serial number that is strict DER, from the injected random source', async () => {
    const keys = await createSigningKeyPair();
    const high = await createPartnershipRoot(keys, SOUTH_WEST, NOW, (n) => new Uint8Array(n).fill(0xff));
    const zero = await createPartnershipRoot(keys, SOUTH_WEST, NOW, (n) => new Uint8Array(n));
    expect(Buffer.from(parseCertificate(high).serialNumber.valueBlock.valueHexView).toString('hex')).toBe(`00${'ff'.repeat(16)}`);
    expect(Buffer.from(parseCertificate(zero).serialNumber.valueBlock.valueHexView).toString('hex')).toBe('01');
    expect(isStrictDer(high) && isStrictDer(zero)).toBe(true);
  });

  it('refuses a name or region that cannot go in a certificate, in plain words', async () => {
    expect(partnershipIdentityProblem({ name: ' ', region: 'South West' })).toMatch(/name must be/);
    expect(partnershipIdentityProblem({ name: 'A', region: 'South\nWest' })).toMatch(/region must be/);
    expect(partnershipIdentityProblem({ name: 'x'.repeat(65), region: 'South West' })).toMatch(/name must be/);
    expect(partnershipIdentityProblem(SOUTH_WEST)).toBeNull();
    await expect(createPartnershipRoot(await createSigningKeyPair(), { name: '', region: 'X' })).rejects.toThrow(/name must be/);
  });
});

describe('reading a certificate as a partnership root', () => {
  it('refuses a school’s self-signed certificate: it may not certify others', async () => {
    const school = await createSelfSignedCertificate(await createSigningKeyPair(), {
      commonName: 'A School',
      role: 'School',
      urn: '100001',
    });
    expect(await readPartnershipRoot(school)).toEqual({
      ok: false,
      message: 'This is not a partnership’s certificate: it is not allowed to certify others.',
    });
  });

  it('refuses a root whose bytes were altered after signing', async () => {
    const der = await createPartnershipRoot(await createSigningKeyPair(), SOUTH_WEST, NOW);
    const certificate = parseCertificate(der);
    // Another key's public key put in, signature left as it was.
    await certificate.subjectPublicKeyInfo.importKey((await createSigningKeyPair()).publicKey);
    const altered = new Uint8Array(certificate.toSchema(true).toBER(false));
    expect(await readPartnershipRoot(altered)).toEqual({
      ok: false,
      message: 'This is not a partnership’s certificate: it is not signed by its own key, so it may have been altered.',
    });
  });

  it('refuses a CA root that allows authorities below it', async () => {
    const keys = await createSigningKeyPair();
    const certificate = parseCertificate(await createPartnershipRoot(keys, SOUTH_WEST, NOW));
    certificate.extensions = certificate.extensions?.map((e) =>
      e.extnID === '2.5.29.19'
        ? new pkijs.Extension({
            extnID: e.extnID,
            critical: true,
            extnValue: new pkijs.BasicConstraints({ cA: true }).toSchema().toBER(false),
          })
        : e,
    );
    await certificate.sign(keys.privateKey, 'SHA-256');
    const read = await readPartnershipRoot(new Uint8Array(certificate.toSchema(true).toBER(false)));
    expect(read).toEqual({ ok: false, message: expect.stringMatching(/allows other authorities below it/) as unknown });
  });

  it('refuses what is not a certificate, without throwing', async () => {
    const notCertificate = new Uint8Array(new asn1js.Sequence({ value: [new asn1js.Integer({ value: 1 })] }).toBER(false));
    const read = await readPartnershipRoot(notCertificate);
    expect(read.ok).toBe(false);
  });
});
