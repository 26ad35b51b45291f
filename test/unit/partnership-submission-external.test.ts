import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PartnershipAuthority } from '../../shared/crypto/partnership-certificate';
import { decideSignerTrust } from '../../shared/crypto/signer-trust';
import { verifySubmission } from '../../shared/submission/submission-verifier';
import { openssl } from '../fixtures/openssl-pki';
import { certifiedSchoolIdentity, makePartnership } from '../fixtures/partnership-signing';
import { demonstrationData, exportDemonstration } from '../fixtures/signed-submission';

/**
 * A whole submission, exported by the app's own exporter with a certificate the partnership
 * issued: pdfsig (poppler over NSS, which knows nothing of this app) validates the signature and
 * finds the partnership in the file as the issuer, untrusted as expected (it is in no NSS
 * database); the app's verifier and trust decision say it is certified.
 */
const dir = mkdtempSync(join(tmpdir(), 'partnership-submission-external-'));
let partnership: PartnershipAuthority;
let bytes: Uint8Array<ArrayBuffer>;
let path: string;
let schoolName: string;

beforeAll(async () => {
  const demo = await demonstrationData();
  schoolName = demo.snapshot.school.name;
  partnership = await makePartnership();
  const issued = await certifiedSchoolIdentity(partnership, schoolName, demo.snapshot.school.urn);
  bytes = (await exportDemonstration(demo, issued.signing)).bytes;
  path = join(dir, 'certified-submission.pdf');
  writeFileSync(path, bytes);
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('pdfsig on a submission signed with a partnership-issued certificate', () => {
  it('validates the signature and shows the partnership as the issuer, untrusted', () => {
    const output = execFileSync('pdfsig', [path], { encoding: 'utf8' });
    expect(output).toContain(`Signer Certificate Common Name: ${schoolName}`);
    expect(output).toContain('Signature Validation: Signature is Valid.');
    expect(output).toContain("Certificate Validation: Certificate issuer isn't Trusted.");
    expect(output).not.toContain('Certificate issuer is unknown');
  });

  it('carries the chain: the school’s certificate and the partnership root that issued it', () => {
    execFileSync('pdfsig', ['-nocert', '-dump', path], { cwd: dir });
    const dumped = readdirSync(dir).find((name) => name.startsWith('certified-submission.pdf.sig'));
    expect(dumped).toBeDefined();
    const printed = openssl('pkcs7', '-inform', 'DER', '-in', join(dir, dumped ?? ''), '-print_certs', '-noout').stdout;
    const partnershipName =
      'C = GB, ST = South West, O = South West SEN Regional Partnership, OU = Partnership, CN = South West SEN Regional Partnership';
    expect(printed).toContain(`CN = ${schoolName}, serialNumber = 999001\nissuer=${partnershipName}\n`);
    expect(printed).toContain(`subject=${partnershipName}\nissuer=${partnershipName}\n`);
  });

  it('passes the app’s own verifier, and the trust decision says certified by the pinned partnership', async () => {
    const verified = await verifySubmission(bytes);
    if (!verified.ok) throw new Error(verified.rejection.message);
    const trust = await decideSignerTrust({
      signerDer: verified.report.certificateDer,
      otherCertificatesDer: verified.report.otherCertificatesDer,
      pinnedRootsDer: [partnership.rootDer],
      signingTime: verified.report.signingTime,
      now: new Date(),
    });
    expect(trust).toMatchObject({ kind: 'certified', partnership: { name: 'South West SEN Regional Partnership' } });
  });
});
