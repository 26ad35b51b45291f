import { useMemo } from 'react';
import { historicEditionNotice, newCriteriaSince } from '../../../shared/evaluation/edition-change';
import type { Evaluation } from '../../../shared/evaluation/evaluation-records';
import type { AppliedFramework } from '../../../shared/framework/applied-framework';
import { SHIPPED_CROSSWALKS } from '../../../shared/framework/shipped-frameworks';
import { href } from '../../app/hash-route';
import { CarryForwardLink } from './HistoricReadOnly';
import { useEarlierEvaluation } from '../../db/use-earlier-evaluation';

/**
 * For the dashboard: that the evaluation is on a historic edition, and, when it was carried forward
 * from an evaluation on another edition, the criteria new in this one (nothing was carried to them).
 */
export function EditionNotices({ evaluation, framework }: { evaluation: Evaluation; framework: AppliedFramework }) {
  const earlier = useEarlierEvaluation(evaluation.carriedForwardFrom ?? null);
  const fresh = useMemo(
    () => (earlier ? newCriteriaSince(earlier, evaluation, framework, SHIPPED_CROSSWALKS) : []),
    [earlier, evaluation, framework],
  );
  const historic = historicEditionNotice(framework);
  return (
    <>
      {historic ? (
        <div className="notice">
          <p data-testid="historic-edition">{historic}</p>
          <p>
            <CarryForwardLink evaluation={evaluation} />
          </p>
        </div>
      ) : null}
      {earlier && fresh.length > 0 ? (
        <section aria-labelledby="new-criteria-heading" className="panel" data-testid="new-criteria">
          <h2 id="new-criteria-heading">New in this edition</h2>
          <p>
            This evaluation was carried forward from “{earlier.title}” on the {earlier.framework.title}. Narratives and evidence came across
            where the new criteria still fit them; judgements did not, because the scale changed. {fresh.length}{' '}
            {fresh.length === 1 ? 'criterion is' : 'criteria are'} new, with nothing carried to {fresh.length === 1 ? 'it' : 'them'}:
          </p>
          <ul className="inline-list">
            {fresh.map((id) => (
              <li key={id}>
                <a href={href.criterion(evaluation.id, id)}>
                  {id} {framework.criterionById.get(id)?.title}
                </a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
