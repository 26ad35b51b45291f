import { beforeAll, describe, expect, it } from 'vitest';
import type {
  LodgedAppealRecord,
  ModerationReportRecord,
  ModeratorAppealRecord,
  ReceivedReportRecord,
  SubmissionRecord,
} from '../../renderer/db/app-database';
import { reverifyBackup } from '../../renderer/db/backup-reverify';
import type { VerifyJobResult, VerifyRunner } from '../../renderer/export/verify-jobs';
import type { RestoredTable, VerifiedBackup } from '../../shared/backup/backup-format';
import { createCatalogue } from '../../shared/framework/framework-catalogue';
import { loadShippedData } from '../../shared/framework/shipped-frameworks';
import { moderatorPinKey } from '../../shared/moderation/first-use-trust';
import { decideImport, signerPinKey } from '../../shared/moderation/import-decision';
import type { ImportWrite } from '../../shared/moderation/import-decision';
import { verifyModerationReport } from '../../shared/moderation/moderation-report-verifier';
import { exportModerationReport } from '../../shared/moderation/moderation-report';
import { verifySubmission } from '../../shared/submission/submission-verifier';
import { APPEAL_FORMAT, APPEAL_FORMAT_VERSION, type AppealDocument } from '../../shared/moderation/appeal';
import { exportAppeal } from '../../shared/moderation/appeal-export';
import { verifyAppeal } from '../../shared/moderation/appeal-verifier';
import { moderatorIdentity, MODERATOR_WORKSPACE, sampleModeration } from '../fixtures/moderation-report';
import { demonstrationData, exportDemonstration, signingIdentityFor } from '../fixtures/signed-submission';

/**
 * A restore's re-verification against real signed files, with the real verifiers run as the verify
 * worker runs them: a genuine file is kept; a changed byte, or a record naming another signer, is
 * left out with the verifier's own reason; pins come from the files that verify.
 */
const worker: VerifyRunner = {
  async verify(request): Promise<VerifyJobResult> {
    if (request.kind === 'submission') return { kind: 'submission', verification: await verifySubmission(request.bytes) };
    if (request.kind === 'report') {
      const known = request.submissionSha256;
      return { kind: 'report', verification: await verifyModerationReport(request.bytes, { submissionSha256: (id) => known[id] ?? null }) };
    }
    if (request.kind === 'appeal') return { kind: 'appeal', verification: await verifyAppeal(request.bytes) };
    return { kind: 'failed', message: 'not used' };
  },
};

let genuine: Uint8Array<ArrayBuffer>;
let write: ImportWrite;
let otherKeyFingerprint = '';
let reportBytes: Uint8Array<ArrayBuffer>;
let reportFingerprint = '';
let reportId = '';
let moderationDocument: ReceivedReportRecord['document'];
let submissionSha256 = '';
let submissionId = '';
let appealBytes: Uint8Array<ArrayBuffer>;
let appealSha256 = '';
let otherKeyAppealBytes: Uint8Array<ArrayBuffer>;
let appealDocument: AppealDocument;

beforeAll(async () => {
  const demo = await demonstrationData();
  const { name, urn } = demo.snapshot.school;
  const [signing, other] = await Promise.all([signingIdentityFor(name, urn), signingIdentityFor(name, urn)]);
  otherKeyFingerprint = other.certificateFingerprint;
  const exported = await exportDemonstration(demo, signing);
  genuine = exported.bytes;
  const verification = await verifySubmission(genuine.slice());
  if (!verification.ok) throw new Error(verification.rejection.message);
  const { frameworks, regions } = await loadShippedData();
  const decision = decideImport({
    workspaceId: MODERATOR_WORKSPACE.id,
    verification,
    file: { fileName: 'brookfield.pdf', size: genuine.length },
    catalogue: createCatalogue(frameworks, regions),
    pin: null,
    existing: null,
    answer: 'accept',
    at: '2026-12-01T09:00:00.000Z',
  });
  if (decision.kind !== 'store') throw new Error(decision.kind);
  write = decision.write;
  submissionSha256 = verification.report.fileSha256;
  submissionId = verification.report.submission.submissionId;
  const moderator = await moderatorIdentity();
  reportFingerprint = moderator.certificateFingerprint;
  const report = await exportModerationReport(sampleModeration(verification.report, genuine.length), moderator);
  reportBytes = report.bytes;
  moderationDocument = report.document;
  reportId = report.document.reportId;
  appealDocument = {
    format: APPEAL_FORMAT,
    formatVersion: APPEAL_FORMAT_VERSION,
    appealId: 'appeal-1',
    lodgedAt: '2027-01-25T09:00:00.000Z',
    school: { name, urn },
    report: {
      reportId,
      sha256: await sha256Of(reportBytes),
      submissionId,
      submissionVersion: verification.report.submission.version,
      organisation: MODERATOR_WORKSPACE.organisation,
      appealBy: '2027-12-31',
    },
    disputes: { outcome: true, criterionIds: [] },
    grounds: 'The certificates were in the evidence.',
    headTeacherName: 'Jo Smith',
    signer: { certificateFingerprint: signing.certificateFingerprint },
  };
  ({ bytes: appealBytes, sha256: appealSha256 } = await exportAppeal(appealDocument, signing));
  ({ bytes: otherKeyAppealBytes } = await exportAppeal(
    { ...appealDocument, appealId: 'appeal-other-key', signer: { certificateFingerprint: other.certificateFingerprint } },
    other,
  ));
}, 180_000);

function backupOf(tables: Record<string, unknown[]>): VerifiedBackup {
  const keys: Record<string, string> = {
    receivedReports: 'id',
    submissions: 'id',
    moderatorWorkspaces: 'id',
    importedSubmissionFiles: 'sha256',
    moderationReports: 'id',
    moderatorAppeals: 'id',
    lodgedAppeals: 'id',
  };
  const restored: RestoredTable[] = Object.entries(tables).map(([name, records]) => ({ name, primaryKey: keys[name] ?? 'key', records }));
  return {
    appVersion: '0.0.0-test',
    schemaVersion: 5,
    createdAt: '2026-12-02T09:00:00.000Z',
    tables: restored,
    leftOut: [],
    entryCount: 0,
    entryBytes: 0,
    fileBytes: 0,
  };
}

const table = (backup: VerifiedBackup, name: string) => backup.tables.find((t) => t.name === name)?.records ?? [];

describe('re-verifying a backup’s signed files', () => {
  it('keeps a genuine submission and its pin, and leaves out a changed file and a record naming another signer', async () => {
    const changed = genuine.slice();
    const at = changed.length - 300;
    changed[at] = (changed[at] ?? 0) ^ 0x01;
    const changedSha = 'ab'.repeat(32);
    const changedRecord = {
      ...write.submission,
      key: `${MODERATOR_WORKSPACE.id}|changed`,
      submissionId: 'changed',
      fileSha256: changedSha,
    };
    const otherSigner = {
      ...write.submission,
      key: `${MODERATOR_WORKSPACE.id}|other`,
      submissionId: 'other',
      signerFingerprint: otherKeyFingerprint,
    };
    const started = performance.now();
    const result = await reverifyBackup(
      backupOf({
        moderatorWorkspaces: [MODERATOR_WORKSPACE],
        importedSubmissions: [write.submission, changedRecord, otherSigner],
        importedSubmissionDocuments: [write.document],
        importedSubmissionFiles: [
          { sha256: write.submission.fileSha256, pdf: new Blob([genuine]) },
          { sha256: changedSha, pdf: new Blob([changed]) },
        ],
        signerPins: [{ ...write.pin, fingerprint: otherKeyFingerprint }],
      }),
      worker,
    );
    console.info(`re-verified 3 imported submissions (${genuine.length} bytes each) in ${(performance.now() - started).toFixed(0)} ms`);
    if (!result.ok) throw new Error(result.message);
    const { backup } = result;
    expect(table(backup, 'importedSubmissions')).toEqual([write.submission]);
    expect(table(backup, 'importedSubmissionDocuments')).toEqual([write.document]);
    expect(table(backup, 'importedSubmissionFiles')).toHaveLength(1);
    // The backup's pin named a key no verifying file was signed with: the verified file's key is pinned instead.
    expect(table(backup, 'signerPins')).toEqual([
      { ...write.pin, key: signerPinKey(MODERATOR_WORKSPACE.id, write.submission.urn), pinnedAt: write.submission.importedAt },
    ]);
    expect(backup.leftOutRecords.map((r) => r.why)).toEqual([
      expect.stringMatching(/^Its PDF does not verify: /),
      'The record does not match the signed PDF it names (its school, submission or signer differ).',
      'No submission in the backup that verifies was signed with it, so it is not trusted on the backup’s word alone.',
    ]);
  });

  it('keeps a genuine moderation report and pins its moderator by region and normalised organisation', async () => {
    const school = { id: 'school-1', schoolId: 'school-1' };
    const submission: Partial<SubmissionRecord> = {
      id: submissionId,
      schoolId: school.id,
      evaluationId: 'evaluation-1',
      sha256: submissionSha256,
    };
    const received: ReceivedReportRecord = {
      id: reportId,
      schoolId: school.id,
      evaluationId: 'evaluation-1',
      submissionId,
      importedAt: '2027-01-22T09:00:00.000Z',
      fileSha256: await sha256Of(reportBytes),
      signerFingerprint: reportFingerprint,
      document: moderationDocument,
      pdf: new Blob([reportBytes]),
    };
    const result = await reverifyBackup(backupOf({ submissions: [submission], receivedReports: [received] }), worker);
    if (!result.ok) throw new Error(result.message);
    expect(table(result.backup, 'receivedReports')).toEqual([received]);
    expect(table(result.backup, 'moderatorPins')).toEqual([
      {
        key: moderatorPinKey(school.id, 'north-east', 'north east sen partnership'),
        schoolId: school.id,
        regionId: 'north-east',
        organisation: MODERATOR_WORKSPACE.organisation,
        fingerprint: reportFingerprint,
        moderatorName: MODERATOR_WORKSPACE.moderatorName,
        pinnedAt: received.importedAt,
      },
    ]);
    expect(result.backup.leftOutRecords).toEqual([]);
  });
});

describe('re-verifying a backup’s appeals', () => {
  const changed = () => {
    const bytes = appealBytes.slice();
    const at = bytes.length - 300;
    bytes[at] = (bytes[at] ?? 0) ^ 0x01;
    return bytes;
  };

  it('keeps a moderator’s genuine appeal with its result, and leaves out a changed file and one signed with another key', async () => {
    const issued: ModerationReportRecord = {
      id: reportId,
      submissionKey: write.submission.key,
      workspaceId: MODERATOR_WORKSPACE.id,
      createdAt: '2027-01-20T15:00:00.000Z',
      fileName: 'report.pdf',
      sha256: appealDocument.report.sha256,
      size: reportBytes.length,
      document: moderationDocument,
      pdf: new Blob([reportBytes]),
    };
    const genuineAppeal: ModeratorAppealRecord = {
      id: 'appeal-1',
      workspaceId: MODERATOR_WORKSPACE.id,
      submissionKey: write.submission.key,
      reportId,
      importedAt: '2027-01-26T09:00:00.000Z',
      fileSha256: appealSha256,
      signerFingerprint: appealDocument.signer.certificateFingerprint,
      document: appealDocument,
      pdf: new Blob([appealBytes]),
      result: {
        result: 'not-upheld',
        reasons: 'The evidence was weighed.',
        decidedOn: '2027-02-01',
        recordedAt: '2027-02-01T10:00:00.000Z',
      },
    };
    const changedAppeal = { ...genuineAppeal, id: 'appeal-1', pdf: new Blob([changed()]) };
    const otherKeyAppeal = {
      ...genuineAppeal,
      id: 'appeal-other-key',
      fileSha256: await sha256Of(otherKeyAppealBytes),
      pdf: new Blob([otherKeyAppealBytes]),
    };
    const result = await reverifyBackup(
      backupOf({
        moderatorWorkspaces: [MODERATOR_WORKSPACE],
        importedSubmissions: [write.submission],
        importedSubmissionDocuments: [write.document],
        importedSubmissionFiles: [{ sha256: write.submission.fileSha256, pdf: new Blob([genuine]) }],
        signerPins: [write.pin],
        moderationReports: [issued],
        moderatorAppeals: [genuineAppeal, changedAppeal, otherKeyAppeal],
      }),
      worker,
    );
    if (!result.ok) throw new Error(result.message);
    expect(table(result.backup, 'moderatorAppeals')).toEqual([genuineAppeal]);
    expect(result.backup.leftOutRecords).toEqual([
      {
        what: `Appeal from ${appealDocument.school.name} lodged on 25 January 2027`,
        why: expect.stringMatching(/^Its PDF does not verify: /),
      },
      {
        what: `Appeal from ${appealDocument.school.name} lodged on 25 January 2027`,
        why: 'The appeal was signed with a different key from the one that signed the school’s submission, so it cannot be accepted as the school’s.',
      },
    ]);
  });

  it('keeps a school’s genuine lodged appeal against a report it holds, and leaves out a changed file', async () => {
    const submission: Partial<SubmissionRecord> = {
      id: submissionId,
      schoolId: 'school-1',
      evaluationId: 'evaluation-1',
      sha256: submissionSha256,
    };
    const received: ReceivedReportRecord = {
      id: reportId,
      schoolId: 'school-1',
      evaluationId: 'evaluation-1',
      submissionId,
      importedAt: '2027-01-22T09:00:00.000Z',
      fileSha256: appealDocument.report.sha256,
      signerFingerprint: reportFingerprint,
      document: moderationDocument,
      pdf: new Blob([reportBytes]),
    };
    const lodged: LodgedAppealRecord = {
      id: 'appeal-1',
      schoolId: 'school-1',
      evaluationId: 'evaluation-1',
      reportId,
      lodgedAt: appealDocument.lodgedAt,
      fileName: 'appeal.pdf',
      fileSha256: appealSha256,
      document: appealDocument,
      pdf: new Blob([appealBytes]),
    };
    const result = await reverifyBackup(
      backupOf({
        submissions: [submission],
        receivedReports: [received],
        lodgedAppeals: [lodged, { ...lodged, pdf: new Blob([changed()]) }],
      }),
      worker,
    );
    if (!result.ok) throw new Error(result.message);
    expect(table(result.backup, 'lodgedAppeals')).toEqual([lodged]);
    expect(result.backup.leftOutRecords.map((r) => r.why)).toEqual([expect.stringMatching(/^Its PDF does not verify: /)]);
  });
});

async function sha256Of(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
}
