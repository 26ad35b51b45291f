import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { NO_FILTERS, filterOptions, regionalOverview } from '../../shared/partnership/regional-overview';
import { describeFilters, steeringReport } from '../../shared/partnership/steering-report';
import { barChartSvg, steeringReportLayout } from '../../shared/partnership/steering-report-layout';
import { renderPdf } from '../../shared/pdf/pdfmake-renderer';
import { lookup } from './regional-overview-fixtures';
import { MODERATORS, SEEDED_SCHOOLS, SEEDED_TODAY, seededIndex } from './steering-report-fixtures';

/** The steering group report of the seeded region, made as the PDF worker makes it and read back with pdftotext. */
let text: string;
let path: string;

beforeAll(async () => {
  const report = steeringReport(regionalOverview(seededIndex, NO_FILTERS, SEEDED_TODAY, lookup), {
    partnership: { name: 'South West SEN Partnership', region: 'South West' },
    filters: describeFilters(NO_FILTERS, filterOptions(seededIndex)),
    today: SEEDED_TODAY,
  });
  const bytes = await renderPdf(steeringReportLayout(report));
  path = join(mkdtempSync(join(tmpdir(), 'steering-')), 'steering-report.pdf');
  writeFileSync(path, bytes);
  text = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
});

describe('the steering group report PDF', () => {
  it('has the cover, with the filters and the suppression rule', () => {
    expect(text).toContain('Steering group report');
    expect(text).toContain('South West SEN Partnership');
    expect(text).toContain('4 December 2026');
    expect(text).toContain('None: every school in the shared folder');
    expect(text).toMatch(/No school is named\. Any figure that would describe fewer than 5 schools is shown as “fewer than 5”/);
  });

  it('has each chart with its caption, drawn bars labelled, and its numbers in a table', () => {
    for (const caption of [
      'Figure 1. Schools in each local authority',
      'Figure 5. Schools whose moderator moved the criterion down or found it not met',
      'Figure 6. Cohen’s kappa per strand',
      'Table 1. Schools by local authority and phase',
      'Table 7. Agreement between moderators, per pair',
    ])
      expect(text).toContain(caption);
    // The SVG chart's own labels are real text.
    expect(text).toMatch(/Devon\s+9/);
    expect(text).toContain('fewer than 5');
    expect(text).toMatch(/Pair A\s+5\s+10\s+80%\s+0\.62/);
  });

  it('names no school, no URN and no moderator from the seeded data', () => {
    const flat = text.replace(/\s+/g, ' ');
    for (const school of SEEDED_SCHOOLS) {
      expect(flat).not.toContain(school.name);
      expect(flat).not.toContain(school.urn);
    }
    for (const name of MODERATORS) expect(flat).not.toContain(name);
  });

  it('is one file pdfinfo reads, with a title', () => {
    expect(execFileSync('pdfinfo', [path], { encoding: 'utf8' })).toMatch(/Title:\s+South West SEN Partnership: steering group report/);
  });
});

describe('the bar chart as SVG', () => {
  it('draws a bar for a shown figure, none for a hidden one, and escapes the labels', () => {
    const svg = barChartSvg(
      {
        caption: 'c',
        description: 'd',
        scale: 'count',
        bars: [
          { label: 'Bath & <North> East', value: { kind: 'count', value: 10 } },
          { label: 'Hidden', value: { kind: 'suppressed' } },
        ],
      },
      400,
    );
    expect(svg.match(/<rect /g)).toHaveLength(1);
    expect(svg).toContain('Bath &amp; &lt;North&gt; East');
    expect(svg).toContain('>fewer than 5</text>');
  });
});
