import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCertificateRequest, readCertificateRequest } from '../../shared/crypto/certificate-request';
import { signDigest } from '../../shared/crypto/cms-signature';
import { issueCertificate, type PartnershipAuthority } from '../../shared/crypto/partnership-certificate';
import { createPartnershipRoot } from '../../shared/crypto/partnership-root';
import { pemBlock } from '../../shared/crypto/pem-file';
import { createSigningKeyPair } from '../../shared/crypto/signing-certificate';
import { openSignedPdf } from '../../shared/pdf/signed-pdf-reader';
import { sealPdf, type DigestSigner } from '../../shared/pdf/signed-pdf-writer';
import { openssl } from '../fixtures/openssl-pki';

/**
 * A PDF sealed by the project's writer with a partnership-certified key, its signature carrying
 * the partnership's root: pdfsig (poppler over NSS, which knows nothing of this app) validates
 * the signature and finds the issuer in the file (it is untrusted, as it is in no NSS database
 * here); without the root in the signature, it cannot find the issuer at all.
 */
const dir = mkdtempSync(join(tmpdir(), 'certificate-chain-external-'));
const INFO = { title: 'Chain check', author: 'Test', subject: 'pdfsig', language: 'en-GB' };
const now = new Date();
let authority: PartnershipAuthority;
let schoolKeys: CryptoKeyPair;
let certificateDer: Uint8Array<ArrayBuffer>;
let layout: Uint8Array;

async function sealed(name: string, signer: DigestSigner): Promise<{ path: string; bytes: Uint8Array<ArrayBuffer> }> {
  const signature = { name: 'Kingsbridge Community College', reason: 'Submission', location: 'England', signingTime: now };
  const bytes = await sealPdf(layout, [], INFO, signature, signer);
  const path = join(dir, `${name}.pdf`);
  writeFileSync(path, bytes);
  return { path, bytes: bytes.slice() };
}

function pdfsig(path: string): string {
  return execFileSync('pdfsig', [path], { encoding: 'utf8' });
}

beforeAll(async () => {
  const rootKeys = await createSigningKeyPair();
  const rootDer = await createPartnershipRoot(
    rootKeys,
    { name: 'South West SEN Regional Partnership', region: 'South West' },
    new Date(now.getTime() - 86_400_000),
  );
  authority = { privateKey: rootKeys.privateKey, rootDer };
  schoolKeys = await createSigningKeyPair();
  const read = await readCertificateRequest(
    new TextEncoder().encode(
      await createCertificateRequest(schoolKeys, { commonName: 'Kingsbridge Community College', role: 'School', urn: '113532' }),
    ),
  );
  if (!read.ok) throw new Error(read.message);
  const issued = await issueCertificate(authority, read.request, {
    from: new Date(now.getTime() - 3_600_000),
    to: new Date(now.getTime() + 365 * 86_400_000),
  });
  certificateDer = issued.certificateDer;
  const document = await PDFDocument.create();
  document.addPage([200, 100]).drawText('Chain check', { x: 20, y: 50 });
  layout = await document.save();
});

describe('pdfsig on a PDF signed with a partnership-certified key', () => {
  it('with the partnership’s certificate in the signature: the signature is valid and the issuer is found but not trusted', async () => {
    const { path, bytes } = await sealed('with-chain', (digest) =>
      signDigest(digest, schoolKeys.privateKey, certificateDer, { issuerCertificatesDer: [authority.rootDer] }),
    );
    const output = pdfsig(path);
    expect(output).toContain('Signer Certificate Common Name: Kingsbridge Community College');
    expect(output).toContain('Signature Validation: Signature is Valid.');
    expect(output).toContain("Certificate Validation: Certificate issuer isn't Trusted.");
    // The app's own reader opens it too, and the chain is in the signature.
    const opened = await openSignedPdf(bytes);
    expect(opened.ok).toBe(true);

    // The signature pdfsig dumps holds both certificates, the school's issued by the partnership.
    execFileSync('pdfsig', ['-nocert', '-dump', path], { cwd: dir });
    const dumped = readdirSync(dir).find((name) => name.startsWith('with-chain.pdf.sig'));
    expect(dumped).toBeDefined();
    // The dump keeps the zero padding after the signature, which openssl reports once it has read the certificates.
    const certificates = openssl('pkcs7', '-inform', 'DER', '-in', join(dir, dumped ?? ''), '-print_certs', '-noout');
    const partnership =
      'C = GB, ST = South West, O = South West SEN Regional Partnership, OU = Partnership, CN = South West SEN Regional Partnership';
    expect(certificates.stdout).toContain(
      `subject=C = GB, OU = School, CN = Kingsbridge Community College, serialNumber = 113532\nissuer=${partnership}\n`,
    );
    expect(certificates.stdout).toContain(`subject=${partnership}\nissuer=${partnership}\n`);
  });

  it('without it: the signature is still valid, and pdfsig cannot find the issuer', async () => {
    const { path } = await sealed('without-chain', (digest) => signDigest(digest, schoolKeys.privateKey, certificateDer));
    const output = pdfsig(path);
    expect(output).toContain('Signature Validation: Signature is Valid.');
    expect(output).toContain('Certificate Validation: Certificate issuer is unknown.');
  });

  it('a root written to a file is what openssl needs to verify the certificate the signature carries', () => {
    const root = join(dir, 'root.pem');
    const leaf = join(dir, 'leaf.pem');
    writeFileSync(root, pemBlock('CERTIFICATE', authority.rootDer));
    writeFileSync(leaf, pemBlock('CERTIFICATE', certificateDer));
    expect(openssl('verify', '-x509_strict', '-CAfile', root, leaf).stdout.trim()).toBe(`${leaf}: OK`);
  });
});
