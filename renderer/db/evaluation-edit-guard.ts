import { pinnedEditable, type Editability, type PinnedEditionStatus } from '../../shared/evaluation/evaluation-editable';
import type { FrameworkRef, FrameworkStatus } from '../../shared/framework/framework-types';
import { SHIPPED_FRAMEWORK_FILES } from '../../shared/framework/shipped-frameworks';
import type { AppDatabase } from './app-database';
import { perDatabase } from './per-database';
import { UserFacingError } from './storage-errors';

/**
 * The stores' own check that an evaluation may still be changed (the screens check too): a write
 * to an evaluation on a historic edition is refused with the plain reason, and nothing is written.
 * Call it inside the write's transaction, with db.evaluations and db.frameworks in its scope.
 */

/** A refused change to an evaluation on a historic edition: its message is what the school reads. */
export class HistoricEvaluationError extends UserFacingError {
  override name = 'HistoricEvaluationError';
}

/** A shipped file's status by id and version: a format 1 file says it through its placement. */
function shippedStatus(ref: FrameworkRef): FrameworkStatus | null {
  for (const { value, placement } of SHIPPED_FRAMEWORK_FILES) {
    const file = value as { id?: unknown; version?: unknown; status?: unknown };
    if (file.id !== ref.id || file.version !== ref.version) continue;
    if (placement) return placement.status;
    return file.status === 'historic' ? 'historic' : 'current';
  }
  return null;
}

/**
 * An imported file's status, by its content hash, for each database: a record is stored under its
 * content's hash, so the status read once holds for as long as that record is there. Every autosave
 * asks, and the whole framework would otherwise be read (and copied) again at each save.
 */
const importedStatuses = perDatabase<string, FrameworkStatus>();

async function importedStatus(db: AppDatabase, contentHash: string): Promise<FrameworkStatus | null> {
  const statuses = importedStatuses(db);
  const known = statuses.get(contentHash);
  if (known) return known;
  const imported = await db.frameworks.get(contentHash);
  if (!imported) return null;
  // A format 2 file says whether it is historic; format 1 files are current.
  const status: FrameworkStatus = (imported.value as { status?: unknown }).status === 'historic' ? 'historic' : 'current';
  statuses.set(contentHash, status);
  return status;
}

async function pinnedStatus(db: AppDatabase, ref: FrameworkRef | null): Promise<PinnedEditionStatus | null> {
  if (!ref) return null;
  const shipped = shippedStatus(ref);
  if (shipped) return { status: shipped, title: ref.title };
  // A partnership's own file; one no longer on this computer is taken as current, as before.
  const status = await importedStatus(db, ref.contentHash);
  return { status: status ?? 'current', title: ref.title };
}

/** Whether the stored evaluation may be changed. An evaluation not found is left to the write (which fails or creates as before). */
export async function storedEvaluationEditable(db: AppDatabase, evaluationId: string): Promise<Editability> {
  const evaluation = await db.evaluations.get(evaluationId);
  if (!evaluation) return { editable: true };
  return pinnedEditable(await pinnedStatus(db, evaluation.framework), await pinnedStatus(db, evaluation.supplement));
}

/** Throws HistoricEvaluationError (a UserFacingError, so describeStorageError says its reason) on a historic evaluation. */
export async function refuseHistoricEvaluation(db: AppDatabase, evaluationId: string): Promise<void> {
  const editable = await storedEvaluationEditable(db, evaluationId);
  if (!editable.editable) throw new HistoricEvaluationError(editable.reason);
}
