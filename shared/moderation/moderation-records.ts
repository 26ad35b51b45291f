import type { KnownCertification } from '../crypto/signer-trust';
import type { FrameworkRef } from '../framework/framework-types';
import type { SubmissionDocument } from '../submission/submission-format';
import type { VisitEvidenceSeen, VisitTimetableRow } from './visit-timetable';

/**
 * The moderator's side: a moderator workspace, the submissions it imported (verified, with the
 * original PDF bytes kept), the key pinned for each school, and the moderation of each criterion.
 */
export interface ModeratorWorkspace {
  id: string;
  /** The moderator's own name, as it appears on reports. */
  moderatorName: string;
  /** e.g. "North East SEN Partnership" */
  organisation: string;
  regionId: string;
  createdAt: string;
  updatedAt: string;
}

export const SUBMISSION_STATUSES = [
  { id: 'new', label: 'New' },
  { id: 'in-review', label: 'In review' },
  { id: 'awaiting-evidence', label: 'Awaiting evidence' },
  { id: 'visit-planned', label: 'Visit planned' },
  { id: 'decided', label: 'Decided' },
] as const;

export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number]['id'];

export function submissionStatusLabel(status: SubmissionStatus): string {
  return SUBMISSION_STATUSES.find((s) => s.id === status)?.label ?? status;
}

/**
 * A verified submission in a moderator's workspace: what the queue shows and the review needs to
 * find the rest. Its submission data (submission.json) is kept apart, in an
 * `ImportedSubmissionDocument` under the same key, so the queue never reads it.
 */
export interface ImportedSubmission {
  /** `${workspaceId}|${submissionId}`: the same submission may be imported by two workspaces. */
  key: string;
  workspaceId: string;
  submissionId: string;
  urn: string;
  schoolName: string;
  regionId: string;
  framework: FrameworkRef;
  supplement: FrameworkRef | null;
  version: number;
  /** When the school exported it (ISO). */
  exportedAt: string;
  importedAt: string;
  /** SHA-256 (hex) of the original PDF, as kept. */
  fileSha256: string;
  fileName: string;
  size: number;
  signerFingerprint: string;
  /** Whether the framework came from the app's installed copy or from the file (its hash checked). */
  frameworkSource: 'installed' | 'embedded';
  status: SubmissionStatus;
  /**
   * What carrying the moderator's decisions over from an earlier version did, once: absent until
   * then (and on version 1, and while no earlier version has a decision). Not indexed.
   */
  carryOver?: CarryOverRecord | null;
}

/** The carry-over of decisions to a later version from the latest earlier version the moderator decided on. */
export interface CarryOverRecord {
  fromSubmissionKey: string;
  fromVersion: number;
  at: string;
  /** Criteria changed or new since that version, in framework order (all of them when refused). */
  changed: string[];
  /** How many decisions were carried over. */
  carried: number;
  /** Why nothing was carried (another framework, another school), or null. */
  refused: string | null;
  /** In a sentence, for the review. */
  summary: string;
}

/**
 * The submission data of an imported submission (its submission.json, as verified), stored beside
 * the `ImportedSubmission` with the same key and written in the same transaction.
 */
export interface ImportedSubmissionDocument {
  /** The key of its `ImportedSubmission`: `${workspaceId}|${submissionId}`. */
  key: string;
  document: SubmissionDocument;
}

export interface ImportedSubmissionFile {
  /** SHA-256 (hex) of the PDF bytes. */
  sha256: string;
  pdf: Blob;
}

/** A framework file that came inside a submission and is not installed: kept so the review can use it. */
export interface EmbeddedFrameworkRecord {
  contentHash: string;
  value: unknown;
}

/** Trust on first use: the certificate fingerprint a moderator workspace accepts for a school's URN. */
export interface SignerPin {
  /** `${workspaceId}|${urn}` */
  key: string;
  workspaceId: string;
  urn: string;
  fingerprint: string;
  pinnedAt: string;
  /** Every decision about a different key, kept as the record of what was accepted or refused. */
  history: PinDecision[];
  /**
   * The partnership that certified the pinned key, when it was certified: a later file from the
   * school signed by a key no partnership certified is flagged. Absent for a key trusted on first use.
   */
  certifiedBy?: KnownCertification;
}

export interface PinDecision {
  fingerprint: string;
  decision: 'accepted' | 'refused';
  at: string;
  submissionId: string;
}

/**
 * The moderator's decision on a criterion. The first three are those of the first release (stored
 * decisions and moderation.json files keep them); `not-met` is for a criterion the school did not
 * judge, `not-applicable-disputed` for a criterion the school claimed does not apply when it does.
 * Which decisions are offered for a criterion depends on the school's response: see desk-review.ts.
 */
export const MODERATION_DECISIONS = [
  { id: 'agree', label: 'Agree with the school' },
  { id: 'moderated', label: 'Moderated to a different judgement' },
  { id: 'more-evidence', label: 'More evidence needed' },
  { id: 'not-met', label: 'Not met' },
  { id: 'not-applicable-disputed', label: 'Does apply: the school’s “not applicable” is disputed' },
] as const;

export type ModerationDecision = (typeof MODERATION_DECISIONS)[number]['id'];

/** The moderator's view of one criterion of one submission. */
export interface CriterionModeration {
  /** `${submissionKey}|${criterionId}` */
  key: string;
  submissionKey: string;
  criterionId: string;
  decision: ModerationDecision | null;
  /** A point on the framework's scale when the decision is 'moderated'. */
  moderatedJudgement: string | null;
  comment: string;
  updatedAt: string;
  /**
   * Set when the decision was carried over unchanged from an earlier version of the submission
   * (the criterion's judgement, narrative, not-applicable claim and evidence are the same); absent
   * on decisions stored before carry-over existed, and on any decision the moderator made here.
   */
  carriedFrom?: { submissionKey: string; version: number } | null;
}

export function criterionModerationKey(submissionKey: string, criterionId: string): string {
  return `${submissionKey}|${criterionId}`;
}

export function importedSubmissionKey(workspaceId: string, submissionId: string): string {
  return `${workspaceId}|${submissionId}`;
}

/** The criteria chosen for the visit, how they were chosen, and the visit's notes. */
export interface VisitPlan {
  submissionKey: string;
  criterionIds: string[];
  /**
   * 'hand'; 'random' with the seed and the number per strand, so the draw can be repeated (plans
   * made before sampling by the region's rule); or 'rule': proposed by the region's sampling rule
   * with the seed of its random draw, then added to or taken from by the moderator.
   */
  method: { kind: 'hand' } | { kind: 'random'; seed: string; perStrand: number } | { kind: 'rule'; seed: string };
  visitDate: string;
  notes: string;
  updatedAt: string;
  /** What the region's rule proposed and why, kept with the plan so it reads the same later. Absent on older plans. */
  sample?: VisitSample | null;
  /** The visit's timetable, in the order it is run. Absent on older plans: read as none. */
  timetable?: VisitTimetableRow[];
  /** Evidence seen on the day, each linked to criteria. Absent on older plans: read as none. */
  evidenceSeen?: VisitEvidenceSeen[];
  /** Notes taken on the day per sampled criterion, by criterion id. Absent on older plans: read as none. */
  criterionNotes?: Record<string, string>;
}

/** The sample the region's rule proposed for a visit: each criterion with why it is in it, in the rule's order. */
export interface VisitSample {
  seed: string;
  proposed: { criterionId: string; why: string }[];
}

/**
 * The outcomes of a moderation. `not-yet` is the id outcomes have had since the first release (files
 * and stored records keep it); it reads "Not accredited". `accredited-with-conditions` is an award
 * at a level that stands while the school meets dated conditions.
 */
export const OUTCOME_KINDS = [
  { id: 'accredited', label: 'Accredited' },
  { id: 'accredited-with-conditions', label: 'Accredited with conditions' },
  { id: 'deferred', label: 'Deferred' },
  { id: 'not-yet', label: 'Not accredited' },
] as const;

export type OutcomeKind = (typeof OUTCOME_KINDS)[number]['id'];

/** The outcome in a few words: "Accredited at Established", "Accredited at Established, with conditions", "Deferred". */
export function outcomeHeadline(kind: OutcomeKind, levelLabel: string): string {
  if (kind === 'accredited' && levelLabel) return `Accredited at ${levelLabel}`;
  if (kind === 'accredited-with-conditions' && levelLabel) return `Accredited at ${levelLabel}, with conditions`;
  return OUTCOME_KINDS.find((k) => k.id === kind)?.label ?? kind;
}

/** Whether an outcome awards a level (with or without conditions). */
export function isAccreditation(kind: OutcomeKind): kind is 'accredited' | 'accredited-with-conditions' {
  return kind === 'accredited' || kind === 'accredited-with-conditions';
}

/** A condition of an award: what the school must do, and by when. */
export interface OutcomeCondition {
  text: string;
  /** yyyy-mm-dd */
  dueOn: string;
  /** yyyy-mm-dd the condition was discharged (by a signed follow-up), or null while it is open. */
  dischargedOn?: string | null;
  /** What the school showed that discharged it, in the moderator's words (with `dischargedOn`). */
  dischargeNote?: string;
}

/** A request for evidence of a deferral: which criterion, what to send, and by when. */
export interface OutcomeEvidenceRequest {
  criterionId: string;
  what: string;
  /** yyyy-mm-dd */
  dueOn: string;
  /** yyyy-mm-dd the evidence came, or null while it is awaited. */
  receivedOn?: string | null;
}

/** The moderator's declaration of any conflict of interest with the school, made before signing. */
export type ConflictOfInterest = { kind: 'none' } | { kind: 'declared'; text: string };

/**
 * The outcome of a moderation. The fields marked optional came after the first release: outcomes
 * stored before them lack them, and every outcome recorded now has them.
 */
export interface ModerationOutcome {
  submissionKey: string;
  kind: OutcomeKind;
  /** The level awarded when accredited (with or without conditions). */
  levelId: string | null;
  /** What the award rules give from the moderated judgements. */
  computedLevelId: string | null;
  /** Required when the level differs from the computed one. */
  overrideReason: string;
  /** yyyy-mm-dd, when accredited. */
  renewalDate: string;
  /** yyyy-mm-dd a deferred submission must be resubmitted by; absent on outcomes recorded without one. */
  resubmitBy?: string | null;
  /** The moderator's overall summary for the school. */
  feedback: string;
  decidedAt: string;
  /** Only for `accredited-with-conditions`: at least one. */
  conditions?: OutcomeCondition[];
  /** Only for `deferred`. */
  evidenceRequests?: OutcomeEvidenceRequest[];
  strengths?: string[];
  areasForDevelopment?: string[];
  recommendations?: string[];
  conflictOfInterest?: ConflictOfInterest | null;
  /** yyyy-mm-dd: the last day the school can appeal, from the region's appeal window. */
  appealBy?: string;
}
