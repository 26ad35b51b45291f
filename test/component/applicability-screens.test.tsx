import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { startEvaluation } from '../../renderer/db/evaluation-store';
import { createSchool } from '../../renderer/db/school-store';
import { CriterionScreen } from '../../renderer/school/evaluation/CriterionScreen';
import { DashboardScreen } from '../../renderer/school/evaluation/DashboardScreen';
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

describe('the criterion screen of the 2026 edition', () => {
  it('says when a criterion does not apply to the school, with the framework’s reason', async () => {
    const { db, evaluation } = await newNorthEastEvaluation();
    await renderWithServices(<CriterionScreen evaluationId={evaluation.id} criterionId="NE26-7.3.2" />, { db });
    const notice = await screen.findByTestId('does-not-apply');
    expect(notice.textContent).toBe(
      'This criterion does not apply to this school: Only schools with pupils of secondary age. It counts towards no award, so it need not be judged.',
    );
  });

  it('shows what each judgement looks like for the criterion', async () => {
    const { db, evaluation, framework } = await newNorthEastEvaluation();
    await renderWithServices(<CriterionScreen evaluationId={evaluation.id} criterionId="NE26-1.1.1" />, { db });
    const section = await screen.findByRole('region', { name: 'What each judgement looks like here' });
    const criterion = framework.criterionById.get('NE26-1.1.1')!;
    expect(section.textContent).toContain(`Established${criterion.descriptors['established']!}`);
  });

  it('marks a criterion not applicable only with a reason, and the claim is stored on the response', async () => {
    const user = userEvent.setup();
    const { db, evaluation } = await newNorthEastEvaluation();
    await renderWithServices(<CriterionScreen evaluationId={evaluation.id} criterionId="NE26-6.1.2" />, { db });
    const button = await screen.findByRole('button', { name: 'Mark as not applicable' });
    await user.click(button);
    expect(
      await screen.findByText('Write why NE26-6.1.2 does not apply to your school. The moderator reads the reason and may disagree.'),
    ).toBeTruthy();
    expect((await db.responses.get(`${evaluation.id}|NE26-6.1.2`))?.notApplicable ?? null).toBeNull();

    await user.type(screen.getByLabelText('Why it does not apply'), 'No pupil has needed it this year.');
    await user.click(button);
    await screen.findByText('Marked as not applicable. The moderator will read your reason.');
    expect((await db.responses.get(`${evaluation.id}|NE26-6.1.2`))?.notApplicable).toEqual({ reason: 'No pupil has needed it this year.' });

    // The button comes with the stored claim, which the screen reads back live after the message.
    await user.click(await screen.findByRole('button', { name: 'It applies after all' }));
    await screen.findByText('No longer marked as not applicable.');
    expect((await db.responses.get(`${evaluation.id}|NE26-6.1.2`))?.notApplicable).toBeNull();
  });

  it('offers no "not applicable" claim on a criterion the framework expects every school to show', async () => {
    const { db, evaluation } = await newNorthEastEvaluation();
    await renderWithServices(<CriterionScreen evaluationId={evaluation.id} criterionId="NE26-1.1.1" />, { db });
    await screen.findByRole('list', { name: 'About this criterion' });
    expect(screen.queryByRole('button', { name: 'Mark as not applicable' })).toBeNull();
  });
});
