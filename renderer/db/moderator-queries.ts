import { useLiveQuery } from 'dexie-react-hooks';
import type { ModeratorWorkspace } from '../../shared/moderation/moderation-records';
import type { AppDatabase } from './app-database';
import { listModeratorWorkspaces } from './moderator-store';

/** Reads of moderator workspaces, followed live (undefined until the first read). */

/** One moderator workspace (null when missing, or when there is no id: a new workspace). */
export function useModeratorWorkspaceRecord(db: AppDatabase, workspaceId: string | undefined) {
  return useLiveQuery(async () => (workspaceId ? ((await db.moderatorWorkspaces.get(workspaceId)) ?? null) : null), [db, workspaceId]);
}

/** Every moderator workspace on this computer, each with how many submissions it holds. */
export function useModeratorWorkspaces(db: AppDatabase) {
  return useLiveQuery(() => listModeratorWorkspaces(db), [db]);
}

/** Every moderator workspace, read once. */
export async function allModeratorWorkspaces(db: AppDatabase): Promise<ModeratorWorkspace[]> {
  return db.moderatorWorkspaces.toArray();
}
