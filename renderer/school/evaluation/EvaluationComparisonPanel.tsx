import type { EvaluationComparison } from '../../../shared/evaluation/evaluation-comparison';
import { overviewSearchString } from '../../../shared/evaluation/criteria-overview';
import { criteriaOverviewHref } from '../../app/hash-route';
import { ScrollRegion } from '../../ui/ScrollRegion';

const ROW = 30;
const BAR = 11;
const LABEL = 70;
const WIDTH = 560;

/**
 * This evaluation against the school's last one: per strand, the share of criteria met then and
 * now as two bars (hidden from screen readers), and a table of judged and met then and now with
 * the criteria that went up and down, each a link to them in the criteria overview.
 */
export function EvaluationComparisonPanel({
  evaluationId,
  earlierTitle,
  comparison,
}: {
  evaluationId: string;
  earlierTitle: string;
  comparison: EvaluationComparison;
}) {
  const plotWidth = WIDTH - LABEL - 8;
  const share = (n: number, total: number) => (total === 0 ? 0 : (n / total) * plotWidth);
  const ids = (list: string[]) => criteriaOverviewHref(evaluationId, overviewSearchString({ ids: list }));
  return (
    <section aria-labelledby="comparison-heading" className="panel" data-testid="comparison">
      <h2 id="comparison-heading">This evaluation against {earlierTitle}</h2>
      <p>
        {comparison.basis === 'scale-point'
          ? 'Both evaluations use the same edition of the framework, so each criterion is compared point by point on its scale.'
          : 'The earlier evaluation used an older edition. Each criterion is compared with the older criteria the crosswalk maps to it, as met or not met, because the two scales differ.'}
        {comparison.newCriteria.length > 0
          ? ` ${comparison.newCriteria.length} criteria are new in this edition and have nothing to compare with.`
          : ''}
      </p>
      <figure className="comparison-chart">
        <figcaption className="strand-chart__caption">
          Criteria met per strand, then and now (the numbers are in the table under the chart)
        </figcaption>
        <ul className="strand-chart__legend" aria-hidden="true">
          <li>
            <svg width="20" height="12" focusable="false">
              <rect width="20" height="12" className="comparison-chart__then" />
            </svg>
            Met then
          </li>
          <li>
            <svg width="20" height="12" focusable="false">
              <rect width="20" height="12" className="comparison-chart__now" />
            </svg>
            Met now
          </li>
        </ul>
        <svg
          className="comparison-chart__picture"
          viewBox={`0 0 ${WIDTH} ${comparison.strands.length * ROW + 4}`}
          width="100%"
          aria-hidden="true"
          focusable="false"
        >
          {comparison.strands.map((s, i) => (
            <g key={s.strandId} transform={`translate(0 ${i * ROW + 2})`}>
              <text x="0" y={BAR + 4} className="progress-chart__tick">
                {s.strandId}
              </text>
              <rect x={LABEL} y="0" width={plotWidth} height={BAR * 2 + 2} className="progress-chart__plot" />
              <rect x={LABEL} y="0" width={share(s.metThen, s.total)} height={BAR} className="comparison-chart__then" />
              <rect x={LABEL} y={BAR + 2} width={share(s.metNow, s.total)} height={BAR} className="comparison-chart__now" />
            </g>
          ))}
        </svg>
      </figure>
      <ScrollRegion label="This evaluation against the last: table">
        <table className="table comparison-table" data-testid="comparison-table">
          <caption>Judged and met per strand, in {earlierTitle} and now</caption>
          <thead>
            <tr>
              <th scope="col">Strand</th>
              <th scope="col">Judged then</th>
              <th scope="col">Judged now</th>
              <th scope="col">Met then</th>
              <th scope="col">Met now</th>
              <th scope="col">Went up</th>
              <th scope="col">Went down</th>
            </tr>
          </thead>
          <tbody>
            {comparison.strands.map((s) => (
              <tr key={s.strandId}>
                <th scope="row">
                  {s.strandId} {s.title}
                </th>
                <td>
                  {s.judgedThen} of {s.withPredecessor}
                </td>
                <td>
                  {s.judgedNow} of {s.total}
                </td>
                <td>{s.metThen}</td>
                <td>{s.metNow}</td>
                <td>{s.up.length === 0 ? 'None' : <a href={ids(s.up)}>{s.up.join(', ')}</a>}</td>
                <td>{s.down.length === 0 ? 'None' : <a href={ids(s.down)}>{s.down.join(', ')}</a>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </section>
  );
}
