import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ModerationCriterionScreen } from '../../renderer/moderation/review/ModerationCriterionScreen';
import { fakePdfRunner, fakeVerifyRunner, seedModeratorSubmission, WORKSPACE } from './moderation-test-data';
import { freshDatabase, recordingPlatform, renderWithServices } from './render-app';

const REASON = 'No pupil at the school is in the group this criterion is about; the office checks each term.';

/** The moderator's criterion screen with the school's "not applicable" claim on NE-1.1.2. */
async function renderCriterion(criterionId: string) {
  const db = freshDatabase();
  const { submission, document } = await seedModeratorSubmission(db);
  const claimed = {
    ...document,
    responses: document.responses.map((r) =>
      r.criterionId === 'NE-1.1.2' ? { ...r, judgement: null, notApplicable: { reason: REASON } } : r,
    ),
  };
  await db.importedSubmissionDocuments.put({ key: submission.key, document: claimed });
  await renderWithServices(
    <ModerationCriterionScreen workspaceId={WORKSPACE.id} submissionId={submission.submissionId} criterionId={criterionId} />,
    { db, platform: recordingPlatform(), pdfJobs: fakePdfRunner().runner, verifyJobs: fakeVerifyRunner().runner },
  );
  await screen.findByRole('heading', { level: 1, name: new RegExp(criterionId.replace(/\./g, '\\.')) });
  return within(screen.getByRole('region', { name: 'What the school says' }));
}

describe('the school’s "not applicable" claim on the moderator’s criterion screen', () => {
  it('shows the claim with the school’s reason beside the school’s response', async () => {
    const school = await renderCriterion('NE-1.1.2');
    expect(school.getByText(`The school says this criterion does not apply: ${REASON}`)).toBeTruthy();
  });

  it('shows no claim on a criterion the school judged', async () => {
    const school = await renderCriterion('NE-1.1.1');
    expect(school.queryByText(/The school says this criterion does not apply/)).toBeNull();
  });
});
