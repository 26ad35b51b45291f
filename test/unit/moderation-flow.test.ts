import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AppliedFramework } from '../../shared/framework/applied-framework';
import { MODERATION_JSON_NAME, moderationFileName, type ModerationDocument } from '../../shared/moderation/moderation-format';
import type { VisitPlan } from '../../shared/moderation/moderation-records';
import { exportModerationReport, type ModerationReportInput } from '../../shared/moderation/moderation-report';
import { verifyModerationReport } from '../../shared/moderation/moderation-report-verifier';
import { drawnPlan, drawStillMatches, evidenceRequestActions, statusAfterDecision } from '../../shared/moderation/moderation-review';
import { visitPlanLayout } from '../../shared/moderation/visit-plan-layout';
import { renderPdf } from '../../shared/pdf/pdfmake-renderer';
import type { SigningIdentity } from '../../shared/submission/submission-exporter';
import { verifySubmission, type VerifiedSubmission } from '../../shared/submission/submission-verifier';
import { MODERATOR_WORKSPACE, MORE_EVIDENCE_COMMENT, moderatorIdentity, sampleModeration } from '../fixtures/moderation-report';
import { demonstrationData, exportDemonstration, signingIdentityFor } from '../fixtures/signed-submission';

/**
 * The whole moderation, end to end, with the real code on both sides: a school's signed
 * submission is verified, moderated criterion by criterion, sampled for a visit with a recorded
 * seed, decided, and reported back in a signed PDF that the school's side verifies against the
 * SHA-256 of the file it exported. External tools check the report; tampered reports are refused.
 */
let dir: string;
let submissionBytes: Uint8Array<ArrayBuffer>;
let submissionSha256: string;
let verified: VerifiedSubmission;
let framework: AppliedFramework;
let input: ModerationReportInput;
let visit: VisitPlan;
let moderatorSigning: SigningIdentity;
let report: { bytes: Uint8Array<ArrayBuffer>; document: ModerationDocument; sha256: string };
let reportPath: string;

function run(command: string, args: string[]): string {
  return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sen-moderation-'));
  // The school's side: a demonstration school's real signed submission.
  const demo = await demonstrationData('north-east');
  const school = demo.snapshot.school;
  const exported = await exportDemonstration(demo, await signingIdentityFor(school.name, school.urn));
  submissionBytes = exported.bytes;
  submissionSha256 = exported.sha256;

  // The moderator's side: verify, then moderate (agree, moderated, more evidence), sample, decide.
  const verification = await verifySubmission(submissionBytes.slice());
  if (!verification.ok) throw new Error(verification.rejection.message);
  verified = verification.report;
  input = sampleModeration(verified, submissionBytes.length);
  framework = input.framework;
  if (!input.visit) throw new Error('no visit');
  visit = input.visit;
  moderatorSigning = await moderatorIdentity();
  report = await exportModerationReport(input, moderatorSigning);
  reportPath = join(dir, moderationFileName(report.document));
  writeFileSync(reportPath, report.bytes);
}, 120_000);

describe('moderation, end to end', () => {
  it('the moderated submission moves to "in review" with the first decision and stays there', () => {
    expect(statusAfterDecision('new', 'agree')).toBe('in-review');
    expect(statusAfterDecision('new', null)).toBe('new');
    expect(statusAfterDecision('visit-planned', 'more-evidence')).toBe('visit-planned');
  });

  it('the visit sample is one criterion from each strand, and the seed repeats it', () => {
    expect(visit.method).toEqual({ kind: 'random', seed: 'VISIT2026', perStrand: 1 });
    expect(visit.criterionIds).toHaveLength(framework.strands.length);
    expect(drawnPlan(framework, 1, 'VISIT2026').criterionIds).toEqual(visit.criterionIds);
    expect(drawStillMatches(framework, visit)).toBe(true);
    expect(drawStillMatches(framework, { ...visit, criterionIds: visit.criterionIds.slice(1) })).toBe(false);
    expect(drawnPlan(framework, 1, 'ANOTHER1').criterionIds).not.toEqual(visit.criterionIds);
  });

  it('the report names the submission by id and the SHA-256 of its PDF, with every decision, the visit and the outcome', () => {
    const { document } = report;
    expect(document.submission.submissionId).toBe(verified.submission.submissionId);
    expect(document.submission.sha256).toBe(submissionSha256);
    expect(document.criteria).toHaveLength(framework.criteria.length);
    const [first, second, third, fourth] = document.criteria;
    expect(first?.decision).toBe('agree');
    expect(second?.decision).toBe('moderated');
    expect(second?.moderatedJudgement).toBe(input.moderations[1]?.moderatedJudgement);
    expect(third).toMatchObject({ decision: 'more-evidence', comment: MORE_EVIDENCE_COMMENT });
    expect(fourth?.decision).toBeNull();
    expect(document.visit?.method).toEqual({ kind: 'random', seed: 'VISIT2026', perStrand: 1 });
    expect(document.outcome.feedback).toBe(input.outcome.feedback);
    if (document.outcome.kind === 'accredited') expect(document.outcome.renewalDate).toBe('2030-01-20');
    expect(document.signer.certificateFingerprint).toBe(moderatorSigning.certificateFingerprint);
    expect(moderationFileName(document)).toBe('999001-moderation-2027-01-21-v1.pdf');
  });

  it('the school verifies the report against the SHA-256 of the submission it exported', async () => {
    const result = await verifyModerationReport(report.bytes.slice(), {
      submissionSha256: (id) => (id === verified.submission.submissionId ? submissionSha256 : null),
      pinnedFingerprint: () => null,
    });
    if (!result.ok) throw new Error(result.rejection.message);
    expect(result.report.moderation).toEqual(report.document);
    expect(result.report.certificate.role).toBe('Moderator');
    expect(result.report.certificate.organisation).toBe(MODERATOR_WORKSPACE.organisation);
    expect(result.report.pin).toEqual({ status: 'first-use' });
    expect(result.report.fileSha256).toBe(report.sha256);

    const again = await verifyModerationReport(report.bytes.slice(), { pinnedFingerprint: () => moderatorSigning.certificateFingerprint });
    expect(again.ok && again.report.pin).toEqual({ status: 'matches' });
    const changed = await verifyModerationReport(report.bytes.slice(), { pinnedFingerprint: () => 'ab'.repeat(32) });
    expect(changed.ok && changed.report.pin).toEqual({ status: 'different', pinnedFingerprint: 'ab'.repeat(32) });
  });

  it('each request for more evidence becomes one action for the school', () => {
    const third = framework.criteria[2];
    expect(evidenceRequestActions(report.document)).toEqual([
      { criterionId: third?.id, what: `Send more evidence for ${third?.id}: ${MORE_EVIDENCE_COMMENT}`, byWhen: '' },
    ]);
  });

  it('pdfsig: one signature, valid, covering the total document', () => {
    const out = run('pdfsig', [reportPath]);
    expect(out).toMatch(/Signature #1:/);
    expect(out).not.toMatch(/Signature #2:/);
    expect(out).toMatch(/Signature Validation: Signature is Valid\./);
    expect(out).toMatch(/Total document signed/);
  });

  it('qpdf --check finds no errors', () => {
    expect(run('qpdf', ['--check', reportPath])).toMatch(/No syntax or stream encoding errors found/);
  });

  it('pdfdetach lists moderation.json, and it is the report’s data', () => {
    const list = run('pdfdetach', ['-list', reportPath]);
    expect(list).toMatch(/1 embedded files/);
    expect(list).toContain(MODERATION_JSON_NAME);
    const out = join(dir, 'moderation.json');
    run('pdfdetach', ['-save', '1', '-o', out, reportPath]);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(report.document);
  });

  it('pdftotext shows the school, the outcome, the seed, each criterion decided or sampled, and a line per strand for the rest', () => {
    const text = run('pdftotext', ['-layout', reportPath, '-']);
    expect(text).toContain('Brookfield Demonstration Primary School');
    expect(text).toContain('VISIT2026');
    const listed = [...input.moderations.map((m) => m.criterionId), ...visit.criterionIds];
    expect(listed.filter((id) => !text.includes(id))).toEqual([]);
    // Criteria agreed without comment are counted per strand, not listed one by one.
    const flat = text.replace(/\s+/g, ' ');
    for (const strand of framework.strands) expect(flat).toMatch(new RegExp(`${strand.id} [^:]*: \\d+ criteria agreed without comment`));
  });

  it('a changed byte is refused', async () => {
    const tampered = report.bytes.slice();
    const at = Math.floor(tampered.length / 3);
    tampered[at] = (tampered[at] ?? 0) ^ 0x01;
    const result = await verifyModerationReport(tampered);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.rejection.code).toMatch(/signature-mismatch|unreadable|byte-range/);
  });

  it('bytes appended after signing are refused', async () => {
    const appended = new Uint8Array(report.bytes.length + 30);
    appended.set(report.bytes);
    appended.set(new TextEncoder().encode('\n% added after signing\n%%EOF\n'), report.bytes.length);
    const result = await verifyModerationReport(appended);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.rejection.code).toMatch(/appended-bytes|incremental-update/);
  });

  it('a report about another file (another SHA-256 for the same submission id) is refused', async () => {
    const result = await verifyModerationReport(report.bytes.slice(), {
      submissionSha256: (id) => (id === verified.submission.submissionId ? 'cd'.repeat(32) : null),
    });
    expect(result).toMatchObject({ ok: false, rejection: { code: 'wrong-submission' } });
    const unknown = await verifyModerationReport(report.bytes.slice(), { submissionSha256: () => null });
    expect(unknown).toMatchObject({ ok: false, rejection: { code: 'wrong-submission' } });
  });

  it('a report signed with a certificate that is not a moderator’s is refused', async () => {
    const schoolKey = await moderatorIdentity('School');
    const forged = await exportModerationReport(input, schoolKey);
    const result = await verifyModerationReport(forged.bytes);
    expect(result).toMatchObject({ ok: false, rejection: { code: 'signer-mismatch' } });

    const otherOrganisation = await moderatorIdentity('Moderator', 'Somewhere Else Partnership');
    const mismatched = await exportModerationReport(input, otherOrganisation);
    expect(await verifyModerationReport(mismatched.bytes)).toMatchObject({ ok: false, rejection: { code: 'signer-mismatch' } });
  }, 60_000);

  it('a submission is not a report, and a report is not a submission', async () => {
    expect(await verifyModerationReport(submissionBytes.slice())).toMatchObject({ ok: false, rejection: { code: 'not-a-report' } });
    expect(await verifySubmission(report.bytes.slice())).toMatchObject({ ok: false, rejection: { code: 'not-a-submission' } });
  });

  it('the printable visit plan has each sampled criterion, the seed and the school’s evidence', async () => {
    const bytes = await renderPdf(
      visitPlanLayout({
        document: verified.submission,
        framework,
        plan: visit,
        moderations: input.moderations,
        moderator: { name: MODERATOR_WORKSPACE.moderatorName, organisation: MODERATOR_WORKSPACE.organisation },
        printedOn: '2027-01-10',
      }),
    );
    const path = join(dir, 'visit-plan.pdf');
    writeFileSync(path, bytes);
    const text = run('pdftotext', ['-layout', path, '-']);
    expect(text).toContain('Moderation visit plan');
    expect(text).toContain('VISIT2026');
    expect(text).toContain('14 January 2027');
    for (const id of visit.criterionIds) expect(text).toContain(id);
    const pages = Number(/Pages:\s+(\d+)/.exec(run('pdfinfo', [path]))?.[1]);
    expect(pages).toBe(1 + visit.criterionIds.length);
  });
});
