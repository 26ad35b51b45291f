import { normaliseOrganisation } from './first-use-trust';
import type { ModerationDecision } from './moderation-records';
import type { DecisionPair } from './moderator-agreement';
import type { SecondSampleItem, ResolutionKind } from './second-moderation';
import type { SecondModerationRequestDocument, SecondModerationReturnDocument } from './second-moderation-format';

/**
 * What a moderator workspace keeps of second moderation. The first moderator keeps each request
 * sent (with a copy of their own decisions on the sampled criteria as they stood when it was
 * signed, so agreement is measured against what the second moderator was asked about, not a
 * decision since changed), the return imported for it, and a resolution per disagreement. The
 * second moderator keeps each request received, their decisions, and the return they signed.
 */

/** A request the first moderator signed and exported. */
export interface SecondModerationRequestRecord {
  /** The request id inside the file. */
  id: string;
  workspaceId: string;
  /** The ImportedSubmission it is about. */
  submissionKey: string;
  createdAt: string;
  fileName: string;
  /** SHA-256 (hex) of the request PDF: a return must name it. */
  sha256: string;
  size: number;
  document: SecondModerationRequestDocument;
  pdf: Blob;
  /** Why each criterion is in the sample (for the first moderator only). */
  sample: SecondSampleItem[];
  /** The first moderator's decisions on the sampled criteria when the request was signed. */
  firstDecisions: DecisionPair[];
}

/** The verified return imported for a request, one per request. */
export interface SecondModerationReturnRecord {
  requestId: string;
  workspaceId: string;
  importedAt: string;
  fileSha256: string;
  signerFingerprint: string;
  document: SecondModerationReturnDocument;
  pdf: Blob;
}

/** How the first moderator settled one disagreement. */
export interface SecondModerationResolution {
  /** `${requestId}|${criterionId}` */
  key: string;
  requestId: string;
  criterionId: string;
  kind: ResolutionKind;
  /** The decision the criterion was left with. */
  decision: ModerationDecision | null;
  moderatedJudgement: string | null;
  reason: string;
  resolvedAt: string;
}

/** A request the second moderator imported, verified, with the return once signed. */
export interface ReceivedSecondModerationRequest {
  /** `${workspaceId}|${requestId}` */
  key: string;
  workspaceId: string;
  requestId: string;
  importedAt: string;
  fileSha256: string;
  signerFingerprint: string;
  document: SecondModerationRequestDocument;
  pdf: Blob;
  returned: { returnId: string; createdAt: string; fileName: string; sha256: string; size: number; pdf: Blob } | null;
}

/** The second moderator's decision on one sampled criterion. */
export interface SecondModerationDecision {
  /** `${receivedKey}|${criterionId}` */
  key: string;
  receivedKey: string;
  criterionId: string;
  decision: ModerationDecision | null;
  moderatedJudgement: string | null;
  comment: string;
  updatedAt: string;
}

/**
 * Trust on first use between moderators: the key a workspace accepts for a fellow moderator, by
 * organisation and name (a colleague in the same organisation has a key of their own).
 */
export interface PeerModeratorPin {
  /** peerModeratorPinKey(workspaceId, organisation, name) */
  key: string;
  workspaceId: string;
  organisation: string;
  name: string;
  fingerprint: string;
  pinnedAt: string;
}

export function secondResolutionKey(requestId: string, criterionId: string): string {
  return `${requestId}|${criterionId}`;
}

export function receivedRequestKey(workspaceId: string, requestId: string): string {
  return `${workspaceId}|${requestId}`;
}

export function secondDecisionKey(receivedKey: string, criterionId: string): string {
  return `${receivedKey}|${criterionId}`;
}

/** The key of a fellow moderator's pin, the organisation and name normalised so a look-alike is the same pin. */
export function peerModeratorPinKey(workspaceId: string, organisation: string, name: string): string {
  return `${workspaceId}|${normaliseOrganisation(organisation)}|${normaliseOrganisation(name)}`;
}
