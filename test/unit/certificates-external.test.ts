import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signDigest } from '../../shared/crypto/cms-signature';
import {
  certificateFingerprint,
  createSelfSignedCertificate,
  createSigningKeyPair,
  parseCertificate,
  type RandomBytes,
} from '../../shared/crypto/signing-certificate';
import { isStrictDer } from '../../shared/crypto/strict-der';
import { sealPdf, type DigestSigner } from '../../shared/pdf/signed-pdf-writer';
import { oldStyleCertificate, signDigestWithAnyCertificate } from '../fixtures/old-style-certificate';

/**
 * 2,000 fresh certificates, each checked by tools that know nothing of this app: openssl reads
 * every one (one process over a file of all of them, which refuses any it cannot read strictly:
 * shown with a certificate from an older version), and pdfsig validates a small PDF signed with
 * each. The first few have their random serial forced to the bytes that older versions encoded
 * wrongly. Before the fix, about one in 256 failed.
 */
const COUNT = 2000;
/** pdfsig processes at once. */
const PDFSIG_PROCESSES = 2;
const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'certificates-external-'));

const EDGE_SERIALS: readonly (readonly number[])[] = [
  [0x00, 0x05],
  [0x00, 0x00],
  [0x00, 0x00, 0x80],
  [0x00, 0x7f],
  [0x80],
  [0xff],
  new Array<number>(16).fill(0),
  new Array<number>(16).fill(0xff),
];

const forced =
  (start: readonly number[], seed: number): RandomBytes =>
  (length) => {
    const bytes = new Uint8Array(length).map((_, i) => (i * 131 + seed * 7 + 3) & 0xff);
    bytes.set(start.slice(0, length));
    return bytes;
  };

const pem = (der: Uint8Array) =>
  `-----BEGIN CERTIFICATE-----\n${(
    Buffer.from(der)
      .toString('base64')
      .match(/.{1,64}/g) ?? []
  ).join('\n')}\n-----END CERTIFICATE-----\n`;

/** openssl's count of the certificates it could read from a PEM file, and whether it read them all without complaint. */
async function opensslReads(path: string): Promise<{ found: number; clean: boolean; stderr: string }> {
  const outcome = await run('openssl', ['storeutl', '-noout', '-certs', path], { maxBuffer: 16 * 1024 * 1024 }).then(
    ({ stdout, stderr }) => ({ stdout, stderr, clean: true }),
    (error: { stdout: string; stderr: string }) => ({ stdout: error.stdout, stderr: error.stderr, clean: false }),
  );
  return { found: Number(/Total found: (\d+)/.exec(outcome.stdout)?.[1] ?? -1), clean: outcome.clean, stderr: outcome.stderr };
}

/** pdfsig's verdict lines (it exits 0 even when a signature fails). */
async function pdfsigVerdict(path: string): Promise<string> {
  const { stdout } = await run('pdfsig', ['-nocert', path]);
  const verdicts = [...stdout.matchAll(/Signature Validation: (.*)/g)].map((m) => m[1]);
  return `${verdicts.length} signature(s): ${verdicts.join(' | ')}`;
}

/** Runs at most `limit` tasks at once; `drain` waits for them all. */
function limiter(limit: number) {
  const running = new Set<Promise<unknown>>();
  return {
    async add(task: () => Promise<unknown>) {
      while (running.size >= limit) await Promise.race(running);
      const promise = task().finally(() => running.delete(promise));
      running.add(promise);
    },
    drain: () => Promise.all(running),
  };
}

/**
 * openssl reads every certificate. pdfsig checks the ones with forced edge serials and every
 * eighth of the rest: what it adds over openssl is the signature over a PDF, made by the same code
 * for every certificate, so a sample of it is as telling as all of it.
 */
const signedByPdfsig = (i: number) => i < EDGE_SERIALS.length || i % 8 === 0;
const PDFSIG_COUNT = Array.from({ length: COUNT }, (_, i) => i).filter(signedByPdfsig).length;

let layout: Uint8Array;
const INFO = { title: 'Certificate check', author: 'Test', subject: 'pdfsig', language: 'en-GB' };

async function signedPdf(name: string, signer: DigestSigner): Promise<string> {
  const signature = { name, reason: 'Certificate check', location: 'England', signingTime: new Date() };
  const path = join(dir, `${name}.pdf`);
  writeFileSync(path, await sealPdf(layout, [], INFO, signature, signer));
  return path;
}

const fingerprints = new Set<string>();
const serials = new Set<string>();
const notStrict: number[] = [];
const pdfsigVerdicts = new Map<number, string>();

beforeAll(async () => {
  const document = await PDFDocument.create();
  document.addPage([200, 100]).drawText('Certificate check', { x: 20, y: 50 });
  layout = await document.save();

  const pdfsig = limiter(PDFSIG_PROCESSES);
  const pems: string[] = [];
  for (let i = 0; i < COUNT; i += 1) {
    const keys = await createSigningKeyPair();
    const edge = EDGE_SERIALS[i];
    const subject = { commonName: `Certificate School ${i}`, role: 'School', urn: String(100_000 + i) } as const;
    const der = await createSelfSignedCertificate(keys, subject, new Date(), edge ? forced(edge, i) : undefined);
    if (!isStrictDer(der)) notStrict.push(i);
    fingerprints.add(await certificateFingerprint(der));
    serials.add(Buffer.from(parseCertificate(der).serialNumber.valueBlock.valueHexView).toString('hex'));
    pems.push(pem(der));
    if (!signedByPdfsig(i)) continue;
    const path = await signedPdf(`certificate-${i}`, (digest) => signDigest(digest, keys.privateKey, der));
    await pdfsig.add(async () => pdfsigVerdicts.set(i, await pdfsigVerdict(path)));
  }
  await pdfsig.drain();
  writeFileSync(join(dir, 'all.pem'), pems.join(''));
}, 240_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe(`${COUNT} fresh certificates`, () => {
  it('are all strict DER, with distinct fingerprints and serial numbers', () => {
    expect(notStrict).toEqual([]);
    expect(fingerprints.size).toBe(COUNT);
    expect(serials.size).toBe(COUNT);
  });

  it('are all read by openssl, with no complaint', async () => {
    const read = await opensslReads(join(dir, 'all.pem'));
    expect(read.stderr).toBe('');
    expect(read).toEqual({ found: COUNT, clean: true, stderr: '' });
  });

  it(`each sign a PDF that pdfsig validates (the ${EDGE_SERIALS.length} edge serials and every eighth of the rest)`, () => {
    expect(PDFSIG_COUNT).toBeGreaterThan(COUNT / 8);
    expect(pdfsigVerdicts.size).toBe(PDFSIG_COUNT);
    const failed = [...pdfsigVerdicts].filter(([, verdict]) => verdict !== '1 signature(s): Signature is Valid.');
    expect(failed).toEqual([]);
  });
});

describe('the same checks catch a certificate made by an older version', () => {
  it('openssl refuses it within the file of good ones, and pdfsig refuses a PDF signed with it', async () => {
    const keys = await createSigningKeyPair();
    const subject = { commonName: 'Old Version School', role: 'School', urn: '999999' } as const;
    const good = await createSelfSignedCertificate(keys, subject);
    const old = await oldStyleCertificate(keys, subject);
    const mixed = join(dir, 'mixed.pem');
    writeFileSync(mixed, pem(good) + pem(old) + pem(good));
    const read = await opensslReads(mixed);
    expect(read.clean).toBe(false);
    expect(read.found).toBe(2);
    const { stderr } = await run('openssl', ['crl2pkcs7', '-nocrl', '-certfile', mixed]).catch((error: { stderr: string }) => error);
    expect(stderr).toMatch(/illegal padding[^]*Field=serialNumber/);

    const refused = await signedPdf('old-version', (digest) => signDigestWithAnyCertificate(digest, keys.privateKey, old));
    expect(await pdfsigVerdict(refused)).toMatch(/^1 signature\(s\): (?!Signature is Valid)/);
    const accepted = await signedPdf('same-key-new-certificate', (digest) => signDigest(digest, keys.privateKey, good));
    expect(await pdfsigVerdict(accepted)).toBe('1 signature(s): Signature is Valid.');
  });
});
