import { beforeAll, describe, expect, it } from 'vitest';
import { createCertificateRequest, readCertificateRequest } from '../../shared/crypto/certificate-request';
import { issueCertificate, type PartnershipAuthority } from '../../shared/crypto/partnership-certificate';
import { createPartnershipRoot, readPartnershipRoot } from '../../shared/crypto/partnership-root';
import { createRevocationList, type RevocationReason } from '../../shared/crypto/revocation-list';
import { createSelfSignedCertificate, createSigningKeyPair, type CertificateSubject } from '../../shared/crypto/signing-certificate';
import {
  decideSignerTrust,
  uncertifiedKeyWarning,
  type KnownCertification,
  type SignerTrustInput,
  type SignerTrustVerdict,
} from '../../shared/crypto/signer-trust';

/**
 * The trust decision, table-driven, over real certificates made by the project's own PKI code:
 * a partnership root, a certificate it issued from a request, revocation lists it signed, an
 * impostor partnership of the same name, and self-signed keys naming the same school.
 */
const SOUTH_WEST = { name: 'South West SEN Regional Partnership', region: 'South West' };
const ROOT_MADE = new Date('2026-01-05T10:00:00Z');
const VALIDITY = { from: new Date('2026-02-01T00:00:00Z'), to: new Date('2029-01-31T23:59:59Z') };
const SIGNED = new Date('2026-06-15T12:00:00Z');
const NOW = new Date('2026-09-01T09:00:00Z');
const KINGSBRIDGE: CertificateSubject = { commonName: 'Kingsbridge Community College', role: 'School', urn: '113532' };
const text = (s: string) => new TextEncoder().encode(s);

interface Pki {
  authority: PartnershipAuthority;
  rootFingerprint: string;
  impostor: PartnershipAuthority;
  certified: { der: Uint8Array<ArrayBuffer>; serial: string };
  forged: Uint8Array<ArrayBuffer>;
  selfSigned: Uint8Array<ArrayBuffer>;
  listRevokingBefore: (reason: RevocationReason) => Promise<Uint8Array<ArrayBuffer>>;
  listRevokingAfter: (reason: RevocationReason) => Promise<Uint8Array<ArrayBuffer>>;
  impostorList: Uint8Array<ArrayBuffer>;
}
let pki: Pki;

async function makeAuthority(): Promise<PartnershipAuthority> {
  const keys = await createSigningKeyPair();
  return { privateKey: keys.privateKey, rootDer: await createPartnershipRoot(keys, SOUTH_WEST, ROOT_MADE) };
}

async function issueFor(by: PartnershipAuthority, subject: CertificateSubject) {
  const read = await readCertificateRequest(text(await createCertificateRequest(await createSigningKeyPair(), subject)));
  if (!read.ok) throw new Error(read.message);
  const issued = await issueCertificate(by, read.request, VALIDITY);
  return { der: issued.certificateDer, serial: issued.serial };
}

async function listFrom(by: PartnershipAuthority, serial: string, date: string, reason: RevocationReason) {
  const made = await createRevocationList(by, {
    thisUpdate: new Date('2026-07-01T00:00:00Z'),
    nextUpdate: new Date('2026-08-01T00:00:00Z'),
    number: 1,
    entries: [{ serial, date: new Date(date), reason }],
  });
  return made.der;
}

beforeAll(async () => {
  const authority = await makeAuthority();
  const impostor = await makeAuthority();
  const certified = await issueFor(authority, KINGSBRIDGE);
  const read = await readPartnershipRoot(authority.rootDer);
  if (!read.ok) throw new Error(read.message);
  pki = {
    authority,
    rootFingerprint: read.root.fingerprint,
    impostor,
    certified,
    forged: (await issueFor(impostor, KINGSBRIDGE)).der,
    selfSigned: await createSelfSignedCertificate(await createSigningKeyPair(), KINGSBRIDGE, ROOT_MADE),
    listRevokingBefore: (reason) => listFrom(authority, certified.serial, '2026-06-01T00:00:00Z', reason),
    listRevokingAfter: (reason) => listFrom(authority, certified.serial, '2026-06-20T00:00:00Z', reason),
    impostorList: await listFrom(impostor, certified.serial, '2026-06-01T00:00:00Z', 'key-compromise'),
  };
});

const known = (): KnownCertification => ({ ...SOUTH_WEST, rootFingerprint: pki.rootFingerprint });

interface Row {
  case: string;
  input: () => Promise<Partial<SignerTrustInput>>;
  kind: SignerTrustVerdict['kind'];
  message: RegExp;
  /** Extra fields the verdict must have. */
  has?: () => Record<string, unknown>;
}

const CERTIFIED_SENTENCE = /^Signed by Kingsbridge Community College, URN 113532, certified by the South West SEN Regional Partnership\.$/;

const rows: Row[] = [
  {
    case: 'issued by a pinned partnership: certified, naming school, URN and partnership',
    input: async () => ({}),
    kind: 'certified',
    message: CERTIFIED_SENTENCE,
    has: () => ({
      signer: { commonName: 'Kingsbridge Community College', urn: '113532', role: 'School' },
      partnership: { name: SOUTH_WEST.name, region: 'South West', rootFingerprint: pki.rootFingerprint },
    }),
  },
  {
    case: 'a revocation list from an impostor of the same name is ignored: still certified',
    input: async () => ({ revocationListsDer: [pki.impostorList] }),
    kind: 'certified',
    message: CERTIFIED_SENTENCE,
  },
  {
    case: 'revoked before the signing time: revoked, with the reason and date from the list',
    input: async () => ({ revocationListsDer: [await pki.listRevokingBefore('affiliation-changed')] }),
    kind: 'revoked',
    message:
      /was revoked on 2026-06-01 because the holder is no longer with the partnership, before the file was signed on 2026-06-15\. Do not accept the file; contact the partnership\.$/,
    has: () => ({ revocation: { date: new Date('2026-06-01T00:00:00Z'), reason: 'affiliation-changed' } }),
  },
  {
    case: 'revoked for key compromise after the date the file gives: still revoked (the date is the signer’s own)',
    input: async () => ({ revocationListsDer: [await pki.listRevokingAfter('key-compromise')] }),
    kind: 'revoked',
    message:
      /revoked on 2026-06-20 because its signing key may have been used by someone else\. The file says it was signed on 2026-06-15, but whoever holds the key can set that date/,
    has: () => ({ revocation: { date: new Date('2026-06-20T00:00:00Z'), reason: 'key-compromise' } }),
  },
  {
    case: 'replaced by a newer certificate after the file was signed: certified, with a note',
    input: async () => ({ revocationListsDer: [await pki.listRevokingAfter('superseded')] }),
    kind: 'certified',
    message:
      /certified by the South West SEN Regional Partnership\. Its certificate was revoked on 2026-06-20 because it was replaced by a newer certificate, after this file was signed\.$/,
  },
  {
    case: 'issued by a partnership that is not pinned: chain-invalid, saying to pin it',
    input: async () => ({ pinnedRootsDer: [], otherCertificatesDer: [pki.authority.rootDer] }),
    kind: 'chain-invalid',
    message:
      /which you have not pinned \(the file carries a certificate for it, which is not enough\)\. Pin that partnership’s certificate/,
    has: () => ({ reason: 'not-pinned' }),
  },
  {
    case: 'issued by an impostor root with the pinned partnership’s name: chain-invalid, may be forged',
    input: async () => ({ signerDer: pki.forged, otherCertificatesDer: [pki.impostor.rootDer] }),
    kind: 'chain-invalid',
    message: /not signed by the key you pinned for that partnership, so it may be forged/,
    has: () => ({ reason: 'broken' }),
  },
  {
    case: 'signed after the certificate expired: chain-invalid',
    input: async () => ({ signingTime: new Date('2029-03-01T00:00:00Z') }),
    kind: 'chain-invalid',
    message:
      /after the certificate the South West SEN Regional Partnership gave Kingsbridge Community College, URN 113532 expired \(2029-01-31\)/,
    has: () => ({ reason: 'expired' }),
  },
  {
    case: 'signed before the certificate became valid: chain-invalid',
    input: async () => ({ signingTime: new Date('2026-01-20T00:00:00Z') }),
    kind: 'chain-invalid',
    message:
      /before the certificate the South West SEN Regional Partnership gave Kingsbridge Community College, URN 113532 became valid \(2026-02-01\)/,
    has: () => ({ reason: 'not-yet-valid' }),
  },
  {
    case: 'unreadable certificate bytes: chain-invalid, never a throw',
    input: async () => ({ signerDer: new Uint8Array([0x30, 0x00]) }),
    kind: 'chain-invalid',
    message: /./,
    has: () => ({ reason: 'unreadable', signer: null }),
  },
  {
    case: 'self-signed, school not known to be certified: not-certified, today’s first use, no warning',
    input: async () => ({ signerDer: pki.selfSigned }),
    kind: 'not-certified',
    message: /with a certificate no partnership has certified: check its fingerprint with the sender the first time\.$/,
    has: () => ({ warning: null }),
  },
  {
    case: 'self-signed, naming a school a pinned partnership certifies: not-certified and flagged',
    input: async () => ({ signerDer: pki.selfSigned, knownCertification: known() }),
    kind: 'not-certified',
    message: /no partnership has certified/,
    has: () => ({
      warning:
        'This school’s certificate is issued by the South West SEN Regional Partnership; this file is signed by a key the South West SEN Regional Partnership did not certify, so it may be forged. ' +
        'Do not accept it until you have checked with the school and the partnership.',
    }),
  },
  {
    case: 'self-signed, the school known certified by a partnership no longer pinned: no warning',
    input: async () => ({ signerDer: pki.selfSigned, knownCertification: known(), pinnedRootsDer: [pki.impostor.rootDer] }),
    kind: 'not-certified',
    message: /no partnership has certified/,
    has: () => ({ warning: null }),
  },
];

describe('decideSignerTrust', () => {
  it.each(rows)('$case', async (row) => {
    const verdict = await decideSignerTrust({
      signerDer: pki.certified.der,
      pinnedRootsDer: [pki.authority.rootDer],
      signingTime: SIGNED,
      now: NOW,
      ...(await row.input()),
    });
    expect(verdict.kind).toBe(row.kind);
    expect(verdict.message).toMatch(row.message);
    if (row.has) expect(verdict).toMatchObject(row.has());
  });

  it('a file that gives no signing time is judged at now: revoked by a list dated before now, whatever the reason', async () => {
    const verdict = await decideSignerTrust({
      signerDer: pki.certified.der,
      pinnedRootsDer: [pki.authority.rootDer],
      revocationListsDer: [await pki.listRevokingAfter('superseded')],
      signingTime: null,
      now: NOW,
    });
    expect(verdict).toMatchObject({ kind: 'revoked', revocation: { reason: 'superseded' } });
  });

  it('a verdict is plain data (a worker can post it; a record can keep it)', async () => {
    const verdict = await decideSignerTrust({
      signerDer: pki.certified.der,
      pinnedRootsDer: [pki.authority.rootDer],
      signingTime: SIGNED,
      now: NOW,
    });
    expect(structuredClone(verdict)).toEqual(verdict);
  });
});

describe('uncertifiedKeyWarning', () => {
  const signer = { commonName: 'Kingsbridge Community College', urn: '113532', organisation: '' };
  it('warns only when the known partnership is still pinned', () => {
    expect(uncertifiedKeyWarning(signer, known(), [pki.rootFingerprint])).toMatch(/^This school’s certificate is issued by the South West/);
    expect(uncertifiedKeyWarning(signer, known(), [])).toBeNull();
    expect(uncertifiedKeyWarning(signer, null, [pki.rootFingerprint])).toBeNull();
  });
  it('speaks of a signer, not a school, for a moderator', () => {
    expect(uncertifiedKeyWarning({ ...signer, urn: '', organisation: 'Devon' }, known(), [pki.rootFingerprint])).toMatch(/^This signer’s/);
  });
});
