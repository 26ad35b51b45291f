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

export async function deleteAction(db: AppDatabase, id: string): Promise<void> {
  await db.actions.delete(id);
}
