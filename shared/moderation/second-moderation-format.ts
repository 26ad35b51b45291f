import type * as RequestTypes from './second-moderation-request.generated';
import type * as ReturnTypes from './second-moderation-return.generated';

/**
 * The two signed files of a second moderation, each a PDF a person can read with its data attached
 * as canonical JSON (relationship Data), under the same container rules as a moderation report:
 * - the request (second-moderation-request.json): who asks, which submission (by id, version and
 *   the SHA-256 of the exact submission PDF), the criteria sampled and a note. It never carries the
 *   first moderator's decisions: the second moderator decides without them.
 * - the return (second-moderation-return.json): the second moderator's decision on each sampled
 *   criterion, naming the request by its id and the SHA-256 of the request PDF.
 * The submission itself is not inside the request: the second moderator imports the submission PDF
 * as any other, and the request is matched to it by SHA-256 (README: second moderation).
 * Their types are generated from the schemas beside this file (npm run types:generate).
 */
export const SECOND_REQUEST_FORMAT = 'sen-accreditation-second-moderation-request';
export const SECOND_RETURN_FORMAT = 'sen-accreditation-second-moderation-return';
export const SECOND_FORMAT_VERSION = 1;
export const SECOND_REQUEST_JSON_NAME = 'second-moderation-request.json';
export const SECOND_RETURN_JSON_NAME = 'second-moderation-return.json';

export type SecondModerationRequestDocument = RequestTypes.SecondModerationRequestDocument;
export type SecondModerationReturnDocument = ReturnTypes.SecondModerationReturnDocument;
export type SecondModerationDecisionRecord = ReturnTypes.SecondModerationDecisionRecord;

/** "<URN>-second-moderation-request-<yyyy-mm-dd>-v<version>.pdf" */
export function secondRequestFileName(document: Pick<SecondModerationRequestDocument, 'submission' | 'createdAt'>): string {
  return `${document.submission.school.urn}-second-moderation-request-${document.createdAt.slice(0, 10)}-v${document.submission.version}.pdf`;
}

/** "<URN>-second-moderation-return-<yyyy-mm-dd>-v<version>.pdf" */
export function secondReturnFileName(document: Pick<SecondModerationReturnDocument, 'submission' | 'createdAt'>): string {
  return `${document.submission.urn}-second-moderation-return-${document.createdAt.slice(0, 10)}-v${document.submission.version}.pdf`;
}
