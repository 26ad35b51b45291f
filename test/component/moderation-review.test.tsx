import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { AppDatabase } from '../../renderer/db/app-database';
import { ModerationCriterionScreen } from '../../renderer/moderation/review/ModerationCriterionScreen';
import { ModerationOutcomeScreen } from '../../renderer/moderation/review/ModerationOutcomeScreen';
import { ModerationReviewScreen } from '../../renderer/moderation/review/ModerationReviewScreen';
import { frameworkContentHash } from '../../shared/framework/framework-loader';
import { moderationFileName } from '../../shared/moderation/moderation-format';
import { moderatedAward } from '../../shared/moderation/moderation-outcome';
import { criterionModerationKey, type ModerationOutcome } from '../../shared/moderation/moderation-records';
import {
  fakePdfRunner,
  fakeVerifyRunner,
  moderationRecord,
  MODERATOR_FINGERPRINT,
  northEastCurrentFramework,
  northEastFramework,
  seedModeratorKey,
  seedModeratorSubmission,
  WORKSPACE,
} from './moderation-test-data';
import { freshDatabase, recordingPlatform, renderWithServices } from './render-app';

/** The feedback every outcome needs: one strength, one area for development, a summary, and no conflict of interest. */
async function fillFeedbackAndDeclaration(user: ReturnType<typeof userEvent.setup>) {
  await user.click(screen.getByRole('button', { name: 'Add a strength' }));
  await user.type(screen.getByLabelText('Strength 1'), 'Clear leadership of SEN.');
  await user.click(screen.getByRole('button', { name: 'Add an area for development' }));
  await user.type(screen.getByLabelText('Area for development 1'), 'Gather parents’ views each term.');
  await user.type(screen.getByLabelText('Summary for the school'), 'Clear leadership of SEN.');
  await user.click(screen.getByLabelText('I have no conflict of interest with this school'));
}

async function setUp(prepare?: (db: AppDatabase, submissionKey: string) => Promise<void>) {
  const db = freshDatabase();
  const seeded = await seedModeratorSubmission(db);
  await prepare?.(db, seeded.submission.key);
  return { ...seeded, db, platform: recordingPlatform(), user: userEvent.setup(), pdf: fakePdfRunner(), verify: fakeVerifyRunner() };
}

describe('Moderation review', () => {
  it('saves a moderated judgement and a comment as they are made, and the submission moves to "in review"', async () => {
    const { db, platform, user, submission, document, pdf, verify, framework } = await setUp();
    await renderWithServices(
      <ModerationCriterionScreen workspaceId={WORKSPACE.id} submissionId={submission.submissionId} criterionId="NE-1.1.2" />,
      {
        db,
        platform,
        pdfJobs: pdf.runner,
        verifyJobs: verify.runner,
      },
    );
    await screen.findByRole('heading', { level: 1, name: /NE-1\.1\.2/ });
    expect(screen.getAllByRole('heading', { level: 1 })).toHaveLength(1);
    const school = screen.getByRole('region', { name: 'What the school says' });
    const schoolJudgement = document.responses.find((r) => r.criterionId === 'NE-1.1.2')?.judgement;
    expect(within(school).getByText(framework.scale.points.find((p) => p.id === schoolJudgement)!.label)).toBeTruthy();

    const decision = screen.getByRole('group', { name: 'Decision on NE-1.1.2' });
    await user.click(within(decision).getByLabelText('Moderated to a different judgement'));
    const judgement = await screen.findByRole('group', { name: 'Moderated judgement' });
    const lowest = framework.scale.points.at(-1)!;
    await user.click(within(judgement).getByLabelText(new RegExp(`^${lowest.label}`)));
    await user.type(screen.getByLabelText('Comment for the school'), 'Not seen in most classrooms.');
    await screen.findByText(/^Saved at \d\d:\d\d:\d\d$/, {}, { timeout: 5_000 });

    await waitFor(async () => {
      const stored = await db.criterionModerations.get(criterionModerationKey(submission.key, 'NE-1.1.2'));
      expect(stored).toMatchObject({ decision: 'moderated', moderatedJudgement: lowest.id, comment: 'Not seen in most classrooms.' });
    });
    expect((await db.importedSubmissions.get(submission.key))?.status).toBe('in-review');
    // The nav marks the criterion as moderated.
    const nav = screen.getByRole('navigation', { name: 'Criteria' });
    expect(within(nav).getByRole('link', { name: /^NE-1\.1\.2 .*: moderated$/ })).toBeTruthy();
  });

  it('"Agree and go to" the next criterion records agreement in one press', async () => {
    const { db, platform, user, submission, pdf, verify } = await setUp();
    await renderWithServices(
      <ModerationCriterionScreen workspaceId={WORKSPACE.id} submissionId={submission.submissionId} criterionId="NE-1.1.1" />,
      {
        db,
        platform,
        pdfJobs: pdf.runner,
        verifyJobs: verify.runner,
      },
    );
    await user.click(await screen.findByRole('button', { name: 'Agree and go to NE-1.1.2' }));
    await waitFor(async () =>
      expect((await db.criterionModerations.get(criterionModerationKey(submission.key, 'NE-1.1.1')))?.decision).toBe('agree'),
    );
    expect(window.location.hash).toBe(`#/moderation/${WORKSPACE.id}/submissions/${submission.submissionId}/criteria/NE-1.1.2`);
  });

  it('opens an evidence file from inside the submission PDF and saves a copy', async () => {
    const { db, platform, user, submission, pdf, verify, document } = await setUp();
    const provisionMap = document.evidence.find((e) => e.file?.mediaType === 'text/csv');
    const criterionId = provisionMap!.criterionIds[0]!;
    await renderWithServices(
      <ModerationCriterionScreen workspaceId={WORKSPACE.id} submissionId={submission.submissionId} criterionId={criterionId} />,
      {
        db,
        platform,
        pdfJobs: pdf.runner,
        verifyJobs: verify.runner,
      },
    );
    await screen.findByRole('heading', { level: 3, name: provisionMap!.title });
    await user.click(screen.getByText('Open the file', { exact: false }));
    const text = await screen.findByRole('region', { name: `Text of ${provisionMap!.title}` });
    expect(text.textContent).toMatch(/Pupil group,Provision/);
    expect(verify.requests).toEqual([expect.objectContaining({ kind: 'attachment', name: provisionMap!.file!.attachmentName })]);
    await user.click(screen.getByRole('button', { name: `Save a copy of ${provisionMap!.file!.originalName}` }));
    await screen.findByText(`Saved a copy of “${provisionMap!.file!.originalName}”.`);
    const saved = (platform as ReturnType<typeof recordingPlatform>).saved;
    expect(saved.map((s) => s.name)).toEqual([provisionMap!.file!.originalName]);
  });

  it('the overview shows progress and sets the status by hand', async () => {
    const { db, platform, user, submission, pdf, verify } = await setUp(async (db, key) => {
      await db.criterionModerations.bulkPut([
        moderationRecord(key, 'NE-1.1.1', 'agree', ''),
        moderationRecord(key, 'NE-1.1.3', 'more-evidence', 'Send minutes.'),
      ]);
    });
    await renderWithServices(<ModerationReviewScreen workspaceId={WORKSPACE.id} submissionId={submission.submissionId} />, {
      db,
      platform,
      pdfJobs: pdf.runner,
      verifyJobs: verify.runner,
    });
    await screen.findByRole('heading', { level: 1, name: 'Riverside Primary School: submission v1' });
    expect(screen.getByText(/^2 of 63 criteria reviewed: 1 agreed, 0 moderated, 1 needing more evidence\.$/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Continue with NE-1.1.2, the next not yet reviewed' })).toBeTruthy();
    await user.selectOptions(screen.getByLabelText('Status of this submission'), 'visit-planned');
    await screen.findByText('Status saved: Visit planned.');
    expect((await db.importedSubmissions.get(submission.key))?.status).toBe('visit-planned');
  });
});

/** Makes the school's response to a criterion unjudged in the stored submission. */
async function leaveUnjudged(db: AppDatabase, submissionKey: string, criterionId: string) {
  const stored = await db.importedSubmissionDocuments.get(submissionKey);
  const response = stored!.document.responses.find((r) => r.criterionId === criterionId)!;
  response.judgement = null;
  await db.importedSubmissionDocuments.put(stored!);
}

describe('The desk review offers only the decisions that fit what the school said', () => {
  const renderCriterion = async (seeded: Awaited<ReturnType<typeof setUp>>, criterionId: string) => {
    const { db, platform, submission, pdf, verify } = seeded;
    await renderWithServices(
      <ModerationCriterionScreen workspaceId={WORKSPACE.id} submissionId={submission.submissionId} criterionId={criterionId} />,
      { db, platform, pdfJobs: pdf.runner, verifyJobs: verify.runner },
    );
    await screen.findByRole('heading', { level: 1, name: new RegExp(criterionId.replace(/\./g, '\\.')) });
    return within(screen.getByRole('group', { name: `Decision on ${criterionId}` }));
  };

  it('a criterion the school did not judge offers "Not met" and "More evidence needed", never "Agree"', async () => {
    const seeded = await setUp((db, key) => leaveUnjudged(db, key, 'NE-1.1.2'));
    const decision = await renderCriterion(seeded, 'NE-1.1.2');
    expect(decision.getAllByRole('radio').map((r) => r.closest('.radio')?.querySelector('label')?.textContent)).toEqual([
      'Not met',
      'More evidence needed',
    ]);
    expect(screen.queryByRole('button', { name: /^Agree and go/ })).toBeNull();
    await seeded.user.click(decision.getByLabelText('Not met'));
    await waitFor(async () =>
      expect((await seeded.db.criterionModerations.get(criterionModerationKey(seeded.submission.key, 'NE-1.1.2')))?.decision).toBe(
        'not-met',
      ),
    );
  });

  it('a judged criterion still offers "Agree", and a moderated point equal to the school’s is refused in words', async () => {
    const seeded = await setUp();
    const decision = await renderCriterion(seeded, 'NE-1.1.2');
    expect(decision.getByLabelText('Agree with the school')).toBeTruthy();
    expect(decision.queryByLabelText('Not met')).toBeNull();
    const own = seeded.document.responses.find((r) => r.criterionId === 'NE-1.1.2')!.judgement!;
    const ownLabel = seeded.framework.scale.points.find((p) => p.id === own)!.label;
    await seeded.user.click(decision.getByLabelText('Moderated to a different judgement'));
    await seeded.user.click(
      within(await screen.findByRole('group', { name: 'Moderated judgement' })).getByLabelText(new RegExp(`^${ownLabel}`)),
    );
    await waitFor(() => expect(document.getElementById('decision-problem')).not.toBeNull());
    expect(document.getElementById('decision-problem')!.textContent).toBe(
      `${ownLabel} is the school’s own judgement of NE-1.1.2: choose "Agree with the school", or another point.`,
    );
    await screen.findByText(/^Not saved: /, {}, { timeout: 5_000 });
    expect(await seeded.db.criterionModerations.get(criterionModerationKey(seeded.submission.key, 'NE-1.1.2'))).toBeUndefined();
  });

  it('shows the framework’s words for the school’s point beside its evidence, and every point’s under the guidance', async () => {
    const db = freshDatabase();
    const current = await northEastCurrentFramework();
    const { submission, document, framework } = await seedModeratorSubmission(db, current);
    const response = document.responses.find((r) => r.judgement !== null && current.criterionById.get(r.criterionId));
    if (!response?.judgement) throw new Error('the sample judged nothing');
    const criterion = framework.criterionById.get(response.criterionId)!;
    const point = framework.scale.points.find((p) => p.id === response.judgement)!;
    const words = criterion.descriptors[point.id];
    expect(words).toBeTruthy();
    await renderWithServices(
      <ModerationCriterionScreen workspaceId={WORKSPACE.id} submissionId={submission.submissionId} criterionId={criterion.id} />,
      { db, platform: recordingPlatform(), pdfJobs: fakePdfRunner().runner, verifyJobs: fakeVerifyRunner().runner },
    );
    await screen.findByRole('heading', { level: 1, name: new RegExp(criterion.id.replace(/\./g, '\\.')) });
    const school = within(screen.getByRole('region', { name: 'What the school says' }));
    const claimed = within(screen.getByTestId('claimed-descriptor'));
    expect(claimed.getByText(`What “${point.label}” looks like here, in the framework’s words`)).toBeTruthy();
    expect(claimed.getByText(words!)).toBeTruthy();
    // Every point the criterion describes, in the scale's order, for moderating to another point.
    const listed = school.getByText('What each judgement looks like here').nextElementSibling;
    const terms = Array.from(listed?.querySelectorAll('dt') ?? []).map((dt) => dt.textContent);
    expect(terms).toEqual(framework.scale.points.filter((p) => criterion.descriptors[p.id] !== undefined).map((p) => p.label));
    expect(terms.length).toBeGreaterThan(1);
  });

  it('says nothing of descriptors where the edition has none (the 2005 edition)', async () => {
    const seeded = await setUp();
    await renderCriterion(seeded, 'NE-1.1.2');
    expect(screen.queryByTestId('claimed-descriptor')).toBeNull();
    expect(screen.queryByText('What each judgement looks like here')).toBeNull();
  });

  it('an "agree" stored on an unjudged criterion before the rule is shown, refused, and can be put right', async () => {
    const seeded = await setUp(async (db, key) => {
      await leaveUnjudged(db, key, 'NE-1.1.2');
      await db.criterionModerations.put(moderationRecord(key, 'NE-1.1.2', 'agree', ''));
    });
    const decision = await renderCriterion(seeded, 'NE-1.1.2');
    expect(screen.getByRole('alert').textContent).toMatch(
      /^“Agree with the school” does not fit NE-1\.1\.2\. The school made no judgement/,
    );
    await seeded.user.click(decision.getByLabelText('More evidence needed'));
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
    await waitFor(async () =>
      expect((await seeded.db.criterionModerations.get(criterionModerationKey(seeded.submission.key, 'NE-1.1.2')))?.decision).toBe(
        'more-evidence',
      ),
    );
  });

  it('a decision carried over from an earlier version says so', async () => {
    const seeded = await setUp(async (db, key) => {
      await db.criterionModerations.put({
        ...moderationRecord(key, 'NE-1.1.1', 'agree', ''),
        carriedFrom: { submissionKey: 'earlier', version: 1 },
      });
    });
    await renderCriterion(seeded, 'NE-1.1.1');
    expect(screen.getByTestId('carried-over').textContent).toBe('Carried over from version 1: this criterion has not changed since.');
  });
});

describe('The overview says where the submission stands and how accurate the self-evaluation was', () => {
  it('shows the derived state with its explanation, and the accuracy judgement with the criteria behind it as links', async () => {
    const seeded = await setUp(async (db, key) => {
      const framework = await northEastFramework();
      const lowest = framework.scale.points.at(-1)!.id;
      await db.criterionModerations.bulkPut([
        moderationRecord(key, 'NE-1.1.1', 'moderated', 'Not seen.', lowest),
        moderationRecord(key, 'NE-1.1.3', 'agree', ''),
      ]);
    });
    const { db, platform, submission, pdf, verify, document, framework } = seeded;
    expect(document.responses.find((r) => r.criterionId === 'NE-1.1.1')!.judgement).not.toBe(framework.scale.points.at(-1)!.id);
    await renderWithServices(<ModerationReviewScreen workspaceId={WORKSPACE.id} submissionId={submission.submissionId} />, {
      db,
      platform,
      pdfJobs: pdf.runner,
      verifyJobs: verify.runner,
    });
    await screen.findByRole('heading', { level: 1, name: 'Riverside Primary School: submission v1' });
    expect((await screen.findByTestId('submission-state')).textContent).toBe('In review');
    expect(screen.getByText('The desk review is under way: 2 criteria have a decision so far.')).toBeTruthy();
    const accuracy = screen.getByTestId('accuracy-judgement');
    expect(within(accuracy).getByRole('heading').textContent).toBe('Accuracy of the self-evaluation: Over-generous');
    expect(within(accuracy).getByRole('link', { name: 'NE-1.1.1' }).getAttribute('href')).toBe(
      `#/moderation/${WORKSPACE.id}/submissions/${submission.submissionId}/criteria/NE-1.1.1`,
    );
  });

  it('a deferred outcome reads as awaiting evidence with its date in the overview', async () => {
    const seeded = await setUp(async (db, key) => {
      await db.moderationOutcomes.put({
        submissionKey: key,
        kind: 'deferred',
        levelId: null,
        computedLevelId: null,
        overrideReason: '',
        renewalDate: '',
        resubmitBy: '2999-01-09',
        feedback: '',
        decidedAt: '2026-12-01T10:00:00.000Z',
      });
    });
    const { db, platform, submission, pdf, verify } = seeded;
    await renderWithServices(<ModerationReviewScreen workspaceId={WORKSPACE.id} submissionId={submission.submissionId} />, {
      db,
      platform,
      pdfJobs: pdf.runner,
      verifyJobs: verify.runner,
    });
    expect((await screen.findByTestId('submission-state')).textContent).toBe('Awaiting evidence, due 9 January 2999');
    expect(screen.getByText('The outcome was deferred: the school is to send more evidence and resubmit by 9 January 2999.')).toBeTruthy();
    expect(within(screen.getByTestId('accuracy-judgement')).getByRole('heading').textContent).toBe(
      'Accuracy of the self-evaluation: not enough decided yet',
    );
  });
});

describe('The framework of a submission', () => {
  it('uses the copy that came inside the submission when the app does not have that version installed', async () => {
    const { db, platform, submission, framework, pdf, verify } = await setUp(async (db, key) => {
      const installed = await northEastFramework();
      const file = { ...installed.base.written, version: '1.0.1', title: 'North East SEN Accreditation Framework (partnership copy)' };
      const contentHash = await frameworkContentHash(file);
      await db.embeddedFrameworks.put({ contentHash, value: file });
      const [stored, data] = await Promise.all([db.importedSubmissions.get(key), db.importedSubmissionDocuments.get(key)]);
      const ref = { id: file.id, version: file.version, title: file.title, contentHash };
      await db.importedSubmissions.put({ ...stored!, framework: ref, frameworkSource: 'embedded' });
      await db.importedSubmissionDocuments.put({ key, document: { ...data!.document, framework: ref } });
    });
    await renderWithServices(<ModerationReviewScreen workspaceId={WORKSPACE.id} submissionId={submission.submissionId} />, {
      db,
      platform,
      pdfJobs: pdf.runner,
      verifyJobs: verify.runner,
    });
    await screen.findByRole('heading', { level: 1, name: 'Riverside Primary School: submission v1' });
    expect(
      screen.getByText(
        'North East SEN Accreditation Framework (partnership copy), version 1.0.1 (the copy inside the submission: it is not installed in this app)',
      ),
    ).toBeTruthy();
    expect(within(screen.getByTestId('moderation-criteria')).getAllByRole('row')).toHaveLength(framework.criteria.length + 1);
  });
});

// Visit sampling by the region's rule: see visit-sampling-rule.test.tsx.

describe('Outcome and report', () => {
  it('checks the outcome: a level other than the one the rules give needs a written reason', async () => {
    const { db, platform, user, submission, pdf, verify, framework, document } = await setUp();
    await renderWithServices(<ModerationOutcomeScreen workspaceId={WORKSPACE.id} submissionId={submission.submissionId} />, {
      db,
      platform,
      pdfJobs: pdf.runner,
      verifyJobs: verify.runner,
    });
    await screen.findByRole('heading', { level: 1, name: 'Outcome and moderation report' });
    expect(screen.getByRole('button', { name: 'Export the signed moderation report' })).toHaveProperty('disabled', true);

    await user.click(screen.getByRole('button', { name: 'Record the outcome' }));
    let summary = await screen.findByRole('alert');
    expect(
      within(summary)
        .getAllByRole('link')
        .map((a) => a.textContent),
    ).toEqual([
      'Choose the outcome of the moderation',
      'Name at least one strength of the school’s SEN provision',
      'Name at least one area for development, so the school knows what to work on next',
      'Write the feedback for the school',
      'Declare whether you have a conflict of interest with this school before you record the outcome',
    ]);

    const computed = moderatedAward(framework, document, []).achieved;
    const other = framework.levels.find((l) => l.id !== computed?.id)!;
    await user.click(screen.getByLabelText('Accredited'));
    const levels = screen.getByRole('group', { name: 'Level' });
    await user.click(within(levels).getByLabelText(new RegExp(`^${other.label}`)));
    await fillFeedbackAndDeclaration(user);
    await user.click(screen.getByRole('button', { name: 'Record the outcome' }));
    summary = await screen.findByRole('alert');
    expect(
      within(summary)
        .getAllByRole('link')
        .map((a) => a.textContent),
    ).toEqual(['Say why the level differs from the one the award rules give']);
    expect(screen.getByLabelText('Why the level differs from the one the rules give').getAttribute('aria-invalid')).toBe('true');
    expect(await db.moderationOutcomes.get(submission.key)).toBeUndefined();

    await user.type(screen.getByLabelText('Why the level differs from the one the rules give'), 'Seen on the visit.');
    await user.click(screen.getByRole('button', { name: 'Record the outcome' }));
    await screen.findByText(/^Outcome recorded: accredited at /);
    const outcome = await db.moderationOutcomes.get(submission.key);
    expect(outcome).toMatchObject({
      kind: 'accredited',
      levelId: other.id,
      computedLevelId: computed?.id ?? null,
      overrideReason: 'Seen on the visit.',
    });
    // The North East renews every three years.
    expect(outcome?.renewalDate.slice(0, 4)).toBe(String(new Date().getUTCFullYear() + 3));
    expect((await db.importedSubmissions.get(submission.key))?.status).toBe('decided');
    expect(screen.getByRole('button', { name: 'Export the signed moderation report' })).toHaveProperty('disabled', false);
  });

  it('exports the signed report, keeps it with its PDF and saves it under the standard name', async () => {
    const outcome = (key: string): ModerationOutcome => ({
      submissionKey: key,
      kind: 'not-yet',
      levelId: null,
      computedLevelId: null,
      overrideReason: '',
      renewalDate: '',
      feedback: 'Not yet.',
      decidedAt: '2026-12-01T12:00:00.000Z',
      strengths: ['A committed SENCO.'],
      areasForDevelopment: ['Parents’ views.'],
      recommendations: [],
      conflictOfInterest: { kind: 'none' },
      appealBy: '2026-12-29',
    });
    const { db, platform, user, submission, pdf, verify } = await setUp(async (db, key) => {
      await seedModeratorKey(db);
      await db.moderationOutcomes.put(outcome(key));
      await db.criterionModerations.put(moderationRecord(key, 'NE-1.1.3', 'more-evidence', 'Send minutes.'));
    });
    await renderWithServices(<ModerationOutcomeScreen workspaceId={WORKSPACE.id} submissionId={submission.submissionId} />, {
      db,
      platform,
      pdfJobs: pdf.runner,
      verifyJobs: verify.runner,
    });
    await user.click(await screen.findByRole('button', { name: 'Export the signed moderation report' }));
    await screen.findByRole('heading', { name: 'Moderation report exported' });

    const request = pdf.requests[0];
    if (request?.kind !== 'moderation-report') throw new Error('expected a moderation report job');
    expect(request.signing.certificateFingerprint).toBe(MODERATOR_FINGERPRINT);
    expect(request.input.outcome.feedback).toBe('Not yet.');
    expect(request.input.moderations.map((m) => m.criterionId)).toEqual(['NE-1.1.3']);
    const stored = await db.moderationReports.where('submissionKey').equals(submission.key).toArray();
    expect(stored).toHaveLength(1);
    expect(stored[0]?.document.submission.sha256).toBe(submission.fileSha256);
    expect(await stored[0]?.pdf.text()).toBe('%PDF-1.7 moderation-report');
    const saved = (platform as ReturnType<typeof recordingPlatform>).saved;
    expect(saved.map((s) => s.name)).toEqual([moderationFileName(stored[0]!.document)]);
    expect(within(screen.getByTestId('report-list')).getByRole('button', { name: `Save again ${stored[0]!.fileName}` })).toBeTruthy();
  });

  it('an outcome recorded before the declaration of interests is not signed: the screen says what to do', async () => {
    const { db, platform, user, submission, pdf, verify } = await setUp(async (db, key) => {
      await seedModeratorKey(db);
      await db.moderationOutcomes.put({
        submissionKey: key,
        kind: 'not-yet',
        levelId: null,
        computedLevelId: null,
        overrideReason: '',
        renewalDate: '',
        feedback: 'Not yet.',
        decidedAt: '2026-12-01T12:00:00.000Z',
      });
    });
    await renderWithServices(<ModerationOutcomeScreen workspaceId={WORKSPACE.id} submissionId={submission.submissionId} />, {
      db,
      platform,
      pdfJobs: pdf.runner,
      verifyJobs: verify.runner,
    });
    const button = await screen.findByRole('button', { name: 'Export the signed moderation report' });
    expect(button).toHaveProperty('disabled', true);
    const why = document.getElementById(button.getAttribute('aria-describedby') ?? '');
    expect(why?.textContent).toBe(
      'Declare whether you have a conflict of interest with this school, then record the outcome again before you sign the report.',
    );
    // The form opens with the recorded outcome and the declaration still to make.
    expect(screen.getByLabelText('Not accredited')).toHaveProperty('checked', true);
    expect(screen.getByLabelText('I have no conflict of interest with this school')).toHaveProperty('checked', false);
    await user.click(screen.getByRole('button', { name: 'Record the outcome again' }));
    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('link', { name: /^Declare whether you have a conflict of interest/ })).toBeTruthy();
    expect(pdf.requests).toHaveLength(0);
  });

  it('records an award with two dated conditions, refusing a condition due before today and one without words', async () => {
    const { db, platform, user, submission, pdf, verify, framework, document: submitted } = await setUp();
    await renderWithServices(<ModerationOutcomeScreen workspaceId={WORKSPACE.id} submissionId={submission.submissionId} />, {
      db,
      platform,
      pdfJobs: pdf.runner,
      verifyJobs: verify.runner,
    });
    await screen.findByRole('heading', { level: 1, name: 'Outcome and moderation report' });
    await user.click(screen.getByLabelText('Accredited with conditions'));
    const computed = moderatedAward(framework, submitted, []).achieved;
    if (!computed) await user.click(within(screen.getByRole('group', { name: 'Level' })).getAllByRole('radio')[0]!);
    await user.click(screen.getByRole('button', { name: 'Add a condition' }));
    await user.click(screen.getByRole('button', { name: 'Add another condition' }));
    await user.type(
      screen.getByLabelText('What the school must do', { selector: '#outcome-conditions-0-text' }),
      'Publish the SEN information report.',
    );
    const first = screen.getByRole('group', { name: 'Condition 1 is due by' });
    await user.type(within(first).getByLabelText('Day'), '1');
    await user.type(within(first).getByLabelText('Month'), '1');
    await user.type(within(first).getByLabelText('Year'), '2020');
    const second = screen.getByRole('group', { name: 'Condition 2 is due by' });
    await user.type(within(second).getByLabelText('Day'), '30');
    await user.type(within(second).getByLabelText('Month'), '6');
    await user.type(within(second).getByLabelText('Year'), '2999');
    await fillFeedbackAndDeclaration(user);
    await user.click(screen.getByRole('button', { name: 'Record the outcome' }));
    const summary = await screen.findByRole('alert');
    expect(
      within(summary)
        .getAllByRole('link')
        .map((a) => a.textContent),
    ).toEqual([
      'The date condition 1 is due is before today: the school needs time, so choose today or a later date',
      'Say what condition 2 asks the school to do',
    ]);
    expect(await db.moderationOutcomes.get(submission.key)).toBeUndefined();

    await user.clear(within(first).getByLabelText('Year'));
    await user.type(within(first).getByLabelText('Year'), '2999');
    await user.type(screen.getByLabelText('What the school must do', { selector: '#outcome-conditions-1-text' }), 'Train the governors.');
    await user.click(screen.getByRole('button', { name: 'Record the outcome' }));
    await screen.findByText(/^Outcome recorded: accredited at .* with 2 conditions, renewal due /);
    const outcome = await db.moderationOutcomes.get(submission.key);
    expect(outcome).toMatchObject({
      kind: 'accredited-with-conditions',
      conditions: [
        { text: 'Publish the SEN information report.', dueOn: '2999-01-01', dischargedOn: null },
        { text: 'Train the governors.', dueOn: '2999-06-30', dischargedOn: null },
      ],
      strengths: ['Clear leadership of SEN.'],
      areasForDevelopment: ['Gather parents’ views each term.'],
      conflictOfInterest: { kind: 'none' },
    });
    expect(outcome?.appealBy).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(screen.getByRole('button', { name: 'Export the signed moderation report' })).toHaveProperty('disabled', false);
  });

  it('a deferral lists a request for each criterion marked "more evidence", with what was asked, and needs the dates', async () => {
    const { db, platform, user, submission, pdf, verify } = await setUp(async (db, key) => {
      await db.criterionModerations.put(moderationRecord(key, 'NE-1.1.3', 'more-evidence', 'Send the minutes.'));
    });
    await renderWithServices(<ModerationOutcomeScreen workspaceId={WORKSPACE.id} submissionId={submission.submissionId} />, {
      db,
      platform,
      pdfJobs: pdf.runner,
      verifyJobs: verify.runner,
    });
    await screen.findByRole('heading', { level: 1, name: 'Outcome and moderation report' });
    await user.click(screen.getByLabelText('Deferred'));
    expect((screen.getByLabelText('Criterion') as HTMLSelectElement).value).toBe('NE-1.1.3');
    expect((screen.getByLabelText('What to send') as HTMLTextAreaElement).value).toBe('Send the minutes.');
    await fillFeedbackAndDeclaration(user);
    await user.click(screen.getByLabelText('I declare a conflict of interest'));
    await user.click(screen.getByRole('button', { name: 'Record the outcome' }));
    const summary = await screen.findByRole('alert');
    expect(
      within(summary)
        .getAllByRole('link')
        .map((a) => a.textContent),
    ).toEqual([
      'Give the date the school must resubmit by',
      'Give the date request 1 is due',
      'Describe the conflict of interest: your link with the school',
    ]);
    // Each link leads to its field.
    await user.click(within(summary).getByRole('link', { name: 'Give the date request 1 is due' }));
    expect(document.activeElement?.id).toBe('outcome-evidenceRequests-0-dueOn-day');

    const resubmit = screen.getByRole('group', { name: 'The school must resubmit by' });
    await user.type(within(resubmit).getByLabelText('Day'), '31');
    await user.type(within(resubmit).getByLabelText('Month'), '1');
    await user.type(within(resubmit).getByLabelText('Year'), '2999');
    const due = screen.getByRole('group', { name: 'Request 1 is due by' });
    await user.type(within(due).getByLabelText('Day'), '15');
    await user.type(within(due).getByLabelText('Month'), '1');
    await user.type(within(due).getByLabelText('Year'), '2999');
    await user.type(screen.getByLabelText('Your link with the school'), 'I was a governor here until 2022.');
    await user.click(screen.getByRole('button', { name: 'Record the outcome' }));
    await screen.findByText('Outcome recorded: deferred, to be resubmitted by 31 January 2999. You can now export the signed report.');
    expect(await db.moderationOutcomes.get(submission.key)).toMatchObject({
      kind: 'deferred',
      resubmitBy: '2999-01-31',
      evidenceRequests: [{ criterionId: 'NE-1.1.3', what: 'Send the minutes.', dueOn: '2999-01-15', receivedOn: null }],
      conflictOfInterest: { kind: 'declared', text: 'I was a governor here until 2022.' },
    });
  });

  it('shows the export’s progress with Cancel focused; cancelling keeps nothing', async () => {
    const { db, platform, user, submission, verify } = await setUp(async (db, key) => {
      await seedModeratorKey(db);
      await db.moderationOutcomes.put({
        submissionKey: key,
        kind: 'deferred',
        levelId: null,
        computedLevelId: null,
        overrideReason: '',
        renewalDate: '',
        feedback: 'Waiting for evidence.',
        decidedAt: '2026-12-01T12:00:00.000Z',
        resubmitBy: '2027-01-31',
        evidenceRequests: [{ criterionId: 'NE-1.1.3', what: 'Send minutes.', dueOn: '2027-01-15', receivedOn: null }],
        strengths: ['A committed SENCO.'],
        areasForDevelopment: ['Parents’ views.'],
        recommendations: [],
        conflictOfInterest: { kind: 'none' },
        appealBy: '2026-12-29',
      });
    });
    await renderWithServices(<ModerationOutcomeScreen workspaceId={WORKSPACE.id} submissionId={submission.submissionId} />, {
      db,
      platform,
      pdfJobs: fakePdfRunner('hang').runner,
      verifyJobs: verify.runner,
    });
    await user.click(await screen.findByRole('button', { name: 'Export the signed moderation report' }));
    await screen.findByRole('progressbar', { name: 'Exporting the signed moderation report' });
    expect(document.activeElement?.textContent).toBe('Cancel');
    await user.keyboard('{Enter}');
    await screen.findByText('Cancelled. Nothing was saved.');
    expect(await db.moderationReports.count()).toBe(0);
    expect((platform as ReturnType<typeof recordingPlatform>).saved).toEqual([]);
  });
});
