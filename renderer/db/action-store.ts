import type { ActionItem } from '../../shared/actions/action-plan';
import { newId, nowIso, type AppDatabase } from './app-database';

export type ActionDetails = Pick<ActionItem, 'criterionIds' | 'what' | 'who' | 'byWhen' | 'successCriteria' | 'status'>;

export async function createAction(db: AppDatabase, evaluationId: string, details: ActionDetails): Promise<ActionItem> {
  const now = nowIso();
  const action: ActionItem = { ...details, id: newId(), evaluationId, createdAt: now, updatedAt: now };
  await db.actions.add(action);
  return action;
}

export async function updateAction(db: AppDatabase, id: string, details: Partial<ActionDetails>): Promise<void> {
  await db.actions.update(id, { ...details, updatedAt: nowIso() });
}

/** Deletes an action; returns it as it was (to put back with restoreAction), or null when it was already gone. */
export async function deleteAction(db: AppDatabase, id: string): Promise<ActionItem | null> {
  return db.transaction('rw', db.actions, async () => {
    const action = await db.actions.get(id);
    if (!action) return null;
    await db.actions.delete(id);
    return action;
  });
}

/** Puts back an action deleteAction removed, exactly as it was: the same id, details and times. */
export async function restoreAction(db: AppDatabase, action: ActionItem): Promise<void> {
  await db.transaction('rw', db.actions, async () => {
    await db.actions.put(action);
  });
}
