import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { AppDatabase } from '../../renderer/db/app-database';
import { startEvaluation } from '../../renderer/db/evaluation-store';
import { createSchool } from '../../renderer/db/school-store';
import { criteriaOverviewHref } from '../../renderer/app/hash-route';
import { DashboardScreen } from '../../renderer/school/evaluation/DashboardScreen';
import { overviewSearchString } from '../../shared/evaluation/criteria-overview';
import { emptyResponse, evidenceLinkKey } from '../../shared/evaluation/evaluation-records';
import { criterionApplies } from '../../shared/framework/applicability';
import { createCatalogue, frameworkForRegion } from '../../shared/framework/framework-catalogue';
import { loadShippedData } from '../../shared/framework/shipped-frameworks';
import { freshDatabase, renderWithServices, SAMPLE_SCHOOL } from './render-app';

/** [judgement, evidence items linked, not-applicable reason] */
type Seed = [string | null, number, string?];

/**
 * A North East primary school on the 2026 edition: every mandatory Foundation criterion Established,
 * only two other Foundation criteria passing (so Foundation is two short of 80%), and strand 8 mixed.
 */
const SEEDS: Record<string, Seed> = {
  'NE26-1.1.3': ['established', 0],
  'NE26-2.1.1': ['embedded', 0],
  'NE26-2.1.2': ['developing', 1],
  'NE26-3.1.1': ['developing', 0],
  'NE26-3.2.1': ['not-yet', 1],
  'NE26-3.3.1': [null, 1],
  'NE26-5.1.1': ['developing', 0],
  'NE26-5.2.3': [null, 0],
  'NE26-6.1.3': ['not-yet', 0],
  'NE26-7.2.1': ['developing', 2],
  'NE26-8.1.1': ['embedded', 0],
  'NE26-8.2.2': [null, 0, 'No pupil has been suspended in the last three years.'],
  'NE26-8.3.4': ['developing', 0],
};

async function seededDashboard(withSeeds = true) {
  const db = freshDatabase();
  const { frameworks, regions } = await loadShippedData();
  const chosen = frameworkForRegion(createCatalogue(frameworks, regions), 'north-east');
  if (!chosen.ok) throw new Error(chosen.message);
  const framework = chosen.framework;
  const school = await createSchool(db, SAMPLE_SCHOOL);
  const { evaluation } = await startEvaluation(db, school, framework, { title: 'Accreditation 2026–27' });
  const seeds: Record<string, Seed> = {};
  for (const c of framework.criteria) {
    if (c.mandatory && criterionApplies(c, school).applies) seeds[c.id] = ['established', 0];
  }
  Object.assign(seeds, SEEDS);
  if (withSeeds) await seed(db, evaluation.id, seeds);
  await renderWithServices(<DashboardScreen evaluationId={evaluation.id} />, { db });
  return { evaluation, framework, school };
}

async function seed(db: AppDatabase, evaluationId: string, seeds: Record<string, Seed>) {
  for (const [criterionId, [judgement, evidence, reason]] of Object.entries(seeds)) {
    await db.responses.put({
      ...emptyResponse(evaluationId, criterionId),
      judgement,
      updatedAt: '2026-12-01T10:00:00.000Z',
      notApplicable: reason ? { reason } : null,
    });
    for (let i = 0; i < evidence; i++) {
      const evidenceId = `evidence-${criterionId}-${i}`;
      await db.evidenceLinks.put({ key: evidenceLinkKey(evaluationId, criterionId, evidenceId), evaluationId, criterionId, evidenceId });
    }
  }
}

describe('the dashboard’s next level panel', () => {
  it('says how many more Foundation criteria would reach 80% and names the closest two, each a link to the criterion', async () => {
    const { evaluation } = await seededDashboard();
    const panel = await screen.findByRole('region', { name: 'What would reach Foundation soonest' });
    expect(within(panel).getByText('2 more Foundation criteria at Established or better would reach 80% (27 of 33).')).toBeTruthy();
    const candidates = within(panel).getByRole('list', {
      name: 'Criteria for: 2 more Foundation criteria at Established or better would reach 80% (27 of 33).',
    });
    const links = within(candidates).getAllByRole('link');
    // Both one point short; with evidence, before NE26-3.1.1 and NE26-5.1.1 which have none.
    expect(links.map((a) => a.textContent?.split(' ')[0])).toEqual(['NE26-2.1.2', 'NE26-7.2.1']);
    expect(links.map((a) => a.getAttribute('href'))).toEqual([
      `#/evaluations/${evaluation.id}/criteria/NE26-2.1.2`,
      `#/evaluations/${evaluation.id}/criteria/NE26-7.2.1`,
    ]);
    expect(within(candidates).getAllByRole('listitem')[0]?.textContent).toContain('(now Developing)');
    // Only the percentage rule fails: every mandatory criterion is Established.
    expect(within(panel).queryByText(/every one must be/)).toBeNull();
  });
});

describe('the dashboard’s next level panel on a new evaluation', () => {
  it('lists the first five criteria of a long list and links to all of them in the criteria overview', async () => {
    const { evaluation, framework, school } = await seededDashboard(false);
    const panel = await screen.findByRole('region', { name: 'What would reach Foundation soonest' });
    const statutory = framework.criteria.filter((c) => c.statutory !== null && criterionApplies(c, school).applies).map((c) => c.id);
    expect(statutory).toHaveLength(23);
    const sentence = '23 more statutory criteria at Established or better would meet the rule that every one must be.';
    const shown = within(within(panel).getByRole('list', { name: `Criteria for: ${sentence}` })).getAllByRole('listitem');
    expect(shown.map((li) => li.textContent?.split(' ')[0])).toEqual(statutory.slice(0, 5));
    expect(shown[0]?.textContent).toContain('(not judged yet)');
    const all = within(panel).getAllByRole('link', { name: 'show all 23 in the criteria overview' })[0];
    expect(all?.getAttribute('href')).toBe(criteriaOverviewHref(evaluation.id, overviewSearchString({ ids: statutory })));
    expect(all?.parentElement?.textContent).toBe('And 18 more: show all 23 in the criteria overview');
  });
});

describe('the dashboard’s chart of judgements by strand', () => {
  it('has a table with the counts at each judgement, not judged and not applicable; the picture is hidden from screen readers', async () => {
    await seededDashboard();
    const table = await screen.findByTestId('strand-chart-table');
    const headers = within(table)
      .getAllByRole('columnheader')
      .map((th) => th.textContent);
    expect(headers).toEqual([
      'Strand',
      'Embedded',
      'Established',
      'Developing',
      'Not yet in place',
      'Not judged yet',
      'Not applicable',
      'Criteria that apply',
    ]);
    const cells = (strandId: string) => {
      const row = within(table)
        .getAllByRole('row')
        .find((r) => within(r).queryByRole('rowheader')?.textContent?.startsWith(`${strandId} `));
      if (!row) throw new Error(`No row for ${strandId}`);
      return within(row)
        .getAllByRole('cell')
        .map((td) => td.textContent);
    };
    expect(cells('NE26-8')).toEqual(['1', '5', '1', '0', '0', '1', '8']);
    expect(cells('NE26-1')).toEqual(['0', '5', '0', '0', '3', '0', '8']);
    // Strand 7: NE26-7.3.1 to 7.3.4 are for older pupils only and count nowhere.
    expect(cells('NE26-7')).toEqual(['0', '3', '1', '0', '1', '0', '5']);
    const picture = document.querySelector('.strand-chart__picture');
    expect(picture?.getAttribute('aria-hidden')).toBe('true');
    expect(picture?.querySelectorAll('.strand-chart__bar')).toHaveLength(8);
  });
});
