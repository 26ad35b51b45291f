import type { AppliedFramework } from '../../shared/framework/applied-framework';
import {
  approvalRecordOf,
  approvalSnapshotHash,
  documentToApprove,
  submissionCounts,
  type ApprovalDraft,
  type ApprovalRecord,
} from '../../shared/submission/approval';
import { nowIso, type AppDatabase } from './app-database';
import { loadSubmissionSnapshot } from './submission-store';

export type ApprovalOutcome = { ok: true; approval: ApprovalRecord } | { ok: false; message: string };

/**
 * Records the approval of what the approver saw. The evaluation is read again from storage and
 * hashed: when it is no longer what the screen showed (`seenHash`: someone changed it meanwhile),
 * nothing is recorded and the approver is asked to look again. The latest approval replaces any earlier one.
 */
export async function recordApproval(
  db: AppDatabase,
  input: { evaluationId: string; framework: AppliedFramework; regionName: string; draft: ApprovalDraft; seenHash: string },
): Promise<ApprovalOutcome> {
  const { snapshot } = await loadSubmissionSnapshot(db, input.evaluationId, input.framework, input.regionName);
  const document = documentToApprove(snapshot);
  const hash = await approvalSnapshotHash(document);
  if (hash !== input.seenHash) {
    return {
      ok: false,
      message: 'The self-evaluation changed while you were reviewing it. Check the summary again, then approve it.',
    };
  }
  const approval = approvalRecordOf(input.draft, input.evaluationId, hash, submissionCounts(document), nowIso());
  if (!approval) return { ok: false, message: 'The approval is not complete: check the form and approve again.' };
  await db.approvals.put(approval);
  return { ok: true, approval };
}

/**
 * The approval to carry into an export of `snapshotHash`: the stored one when it covers exactly
 * that, else null (the export screen blocks before this; this is the last check before signing).
 */
export async function approvalForExport(db: AppDatabase, evaluationId: string, snapshotHash: string): Promise<ApprovalRecord | null> {
  const approval = await db.approvals.get(evaluationId);
  return approval && approval.snapshotHash === snapshotHash ? approval : null;
}
