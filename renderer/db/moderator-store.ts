import { applyFramework, type AppliedFramework } from '../../shared/framework/applied-framework';
import type { FrameworkCatalogue } from '../../shared/framework/framework-catalogue';
import { loadFrameworkValue } from '../../shared/framework/framework-loader';
import type { BaseFramework, LoadedFramework, SupplementFramework } from '../../shared/framework/framework-types';
import type { ModeratorWorkspace } from '../../shared/moderation/moderation-records';
import { cleanModeratorDetails, type ModeratorDetails } from '../../shared/moderation/moderator-workspace';
import { newId, nowIso, type AppDatabase } from './app-database';
import { describeStorageError, UserFacingError } from './storage-errors';

/** Moderator workspaces: the moderator's own details. Their signing key is made on first export. */
export async function createModeratorWorkspace(db: AppDatabase, details: ModeratorDetails): Promise<ModeratorWorkspace> {
  const now = nowIso();
  const workspace: ModeratorWorkspace = { ...cleanModeratorDetails(details), id: newId(), createdAt: now, updatedAt: now };
  try {
    await db.moderatorWorkspaces.add(workspace);
  } catch (error) {
    throw new UserFacingError(describeStorageError(error, 'the moderator workspace'));
  }
  return workspace;
}

export async function updateModeratorWorkspace(db: AppDatabase, id: string, details: ModeratorDetails): Promise<void> {
  try {
    const changed = await db.moderatorWorkspaces.update(id, { ...cleanModeratorDetails(details), updatedAt: nowIso() });
    // The time always changes, so nothing changed means there was nothing to change.
    if (changed === 0) throw new UserFacingError('This moderator workspace no longer exists, so the changes were not saved.');
  } catch (error) {
    throw new UserFacingError(describeStorageError(error, 'the moderator workspace'));
  }
}

/** Workspaces in name order, each with how many submissions it holds. */
export async function listModeratorWorkspaces(db: AppDatabase): Promise<{ workspace: ModeratorWorkspace; submissions: number }[]> {
  const workspaces = await db.moderatorWorkspaces.toArray();
  workspaces.sort(
    (a, b) => a.moderatorName.localeCompare(b.moderatorName, 'en-GB') || a.organisation.localeCompare(b.organisation, 'en-GB'),
  );
  return Promise.all(
    workspaces.map(async (workspace) => ({
      workspace,
      submissions: await db.importedSubmissions.where('workspaceId').equals(workspace.id).count(),
    })),
  );
}

/** Frameworks that came inside files, loaded once per content hash (they were checked when imported). */
const embeddedCache = new Map<string, Promise<LoadedFramework | null>>();

async function loadEmbedded(db: AppDatabase, contentHash: string): Promise<LoadedFramework | null> {
  const record = await db.embeddedFrameworks.get(contentHash);
  if (!record) return null;
  const loaded = await loadFrameworkValue(`framework ${contentHash.slice(0, 12)}`, record.value);
  return loaded.ok && loaded.framework.contentHash === contentHash ? loaded.framework : null;
}

function embedded(db: AppDatabase, contentHash: string): Promise<LoadedFramework | null> {
  const cacheKey = `${db.name}|${contentHash}`;
  let pending = embeddedCache.get(cacheKey);
  if (!pending) {
    pending = loadEmbedded(db, contentHash).then((found) => {
      // Keep only what was found, so a later import can still fill a gap.
      if (!found) embeddedCache.delete(cacheKey);
      return found;
    });
    embeddedCache.set(cacheKey, pending);
  }
  return pending;
}

/**
 * The exact framework (and supplement) an imported submission was made against, by content hash:
 * each part is the installed copy when the app has it, otherwise the copy that came inside the
 * file. Null when either part is missing or is not the kind it should be (which an import never
 * leaves behind).
 */
export async function loadImportedFramework(
  db: AppDatabase,
  catalogue: FrameworkCatalogue,
  baseHash: string,
  supplementHash: string | null,
): Promise<AppliedFramework | null> {
  const find = async (hash: string) => catalogue.byHash.get(hash) ?? (await embedded(db, hash));
  const base = await find(baseHash);
  if (!base || base.file.kind !== 'framework') return null;
  let supplement: LoadedFramework | null = null;
  if (supplementHash !== null) {
    supplement = await find(supplementHash);
    if (!supplement || supplement.file.kind !== 'supplement') return null;
  }
  return applyFramework(base as LoadedFramework<BaseFramework>, supplement as LoadedFramework<SupplementFramework> | null);
}
