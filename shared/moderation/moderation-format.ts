import type { FrameworkRef } from '../framework/framework-types';
import type { ModerationDecision, OutcomeKind, VisitPlan } from './moderation-records';

/**
 * moderation.json, format version 1: the data of a signed moderation report. It names the
 * submission it moderates by id and by the SHA-256 of the exact PDF the moderator checked.
 * Embedded in the report PDF with the relationship Data; the container rules are a submission's.
 */
export const MODERATION_FORMAT = 'sen-accreditation-moderation';
export const MODERATION_FORMAT_VERSION = 1;
export const MODERATION_JSON_NAME = 'moderation.json';

export interface ModerationCriterion {
  criterionId: string;
  /** The school's judgement as submitted. */
  schoolJudgement: string | null;
  decision: ModerationDecision | null;
  moderatedJudgement: string | null;
  comment: string;
  /**
   * The earlier version of the submission the decision was carried over from, unchanged, because
   * the school left the criterion as it was. Present only on such a decision (reports without it still verify).
   */
  carriedFromVersion?: number;
}

export interface ModerationDocument {
  format: typeof MODERATION_FORMAT;
  formatVersion: typeof MODERATION_FORMAT_VERSION;
  reportId: string;
  createdAt: string;
  moderator: { name: string; organisation: string; regionId: string; regionName: string };
  submission: {
    submissionId: string;
    version: number;
    /** SHA-256 (hex) of the submission PDF that was moderated. */
    sha256: string;
    exportedAt: string;
    school: { name: string; urn: string };
    framework: FrameworkRef;
    supplement: FrameworkRef | null;
  };
  criteria: ModerationCriterion[];
  visit: Pick<VisitPlan, 'criterionIds' | 'method' | 'visitDate' | 'notes'> | null;
  outcome: {
    kind: OutcomeKind;
    levelId: string | null;
    levelLabel: string;
    computedLevelId: string | null;
    overrideReason: string;
    renewalDate: string;
    feedback: string;
    decidedAt: string;
  };
  signer: { certificateFingerprint: string };
}

/** "<URN>-moderation-<yyyy-mm-dd>-v<submission version>.pdf" */
export function moderationFileName(document: Pick<ModerationDocument, 'submission' | 'createdAt'>): string {
  return `${document.submission.school.urn}-moderation-${document.createdAt.slice(0, 10)}-v${document.submission.version}.pdf`;
}
