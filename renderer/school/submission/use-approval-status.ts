import { useEffect, useMemo, useState } from 'react';
import type { AppliedFramework } from '../../../shared/framework/applied-framework';
import {
  approvalSnapshotHash,
  approvalState,
  documentToApprove,
  submissionCounts,
  type ApprovalState,
  type SubmissionCounts,
} from '../../../shared/submission/approval';
import type { SubmissionDocument } from '../../../shared/submission/submission-format';
import { useServices } from '../../app/app-context';
import { useApprovalInputs } from '../../db/approval-queries';

export interface ApprovalStatus {
  /** What would be submitted now (without the export's own identity). */
  document: SubmissionDocument;
  counts: SubmissionCounts;
  /** approvalSnapshotHash of `document`. */
  snapshotHash: string;
  state: ApprovalState;
}

/**
 * Whether the evaluation's approval covers what would be submitted now, followed live: null until
 * the records are read and hashed (or when the framework is not known).
 */
export function useApprovalStatus(evaluationId: string, framework: AppliedFramework | null): ApprovalStatus | null {
  const { db, regions } = useServices();
  const inputs = useApprovalInputs(db, evaluationId);
  const document = useMemo(() => {
    if (!inputs || !framework) return null;
    const regionName = regions.find((r) => r.id === inputs.evaluation.regionId)?.name ?? inputs.evaluation.regionId;
    return documentToApprove({ ...inputs, framework, regionName });
  }, [inputs, framework, regions]);
  const [hashed, setHashed] = useState<{ document: SubmissionDocument; snapshotHash: string } | null>(null);

  useEffect(() => {
    if (!document) return;
    let current = true;
    void approvalSnapshotHash(document).then((snapshotHash) => {
      if (current) setHashed({ document, snapshotHash });
    });
    return () => {
      current = false;
    };
  }, [document]);

  return useMemo(() => {
    // Only a hash of the document shown now counts: a stale one would say "current" for a moment.
    if (!document || !inputs || hashed?.document !== document) return null;
    const counts = submissionCounts(document);
    return { document, counts, snapshotHash: hashed.snapshotHash, state: approvalState(hashed.snapshotHash, inputs.approval, counts) };
  }, [document, inputs, hashed]);
}
