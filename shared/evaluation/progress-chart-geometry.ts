import { daysBetween, type ProgressPoint } from './progress-history';

/**
 * Where the lines of the progress chart go, for the dashboard's SVG and the portfolio's drawing
 * alike. A step line per series: a count holds until the next day recorded, then steps to the new
 * one. Days run left to right in proportion to the time between them; counts run from 0 at the
 * bottom to the number of criteria that apply at the top. Pure.
 */

export type ProgressSeriesKey = 'judged' | 'met' | 'withEvidence';

export const PROGRESS_SERIES: readonly { key: ProgressSeriesKey; label: string }[] = [
  { key: 'judged', label: 'Criteria judged' },
  { key: 'met', label: 'Criteria met' },
  { key: 'withEvidence', label: 'Criteria with evidence' },
];

export interface ChartBox {
  width: number;
  height: number;
  /** Room on the left for the count labels, and at the bottom for the dates. */
  left: number;
  bottom: number;
  top: number;
  right: number;
}

export interface Vertex {
  x: number;
  y: number;
}

export interface StepSeries {
  key: ProgressSeriesKey;
  label: string;
  /** The step line's corners, left to right. */
  vertices: Vertex[];
  /** One marker per day recorded. */
  markers: Vertex[];
}

export interface ProgressChartGeometry {
  series: StepSeries[];
  /** Count labels on the left: 0, the total, and a middle one. */
  yTicks: { value: number; y: number }[];
  /** Dates under the chart: the first and the last day (one when they are the same). */
  xTicks: { day: string; x: number }[];
  plot: { x: number; y: number; width: number; height: number };
}

export function progressChartGeometry(points: readonly ProgressPoint[], box: ChartBox): ProgressChartGeometry {
  const plot = { x: box.left, y: box.top, width: box.width - box.left - box.right, height: box.height - box.top - box.bottom };
  const first = points[0]?.day ?? '';
  const last = points[points.length - 1]?.day ?? first;
  const span = Math.max(1, daysBetween(first, last));
  const top = Math.max(1, ...points.map((p) => p.total));
  const xOf = (day: string) => (points.length <= 1 ? plot.x + plot.width : plot.x + (daysBetween(first, day) / span) * plot.width);
  const yOf = (value: number) => plot.y + plot.height - (Math.min(value, top) / top) * plot.height;
  const series = PROGRESS_SERIES.map(({ key, label }): StepSeries => {
    const markers = points.map((p) => ({ x: round(xOf(p.day)), y: round(yOf(p[key])) }));
    const vertices: Vertex[] = [];
    markers.forEach((m, i) => {
      const previous = vertices[vertices.length - 1];
      if (i > 0 && previous) vertices.push({ x: m.x, y: previous.y });
      vertices.push(m);
    });
    return { key, label, vertices, markers };
  });
  const middle = Math.round(top / 2);
  const yTicks = [...new Set([0, middle, top])].map((value) => ({ value, y: round(yOf(value)) }));
  const xTicks = first === last ? [{ day: first, x: round(xOf(first)) }] : [first, last].map((day) => ({ day, x: round(xOf(day)) }));
  return { series, yTicks, xTicks, plot };
}

/** An SVG path through the vertices. */
export function pathOf(vertices: readonly Vertex[]): string {
  return vertices.map((v, i) => `${i === 0 ? 'M' : 'L'}${v.x} ${v.y}`).join(' ');
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
