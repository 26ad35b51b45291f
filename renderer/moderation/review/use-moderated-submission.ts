import { useEffect, useMemo, useState } from 'react';
import type { AppliedFramework } from '../../../shared/framework/applied-framework';
import { frameworkByHashes, type FrameworkCatalogue } from '../../../shared/framework/framework-catalogue';
import {
  importedSubmissionKey,
  type CriterionModeration,
  type ImportedSubmission,
  type ModerationOutcome,
  type ModeratorWorkspace,
  type VisitPlan,
} from '../../../shared/moderation/moderation-records';
import type { Region } from '../../../shared/regions/regions';
import type { SubmissionDocument } from '../../../shared/submission/submission-format';
import type { SectionLink } from '../../ui/Layout';
import type { AppDatabase } from '../../db/app-database';
import { useImportedSubmissionDocument, useModeratedSubmissionRecords } from '../../db/moderation-queries';
import { loadImportedFramework } from '../../db/moderator-store';
import { useResubmissionCarryOver } from '../../db/resubmission-store';
import { useServices } from '../../app/app-context';
import { href } from '../../app/hash-route';

export interface ModerationRecords {
  moderations: CriterionModeration[];
  visit: VisitPlan | null;
  outcome: ModerationOutcome | null;
}

export type ModerationContext =
  | { state: 'loading' }
  | { state: 'missing' }
  | { state: 'no-framework'; workspace: ModeratorWorkspace; submission: ImportedSubmission }
  | {
      state: 'ready';
      workspace: ModeratorWorkspace;
      submission: ImportedSubmission;
      /** The submission's data (submission.json), read from its own table. */
      document: SubmissionDocument;
      framework: AppliedFramework;
      /** The moderator's region (its renewal period sets the renewal date). */
      region: Region | null;
      records: ModerationRecords;
      /** Why decisions could not be carried over from an earlier version, or null. */
      carryOverProblem: string | null;
    };

/**
 * One imported submission in a moderator workspace, with the exact framework it was made against
 * (the installed copy with the same content hash, or the copy that came inside the file) and the
 * moderator's live records: decisions, visit plan and outcome. The submission's data is read by
 * a query of its own: it never changes once imported, so a decision saved does not read it again.
 */
export function useModeratedSubmission(workspaceId: string, submissionId: string): ModerationContext {
  const { db, catalogue, importedLoaded, regions } = useServices();
  const key = importedSubmissionKey(workspaceId, submissionId);
  const data = useModeratedSubmissionRecords(db, workspaceId, key);
  const stored = useImportedSubmissionDocument(db, key);

  const submission = data?.submission;
  // A later version takes over the decisions of the earlier one for the criteria left as they were.
  const carryOverProblem = useResubmissionCarryOver(db, data?.key === key ? submission : undefined);
  const framework = useSubmissionFramework(
    db,
    catalogue,
    importedLoaded,
    submission?.framework.contentHash ?? null,
    submission ? (submission.supplement?.contentHash ?? null) : null,
  );

  // Until both queries have answered for this submission (a live query keeps its last answer while the next runs).
  if (!data || data.key !== key || !stored || stored.key !== key || framework.state === 'loading') return { state: 'loading' };
  const { workspace } = data;
  const document = stored.record?.document;
  if (!workspace || !submission || submission.workspaceId !== workspaceId || !document) return { state: 'missing' };
  if (framework.state === 'none') return { state: 'no-framework', workspace, submission };
  return {
    state: 'ready',
    workspace,
    submission,
    document,
    framework: framework.framework,
    region: regions.find((r) => r.id === workspace.regionId) ?? null,
    records: data.records,
    carryOverProblem,
  };
}

type FrameworkState = { state: 'loading' } | { state: 'none' } | { state: 'ready'; framework: AppliedFramework };

function useSubmissionFramework(
  db: AppDatabase,
  catalogue: FrameworkCatalogue,
  /** Whether the catalogue has the imported frameworks yet: until it does, the copy inside the file is not read. */
  importedLoaded: boolean,
  baseHash: string | null,
  supplementHash: string | null,
): FrameworkState {
  const installed = useMemo(
    () => (baseHash ? frameworkByHashes(catalogue, baseHash, supplementHash) : null),
    [catalogue, baseHash, supplementHash],
  );
  const [embedded, setEmbedded] = useState<{ hashes: string; framework: AppliedFramework | null } | null>(null);
  const hashes = `${baseHash ?? ''}|${supplementHash ?? ''}`;
  const needEmbedded = baseHash !== null && installed === null && importedLoaded;

  useEffect(() => {
    if (!needEmbedded || baseHash === null) return;
    let live = true;
    void (async () => {
      const framework = await loadImportedFramework(db, catalogue, baseHash, supplementHash).catch(() => null);
      if (live) setEmbedded({ hashes, framework });
    })();
    return () => {
      live = false;
    };
  }, [db, catalogue, baseHash, supplementHash, hashes, needEmbedded]);

  if (baseHash === null) return { state: 'loading' };
  if (installed) return { state: 'ready', framework: installed };
  // Not read before the imported frameworks are (needEmbedded), so still loading until then.
  if (!embedded || embedded.hashes !== hashes) return { state: 'loading' };
  return embedded.framework ? { state: 'ready', framework: embedded.framework } : { state: 'none' };
}

/** The name of the section navigation of one submission under moderation. */
export const SUBMISSION_SECTION_LABEL = 'Moderation of this submission';

/** The moderator's sections for one submission: overview, criteria, visit, outcome and report. */
export function moderationSections(
  workspaceId: string,
  submissionId: string,
  current: 'overview' | 'criteria' | 'visit' | 'outcome' | 'second',
  firstCriterionId: string | undefined,
): SectionLink[] {
  return [
    { label: 'Overview', href: href.moderationReview(workspaceId, submissionId), current: current === 'overview' },
    ...(firstCriterionId
      ? [
          {
            label: 'Criteria',
            href: href.moderationCriterion(workspaceId, submissionId, firstCriterionId),
            current: current === 'criteria',
          },
        ]
      : []),
    { label: 'Visit', href: href.moderationVisit(workspaceId, submissionId), current: current === 'visit' },
    { label: 'Outcome and report', href: href.moderationOutcome(workspaceId, submissionId), current: current === 'outcome' },
    { label: 'Second moderation', href: href.secondModerationRequest(workspaceId, submissionId), current: current === 'second' },
  ];
}
