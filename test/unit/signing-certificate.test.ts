import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { signDigest, verifyDigestSignature } from '../../shared/crypto/cms-signature';
import { checkSignerCertificate } from '../../shared/crypto/signer-certificate-check';
import {
  CertificateError,
  certificateFingerprint,
  createSelfSignedCertificate,
  createSigningKeyPair,
  parseCertificate,
  serialNumberContent,
  summariseCertificate,
  type CertificateSummary,
} from '../../shared/crypto/signing-certificate';
import { readStrictDer, type DerNode } from '../../shared/crypto/strict-der';
import { verifyModerationReport } from '../../shared/moderation/moderation-report-verifier';
import { exportModerationReport } from '../../shared/moderation/moderation-report';
import { sealPdf } from '../../shared/pdf/signed-pdf-writer';
import { openSignedPdf } from '../../shared/pdf/signed-pdf-reader';
import { verifySubmission } from '../../shared/submission/submission-verifier';
import { oldStyleCertificate, signDigestWithAnyCertificate } from '../fixtures/old-style-certificate';
import { moderatorIdentity, sampleModeration } from '../fixtures/moderation-report';
import { demonstrationData, exportDemonstration, FIXED_NOW } from '../fixtures/signed-submission';

/**
 * Certificate serial numbers in strict DER (older versions wrote a padded INTEGER for about one
 * key in 256, which openssl and pdfsig refuse), the verifier refusing such certificates, and the
 * checks of a signer's certificate: validity dates and role.
 */
const SUBJECT = { commonName: 'Serial Test Primary', role: 'School', urn: '100002' } as const;
const dir = mkdtempSync(join(tmpdir(), 'signing-certificate-'));

function opensslSerial(der: Uint8Array, name: string): string {
  const path = join(dir, `${name}.der`);
  writeFileSync(path, der);
  // Throws (exit status 1) if openssl refuses the certificate.
  return execFileSync('openssl', ['x509', '-inform', 'DER', '-noout', '-serial', '-in', path], { encoding: 'utf8', stdio: 'pipe' }).trim();
}

/** openssl's complaint about a certificate read as PEM (crl2pkcs7 says why it refuses one), or '' if it reads it. */
function opensslRefusal(der: Uint8Array, name: string): string {
  const path = join(dir, `${name}.pem`);
  writeFileSync(path, `-----BEGIN CERTIFICATE-----\n${Buffer.from(der).toString('base64')}\n-----END CERTIFICATE-----\n`);
  try {
    execFileSync('openssl', ['x509', '-noout', '-in', path], { stdio: 'pipe' });
    return '';
  } catch {
    try {
      execFileSync('openssl', ['crl2pkcs7', '-nocrl', '-certfile', path], { stdio: 'pipe' });
      return 'refused by openssl x509 only';
    } catch (error) {
      return String((error as { stderr?: Buffer }).stderr);
    }
  }
}

/** Random bytes that begin with `start` and go on with something that is not all zero. */
const forced = (start: readonly number[]) => (length: number) => {
  const bytes = new Uint8Array(length).map((_, i) => (i * 37 + 11) & 0xff);
  bytes.set(start.slice(0, length));
  return bytes;
};

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex').toUpperCase();

describe('serial numbers', () => {
  it.each([
    [
      [0x00, 0x05, 0x10],
      [0x05, 0x10],
    ],
    [[0x00, 0x00, 0x7f], [0x7f]],
    [
      [0x00, 0x00, 0x80],
      [0x00, 0x80],
    ],
    [
      [0xff, 0x01],
      [0x00, 0xff, 0x01],
    ],
    [[0x80], [0x00, 0x80]],
    [
      [0x7f, 0x00],
      [0x7f, 0x00],
    ],
    [[0x00, 0x00, 0x00], [0x01]],
    [[], [0x01]],
  ])('%j becomes the positive, minimal INTEGER content %j', (random, content) => {
    expect([...serialNumberContent(new Uint8Array(random))]).toEqual(content);
  });

  it('the old way (clear the top bit, keep every byte) was not minimal for 00 05 …: the bug this fixes', () => {
    const random = new Uint8Array([0x00, 0x05, 0x10]);
    const old = random.slice();
    old[0] = (old[0] ?? 0) & 0x7f;
    expect(readStrictDer(new Uint8Array([0x02, old.length, ...old])).ok).toBe(false);
    const now = serialNumberContent(random);
    expect(readStrictDer(new Uint8Array([0x02, now.length, ...now])).ok).toBe(true);
  });

  it.each([
    ['00 05 …', [0x00, 0x05]],
    ['00 00 …', [0x00, 0x00]],
    ['00 00 80 …', [0x00, 0x00, 0x80]],
    ['ff …', [0xff, 0xff]],
    ['80 …', [0x80]],
    ['all zero', new Array<number>(16).fill(0)],
    ['all ff', new Array<number>(16).fill(0xff)],
  ])('a certificate whose random serial starts %s is strict DER, and openssl reads the same serial', async (_, start) => {
    const random = forced(start);
    const der = await createSelfSignedCertificate(await createSigningKeyPair(), SUBJECT, FIXED_NOW, random);
    const strict = readStrictDer(der);
    expect(strict.ok ? null : strict.problem).toBeNull();
    const serial = serialNumberContent(random(16));
    expect(opensslSerial(der, `forced-${start.join('-')}`)).toBe(`serial=${hex(serial.at(0) === 0 ? serial.subarray(1) : serial)}`);
    expect(parseCertificate(der).serialNumber.valueBlock.valueHexView).toEqual(serial);
  });
});

/** Every SET whose elements are not in DER order (ascending by their encodings), by offset. */
function unsortedSets(bytes: Uint8Array, node: DerNode, isSet = (n: DerNode) => n.tagClass === 0 && n.tagNumber === 17): number[] {
  const compare = (a: DerNode, b: DerNode) => {
    for (let i = 0; i < Math.max(a.end - a.start, b.end - b.start); i += 1) {
      const x = a.start + i < a.end ? (bytes[a.start + i] ?? 0) : 0;
      const y = b.start + i < b.end ? (bytes[b.start + i] ?? 0) : 0;
      if (x !== y) return x - y;
    }
    return 0;
  };
  const here =
    isSet(node) && node.children.some((child, i) => i > 0 && compare(node.children[i - 1] ?? child, child) > 0) ? [node.start] : [];
  return [...here, ...node.children.flatMap((child) => unsortedSets(bytes, child, isSet))];
}

describe('names and sets in DER form', () => {
  it('names the subject and issuer with one attribute per RDN, as openssl shows them', async () => {
    const der = await createSelfSignedCertificate(await createSigningKeyPair(), {
      commonName: 'Jordan Hale',
      role: 'Moderator',
      organisation: 'North East SEN Partnership',
    });
    const path = join(dir, 'names.der');
    writeFileSync(path, der);
    const shown = execFileSync('openssl', ['x509', '-inform', 'DER', '-noout', '-subject', '-issuer', '-in', path], { encoding: 'utf8' });
    expect(shown).toBe(
      'subject=C = GB, O = North East SEN Partnership, OU = Moderator, CN = Jordan Hale\n' +
        'issuer=C = GB, O = North East SEN Partnership, OU = Moderator, CN = Jordan Hale\n',
    );
    expect(await summariseCertificate(der)).toMatchObject({
      commonName: 'Jordan Hale',
      role: 'Moderator',
      organisation: 'North East SEN Partnership',
      urn: '',
    });
  });

  it('keeps every SET in the certificate and the signature (signed attributes too) in DER order', async () => {
    const keys = await createSigningKeyPair();
    const der = await createSelfSignedCertificate(keys, SUBJECT);
    const cms = await signDigest(new Uint8Array(32).fill(1), keys.privateKey, der);
    for (const bytes of [der, cms]) {
      const read = readStrictDer(bytes);
      if (!read.ok) throw new Error(read.problem);
      const signedAttributes = (n: DerNode) =>
        (n.tagClass === 0 && n.tagNumber === 17) || (n.tagClass === 2 && n.tagNumber === 0 && n.children.length === 3);
      expect(unsortedSets(bytes, read.root, signedAttributes)).toEqual([]);
    }
  });
});

describe('validity dates', () => {
  it('are UTCTime before 2050 and GeneralizedTime from 2050, in whole seconds, as openssl reads them', async () => {
    const keys = await createSigningKeyPair();
    const now = new Date('2045-06-01T12:00:00.987Z');
    const der = await createSelfSignedCertificate(keys, SUBJECT, now);
    const path = join(dir, 'dates.der');
    writeFileSync(path, der);
    const dates = execFileSync('openssl', ['x509', '-inform', 'DER', '-noout', '-dates', '-in', path], { encoding: 'utf8' });
    expect(dates).toBe('notBefore=Jun  1 11:59:00 2045 GMT\nnotAfter=Jun  1 12:00:00 2055 GMT\n');
    const text = Buffer.from(der).toString('latin1');
    expect(text).toContain('\x17\x0d450601115900Z'); // UTCTime
    expect(text).toContain('\x18\x0f20550601120000Z'); // GeneralizedTime, no fraction
    const summary = await summariseCertificate(der);
    expect([summary.notBefore.toISOString(), summary.notAfter.toISOString()]).toEqual([
      '2045-06-01T11:59:00.000Z',
      '2055-06-01T12:00:00.000Z',
    ]);
  });
});

describe('a certificate made by an older version (serial 00 05 …)', () => {
  let keys: CryptoKeyPair;
  let old: Uint8Array<ArrayBuffer>;
  beforeAll(async () => {
    keys = await createSigningKeyPair();
    old = await oldStyleCertificate(keys, SUBJECT, undefined, FIXED_NOW);
  });

  it('is refused by openssl as illegal padding, and by the app when it is read', async () => {
    expect(opensslRefusal(old, 'old')).toMatch(/illegal padding.*\n.*Field=serialNumber/);
    expect(opensslRefusal(await createSelfSignedCertificate(keys, SUBJECT, FIXED_NOW), 'new')).toBe('');
    expect(() => parseCertificate(old)).toThrow(CertificateError);
    expect(() => parseCertificate(old)).toThrow(/The signer’s certificate is not encoded correctly \(it is not strict DER\)/);
  });

  it('makes a signature that verifyDigestSignature refuses with that reason, and so does the PDF reader, and pdfsig', async () => {
    const digest = new Uint8Array(32).fill(7);
    const cms = await signDigestWithAnyCertificate(digest, keys.privateKey, old);
    const check = await verifyDigestSignature(cms, digest);
    expect(check).toMatchObject({ ok: false, reason: 'unreadable' });
    expect(check.ok ? '' : check.detail).toMatch(/^the signer’s certificate is not encoded correctly/);

    const layout = await PDFDocument.create();
    layout.addPage([200, 200]);
    const signature = { name: 'Old', reason: 'test', location: 'England', signingTime: FIXED_NOW };
    const info = { title: 'Old certificate', author: 'Old', subject: 'Old', language: 'en-GB' };
    const pdf = await sealPdf(await layout.save(), [], info, signature, (d) => signDigestWithAnyCertificate(d, keys.privateKey, old));
    const opened = await openSignedPdf(pdf);
    expect(opened.ok ? '' : opened.problem.message).toMatch(
      /^The signature cannot be checked: the signer’s certificate is not encoded correctly .* export the file again/,
    );
    const path = join(dir, 'old.pdf');
    writeFileSync(path, pdf);
    expect(execFileSync('pdfsig', [path], { encoding: 'utf8' })).not.toMatch(/Signature Validation: Signature is Valid/);

    const good = await createSelfSignedCertificate(keys, SUBJECT, FIXED_NOW);
    const fine = await sealPdf(await layout.save(), [], info, signature, (d) => signDigest(d, keys.privateKey, good));
    const reopened = await openSignedPdf(fine);
    expect(reopened.ok ? reopened.container.certificate.fingerprint : reopened.problem.message).toBe(await certificateFingerprint(good));
    writeFileSync(path, fine);
    expect(execFileSync('pdfsig', [path], { encoding: 'utf8' })).toMatch(/Signature Validation: Signature is Valid/);
  });

  it('is refused for signing, so the app never sends one out again', async () => {
    await expect(signDigest(new Uint8Array(32), keys.privateKey, old)).rejects.toThrow(/not encoded correctly/);
  });
});

describe('checkSignerCertificate', () => {
  const certificate: CertificateSummary = {
    commonName: 'A School',
    role: 'School',
    urn: '100003',
    organisation: '',
    notBefore: new Date('2026-01-01T00:00:00Z'),
    notAfter: new Date('2036-01-01T00:00:00Z'),
    fingerprint: 'ab'.repeat(32),
  };

  it('accepts the right role within the dates, at both ends', () => {
    expect(checkSignerCertificate(certificate, { role: 'School', at: new Date('2030-06-01T00:00:00Z') })).toBeNull();
    expect(checkSignerCertificate(certificate, { role: 'School', at: certificate.notBefore })).toBeNull();
    expect(checkSignerCertificate(certificate, { role: 'School', at: certificate.notAfter })).toBeNull();
  });

  it('refuses a time before the certificate was valid, and after it expired, naming the dates', () => {
    expect(checkSignerCertificate(certificate, { role: 'School', at: new Date('2025-12-31T23:59:59Z') })).toBe(
      'The file was signed on 2025-12-31, before the signer’s certificate became valid (2026-01-01). ' +
        'The computer that signed it may have the wrong date: ask the sender to check it and export the file again.',
    );
    expect(checkSignerCertificate(certificate, { role: 'School', at: new Date('2036-01-01T00:00:01Z') })).toMatch(
      /^The file was signed on 2036-01-01, after the signer’s certificate expired \(2036-01-01\)\./,
    );
  });

  it('refuses the wrong role, or none', () => {
    const at = new Date('2030-01-01T00:00:00Z');
    expect(checkSignerCertificate(certificate, { role: 'Moderator', at })).toBe(
      'A moderation report must be signed by a moderator, but this one was signed with a “School” certificate.',
    );
    expect(checkSignerCertificate({ ...certificate, role: '' }, { role: 'School', at })).toBe(
      'A submission must be signed by a school, but this one was signed with a certificate that names no role.',
    );
    expect(checkSignerCertificate({ ...certificate, role: 'school' }, { role: 'School', at })).not.toBeNull();
  });

  it('refuses dates that cannot be read, or that are the wrong way round', () => {
    const at = new Date('2030-01-01T00:00:00Z');
    expect(checkSignerCertificate({ ...certificate, notAfter: new Date(Number.NaN) }, { role: 'School', at })).toMatch(/does not say when/);
    expect(
      checkSignerCertificate({ ...certificate, notBefore: certificate.notAfter, notAfter: certificate.notBefore }, { role: 'School', at }),
    ).toMatch(/valid from a date after it expires/);
  });
});

describe('the verifiers check the signer’s certificate', () => {
  it('refuses a submission signed with an expired certificate, or a moderator’s', async () => {
    const demo = await demonstrationData();
    const { name, urn } = demo.snapshot.school;
    const keys = await createSigningKeyPair();
    const identity = async (der: Uint8Array<ArrayBuffer>) => ({
      privateKey: keys.privateKey,
      certificateDer: der,
      certificateFingerprint: await certificateFingerprint(der),
    });

    // Made in 2010, valid ten years: expired when the submission was signed.
    const expired = await createSelfSignedCertificate(keys, { commonName: name, role: 'School', urn }, new Date('2010-01-01T00:00:00Z'));
    const late = await verifySubmission((await exportDemonstration(demo, await identity(expired))).bytes);
    expect(late.ok ? null : late.rejection).toEqual({
      code: 'signer-certificate',
      message:
        'The file was signed on 2026-11-20, after the signer’s certificate expired (2020-01-01). Ask the sender to export the file again with the current version of the app.',
    });

    const moderatorCertificate = await createSelfSignedCertificate(keys, { commonName: name, role: 'Moderator', urn }, FIXED_NOW);
    const wrongRole = await verifySubmission((await exportDemonstration(demo, await identity(moderatorCertificate))).bytes);
    expect(wrongRole.ok ? null : wrongRole.rejection.code).toBe('signer-certificate');
    expect(wrongRole.ok ? '' : wrongRole.rejection.message).toMatch(/signed with a “Moderator” certificate/);

    const good = await createSelfSignedCertificate(keys, { commonName: name, role: 'School', urn }, FIXED_NOW);
    const fine = await verifySubmission((await exportDemonstration(demo, await identity(good))).bytes);
    expect(fine.ok ? 'ok' : fine.rejection.message).toBe('ok');
  }, 60_000);

  it('refuses a moderation report signed before its certificate was valid', async () => {
    const demo = await demonstrationData();
    const keys = await createSigningKeyPair();
    const good = await createSelfSignedCertificate(
      keys,
      { commonName: demo.snapshot.school.name, role: 'School', urn: demo.snapshot.school.urn },
      FIXED_NOW,
    );
    const submission = (
      await exportDemonstration(demo, {
        privateKey: keys.privateKey,
        certificateDer: good,
        certificateFingerprint: await certificateFingerprint(good),
      })
    ).bytes;
    const verified = await verifySubmission(submission.slice());
    if (!verified.ok) throw new Error(verified.rejection.message);

    const moderator = await moderatorIdentity();
    const summary = await summariseCertificate(moderator.certificateDer);
    const input = sampleModeration(verified.report, submission.length);
    const early = await exportModerationReport(
      { ...input, createdAt: new Date(summary.notBefore.getTime() - 86_400_000).toISOString() },
      moderator,
    );
    const result = await verifyModerationReport(early.bytes);
    expect(result.ok ? null : result.rejection.code).toBe('signer-certificate');
    expect(result.ok ? '' : result.rejection.message).toMatch(/before the signer’s certificate became valid/);

    const onTime = await exportModerationReport(input, moderator);
    const accepted = await verifyModerationReport(onTime.bytes);
    expect(accepted.ok ? 'ok' : accepted.rejection.message).toBe('ok');
  }, 60_000);
});
