import { beforeAll, describe, expect, it } from 'vitest';
import type { PartnershipAuthority } from '../../shared/crypto/partnership-certificate';
import { readPartnershipRoot } from '../../shared/crypto/partnership-root';
import { decideSignerTrust, type SignerTrustVerdict } from '../../shared/crypto/signer-trust';
import type { DemonstrationSchool } from '../../shared/demonstration/demonstration-school';
import { createCatalogue, type FrameworkCatalogue } from '../../shared/framework/framework-catalogue';
import { loadShippedData } from '../../shared/framework/shipped-frameworks';
import { decideImport, type ImportDecision, type ImportInput } from '../../shared/moderation/import-decision';
import type { SignerPin } from '../../shared/moderation/moderation-records';
import { verifySubmission, type VerifiedSubmission } from '../../shared/submission/submission-verifier';
import { certifiedSchoolIdentity, makePartnership, revocationListFor } from '../fixtures/partnership-signing';
import { demonstrationData, exportDemonstration, FIXED_NOW, signingIdentityFor } from '../fixtures/signed-submission';

/**
 * The import decision for submissions signed with partnership-issued certificates: real exports,
 * verified by the shared verifier, their signer judged by decideSignerTrust against the roots and
 * revocation lists the moderator holds.
 */
const WORKSPACE = 'ws-1';
const AT = '2026-12-01T09:00:00.000Z';
let demo: DemonstrationSchool;
let catalogue: FrameworkCatalogue;
let partnership: PartnershipAuthority;
let rootFingerprint: string;
let certified: VerifiedSubmission;
let certifiedSerial: string;
let selfSigned: VerifiedSubmission;

async function verified(bytes: Uint8Array<ArrayBuffer>): Promise<VerifiedSubmission> {
  const result = await verifySubmission(bytes);
  if (!result.ok) throw new Error(result.rejection.message);
  return result.report;
}

beforeAll(async () => {
  demo = await demonstrationData();
  const { frameworks, regions } = await loadShippedData();
  catalogue = createCatalogue(frameworks, regions);
  partnership = await makePartnership();
  const root = await readPartnershipRoot(partnership.rootDer);
  if (!root.ok) throw new Error(root.message);
  rootFingerprint = root.root.fingerprint;
  const { name, urn } = demo.snapshot.school;
  const issued = await certifiedSchoolIdentity(partnership, name, urn);
  certifiedSerial = issued.serial;
  certified = await verified((await exportDemonstration(demo, issued.signing)).bytes);
  selfSigned = await verified((await exportDemonstration(demo, await signingIdentityFor(name, urn))).bytes);
}, 120_000);

function trustOf(report: VerifiedSubmission, held: { roots?: Uint8Array<ArrayBuffer>[]; lists?: Uint8Array[] } = {}) {
  return decideSignerTrust({
    signerDer: report.certificateDer,
    otherCertificatesDer: report.otherCertificatesDer,
    pinnedRootsDer: held.roots ?? [partnership.rootDer],
    revocationListsDer: held.lists ?? [],
    signingTime: report.signingTime,
    now: new Date(AT),
  });
}

function decide(report: VerifiedSubmission, signerTrust: SignerTrustVerdict | null, known: Partial<ImportInput> = {}): ImportDecision {
  return decideImport({
    workspaceId: WORKSPACE,
    verification: { ok: true, report },
    file: { fileName: 'school.pdf', size: 1000 },
    catalogue,
    pin: null,
    existing: null,
    at: AT,
    signerTrust,
    pinnedRootFingerprints: [rootFingerprint],
    ...known,
  });
}

describe('a submission signed with a certificate the pinned partnership issued', () => {
  it('carries the partnership’s root in its signature, and the verifier hands both certificates on', () => {
    expect(certified.otherCertificatesDer).toEqual([partnership.rootDer]);
    expect(certified.signingTime).toEqual(FIXED_NOW);
  });

  it('imports without the first-use question, says who certified it, and records the certification on the pin', async () => {
    const decision = decide(certified, await trustOf(certified));
    expect(decision.kind).toBe('store');
    if (decision.kind !== 'store') return;
    expect(decision.trust).toBe('certified');
    const { name, urn } = demo.snapshot.school;
    expect(decision.certification).toBe(`Signed by ${name}, URN ${urn}, certified by the South West SEN Regional Partnership.`);
    expect(decision.write.pin).toMatchObject({
      fingerprint: certified.certificate.fingerprint,
      certifiedBy: { name: 'South West SEN Regional Partnership', region: 'South West', rootFingerprint },
    });
  });

  it('replaces a school’s earlier first-use key without asking, keeping the pin’s history', async () => {
    const pin: SignerPin = {
      key: `${WORKSPACE}|${demo.snapshot.school.urn}`,
      workspaceId: WORKSPACE,
      urn: demo.snapshot.school.urn,
      fingerprint: selfSigned.certificate.fingerprint,
      pinnedAt: '2026-10-01T09:00:00.000Z',
      history: [{ fingerprint: 'ab', decision: 'refused', at: '2026-10-02T09:00:00.000Z', submissionId: 'x' }],
    };
    const decision = decide(certified, await trustOf(certified), { pin });
    expect(decision).toMatchObject({ kind: 'store', trust: 'certified' });
    if (decision.kind !== 'store') return;
    expect(decision.write.pin.fingerprint).toBe(certified.certificate.fingerprint);
    expect(decision.write.pin.history).toEqual(pin.history);
  });

  it('is refused with the partnership’s reason when the certificate was revoked before it was signed, and nothing is written', async () => {
    const list = await revocationListFor(partnership, certifiedSerial, new Date('2026-11-01T00:00:00Z'), 'affiliation-changed');
    const trust = await trustOf(certified, { lists: [list.der] });
    expect(trust.kind).toBe('revoked');
    const decision = decide(certified, trust);
    expect(decision.kind).toBe('rejected');
    expect(decision.kind === 'rejected' && decision.message).toMatch(
      /was not imported\. The certificate the South West SEN Regional Partnership gave .* was revoked on 2026-11-01 because the holder is no longer with the partnership, before the file was signed on 2026-11-20\./,
    );
  });

  it('is refused when the moderator has not pinned the partnership, saying to pin it', async () => {
    const decision = decide(certified, await trustOf(certified, { roots: [] }));
    expect(decision.kind).toBe('rejected');
    expect(decision.kind === 'rejected' && decision.message).toMatch(/which you have not pinned/);
  });
});

describe('a submission signed with a key no partnership certified', () => {
  it('goes through today’s first-use question when the school is not known to be certified', async () => {
    const decision = decide(selfSigned, await trustOf(selfSigned));
    expect(decision.kind).toBe('ask-first-use');
    expect(decision.kind === 'ask-first-use' && decision.warning).toBeUndefined();
  });

  it('is flagged when it names a school a pinned partnership certifies, and still asks before anything is stored', async () => {
    const first = decide(certified, await trustOf(certified));
    if (first.kind !== 'store') throw new Error(first.kind);
    const decision = decide(selfSigned, await trustOf(selfSigned), { pin: first.write.pin });
    expect(decision.kind).toBe('ask');
    expect(decision.kind === 'ask' && decision.warning).toBe(
      'This school’s certificate is issued by the South West SEN Regional Partnership; this file is signed by a key the South West SEN Regional Partnership did not certify, so it may be forged. ' +
        'Do not accept it until you have checked with the school and the partnership.',
    );
    // Accepting it anyway pins that key, which no partnership certified.
    const accepted = decide(selfSigned, await trustOf(selfSigned), { pin: first.write.pin, answer: 'accept', question: 'different-key' });
    expect(accepted).toMatchObject({ kind: 'store', trust: 'accepted' });
    expect(accepted.kind === 'store' && accepted.write.pin.certifiedBy).toBeUndefined();
  });

  it('with no trust verdict at all, behaves as before (first use asks)', () => {
    expect(decide(certified, null)).toMatchObject({ kind: 'ask-first-use' });
  });
});
