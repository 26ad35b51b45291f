import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { startEvaluation } from '../../renderer/db/evaluation-store';
import { DashboardScreen } from '../../renderer/school/evaluation/DashboardScreen';
import { createCatalogue, frameworkForRegion } from '../../shared/framework/framework-catalogue';
import { loadShippedData, SHIPPED_CROSSWALKS } from '../../shared/framework/shipped-frameworks';
import { freshDatabase, recordOlderResponse, renderWithServices, seedSchoolAndEvaluation } from './render-app';

/** A school with an evaluation on the 2005 edition, and one carried forward from it onto the 2026 edition. */
async function carriedForward() {
  const db = freshDatabase();
  const { school, evaluation: old } = await seedSchoolAndEvaluation(db, 'north-east', 'historic');
  await recordOlderResponse(db, old.id, 'NE-1.1.2', {
    judgement: 'established',
    narrative: 'Every teacher plans for the pupils with SEN.',
  });
  const { frameworks, regions } = await loadShippedData();
  const current = frameworkForRegion(createCatalogue(frameworks, regions), 'north-east');
  if (!current.ok) throw new Error(current.message);
  const { evaluation } = await startEvaluation(db, school, current.framework, { title: 'Accreditation 2027–28', carryForwardFrom: old.id });
  return { db, old, evaluation, framework: current.framework };
}

describe('the dashboard and framework editions', () => {
  it('says that an evaluation on the 2005 edition is on a historic edition', async () => {
    const { db, old } = await carriedForward();
    await renderWithServices(<DashboardScreen evaluationId={old.id} />, { db });
    const notice = await screen.findByTestId('historic-edition');
    expect(notice.textContent).toMatch(/^This evaluation uses a historic edition, the North East SEN Accreditation Framework\./);
  });

  it('lists the criteria new in 2026 on an evaluation carried forward from the 2005 edition, each linked by id and title', async () => {
    const { db, evaluation, framework } = await carriedForward();
    await renderWithServices(<DashboardScreen evaluationId={evaluation.id} />, { db });
    const section = await screen.findByRole('region', { name: 'New in this edition' });
    const crosswalk = SHIPPED_CROSSWALKS.find((c) => c.from === 'north-east' && c.to === 'north-east-2026')!;
    const fresh = framework.criteria.filter((c) => crosswalk.newCriteria.includes(c.id));
    expect(
      within(section)
        .getAllByRole('link')
        .map((a) => a.textContent),
    ).toEqual(fresh.map((c) => `${c.id} ${c.title}`));
    expect(section.textContent).toContain(`${fresh.length} criteria are new, with nothing carried to them:`);
    expect(screen.queryByTestId('historic-edition')).toBeNull();
  });
});
