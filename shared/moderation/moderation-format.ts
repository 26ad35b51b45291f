import type * as Generated from './moderation-document.generated';

/**
 * moderation.json, format version 1: the data of a signed moderation report. It names the
 * submission it moderates by id and by the SHA-256 of the exact PDF the moderator checked.
 * Embedded in the report PDF with the relationship Data; the container rules are a submission's.
 */
export const MODERATION_FORMAT = 'sen-accreditation-moderation';
export const MODERATION_FORMAT_VERSION = 1;
export const MODERATION_JSON_NAME = 'moderation.json';

// The types of moderation.json are generated from moderation.schema.json (npm run types:generate);
// these are the names the rest of the code uses. test/unit/schema-types-agree.test.ts checks that
// the app's own lists (decisions, outcome kinds, visit methods) are the schema's.

/** `schoolJudgement` is the school's judgement as submitted. */
export type ModerationCriterion = Generated.ModerationCriterion;
/** `submission.sha256` is the SHA-256 (hex) of the submission PDF that was moderated. */
export type ModerationDocument = Generated.ModerationDocument;

/** "<URN>-moderation-<yyyy-mm-dd>-v<submission version>.pdf" */
export function moderationFileName(document: Pick<ModerationDocument, 'submission' | 'createdAt'>): string {
  return `${document.submission.school.urn}-moderation-${document.createdAt.slice(0, 10)}-v${document.submission.version}.pdf`;
}
