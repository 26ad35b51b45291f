import type { AppliedFramework } from '../framework/applied-framework';
import type { CrosswalkFile } from './edition-crosswalk';
import type { Evaluation } from './evaluation-records';

/**
 * What the school is told about framework editions: that an evaluation is on a historic edition,
 * and, for an evaluation carried forward from another edition, which criteria are new in its own.
 * Pure.
 */

/** The editions an evaluation was made on: its framework's id and its supplement's, if any. */
export type EditionIds = Pick<Evaluation, 'framework' | 'supplement'>;

/** The crosswalks from the earlier evaluation's edition (and supplement) to the later one's; none within one edition. */
export function crosswalksBetween(earlier: EditionIds, later: EditionIds, crosswalks: readonly CrosswalkFile[]): CrosswalkFile[] {
  if (earlier.framework.id === later.framework.id) return [];
  const joins = (from: string | undefined, to: string | undefined) => crosswalks.filter((c) => c.from === from && c.to === to);
  return [...joins(earlier.framework.id, later.framework.id), ...joins(earlier.supplement?.id, later.supplement?.id)];
}

/**
 * The criteria of the later evaluation's framework that have no predecessor in the earlier
 * edition (so nothing was carried to them), in framework order; none when both are on one edition.
 */
export function newCriteriaSince(
  earlier: EditionIds,
  later: EditionIds,
  framework: Pick<AppliedFramework, 'criteria'>,
  crosswalks: readonly CrosswalkFile[],
): string[] {
  const fresh = new Set(crosswalksBetween(earlier, later, crosswalks).flatMap((c) => c.newCriteria));
  return framework.criteria.map((c) => c.id).filter((id) => fresh.has(id));
}

/** The notice for an evaluation on a historic edition, or null on a current one. */
export function historicEditionNotice(framework: Pick<AppliedFramework, 'status' | 'title'>): string | null {
  if (framework.status !== 'historic') return null;
  return (
    `This evaluation uses a historic edition, the ${framework.title}. It stays here to open what was made with it, ` +
    'and no new evaluation starts on it. To work on the current edition, start a new evaluation on the school’s page and carry this one forward: ' +
    'narratives and evidence come across where they still fit.'
  );
}
