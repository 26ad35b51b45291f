import { appealResultForReport } from './appeal-store';
import type { AppliedFramework } from '../../shared/framework/applied-framework';
import { mergeFields, type FieldMerge, type FieldValue } from '../../shared/evaluation/field-merge';
import type { ModerationDocument } from '../../shared/moderation/moderation-format';
import {
  criterionModerationKey,
  MODERATION_DECISIONS,
  type CriterionModeration,
  type ModerationDecision,
  type ModerationOutcome,
  type SubmissionStatus,
  type VisitPlan,
  type VisitSample,
} from '../../shared/moderation/moderation-records';
import type { ModerationReportInput } from '../../shared/moderation/moderation-report';
import { outcomeRerecordProblem } from '../../shared/moderation/follow-up-report';
import { statusAfterDecision } from '../../shared/moderation/moderation-review';
import {
  decodeCriterionNotes,
  decodeEvidenceSeen,
  decodeTimetable,
  encodeCriterionNotes,
  encodeEvidenceSeen,
  encodeTimetable,
} from '../../shared/moderation/visit-timetable';
import { nowIso, type AppDatabase, type ModerationReportRecord } from './app-database';
import { describeStorageError, UserFacingError } from './storage-errors';

/** The moderator's work on one imported submission: decisions, the visit plan, the outcome and the reports. */

/** The fields of a criterion's moderation the moderator edits, merged one by one between windows. */
export type ModerationField = 'decision' | 'moderatedJudgement' | 'comment';
export const MODERATION_FIELDS: readonly ModerationField[] = ['decision', 'moderatedJudgement', 'comment'];
export type ModerationFields = Record<ModerationField, FieldValue>;

function asDecision(value: FieldValue): ModerationDecision | null {
  return MODERATION_DECISIONS.find((d) => d.id === value)?.id ?? null;
}

/** A stored moderation as form fields; a moderated judgement counts only with the decision "moderated". */
export function moderationFields(
  record: Pick<CriterionModeration, 'decision' | 'moderatedJudgement' | 'comment'> | null,
): ModerationFields {
  const decision = record?.decision ?? null;
  return {
    decision,
    moderatedJudgement: decision === 'moderated' ? (record?.moderatedJudgement ?? null) : null,
    comment: record?.comment ?? '',
  };
}

export interface FieldSaveResult<K extends string> {
  /** The record's fields as stored when the transaction ended, and when they were last written. */
  stored: { fields: Record<K, FieldValue>; updatedAt: string };
  merge: FieldMerge<K>;
}

/**
 * Saves what this window changed in a criterion's moderation since `base` (what it loaded or last
 * saved), merged field by field with what another window stored meanwhile (see
 * shared/evaluation/field-merge.ts): read, merge and write in one transaction. A field changed in
 * both windows to different values is left as stored and returned as a conflict. A submission
 * still "new" moves to "in review" with the first decision, in the same transaction.
 */
export async function saveCriterionModerationChanges(
  db: AppDatabase,
  submissionKey: string,
  criterionId: string,
  base: ModerationFields,
  mine: ModerationFields,
): Promise<FieldSaveResult<ModerationField>> {
  if (mine.decision !== null && asDecision(mine.decision) === null)
    throw new UserFacingError('The decision could not be read, so it was not saved. Choose the decision again.');
  return db.transaction('rw', db.criterionModerations, db.importedSubmissions, async () => {
    const submission = await db.importedSubmissions.get(submissionKey);
    if (!submission) throw new UserFacingError('This submission is no longer in the workspace, so the decision was not saved.');
    const key = criterionModerationKey(submissionKey, criterionId);
    const existing = (await db.criterionModerations.get(key)) ?? null;
    const merge = mergeFields(MODERATION_FIELDS, base, mine, moderationFields(existing));
    const decision = asDecision(merge.merged.decision);
    // A moderated judgement set aside by the decision no longer matters, nor does a clash over it.
    if (decision !== 'moderated') merge.conflicts = merge.conflicts.filter((c) => c.field !== 'moderatedJudgement');
    if (merge.write.length === 0) return { stored: { fields: moderationFields(existing), updatedAt: existing?.updatedAt ?? '' }, merge };
    const record: CriterionModeration = {
      key,
      submissionKey,
      criterionId,
      decision,
      moderatedJudgement: decision === 'moderated' ? merge.merged.moderatedJudgement : null,
      comment: merge.merged.comment ?? '',
      updatedAt: nowIso(),
    };
    await db.criterionModerations.put(record);
    const status = statusAfterDecision(submission.status, record.decision);
    if (status !== submission.status) await db.importedSubmissions.update(submissionKey, { status });
    return { stored: { fields: moderationFields(record), updatedAt: record.updatedAt }, merge };
  });
}

export async function setSubmissionStatus(db: AppDatabase, submissionKey: string, status: SubmissionStatus): Promise<void> {
  const changed = await db.importedSubmissions.update(submissionKey, { status });
  if (changed === 0) throw new UserFacingError('This submission is no longer in the workspace.');
}

/**
 * The fields of a visit plan the moderator edits, merged one by one between windows. The criteria
 * and how they were chosen are one field: a drawn list changed by hand is no longer a draw.
 */
export type VisitField = 'criteria' | 'visitDate' | 'notes' | 'timetable' | 'evidenceSeen' | 'criterionNotes';
export const VISIT_FIELDS: readonly VisitField[] = ['criteria', 'visitDate', 'notes', 'timetable', 'evidenceSeen', 'criterionNotes'];
export type VisitFields = Record<VisitField, FieldValue>;
export type VisitCriteria = Pick<VisitPlan, 'criterionIds' | 'method' | 'sample'>;

/**
 * The criteria and method as one text, the same text for the same choice (keys in a fixed order).
 * The rule's proposal goes with a plan proposed by the rule; plans without one read as before.
 */
export function encodeVisitCriteria({ criterionIds, method, sample }: VisitCriteria): string {
  const m =
    method.kind === 'random'
      ? { kind: method.kind, seed: method.seed, perStrand: method.perStrand }
      : method.kind === 'rule'
        ? { kind: method.kind, seed: method.seed }
        : { kind: method.kind };
  const base = { criterionIds: [...criterionIds], method: m };
  if (method.kind !== 'rule' || !sample) return JSON.stringify(base);
  const proposed = sample.proposed.map((p) => ({ criterionId: p.criterionId, why: p.why }));
  return JSON.stringify({ ...base, sample: { seed: sample.seed, proposed } });
}

/** The criteria and method from their text, or null when it is not of that shape. */
export function decodeVisitCriteria(text: FieldValue): VisitCriteria | null {
  if (text === null) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const { criterionIds, method, sample } = value as Record<string, unknown>;
  if (!Array.isArray(criterionIds) || !criterionIds.every((id): id is string => typeof id === 'string')) return null;
  if (typeof method !== 'object' || method === null) return null;
  const { kind, seed, perStrand } = method as Record<string, unknown>;
  if (kind === 'hand') return { criterionIds, method: { kind } };
  if (kind === 'random' && typeof seed === 'string' && typeof perStrand === 'number' && Number.isSafeInteger(perStrand) && perStrand > 0)
    return { criterionIds, method: { kind, seed, perStrand } };
  if (kind !== 'rule' || typeof seed !== 'string' || seed === '') return null;
  if (sample === undefined) return { criterionIds, method: { kind, seed } };
  const read = decodeVisitSample(sample);
  return read ? { criterionIds, method: { kind, seed }, sample: read } : null;
}

function decodeVisitSample(value: unknown): VisitSample | null {
  if (typeof value !== 'object' || value === null) return null;
  const { seed, proposed } = value as Record<string, unknown>;
  if (typeof seed !== 'string' || !Array.isArray(proposed)) return null;
  const read: VisitSample['proposed'] = [];
  for (const item of proposed as unknown[]) {
    if (typeof item !== 'object' || item === null) return null;
    const { criterionId, why } = item as Record<string, unknown>;
    if (typeof criterionId !== 'string' || typeof why !== 'string') return null;
    read.push({ criterionId, why });
  }
  return { seed, proposed: read };
}

export function visitFields(plan: Omit<VisitPlan, 'submissionKey' | 'updatedAt'> | null): VisitFields {
  return {
    criteria: encodeVisitCriteria(plan ?? { criterionIds: [], method: { kind: 'hand' } }),
    visitDate: plan?.visitDate ?? '',
    notes: plan?.notes ?? '',
    // Plans made before the visit's timetable and day record lack them: read as none.
    timetable: encodeTimetable(plan?.timetable ?? []),
    evidenceSeen: encodeEvidenceSeen(plan?.evidenceSeen ?? []),
    criterionNotes: encodeCriterionNotes(plan?.criterionNotes ?? {}),
  };
}

/**
 * Saves what this window changed in the visit plan since `base`, merged field by field with what
 * another window stored meanwhile, in one transaction (as saveCriterionModerationChanges).
 */
export async function saveVisitPlanChanges(
  db: AppDatabase,
  submissionKey: string,
  base: VisitFields,
  mine: VisitFields,
): Promise<FieldSaveResult<VisitField>> {
  if (decodeVisitCriteria(mine.criteria) === null)
    throw new UserFacingError('The list of criteria to see could not be read, so it was not saved. Choose the criteria again.');
  if (decodeTimetable(mine.timetable) === null)
    throw new UserFacingError('The timetable could not be read, so the visit plan was not saved. Reload the page and add the rows again.');
  if (decodeEvidenceSeen(mine.evidenceSeen) === null)
    throw new UserFacingError('The evidence seen could not be read, so the visit plan was not saved. Reload the page and record it again.');
  if (decodeCriterionNotes(mine.criterionNotes) === null)
    throw new UserFacingError(
      'The notes on each criterion could not be read, so the visit plan was not saved. Reload the page and type them again.',
    );
  return db.transaction('rw', db.visitPlans, db.importedSubmissions, async () => {
    if (!(await db.importedSubmissions.get(submissionKey)))
      throw new UserFacingError('This submission is no longer in the workspace, so the visit plan was not saved.');
    const existing = (await db.visitPlans.get(submissionKey)) ?? null;
    const merge = mergeFields(VISIT_FIELDS, base, mine, visitFields(existing));
    if (merge.write.length === 0) return { stored: { fields: visitFields(existing), updatedAt: existing?.updatedAt ?? '' }, merge };
    // Theirs was stored by this app, mine was checked above: one of them is what is written.
    const criteria = decodeVisitCriteria(merge.merged.criteria) ?? { criterionIds: [], method: { kind: 'hand' as const } };
    const plan: VisitPlan = {
      submissionKey,
      criterionIds: criteria.criterionIds,
      method: criteria.method,
      visitDate: merge.merged.visitDate ?? '',
      notes: merge.merged.notes ?? '',
      updatedAt: nowIso(),
      ...(criteria.sample ? { sample: criteria.sample } : {}),
      timetable: decodeTimetable(merge.merged.timetable) ?? [],
      evidenceSeen: decodeEvidenceSeen(merge.merged.evidenceSeen) ?? [],
      criterionNotes: decodeCriterionNotes(merge.merged.criterionNotes) ?? {},
    };
    await db.visitPlans.put(plan);
    return { stored: { fields: visitFields(plan), updatedAt: plan.updatedAt }, merge };
  });
}

/** Records the outcome and marks the submission decided: both or neither. */
export async function recordOutcome(db: AppDatabase, outcome: ModerationOutcome): Promise<void> {
  try {
    await db.transaction('rw', db.moderationOutcomes, db.importedSubmissions, async () => {
      const refused = outcomeRerecordProblem(await db.moderationOutcomes.get(outcome.submissionKey));
      if (refused) throw new UserFacingError(refused);
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
      db.moderatorAppeals,
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
      const [moderations, visit, appeals] = await Promise.all([
        db.criterionModerations.where('submissionKey').equals(submissionKey).toArray(),
        db.visitPlans.get(submissionKey),
        db.moderatorAppeals.where('submissionKey').equals(submissionKey).toArray(),
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
        // The result of the school's appeal goes back to the school in the next report too.
        appealResult: appealResultForReport(appeals),
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
