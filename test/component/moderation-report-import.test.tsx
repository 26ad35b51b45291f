import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { moderatorPinKey } from '../../shared/moderation/first-use-trust';
import { ModerationReportsScreen } from '../../renderer/moderation/reports/ModerationReportsScreen';
import { ReceivedReportScreen } from '../../renderer/school/submission/ReceivedReportScreen';
import { SchoolScreen } from '../../renderer/school/profile/SchoolScreen';
import {
  fakePdfRunner,
  fakeVerifyRunner,
  MODERATOR_FINGERPRINT,
  schoolSubmissionAndReport,
  verifiedReport,
  WORKSPACE,
} from './moderation-test-data';
import { freshDatabase, recordingPlatform, renderWithServices, seedSchoolAndEvaluation } from './render-app';

function reportFile(): File {
  return new File(['%PDF-1.7 stand-in report'], '123456-moderation-2026-12-02-v1.pdf', { type: 'application/pdf' });
}

async function setUp() {
  const db = freshDatabase();
  const seeded = await seedSchoolAndEvaluation(db, 'north-east');
  const { record, moderation } = await schoolSubmissionAndReport(db, seeded.school, seeded.evaluation.id, seeded.framework);
  return { ...seeded, db, record, moderation, platform: recordingPlatform(), user: userEvent.setup() };
}

describe('The school reads an award with conditions', () => {
  it('shows the outcome, each condition with its date, the appeal date and the feedback lists', async () => {
    const { db, evaluation, school, record, moderation, platform } = await setUp();
    const document = {
      ...moderation,
      outcome: {
        ...moderation.outcome,
        kind: 'accredited-with-conditions' as const,
        levelId: 'established',
        levelLabel: 'Established',
        renewalDate: '2029-12-01',
        conditions: [
          { text: 'Publish the SEN information report on the website.', dueOn: '2027-03-31' },
          { text: 'Train every governor in the SEND Code of Practice.', dueOn: '2027-06-30' },
        ],
        strengths: ['The SENCO knows every pupil well.'],
        areasForDevelopment: ['Gather parents’ views each term.'],
        recommendations: [],
        conflictOfInterest: { kind: 'none' as const },
        appealBy: '2026-12-29',
      },
    };
    await db.receivedReports.put({
      id: document.reportId,
      schoolId: school.id,
      evaluationId: evaluation.id,
      submissionId: record.id,
      importedAt: '2026-12-03T09:00:00.000Z',
      fileSha256: 'ab'.repeat(32),
      signerFingerprint: MODERATOR_FINGERPRINT,
      document,
      pdf: new Blob(['%PDF-1.7 stand-in report']),
    });
    await renderWithServices(<ReceivedReportScreen evaluationId={evaluation.id} reportId={document.reportId} />, { db, platform });
    await screen.findByRole('heading', { level: 1, name: 'Moderation of submission v1' });
    const outcome = screen.getByTestId('received-outcome');
    expect(outcome.textContent).toContain('Accredited at Established, with conditions');
    expect(outcome.textContent).toContain('Appeal by29 December 2026, to North East SEN Partnership');
    expect(
      within(screen.getByTestId('received-conditions'))
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      'Publish the SEN information report on the website. Due by 31 March 2027.',
      'Train every governor in the SEND Code of Practice. Due by 30 June 2027.',
    ]);
    const strengths = screen.getByRole('region', { name: 'Strengths' });
    expect(within(strengths).getByRole('listitem').textContent).toBe('The SENCO knows every pupil well.');
    expect(screen.getByRole('region', { name: 'Areas for development' })).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'Recommendations' })).toBeNull();
  });
});

describe('A school imports a moderation report', () => {
  it('is reached from the school’s page', async () => {
    const { db, school } = await setUp();
    await renderWithServices(<SchoolScreen schoolId={school.id} />, { db });
    const link = await screen.findByRole('link', { name: 'Import a moderation report, or read the ones imported' });
    expect(link.getAttribute('href')).toBe(`#/schools/${school.id}/moderation`);
  });

  it('checks the report against the school’s own submissions, pins the key, and turns requests into actions once', async () => {
    const { db, school, evaluation, record, moderation, platform, user, framework } = await setUp();
    const verify = fakeVerifyRunner([verifiedReport(moderation), verifiedReport(moderation)]);
    const view = await renderWithServices(<ModerationReportsScreen schoolId={school.id} />, {
      db,
      platform,
      pdfJobs: fakePdfRunner().runner,
      verifyJobs: verify.runner,
    });
    await screen.findByRole('heading', { level: 1, name: 'Moderation reports' });
    expect(screen.getByText('No moderation report imported yet.')).toBeTruthy();

    await user.upload(screen.getByLabelText('Choose the moderation report (PDF)'), reportFile());
    // A key this school has not seen before: nothing is stored until the person trusts it.
    await user.click(within(await screen.findByTestId('first-use-report')).getByRole('button', { name: /^Trust and import/ }));
    const done = await screen.findByTestId('report-imported');
    expect(done.textContent).toMatch(/2 requests for more evidence became actions in your plan\./);
    // The worker was asked to check the report against this school's exported PDF, byte for byte.
    expect(verify.requests[0]).toMatchObject({ kind: 'report', submissionSha256: { [record.id]: record.sha256 } });

    const [, , third, fourth] = framework.criteria;
    const actions = await db.actions.where('evaluationId').equals(evaluation.id).toArray();
    expect(
      actions.map((a) => ({ what: a.what, criterionIds: a.criterionIds, status: a.status })).sort((a, b) => a.what.localeCompare(b.what)),
    ).toEqual([
      {
        what: `Send more evidence for ${third!.id}: Send the minutes of the last governors’ meeting.`,
        criterionIds: [third!.id],
        status: 'not-started',
      },
      { what: `Send more evidence for ${fourth!.id}: Send a recent provision map.`, criterionIds: [fourth!.id], status: 'not-started' },
    ]);
    expect(await db.moderatorPins.get(moderatorPinKey(school.id, 'north-east', WORKSPACE.organisation))).toMatchObject({
      fingerprint: MODERATOR_FINGERPRINT,
    });
    expect(await db.receivedReports.count()).toBe(1);
    expect(within(await screen.findByTestId('received-reports')).getByRole('link', { name: /submission v1/ })).toBeTruthy();

    // The same report again adds nothing.
    await user.upload(screen.getByLabelText('Choose the moderation report (PDF)'), reportFile());
    expect((await screen.findByText('This report was imported before. Nothing was added again.')).textContent).toBeTruthy();
    expect(await db.actions.where('evaluationId').equals(evaluation.id).count()).toBe(2);
    expect(await db.receivedReports.count()).toBe(1);
    view.unmount();

    // The moderation beside the school's own judgements.
    await renderWithServices(<ReceivedReportScreen evaluationId={evaluation.id} reportId={moderation.reportId} />, { db, platform });
    await screen.findByRole('heading', { level: 1, name: 'Moderation of submission v1' });
    expect(screen.getByTestId('received-outcome').textContent).toMatch(/Deferred/);
    expect(screen.getByText('A thorough self-evaluation. Two criteria need more evidence before a decision.')).toBeTruthy();
    const table = screen.getByTestId('moderation-beside-judgements');
    const second = framework.criteria[1]!;
    const schoolJudgement = record.document.responses.find((r) => r.criterionId === second.id)?.judgement;
    const row = within(table).getByRole('row', { name: new RegExp(`^${second.id.replace(/\./g, '\\.')} `) });
    expect(
      within(row)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual([
      framework.scale.points.find((p) => p.id === schoolJudgement)?.label,
      `Moderated to ${framework.scale.points[2]!.label}`,
      'Not yet consistent across classes.',
    ]);
    expect(within(table).getAllByRole('row')).toHaveLength(framework.criteria.length + 1);
    await user.click(screen.getByLabelText('Show only the criteria the moderator changed or asked about'));
    expect(within(table).getAllByRole('row')).toHaveLength(3 + 1);
  });

  it('keeps a report on an evaluation that is now on a historic edition, but adds none of its requests to the plan, and says why', async () => {
    const db = freshDatabase();
    const { school, evaluation, framework } = await seedSchoolAndEvaluation(db, 'north-east', 'historic');
    const { moderation } = await schoolSubmissionAndReport(db, school, evaluation.id, framework);
    const user = userEvent.setup();
    await renderWithServices(<ModerationReportsScreen schoolId={school.id} />, {
      db,
      platform: recordingPlatform(),
      pdfJobs: fakePdfRunner().runner,
      verifyJobs: fakeVerifyRunner([verifiedReport(moderation)]).runner,
    });
    await user.upload(await screen.findByLabelText('Choose the moderation report (PDF)'), reportFile());
    await user.click(within(await screen.findByTestId('first-use-report')).getByRole('button', { name: /^Trust and import/ }));
    const done = await screen.findByTestId('report-imported');
    expect(done.textContent).toMatch(
      /Its 2 requests for more evidence were not added to the action plan, because this evaluation is on a historic edition and can no longer be changed\. Carry it forward into the current edition to plan them there\./,
    );
    expect(await db.receivedReports.count()).toBe(1);
    expect(await db.actions.where('evaluationId').equals(evaluation.id).count()).toBe(0);
  });

  it('asks before accepting a report signed with a different moderator key, and imports nothing when refused', async () => {
    const { db, school, evaluation, moderation, platform, user } = await setUp();
    await db.moderatorPins.put({
      key: moderatorPinKey(school.id, 'north-east', WORKSPACE.organisation),
      schoolId: school.id,
      regionId: 'north-east',
      organisation: WORKSPACE.organisation,
      fingerprint: '11'.repeat(32),
      moderatorName: WORKSPACE.moderatorName,
      pinnedAt: '2026-06-01T09:00:00.000Z',
    });
    const verify = fakeVerifyRunner([verifiedReport(moderation), verifiedReport(moderation)]);
    await renderWithServices(<ModerationReportsScreen schoolId={school.id} />, { db, platform, verifyJobs: verify.runner });
    await screen.findByRole('heading', { level: 1, name: 'Moderation reports' });

    await user.upload(screen.getByLabelText('Choose the moderation report (PDF)'), reportFile());
    const warning = await screen.findByTestId('different-key');
    expect(within(warning).getByRole('heading', { name: 'The moderator’s key has changed' })).toBeTruthy();
    await user.click(within(warning).getByRole('button', { name: 'Refuse: import nothing' }));
    await screen.findByText(/You refused the new key\. Nothing from .* was imported\./);
    expect(await db.receivedReports.count()).toBe(0);
    expect(await db.actions.where('evaluationId').equals(evaluation.id).count()).toBe(0);
    expect((await db.moderatorPins.get(moderatorPinKey(school.id, 'north-east', WORKSPACE.organisation)))?.fingerprint).toBe(
      '11'.repeat(32),
    );

    await user.upload(screen.getByLabelText('Choose the moderation report (PDF)'), reportFile());
    await user.click(within(await screen.findByTestId('different-key')).getByRole('button', { name: 'Accept the new key and import' }));
    await screen.findByTestId('report-imported');
    expect(await db.receivedReports.count()).toBe(1);
    expect((await db.moderatorPins.get(moderatorPinKey(school.id, 'north-east', WORKSPACE.organisation)))?.fingerprint).toBe(
      MODERATOR_FINGERPRINT,
    );
  });

  it('asks before storing a report signed with a key the school has not seen, showing who the certificate names and the whole fingerprint', async () => {
    const { db, school, evaluation, moderation, platform, user } = await setUp();
    const verify = fakeVerifyRunner([verifiedReport(moderation)]);
    await renderWithServices(<ModerationReportsScreen schoolId={school.id} />, { db, platform, verifyJobs: verify.runner });
    await user.upload(await screen.findByLabelText('Choose the moderation report (PDF)'), reportFile());

    const question = await screen.findByTestId('first-use-report');
    expect(within(question).getByRole('heading', { name: 'A moderator key this school has not seen before' })).toBeTruthy();
    const details = within(question).getByTestId('first-use-question');
    expect(details.textContent).toContain('Name on the certificateJordan Hale');
    expect(details.textContent).toContain('RoleModerator');
    expect(details.textContent).toContain(`Organisation${WORKSPACE.organisation}`);
    expect(details.textContent).toContain('Validfrom 1 January 2026 until 1 January 2036');
    expect(details.textContent).toContain('compare the fingerprint below with the fingerprint printed on the file’s cover');
    // The whole fingerprint, in the groups of four printed on the cover, eight a line.
    const reading = within(details).getByTestId('fingerprint-reading');
    expect(reading.querySelectorAll('br')).toHaveLength(1);
    expect(reading.textContent).toBe(`${'7a7a '.repeat(7)}7a7a${'7a7a '.repeat(7)}7a7a`);
    // Asking wrote nothing: no report, no pin, no action.
    expect(await db.receivedReports.count()).toBe(0);
    expect(await db.moderatorPins.count()).toBe(0);
    expect(await db.actions.where('evaluationId').equals(evaluation.id).count()).toBe(0);

    await user.click(within(question).getByRole('button', { name: /^Trust and import/ }));
    await screen.findByTestId('report-imported');
    expect(await db.receivedReports.count()).toBe(1);
    expect(await db.moderatorPins.get(moderatorPinKey(school.id, 'north-east', WORKSPACE.organisation))).toMatchObject({
      regionId: 'north-east',
      organisation: WORKSPACE.organisation,
      fingerprint: MODERATOR_FINGERPRINT,
      moderatorName: 'Jordan Hale',
    });
    expect(await db.actions.where('evaluationId').equals(evaluation.id).count()).toBe(2);
  });

  it('leaves the database exactly as it was when the person does not trust a first-use key', async () => {
    const { db, school, moderation, platform, user } = await setUp();
    const snapshot = async () => ({
      reports: await db.receivedReports.toArray(),
      pins: await db.moderatorPins.toArray(),
      actions: await db.actions.toArray(),
      submissions: (await db.submissions.toArray()).map(({ pdf: _pdf, ...rest }) => rest),
    });
    const before = await snapshot();
    const verify = fakeVerifyRunner([verifiedReport(moderation)]);
    await renderWithServices(<ModerationReportsScreen schoolId={school.id} />, { db, platform, verifyJobs: verify.runner });
    await user.upload(await screen.findByLabelText('Choose the moderation report (PDF)'), reportFile());
    await user.click(within(await screen.findByTestId('first-use-report')).getByRole('button', { name: /^Do not import/ }));
    await screen.findByText(/You did not trust the key\. Nothing from .* was imported\./);
    expect(await snapshot()).toEqual(before);
    expect(before.reports).toEqual([]);
    expect(screen.queryByTestId('report-imported')).toBeNull();
  });

  it('treats a look-alike spelling of the organisation as the same pin: a different key warns, the pinned key imports unasked', async () => {
    const { db, school, moderation, platform, user } = await setUp();
    await db.moderatorPins.put({
      key: moderatorPinKey(school.id, 'north-east', WORKSPACE.organisation),
      schoolId: school.id,
      regionId: 'north-east',
      organisation: WORKSPACE.organisation,
      fingerprint: MODERATOR_FINGERPRINT,
      moderatorName: WORKSPACE.moderatorName,
      pinnedAt: '2026-06-01T09:00:00.000Z',
    });
    // Trailing space, two spaces, full-width "SEN" and a Cyrillic "р" in "Partnership".
    const lookAlike = ' North  East ＳＥＮ Partnershiр ';
    expect(lookAlike).not.toBe(WORKSPACE.organisation);
    const forged = { ...moderation, moderator: { ...moderation.moderator, organisation: lookAlike } };
    const verify = fakeVerifyRunner([verifiedReport(forged, '55'.repeat(32)), verifiedReport(forged)]);
    await renderWithServices(<ModerationReportsScreen schoolId={school.id} />, { db, platform, verifyJobs: verify.runner });

    await user.upload(await screen.findByLabelText('Choose the moderation report (PDF)'), reportFile());
    const warning = await screen.findByTestId('different-key');
    expect(within(warning).getByRole('heading', { name: 'The moderator’s key has changed' })).toBeTruthy();
    expect(screen.queryByTestId('first-use-report')).toBeNull();
    expect(await db.receivedReports.count()).toBe(0);
    expect(await db.moderatorPins.count()).toBe(1);

    // The same name written the same look-alike way, signed with the pinned key: imported as before, no question.
    await user.upload(screen.getByLabelText('Choose the moderation report (PDF)'), reportFile());
    await screen.findByTestId('report-imported');
    expect(await db.receivedReports.count()).toBe(1);
    expect(await db.moderatorPins.count()).toBe(1);
  });

  it('keeps a different pin for the same organisation in another region', async () => {
    const { db, school, moderation, platform, user } = await setUp();
    await db.moderatorPins.put({
      key: moderatorPinKey(school.id, 'yorkshire', WORKSPACE.organisation),
      schoolId: school.id,
      regionId: 'yorkshire',
      organisation: WORKSPACE.organisation,
      fingerprint: MODERATOR_FINGERPRINT,
      moderatorName: WORKSPACE.moderatorName,
      pinnedAt: '2026-06-01T09:00:00.000Z',
    });
    const verify = fakeVerifyRunner([verifiedReport(moderation)]);
    await renderWithServices(<ModerationReportsScreen schoolId={school.id} />, { db, platform, verifyJobs: verify.runner });
    await user.upload(await screen.findByLabelText('Choose the moderation report (PDF)'), reportFile());
    // The report's region is the North East: the Yorkshire pin does not vouch for it.
    expect(await screen.findByTestId('first-use-report')).toBeTruthy();
    expect(await db.receivedReports.count()).toBe(0);
  });

  it('says why a report is refused, and stores nothing', async () => {
    const { db, school, platform, user } = await setUp();
    const verify = fakeVerifyRunner([
      {
        kind: 'report',
        verification: {
          ok: false,
          rejection: {
            code: 'wrong-submission',
            message: 'This report is about a submission that was not exported from this school’s evaluations.',
          },
        },
      },
    ]);
    await renderWithServices(<ModerationReportsScreen schoolId={school.id} />, { db, platform, verifyJobs: verify.runner });
    await user.upload(await screen.findByLabelText('Choose the moderation report (PDF)'), reportFile());
    const alert = await screen.findByTestId('report-rejected');
    expect(alert.textContent).toMatch(
      /was not imported\. This report is about a submission that was not exported from this school’s evaluations\./,
    );
    expect(await db.receivedReports.count()).toBe(0);
    expect(await db.moderatorPins.count()).toBe(0);
  });
});
