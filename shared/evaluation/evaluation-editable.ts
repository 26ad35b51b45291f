import type { AppliedFramework } from '../framework/applied-framework';
import type { FrameworkStatus } from '../framework/framework-types';

/**
 * Whether the school may still change an evaluation: one made on a historic edition (the 2005
 * frameworks) is kept to open, print and submit-history only, and is changed by carrying it
 * forward into the current edition. The screens and the stores in renderer/db both ask this. Pure.
 */

export type Editability = { editable: true } | { editable: false; reason: string };

/** The words on a historic evaluation's screens, and in what a store says when it refuses a change. */
export function historicReadOnlyReason(title: string): string {
  return (
    `This evaluation uses a historic edition, the ${title}, so it can be read and printed but not changed. ` +
    'To keep working on it, carry it forward into the current edition: narratives and evidence come across where they still fit.'
  );
}

/** Editable on a current edition; read-only, with the reason, on a historic one (either the framework or its supplement). */
export function evaluationEditable(framework: Pick<AppliedFramework, 'status' | 'title'>): Editability {
  return framework.status === 'historic' ? { editable: false, reason: historicReadOnlyReason(framework.title) } : { editable: true };
}

/** The editions an evaluation pins, as a store reads them: each part's status and title, the supplement's if there is one. */
export interface PinnedEditionStatus {
  status: FrameworkStatus;
  title: string;
}

/**
 * The same rule from the statuses of the parts an evaluation pins (for a store, which reads the
 * stored records, not an applied framework). A part whose status is not known counts as current:
 * a framework the app cannot find is refused elsewhere, with its own message.
 */
export function pinnedEditable(base: PinnedEditionStatus | null, supplement: PinnedEditionStatus | null): Editability {
  const historic = [base, supplement].find((part) => part?.status === 'historic');
  if (!historic) return { editable: true };
  const title = base && supplement ? `${base.title}, with ${supplement.title}` : historic.title;
  return { editable: false, reason: historicReadOnlyReason(title) };
}
