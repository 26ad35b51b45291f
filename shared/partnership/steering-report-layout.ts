import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import { formatIsoDate } from '../formats/en-gb-dates';
import { CONTENT_WIDTH, dataTable, documentDefinition, labelledRows, panel, sectionHeading, subheading } from '../pdf/layout-blocks';
import { cellText, type ReportChart, type ReportSection, type SteeringReport } from './steering-report';

/**
 * The steering group report as pdfmake content: a cover (partnership, region, date, filters, the
 * suppression rule), then each section with its bar chart (SVG) and the chart's numbers in a table
 * under it. Not signed: it is a printed report. Pure.
 */

const BAR_COLOUR = '#1d4f91';
const AXIS_COLOUR = '#5b6770';
const INK = '#1f2933';
const ROW_HEIGHT = 18;
const BAR_HEIGHT = 11;
const LABEL_WIDTH = 170;
const VALUE_WIDTH = 70;
const LABEL_CHARACTERS = 34;

export function steeringReportLayout(report: SteeringReport): TDocumentDefinitions {
  return documentDefinition({
    info: {
      title: `${report.partnership}: steering group report`,
      author: report.partnership,
      subject: `Anonymised report on ${report.region}, printed ${formatIsoDate(report.printedOn, report.printedOn)}`,
    },
    footerText: `${report.partnership} · Steering group report (anonymised: no school named)`,
    content: [...cover(report), ...report.sections.flatMap((section, i) => sectionContent(section, i === 0))],
  });
}

function cover(report: SteeringReport): Content[] {
  return [
    { text: 'Steering group report', style: 'coverKicker' },
    { text: report.partnership, style: 'coverTitle' },
    { text: report.region, style: 'coverSchool' },
    labelledRows(
      [
        ['Printed', formatIsoDate(report.printedOn, report.printedOn)],
        ['Filters applied', report.filters.join('; ')],
        ...report.headline.map((h): [string, string] => [h.label, cellText(h.value)]),
      ],
      130,
    ),
    panel([
      { text: 'Anonymised', style: 'label' },
      { text: report.suppressionRule, style: 'notice' },
    ]),
    {
      text: 'Worked out from the verified files in the partnership’s shared folder: submissions, moderation reports and second moderations. Files that failed the checks are never counted.',
      style: ['paragraph', 'small', 'muted'],
    },
  ];
}

function sectionContent(section: ReportSection, first: boolean): Content[] {
  const table = dataTable({
    headers: section.table.header,
    widths: section.table.header.map((_, i) => (i === 0 ? '*' : section.table.header.length > 3 ? 58 : 90)),
    headerFontSize: 8.5,
    whenEmpty: section.table.empty,
    rows: section.table.rows.map((row, r): TableCell[] =>
      row.map((cell, c): TableCell => {
        const bold = r >= section.table.rows.length - section.table.totalRows;
        return {
          text: cellText(cell),
          ...(c > 0 && cell.kind !== 'text' ? { alignment: 'right' as const } : {}),
          ...(cell.kind === 'suppressed' ? { italics: true } : {}),
          ...(bold ? { bold: true } : {}),
        };
      }),
    ),
  });
  const opening: Content[] = [
    sectionHeading(section.heading, { newPage: false }),
    { text: section.intro, style: 'paragraph' },
    ...(section.chart ? [chartBlock(section.chart)] : []),
  ];
  const tableBlock: Content = { stack: [subheading(section.tableCaption), table] };
  // The heading stays with its chart; a short table stays with them too, a long one follows on.
  const short = section.table.rows.length <= ROWS_KEPT_WITH_CHART;
  return [
    {
      stack: short ? [...opening, tableBlock] : opening,
      unbreakable: true,
      // The first section starts the page after the cover.
      ...(first ? { pageBreak: 'before' as const } : {}),
    },
    ...(short ? [] : [tableBlock]),
  ];
}

/** A table this short is kept on the page with its chart (pdfmake drops an unbreakable block taller than a page). */
const ROWS_KEPT_WITH_CHART = 10;

function chartBlock(chart: ReportChart): Content {
  return {
    stack: [
      subheading(chart.caption),
      { text: chart.description, style: ['paragraph', 'small'] },
      { svg: barChartSvg(chart, CONTENT_WIDTH), width: CONTENT_WIDTH },
    ],
    unbreakable: true,
    margin: [0, 0, 0, 6],
  };
}

/**
 * A horizontal bar chart as SVG: a label, a bar and the figure per row. A hidden figure gets no bar,
 * only the words "fewer than 5"; a figure not known gets none either.
 */
export function barChartSvg(chart: ReportChart, width: number): string {
  const plotX = LABEL_WIDTH + 6;
  const plotWidth = width - plotX - VALUE_WIDTH;
  const values = chart.bars.map((b) => (b.value.kind === 'count' ? b.value.value : b.value.kind === 'measure' ? b.value.value : null));
  const largest = Math.max(1, ...values.map((v) => v ?? 0));
  const top = chart.scale === 'kappa' ? 1 : largest;
  const height = chart.bars.length * ROW_HEIGHT + 8;
  const parts: string[] = [];
  chart.bars.forEach((bar, i) => {
    const y = 4 + i * ROW_HEIGHT;
    const value = values[i] ?? null;
    const w = value === null ? 0 : round((Math.max(0, Math.min(value, top)) / top) * plotWidth);
    parts.push(
      `<text x="${LABEL_WIDTH}" y="${y + BAR_HEIGHT - 2}" text-anchor="end" font-family="Roboto" font-size="8" fill="${INK}">${escapeXml(shorten(bar.label))}</text>`,
    );
    if (w > 0) parts.push(`<rect x="${plotX}" y="${y}" width="${w}" height="${BAR_HEIGHT}" fill="${BAR_COLOUR}"/>`);
    const hidden = bar.value.kind === 'suppressed';
    parts.push(
      `<text x="${plotX + w + 4}" y="${y + BAR_HEIGHT - 2}" font-family="Roboto" font-size="8" ${hidden ? 'font-style="italic" ' : ''}fill="${INK}">${escapeXml(cellText(bar.value))}</text>`,
    );
  });
  parts.push(`<line x1="${plotX}" y1="0" x2="${plotX}" y2="${height - 2}" stroke="${AXIS_COLOUR}" stroke-width="0.6"/>`);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${parts.join('')}</svg>`;
}

function shorten(label: string): string {
  return label.length <= LABEL_CHARACTERS ? label : `${label.slice(0, LABEL_CHARACTERS - 1).trimEnd()}…`;
}

export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
