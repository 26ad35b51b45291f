import { useId } from 'react';
import { pathOf, progressChartGeometry, PROGRESS_SERIES } from '../../../shared/evaluation/progress-chart-geometry';
import { progressSummary, type ProgressHistory } from '../../../shared/evaluation/progress-history';
import { formatIsoDate } from '../../../shared/formats/en-gb-dates';
import { ScrollRegion } from '../../ui/ScrollRegion';

const BOX = { width: 640, height: 240, left: 44, right: 16, top: 12, bottom: 32 };

/**
 * Progress over time: a step line each for criteria judged, met and with evidence, one point a
 * day recorded. The picture is hidden from screen readers; the sentence under the caption says
 * what it shows and the table in the disclosure gives every day's numbers.
 */
export function ProgressOverTimeChart({ history, pointLabels }: { history: ProgressHistory; pointLabels: readonly string[] }) {
  const idBase = useId().replace(/:/g, '');
  const geometry = progressChartGeometry(history.points, BOX);
  return (
    <figure className="progress-chart" aria-labelledby={`${idBase}-caption`}>
      <figcaption id={`${idBase}-caption`} className="strand-chart__caption">
        Criteria judged, met and with evidence, day by day (the numbers are in the table you can open under the chart)
      </figcaption>
      <p data-testid="progress-summary">{progressSummary(history)}</p>
      <p data-testid="progress-coverage">{coverageSentence(history)}</p>
      <ul className="strand-chart__legend" aria-hidden="true">
        {PROGRESS_SERIES.map((s) => (
          <li key={s.key}>
            <svg width="28" height="12" focusable="false">
              <line x1="0" y1="6" x2="28" y2="6" className={`progress-chart__line progress-chart__line--${s.key}`} />
            </svg>
            {s.label}
          </li>
        ))}
      </ul>
      <svg className="progress-chart__picture" viewBox={`0 0 ${BOX.width} ${BOX.height}`} width="100%" aria-hidden="true" focusable="false">
        <rect
          x={geometry.plot.x}
          y={geometry.plot.y}
          width={geometry.plot.width}
          height={geometry.plot.height}
          className="progress-chart__plot"
        />
        {geometry.yTicks.map((t) => (
          <g key={t.value}>
            <line x1={geometry.plot.x} x2={geometry.plot.x + geometry.plot.width} y1={t.y} y2={t.y} className="progress-chart__grid" />
            <text x={geometry.plot.x - 6} y={t.y + 4} textAnchor="end" className="progress-chart__tick">
              {t.value}
            </text>
          </g>
        ))}
        {geometry.xTicks.map((t, i) => (
          <text
            key={t.day}
            x={t.x}
            y={BOX.height - 10}
            textAnchor={geometry.xTicks.length > 1 && i === 0 ? 'start' : 'end'}
            className="progress-chart__tick"
          >
            {formatIsoDate(t.day, t.day)}
          </text>
        ))}
        {geometry.series.map((s) => (
          <g key={s.key} className={`progress-chart__series progress-chart__series--${s.key}`}>
            <path d={pathOf(s.vertices)} className={`progress-chart__line progress-chart__line--${s.key}`} fill="none" />
            {s.markers.map((m, i) => (
              <circle key={i} cx={m.x} cy={m.y} r="3.5" className={`progress-chart__marker progress-chart__marker--${s.key}`} />
            ))}
          </g>
        ))}
      </svg>
      <details className="strand-chart__numbers">
        <summary>The chart’s numbers as a table, day by day</summary>
        <ScrollRegion label="Progress over time: table">
          <table className="table" data-testid="progress-table">
            <caption>Progress over time, day by day</caption>
            <thead>
              <tr>
                <th scope="col">Day</th>
                <th scope="col">Criteria judged</th>
                <th scope="col">Criteria met</th>
                <th scope="col">Criteria with evidence</th>
                {pointLabels.map((label) => (
                  <th scope="col" key={label}>
                    {label}
                  </th>
                ))}
                <th scope="col">The award rules give</th>
              </tr>
            </thead>
            <tbody>
              {history.points.map((p) => (
                <tr key={p.day}>
                  <th scope="row">
                    {formatIsoDate(p.day, p.day)}
                    {p.source === 'started' ? ' (started, nothing judged)' : p.source === 'today' ? ' (today)' : ''}
                  </th>
                  <td>
                    {p.judged} of {p.total}
                  </td>
                  <td>{p.met}</td>
                  <td>{p.withEvidence}</td>
                  {p.perPoint.map((count, i) => (
                    <td key={pointLabels[i] ?? i}>{count}</td>
                  ))}
                  <td>{p.level ?? 'No award yet'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      </details>
    </figure>
  );
}

/** Which days the chart knows, in plain words. */
function coverageSentence(history: ProgressHistory): string {
  const start = history.startDerived ? `The first day is the day the evaluation was started, when nothing was judged yet. ` : '';
  if (history.recordedSince === null)
    return `${start}The app has kept a record of every day with a change since the evaluation was started; a day with no change keeps the day before’s numbers.`;
  const since = formatIsoDate(history.recordedSince, history.recordedSince);
  return (
    `${start}The app keeps a daily record of progress from ${since}. ` +
    'Earlier days are not shown: before then the app kept only where each criterion stands now, not how it got there.'
  );
}
