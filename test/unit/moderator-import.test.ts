import { beforeAll, describe, expect, it } from 'vitest';
import type { DemonstrationSchool } from '../../shared/demonstration/demonstration-school';
import { createCatalogue, type FrameworkCatalogue } from '../../shared/framework/framework-catalogue';
import { loadShippedData } from '../../shared/framework/shipped-frameworks';
import {
  decideImport,
  resolveFramework,
  signerPinKey,
  type ImportDecision,
  type ImportInput,
} from '../../shared/moderation/import-decision';
import type { ImportedSubmission, SignerPin } from '../../shared/moderation/moderation-records';
import type { SigningIdentity } from '../../shared/submission/submission-exporter';
import { verifySubmission, type SubmissionVerification } from '../../shared/submission/submission-verifier';
import { assembleSigned, demonstrationData, exportDemonstration, signingIdentityFor } from '../fixtures/signed-submission';

/**
 * The import decision against real signed submissions: the shared verifier checks the bytes, and
 * the decision says what a moderator workspace stores, refuses or asks about, given its pins.
 */
const WORKSPACE = 'ws-1';
const AT = '2026-12-01T09:00:00.000Z';
let demo: DemonstrationSchool;
let catalogue: FrameworkCatalogue;
let signing: SigningIdentity;
let otherKey: SigningIdentity;
let v1: SubmissionVerification;
let v2: SubmissionVerification;
let v1OtherKey: SubmissionVerification;
let v2OtherKey: SubmissionVerification;
let v1Size = 0;

beforeAll(async () => {
  demo = await demonstrationData();
  const { frameworks, regions } = await loadShippedData();
  catalogue = createCatalogue(frameworks, regions);
  const { name, urn } = demo.snapshot.school;
  [signing, otherKey] = await Promise.all([signingIdentityFor(name, urn), signingIdentityFor(name, urn)]);
  const secondVersion = (s: SigningIdentity) =>
    assembleSigned(demo, s, ({ document }) => {
      document.submissionId = 'sub-test-0002';
      document.version = 2;
      document.createdAt = '2026-11-27T10:30:00.000Z';
      const first = document.responses[0];
      if (first) first.narrative = `${first.narrative} Updated after the governors’ review.`;
    });
  const [bytes1, bytes2, bytes1Other, bytes2Other] = await Promise.all([
    exportDemonstration(demo, signing).then((r) => r.bytes),
    secondVersion(signing),
    exportDemonstration(demo, otherKey).then((r) => r.bytes),
    secondVersion(otherKey),
  ]);
  v1Size = bytes1.length;
  [v1, v2, v1OtherKey, v2OtherKey] = await Promise.all([
    verifySubmission(bytes1),
    verifySubmission(bytes2),
    verifySubmission(bytes1Other),
    verifySubmission(bytes2Other),
  ]);
}, 120_000);

function decide(verification: SubmissionVerification, known: Partial<ImportInput> = {}): ImportDecision {
  return decideImport({
    workspaceId: WORKSPACE,
    verification,
    file: { fileName: 'brookfield.pdf', size: v1Size },
    catalogue,
    pin: null,
    existing: null,
    at: AT,
    ...known,
  });
}

/** The moderator compared the fingerprint of a first-use key and trusted it. */
const TRUSTED: Partial<ImportInput> = { answer: 'accept', question: 'first-use' };

function stored(decision: ImportDecision) {
  if (decision.kind !== 'store') throw new Error(`expected store, got ${decision.kind}`);
  return decision;
}

describe('importing a real signed submission into a moderator workspace', () => {
  it('stores a first submission and pins its signer for the school’s URN', () => {
    const decision = stored(decide(v1, TRUSTED));
    expect(decision.trust).toBe('first-use');
    expect(decision.framework).toEqual({ source: 'installed' });
    const { submission, document, pin, embeddedFrameworks } = decision.write;
    expect(submission).toMatchObject({
      key: `${WORKSPACE}|sub-test-0001`,
      workspaceId: WORKSPACE,
      submissionId: 'sub-test-0001',
      urn: demo.snapshot.school.urn,
      schoolName: demo.snapshot.school.name,
      regionId: 'north-east',
      version: 1,
      status: 'new',
      frameworkSource: 'installed',
      signerFingerprint: signing.certificateFingerprint,
      fileName: 'brookfield.pdf',
      size: v1Size,
      importedAt: AT,
    });
    expect(submission.fileSha256).toMatch(/^[0-9a-f]{64}$/);
    // The submission's data goes beside the record, under the same key: the queue reads the record alone.
    expect(submission).not.toHaveProperty('document');
    expect(document).toEqual({ key: submission.key, document: v1.ok ? v1.report.submission : null });
    expect(submission.framework.contentHash).toBe(demo.snapshot.framework.base.contentHash);
    expect(embeddedFrameworks).toEqual([]);
    expect(pin).toEqual({
      key: signerPinKey(WORKSPACE, demo.snapshot.school.urn),
      workspaceId: WORKSPACE,
      urn: demo.snapshot.school.urn,
      fingerprint: signing.certificateFingerprint,
      pinnedAt: AT,
      history: [],
    });
  });

  it('asks before storing a first submission, naming the certificate, and stores nothing when the key is not trusted', () => {
    expect(decide(v1)).toEqual({
      kind: 'ask-first-use',
      fingerprint: signing.certificateFingerprint,
      signer: {
        name: demo.snapshot.school.name,
        role: 'School',
        urn: demo.snapshot.school.urn,
        organisation: '',
        validFrom: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        validUntil: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        fingerprint: signing.certificateFingerprint,
      },
    });
    expect(decide(v1, { answer: 'refuse', question: 'first-use' })).toEqual({ kind: 'declined' });
  });

  it('does not carry a first-use answer over to a key pinned since: it asks about the different key', () => {
    const pin = stored(decide(v1, TRUSTED)).write.pin;
    const decision = decide(v2OtherKey, { pin, answer: 'accept', question: 'first-use' });
    expect(decision.kind).toBe('ask');
  });

  it('stores a later version signed with the pinned key, leaving the pin as it was', () => {
    const pin = stored(decide(v1, TRUSTED)).write.pin;
    const decision = stored(decide(v2, { pin }));
    expect(decision.trust).toBe('matches');
    expect(decision.write.pin).toBe(pin);
    expect(decision.write.submission.version).toBe(2);
  });

  it('asks about a different key, and stores nothing until the moderator answers', () => {
    const pin = stored(decide(v1, TRUSTED)).write.pin;
    const decision = decide(v2OtherKey, { pin });
    expect(decision).toEqual({
      kind: 'ask',
      pinnedFingerprint: signing.certificateFingerprint,
      pinnedAt: AT,
      fingerprint: otherKey.certificateFingerprint,
    });
  });

  it('on acceptance stores the file, re-pins the new key and records the decision', () => {
    const pin = stored(decide(v1, TRUSTED)).write.pin;
    const later = '2026-12-02T10:00:00.000Z';
    const decision = stored(decide(v2OtherKey, { pin, answer: 'accept', at: later }));
    expect(decision.trust).toBe('accepted');
    expect(decision.write.pin).toEqual({
      ...pin,
      fingerprint: otherKey.certificateFingerprint,
      pinnedAt: later,
      history: [{ fingerprint: otherKey.certificateFingerprint, decision: 'accepted', at: later, submissionId: 'sub-test-0002' }],
    });
  });

  it('on refusal stores nothing but the refusal in the pin’s history', () => {
    const pin: SignerPin = { ...stored(decide(v1, TRUSTED)).write.pin, history: [] };
    const decision = decide(v2OtherKey, { pin, answer: 'refuse' });
    expect(decision).toEqual({
      kind: 'refuse',
      pin: {
        ...pin,
        history: [{ fingerprint: otherKey.certificateFingerprint, decision: 'refused', at: AT, submissionId: 'sub-test-0002' }],
      },
    });
  });

  it('says when the same file is imported twice, and when a different file claims the same submission id', () => {
    const first = stored(decide(v1, TRUSTED)).write;
    const existing: ImportedSubmission = first.submission;
    const again = decide(v1, { pin: first.pin, existing });
    expect(again.kind).toBe('duplicate');
    expect(again.kind === 'duplicate' && again.message).toBe(
      `This workspace already has submission v1 from ${demo.snapshot.school.name} (URN ${demo.snapshot.school.urn}): the same file. Nothing new was stored.`,
    );
    // Re-signed with another key: same submission id, different bytes. No key question: it is a clash.
    const clash = decide(v1OtherKey, { pin: first.pin, existing });
    expect(clash.kind).toBe('conflict');
  });

  it('refuses a tampered file with the verifier’s reason', async () => {
    const good = (await exportDemonstration(demo, signing)).bytes;
    const tampered = good.slice();
    const at = tampered.length - 200;
    tampered[at] = (tampered[at] ?? 0) ^ 0x01;
    const decision = decide(await verifySubmission(tampered));
    expect(decision.kind).toBe('rejected');
    expect(decision.kind === 'rejected' && decision.message.length).toBeGreaterThan(20);
  });

  it('uses the copy of the framework inside the file when the app does not have that version, and says so', () => {
    if (!v1.ok) throw new Error(v1.rejection.message);
    const { report } = v1;
    const withoutIt = createCatalogue(
      [...catalogue.byHash.values()].filter((f) => f.contentHash !== report.framework.contentHash),
      catalogue.regions,
    );
    const resolution = resolveFramework(withoutIt, v1.report);
    expect(resolution.source).toBe('embedded');
    if (resolution.source !== 'embedded') return;
    expect(resolution.records).toEqual([{ contentHash: v1.report.framework.contentHash, value: v1.report.framework.file }]);
    expect(resolution.message).toMatch(
      /^The submission was made against North East .* is not installed in this app\. The copy inside the submission is used/,
    );

    const decision = stored(decide(v1, { ...TRUSTED, catalogue: withoutIt }));
    expect(decision.write.submission.frameworkSource).toBe('embedded');
    expect(decision.write.embeddedFrameworks).toEqual(resolution.records);
  });

  it('names the installed version when the file’s framework is another version of it', () => {
    if (!v1.ok) throw new Error(v1.rejection.message);
    const base = v1.report.framework;
    const newer = { ...base, contentHash: 'f'.repeat(64), file: { ...base.file, version: '9.9.9' } };
    const others = [...catalogue.byHash.values()].filter((f) => f.contentHash !== base.contentHash);
    const resolution = resolveFramework(createCatalogue([...others, newer], catalogue.regions), v1.report);
    expect(resolution.source === 'embedded' && resolution.message).toContain(`differs from the version installed in this app (9.9.9)`);
  });
});
