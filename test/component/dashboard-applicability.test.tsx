import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { startEvaluation } from '../../renderer/db/evaluation-store';
import { createSchool } from '../../renderer/db/school-store';
import { CriterionScreen } from '../../renderer/screens/CriterionScreen';
import { DashboardScreen } from '../../renderer/screens/DashboardScreen';
import { criterionApplies } from '../../shared/framework/applicability';
import { createCatalogue, frameworkForRegion } from '../../shared/framework/framework-catalogue';
import { loadShippedData } from '../../shared/framework/shipped-frameworks';
import { freshDatabase, renderWithServices, SAMPLE_SCHOOL } from './render-app';

/** A North East primary school (the sample school) with a new evaluation, which starts on the region's current edition. */
async function newNorthEastEvaluation() {
  const db = freshDatabase();
  const { frameworks, regions } = await loadShippedData();
  const chosen = frameworkForRegion(createCatalogue(frameworks, regions), 'north-east');
  if (!chosen.ok) throw new Error(chosen.message);
  const school = await createSchool(db, SAMPLE_SCHOOL);
  const { evaluation } = await startEvaluation(db, school, chosen.framework, { title: 'Accreditation 2026–27' });
  return { db, school, evaluation, framework: chosen.framework };
}

describe('the 2026 edition in a new evaluation', () => {
  it('the dashboard says how many criteria do not apply to a primary school', async () => {
    const { db, evaluation, framework, school } = await newNorthEastEvaluation();
    expect(framework.base.file.id).toBe('north-east-2026');
    const notApplying = framework.criteria.filter((c) => !criterionApplies(c, school).applies).length;
    expect(notApplying).toBeGreaterThan(0);
    await renderWithServices(<DashboardScreen evaluationId={evaluation.id} />, { db });
    const sentence = await screen.findByTestId('award-exclusions');
    expect(sentence.textContent).toBe(`${notApplying} criteria do not apply to a primary school.`);
  });

  it('the criterion screen shows the framework’s own references and the legal duty, not chapters of the 2001 Code', async () => {
    const { db, evaluation } = await newNorthEastEvaluation();
    await renderWithServices(<CriterionScreen evaluationId={evaluation.id} criterionId="NE26-1.1.1" />, { db });
    const tags = await screen.findByRole('list', { name: 'About this criterion' });
    expect(tags.textContent).toContain('Legal duty: Children and Families Act 2014, Part 3 (2014 c. 6), section 67');
    expect(tags.textContent).toContain(
      'Special educational needs and disability code of practice: 0 to 25 years (January 2015), chapter 6',
    );
    expect(tags.textContent).not.toContain('SEN Code of Practice: Chapter');
  });
});
