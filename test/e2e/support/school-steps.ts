import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { ApplicabilityProfile } from '../../../shared/framework/applicability';
import { expectChecked, expectSavedAfter, expectVisible } from './app';
import { saveDownload } from './downloads';

/** Steps a school's user takes again and again, as a person does them: by label and role. */
export interface SchoolAnswers {
  name: string;
  urn: string;
  region: string;
  localAuthority: string;
  /** The kind of school: its profile on the form is the usual one for that kind (SCHOOL_KINDS). */
  phase: keyof typeof SCHOOL_KINDS;
  headTeacher: string;
  senco: string;
  onRoll: string;
  senSupport: string;
  /** Pupils with an EHC plan. */
  withPlan: string;
}

interface SchoolKind {
  phases: readonly string[];
  setting: string;
  lowestYear: string;
  highestYear: string;
  resourcedProvision: 'Yes' | 'No';
  lookedAfterOnRoll: 'Yes' | 'No';
}

/** What the form is given for each kind of school: phases ticked, setting, year groups, and the two yes-or-no questions. */
export const SCHOOL_KINDS: Record<'Primary' | 'Secondary', SchoolKind> = {
  Primary: {
    phases: ['Early years (nursery or Reception)', 'Primary (Years 1 to 6)'],
    setting: 'Mainstream school',
    lowestYear: 'Reception',
    highestYear: 'Year 6',
    resourcedProvision: 'No',
    lookedAfterOnRoll: 'Yes',
  },
  Secondary: {
    phases: ['Secondary (Years 7 to 11)'],
    setting: 'Mainstream school',
    lowestYear: 'Year 7',
    highestYear: 'Year 11',
    resourcedProvision: 'No',
    lookedAfterOnRoll: 'Yes',
  },
};

/** The profile the form saves for these answers, to work out which criteria apply to the school. */
export function profileOf(answers: SchoolAnswers): ApplicabilityProfile {
  const profiles: Record<SchoolAnswers['phase'], Pick<ApplicabilityProfile, 'phases' | 'highestYear'>> = {
    Primary: { phases: ['early-years', 'primary'], highestYear: 6 },
    Secondary: { phases: ['secondary'], highestYear: 11 },
  };
  const kind = SCHOOL_KINDS[answers.phase];
  return {
    ...profiles[answers.phase],
    setting: 'mainstream',
    pupilsOnSenSupport: Number(answers.senSupport),
    pupilsWithEhcPlan: Number(answers.withPlan),
    resourcedProvision: kind.resourcedProvision === 'Yes',
    lookedAfterOnRoll: kind.lookedAfterOnRoll === 'Yes',
  };
}

export async function fillSchoolForm(page: Page, answers: SchoolAnswers): Promise<void> {
  await page.getByLabel('School name', { exact: true }).fill(answers.name);
  await page.getByLabel('Unique reference number (URN)').fill(answers.urn);
  await page.getByLabel('Region', { exact: true }).selectOption({ label: answers.region });
  await page.getByLabel('Local authority').selectOption({ label: answers.localAuthority });
  const kind = SCHOOL_KINDS[answers.phase];
  for (const phase of kind.phases) await page.getByLabel(phase, { exact: true }).check();
  await page.getByLabel(kind.setting, { exact: true }).check();
  await page.getByLabel('Lowest year group on roll').selectOption({ label: kind.lowestYear });
  await page.getByLabel('Highest year group on roll').selectOption({ label: kind.highestYear });
  await page.getByLabel('Head teacher').fill(answers.headTeacher);
  await page.getByLabel('SENCO', { exact: true }).fill(answers.senco);
  await page.getByLabel('Pupils on roll').fill(answers.onRoll);
  await page.getByLabel('Pupils on SEN support').fill(answers.senSupport);
  await page.getByLabel('Pupils with an EHC plan').fill(answers.withPlan);
  await page
    .getByRole('group', { name: 'Does the school have resourced provision or an SEN unit?' })
    .getByLabel(kind.resourcedProvision, { exact: true })
    .check();
  await page
    .getByRole('group', { name: 'Are any looked-after children on roll?' })
    .getByLabel(kind.lookedAfterOnRoll, { exact: true })
    .check();
}

/** From the school screen: start an evaluation and land on its dashboard. Returns the evaluation's title. */
export async function startEvaluation(page: Page): Promise<string> {
  const title = await page.getByLabel('Name of the evaluation').inputValue();
  expect(title).toMatch(/^Accreditation \d{4}–\d{2}$/);
  await page.getByRole('button', { name: 'Start evaluation' }).click();
  await expectVisible(page.getByRole('heading', { level: 1, name: title }));
  return title;
}

/** Matches text that starts with the criterion id, like a criterion screen's h1 ("NE-1.1.1 The school has…"). */
export const startsWithId = (id: string) => new RegExp(`^${id.replaceAll('.', '\\.')}\\b`);

/** The judgement radio group on a criterion screen. */
export const judgementGroup = (page: Page) => page.getByRole('group', { name: 'Judgement' });

/** Clicks a judgement's label, as a user does, and waits until it is saved. */
export async function judge(page: Page, label: string): Promise<void> {
  const group = judgementGroup(page);
  await expectVisible(group);
  await expectSavedAfter(page, () => group.locator('label').getByText(label, { exact: true }).click());
  await expectChecked(group.getByRole('radio', { name: label, exact: true }));
}

export async function openCriterion(page: Page, id: string, how: () => Promise<void>): Promise<void> {
  await how();
  await expectVisible(page.getByRole('heading', { level: 1, name: startsWithId(id) }));
  // The school's answer has loaded: the form, or on a historic edition the same answer as text.
  await expectVisible(page.getByRole('heading', { level: 2, name: 'Your evaluation' }));
}

/** From the home screen: set up a school with these answers and land on its screen. */
export async function setUpSchool(page: Page, answers: SchoolAnswers): Promise<void> {
  await page.getByRole('link', { name: 'Set up a new school' }).click();
  await expectVisible(page.getByRole('heading', { level: 1, name: 'Set up a new school' }));
  await fillSchoolForm(page, answers);
  await page.getByRole('button', { name: 'Set up school' }).click();
  await expectVisible(page.getByRole('heading', { level: 1, name: answers.name }));
}

/** The North East primary school most journeys set up. */
export const RIVERSIDE_PRIMARY: SchoolAnswers = {
  name: 'Riverside Primary School',
  urn: '123456',
  region: 'North East',
  localAuthority: 'Gateshead',
  phase: 'Primary',
  headTeacher: 'Amina Shah',
  senco: 'Tom Price',
  onRoll: '420',
  senSupport: '58',
  withPlan: '9',
};

/** A North East primary school in Gateshead, as the moderation journeys set one up: its name and URN, and any other answers that differ. */
export function northEastPrimary(answers: Pick<SchoolAnswers, 'name' | 'urn'> & Partial<SchoolAnswers>): SchoolAnswers {
  return {
    region: 'North East',
    localAuthority: 'Gateshead',
    phase: 'Primary',
    headTeacher: 'Ruth Ellis',
    senco: 'Omar Haddad',
    onRoll: '280',
    senSupport: '36',
    withPlan: '4',
    ...answers,
  };
}

/** Opens the app at `url`, waits for the home screen, then sets up a school and lands on its screen. */
export async function setUpSchoolFromHome(page: Page, url: string, answers: SchoolAnswers): Promise<void> {
  await page.goto(url);
  await expectVisible(page.getByRole('heading', { level: 1, name: 'Your schools' }));
  await setUpSchool(page, answers);
}

/** From an evaluation's dashboard: open its first criterion through "Continue with …". */
export async function continueWithFirstCriterion(page: Page, id: string): Promise<void> {
  await openCriterion(page, id, () => page.getByRole('link', { name: `Continue with ${id}` }).click());
}

/**
 * From the Submit screen: the head teacher's step. Opens the approval, approves what it summarises
 * in the name already filled in (the school's head teacher), and comes back to the export.
 */
export async function approveForSubmission(page: Page): Promise<void> {
  await page.getByRole('link', { name: /^(Go to|See) the approval$/ }).click();
  await expectVisible(page.getByRole('heading', { level: 1, name: 'Approval before submission' }));
  await expectVisible(page.getByTestId('approval-counts'));
  await page.getByLabel('I have reviewed this self-evaluation and approve it for submission.').check();
  await page.getByRole('button', { name: 'Approve for submission' }).click();
  await expectVisible(page.getByTestId('approval-state').getByText(/^Approved for submission by /));
  await page.getByRole('link', { name: 'Go to the export' }).click();
  await expectVisible(page.getByRole('heading', { level: 1, name: 'Export the signed submission' }));
  await expectVisible(page.getByTestId('approval-state').getByText(/^Approved for submission by /));
}

/**
 * From inside an evaluation: have it approved, confirm it on the Submit screen and export the
 * signed submission into `folder`. Returns the file's path.
 */
export async function exportSignedSubmission(page: Page, folder: string): Promise<string> {
  await page.getByRole('navigation', { name: 'Evaluation' }).getByRole('link', { name: 'Submit' }).click();
  await approveForSubmission(page);
  await page.getByLabel(/We confirm that this self-evaluation is an accurate account/).check();
  const submission = await saveDownload(
    page,
    folder,
    () => page.getByRole('button', { name: 'Export the signed submission' }).click(),
    'submission.pdf',
  );
  await expectVisible(page.getByTestId('export-done'));
  return submission.path;
}

/** The side list of criteria, on a criterion screen (the school's or the moderator's). */
export const sideList = (page: Page) => page.getByRole('navigation', { name: 'Criteria' });

/** A strand's disclosure in the side list, by the strand id its title starts with. */
export const strandInSideList = (page: Page, strandId: string) =>
  sideList(page)
    .locator('li > details')
    .filter({ has: page.locator('.criteria-nav__strand', { hasText: new RegExp(`^${strandId} `) }) });

/**
 * From a criterion screen: opens another criterion through the side list, as a user does, opening
 * its strand first when it is closed, and waits for its heading.
 */
export async function openFromSideList(page: Page, criterion: { id: string; strandId: string }): Promise<void> {
  // The list is drawn just after the criterion; until then no strand can be seen open or closed.
  await expectVisible(sideList(page).getByRole('link').first());
  const link = sideList(page).getByRole('link', { name: startsWithId(criterion.id) });
  if (!(await link.isVisible())) await strandInSideList(page, criterion.strandId).locator('summary').first().click();
  await link.click();
  await expectVisible(page.getByRole('heading', { level: 1, name: new RegExp(criterion.id.replaceAll('.', '\\.')) }));
}
