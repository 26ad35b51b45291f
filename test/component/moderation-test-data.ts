import type { AppDatabase, SubmissionRecord } from '../../renderer/db/app-database';
import type { PdfJobRequest, PdfJobResult, PdfJobRunner } from '../../renderer/export/pdf-jobs';
import type { VerifyJobRequest, VerifyJobResult, VerifyRunner } from '../../renderer/export/verify-jobs';
import type { CertificateSummary } from '../../shared/crypto/signing-certificate';
import type { AppliedFramework } from '../../shared/framework/applied-framework';
import { createCatalogue, frameworkForRegion } from '../../shared/framework/framework-catalogue';
import { historicFrameworkForRegion } from '../fixtures/historic-edition';
import { loadShippedData } from '../../shared/framework/shipped-frameworks';
import type { ModerationDocument } from '../../shared/moderation/moderation-format';
import { buildModerationDocument } from '../../shared/moderation/moderation-report';
import {
  criterionModerationKey,
  importedSubmissionKey,
  type CriterionModeration,
  type ImportedSubmission,
  type ModerationOutcome,
  type ModeratorWorkspace,
} from '../../shared/moderation/moderation-records';
import type { SubmissionDocument } from '../../shared/submission/submission-format';
import { sampleEvidenceFiles, sampleSubmissionDocument } from '../fixtures/sample-submission-document';

/**
 * The moderator's side in a fresh database: a workspace for the North East and one imported
 * submission (the sample Riverside Primary School document), with its "PDF" kept as marker bytes.
 * pkijs does not run under jsdom, so PDFs are made and checked by stand-in runners here.
 */
export const WORKSPACE: ModeratorWorkspace = {
  id: 'ws-1',
  moderatorName: 'Jordan Hale',
  organisation: 'North East SEN Partnership',
  regionId: 'north-east',
  createdAt: '2026-11-25T09:00:00.000Z',
  updatedAt: '2026-11-25T09:00:00.000Z',
};

export const SUBMISSION_PDF_SHA256 = 'ef'.repeat(32);
export const MODERATOR_FINGERPRINT = '7a'.repeat(32);

export async function northEastFramework(): Promise<AppliedFramework> {
  const { frameworks, regions } = await loadShippedData();
  return historicFrameworkForRegion(createCatalogue(frameworks, regions), 'north-east');
}

export function importedFrom(document: SubmissionDocument, fileSha256 = SUBMISSION_PDF_SHA256): ImportedSubmission {
  return {
    key: importedSubmissionKey(WORKSPACE.id, document.submissionId),
    workspaceId: WORKSPACE.id,
    submissionId: document.submissionId,
    urn: document.school.urn,
    schoolName: document.school.name,
    regionId: document.region.id,
    framework: document.framework,
    supplement: document.supplement,
    version: document.version,
    exportedAt: document.createdAt,
    importedAt: '2026-11-25T10:00:00.000Z',
    fileSha256,
    fileName: '123456-north-east-2026-11-24-v1.pdf',
    size: 2048,
    signerFingerprint: '9c'.repeat(32),
    frameworkSource: 'installed',
    status: 'new',
  };
}

/** The North East's current edition (2026), whose criteria carry descriptors for each point of the scale. */
export async function northEastCurrentFramework(): Promise<AppliedFramework> {
  const { frameworks, regions } = await loadShippedData();
  const found = frameworkForRegion(createCatalogue(frameworks, regions), 'north-east');
  if (!found.ok) throw new Error(found.message);
  return found.framework;
}

export async function seedModeratorSubmission(db: AppDatabase, frameworkToUse?: AppliedFramework) {
  const framework = frameworkToUse ?? (await northEastFramework());
  const document = sampleSubmissionDocument(framework);
  const submission = importedFrom(document);
  await db.moderatorWorkspaces.put(WORKSPACE);
  await db.transaction('rw', db.importedSubmissions, db.importedSubmissionDocuments, async () => {
    await db.importedSubmissions.put(submission);
    await db.importedSubmissionDocuments.put({ key: submission.key, document });
  });
  await db.importedSubmissionFiles.put({ sha256: SUBMISSION_PDF_SHA256, pdf: new Blob(['%PDF-1.7 stand-in submission']) });
  return { framework, document, submission };
}

/** The moderator's key, stored as the app would keep it (so no certificate needs making under jsdom). */
export async function seedModeratorKey(db: AppDatabase) {
  const keys = await globalThis.crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
  await db.signingKeys.put({
    workspaceId: WORKSPACE.id,
    keys,
    certificateDer: new Uint8Array([0x30, 0x00]),
    fingerprint: MODERATOR_FINGERPRINT,
    commonName: WORKSPACE.moderatorName,
    urn: '',
    organisation: WORKSPACE.organisation,
    createdAt: '2026-11-25T09:00:00.000Z',
  });
}

export function moderationRecord(
  submissionKey: string,
  criterionId: string,
  decision: CriterionModeration['decision'],
  comment: string,
  moderatedJudgement: string | null = null,
): CriterionModeration {
  return {
    key: criterionModerationKey(submissionKey, criterionId),
    submissionKey,
    criterionId,
    decision,
    moderatedJudgement,
    comment,
    updatedAt: '2026-11-26T09:00:00.000Z',
  };
}

/** A stand-in for the PDF worker: moderation reports get their real data and marker bytes; other jobs finish with marker bytes. */
export function fakePdfRunner(mode: 'finish' | 'hang' = 'finish') {
  const requests: PdfJobRequest[] = [];
  const runner: PdfJobRunner = {
    run(request, onProgress) {
      requests.push(request);
      let settle: (result: PdfJobResult) => void = () => {};
      const result = new Promise<PdfJobResult>((resolve) => (settle = resolve));
      onProgress({ stage: 'layout', fraction: 0.4 });
      if (mode === 'finish') {
        const moderation =
          request.kind === 'moderation-report' ? buildModerationDocument(request.input, request.signing.certificateFingerprint) : null;
        const text = `%PDF-1.7 ${request.kind}`;
        settle({
          ok: true,
          pdf: new Blob([text], { type: 'application/pdf' }),
          size: text.length,
          sha256: '12'.repeat(32),
          document: null,
          moderation,
        });
      }
      return { result, cancel: () => settle({ ok: false, cancelled: true, message: 'Cancelled. Nothing was saved.' }) };
    },
  };
  return { runner, requests };
}

/** A stand-in for the verify worker: evidence files come from the sample's bytes; reports from a queue of answers. */
export function fakeVerifyRunner(reports: VerifyJobResult[] = []) {
  const requests: VerifyJobRequest[] = [];
  const files = new Map([...sampleEvidenceFiles().values()].map((f) => [f.mediaType, f.bytes]));
  const runner: VerifyRunner = {
    async verify(request) {
      requests.push(request);
      if (request.kind === 'attachment') {
        const bytes = request.name.endsWith('.csv')
          ? files.get('text/csv')
          : request.name.endsWith('.png')
            ? files.get('image/png')
            : undefined;
        return bytes
          ? { kind: 'attachment', bytes: bytes.slice(), message: '' }
          : { kind: 'attachment', bytes: null, message: 'No such file.' };
      }
      const next = reports.shift();
      return next ?? { kind: 'failed', message: 'No stand-in answer.' };
    },
  };
  return { runner, requests };
}

export function moderatorCertificate(fingerprint = MODERATOR_FINGERPRINT): CertificateSummary {
  return {
    commonName: WORKSPACE.moderatorName,
    role: 'Moderator',
    urn: '',
    organisation: WORKSPACE.organisation,
    notBefore: new Date('2026-01-01T00:00:00Z'),
    notAfter: new Date('2036-01-01T00:00:00Z'),
    fingerprint,
  };
}

/** A verified report, as the verify worker answers for a good file. */
export function verifiedReport(moderation: ModerationDocument, fingerprint = MODERATOR_FINGERPRINT): VerifyJobResult {
  return {
    kind: 'report',
    verification: {
      ok: true,
      report: {
        moderation,
        certificate: moderatorCertificate(fingerprint),
        certificateDer: new Uint8Array(0),
        otherCertificatesDer: [],
        signingTime: null,
        pin: { status: 'first-use' },
        fileSha256: '34'.repeat(32),
      },
    },
  };
}

/**
 * The school's side: the school's own exported submission (so a report can refer to it), and a
 * moderation of it asking for more evidence on two criteria.
 */
export async function schoolSubmissionAndReport(
  db: AppDatabase,
  school: { id: string; name: string; urn: string },
  evaluationId: string,
  framework: AppliedFramework,
): Promise<{ record: SubmissionRecord; moderation: ModerationDocument }> {
  const base = sampleSubmissionDocument(framework);
  const document: SubmissionDocument = {
    ...base,
    evaluationId,
    school: { ...base.school, name: school.name, urn: school.urn },
  };
  const record: SubmissionRecord = {
    id: document.submissionId,
    evaluationId,
    schoolId: school.id,
    version: 1,
    createdAt: document.createdAt,
    fileName: `${school.urn}-north-east-2026-11-24-v1.pdf`,
    sha256: SUBMISSION_PDF_SHA256,
    size: 2048,
    document,
    pdf: new Blob(['%PDF-1.7 stand-in submission']),
  };
  await db.submissions.put(record);
  const submission = importedFrom(document);
  const [first, second, third, fourth] = framework.criteria;
  const outcome: ModerationOutcome = {
    submissionKey: submission.key,
    kind: 'deferred',
    levelId: null,
    computedLevelId: null,
    overrideReason: '',
    renewalDate: '',
    feedback: 'A thorough self-evaluation. Two criteria need more evidence before a decision.',
    decidedAt: '2026-12-01T12:00:00.000Z',
  };
  const moderation = buildModerationDocument(
    {
      reportId: 'report-0001',
      createdAt: '2026-12-02T09:00:00.000Z',
      workspace: WORKSPACE,
      regionName: 'North East',
      submission,
      document,
      framework,
      moderations: [
        moderationRecord(submission.key, first!.id, 'agree', ''),
        moderationRecord(submission.key, second!.id, 'moderated', 'Not yet consistent across classes.', framework.scale.points[2]!.id),
        moderationRecord(submission.key, third!.id, 'more-evidence', 'Send the minutes of the last governors’ meeting.'),
        moderationRecord(submission.key, fourth!.id, 'more-evidence', 'Send a recent provision map.'),
      ],
      visit: null,
      outcome,
    },
    MODERATOR_FINGERPRINT,
  );
  return { record, moderation };
}
