import { useLiveQuery } from 'dexie-react-hooks';
import type { AppDatabase } from './app-database';

/** Reads of second moderation, followed live (undefined until the first read). */

/** The requests sent for one submission, newest first, each with its return (or null) and resolutions. */
export function useSentSecondRequests(db: AppDatabase, submissionKey: string) {
  return useLiveQuery(async () => {
    const requests = (await db.secondModerationRequests.where('submissionKey').equals(submissionKey).sortBy('createdAt')).reverse();
    const returns = await db.secondModerationReturns.bulkGet(requests.map((r) => r.id));
    return requests.map((request, i) => ({ request, returned: returns[i] ?? null }));
  }, [db, submissionKey]);
}

/** One request sent, its return, its resolutions, and the first moderator's decisions now on the sampled criteria. */
export function useSentSecondRequest(db: AppDatabase, requestId: string) {
  return useLiveQuery(async () => {
    const request = await db.secondModerationRequests.get(requestId);
    if (!request) return { request: null, returned: null, resolutions: [], current: [] };
    const [returned, resolutions, current] = await Promise.all([
      db.secondModerationReturns.get(requestId),
      db.secondModerationResolutions.where('requestId').equals(requestId).toArray(),
      db.criterionModerations.where('submissionKey').equals(request.submissionKey).toArray(),
    ]);
    return { request, returned: returned ?? null, resolutions, current };
  }, [db, requestId]);
}

/** The requests a second moderator received in a workspace, newest first. */
export function useReceivedSecondRequests(db: AppDatabase, workspaceId: string) {
  return useLiveQuery(
    async () => (await db.receivedSecondRequests.where('workspaceId').equals(workspaceId).sortBy('importedAt')).reverse(),
    [db, workspaceId],
  );
}

/**
 * One received request, the second moderator's decisions on it, and the submission it is about
 * (the workspace's import of that exact file, matched by SHA-256) with its data.
 */
export function useReceivedSecondRequest(db: AppDatabase, receivedKey: string) {
  return useLiveQuery(async () => {
    const received = await db.receivedSecondRequests.get(receivedKey);
    if (!received) return { received: null, decisions: [], submission: null, document: null };
    const decisions = await db.secondModerationDecisions.where('receivedKey').equals(receivedKey).toArray();
    const submissions = await db.importedSubmissions.where('workspaceId').equals(received.workspaceId).toArray();
    const submission = submissions.find((s) => s.fileSha256 === received.document.submission.sha256) ?? null;
    const document = submission ? ((await db.importedSubmissionDocuments.get(submission.key))?.document ?? null) : null;
    return { received, decisions, submission, document };
  }, [db, receivedKey]);
}
