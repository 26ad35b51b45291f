import { useEffect, useState } from 'react';
import type { CarryOverRecord, CriterionModeration, ImportedSubmission } from '../../shared/moderation/moderation-records';
import { statusAfterDecision } from '../../shared/moderation/moderation-review';
import { carryOverDecisions, carryOverRecord } from '../../shared/moderation/resubmission-carry-over';
import type { SubmissionDocument } from '../../shared/submission/submission-format';
import { nowIso, type AppDatabase } from './app-database';
import { describeStorageError } from './storage-errors';

/** The latest earlier version of a school's submission the moderator decided on, with its data and decisions. */
export interface EarlierModeration {
  submissionKey: string;
  version: number;
  document: SubmissionDocument;
  moderations: CriterionModeration[];
}

/**
 * The latest earlier version of the same school's submission in the same workspace on which the
 * moderator made at least one decision, or null when there is none. Call it inside a transaction
 * over importedSubmissions, importedSubmissionDocuments and criterionModerations to read it whole.
 */
export async function loadEarlierModeration(
  db: AppDatabase,
  submission: Pick<ImportedSubmission, 'workspaceId' | 'urn' | 'version'>,
): Promise<EarlierModeration | null> {
  const earlier = (await db.importedSubmissions.where('[workspaceId+urn]').equals([submission.workspaceId, submission.urn]).toArray())
    .filter((s) => s.version < submission.version)
    .sort((a, b) => b.version - a.version);
  for (const candidate of earlier) {
    const moderations = await db.criterionModerations.where('submissionKey').equals(candidate.key).toArray();
    if (!moderations.some((m) => m.decision !== null)) continue;
    const stored = await db.importedSubmissionDocuments.get(candidate.key);
    if (!stored) continue;
    return { submissionKey: candidate.key, version: candidate.version, document: stored.document, moderations };
  }
  return null;
}

/** The earlier version decided on (see loadEarlierModeration) of a stored submission, read whole, or null. */
export async function earlierModerationOf(db: AppDatabase, submissionKey: string): Promise<EarlierModeration | null> {
  return db.transaction('r', [db.importedSubmissions, db.importedSubmissionDocuments, db.criterionModerations], async () => {
    const submission = await db.importedSubmissions.get(submissionKey);
    return submission ? loadEarlierModeration(db, submission) : null;
  });
}

/**
 * Carries the moderator's decisions over to a later version of a school's submission from the
 * latest earlier version decided on (see shared/moderation/resubmission-carry-over.ts), in one
 * transaction, once: the record of what was done is kept on the submission, and a submission that
 * has one is left alone. Decisions already made on the later version are never replaced. Returns
 * what was done, or null when there is nothing to carry from (version 1, or no earlier decisions).
 */
export async function carryOverFromEarlierVersion(db: AppDatabase, submissionKey: string): Promise<CarryOverRecord | null> {
  return db.transaction('rw', [db.importedSubmissions, db.importedSubmissionDocuments, db.criterionModerations], async () => {
    const submission = await db.importedSubmissions.get(submissionKey);
    if (!submission || submission.version <= 1) return null;
    if (submission.carryOver) return submission.carryOver;
    const [earlier, stored, decidedHere] = await Promise.all([
      loadEarlierModeration(db, submission),
      db.importedSubmissionDocuments.get(submissionKey),
      db.criterionModerations.where('submissionKey').equals(submissionKey).toArray(),
    ]);
    if (!earlier || !stored) return null;
    const at = nowIso();
    const result = carryOverDecisions({
      previous: { submissionKey: earlier.submissionKey, document: earlier.document },
      next: { submissionKey, document: stored.document },
      previousDecisions: earlier.moderations,
      nextDecisions: decidedHere,
      at,
    });
    const record = carryOverRecord(
      result,
      earlier,
      stored.document.responses.map((r) => r.criterionId),
      at,
    );
    const carried = result.kind === 'carried' ? result.carried : [];
    if (carried.length > 0) await db.criterionModerations.bulkPut(carried);
    const status = carried.length > 0 ? statusAfterDecision(submission.status, carried[0]?.decision ?? null) : submission.status;
    await db.importedSubmissions.update(submissionKey, { carryOver: record, status });
    return record;
  });
}

/**
 * Carries decisions over when a later version is opened (once: see carryOverFromEarlierVersion).
 * Returns a sentence to show when that could not be saved, else null.
 */
export function useResubmissionCarryOver(
  db: AppDatabase,
  submission: Pick<ImportedSubmission, 'key' | 'version' | 'carryOver'> | undefined,
): string | null {
  const [problem, setProblem] = useState<{ key: string; text: string } | null>(null);
  const key = submission?.key ?? null;
  const needed = !!submission && submission.version > 1 && !submission.carryOver;
  useEffect(() => {
    if (!needed || key === null) return;
    let live = true;
    carryOverFromEarlierVersion(db, key).then(
      () => {
        if (live) setProblem(null);
      },
      (error: unknown) => {
        if (live)
          setProblem({
            key,
            text: `${describeStorageError(error, 'the decisions carried over from the earlier version')} Your decisions on the earlier version were not carried over to this one: open this submission again to try once more, or review every criterion.`,
          });
      },
    );
    return () => {
      live = false;
    };
  }, [db, key, needed]);
  return problem && problem.key === key ? problem.text : null;
}
