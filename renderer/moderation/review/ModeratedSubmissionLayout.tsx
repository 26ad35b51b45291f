import type { ReactNode } from 'react';
import type { ImportedSubmission } from '../../../shared/moderation/moderation-records';
import { href } from '../../app/hash-route';
import { moderationSections, SUBMISSION_SECTION_LABEL, type ModerationContext } from './use-moderated-submission';
import { moderatorBannerName } from '../workspace/use-moderator-workspace';
import { Layout } from '../../ui/Layout';

type ModerationSection = Parameters<typeof moderationSections>[2];

/** A screen about one submission under moderation: the moderator in the banner and the submission's sections. */
export function ModeratedSubmissionLayout({
  context,
  current,
  children,
}: {
  context: Pick<Extract<ModerationContext, { state: 'ready' }>, 'workspace' | 'submission' | 'framework'>;
  current: ModerationSection;
  children: ReactNode;
}) {
  const { workspace, submission, framework } = context;
  return (
    <Layout
      workspaceName={moderatorBannerName(workspace)}
      sectionLabel={SUBMISSION_SECTION_LABEL}
      sectionLinks={moderationSections(workspace.id, submission.submissionId, current, framework.criteria[0]?.id)}
    >
      {children}
    </Layout>
  );
}

/** The way back: the workspace's submissions, then this submission; `children` goes on from there. */
export function SubmissionBreadcrumb({ submission, children }: { submission: ImportedSubmission; children?: ReactNode }) {
  return (
    <p className="breadcrumb">
      <a href={href.moderationQueue(submission.workspaceId)}>Submissions</a> ›{' '}
      <a href={href.moderationReview(submission.workspaceId, submission.submissionId)}>
        {submission.schoolName} v{submission.version}
      </a>
      {children}
    </p>
  );
}
