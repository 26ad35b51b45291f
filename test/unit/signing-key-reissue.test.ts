import 'fake-indexeddb/auto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppDatabase, type SigningKeyRecord } from '../../renderer/db/app-database';
import { certificateReissueOf } from '../../renderer/db/signing-key-reissue';
import { ensureSigningIdentity, type SigningSubject } from '../../renderer/db/signing-key-store';
import {
  certificateFingerprint,
  createSelfSignedCertificate,
  createSigningKeyPair,
  parseCertificate,
} from '../../shared/crypto/signing-certificate';
import { isStrictDer } from '../../shared/crypto/strict-der';
import { oldStyleCertificate } from '../fixtures/old-style-certificate';

/**
 * A workspace whose stored certificate an older version wrote in a form other tools refuse (a
 * padded serial) gets a new certificate for the same key at its next export, with a note of the
 * old fingerprint; a workspace with a good certificate keeps it.
 */
const SUBJECT: SigningSubject = { workspaceId: 'school-1', role: 'School', commonName: 'Reissue Primary', urn: '100004', organisation: '' };
const opened: AppDatabase[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) {
    db.close();
    await db.delete();
  }
});

async function databaseWith(certificateDer: Uint8Array<ArrayBuffer>, keys: CryptoKeyPair): Promise<AppDatabase> {
  const db = new AppDatabase(`reissue-${opened.length}-${Date.now()}`);
  opened.push(db);
  const record: SigningKeyRecord = {
    workspaceId: SUBJECT.workspaceId,
    keys,
    certificateDer,
    fingerprint: await certificateFingerprint(certificateDer),
    commonName: SUBJECT.commonName,
    urn: SUBJECT.urn,
    organisation: '',
    createdAt: '2026-01-05T09:00:00.000Z',
  };
  await db.signingKeys.put(record);
  return db;
}

const publicKeyOf = (der: Uint8Array<ArrayBuffer>) =>
  Buffer.from(parseCertificate(der).subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView).toString('hex');

describe('re-issuing a certificate that is not strict DER', () => {
  it('gives the same key a new, strict certificate at the next export, notes the old fingerprint, and does it once', async () => {
    const keys = await createSigningKeyPair();
    const old = await oldStyleCertificate(keys, SUBJECT);
    expect(isStrictDer(old)).toBe(false);
    const oldFingerprint = await certificateFingerprint(old);
    const db = await databaseWith(old, keys);

    const identity = await ensureSigningIdentity(db, SUBJECT);
    expect(isStrictDer(identity.certificateDer)).toBe(true);
    expect(identity.certificateFingerprint).not.toBe(oldFingerprint);
    expect(identity.certificateFingerprint).toBe(await certificateFingerprint(identity.certificateDer));
    // The same key pair: what the stored private key signs, the original public key verifies.
    const algorithm = { name: 'ECDSA', hash: 'SHA-256' };
    const signed = await globalThis.crypto.subtle.sign(algorithm, identity.privateKey, new Uint8Array([1, 2, 3]));
    expect(await globalThis.crypto.subtle.verify(algorithm, keys.publicKey, signed, new Uint8Array([1, 2, 3]))).toBe(true);
    expect(publicKeyOf(identity.certificateDer)).toBe(
      Buffer.from(await globalThis.crypto.subtle.exportKey('raw', keys.publicKey)).toString('hex'),
    );

    const dir = mkdtempSync(join(tmpdir(), 'reissue-'));
    writeFileSync(join(dir, 'new.der'), identity.certificateDer);
    expect(() =>
      execFileSync('openssl', ['x509', '-inform', 'DER', '-noout', '-in', join(dir, 'new.der')], { stdio: 'pipe' }),
    ).not.toThrow();

    const stored = await db.signingKeys.get(SUBJECT.workspaceId);
    if (!stored) throw new Error('no record');
    expect(stored.fingerprint).toBe(identity.certificateFingerprint);
    expect(certificateReissueOf(stored)).toEqual({ reason: 'not-strict-der', previousFingerprint: oldFingerprint, at: stored.createdAt });

    // The next export keeps the new certificate (and the note, until the next re-issue).
    const again = await ensureSigningIdentity(db, SUBJECT);
    expect(again.certificateFingerprint).toBe(identity.certificateFingerprint);
    const kept = await db.signingKeys.get(SUBJECT.workspaceId);
    expect(kept && certificateReissueOf(kept)?.previousFingerprint).toBe(oldFingerprint);
  });

  it('keeps a good certificate as it is, with no note', async () => {
    const keys = await createSigningKeyPair();
    const good = await createSelfSignedCertificate(keys, SUBJECT);
    const db = await databaseWith(good, keys);
    const identity = await ensureSigningIdentity(db, SUBJECT);
    expect(identity.certificateDer).toEqual(good);
    const stored = await db.signingKeys.get(SUBJECT.workspaceId);
    expect(stored && certificateReissueOf(stored)).toBeNull();
  });

  it('a renamed school gets a new certificate with no note (its fingerprint changes for a reason the school knows)', async () => {
    const keys = await createSigningKeyPair();
    const db = await databaseWith(await createSelfSignedCertificate(keys, SUBJECT), keys);
    const renamed = await ensureSigningIdentity(db, { ...SUBJECT, commonName: 'Reissue Primary Academy' });
    expect(parseCertificate(renamed.certificateDer).subject.typesAndValues.map((t) => String(t.value.valueBlock.value))).toContain(
      'Reissue Primary Academy',
    );
    const stored = await db.signingKeys.get(SUBJECT.workspaceId);
    expect(stored && certificateReissueOf(stored)).toBeNull();
  });

  it('reads no note from a record whose note is malformed', () => {
    const base = { workspaceId: 'x', certificateDer: new Uint8Array(), fingerprint: '', commonName: '', urn: '', createdAt: '' };
    const keys = {} as CryptoKeyPair;
    expect(
      certificateReissueOf({ ...base, keys, reissue: { reason: 'other', previousFingerprint: 'a', at: 'b' } } as SigningKeyRecord),
    ).toBeNull();
    expect(certificateReissueOf({ ...base, keys, reissue: 'text' } as SigningKeyRecord)).toBeNull();
  });
});
