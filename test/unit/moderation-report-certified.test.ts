import 'fake-indexeddb/auto';
import { afterAll, describe, expect, it } from 'vitest';
import { AppDatabase } from '../../renderer/db/app-database';
import { createPartnership, issueFromRequest, readRequestToIssue, rootCertificateFile } from '../../renderer/db/partnership-store';
import { ensureSigningIdentity, moderatorSigningSubject } from '../../renderer/db/signing-key-store';
import { importWorkspaceCertificate, writeCertificateRequest } from '../../renderer/db/workspace-certificate-store';
import { verifyCertificateChain } from '../../shared/crypto/certificate-chain';
import { exportModerationReport } from '../../shared/moderation/moderation-report';
import { verifyModerationReport } from '../../shared/moderation/moderation-report-verifier';
import { chooseValidity, defaultValidityDays } from '../../shared/partnership/partnership-register';
import { verifySubmission } from '../../shared/submission/submission-verifier';
import { MODERATOR_WORKSPACE, sampleModeration } from '../fixtures/moderation-report';
import { demonstrationData, exportDemonstration, signingIdentityFor } from '../fixtures/signed-submission';

/**
 * A moderator workspace certified by its partnership signs its moderation reports with the
 * partnership's certificate and carries the partnership's root in the signature, so a school or
 * moderator who pinned the root finds the report certified (before, reports carried only the
 * signer's certificate, and the chain could not be followed).
 */
const db = new AppDatabase(`moderation-report-certified-${Date.now()}`);
afterAll(async () => {
  db.close();
  await db.delete();
});

describe('a certified moderator’s report', () => {
  it('carries the partnership’s root and verifies as certified by it', async () => {
    const made = await createPartnership(db, { name: 'North East SEN Regional Partnership', region: 'North East' });
    if (!made.ok) throw new Error(made.message);
    const subject = moderatorSigningSubject(MODERATOR_WORKSPACE);
    const request = await writeCertificateRequest(db, subject);
    if (!request.ok) throw new Error(request.message);
    const toIssue = await readRequestToIssue(db, made.value.id, new Uint8Array(await request.value.file.arrayBuffer()));
    if (!toIssue.ok) throw new Error(toIssue.message);
    expect(toIssue.value.subject).toEqual({
      commonName: 'Jordan Hale',
      role: 'Moderator',
      urn: '',
      organisation: 'North East SEN Partnership',
    });
    const days = defaultValidityDays(new Date());
    const validity = chooseValidity(days.from, days.to, new Date());
    if (!validity.ok) throw new Error(validity.message);
    const issued = await issueFromRequest(db, made.value.id, toIssue.value, validity);
    if (!issued.ok) throw new Error(issued.message);
    const imported = await importWorkspaceCertificate(db, subject, new Uint8Array(await issued.value.file.arrayBuffer()));
    expect(imported.ok).toBe(true);

    const demo = await demonstrationData('north-east');
    const school = demo.snapshot.school;
    const submission = await exportDemonstration(demo, await signingIdentityFor(school.name, school.urn));
    const verified = await verifySubmission(submission.bytes.slice());
    if (!verified.ok) throw new Error(verified.rejection.message);
    const identity = await ensureSigningIdentity(db, subject);
    const report = await exportModerationReport(sampleModeration(verified.report, submission.bytes.length), identity);

    const checked = await verifyModerationReport(report.bytes.slice(), { submissionSha256: () => submission.sha256 });
    if (!checked.ok) throw new Error(checked.rejection.message);
    const rootDer = new Uint8Array(await (await rootCertificateFile(db, made.value.id, 'der')).arrayBuffer());
    expect(checked.report.otherCertificatesDer.map((der) => [...der])).toEqual([[...rootDer]]);
    const verdict = await verifyCertificateChain({
      signerDer: checked.report.certificateDer,
      otherCertificatesDer: checked.report.otherCertificatesDer,
      pinnedRootsDer: [rootDer],
      signingTime: checked.report.signingTime ?? new Date(),
    });
    expect(verdict.kind).toBe('certified');
    expect(verdict.sentence).toContain('Jordan Hale');
    expect(verdict.sentence).toContain('certified by the North East SEN Regional Partnership');
  }, 60_000);
});
