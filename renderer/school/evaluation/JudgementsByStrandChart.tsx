import { useId, useMemo } from 'react';
import type { Exclusions, Standings } from '../../../shared/awards/award-rules';
import {
  judgementGroups,
  judgementsByStrand,
  NOT_APPLICABLE,
  NOT_JUDGED,
  type ChartGroup,
} from '../../../shared/evaluation/judgements-by-strand';
import type { AppliedFramework } from '../../../shared/framework/applied-framework';
import { ScrollRegion } from '../../ui/ScrollRegion';

/** The fill patterns that, with the colours, tell the groups apart (so colour is never the only cue). */
const POINT_PATTERNS = ['solid', 'diagonal', 'dots', 'cross'] as const;
type Pattern = (typeof POINT_PATTERNS)[number] | 'horizontal' | 'vertical';

interface Swatch {
  /** CSS class carrying the group's colours (custom properties in app.css). */
  className: string;
  pattern: Pattern;
}

function swatchOf(group: ChartGroup, index: number): Swatch {
  if (group.key === NOT_JUDGED) return { className: 'chart-fill--not-judged', pattern: 'horizontal' };
  if (group.key === NOT_APPLICABLE) return { className: 'chart-fill--not-applicable', pattern: 'vertical' };
  return { className: `chart-fill--point-${(index % 4) + 1}`, pattern: POINT_PATTERNS[index % POINT_PATTERNS.length] ?? 'solid' };
}

/**
 * Judgements by strand as a stacked bar per strand, with a table of the same numbers in a disclosure
 * under it (the dashboard's strand table above already gives most of them, so it is not shown twice).
 * The picture is hidden from screen readers: the table is its text equivalent.
 */
export function JudgementsByStrandChart({
  framework,
  standings,
  excluded,
}: {
  framework: AppliedFramework;
  standings: Standings;
  /** The award outcome's exclusions, worked out once by the dashboard. */
  excluded: Exclusions;
}) {
  const idBase = useId().replace(/:/g, '');
  const groups = useMemo(() => judgementGroups(framework), [framework]);
  const rows = useMemo(() => judgementsByStrand(framework, standings, excluded), [framework, standings, excluded]);
  const swatches = groups.map(swatchOf);
  const patternId = (group: number) => `${idBase}-pattern-${group}`;

  return (
    <figure className="strand-chart" aria-labelledby={`${idBase}-caption`}>
      <figcaption id={`${idBase}-caption`} className="strand-chart__caption">
        Criteria at each judgement, per strand (the chart’s numbers are in the table you can open under it)
      </figcaption>
      <div className="strand-chart__picture" aria-hidden="true">
        <svg className="strand-chart__defs" width="0" height="0" focusable="false">
          <defs>
            {swatches.map((swatch, i) =>
              swatch.pattern === 'solid' ? null : (
                // Each group's pattern sits inside the group's class, so its ink takes that group's colour.
                <g key={i} className={swatch.className}>
                  <PatternDefinition id={patternId(i)} pattern={swatch.pattern} />
                </g>
              ),
            )}
          </defs>
        </svg>
        <ul className="strand-chart__legend">
          {groups.map((g, i) => (
            <li key={g.key}>
              <SwatchBox swatch={swatches[i]!} patternId={patternId(i)} />
              {g.label}
            </li>
          ))}
        </ul>
        {rows.map((row) => {
          let start = 0;
          return (
            <div className="strand-chart__row" key={row.strandId}>
              <span className="strand-chart__label">
                {row.strandId} {row.title}
              </span>
              {row.total === 0 ? (
                <span className="strand-chart__none">No criteria apply</span>
              ) : (
                <svg className="strand-chart__bar" width="100%" height="24" focusable="false">
                  {row.counts.map((count, i) => {
                    if (count === 0) return null;
                    const x = (start / row.total) * 100;
                    const width = (count / row.total) * 100;
                    start += count;
                    const swatch = swatches[i]!;
                    return (
                      <g key={groups[i]!.key} className={swatch.className}>
                        <rect x={`${x}%`} width={`${width}%`} height="24" className="chart-fill" />
                        {swatch.pattern === 'solid' ? null : (
                          <rect x={`${x}%`} width={`${width}%`} height="24" fill={`url(#${patternId(i)})`} />
                        )}
                      </g>
                    );
                  })}
                </svg>
              )}
            </div>
          );
        })}
      </div>
      <details className="strand-chart__numbers">
        <summary>The chart’s numbers as a table, with the criteria not judged yet and not applicable</summary>
        <ScrollRegion label="Criteria at each judgement, per strand: table">
          <table className="table" data-testid="strand-chart-table">
            <caption>Criteria at each judgement, per strand</caption>
            <thead>
              <tr>
                <th scope="col">Strand</th>
                {groups.map((g) => (
                  <th scope="col" key={g.key}>
                    {g.label}
                  </th>
                ))}
                <th scope="col">Criteria that apply</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.strandId}>
                  <th scope="row">
                    {row.strandId} {row.title}
                  </th>
                  {row.counts.map((count, i) => (
                    <td key={groups[i]!.key}>{count}</td>
                  ))}
                  <td>{row.total}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      </details>
    </figure>
  );
}

function SwatchBox({ swatch, patternId }: { swatch: Swatch; patternId: string }) {
  return (
    <svg className={`strand-chart__swatch ${swatch.className}`} width="20" height="20" focusable="false">
      <rect width="20" height="20" className="chart-fill" />
      {swatch.pattern === 'solid' ? null : <rect width="20" height="20" fill={`url(#${patternId})`} />}
    </svg>
  );
}

function PatternDefinition({ id, pattern }: { id: string; pattern: Exclude<Pattern, 'solid'> }) {
  switch (pattern) {
    case 'diagonal':
      return (
        <pattern id={id} width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width="3" height="8" className="chart-ink" />
        </pattern>
      );
    case 'dots':
      return (
        <pattern id={id} width="7" height="7" patternUnits="userSpaceOnUse">
          <circle cx="3.5" cy="3.5" r="1.6" className="chart-ink" />
        </pattern>
      );
    case 'cross':
      return (
        <pattern id={id} width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width="2" height="8" className="chart-ink" />
          <rect width="8" height="2" className="chart-ink" />
        </pattern>
      );
    case 'horizontal':
      return (
        <pattern id={id} width="6" height="6" patternUnits="userSpaceOnUse">
          <rect width="6" height="1.5" className="chart-ink" />
        </pattern>
      );
    case 'vertical':
      return (
        <pattern id={id} width="6" height="6" patternUnits="userSpaceOnUse">
          <rect width="1.5" height="6" className="chart-ink" />
        </pattern>
      );
  }
}
