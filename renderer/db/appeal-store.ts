import { useLiveQuery } from 'dexie-react-hooks';
import { appealResolutionProblems, matchAppealToReport, type AppealResolutionFields } from '../../shared/moderation/appeal';
import type { VerifiedAppeal } from '../../shared/moderation/appeal-verifier';
import { dischargeCondition, type DischargeInput } from '../../shared/moderation/follow-up-report';
import type { AppealResult } from '../../shared/moderation/moderation-document.generated';
import type { VerifyRunner } from '../export/verify-jobs';
import { nowIso, type AppDatabase, type LodgedAppealRecord, type ModeratorAppealRecord } from './app-database';
import { describeStorageError, UserFacingError } from './storage-errors';

/**
 * Appeals, recorded on both sides: the appeal a school lodged (signed, exported, kept), and the
 * appeal a moderator imported (verified, matched to a report the workspace issued) with its
 * result. Also the discharge of an award's conditions, which a follow-up report carries.
 */

/** Keeps the appeal a school signed and exported. */
export async function recordLodgedAppeal(db: AppDatabase, record: LodgedAppealRecord): Promise<LodgedAppealRecord> {
  try {
    await db.lodgedAppeals.put(record);
    return record;
  } catch (error) {
    throw new UserFacingError(describeStorageError(error, 'the appeal'));
  }
}

/** The appeals a school lodged against one report, oldest first (undefined until read). */
export function useLodgedAppeals(db: AppDatabase, reportId: string) {
  return useLiveQuery(() => db.lodgedAppeals.where('reportId').equals(reportId).sortBy('lodgedAt'), [db, reportId]);
}

/** The appeals a school lodged on an evaluation, for its dashboard (undefined until read). */
export function useEvaluationLodgedAppeals(db: AppDatabase, evaluationId: string) {
  return useLiveQuery(() => db.lodgedAppeals.where('evaluationId').equals(evaluationId).toArray(), [db, evaluationId]);
}

/** The appeals imported for one submission in a moderator's workspace (undefined until read). */
export function useSubmissionAppeals(db: AppDatabase, submissionKey: string) {
  return useLiveQuery(() => db.moderatorAppeals.where('submissionKey').equals(submissionKey).sortBy('importedAt'), [db, submissionKey]);
}

export type AppealCheck =
  { kind: 'rejected'; message: string } | { kind: 'ready'; verified: VerifiedAppeal; submissionKey: string; reportId: string };

/**
 * Checks an appeal file for a moderator's workspace, in the verify worker: signed and untouched,
 * against a report this workspace issued (byte for byte), from the school that signed the
 * submission, with the same key. Stores nothing.
 */
export async function checkAppealFile(db: AppDatabase, verifyJobs: VerifyRunner, workspaceId: string, file: Blob): Promise<AppealCheck> {
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch {
    return { kind: 'rejected', message: 'The file could not be read. Check it is still where you chose it, and try again.' };
  }
  const result = await verifyJobs.verify({ kind: 'appeal', bytes });
  if (result.kind === 'failed') return { kind: 'rejected', message: result.message };
  if (result.kind !== 'appeal') return { kind: 'rejected', message: 'The file could not be checked.' };
  if (!result.verification.ok) return { kind: 'rejected', message: result.verification.message };
  const { verified } = result.verification;
  const [reports, submissions] = await Promise.all([
    db.moderationReports.where('workspaceId').equals(workspaceId).toArray(),
    db.importedSubmissions.where('workspaceId').equals(workspaceId).toArray(),
  ]);
  const match = matchAppealToReport(verified.appeal, verified.certificate.fingerprint, reports, submissions);
  if (!match.ok) return { kind: 'rejected', message: match.message };
  return { kind: 'ready', verified, submissionKey: match.report.submissionKey, reportId: match.report.id };
}

/** Keeps a checked appeal in the workspace; the same appeal imported again changes nothing. */
export async function importModeratorAppeal(
  db: AppDatabase,
  input: { workspaceId: string; check: Extract<AppealCheck, { kind: 'ready' }>; pdf: Blob },
): Promise<{ outcome: 'imported' | 'already-imported'; record: ModeratorAppealRecord }> {
  const { verified } = input.check;
  try {
    return await db.transaction('rw', db.moderatorAppeals, async () => {
      const existing = await db.moderatorAppeals.get(verified.appeal.appealId);
      if (existing) {
        if (existing.workspaceId !== input.workspaceId || existing.fileSha256 !== verified.fileSha256) {
          throw new UserFacingError('Another appeal with the same id is already in this app, so this one was not imported.');
        }
        return { outcome: 'already-imported' as const, record: existing };
      }
      const record: ModeratorAppealRecord = {
        id: verified.appeal.appealId,
        workspaceId: input.workspaceId,
        submissionKey: input.check.submissionKey,
        reportId: input.check.reportId,
        importedAt: nowIso(),
        fileSha256: verified.fileSha256,
        signerFingerprint: verified.certificate.fingerprint,
        document: verified.appeal,
        pdf: input.pdf,
        result: null,
      };
      await db.moderatorAppeals.add(record);
      return { outcome: 'imported' as const, record };
    });
  } catch (error) {
    if (error instanceof UserFacingError) throw error;
    throw new UserFacingError(describeStorageError(error, 'the appeal'));
  }
}

/**
 * Records the moderator's result of an appeal, which resolves it; refused (nothing written) with
 * each field's problem. The result goes to the school in the next follow-up or report.
 */
export async function recordAppealResult(
  db: AppDatabase,
  appealId: string,
  fields: AppealResolutionFields,
  today: string,
): Promise<{ ok: true } | { ok: false; problems: ReturnType<typeof appealResolutionProblems> }> {
  try {
    return await db.transaction('rw', db.moderatorAppeals, async () => {
      const appeal = await db.moderatorAppeals.get(appealId);
      if (!appeal) throw new UserFacingError('This appeal is no longer in the workspace, so its result was not recorded.');
      const problems = appealResolutionProblems(fields, appeal.document.lodgedAt.slice(0, 10), today);
      if (Object.keys(problems).length > 0 || fields.result === '') return { ok: false as const, problems };
      await db.moderatorAppeals.update(appealId, {
        result: { result: fields.result, reasons: fields.reasons.trim(), decidedOn: fields.decidedOn, recordedAt: nowIso() },
      });
      return { ok: true as const };
    });
  } catch (error) {
    if (error instanceof UserFacingError) throw error;
    throw new UserFacingError(describeStorageError(error, 'the appeal’s result'));
  }
}

/** The result as a report carries it, for the latest resolved appeal of a submission, or null. */
export function appealResultForReport(appeals: readonly ModeratorAppealRecord[]): AppealResult | null {
  const resolved = appeals
    .filter((a) => a.result !== null)
    .sort((a, b) => (a.result?.recordedAt ?? '').localeCompare(b.result?.recordedAt ?? ''));
  const latest = resolved[resolved.length - 1];
  if (!latest?.result) return null;
  return {
    appealId: latest.id,
    appealSha256: latest.fileSha256,
    lodgedOn: latest.document.lodgedAt.slice(0, 10),
    result: latest.result.result,
    reasons: latest.result.reasons,
    decidedOn: latest.result.decidedOn,
  };
}

/** Records condition `index` of a submission's outcome as discharged; refused (nothing written) with the reason. */
export async function recordConditionDischarge(
  db: AppDatabase,
  submissionKey: string,
  index: number,
  input: DischargeInput,
  today: string,
): Promise<{ ok: true } | { ok: false; message: string }> {
  try {
    return await db.transaction('rw', db.moderationOutcomes, async () => {
      const outcome = await db.moderationOutcomes.get(submissionKey);
      if (!outcome)
        return { ok: false as const, message: 'This submission has no outcome recorded, so there is no condition to discharge.' };
      const discharged = dischargeCondition(outcome, index, input, today);
      if (!discharged.ok) return discharged;
      await db.moderationOutcomes.put(discharged.outcome);
      return { ok: true as const };
    });
  } catch (error) {
    throw new UserFacingError(describeStorageError(error, 'the condition'));
  }
}
