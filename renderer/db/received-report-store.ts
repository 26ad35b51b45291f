import { decideTrust, moderatorPinKey, type TrustDecision, type TrustQuestion } from '../../shared/moderation/first-use-trust';
import type { ModerationDocument } from '../../shared/moderation/moderation-format';
import type { VerifiedReport } from '../../shared/moderation/moderation-report-verifier';
import { evidenceRequestActions } from '../../shared/moderation/moderation-review';
import type { VerifyRunner } from '../export/verify-jobs';
import { newId, nowIso, type AppDatabase, type ReceivedReportRecord } from './app-database';
import { describeStorageError, UserFacingError } from './storage-errors';
import { storedEvaluationEditable } from './evaluation-edit-guard';

/** A school's side of moderation: the reports it imports, and the moderators' keys it has pinned. */

/** The school's own exported submissions, by id, with the SHA-256 of each PDF: a report must name one of them. */
export async function schoolSubmissionHashes(db: AppDatabase, schoolId: string): Promise<Record<string, string>> {
  const submissions = await db.submissions.where('schoolId').equals(schoolId).toArray();
  return Object.fromEntries(submissions.map((s) => [s.id, s.sha256]));
}

/** The pin a report's moderator is compared with: the school's, for the report's region and (normalised) organisation. */
export function reportPinKey(schoolId: string, moderation: ModerationDocument): string {
  return moderatorPinKey(schoolId, moderation.moderator.regionId, moderation.moderator.organisation);
}

/** Trust on first use: whether this report's key may be stored as it is, or the person must be asked first. */
export async function checkModeratorPin(db: AppDatabase, schoolId: string, report: VerifiedReport): Promise<TrustDecision> {
  const pin = await db.moderatorPins.get(reportPinKey(schoolId, report.moderation));
  return decideTrust(pin, report.certificate.fingerprint, null);
}

export type ReportImportResult =
  | {
      /** 'already-imported' when this very report was imported before: nothing was added again. */
      outcome: 'imported' | 'already-imported';
      record: ReceivedReportRecord;
      /** How many requests for more evidence became new actions in the plan. */
      actionsCreated: number;
      /**
       * How many requests were not added to the plan because the evaluation is on a historic edition
       * and can no longer be changed (the report itself is still kept); 0 otherwise.
       */
      requestsNotPlanned: number;
      trust: 'first-use' | 'matches' | 'accepted';
    }
  /** The key is new, or differs from the pinned one, and the person has not confirmed it: nothing was written. */
  | { outcome: 'needs-decision'; question: TrustQuestion };

/**
 * Keeps a verified report beside the evaluation it moderates, pins the moderator's key, and turns
 * each request for more evidence into an action in the school's plan: all of it, or nothing.
 * A report imported again changes nothing, and an action the plan already has is not added twice.
 * A key that is not the pinned one (a first use, or a different key) is only stored when the
 * person confirmed that very fingerprint (`confirmedFingerprint`); otherwise nothing is written.
 */
export async function importReceivedReport(
  db: AppDatabase,
  input: { schoolId: string; report: VerifiedReport; pdf: Blob; confirmedFingerprint?: string | null },
): Promise<ReportImportResult> {
  const { schoolId, report } = input;
  const { moderation } = report;
  const fingerprint = report.certificate.fingerprint;
  try {
    return await db.transaction(
      'rw',
      [db.receivedReports, db.moderatorPins, db.actions, db.submissions, db.evaluations, db.frameworks],
      async () => {
        const submission = await db.submissions.get(moderation.submission.submissionId);
        if (!submission || submission.schoolId !== schoolId || submission.sha256 !== moderation.submission.sha256) {
          throw new UserFacingError('This report is not about a submission this school exported, so it was not imported.');
        }
        const pinKey = reportPinKey(schoolId, moderation);
        const pin = await db.moderatorPins.get(pinKey);
        const decision = decideTrust(pin, fingerprint, input.confirmedFingerprint);
        if (decision.kind === 'ask') return { outcome: 'needs-decision' as const, question: decision.question };
        if (decision.trust !== 'matches') {
          await db.moderatorPins.put({
            key: pinKey,
            schoolId,
            regionId: moderation.moderator.regionId,
            organisation: moderation.moderator.organisation,
            fingerprint,
            moderatorName: report.certificate.commonName,
            pinnedAt: nowIso(),
          });
        }

        const existing = await db.receivedReports.get(moderation.reportId);
        if (existing)
          return {
            outcome: 'already-imported' as const,
            record: existing,
            actionsCreated: 0,
            requestsNotPlanned: 0,
            trust: decision.trust,
          };

        // A report on an evaluation that is now historic is kept as the record it is, but its requests
        // do not become actions in a plan that can no longer be changed.
        const requests = evidenceRequestActions(moderation);
        const editable = (await storedEvaluationEditable(db, submission.evaluationId)).editable;
        const planned = await db.actions.where('evaluationId').equals(submission.evaluationId).toArray();
        const known = new Set(planned.map((a) => actionIdentity(a.what, a.criterionIds)));
        let actionsCreated = 0;
        for (const request of editable ? requests : []) {
          if (known.has(actionIdentity(request.what, [request.criterionId]))) continue;
          const now = nowIso();
          await db.actions.add({
            id: newId(),
            evaluationId: submission.evaluationId,
            criterionIds: [request.criterionId],
            what: request.what,
            who: '',
            byWhen: request.byWhen,
            successCriteria: '',
            status: 'not-started',
            createdAt: now,
            updatedAt: now,
          });
          actionsCreated += 1;
        }

        const record: ReceivedReportRecord = {
          id: moderation.reportId,
          schoolId,
          evaluationId: submission.evaluationId,
          submissionId: submission.id,
          importedAt: nowIso(),
          fileSha256: report.fileSha256,
          signerFingerprint: fingerprint,
          document: moderation,
          pdf: input.pdf,
        };
        await db.receivedReports.add(record);
        return {
          outcome: 'imported' as const,
          record,
          actionsCreated,
          requestsNotPlanned: editable ? 0 : requests.length,
          trust: decision.trust,
        };
      },
    );
  } catch (error) {
    throw new UserFacingError(describeStorageError(error, 'the moderation report'));
  }
}

function actionIdentity(what: string, criterionIds: readonly string[]): string {
  return `${what.trim()}\u0000${[...criterionIds].sort().join(',')}`;
}

export type ReportCheck = { kind: 'rejected'; message: string } | { kind: 'ready'; report: VerifiedReport; trust: TrustDecision };

/**
 * Checks a moderation report file for this school, in the verify worker: a signed, untouched
 * report about one of the school's own exported PDFs, byte for byte. Then compares the moderator's
 * key with the one pinned for their region and organisation. Stores nothing.
 */
export async function checkReportFile(db: AppDatabase, verifyJobs: VerifyRunner, schoolId: string, file: Blob): Promise<ReportCheck> {
  const submissionSha256 = await schoolSubmissionHashes(db, schoolId);
  if (Object.keys(submissionSha256).length === 0) {
    return { kind: 'rejected', message: 'This school has not exported a submission yet, so no moderation report can belong to it.' };
  }
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch {
    return { kind: 'rejected', message: 'The file could not be read. Check it is still where you chose it, and try again.' };
  }
  // A follow-up is checked against the report it follows, as this school imported it.
  const received = await db.receivedReports.where('schoolId').equals(schoolId).toArray();
  const followedReports = Object.fromEntries(received.map((r) => [r.id, { document: r.document, fileSha256: r.fileSha256 }]));
  const result = await verifyJobs.verify({ kind: 'report', bytes, submissionSha256, followedReports });
  if (result.kind === 'failed') return { kind: 'rejected', message: result.message };
  if (result.kind !== 'report') return { kind: 'rejected', message: 'The file could not be checked.' };
  if (!result.verification.ok) return { kind: 'rejected', message: result.verification.rejection.message };
  const report = result.verification.report;
  return { kind: 'ready', report, trust: await checkModeratorPin(db, schoolId, report) };
}
