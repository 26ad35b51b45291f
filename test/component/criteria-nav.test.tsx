import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it } from 'vitest';
import { CriteriaNav } from '../../renderer/school/evaluation/CriteriaNav';
import { ModerationCriteriaNav } from '../../renderer/moderation/review/ModerationCriteriaNav';
import { startEvaluation } from '../../renderer/db/evaluation-store';
import { createSchool } from '../../renderer/db/school-store';
import { CriterionScreen } from '../../renderer/school/evaluation/CriterionScreen';
import type { CriterionResponse } from '../../shared/evaluation/evaluation-records';
import { emptyResponse } from '../../shared/evaluation/evaluation-records';
import { criterionApplies, type ApplicabilityProfile } from '../../shared/framework/applicability';
import type { AppliedFramework } from '../../shared/framework/applied-framework';
import { createCatalogue, frameworkForRegion } from '../../shared/framework/framework-catalogue';
import { loadShippedData } from '../../shared/framework/shipped-frameworks';
import type { CriterionModeration } from '../../shared/moderation/moderation-records';
import { freshDatabase, renderWithServices, SAMPLE_SCHOOL } from './render-app';

/** The sample school: a North East primary school (Reception to Year 6) with EHC plans and looked-after pupils. */
const PRIMARY: ApplicabilityProfile = SAMPLE_SCHOOL;
const SECONDARY: ApplicabilityProfile = { ...SAMPLE_SCHOOL, phases: ['secondary'], highestYear: 11 };

let framework: AppliedFramework;
beforeAll(async () => {
  const { frameworks, regions } = await loadShippedData();
  const chosen = frameworkForRegion(createCatalogue(frameworks, regions), 'north-east');
  if (!chosen.ok) throw new Error(chosen.message);
  framework = chosen.framework;
});

const response = (criterionId: string, fields: Partial<CriterionResponse>): CriterionResponse => ({
  ...emptyResponse('e1', criterionId),
  ...fields,
});

function renderSchoolNav(profile: ApplicabilityProfile | null, responses: CriterionResponse[] = [], currentCriterionId?: string) {
  const { container } = render(
    <CriteriaNav
      evaluationId="e1"
      framework={framework}
      profile={profile}
      responses={responses}
      links={[]}
      currentCriterionId={currentCriterionId}
    />,
  );
  return within(container).getByRole('navigation', { name: 'Criteria' });
}

/** The strand's disclosure in the nav, found by its summary's text. */
function strandOf(nav: HTMLElement, strandId: string): HTMLElement {
  const summary = within(nav)
    .getAllByText((_, element) => element?.tagName === 'SUMMARY' && (element.textContent ?? '').startsWith(`${strandId} `))
    .at(0);
  const details = summary?.closest('details');
  if (!details) throw new Error(`No strand ${strandId} in the nav`);
  return details;
}

/** The group "Does not apply to this school (n)" inside a strand, or null. */
function setAsideGroup(strand: HTMLElement): HTMLElement | null {
  return strand.querySelector('details.criteria-nav__set-aside');
}

describe('the school’s side list of criteria', () => {
  it('names each criterion by its id and title, with the mark in words for screen readers', () => {
    const nav = renderSchoolNav(PRIMARY, [response('NE26-1.1.1', { judgement: 'established' })]);
    const first = framework.criterionById.get('NE26-1.1.1')!;
    const second = framework.criterionById.get('NE26-1.1.2')!;
    expect(within(nav).getByRole('link', { name: `NE26-1.1.1 ${first.title}: judged, no evidence` })).toBeTruthy();
    const link = within(nav).getByRole('link', { name: `NE26-1.1.2 ${second.title}: not judged, no evidence` });
    // The title attribute carries the whole title where the screen cuts a long one short.
    expect(link.getAttribute('title')).toBe(second.title);
  });

  it('keeps the criteria that do not apply to a primary school out of the list to work through, in a closed group with the reason', () => {
    const nav = renderSchoolNav(PRIMARY);
    const strand = strandOf(nav, 'NE26-7');
    const notApplying = framework.criteria.filter((c) => c.strandId === 'NE26-7' && !criterionApplies(c, PRIMARY).applies);
    expect(notApplying.map((c) => c.id)).toEqual(['NE26-7.3.1', 'NE26-7.3.2', 'NE26-7.3.3', 'NE26-7.3.4']);

    const group = setAsideGroup(strand);
    expect(group).not.toBeNull();
    expect(group!.hasAttribute('open')).toBe(false);
    expect(group!.querySelector('summary')?.textContent).toBe('Does not apply to this school (4)');
    const year9 = framework.criterionById.get('NE26-7.3.2')!;
    const link = within(group!).getByRole('link', { name: `NE26-7.3.2 ${year9.title}: does not apply` });
    expect(link.closest('li')?.textContent).toContain('Only schools with pupils of secondary age');

    // Outside the group, no link to a criterion that does not apply.
    const working = Array.from(strand.querySelectorAll('.criteria-nav__standard a')).map((a) => a.textContent ?? '');
    for (const c of notApplying) expect(working.some((text) => text.includes(c.id))).toBe(false);
    const applying = framework.criteria.filter((c) => c.strandId === 'NE26-7' && criterionApplies(c, PRIMARY).applies);
    expect(working).toHaveLength(applying.length);
  });

  it('counts only the criteria that apply in a strand, and a valid “not applicable” claim as answered', () => {
    const applying = framework.criteria.filter((c) => c.strandId === 'NE26-7' && criterionApplies(c, PRIMARY).applies);
    const nav = renderSchoolNav(PRIMARY, [
      response(applying[0]!.id, { judgement: 'established' }),
      response('NE26-7.3.2', { judgement: 'established' }),
    ]);
    const count = strandOf(nav, 'NE26-7').querySelector('.criteria-nav__count')?.textContent;
    // The judged Year 9 criterion does not apply, so it is not counted.
    expect(count).toBe(`1 of ${applying.length} judged`);

    const secondaryNav = renderSchoolNav(SECONDARY);
    const all = framework.criteria.filter((c) => c.strandId === 'NE26-7' && criterionApplies(c, SECONDARY).applies);
    expect(all.length).toBeGreaterThan(applying.length);
    expect(strandOf(secondaryNav, 'NE26-7').querySelector('.criteria-nav__count')?.textContent).toBe(`0 of ${all.length} judged`);
  });

  it('marks a criterion the school claims is not applicable, and counts it as answered', () => {
    const nav = renderSchoolNav(PRIMARY, [response('NE26-6.1.2', { notApplicable: { reason: 'No pupil has a medical condition.' } })]);
    const criterion = framework.criterionById.get('NE26-6.1.2')!;
    expect(
      within(nav).getByRole('link', { name: `NE26-6.1.2 ${criterion.title}: not applicable, reason given, no evidence` }),
    ).toBeTruthy();
    const strand = framework.criteria.filter((c) => c.strandId === 'NE26-6' && criterionApplies(c, PRIMARY).applies);
    expect(strandOf(nav, 'NE26-6').querySelector('.criteria-nav__count')?.textContent).toBe(`1 of ${strand.length} judged`);
  });

  it('ignores a claim without a reason (the award rules do too)', () => {
    const nav = renderSchoolNav(PRIMARY, [response('NE26-6.1.2', { notApplicable: { reason: '  ' } })]);
    const criterion = framework.criterionById.get('NE26-6.1.2')!;
    expect(within(nav).getByRole('link', { name: `NE26-6.1.2 ${criterion.title}: not judged, no evidence` })).toBeTruthy();
  });

  it('opens the strand and the group when the current criterion does not apply', () => {
    const nav = renderSchoolNav(PRIMARY, [], 'NE26-7.3.2');
    const strand = strandOf(nav, 'NE26-7');
    expect(strand.hasAttribute('open')).toBe(true);
    expect(setAsideGroup(strand)?.hasAttribute('open')).toBe(true);
    expect(within(strand).getByRole('link', { current: 'page' }).textContent).toContain('NE26-7.3.2');
    expect(setAsideGroup(strandOf(nav, 'NE26-1'))).toBeNull();
  });

  it('sets nothing aside without a profile', () => {
    const nav = renderSchoolNav(null);
    expect(nav.querySelectorAll('details.criteria-nav__set-aside')).toHaveLength(0);
    expect(nav.querySelectorAll('.criteria-nav__standard a')).toHaveLength(framework.criteria.length);
  });

  it('on the criterion screen, reads the school’s profile', async () => {
    const user = userEvent.setup();
    const db = freshDatabase();
    const school = await createSchool(db, SAMPLE_SCHOOL);
    const { evaluation } = await startEvaluation(db, school, framework, { title: 'Accreditation 2026–27' });
    await renderWithServices(<CriterionScreen evaluationId={evaluation.id} criterionId="NE26-7.1.1" />, { db });
    const nav = await screen.findByRole('navigation', { name: 'Criteria' });
    const strand = strandOf(nav, 'NE26-7');
    const group = setAsideGroup(strand)!;
    await user.click(within(group).getByText('Does not apply to this school (4)'));
    expect(group.hasAttribute('open')).toBe(true);
    expect(
      within(group)
        .getByRole('link', { name: /^NE26-7\.3\.2 / })
        .getAttribute('href'),
    ).toBe(`#/evaluations/${evaluation.id}/criteria/NE26-7.3.2`);
  });
});

describe('previous and next on the criterion screen', () => {
  it('step over the criteria that do not apply to the school', async () => {
    const db = freshDatabase();
    const school = await createSchool(db, SAMPLE_SCHOOL);
    const { evaluation } = await startEvaluation(db, school, framework, { title: 'Accreditation 2026–27' });
    const order = framework.criteria.map((c) => c.id);
    const before = order[order.indexOf('NE26-7.3.1') - 1]!;
    const after = order[order.indexOf('NE26-7.3.4') + 1]!;
    await renderWithServices(<CriterionScreen evaluationId={evaluation.id} criterionId={before} />, { db });
    const pager = await screen.findByRole('navigation', { name: 'Previous and next criterion' });
    expect(within(pager).getByRole('link', { name: `Next: ${after} →` })).toBeTruthy();
  });
});

describe('the moderator’s side list of criteria', () => {
  const moderation = (criterionId: string, decision: CriterionModeration['decision']): CriterionModeration => ({
    key: `s|${criterionId}`,
    submissionKey: 's',
    criterionId,
    decision,
    moderatedJudgement: null,
    comment: '',
    updatedAt: '2026-12-01T10:00:00.000Z',
  });

  function renderModeratorNav(profile: ApplicabilityProfile | null, claimed: string[], moderations: CriterionModeration[]) {
    render(
      <ModerationCriteriaNav
        workspaceId="w1"
        submissionId="s1"
        framework={framework}
        profile={profile}
        claimedNotApplicable={new Set(claimed)}
        moderations={moderations}
      />,
    );
    return screen.getByRole('navigation', { name: 'Criteria' });
  }

  it('sets aside the criteria that do not apply to the school, counts the rest, and marks the school’s claim', () => {
    const nav = renderModeratorNav(
      PRIMARY,
      ['NE26-6.1.2'],
      [moderation('NE26-7.3.2', 'agree'), moderation('NE26-6.1.2', 'not-applicable-disputed')],
    );
    const applying = framework.criteria.filter((c) => c.strandId === 'NE26-7' && criterionApplies(c, PRIMARY).applies);
    expect(strandOf(nav, 'NE26-7').querySelector('.criteria-nav__count')?.textContent).toBe(`0 of ${applying.length} reviewed`);
    expect(setAsideGroup(strandOf(nav, 'NE26-7'))?.querySelector('summary')?.textContent).toBe('Does not apply to this school (4)');
    const claimed = framework.criterionById.get('NE26-6.1.2')!;
    expect(
      within(nav).getByRole('link', {
        name: `NE26-6.1.2 ${claimed.title}: “not applicable” disputed, the school says not applicable, reason given`,
      }),
    ).toBeTruthy();
  });

  it('sets nothing aside for a submission made before profiles', () => {
    const nav = renderModeratorNav(null, [], []);
    expect(nav.querySelectorAll('details.criteria-nav__set-aside')).toHaveLength(0);
    expect(strandOf(nav, 'NE26-7').querySelector('.criteria-nav__count')?.textContent).toBe(
      `0 of ${framework.criteria.filter((c) => c.strandId === 'NE26-7').length} reviewed`,
    );
  });
});
