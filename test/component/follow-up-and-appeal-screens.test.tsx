import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { AppDatabase, LodgedAppealRecord } from '../../renderer/db/app-database';
import { DashboardScreen } from '../../renderer/school/evaluation/DashboardScreen';
import { ReceivedReportScreen } from '../../renderer/school/submission/ReceivedReportScreen';
import type { ModerationDocument } from '../../shared/moderation/moderation-format';
import { MODERATOR_FINGERPRINT, schoolSubmissionAndReport } from './moderation-test-data';
import { freshDatabase, renderWithServices, seedSchoolAndEvaluation } from './render-app';

// Dates far in the past and the future, so what is open does not depend on the day the test runs.
const LONG_AGO = '2020-03-31';
const FAR_AHEAD = '2099-06-30';

async function withReport(change: (document: ModerationDocument) => ModerationDocument) {
  const db: AppDatabase = freshDatabase();
  const seeded = await seedSchoolAndEvaluation(db, 'north-east');
  const { record, moderation } = await schoolSubmissionAndReport(db, seeded.school, seeded.evaluation.id, seeded.framework);
  const document = change(moderation);
  await db.receivedReports.put({
    id: document.reportId,
    schoolId: seeded.school.id,
    evaluationId: seeded.evaluation.id,
    submissionId: record.id,
    importedAt: '2026-12-03T09:00:00.000Z',
    fileSha256: 'ab'.repeat(32),
    signerFingerprint: MODERATOR_FINGERPRINT,
    document,
    pdf: new Blob(['%PDF-1.7 stand-in report']),
  });
  return { db, evaluationId: seeded.evaluation.id, document };
}

const conditional =
  (appealBy: string) =>
  (moderation: ModerationDocument): ModerationDocument => ({
    ...moderation,
    followsReport: { reportId: 'earlier-report', sha256: 'cd'.repeat(32) },
    outcome: {
      ...moderation.outcome,
      kind: 'accredited-with-conditions',
      levelId: 'established',
      levelLabel: 'Established',
      renewalDate: '2029-12-01',
      decidedAt: '2019-12-01T10:00:00.000Z',
      conditions: [
        { text: 'Train every governor in the SEND Code of Practice.', dueOn: FAR_AHEAD },
        {
          text: 'Publish the SEN information report on the website.',
          dueOn: LONG_AGO,
          dischargedOn: '2020-03-20',
          dischargeNote: 'Published on the website.',
        },
      ],
      appealBy,
    },
  });

describe('After a follow-up, the school sees', () => {
  it('on its report page, the discharged condition with its date and the other still due', async () => {
    const { db, evaluationId, document } = await withReport(conditional(LONG_AGO));
    await renderWithServices(<ReceivedReportScreen evaluationId={evaluationId} reportId={document.reportId} />, { db });
    const list = await screen.findByTestId('received-conditions');
    expect(screen.getByTestId('follow-up-note').textContent).toContain('This is a follow-up to report earlier-report');
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      'Train every governor in the SEND Code of Practice. Due by 30 June 2099.',
      'Publish the SEN information report on the website. Discharged on 20 March 2020: Published on the website.',
    ]);
  });

  it('on its dashboard, the discharged condition not overdue and the next one still due', async () => {
    const { db, evaluationId } = await withReport(conditional(LONG_AGO));
    await renderWithServices(<DashboardScreen evaluationId={evaluationId} />, { db });
    const panel = await screen.findByRole('region', { name: 'Moderation outcome' }, { timeout: 10_000 });
    expect(
      within(within(panel).getByTestId('moderation-conditions'))
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      'Train every governor in the SEND Code of Practice. Due by 30 June 2099.',
      'Publish the SEN information report on the website. Discharged on 20 March 2020.',
    ]);
    expect(panel.textContent).toContain('Decided: accredited with conditions, next due 30 June 2099');
  });
});

describe('An appeal the school lodged', () => {
  it('makes its dashboard read Appealed until a report carries the result', async () => {
    const { db, evaluationId, document } = await withReport(conditional(FAR_AHEAD));
    const received = await db.receivedReports.get(document.reportId);
    await db.lodgedAppeals.put({
      id: 'appeal-1',
      schoolId: received?.schoolId ?? '',
      evaluationId,
      reportId: document.reportId,
      lodgedAt: '2026-12-01T09:00:00.000Z',
      fileName: 'appeal.pdf',
      fileSha256: 'ab'.repeat(32),
      document: { report: { submissionId: document.submission.submissionId } } as unknown as LodgedAppealRecord['document'],
      pdf: new Blob(['%PDF']),
    });
    await renderWithServices(<DashboardScreen evaluationId={evaluationId} />, { db });
    const panel = await screen.findByRole('region', { name: 'Moderation outcome' }, { timeout: 10_000 });
    expect(panel.textContent).toContain('Where it stands now: Appealed.');
  });
});

describe('Appealing from the received report page', () => {
  it('after the window: says it closed and on what date, with no form', async () => {
    const { db, evaluationId, document } = await withReport(conditional(LONG_AGO));
    await renderWithServices(<ReceivedReportScreen evaluationId={evaluationId} reportId={document.reportId} />, { db });
    const section = await screen.findByRole('region', { name: 'Appeal against this outcome' });
    expect(within(section).getByTestId('appeal-window').textContent).toBe(
      'The window to appeal closed on 31 March 2020. An appeal can no longer be lodged against this report.',
    );
    expect(within(section).queryByRole('button', { name: 'Sign and export the appeal' })).toBeNull();
  });

  it('within the window: refuses an appeal without grounds, anything disputed or the head teacher, and writes nothing', async () => {
    const { db, evaluationId, document } = await withReport(conditional(FAR_AHEAD));
    await renderWithServices(<ReceivedReportScreen evaluationId={evaluationId} reportId={document.reportId} />, { db });
    const section = await screen.findByRole('region', { name: 'Appeal against this outcome' });
    expect(within(section).getByTestId('appeal-window').textContent).toBe('The school can appeal until 30 June 2099.');
    fireEvent.click(within(section).getByRole('button', { name: 'Sign and export the appeal' }));
    expect(
      await within(section).findByText('Write the grounds of the appeal: why the school believes the decision is wrong.'),
    ).toBeTruthy();
    expect(
      within(section).getByText('Choose what the school disputes: the outcome, or the decision on one or more criteria.'),
    ).toBeTruthy();
    expect(within(section).getByText('Enter the name of the head teacher making the appeal.')).toBeTruthy();
    expect(within(section).getByLabelText('Grounds of the appeal (required)').getAttribute('aria-invalid')).toBe('true');
    expect(await db.lodgedAppeals.count()).toBe(0);
  });
});
