import { useLiveQuery } from 'dexie-react-hooks';
import type { ModeratorWorkspace } from '../../shared/moderation/moderation-records';
import type { AppDatabase } from './app-database';
import { earlyAnswer, liveReadOf, readEarly } from './first-screen-reads';
import { listModeratorWorkspaces } from './moderator-store';

/** Reads of moderator workspaces, followed live (undefined until the first read). */

/** One moderator workspace (null when missing, or when there is no id: a new workspace). */
export function useModeratorWorkspaceRecord(db: AppDatabase, workspaceId: string | undefined) {
  const key = workspaceKey(workspaceId ?? '');
  return useLiveQuery(
    liveReadOf(db, key, () => readWorkspace(db, workspaceId)),
    [db, workspaceId],
    workspaceId ? earlyAnswer<ModeratorWorkspace | null>(db, key) : undefined,
  );
}

const workspaceKey = (workspaceId: string) => `moderator workspace ${workspaceId}`;

async function readWorkspace(db: AppDatabase, workspaceId: string | undefined): Promise<ModeratorWorkspace | null> {
  return workspaceId ? ((await db.moderatorWorkspaces.get(workspaceId)) ?? null) : null;
}

/** The app's start: a moderator workspace's screens read the workspace before they are drawn. */
export function readWorkspaceEarly(db: AppDatabase, workspaceId: string): Promise<void> {
  return readEarly(db, workspaceKey(workspaceId), () => readWorkspace(db, workspaceId));
}

/** Every moderator workspace on this computer, each with how many submissions it holds. */
export function useModeratorWorkspaces(db: AppDatabase) {
  return useLiveQuery(() => listModeratorWorkspaces(db), [db]);
}

/** Every moderator workspace, read once. */
export async function allModeratorWorkspaces(db: AppDatabase): Promise<ModeratorWorkspace[]> {
  return db.moderatorWorkspaces.toArray();
}
