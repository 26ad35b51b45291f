import type { CanvasElement, Content, TableCell } from 'pdfmake/interfaces';
import { evaluateAwards, type AwardContext, type Standings } from '../awards/award-rules';
import { progressChartGeometry, PROGRESS_SERIES, type ProgressSeriesKey } from '../evaluation/progress-chart-geometry';
import type { ProgressHistory } from '../evaluation/progress-history';
import { progressSummary } from '../evaluation/progress-history';
import { judgementGroups, judgementsByStrand, NOT_APPLICABLE, NOT_JUDGED } from '../evaluation/judgements-by-strand';
import { formatIsoDate } from '../formats/en-gb-dates';
import type { AppliedFramework } from '../framework/applied-framework';
import { CONTENT_WIDTH, dataTable, sectionHeading, subheading } from '../pdf/layout-blocks';

/**
 * The dashboard's charts in the portfolio, drawn as vector shapes (pdfmake canvas): judgements by
 * strand, and progress over time when there is more than one day to show. Each has a numbered
 * caption, a sentence saying how to read it, and its numbers as a table under it. Pure.
 */

/** Fill colours of the groups, as the app's light theme draws them: the scale's points, not judged, not applicable. */
const POINT_COLOURS = ['#1d4f91', '#6f9fd8', '#f0b93c', '#c4453c'];
const COLOUR_NAMES = ['dark blue', 'light blue', 'amber', 'red'];
const NOT_JUDGED_COLOUR = '#ffffff';
const NOT_APPLICABLE_COLOUR = '#d5d6dc';
const OUTLINE = '#1f2933';
const LABEL_WIDTH = 150;
const BAR_HEIGHT = 12;
const BAR_WIDTH = CONTENT_WIDTH - LABEL_WIDTH - 10;

const SERIES_STYLE: Record<ProgressSeriesKey, { colour: string; dash?: number; name: string }> = {
  judged: { colour: '#1d4f91', name: 'dark blue, solid' },
  met: { colour: '#c4453c', dash: 5, name: 'red, dashed' },
  withEvidence: { colour: '#1f2933', dash: 2, name: 'black, dotted' },
};

/** Where each group's part of a stacked bar starts and how wide it is; groups with no criteria have none. */
export function stackedBarSegments(counts: readonly number[], width: number): { group: number; x: number; w: number }[] {
  const total = counts.reduce((a, b) => a + b, 0);
  if (total === 0) return [];
  const segments: { group: number; x: number; w: number }[] = [];
  let start = 0;
  counts.forEach((count, group) => {
    if (count === 0) return;
    segments.push({ group, x: round((start / total) * width), w: round((count / total) * width) });
    start += count;
  });
  return segments;
}

export function portfolioChartsSection(input: {
  framework: AppliedFramework;
  standings: Standings;
  context: AwardContext;
  progress: ProgressHistory | null;
}): Content[] {
  const { framework, standings, context, progress } = input;
  const excluded = evaluateAwards(framework, standings, context).excluded;
  // The section's heading opens the first figure's block, so it never stands alone at the foot of a page.
  const content: Content[] = [
    ...strandFigure(framework, judgementsByStrand(framework, standings, excluded), sectionHeading('Charts', { newPage: false })),
  ];
  if (progress && progress.points.length > 1) content.push(...progressFigure(framework, progress));
  return content;
}

function groupColour(key: string, index: number): string {
  if (key === NOT_JUDGED) return NOT_JUDGED_COLOUR;
  if (key === NOT_APPLICABLE) return NOT_APPLICABLE_COLOUR;
  return POINT_COLOURS[index % POINT_COLOURS.length]!;
}

function groupColourName(key: string, index: number): string {
  if (key === NOT_JUDGED) return 'white';
  if (key === NOT_APPLICABLE) return 'grey';
  return COLOUR_NAMES[index % COLOUR_NAMES.length]!;
}

function strandFigure(framework: AppliedFramework, rows: ReturnType<typeof judgementsByStrand>, heading: Content): Content[] {
  const groups = judgementGroups(framework);
  const legend = groups.map((g, i) => `${g.label} (${groupColourName(g.key, i)})`).join(', ');
  const bars: Content[] = rows.map((row) => ({
    columns: [
      { width: LABEL_WIDTH, text: `${row.strandId} ${row.title}`, fontSize: 8 },
      row.total === 0
        ? { width: '*', text: 'No criteria apply', fontSize: 8, italics: true }
        : {
            width: '*',
            canvas: stackedBarSegments(row.counts, BAR_WIDTH).map((s): CanvasElement => ({
              type: 'rect',
              x: s.x,
              y: 0,
              w: s.w,
              h: BAR_HEIGHT,
              color: groupColour(groups[s.group]!.key, s.group),
              lineColor: OUTLINE,
              lineWidth: 0.5,
            })),
          },
    ],
    columnGap: 10,
    margin: [0, 0, 0, 5],
  }));
  return keepTogether(
    [
      {
        stack: [
          heading,
          subheading('Figure 1. Criteria at each judgement, per strand'),
          {
            text: `One bar per strand, divided in proportion to the criteria that apply at each judgement, left to right: ${legend}. The numbers are in the table under the chart.`,
            style: 'paragraph',
          },
          ...bars,
        ],
        unbreakable: true,
      },
      dataTable({
        headers: ['Strand', ...groups.map((g) => g.label), 'Apply'],
        widths: ['*', ...groups.map(() => 44), 34],
        headerFontSize: 8,
        // The strands by id only (their titles are beside the bars), so the table stays short enough to share the figure's page.
        rows: rows.map((row): TableCell[] => [row.strandId, ...row.counts.map(String), String(row.total)]),
        whenEmpty: 'The framework has no strands.',
      }),
    ],
    rows.length,
  );
}

function progressFigure(framework: AppliedFramework, progress: ProgressHistory): Content[] {
  const height = 150;
  // Room at the left for the criteria count at each gridline and under the plot for the first and last day.
  const geometry = progressChartGeometry(progress.points, { width: CONTENT_WIDTH, height, left: 26, right: 4, top: 6, bottom: 16 });
  const { plot } = geometry;
  const canvas: CanvasElement[] = [
    { type: 'rect', x: plot.x, y: plot.y, w: plot.width, h: plot.height, lineColor: '#5b6770', lineWidth: 0.5 },
    ...geometry.yTicks.map((t): CanvasElement => ({
      type: 'line',
      x1: plot.x,
      y1: t.y,
      x2: plot.x + plot.width,
      y2: t.y,
      lineColor: '#c7ccd1',
      lineWidth: 0.5,
    })),
    ...geometry.series.map((s): CanvasElement => {
      const style = SERIES_STYLE[s.key];
      return {
        type: 'polyline',
        points: s.vertices.map((v) => ({ x: v.x, y: v.y })),
        lineColor: style.colour,
        lineWidth: 1.8,
        ...(style.dash ? { dash: { length: style.dash } } : {}),
      };
    }),
  ];
  const first = progress.points[0]!;
  const last = progress.points[progress.points.length - 1]!;
  const lines = PROGRESS_SERIES.map((s) => `${s.label.toLowerCase()} (${SERIES_STYLE[s.key].name})`).join(', ');
  const scale = framework.scale.points;
  return keepTogether(
    [
      {
        stack: [
          subheading('Figure 2. Progress over time'),
          {
            text:
              `A step line each for ${lines}, from ${formatIsoDate(first.day, first.day)} on the left to ${formatIsoDate(last.day, last.day)} on the right; ` +
              `the bottom of the chart is no criteria and the top all ${last.total} that apply. ${progressSummary(progress)}`,
            style: 'paragraph',
          },
          { stack: [...progressAxisLabels(geometry), { canvas }], margin: [0, 4, 0, 20] },
        ],
        unbreakable: true,
      },
      dataTable({
        headers: ['Day', 'Judged', 'Met', 'With evidence', ...scale.map((p) => p.label), 'Award level'],
        widths: [104, 40, 30, 44, ...scale.map(() => 44), '*'],
        headerFontSize: 8,
        rows: progress.points.map((p): TableCell[] => [
          `${formatIsoDate(p.day, p.day)}${p.source === 'started' ? ' (started)' : ''}`,
          `${p.judged} of ${p.total}`,
          String(p.met),
          String(p.withEvidence),
          ...p.perPoint.map(String),
          p.level ?? 'None yet',
        ]),
        whenEmpty: 'There is no progress recorded yet.',
      }),
    ],
    progress.points.length,
  );
}

/**
 * The axes' words, each placed against the chart's top-left corner (pdfmake's canvas draws no
 * text): the number of criteria at each gridline, right-aligned left of the plot, and the first and
 * last day under it, the last right-aligned so it ends at the plot's right edge.
 */
function progressAxisLabels(geometry: ReturnType<typeof progressChartGeometry>): Content[] {
  const { plot } = geometry;
  const labelWidth = plot.x - 4;
  const dayWidth = 120;
  const yLabels = geometry.yTicks.map((t): Content => ({
    columns: [{ width: labelWidth, text: String(t.value), fontSize: 7, color: '#3d464d', alignment: 'right' }],
    relativePosition: { x: 0, y: t.y - 4 },
  }));
  const xLabels = geometry.xTicks.map((t, i): Content => {
    const last = i === geometry.xTicks.length - 1 && geometry.xTicks.length > 1;
    return {
      columns: [{ width: dayWidth, text: formatIsoDate(t.day, t.day), fontSize: 7, color: '#3d464d', alignment: last ? 'right' : 'left' }],
      relativePosition: { x: last ? t.x - dayWidth : t.x, y: plot.y + plot.height + 4 },
    };
  });
  return [...yLabels, ...xLabels];
}

/** Rows of a table short enough to keep on the page with its figure, well within a page (pdfmake drops an unbreakable block taller than a page); a longer table may part from its figure. */
const TABLE_ROWS_KEPT_WITH_FIGURE = 12;

/** The figure and its table on one page when the table is short, so a table is never cut from its figure by a row or two. */
function keepTogether(parts: [Content, Content], rows: number): Content[] {
  return rows <= TABLE_ROWS_KEPT_WITH_FIGURE ? [{ stack: parts, unbreakable: true }] : parts;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
