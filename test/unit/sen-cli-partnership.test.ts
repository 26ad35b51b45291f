import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliIo } from '../../electron/cli/sen-cli';
import type { PartnershipAuthority } from '../../shared/crypto/partnership-certificate';
import { pemBlock } from '../../shared/crypto/pem-file';
import { certifiedSchoolIdentity, makePartnership, revocationListFor } from '../fixtures/partnership-signing';
import { demonstrationData, exportDemonstration, signingIdentityFor } from '../fixtures/signed-submission';

/** `verify --partnership-root FILE [--revocation-list FILE]`: CERTIFIED, REVOKED, or as before. */
const text = (s: string) => new TextEncoder().encode(s);
let files: Map<string, Uint8Array<ArrayBuffer>>;
let partnership: PartnershipAuthority;

function memoryIo() {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    readFile: async (path) => {
      const bytes = files.get(path);
      if (!bytes) throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
      return bytes;
    },
    writeFile: async (path, bytes) => {
      files.set(path, new Uint8Array(bytes));
    },
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    now: () => new Date('2026-11-21T09:00:00Z'),
  };
  return { io, out, err };
}

beforeAll(async () => {
  const demo = await demonstrationData();
  const { name, urn } = demo.snapshot.school;
  partnership = await makePartnership();
  const impostor = await makePartnership();
  const issued = await certifiedSchoolIdentity(partnership, name, urn);
  files = new Map([
    ['certified.pdf', (await exportDemonstration(demo, issued.signing)).bytes],
    ['self-signed.pdf', (await exportDemonstration(demo, await signingIdentityFor(name, urn))).bytes],
    ['root.pem', text(pemBlock('CERTIFICATE', partnership.rootDer))],
    ['root.cer', partnership.rootDer],
    ['leaf.pem', text(pemBlock('CERTIFICATE', issued.signing.certificateDer))],
    [
      'revoked.crl.pem',
      text((await revocationListFor(partnership, issued.serial, new Date('2026-11-01T00:00:00Z'), 'key-compromise')).file),
    ],
    ['impostor.crl.pem', text((await revocationListFor(impostor, issued.serial, new Date('2026-11-01T00:00:00Z'), 'key-compromise')).file)],
  ]);
}, 120_000);

describe('verify with a partnership root', () => {
  it('says CERTIFIED, naming the school and the partnership, and exits 0', async () => {
    const { io, out } = memoryIo();
    expect(await runCli(['verify', '--partnership-root', 'root.pem', 'certified.pdf'], io)).toBe(0);
    expect(out[0]).toMatch(/^Partnership root: South West SEN Regional Partnership \(South West\), SHA-256 [0-9a-f]{64}$/);
    expect(out[1]).toMatch(/^CERTIFIED certified\.pdf: signature intact, signer certified: submission v1 from Brookfield/);
    expect(out[2]).toMatch(/^ {10}Signed by Brookfield .*, URN \d+, certified by the South West SEN Regional Partnership\.$/);
    expect(out.at(-1)).toBe('1 certified, 0 revoked, 0 intact (signer not yet trusted), 0 rejected.');
  }, 60_000);

  it('reads the root as DER (.cer) too', async () => {
    const { io, out } = memoryIo();
    expect(await runCli(['verify', '--partnership-root', 'root.cer', 'certified.pdf'], io)).toBe(0);
    expect(out[1]).toMatch(/^CERTIFIED /);
  }, 60_000);

  it('says REVOKED with the reason and date from a revocation list the partnership signed, and exits 1', async () => {
    const { io, out } = memoryIo();
    expect(await runCli(['verify', '--partnership-root', 'root.pem', '--revocation-list', 'revoked.crl.pem', 'certified.pdf'], io)).toBe(1);
    expect(out[1]).toMatch(/^Revocation list from South West SEN Regional Partnership, issued 2026-11-02, 1 certificate revoked$/);
    expect(out[2]).toMatch(/^REVOKED {3}certified\.pdf: signature intact, signer’s certificate revoked/);
    expect(out[3]).toMatch(
      /was revoked on 2026-11-01 because its signing key may have been used by someone else, before the file was signed on 2026-11-20\./,
    );
    expect(out.at(-1)).toBe('0 certified, 1 revoked, 0 intact (signer not yet trusted), 0 rejected.');
  }, 60_000);

  it('keeps an uncertified file INTACT (trust on first use), saying no partnership given certified it', async () => {
    const { io, out } = memoryIo();
    expect(await runCli(['verify', '--partnership-root', 'root.pem', 'self-signed.pdf'], io)).toBe(0);
    expect(out[1]).toMatch(/^INTACT +self-signed\.pdf: signature intact, signer not yet trusted/);
    expect(out[2]).toBe('          Not certified by any partnership given.');
  }, 60_000);

  it('without --partnership-root a certified file is INTACT, but its partnership is not taken on trust', async () => {
    const { io, out } = memoryIo();
    expect(await runCli(['verify', 'certified.pdf'], io)).toBe(0);
    expect(out[0]).toMatch(/^INTACT +certified\.pdf/);
  }, 60_000);

  it('refuses, as a usage error, a root that is not a partnership root, a list no given root signed, and a list with no root', async () => {
    const { io, err } = memoryIo();
    expect(await runCli(['verify', '--partnership-root', 'leaf.pem', 'certified.pdf'], io)).toBe(2);
    expect(err.at(-1)).toMatch(/^The partnership root leaf\.pem cannot be used\. .*issued by someone else/);
    expect(await runCli(['verify', '--partnership-root', 'root.pem', '--revocation-list', 'impostor.crl.pem', 'certified.pdf'], io)).toBe(
      2,
    );
    expect(err.at(-1)).toMatch(
      /^impostor\.crl\.pem: This revocation list cannot be used: it was not signed by any partnership you have pinned/,
    );
    expect(await runCli(['verify', '--revocation-list', 'revoked.crl.pem', 'certified.pdf'], io)).toBe(2);
    expect(err.at(-1)).toMatch(/^A revocation list is checked against a partnership root: give --partnership-root FILE too\./);
    expect(await runCli(['verify', '--partnership-root', 'missing.pem', 'certified.pdf'], io)).toBe(2);
    expect(err.at(-1)).toBe('The partnership root missing.pem cannot be read (no such file).');
    expect(await runCli(['verify', 'certified.pdf', '--partnership-root'], io)).toBe(2);
    expect(err.at(-1)).toMatch(/^Name the partnership’s root certificate file after --partnership-root\./);
  }, 60_000);
});
