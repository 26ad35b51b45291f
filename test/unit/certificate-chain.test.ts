import { beforeAll, describe, expect, it } from 'vitest';
import { verifyCertificateChain, type ChainInput } from '../../shared/crypto/certificate-chain';
import { createCertificateRequest, readCertificateRequest } from '../../shared/crypto/certificate-request';
import { signDigest, verifyDigestSignature } from '../../shared/crypto/cms-signature';
import { issueCertificate, type PartnershipAuthority } from '../../shared/crypto/partnership-certificate';
import { createPartnershipRoot } from '../../shared/crypto/partnership-root';
import { createRevocationList } from '../../shared/crypto/revocation-list';
import { createSelfSignedCertificate, createSigningKeyPair, type CertificateSubject } from '../../shared/crypto/signing-certificate';
import { isStrictDer } from '../../shared/crypto/strict-der';

const SOUTH_WEST = { name: 'South West SEN Regional Partnership', region: 'South West' };
const ROOT_MADE = new Date('2026-01-05T10:00:00Z');
const VALIDITY = { from: new Date('2026-02-01T00:00:00Z'), to: new Date('2029-01-31T23:59:59Z') };
const SIGNED = new Date('2026-06-15T12:00:00Z');
const KINGSBRIDGE: CertificateSubject = { commonName: 'Kingsbridge Community College', role: 'School', urn: '113532' };
const text = (s: string) => new TextEncoder().encode(s);

let authority: PartnershipAuthority;
let schoolKeys: CryptoKeyPair;
let certified: { der: Uint8Array<ArrayBuffer>; serial: string };

async function makeAuthority(): Promise<PartnershipAuthority> {
  const keys = await createSigningKeyPair();
  return { privateKey: keys.privateKey, rootDer: await createPartnershipRoot(keys, SOUTH_WEST, ROOT_MADE) };
}

async function issueFor(by: PartnershipAuthority, keys: CryptoKeyPair, subject: CertificateSubject, validity = VALIDITY) {
  const read = await readCertificateRequest(text(await createCertificateRequest(keys, subject)));
  if (!read.ok) throw new Error(read.message);
  const issued = await issueCertificate(by, read.request, validity);
  return { der: issued.certificateDer, serial: issued.serial };
}

beforeAll(async () => {
  authority = await makeAuthority();
  schoolKeys = await createSigningKeyPair();
  certified = await issueFor(authority, schoolKeys, KINGSBRIDGE);
});

const input = (overrides: Partial<ChainInput>): ChainInput => ({
  signerDer: certified.der,
  pinnedRootsDer: [authority.rootDer],
  signingTime: SIGNED,
  ...overrides,
});

describe('a certificate issued by a pinned partnership', () => {
  it('is certified, with the sentence the moderator reads', async () => {
    const verdict = await verifyCertificateChain(input({}));
    expect(verdict.kind).toBe('certified');
    expect(verdict.sentence).toBe(
      'Signed by Kingsbridge Community College, URN 113532, certified by the South West SEN Regional Partnership.',
    );
    expect(verdict.kind === 'certified' && verdict.partnership.region).toBe('South West');
    expect(verdict.kind === 'certified' && verdict.revocationListDate).toBeNull();
  });

  it('among several pinned roots, is certified by the one that issued it', async () => {
    const other = await makeAuthority();
    const verdict = await verifyCertificateChain(input({ pinnedRootsDer: [other.rootDer, authority.rootDer] }));
    expect(verdict.kind).toBe('certified');
  });

  it('names a moderator by organisation', async () => {
    const moderator = await issueFor(authority, await createSigningKeyPair(), {
      commonName: 'Ann Moderator',
      role: 'Moderator',
      organisation: 'Devon County Council',
    });
    const verdict = await verifyCertificateChain(input({ signerDer: moderator.der }));
    expect(verdict.sentence).toBe('Signed by Ann Moderator, Devon County Council, certified by the South West SEN Regional Partnership.');
  });
});

describe('a self-signed certificate', () => {
  it('is trusted on first use, as today, whatever roots are pinned', async () => {
    const der = await createSelfSignedCertificate(await createSigningKeyPair(), KINGSBRIDGE, ROOT_MADE);
    const verdict = await verifyCertificateChain(input({ signerDer: der }));
    expect(verdict).toMatchObject({
      kind: 'self-signed',
      sentence:
        'Signed by Kingsbridge Community College, URN 113532, with a certificate no partnership has certified: check its fingerprint with the sender the first time.',
    });
  });
});

describe('refused', () => {
  it('when the partnership is not pinned, even if the file carries its certificate', async () => {
    const verdict = await verifyCertificateChain(input({ pinnedRootsDer: [], otherCertificatesDer: [authority.rootDer] }));
    expect(verdict).toMatchObject({ kind: 'refused', reason: 'not-pinned' });
    expect(verdict.sentence).toBe(
      'The certificate of Kingsbridge Community College, URN 113532 claims to be certified by the South West SEN Regional Partnership, ' +
        'which you have not pinned (the file carries a certificate for it, which is not enough). ' +
        'Pin that partnership’s certificate, after checking its fingerprint with the partnership, and check the file again.',
    );
  });

  it('when an impostor root of the same name issued it: the chain is broken', async () => {
    const impostor = await makeAuthority();
    const forged = await issueFor(impostor, await createSigningKeyPair(), KINGSBRIDGE);
    const verdict = await verifyCertificateChain(input({ signerDer: forged.der, otherCertificatesDer: [impostor.rootDer] }));
    expect(verdict).toMatchObject({ kind: 'refused', reason: 'broken' });
    expect(verdict.sentence).toMatch(/was not signed by the key you pinned for that partnership, so it may be forged/);
  });

  it('when signed after the certificate expired, or before it began', async () => {
    const expired = await verifyCertificateChain(input({ signingTime: new Date('2029-02-01T00:00:00Z') }));
    expect(expired).toMatchObject({ kind: 'refused', reason: 'expired' });
    expect(expired.sentence).toBe(
      'The file was signed on 2029-02-01, after the certificate the South West SEN Regional Partnership gave Kingsbridge Community College, URN 113532 expired (2029-01-31). ' +
        'Ask the sender to renew their certificate with the partnership and export the file again.',
    );
    const early = await verifyCertificateChain(input({ signingTime: new Date('2026-01-20T00:00:00Z') }));
    expect(early).toMatchObject({ kind: 'refused', reason: 'not-yet-valid' });
    const beforeRoot = await verifyCertificateChain(input({ signingTime: new Date('2025-12-01T00:00:00Z') }));
    expect(beforeRoot).toMatchObject({ kind: 'refused', reason: 'root-not-valid' });
  });

  it('when revoked before the signing time, with the reason; certified, with a note, when revoked after', async () => {
    const list = (date: string) =>
      createRevocationList(authority, {
        thisUpdate: new Date('2026-07-01T00:00:00Z'),
        nextUpdate: new Date('2026-08-01T00:00:00Z'),
        number: 1,
        entries: [{ serial: certified.serial, date: new Date(date), reason: 'key-compromise' }],
      });
    const before = await verifyCertificateChain(input({ revocationListsDer: [(await list('2026-06-01T00:00:00Z')).der] }));
    expect(before).toMatchObject({ kind: 'refused', reason: 'revoked' });
    expect(before.sentence).toBe(
      'The certificate the South West SEN Regional Partnership gave Kingsbridge Community College, URN 113532 was revoked on 2026-06-01 ' +
        'because its signing key may have been used by someone else, before the file was signed on 2026-06-15. Do not accept the file; contact the partnership.',
    );
    const after = await verifyCertificateChain(input({ revocationListsDer: [(await list('2026-06-20T00:00:00Z')).der] }));
    expect(after).toMatchObject({ kind: 'certified', revokedLater: { reason: 'key-compromise' } });
    expect(after.sentence).toMatch(
      /certified by the South West SEN Regional Partnership\. Its certificate was revoked on 2026-06-20 .* after this file was signed\.$/,
    );
    expect(after.kind === 'certified' && after.revocationListDate).toEqual(new Date('2026-07-01T00:00:00Z'));
  });

  it('ignores a revocation list the pinned root did not sign (it could not revoke or clear anyone)', async () => {
    const impostor = await makeAuthority();
    const { der } = await createRevocationList(impostor, {
      thisUpdate: new Date('2026-07-01T00:00:00Z'),
      nextUpdate: new Date('2026-08-01T00:00:00Z'),
      number: 1,
      entries: [{ serial: certified.serial, date: new Date('2026-01-01T00:00:00Z'), reason: 'key-compromise' }],
    });
    const verdict = await verifyCertificateChain(input({ revocationListsDer: [der, text('not a list')] }));
    expect(verdict).toMatchObject({ kind: 'certified', revocationListDate: null });
  });

  it('when a self-signed certificate was altered, and when the certificate is unreadable', async () => {
    const der = await createSelfSignedCertificate(await createSigningKeyPair(), KINGSBRIDGE, ROOT_MADE);
    const altered = der.slice();
    // The URN in the subject (the issuer, written first, names it too and is left alone).
    altered.set(text('113533'), Buffer.from(der).lastIndexOf('113532'));
    expect(await verifyCertificateChain(input({ signerDer: altered }))).toMatchObject({ kind: 'refused', reason: 'not-pinned' });
    altered.set(text('113533'), Buffer.from(der).indexOf('113532'));
    expect(await verifyCertificateChain(input({ signerDer: altered }))).toMatchObject({ kind: 'refused', reason: 'bad-self-signature' });
    expect(await verifyCertificateChain(input({ signerDer: new Uint8Array([0x30, 0x00]) }))).toMatchObject({
      kind: 'refused',
      reason: 'unreadable',
    });
  });

  it('when the partnership’s own root signs a file', async () => {
    const keys = await createSigningKeyPair();
    const rootDer = await createPartnershipRoot(keys, SOUTH_WEST, ROOT_MADE);
    const verdict = await verifyCertificateChain(input({ signerDer: rootDer, pinnedRootsDer: [rootDer] }));
    // A root is self-signed but carries no authority key identifier: it is treated like any self-signed certificate.
    expect(verdict.kind).toBe('self-signed');
  });
});

describe('a signature that carries the partnership’s certificate', () => {
  it('is strict DER, verified as today, and gives the signer’s certificate and the issuer’s separately', async () => {
    const digest = new Uint8Array(32).fill(7);
    const cms = await signDigest(digest, schoolKeys.privateKey, certified.der, { issuerCertificatesDer: [authority.rootDer] });
    expect(isStrictDer(cms)).toBe(true);
    const check = await verifyDigestSignature(cms, digest);
    expect(check).toEqual({ ok: true, certificateDer: certified.der, otherCertificatesDer: [authority.rootDer] });
    if (!check.ok) return;
    const verdict = await verifyCertificateChain(
      input({ signerDer: check.certificateDer, otherCertificatesDer: check.otherCertificatesDer ?? [] }),
    );
    expect(verdict.kind).toBe('certified');
    // Without the option, only the signer's certificate, as before.
    expect(await verifyDigestSignature(await signDigest(digest, schoolKeys.privateKey, certified.der), digest)).toEqual({
      ok: true,
      certificateDer: certified.der,
    });
    expect((await verifyDigestSignature(cms, new Uint8Array(32))).ok).toBe(false);
  });
});
