import type { ModeratorPin, VerifiedReport } from '../../shared/moderation/moderation-report-verifier';
import { evidenceRequestActions } from '../../shared/moderation/moderation-review';
import type { VerifyRunner } from '../export/verify-jobs';
import { newId, nowIso, type AppDatabase, type ReceivedReportRecord } from './app-database';
import { describeStorageError, UserFacingError } from './storage-errors';

/** A school's side of moderation: the reports it imports, and the moderators' keys it has pinned. */

export function moderatorPinKey(schoolId: string, organisation: string): string {
  return `${schoolId}|${organisation}`;
}

/** The school's own exported submissions, by id, with the SHA-256 of each PDF: a report must name one of them. */
export async function schoolSubmissionHashes(db: AppDatabase, schoolId: string): Promise<Record<string, string>> {
  const submissions = await db.submissions.where('schoolId').equals(schoolId).toArray();
  return Object.fromEntries(submissions.map((s) => [s.id, s.sha256]));
}

/** Trust on first use: whether this moderating organisation's key is new to the school, the one pinned, or a different one. */
export async function checkModeratorPin(
  db: AppDatabase,
  schoolId: string,
  organisation: string,
  fingerprint: string,
): Promise<ModeratorPin> {
  const pin = await db.moderatorPins.get(moderatorPinKey(schoolId, organisation));
  if (!pin) return { status: 'first-use' };
  return pin.fingerprint === fingerprint ? { status: 'matches' } : { status: 'different', pinnedFingerprint: pin.fingerprint };
}

export interface ReportImportResult {
  /** 'already-imported' when this very report was imported before: nothing was added again. */
  outcome: 'imported' | 'already-imported';
  record: ReceivedReportRecord;
  /** How many requests for more evidence became new actions in the plan. */
  actionsCreated: number;
}

/**
 * Keeps a verified report beside the evaluation it moderates, pins the moderator's key, and turns
 * each request for more evidence into an action in the school's plan: all of it, or nothing.
 * A report imported again changes nothing, and an action the plan already has is not added twice.
 * A key different from the pinned one is only accepted when the person said so.
 */
export async function importReceivedReport(
  db: AppDatabase,
  input: { schoolId: string; report: VerifiedReport; pdf: Blob; acceptDifferentKey?: boolean },
): Promise<ReportImportResult> {
  const { schoolId, report } = input;
  const { moderation } = report;
  const fingerprint = report.certificate.fingerprint;
  try {
    return await db.transaction('rw', [db.receivedReports, db.moderatorPins, db.actions, db.submissions], async () => {
      const submission = await db.submissions.get(moderation.submission.submissionId);
      if (!submission || submission.schoolId !== schoolId || submission.sha256 !== moderation.submission.sha256) {
        throw new UserFacingError('This report is not about a submission this school exported, so it was not imported.');
      }
      const pinKey = moderatorPinKey(schoolId, moderation.moderator.organisation);
      const pin = await db.moderatorPins.get(pinKey);
      if (pin && pin.fingerprint !== fingerprint && !input.acceptDifferentKey) {
        throw new UserFacingError(
          `The report is signed with a different key from the one ${moderation.moderator.organisation} used before. Nothing was imported.`,
        );
      }
      if (!pin || pin.fingerprint !== fingerprint) {
        await db.moderatorPins.put({
          key: pinKey,
          schoolId,
          organisation: moderation.moderator.organisation,
          fingerprint,
          pinnedAt: nowIso(),
        });
      }

      const existing = await db.receivedReports.get(moderation.reportId);
      if (existing) return { outcome: 'already-imported' as const, record: existing, actionsCreated: 0 };

      const planned = await db.actions.where('evaluationId').equals(submission.evaluationId).toArray();
      const known = new Set(planned.map((a) => actionIdentity(a.what, a.criterionIds)));
      let actionsCreated = 0;
      for (const request of evidenceRequestActions(moderation)) {
        if (known.has(actionIdentity(request.what, [request.criterionId]))) continue;
        const now = nowIso();
        await db.actions.add({
          id: newId(),
          evaluationId: submission.evaluationId,
          criterionIds: [request.criterionId],
          what: request.what,
          who: '',
          byWhen: '',
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
      return { outcome: 'imported' as const, record, actionsCreated };
    });
  } catch (error) {
    throw new UserFacingError(describeStorageError(error, 'the moderation report'));
  }
}

function actionIdentity(what: string, criterionIds: readonly string[]): string {
  return `${what.trim()}\u0000${[...criterionIds].sort().join(',')}`;
}

export type ReportCheck = { kind: 'rejected'; message: string } | { kind: 'ready'; report: VerifiedReport; pin: ModeratorPin };

/**
 * Checks a moderation report file for this school, in the verify worker: a signed, untouched
 * report about one of the school's own exported PDFs, byte for byte. Then compares the moderator's
 * key with the one pinned for their organisation. Stores nothing.
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
  const result = await verifyJobs.verify({ kind: 'report', bytes, submissionSha256 });
  if (result.kind === 'failed') return { kind: 'rejected', message: result.message };
  if (result.kind !== 'report') return { kind: 'rejected', message: 'The file could not be checked.' };
  if (!result.verification.ok) return { kind: 'rejected', message: result.verification.rejection.message };
  const report = result.verification.report;
  const pin = await checkModeratorPin(db, schoolId, report.moderation.moderator.organisation, report.certificate.fingerprint);
  return { kind: 'ready', report, pin };
}
