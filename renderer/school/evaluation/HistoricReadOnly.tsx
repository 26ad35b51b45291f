import { frameworkForRegion } from '../../../shared/framework/framework-catalogue';
import type { Evaluation } from '../../../shared/evaluation/evaluation-records';
import { useServices } from '../../app/app-context';
import { carryForwardHref } from '../../app/hash-route';

/**
 * On every screen of an evaluation made on a historic edition: why it cannot be changed, and the
 * way on, "Carry forward into the 2026 edition" (the school page's start form, with this evaluation
 * chosen to carry forward).
 */
export function HistoricReadOnly({ evaluation, reason }: { evaluation: Evaluation; reason: string }) {
  return (
    <section className="notice" aria-labelledby="read-only-heading" data-testid="historic-read-only">
      <h2 id="read-only-heading">Read only: historic edition</h2>
      <p>{reason}</p>
      <p>
        <CarryForwardLink evaluation={evaluation} />
      </p>
    </section>
  );
}

/** "Carry forward into the 2026 edition": the region's current edition, by its year when the framework gives one. */
export function CarryForwardLink({ evaluation }: { evaluation: Evaluation }) {
  const { catalogue } = useServices();
  const current = frameworkForRegion(catalogue, evaluation.regionId);
  const edition = current.ok && current.framework.edition ? `the ${current.framework.edition} edition` : 'the current edition';
  return (
    <a className="button" href={carryForwardHref(evaluation.schoolId, evaluation.id)}>
      Carry forward into {edition}
    </a>
  );
}
