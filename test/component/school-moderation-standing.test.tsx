import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { AppDatabase, SubmissionRecord } from '../../renderer/db/app-database';
import { CriterionScreen } from '../../renderer/school/evaluation/CriterionScreen';
import { DashboardScreen } from '../../renderer/school/evaluation/DashboardScreen';
import type { ModerationDocument } from '../../shared/moderation/moderation-format';
import { MODERATOR_FINGERPRINT, schoolSubmissionAndReport } from './moderation-test-data';
import { freshDatabase, renderWithServices, seedSchoolAndEvaluation } from './render-app';

// Dates far in the past and far in the future, so which are overdue does not depend on the day the test runs.
const LONG_AGO = '2020-03-31';
const FAR_AHEAD = '2099-06-30';
const FURTHER_AHEAD = '2099-09-30';

async function setUp() {
  const db = freshDatabase();
  const seeded = await seedSchoolAndEvaluation(db, 'north-east');
  const { record, moderation } = await schoolSubmissionAndReport(db, seeded.school, seeded.evaluation.id, seeded.framework);
  return { ...seeded, db, record, moderation };
}

async function receive(
  db: AppDatabase,
  ids: { schoolId: string; evaluationId: string; submissionId: string },
  document: ModerationDocument,
): Promise<void> {
  await db.receivedReports.put({
    id: document.reportId,
    ...ids,
    importedAt: '2026-12-03T09:00:00.000Z',
    fileSha256: 'ab'.repeat(32),
    signerFingerprint: MODERATOR_FINGERPRINT,
    document,
    pdf: new Blob(['%PDF-1.7 stand-in report']),
  });
}

const items = (list: HTMLElement) =>
  within(list)
    .getAllByRole('listitem')
    .map((li) => li.textContent);

describe('The school’s dashboard after moderation', () => {
  it('shows no moderation outcome before a report is imported', async () => {
    const { db, evaluation } = await setUp();
    await renderWithServices(<DashboardScreen evaluationId={evaluation.id} />, { db });
    await screen.findByRole('heading', { name: 'Where the school stands' });
    expect(screen.queryByRole('heading', { name: 'Moderation outcome' })).toBeNull();
  });

  it('leads with an award with conditions: the conditions soonest first, the overdue one marked, the appeal date and a link to the report', async () => {
    const { db, evaluation, school, record, moderation, framework } = await setUp();
    await receive(
      db,
      { schoolId: school.id, evaluationId: evaluation.id, submissionId: record.id },
      {
        ...moderation,
        outcome: {
          ...moderation.outcome,
          kind: 'accredited-with-conditions',
          levelId: 'established',
          levelLabel: 'Established',
          renewalDate: '2029-12-01',
          conditions: [
            { text: 'Train every governor in the SEND Code of Practice.', dueOn: FAR_AHEAD },
            { text: 'Publish the SEN information report on the website.', dueOn: LONG_AGO },
          ],
          appealBy: FURTHER_AHEAD,
        },
      },
    );
    await renderWithServices(<DashboardScreen evaluationId={evaluation.id} />, { db });
    const panel = await screen.findByRole('region', { name: 'Moderation outcome' });
    expect(within(panel).getByText('Accredited at Established, with conditions')).toBeTruthy();
    expect(panel.textContent).toContain('Level awardedEstablished');
    expect(panel.textContent).toContain('Renewal due1 December 2029');
    expect(panel.textContent).toContain('Where it stands now: Decided: accredited with conditions, overdue since 31 March 2020.');
    expect(items(within(panel).getByTestId('moderation-conditions'))).toEqual([
      'Publish the SEN information report on the website. Overdue: it was due by 31 March 2020.',
      'Train every governor in the SEND Code of Practice. Due by 30 June 2099.',
    ]);
    expect(within(panel).getByTestId('moderation-overdue').textContent).toMatch(/^One date below has passed\./);
    expect(within(panel).getByTestId('moderation-appeal-by').textContent).toBe('30 September 2099');
    // The report has no dated requests: each "more evidence needed" decision is listed, undated.
    expect(items(within(panel).getByTestId('moderation-requests'))).toEqual([
      `${framework.criteria[2]!.id}: Send the minutes of the last governors’ meeting. No date set.`,
      `${framework.criteria[3]!.id}: Send a recent provision map. No date set.`,
    ]);
    expect(within(panel).getByRole('link', { name: 'Read the full moderation report' }).getAttribute('href')).toBe(
      `#/evaluations/${evaluation.id}/moderation/${moderation.reportId}`,
    );
    // Near the top: before the award the rules give.
    const standing = screen.getByRole('region', { name: 'Where the school stands' });
    expect(panel.compareDocumentPosition(standing) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it('shows a deferral’s dated requests soonest first, each linked to its criterion, and the resubmission date', async () => {
    const { db, evaluation, school, record, moderation, framework } = await setUp();
    const [, , third, fourth] = framework.criteria;
    await receive(
      db,
      { schoolId: school.id, evaluationId: evaluation.id, submissionId: record.id },
      {
        ...moderation,
        outcome: {
          ...moderation.outcome,
          resubmitBy: FURTHER_AHEAD,
          evidenceRequests: [
            { criterionId: fourth!.id, what: 'Send a recent provision map.', dueOn: FAR_AHEAD },
            { criterionId: third!.id, what: 'Send the minutes of the last governors’ meeting.', dueOn: LONG_AGO },
          ],
          appealBy: LONG_AGO,
        },
      },
    );
    await renderWithServices(<DashboardScreen evaluationId={evaluation.id} />, { db });
    const panel = await screen.findByRole('region', { name: 'Moderation outcome' });
    expect(within(panel).getByText('Deferred')).toBeTruthy();
    expect(within(panel).queryByText('Level awarded')).toBeNull();
    expect(within(panel).getByTestId('moderation-resubmit-by').textContent).toBe('30 September 2099');
    expect(within(panel).getByTestId('moderation-appeal-by').textContent).toBe('31 March 2020: the time to appeal has ended.');
    const requests = within(panel).getByTestId('moderation-requests');
    expect(items(requests)).toEqual([
      `${third!.id}: Send the minutes of the last governors’ meeting. Overdue: it was due by 31 March 2020.`,
      `${fourth!.id}: Send a recent provision map. Due by 30 June 2099.`,
    ]);
    expect(within(requests).getByRole('link', { name: third!.id }).getAttribute('href')).toBe(
      `#/evaluations/${evaluation.id}/criteria/${third!.id}`,
    );
    expect(within(panel).getByTestId('moderation-overdue').textContent).toMatch(/^One date below has passed\./);
  });

  it('shows nothing from a report on an earlier version once the school has sent a later one, and the outcome once that one’s report comes', async () => {
    const { db, evaluation, school, record, moderation } = await setUp();
    await receive(db, { schoolId: school.id, evaluationId: evaluation.id, submissionId: record.id }, moderation);
    const second: SubmissionRecord = { ...record, id: 'submission-v2', version: 2, sha256: 'cd'.repeat(32) };
    await db.submissions.put(second);
    await renderWithServices(<DashboardScreen evaluationId={evaluation.id} />, { db });
    await screen.findByRole('heading', { name: 'Where the school stands' });
    expect(screen.queryByRole('region', { name: 'Moderation outcome' })).toBeNull();

    // The report on version 2 arrives while the dashboard is open.
    await receive(
      db,
      { schoolId: school.id, evaluationId: evaluation.id, submissionId: second.id },
      {
        ...moderation,
        reportId: 'report-0002',
        submission: { ...moderation.submission, submissionId: second.id, version: 2 },
        outcome: {
          ...moderation.outcome,
          kind: 'accredited',
          levelId: 'established',
          levelLabel: 'Established',
          renewalDate: '2029-12-01',
        },
      },
    );
    const panel = await screen.findByRole('region', { name: 'Moderation outcome' });
    expect(within(panel).getByText('Accredited at Established')).toBeTruthy();
    expect(panel.textContent).toContain('The moderator’s decision on submission v2');
    expect(within(panel).queryByTestId('moderation-overdue')).toBeNull();
  });
});

describe('A criterion’s screen after moderation', () => {
  it('shows the moderator’s decision and comment, read only, beside the judgement', async () => {
    const { db, evaluation, school, record, moderation, framework } = await setUp();
    await receive(db, { schoolId: school.id, evaluationId: evaluation.id, submissionId: record.id }, moderation);
    const second = framework.criteria[1]!;
    await renderWithServices(<CriterionScreen evaluationId={evaluation.id} criterionId={second.id} />, { db });
    const section = await screen.findByRole('region', { name: 'Moderator’s decision' });
    expect(section.textContent).toContain(`Decision on submission v1Moderated to ${framework.scale.points[2]!.label}`);
    expect(section.textContent).toContain('Moderator’s commentNot yet consistent across classes.');
    expect(within(section).queryByRole('textbox')).toBeNull();
    expect(within(section).queryByRole('button')).toBeNull();
    expect(within(section).getByRole('link', { name: 'Read the full moderation report' }).getAttribute('href')).toBe(
      `#/evaluations/${evaluation.id}/moderation/${moderation.reportId}`,
    );
    // Before the school's own judgement.
    const form = screen.getByRole('form', { name: 'Your evaluation' });
    expect(section.compareDocumentPosition(form) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it('says what evidence to send and by when for a criterion the moderator asked about', async () => {
    const { db, evaluation, school, record, moderation, framework } = await setUp();
    const third = framework.criteria[2]!;
    await receive(
      db,
      { schoolId: school.id, evaluationId: evaluation.id, submissionId: record.id },
      {
        ...moderation,
        outcome: {
          ...moderation.outcome,
          evidenceRequests: [{ criterionId: third.id, what: 'Send the minutes of the autumn meeting.', dueOn: LONG_AGO }],
        },
      },
    );
    await renderWithServices(<CriterionScreen evaluationId={evaluation.id} criterionId={third.id} />, { db });
    const section = await screen.findByRole('region', { name: 'Moderator’s decision' });
    expect(section.textContent).toContain('Decision on submission v1More evidence needed');
    expect(section.textContent).toContain('Moderator’s commentSend the minutes of the last governors’ meeting.');
    expect(section.textContent).toContain('Evidence to sendSend the minutes of the autumn meeting. Overdue: it was due by 31 March 2020.');
  });

  it('says "Agreed" for an agreed criterion, and shows nothing where the report has no decision', async () => {
    const { db, evaluation, school, record, moderation, framework } = await setUp();
    await receive(db, { schoolId: school.id, evaluationId: evaluation.id, submissionId: record.id }, moderation);
    const view = await renderWithServices(<CriterionScreen evaluationId={evaluation.id} criterionId={framework.criteria[0]!.id} />, {
      db,
    });
    const section = await screen.findByRole('region', { name: 'Moderator’s decision' });
    expect(section.textContent).toContain('Decision on submission v1Agreed');
    expect(section.textContent).toContain('Moderator’s commentNo comment.');
    view.unmount();

    const undecided = framework.criteria[5]!;
    expect(moderation.criteria.find((c) => c.criterionId === undecided.id)?.decision ?? null).toBeNull();
    await renderWithServices(<CriterionScreen evaluationId={evaluation.id} criterionId={undecided.id} />, { db });
    await screen.findByRole('form', { name: 'Your evaluation' });
    expect(screen.queryByRole('region', { name: 'Moderator’s decision' })).toBeNull();
  });
});
