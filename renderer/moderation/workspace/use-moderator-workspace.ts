import type { ModeratorWorkspace } from '../../../shared/moderation/moderation-records';
import { moderatorWorkspaceName } from '../../../shared/moderation/moderator-workspace';
import type { SectionLink } from '../../ui/Layout';
import { useModeratorWorkspaceRecord } from '../../db/moderator-queries';
import { useServices } from '../../app/app-context';
import { href } from '../../app/hash-route';

export type ModeratorWorkspaceState = { state: 'loading' } | { state: 'missing' } | { state: 'ready'; workspace: ModeratorWorkspace };

/** A moderator workspace, followed live. */
export function useModeratorWorkspace(workspaceId: string): ModeratorWorkspaceState {
  const { db } = useServices();
  const workspace = useModeratorWorkspaceRecord(db, workspaceId);
  if (workspace === undefined) return { state: 'loading' };
  if (workspace === null) return { state: 'missing' };
  return { state: 'ready', workspace };
}

/** The label of a moderator workspace's section navigation, and its name in the banner. */
export const MODERATION_SECTION_LABEL = 'Moderator workspace';

export function moderatorBannerName(workspace: ModeratorWorkspace): string {
  return `Moderator: ${moderatorWorkspaceName(workspace)}`;
}

export function moderatorWorkspaceSections(
  workspaceId: string,
  current: 'queue' | 'import' | 'folder' | 'second' | 'details' | null,
): SectionLink[] {
  return [
    { label: 'Submissions', href: href.moderationQueue(workspaceId), current: current === 'queue' },
    { label: 'Import submissions', href: href.moderationImport(workspaceId), current: current === 'import' },
    { label: 'Shared folder', href: href.moderationFolder(workspaceId), current: current === 'folder' },
    { label: 'Second moderation', href: href.secondModerationInbox(workspaceId), current: current === 'second' },
    { label: 'Workspace details', href: href.editModeratorWorkspace(workspaceId), current: current === 'details' },
  ];
}
