import type { AppliedFramework } from '../../shared/framework/applied-framework';
import { decideTrust, type TrustQuestion } from '../../shared/moderation/first-use-trust';
import { criterionModerationKey, type CriterionModeration } from '../../shared/moderation/moderation-records';
import type { ClaimedResponse } from '../../shared/moderation/desk-review';
import type { DecisionPair } from '../../shared/moderation/moderator-agreement';
import {
  resolutionProblem,
  resolvedModeration,
  type ResolutionDraft,
  type SecondDecisionDraft,
  type SecondSampleItem,
} from '../../shared/moderation/second-moderation';
import type { SecondModerationRequestDocument, SecondModerationReturnDocument } from '../../shared/moderation/second-moderation-format';
import {
  peerModeratorPinKey,
  receivedRequestKey,
  secondDecisionKey,
  secondResolutionKey,
  type ReceivedSecondModerationRequest,
  type SecondModerationRequestRecord,
  type SecondModerationReturnRecord,
} from '../../shared/moderation/second-moderation-records';
import type { SentRequest, VerifiedSecondFile } from '../../shared/moderation/second-moderation-verifier';
import type { AppDatabase } from './app-database';
import { nowIso } from './record-stamps';
import { describeStorageError, UserFacingError } from './storage-errors';

/**
 * Second moderation's writes. Every import and resolution is one transaction: all of it, or
 * nothing. A fellow moderator's key is trusted on first use only when the person confirmed that
 * very fingerprint, as a school trusts a moderator's report.
 */

export type SecondImportResult<R> =
  | { outcome: 'imported' | 'already-imported'; record: R; trust: 'first-use' | 'matches' | 'accepted' }
  | { outcome: 'needs-decision'; question: TrustQuestion }
  | { outcome: 'refused'; message: string };

/** The first moderator's requests sent from a workspace, as the verifier of a return reads them. */
export async function sentRequestsOf(db: AppDatabase, workspaceId: string): Promise<Record<string, SentRequest>> {
  const requests = await db.secondModerationRequests.where('workspaceId').equals(workspaceId).toArray();
  const submissions = await db.importedSubmissions.bulkGet(requests.map((r) => r.submissionKey));
  return Object.fromEntries(
    requests.map((r, i) => [
      r.id,
      {
        requestId: r.id,
        sha256: r.sha256,
        submissionSha256: submissions[i]?.fileSha256 ?? r.document.submission.sha256,
        criterionIds: r.document.criteria.map((c) => c.criterionId),
      },
    ]),
  );
}

/** The workspace's own signing certificate's fingerprint, or null before it has signed anything. */
export async function ownFingerprint(db: AppDatabase, workspaceId: string): Promise<string | null> {
  return (await db.signingKeys.get(workspaceId))?.fingerprint ?? null;
}

/** Keeps a request the first moderator has just signed, with the sample's reasons and their own decisions then. */
export async function recordSecondRequest(
  db: AppDatabase,
  input: {
    workspaceId: string;
    submissionKey: string;
    document: SecondModerationRequestDocument;
    fileName: string;
    made: { pdf: Blob; size: number; sha256: string };
    sample: SecondSampleItem[];
    firstDecisions: DecisionPair[];
  },
): Promise<SecondModerationRequestRecord> {
  const record: SecondModerationRequestRecord = {
    id: input.document.requestId,
    workspaceId: input.workspaceId,
    submissionKey: input.submissionKey,
    createdAt: input.document.createdAt,
    fileName: input.fileName,
    sha256: input.made.sha256,
    size: input.made.size,
    document: input.document,
    pdf: input.made.pdf,
    sample: input.sample,
    firstDecisions: input.firstDecisions,
  };
  await db.secondModerationRequests.add(record);
  return record;
}

async function peerTrust(
  db: AppDatabase,
  workspaceId: string,
  who: { organisation: string; name: string },
  fingerprint: string,
  confirmedFingerprint: string | null | undefined,
) {
  const key = peerModeratorPinKey(workspaceId, who.organisation, who.name);
  const pin = await db.peerModeratorPins.get(key);
  const decision = decideTrust(pin, fingerprint, confirmedFingerprint);
  if (decision.kind === 'trusted' && decision.trust !== 'matches') {
    await db.peerModeratorPins.put({ key, workspaceId, organisation: who.organisation, name: who.name, fingerprint, pinnedAt: nowIso() });
  }
  return decision;
}

/**
 * The first moderator imports a verified return: it must answer a request this workspace sent (the
 * verifier checked the file against them; checked again here, in the transaction), once.
 */
export async function importSecondReturn(
  db: AppDatabase,
  input: {
    workspaceId: string;
    verified: VerifiedSecondFile<SecondModerationReturnDocument>;
    pdf: Blob;
    confirmedFingerprint?: string | null;
  },
): Promise<SecondImportResult<SecondModerationReturnRecord>> {
  const { document, certificate, fileSha256 } = input.verified;
  try {
    return await db.transaction('rw', [db.secondModerationRequests, db.secondModerationReturns, db.peerModeratorPins], async () => {
      const request = await db.secondModerationRequests.get(document.request.requestId);
      if (!request || request.workspaceId !== input.workspaceId || request.sha256 !== document.request.sha256) {
        return {
          outcome: 'refused' as const,
          message: 'This return does not answer a request sent from this workspace, so it was not imported.',
        };
      }
      const existing = await db.secondModerationReturns.get(request.id);
      if (existing && existing.fileSha256 !== fileSha256) {
        return {
          outcome: 'refused' as const,
          message: `A return for this request was already imported (from ${existing.document.secondModerator.name}). Only one return is kept per request: ask for a new request if the sample is to be decided again.`,
        };
      }
      const decision = await peerTrust(
        db,
        input.workspaceId,
        document.secondModerator,
        certificate.fingerprint,
        input.confirmedFingerprint,
      );
      if (decision.kind === 'ask') return { outcome: 'needs-decision' as const, question: decision.question };
      if (existing) return { outcome: 'already-imported' as const, record: existing, trust: decision.trust };
      const record: SecondModerationReturnRecord = {
        requestId: request.id,
        workspaceId: input.workspaceId,
        importedAt: nowIso(),
        fileSha256,
        signerFingerprint: certificate.fingerprint,
        document,
        pdf: input.pdf,
      };
      await db.secondModerationReturns.add(record);
      return { outcome: 'imported' as const, record, trust: decision.trust };
    });
  } catch (error) {
    throw new UserFacingError(describeStorageError(error, 'the second moderation return'));
  }
}

/**
 * The second moderator imports a verified request: from their own region, about a submission they
 * have already imported (matched by the SHA-256 of its PDF), not sent by themselves.
 */
export async function importSecondRequest(
  db: AppDatabase,
  input: {
    workspaceId: string;
    verified: VerifiedSecondFile<SecondModerationRequestDocument>;
    pdf: Blob;
    confirmedFingerprint?: string | null;
  },
): Promise<SecondImportResult<ReceivedSecondModerationRequest>> {
  const { document, certificate, fileSha256 } = input.verified;
  try {
    return await db.transaction(
      'rw',
      [
        db.moderatorWorkspaces,
        db.importedSubmissions,
        db.importedSubmissionDocuments,
        db.signingKeys,
        db.receivedSecondRequests,
        db.peerModeratorPins,
      ],
      async () => {
        const workspace = await db.moderatorWorkspaces.get(input.workspaceId);
        if (!workspace) return { outcome: 'refused' as const, message: 'This moderator workspace no longer exists.' };
        if (workspace.regionId !== document.requester.regionId) {
          return {
            outcome: 'refused' as const,
            message: `This request is from the ${document.requester.regionName} region, and this workspace moderates another region. Import it into a workspace for ${document.requester.regionName}.`,
          };
        }
        const own = await db.signingKeys.get(input.workspaceId);
        if (own && own.fingerprint === certificate.fingerprint) {
          return {
            outcome: 'refused' as const,
            message: 'This request was signed in this workspace: a second moderation must be done by another moderator.',
          };
        }
        const submissions = await db.importedSubmissions.where('workspaceId').equals(input.workspaceId).toArray();
        const submission = submissions.find((s) => s.fileSha256 === document.submission.sha256);
        if (!submission) {
          return {
            outcome: 'refused' as const,
            message: `Import the submission first: this request is about ${document.submission.school.name}’s submission v${document.submission.version}, and this workspace does not hold that exact file (its SHA-256 begins ${document.submission.sha256.slice(0, 16)}). Ask ${document.requester.name} for the submission PDF, import it, then import this request again.`,
          };
        }
        const data = await db.importedSubmissionDocuments.get(submission.key);
        const answered = new Set((data?.document.responses ?? []).map((r) => r.criterionId));
        const unknown = document.criteria.find((c) => !answered.has(c.criterionId));
        if (unknown) {
          return {
            outcome: 'refused' as const,
            message: `This request asks about criterion ${unknown.criterionId}, which the submission it names does not have, so it was not imported. Ask ${document.requester.name} to send the request again.`,
          };
        }
        const decision = await peerTrust(db, input.workspaceId, document.requester, certificate.fingerprint, input.confirmedFingerprint);
        if (decision.kind === 'ask') return { outcome: 'needs-decision' as const, question: decision.question };
        const key = receivedRequestKey(input.workspaceId, document.requestId);
        const existing = await db.receivedSecondRequests.get(key);
        if (existing) {
          if (existing.fileSha256 !== fileSha256) {
            return {
              outcome: 'refused' as const,
              message: 'A different file with this request’s id was imported before, so this one was not.',
            };
          }
          return { outcome: 'already-imported' as const, record: existing, trust: decision.trust };
        }
        const record: ReceivedSecondModerationRequest = {
          key,
          workspaceId: input.workspaceId,
          requestId: document.requestId,
          importedAt: nowIso(),
          fileSha256,
          signerFingerprint: certificate.fingerprint,
          document,
          pdf: input.pdf,
          returned: null,
        };
        await db.receivedSecondRequests.add(record);
        return { outcome: 'imported' as const, record, trust: decision.trust };
      },
    );
  } catch (error) {
    throw new UserFacingError(describeStorageError(error, 'the second moderation request'));
  }
}

/** Saves the second moderator's decision on one sampled criterion; refused once the return is signed. */
export async function saveSecondDecision(
  db: AppDatabase,
  receivedKey: string,
  criterionId: string,
  draft: SecondDecisionDraft,
): Promise<void> {
  await db.transaction('rw', [db.receivedSecondRequests, db.secondModerationDecisions], async () => {
    const received = await db.receivedSecondRequests.get(receivedKey);
    if (!received) throw new UserFacingError('This request is no longer in the workspace.');
    if (received.returned) throw new UserFacingError('The return is already signed: its decisions can no longer change.');
    if (!received.document.criteria.some((c) => c.criterionId === criterionId)) {
      throw new UserFacingError(`The request does not ask about ${criterionId}.`);
    }
    await db.secondModerationDecisions.put({
      key: secondDecisionKey(receivedKey, criterionId),
      receivedKey,
      criterionId,
      decision: draft.decision,
      moderatedJudgement: draft.decision === 'moderated' ? draft.moderatedJudgement : null,
      comment: draft.comment,
      updatedAt: nowIso(),
    });
  });
}

/** Keeps the return the second moderator has just signed. */
export async function recordSecondReturn(
  db: AppDatabase,
  receivedKey: string,
  returned: NonNullable<ReceivedSecondModerationRequest['returned']>,
): Promise<void> {
  await db.receivedSecondRequests.update(receivedKey, { returned });
}

/**
 * Records how the first moderator settled one disagreement and, when it changes their decision,
 * the criterion's new decision, in one transaction. Refused in words when the resolution is incomplete.
 */
export async function recordResolution(
  db: AppDatabase,
  input: {
    request: SecondModerationRequestRecord;
    framework: AppliedFramework;
    response: ClaimedResponse;
    first: DecisionPair;
    second: DecisionPair & { comment: string };
    draft: ResolutionDraft;
  },
): Promise<void> {
  const { request, response, draft } = input;
  const problem = resolutionProblem(input.framework, response, input.first, input.second, draft);
  if (problem) throw new UserFacingError(problem);
  await db.transaction('rw', [db.secondModerationResolutions, db.criterionModerations], async () => {
    const at = nowIso();
    const key = criterionModerationKey(request.submissionKey, response.criterionId);
    const current: CriterionModeration = (await db.criterionModerations.get(key)) ?? {
      key,
      submissionKey: request.submissionKey,
      criterionId: response.criterionId,
      decision: input.first.decision,
      moderatedJudgement: input.first.moderatedJudgement,
      comment: '',
      updatedAt: at,
    };
    const next = resolvedModeration(current, input.second, draft, at);
    if (next) await db.criterionModerations.put(next);
    const left = next ?? current;
    await db.secondModerationResolutions.put({
      key: secondResolutionKey(request.id, response.criterionId),
      requestId: request.id,
      criterionId: response.criterionId,
      // The draft was checked above: a way was chosen.
      kind: draft.kind ?? 'kept',
      decision: left.decision,
      moderatedJudgement: left.moderatedJudgement,
      reason: draft.reason.trim(),
      resolvedAt: at,
    });
  });
}
