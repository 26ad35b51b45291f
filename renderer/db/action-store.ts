import type { ActionItem } from '../../shared/actions/action-plan';
import { newId, nowIso, type AppDatabase } from './app-database';
import { refuseHistoricEvaluation } from './evaluation-edit-guard';

export type ActionDetails = Pick<ActionItem, 'criterionIds' | 'what' | 'who' | 'byWhen' | 'successCriteria' | 'status'>;

/*
 * Each write is refused (HistoricEvaluationError, nothing written) when the action's evaluation is
 * on a historic edition: its plan is read and printed, and changed by carrying the evaluation forward.
 */

export async function createAction(db: AppDatabase, evaluationId: string, details: ActionDetails): Promise<ActionItem> {
  return db.transaction('rw', [db.actions, db.evaluations, db.frameworks], async () => {
    await refuseHistoricEvaluation(db, evaluationId);
    const now = nowIso();
    const action: ActionItem = { ...details, id: newId(), evaluationId, createdAt: now, updatedAt: now };
    await db.actions.add(action);
    return action;
  });
}

export async function updateAction(db: AppDatabase, id: string, details: Partial<ActionDetails>): Promise<void> {
  await db.transaction('rw', [db.actions, db.evaluations, db.frameworks], async () => {
    const action = await db.actions.get(id);
    if (action) await refuseHistoricEvaluation(db, action.evaluationId);
    await db.actions.update(id, { ...details, updatedAt: nowIso() });
  });
}

/** Deletes an action; returns it as it was (to put back with restoreAction), or null when it was already gone. */
export async function deleteAction(db: AppDatabase, id: string): Promise<ActionItem | null> {
  return db.transaction('rw', [db.actions, db.evaluations, db.frameworks], async () => {
    const action = await db.actions.get(id);
    if (!action) return null;
    await refuseHistoricEvaluation(db, action.evaluationId);
    await db.actions.delete(id);
    return action;
  });
}

/** Puts back an action deleteAction removed, exactly as it was: the same id, details and times. */
export async function restoreAction(db: AppDatabase, action: ActionItem): Promise<void> {
  await db.transaction('rw', [db.actions, db.evaluations, db.frameworks], async () => {
    await refuseHistoricEvaluation(db, action.evaluationId);
    await db.actions.put(action);
  });
}
