import type { ReactNode } from 'react';
import type { ModeratorWorkspace } from '../../../shared/moderation/moderation-records';
import { MODERATION_SECTION_LABEL, moderatorBannerName, moderatorWorkspaceSections } from './use-moderator-workspace';
import { Layout } from '../../ui/Layout';

/**
 * A screen of a moderator workspace: the moderator in the banner and the workspace's sections
 * (submissions, import, details). Without a workspace (one being set up), neither.
 */
export function ModeratorWorkspaceLayout({
  workspace,
  current,
  children,
}: {
  workspace: ModeratorWorkspace | null;
  current: Parameters<typeof moderatorWorkspaceSections>[1];
  children: ReactNode;
}) {
  return (
    <Layout
      workspaceName={workspace ? moderatorBannerName(workspace) : undefined}
      sectionLinks={workspace ? moderatorWorkspaceSections(workspace.id, current) : undefined}
      sectionLabel={MODERATION_SECTION_LABEL}
    >
      {children}
    </Layout>
  );
}
