import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AppliedFramework } from '../../shared/framework/applied-framework';
import { createCatalogue, frameworkForRegion } from '../../shared/framework/framework-catalogue';
import { loadShippedData } from '../../shared/framework/shipped-frameworks';
import type { VisitPlan } from '../../shared/moderation/moderation-records';
import { visitPlanLayout, type VisitPlanLayoutInput } from '../../shared/moderation/visit-plan-layout';
import { renderPdf } from '../../shared/pdf/pdfmake-renderer';
import { sampleSubmissionDocument } from '../fixtures/sample-submission-document';

/**
 * The printed visit plan with the day's timetable, the questions under each interview, and what
 * was recorded on the laptop: read back from the PDF with pdftotext.
 */
let framework: AppliedFramework;
let dir: string;

const SAMPLED = ['NE26-1.2.1', 'NE26-5.1.1'];
/** Fewer lines of text than this on a page (its footer counted) is a near-empty page. */
const MIN_LINES = 12;

const basePlan: VisitPlanLayoutInput['plan'] = {
  criterionIds: SAMPLED,
  method: { kind: 'hand' },
  visitDate: '2027-01-14',
  notes: 'Arrive at reception.',
};

const dayPlan: Pick<VisitPlan, 'timetable' | 'evidenceSeen' | 'criterionNotes'> = {
  timetable: [
    {
      id: 'r1',
      start: '09:00',
      end: '09:40',
      activity: 'learning-walk',
      withWhom: ['senco'],
      who: 'Mrs Patel',
      place: 'Key stage 2 corridor',
      criterionIds: ['NE26-5.1.1'],
    },
    {
      id: 'r2',
      start: '10:00',
      end: '10:30',
      activity: 'interview',
      withWhom: ['pupils', 'governors'],
      who: 'School council members',
      place: 'Library',
      criterionIds: ['NE26-5.1.1', 'NE26-1.2.1'],
    },
  ],
  evidenceSeen: [{ id: 'e1', what: 'Pupil passports on display', where: 'Year 5 classroom', criterionIds: ['NE26-5.1.1'] }],
  criterionNotes: { 'NE26-1.2.1': 'Minutes show the SEND report in the summer term.' },
};

function input(plan: VisitPlanLayoutInput['plan']): VisitPlanLayoutInput {
  return {
    document: sampleSubmissionDocument(framework),
    framework,
    plan,
    moderations: [],
    moderator: { name: 'Jordan Hale', organisation: 'North East SEN Partnership' },
    printedOn: '2027-01-10',
  };
}

/** The plan's text (white space made single) and the number of lines of text on each page. */
async function printed(plan: VisitPlanLayoutInput['plan'], name: string): Promise<{ text: string; linesPerPage: number[] }> {
  const path = join(dir, `${name}.pdf`);
  writeFileSync(path, await renderPdf(visitPlanLayout(input(plan))));
  const text = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
  const pages = text.split('\f').filter((page, i, all) => i < all.length - 1 || page.trim() !== '');
  return { text: text.replace(/\s+/g, ' '), linesPerPage: pages.map((page) => page.split('\n').filter((l) => l.trim() !== '').length) };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sen-visit-plan-'));
  const { frameworks, regions } = await loadShippedData();
  const result = frameworkForRegion(createCatalogue(frameworks, regions), 'north-east');
  if (!result.ok) throw new Error(result.message);
  framework = result.framework;
});

describe('the printed visit plan', () => {
  it('has the timetable, the questions under each interview, and the evidence and notes recorded for each criterion', async () => {
    const { text, linesPerPage } = await printed({ ...basePlan, ...dayPlan }, 'with-day');
    expect(text).toContain('Timetable for the day Time Activity With whom Place Criteria');
    expect(text).toMatch(/09:00 to 09:40 Learning walk SENCO: Mrs Patel Key stage 2 NE26-5.1.1 corridor/);
    expect(text).toMatch(/10:00 to 10:30 Interview Pupils, Governors or Library NE26-5.1.1, trustees: School council NE26-1.2.1 members/);
    expect(text).toContain('Questions for each interview');
    expect(text).toContain('10:00 to 10:30 Interview with pupils, governors or trustees (School council members)');
    expect(text).toContain('NE26-5.1.1, pupils: We are finding out about pupils');
    expect(text).toContain('NE26-1.2.1, governors or trustees: How do governors or trustees know that');
    // The learning walk has no questions.
    expect(text).not.toContain('NE26-5.1.1, senco:');
    expect(text).toContain('Evidence seen on the day');
    expect(text).toContain('Pupil passports on display (Year 5 classroom)');
    expect(text).toContain('Minutes show the SEND report in the summer term.');
    expect(text).toContain('Further notes');
    // The plan and the timetable (on a page of its own when the first is full), then a page for each criterion; none near empty.
    expect(linesPerPage.length).toBeLessThanOrEqual(2 + SAMPLED.length);
    expect(Math.min(...linesPerPage)).toBeGreaterThanOrEqual(MIN_LINES);
  }, 60_000);

  it('prints an older plan, which has no timetable or day record, as before: ruled space for notes on each criterion', async () => {
    const { text, linesPerPage } = await printed(basePlan, 'older');
    expect(text).not.toContain('Timetable for the day');
    expect(text).toContain('Notes on the visit');
    expect(text).not.toContain('Questions for each interview');
    expect(text).not.toContain('Evidence seen on the day');
    expect(text).not.toContain('Further notes');
    expect(linesPerPage).toHaveLength(1 + SAMPLED.length);
  }, 60_000);

  it('starts a long timetable on a page of its own rather than leaving a sliver of the first page’s table on the next', async () => {
    const rows = Array.from({ length: 8 }, (_, i) => ({
      id: `r${i}`,
      start: `${String(9 + Math.floor(i / 2)).padStart(2, '0')}:${i % 2 === 0 ? '00' : '30'}`,
      end: '',
      activity: 'interview' as const,
      withWhom: ['staff' as const, 'parents' as const],
      who: `Group ${i + 1}`,
      place: 'Hall',
      criterionIds: SAMPLED,
    }));
    const { text, linesPerPage } = await printed({ ...basePlan, timetable: rows }, 'long');
    expect(text).toContain('12:30 Interview with staff, parents or carers (Group 8)');
    expect(Math.min(...linesPerPage)).toBeGreaterThanOrEqual(MIN_LINES);
  }, 60_000);
});
