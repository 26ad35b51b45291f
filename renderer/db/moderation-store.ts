import type { AppliedFramework } from '../../shared/framework/applied-framework';
import type { ModerationDocument } from '../../shared/moderation/moderation-format';
import {
  criterionModerationKey,
  type CriterionModeration,
  type ModerationDecision,
  type ModerationOutcome,
  type SubmissionStatus,
  type VisitPlan,
} from '../../shared/moderation/moderation-records';
import type { ModerationReportInput } from '../../shared/moderation/moderation-report';
import { statusAfterDecision } from '../../shared/moderation/moderation-review';
import { nowIso, type AppDatabase, type ModerationReportRecord } from './app-database';
import { describeStorageError, UserFacingError } from './storage-errors';

/** The moderator's work on one imported submission: decisions, the visit plan, the outcome and the reports. */

export interface ModerationDraft {
  decision: ModerationDecision | null;
  moderatedJudgement: string | null;
  comment: string;
}

/**
 * Saves the moderator's decision and comment on one criterion. A submission still "new" moves to
 * "in review" with the first decision, in the same transaction.
 */
export async function saveCriterionModeration(
  db: AppDatabase,
  submissionKey: string,
  criterionId: string,
  draft: ModerationDraft,
): Promise<CriterionModeration> {
  const record: CriterionModeration = {
    key: criterionModerationKey(submissionKey, criterionId),
    submissionKey,
    criterionId,
    decision: draft.decision,
    moderatedJudgement: draft.decision === 'moderated' ? draft.moderatedJudgement : null,
    comment: draft.comment,
    updatedAt: nowIso(),
  };
  await db.transaction('rw', db.criterionModerations, db.importedSubmissions, async () => {
    const submission = await db.importedSubmissions.get(submissionKey);
    if (!submission) throw new UserFacingError('This submission is no longer in the workspace, so the decision was not saved.');
    await db.criterionModerations.put(record);
    const status = statusAfterDecision(submission.status, record.decision);
    if (status !== submission.status) await db.importedSubmissions.update(submissionKey, { status });
  });
  return record;
}

export async function setSubmissionStatus(db: AppDatabase, submissionKey: string, status: SubmissionStatus): Promise<void> {
  const changed = await db.importedSubmissions.update(submissionKey, { status });
  if (changed === 0) throw new UserFacingError('This submission is no longer in the workspace.');
}

export async function saveVisitPlan(db: AppDatabase, plan: Omit<VisitPlan, 'updatedAt'>): Promise<void> {
  await db.visitPlans.put({ ...plan, criterionIds: [...plan.criterionIds], updatedAt: nowIso() });
}

/** Records the outcome and marks the submission decided: both or neither. */
export async function recordOutcome(db: AppDatabase, outcome: ModerationOutcome): Promise<void> {
  try {
    await db.transaction('rw', db.moderationOutcomes, db.importedSubmissions, async () => {
      const changed = await db.importedSubmissions.update(outcome.submissionKey, { status: 'decided' });
      if (changed === 0) throw new UserFacingError('This submission is no longer in the workspace, so the outcome was not recorded.');
      await db.moderationOutcomes.put(outcome);
    });
  } catch (error) {
    throw new UserFacingError(describeStorageError(error, 'the outcome'));
  }
}

/** Everything a moderation report is made from, read in one transaction so it is consistent. */
export async function loadReportInput(
  db: AppDatabase,
  submissionKey: string,
  framework: AppliedFramework,
  identity: { reportId: string; createdAt: string; regionName: string },
): Promise<ModerationReportInput> {
  return db.transaction(
    'r',
    [
      db.importedSubmissions,
      db.importedSubmissionDocuments,
      db.moderatorWorkspaces,
      db.criterionModerations,
      db.visitPlans,
      db.moderationOutcomes,
    ],
    async () => {
      const [submission, stored] = await Promise.all([
        db.importedSubmissions.get(submissionKey),
        db.importedSubmissionDocuments.get(submissionKey),
      ]);
      if (!submission || !stored) throw new UserFacingError('This submission is no longer in the workspace.');
      const workspace = await db.moderatorWorkspaces.get(submission.workspaceId);
      if (!workspace) throw new UserFacingError('The moderator workspace of this submission no longer exists.');
      const outcome = await db.moderationOutcomes.get(submissionKey);
      if (!outcome) throw new UserFacingError('Record the outcome before exporting the report.');
      const [moderations, visit] = await Promise.all([
        db.criterionModerations.where('submissionKey').equals(submissionKey).toArray(),
        db.visitPlans.get(submissionKey),
      ]);
      return {
        ...identity,
        workspace,
        submission,
        document: stored.document,
        framework,
        moderations,
        visit: visit ?? null,
        outcome,
      };
    },
  );
}

/** Keeps an exported report with its exact PDF bytes, so the same file can be saved again. */
export async function recordModerationReport(
  db: AppDatabase,
  submissionKey: string,
  workspaceId: string,
  document: ModerationDocument,
  fileName: string,
  pdf: Blob,
  size: number,
  sha256: string,
): Promise<ModerationReportRecord> {
  const record: ModerationReportRecord = {
    id: document.reportId,
    submissionKey,
    workspaceId,
    createdAt: document.createdAt,
    fileName,
    sha256,
    size,
    document,
    pdf,
  };
  try {
    await db.moderationReports.add(record);
  } catch (error) {
    throw new UserFacingError(describeStorageError(error, 'the moderation report'));
  }
  return record;
}
