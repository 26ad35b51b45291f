import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { appealFileName, buildAppealDocument, matchAppealToReport, type AppealDocument } from '../../shared/moderation/appeal';
import { exportAppeal } from '../../shared/moderation/appeal-export';
import { verifyAppeal } from '../../shared/moderation/appeal-verifier';
import { buildFollowUpDocument, dischargeCondition } from '../../shared/moderation/follow-up-report';
import type { ModerationDocument } from '../../shared/moderation/moderation-format';
import { decideOutcome } from '../../shared/moderation/moderation-outcome';
import type { ModerationOutcome } from '../../shared/moderation/moderation-records';
import { exportModerationReport, sealModerationDocument, type ModerationReportInput } from '../../shared/moderation/moderation-report';
import { verifyModerationReport } from '../../shared/moderation/moderation-report-verifier';
import type { SigningIdentity } from '../../shared/submission/submission-exporter';
import { verifySubmission } from '../../shared/submission/submission-verifier';
import { moderatorIdentity, outcomeDraft, sampleModeration } from '../fixtures/moderation-report';
import { demonstrationData, exportDemonstration, signingIdentityFor } from '../fixtures/signed-submission';

/**
 * The signed follow-up and the signed appeal, end to end in Node: an award with two dated
 * conditions is reported; one condition is discharged and a follow-up exported that pdfsig and the
 * school's verifier accept against the report it follows, and a follow-up that changes anything
 * else is refused. The school's appeal is signed with its key, accepted by pdfsig and the appeal
 * verifier, and matched to the report only with the key that signed the submission.
 */
let dir: string;
let base: ModerationReportInput;
let moderator: SigningIdentity;
let school: SigningIdentity;
let outcome: ModerationOutcome;
let report: { bytes: Uint8Array<ArrayBuffer>; document: ModerationDocument; sha256: string };

const DECIDED_AT = '2027-01-20T15:00:00.000Z';
const FOLLOW_UP_AT = '2027-03-10T10:00:00.000Z';
const LODGED_AT = '2027-02-01T09:00:00.000Z';

function pdfsig(bytes: Uint8Array, name: string): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return execFileSync('pdfsig', [path], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function pdftotext(bytes: Uint8Array, name: string): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}

const followed = (reportId: string) =>
  reportId === report.document.reportId ? { document: report.document, fileSha256: report.sha256 } : null;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sen-follow-up-'));
  const demo = await demonstrationData('north-east');
  school = await signingIdentityFor(demo.snapshot.school.name, demo.snapshot.school.urn);
  const submission = await exportDemonstration(demo, school);
  const verified = await verifySubmission(submission.bytes.slice());
  if (!verified.ok) throw new Error(verified.rejection.message);
  base = sampleModeration(verified.report, submission.bytes.length);
  moderator = await moderatorIdentity();
  outcome = decideOutcome(
    outcomeDraft({
      kind: 'accredited-with-conditions',
      levelId: base.framework.levels[0]?.id ?? null,
      overrideReason: 'Seen on the visit.',
      conditions: [
        { text: 'Publish the SEN information report on the school website.', dueOn: '2027-06-30' },
        { text: 'Train every governor in the SEND Code of Practice.', dueOn: '2027-03-31' },
      ],
      feedback: 'Two gaps to close.',
    }),
    base.outcome.computedLevelId,
    base.submission.key,
    DECIDED_AT,
    { renewalYears: 3, appealWindowDays: 28 },
  );
  report = await exportModerationReport({ ...base, createdAt: DECIDED_AT, outcome }, moderator);
}, 180_000);

describe('a signed follow-up discharging one of two conditions', () => {
  let bytes: Uint8Array<ArrayBuffer>;
  let document: ModerationDocument;
  beforeAll(async () => {
    const discharged = dischargeCondition(
      outcome,
      1,
      { dischargedOn: '2027-03-02', note: 'Certificates of the governors’ training, seen.' },
      '2027-03-10',
    );
    if (!discharged.ok) throw new Error(discharged.message);
    const built = buildFollowUpDocument(
      {
        previous: report.document,
        previousSha256: report.sha256,
        reportId: 'follow-up-1',
        createdAt: FOLLOW_UP_AT,
        conditions: discharged.outcome.conditions ?? [],
        appealResult: null,
      },
      moderator.certificateFingerprint,
    );
    if (!built.ok) throw new Error(built.message);
    document = built.document;
    bytes = await sealModerationDocument(document, base.framework, moderator);
  }, 120_000);

  it('pdfsig finds one valid signature over the whole file', () => {
    const out = pdfsig(bytes, 'follow-up.pdf');
    expect(out).toMatch(/Signature Validation: Signature is Valid\./);
    expect(out).toMatch(/Total document signed/);
  });

  it('the school’s verifier accepts it against the report it follows, with the discharge and the open condition', async () => {
    const verified = await verifyModerationReport(bytes.slice(), { followedReport: followed });
    if (!verified.ok) throw new Error(verified.rejection.message);
    expect(verified.report.moderation.followsReport).toEqual({ reportId: report.document.reportId, sha256: report.sha256 });
    expect(verified.report.moderation.outcome.conditions).toEqual([
      { text: 'Publish the SEN information report on the school website.', dueOn: '2027-06-30' },
      {
        text: 'Train every governor in the SEND Code of Practice.',
        dueOn: '2027-03-31',
        dischargedOn: '2027-03-02',
        dischargeNote: 'Certificates of the governors’ training, seen.',
      },
    ]);
  });

  it('reads as a follow-up naming the report it follows, with the discharge beside the condition', () => {
    const text = pdftotext(bytes, 'follow-up-text.pdf');
    expect(text).toContain('SEN accreditation follow-up moderation report');
    expect(text).toContain(`Follows report ${report.document.reportId}`);
    expect(text).toMatch(/2 March 2027: Certificates of the governors’ training, seen\./);
    // The discharged condition is no longer among the dates the school must meet; the open one is.
    expect(text).toContain('30 June 2027 Condition 1 to be met');
    expect(text).not.toContain('Condition 2 to be met');
  });

  it('is refused when the report it follows has not been imported', async () => {
    const verified = await verifyModerationReport(bytes.slice(), { followedReport: () => null });
    expect(verified.ok ? null : verified.rejection).toMatchObject({
      code: 'follow-up-unknown',
      message: `This is a follow-up to report ${report.document.reportId}, which has not been imported here. Import that report first, then this follow-up.`,
    });
  });

  it('a signed follow-up that also changes a decision is refused in words', async () => {
    const tampered: ModerationDocument = {
      ...document,
      criteria: document.criteria.map((c, i) => (i === 0 ? { ...c, comment: `${c.comment} Changed.` } : c)),
    };
    const signed = await sealModerationDocument(tampered, base.framework, moderator);
    const verified = await verifyModerationReport(signed.slice(), { followedReport: followed });
    expect(verified.ok ? null : verified.rejection.code).toBe('follow-up-mismatch');
    expect(verified.ok ? '' : verified.rejection.message).toContain('changes more than the discharge of conditions');
  });

  it('a byte changed after signing is refused', async () => {
    const altered = bytes.slice();
    const at = altered.length - 200;
    altered[at] = (altered[at] ?? 0) ^ 0x01;
    const verified = await verifyModerationReport(altered, { followedReport: followed });
    expect(verified.ok).toBe(false);
  });
});

describe('a signed appeal', () => {
  let appeal: AppealDocument;
  let bytes: Uint8Array<ArrayBuffer>;
  let sha256: string;
  beforeAll(async () => {
    const built = buildAppealDocument(
      {
        appealId: 'appeal-1',
        lodgedAt: LODGED_AT,
        fields: {
          grounds: 'The governors’ training took place in December; the certificates were in the evidence.',
          disputesOutcome: true,
          criterionIds: [],
          headTeacherName: 'Jo Smith',
        },
        report: { document: report.document, fileSha256: report.sha256 },
      },
      school.certificateFingerprint,
    );
    if (!built.ok) throw new Error(JSON.stringify(built.problems));
    appeal = built.document;
    ({ bytes, sha256 } = await exportAppeal(appeal, school));
  }, 120_000);

  it('pdfsig finds one valid signature, and the appeal verifier accepts it', async () => {
    expect(pdfsig(bytes, appealFileName(appeal))).toMatch(/Signature Validation: Signature is Valid\./);
    const verified = await verifyAppeal(bytes.slice());
    if (!verified.ok) throw new Error(verified.message);
    expect(verified.verified.fileSha256).toBe(sha256);
    expect(verified.verified.appeal.report).toMatchObject({
      reportId: report.document.reportId,
      sha256: report.sha256,
      appealBy: '2027-02-17',
    });
    const text = pdftotext(bytes, 'appeal-text.pdf');
    expect(text).toContain('Appeal against a moderation report');
    expect(text).toContain('What the school disputes The outcome');
    expect(text).toContain('Head teacher Jo Smith');
  });

  it('matches the report the moderator issued only when signed with the key that signed the submission', async () => {
    const verified = await verifyAppeal(bytes.slice());
    if (!verified.ok) throw new Error(verified.message);
    const issued = [{ id: 'r1', submissionKey: base.submission.key, sha256: report.sha256, document: report.document }];
    const submission = { key: base.submission.key, urn: base.submission.urn, signerFingerprint: school.certificateFingerprint };
    expect(matchAppealToReport(verified.verified.appeal, verified.verified.certificate.fingerprint, issued, [submission]).ok).toBe(true);
    const other = await signingIdentityFor(base.submission.schoolName, base.submission.urn);
    const byOther = await exportAppeal({ ...appeal, signer: { certificateFingerprint: other.certificateFingerprint } }, other);
    const otherVerified = await verifyAppeal(byOther.bytes.slice());
    if (!otherVerified.ok) throw new Error(otherVerified.message);
    const match = matchAppealToReport(otherVerified.verified.appeal, otherVerified.verified.certificate.fingerprint, issued, [submission]);
    expect(match).toEqual({
      ok: false,
      message:
        'The appeal was signed with a different key from the one that signed the school’s submission, so it cannot be accepted as the school’s.',
    });
  });

  it('an appeal signed with one key that names another on its cover is refused', async () => {
    const other = await signingIdentityFor(base.submission.schoolName, base.submission.urn);
    const forged = await exportAppeal(appeal, other);
    const verified = await verifyAppeal(forged.bytes.slice());
    expect(verified).toMatchObject({ ok: false, code: 'signer-mismatch' });
  });

  it('a moderation report is not an appeal', async () => {
    expect(await verifyAppeal(report.bytes.slice())).toMatchObject({ ok: false, code: 'not-an-appeal' });
  });
});
