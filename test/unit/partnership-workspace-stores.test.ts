import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { AppDatabase } from '../../renderer/db/app-database';
import {
  createPartnership,
  issueFromRequest,
  publishRevocationList,
  readRequestToIssue,
  revokeIssuedCertificate,
  rootCertificateFile,
} from '../../renderer/db/partnership-store';
import { ensureSigningIdentity, type SigningSubject } from '../../renderer/db/signing-key-store';
import { importWorkspaceCertificate, writeCertificateRequest } from '../../renderer/db/workspace-certificate-store';
import { verifyCertificateChain } from '../../shared/crypto/certificate-chain';
import { signDigest, verifyDigestSignature } from '../../shared/crypto/cms-signature';
import { readPartnershipRoot } from '../../shared/crypto/partnership-root';
import { readPemOrDer } from '../../shared/crypto/pem-file';
import { readRevocationList } from '../../shared/crypto/revocation-list';
import { sha256 } from '../../shared/formats/sha256';
import { chooseValidity, defaultValidityDays, workspaceCertificateState } from '../../shared/partnership/partnership-register';
import { openssl, tempFile } from '../fixtures/openssl-pki';

/**
 * The partnership workspace's stores and a school's "Get a certificate from your partnership",
 * end to end over real keys in one database: the partnership is set up with its own root; the
 * school writes a request; the partnership reads it, issues a certificate and records it; the
 * school imports it and from then on signs with it, carrying the root, so a moderator who pinned
 * the root finds the signature certified; a revoked certificate appears in the signed list.
 * openssl parses the request, certificate, root and list as the app writes them.
 */
const SCHOOL: SigningSubject = {
  workspaceId: 'school-1',
  role: 'School',
  commonName: 'Kingsbridge Community College',
  urn: '113532',
  organisation: '',
};
/** Today to a year on, as the issue form offers. */
const DAYS = defaultValidityDays(new Date());
const UNTIL = `${DAYS.to}T23:59:59.000Z`;
const opened: AppDatabase[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) {
    db.close();
    await db.delete();
  }
});
function database(): AppDatabase {
  const db = new AppDatabase(`partnership-stores-${opened.length}-${Date.now()}`);
  opened.push(db);
  return db;
}
const bytes = async (blob: Blob) => new Uint8Array(await blob.arrayBuffer());
const text = async (blob: Blob) => new TextDecoder().decode(await bytes(blob));

async function setUp() {
  const db = database();
  const made = await createPartnership(db, { name: 'South West SEN Regional Partnership', region: 'South West' });
  if (!made.ok) throw new Error(made.message);
  return { db, partnership: made.value };
}

async function certifySchool(db: AppDatabase, partnershipId: string) {
  const request = await writeCertificateRequest(db, SCHOOL);
  if (!request.ok) throw new Error(request.message);
  const toIssue = await readRequestToIssue(db, partnershipId, await bytes(request.value.file));
  if (!toIssue.ok) throw new Error(toIssue.message);
  const validity = chooseValidity(DAYS.from, DAYS.to, new Date());
  if (!validity.ok) throw new Error(validity.message);
  const issued = await issueFromRequest(db, partnershipId, toIssue.value, validity);
  if (!issued.ok) throw new Error(issued.message);
  return { request: request.value, toIssue: toIssue.value, issued: issued.value };
}

describe('a partnership workspace', () => {
  it('is set up with its own key and a root certificate naming it, exported as PEM and DER that openssl reads', async () => {
    const { db, partnership } = await setUp();
    expect(await db.partnerships.get(partnership.id)).toMatchObject({ name: 'South West SEN Regional Partnership', region: 'South West' });
    const der = await bytes(await rootCertificateFile(db, partnership.id, 'der'));
    const root = await readPartnershipRoot(der);
    expect(root.ok && root.root.name).toBe('South West SEN Regional Partnership');
    expect(root.ok && root.root.fingerprint).toBe(partnership.rootFingerprint);
    const pem = await text(await rootCertificateFile(db, partnership.id, 'pem'));
    const fromPem = readPemOrDer(new TextEncoder().encode(pem), 'CERTIFICATE');
    expect(fromPem.ok && [...fromPem.der]).toEqual([...der]);
    const printed = openssl('x509', '-in', tempFile('root.pem', pem), '-noout', '-subject');
    expect(printed.ok).toBe(true);
    expect(printed.stdout).toContain('OU = Partnership');
    expect(openssl('x509', '-inform', 'DER', '-in', tempFile('root.cer', der), '-noout').ok).toBe(true);
  });

  it('refuses a name that cannot go in a certificate, and writes nothing', async () => {
    const db = database();
    const made = await createPartnership(db, { name: '  ', region: 'South West' });
    expect(made).toEqual({ ok: false, message: 'The partnership’s name must be between 1 and 64 characters, with no line breaks.' });
    expect(await db.partnerships.count()).toBe(0);
    expect(await db.signingKeys.count()).toBe(0);
  });

  it('reads a school’s request (name, URN, key fingerprint), issues a certificate and keeps it in the register', async () => {
    const { db, partnership } = await setUp();
    const { request, toIssue, issued } = await certifySchool(db, partnership.id);
    expect(request.fileName).toBe('Kingsbridge Community College certificate request.csr.pem');
    expect(toIssue.subject).toEqual({ commonName: 'Kingsbridge Community College', role: 'School', urn: '113532', organisation: '' });
    expect(toIssue.keyFingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(toIssue.alreadyIssued).toBeNull();
    const register = await db.issuedCertificates.where('partnershipId').equals(partnership.id).toArray();
    expect(register).toHaveLength(1);
    expect(register[0]).toMatchObject({ serial: issued.record.serial, subject: toIssue.subject, notAfter: UNTIL });
    // The same key asked again is flagged as already certified.
    const again = await readRequestToIssue(db, partnership.id, await bytes(request.file));
    expect(again.ok && again.value.alreadyIssued?.serial).toBe(issued.record.serial);

    const requestPath = tempFile('school.csr.pem', await text(request.file));
    expect(openssl('req', '-in', requestPath, '-noout', '-verify').ok).toBe(true);
    const rootPath = tempFile('root.pem', await text(await rootCertificateFile(db, partnership.id, 'pem')));
    const certificatePath = tempFile('school.crt.pem', await text(issued.file));
    const verified = openssl('verify', '-CAfile', rootPath, certificatePath);
    expect(verified.stdout.trim()).toBe(`${certificatePath}: OK`);
  });

  it('refuses a malformed or altered request in words', async () => {
    const { db, partnership } = await setUp();
    const notARequest = await readRequestToIssue(db, partnership.id, new TextEncoder().encode('hello'));
    expect(notARequest.ok).toBe(false);
    expect(notARequest.message).toMatch(/^This certificate request cannot be used: .*Ask the school or moderator to write a new request/);
    const request = await writeCertificateRequest(db, SCHOOL);
    if (!request.ok) throw new Error(request.message);
    const der = readPemOrDer(await bytes(request.value.file), 'CERTIFICATE REQUEST');
    if (!der.ok) throw new Error(der.problem);
    // The school's name changed on the way ("Kingsbridge" to "Lingsbridge"): the signature no longer matches.
    const altered = der.der.slice();
    const at = Buffer.from(altered).indexOf('Kingsbridge');
    expect(at).toBeGreaterThan(0);
    altered.set([0x4c], at);
    const refused = await readRequestToIssue(db, partnership.id, altered);
    expect(refused).toEqual({
      ok: false,
      message:
        'This certificate request cannot be used: it is not signed by the key it names, so it may have been altered on the way. Ask the school or moderator to write a new request from their workspace and send it again.',
    });
  });

  it('lets the school import its certificate and sign with it, carrying the root, so a moderator who pinned the root sees it certified', async () => {
    const { db, partnership } = await setUp();
    const { issued } = await certifySchool(db, partnership.id);
    expect(workspaceCertificateState((await db.signingKeys.get(SCHOOL.workspaceId)) ?? null, new Date()).kind).toBe('requested');
    const imported = await importWorkspaceCertificate(db, SCHOOL, await bytes(issued.file));
    expect(imported).toMatchObject({
      ok: true,
      message: 'Certificate imported: certified by the South West SEN Regional Partnership. From now on the files you export carry it.',
    });
    const state = workspaceCertificateState((await db.signingKeys.get(SCHOOL.workspaceId)) ?? null, new Date());
    expect(state).toEqual({ kind: 'certified', partnershipName: 'South West SEN Regional Partnership', until: UNTIL });

    const identity = await ensureSigningIdentity(db, SCHOOL);
    expect(identity.certificateFingerprint).toBe(issued.record.fingerprint);
    const rootDer = await bytes(await rootCertificateFile(db, partnership.id, 'der'));
    expect(identity.issuerCertificatesDer?.map((d) => [...d])).toEqual([[...rootDer]]);
    const digest = await sha256('the signed bytes');
    const cms = await signDigest(digest, identity.privateKey, identity.certificateDer, {
      issuerCertificatesDer: identity.issuerCertificatesDer ?? [],
    });
    const checked = await verifyDigestSignature(cms, digest);
    if (!checked.ok) throw new Error(checked.detail);
    const verdict = await verifyCertificateChain({
      signerDer: checked.certificateDer,
      otherCertificatesDer: checked.otherCertificatesDer ?? [],
      pinnedRootsDer: [rootDer],
      signingTime: new Date(),
    });
    expect(verdict.kind).toBe('certified');
    expect(verdict.sentence).toContain('certified by the South West SEN Regional Partnership');
  });

  it('refuses a certificate for another key, or not from a partnership, and keeps the workspace as it was', async () => {
    const { db, partnership } = await setUp();
    const { issued } = await certifySchool(db, partnership.id);
    const other: SigningSubject = { ...SCHOOL, workspaceId: 'school-2' };
    await ensureSigningIdentity(db, other);
    const forOther = await importWorkspaceCertificate(db, other, await bytes(issued.file));
    expect(forOther).toEqual({
      ok: false,
      message:
        'This certificate cannot be used: it is for a different key from this workspace’s. Check it is the file for this workspace; if it is, write a new certificate request from this workspace and send it to the partnership.',
    });
    const onlyCertificate = (await text(issued.file)).split('-----END CERTIFICATE-----')[0] + '-----END CERTIFICATE-----\n';
    const noRoot = await importWorkspaceCertificate(db, SCHOOL, new TextEncoder().encode(onlyCertificate));
    expect(noRoot.ok).toBe(false);
    expect(noRoot.message).toContain('the file should hold your certificate and the partnership’s certificate');
    expect((await db.signingKeys.get(SCHOOL.workspaceId))?.partnershipCertificate).toBeUndefined();
    expect((await db.signingKeys.get('school-2'))?.partnershipCertificate).toBeUndefined();
  });

  it('revokes with a reason and publishes a signed revocation list listing it, numbered one up each time, that openssl reads', async () => {
    const { db, partnership } = await setUp();
    const { issued } = await certifySchool(db, partnership.id);
    const revoked = await revokeIssuedCertificate(db, issued.record.key, 'key-compromise');
    expect(revoked.ok).toBe(true);
    const twice = await revokeIssuedCertificate(db, issued.record.key, 'superseded');
    expect(twice.ok).toBe(false);
    expect((await db.issuedCertificates.get(issued.record.key))?.revocation?.reason).toBe('key-compromise');

    const first = await publishRevocationList(db, partnership.id);
    const second = await publishRevocationList(db, partnership.id);
    if (!first.ok || !second.ok) throw new Error('not published');
    expect([first.value.number, second.value.number]).toEqual([1, 2]);
    expect(second.value.fileName).toBe('South West SEN Regional Partnership revocation list 2.crl.pem');
    const rootDer = await bytes(await rootCertificateFile(db, partnership.id, 'der'));
    const list = await readRevocationList(await bytes(second.value.file), [rootDer]);
    if (!list.ok) throw new Error(list.message);
    expect(list.list.number).toBe(2);
    expect(list.list.revoked.get(issued.record.serial)?.reason).toBe('key-compromise');
    const rootPath = tempFile('root.pem', await text(await rootCertificateFile(db, partnership.id, 'pem')));
    const crl = openssl('crl', '-in', tempFile('list.crl.pem', await text(second.value.file)), '-CAfile', rootPath, '-noout', '-text');
    expect(crl.ok).toBe(true);
    expect(crl.stderr + crl.stdout).toContain(`Serial Number: ${issued.record.serial}`);
    expect(crl.stdout).toContain('Key Compromise');
  });
});
