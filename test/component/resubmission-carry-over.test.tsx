import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { AppDatabase } from '../../renderer/db/app-database';
import { carryOverFromEarlierVersion } from '../../renderer/db/resubmission-store';
import { ModerationCriterionScreen } from '../../renderer/moderation/review/ModerationCriterionScreen';
import { ModerationReviewScreen } from '../../renderer/moderation/review/ModerationReviewScreen';
import { criterionModerationKey } from '../../shared/moderation/moderation-records';
import type { SubmissionDocument } from '../../shared/submission/submission-format';
import {
  fakePdfRunner,
  fakeVerifyRunner,
  importedFrom,
  moderationRecord,
  seedModeratorSubmission,
  WORKSPACE,
} from './moderation-test-data';
import { freshDatabase, recordingPlatform, renderWithServices } from './render-app';

/**
 * Version 1 of Riverside Primary School decided on three criteria (NE-1.1.1 agreed, NE-1.1.2
 * moderated, NE-1.1.3 more evidence), and version 2, in which the school rewrote NE-1.1.2's narrative.
 */
async function twoVersions(edit: (v2: SubmissionDocument) => void = () => {}) {
  const db = freshDatabase();
  const { framework, document, submission } = await seedModeratorSubmission(db);
  const lowest = framework.scale.points.at(-1)!.id;
  await db.criterionModerations.bulkPut([
    moderationRecord(submission.key, 'NE-1.1.1', 'agree', ''),
    moderationRecord(submission.key, 'NE-1.1.2', 'moderated', 'Not seen in most classrooms.', lowest),
    moderationRecord(submission.key, 'NE-1.1.3', 'more-evidence', 'Send the minutes.'),
  ]);
  const v2 = structuredClone(document);
  v2.version = 2;
  v2.submissionId = `${document.submissionId}-v2`;
  v2.responses.find((r) => r.criterionId === 'NE-1.1.2')!.narrative += ' Since the visit, every class has a provision map.';
  edit(v2);
  // The record names the installed framework, so the screens can open it whatever the data says.
  const second = { ...importedFrom(v2), version: 2, framework: submission.framework };
  await db.transaction('rw', db.importedSubmissions, db.importedSubmissionDocuments, async () => {
    await db.importedSubmissions.put(second);
    await db.importedSubmissionDocuments.put({ key: second.key, document: v2 });
  });
  return { db, framework, first: submission, second, lowest, user: userEvent.setup() };
}

async function renderScreen(db: AppDatabase, screenElement: React.ReactElement) {
  await renderWithServices(screenElement, {
    db,
    platform: recordingPlatform(),
    pdfJobs: fakePdfRunner().runner,
    verifyJobs: fakeVerifyRunner().runner,
  });
}

describe('A later version of a submission takes over the decisions on the criteria the school left as they were', () => {
  it('carries them over when version 2 is opened, lists the changed criterion first and counts the carried ones as reviewed', async () => {
    const { db, second } = await twoVersions();
    await renderScreen(db, <ModerationReviewScreen workspaceId={WORKSPACE.id} submissionId={second.submissionId} />);
    await screen.findByRole('heading', { level: 1, name: 'Riverside Primary School: submission v2' });

    const summary = await screen.findByTestId('carry-over-summary', {}, { timeout: 5_000 });
    expect(summary.textContent).toBe(
      '1 of 63 criteria changed since version 1. 2 decisions were carried over from the criteria that did not change. Carried decisions count as reviewed; you can still change any of them.',
    );
    expect(screen.getByText(/^2 of 63 criteria reviewed: 1 agreed, 0 moderated, 1 needing more evidence\.$/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Continue with NE-1.1.2, the next not yet reviewed' })).toBeTruthy();

    const table = screen.getByTestId('moderation-criteria');
    expect(within(table).getByRole('columnheader', { name: 'Since version 1' })).toBeTruthy();
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows[0]?.textContent).toMatch(/^NE-1\.1\.2Changed or new: review it/);
    expect(rows[0]?.textContent).toMatch(/Not reviewed yet/);
    // The carried decisions come last, each saying where it came from.
    const last = rows.slice(-2).map((r) => within(r).getByRole('rowheader').textContent);
    expect(last).toEqual(['NE-1.1.1', 'NE-1.1.3']);
    expect(rows.at(-1)?.textContent).toMatch(/^NE-1\.1\.3Carried over from version 1\w+More evidence neededSend the minutes\.$/);

    // Stored as real decisions on version 2, marked with the version they came from; the status moved on.
    const stored = await db.criterionModerations.where('submissionKey').equals(second.key).toArray();
    expect(stored.map((m) => [m.criterionId, m.decision, m.carriedFrom?.version]).sort()).toEqual([
      ['NE-1.1.1', 'agree', 1],
      ['NE-1.1.3', 'more-evidence', 1],
    ]);
    expect((await db.importedSubmissions.get(second.key))?.status).toBe('in-review');
  });

  it('is done once: opening again, or carrying again after a decision was changed, writes nothing more', async () => {
    const { db, second, first } = await twoVersions();
    const record = await carryOverFromEarlierVersion(db, second.key);
    expect(record).toMatchObject({ fromSubmissionKey: first.key, fromVersion: 1, changed: ['NE-1.1.2'], carried: 2, refused: null });
    // The moderator takes a carried decision away, and decides on version 1 again meanwhile.
    await db.criterionModerations.delete(criterionModerationKey(second.key, 'NE-1.1.1'));
    await db.criterionModerations.put(moderationRecord(first.key, 'NE-1.1.4', 'agree', ''));
    const again = await carryOverFromEarlierVersion(db, second.key);
    expect(again).toEqual(record);
    const stored = await db.criterionModerations.where('submissionKey').equals(second.key).toArray();
    expect(stored.map((m) => m.criterionId)).toEqual(['NE-1.1.3']);
  });

  it('carries nothing to version 1, nor when no earlier version has a decision', async () => {
    const { db, first, second } = await twoVersions();
    expect(await carryOverFromEarlierVersion(db, first.key)).toBeNull();
    await db.criterionModerations.where('submissionKey').equals(first.key).delete();
    expect(await carryOverFromEarlierVersion(db, second.key)).toBeNull();
    expect((await db.importedSubmissions.get(second.key))?.carryOver).toBeUndefined();
    expect(await db.criterionModerations.where('submissionKey').equals(second.key).count()).toBe(0);
  });

  it('says why nothing was carried when version 2 was made against another framework', async () => {
    const { db, second } = await twoVersions((v2) => {
      v2.framework = { ...v2.framework, contentHash: '0'.repeat(64) };
    });
    await renderScreen(db, <ModerationReviewScreen workspaceId={WORKSPACE.id} submissionId={second.submissionId} />);
    const summary = await screen.findByTestId('carry-over-summary');
    expect(summary.textContent).toMatch(/^Version 2 was made against a different framework from version 1/);
    expect(await db.criterionModerations.where('submissionKey').equals(second.key).count()).toBe(0);
  });

  it('lets the moderator change a carried decision, which is then no longer carried over', async () => {
    const { db, second, user } = await twoVersions();
    await carryOverFromEarlierVersion(db, second.key);
    await renderScreen(
      db,
      <ModerationCriterionScreen workspaceId={WORKSPACE.id} submissionId={second.submissionId} criterionId="NE-1.1.3" />,
    );
    expect((await screen.findByTestId('carried-over')).textContent).toBe(
      'Carried over from version 1: this criterion has not changed since.',
    );
    const decision = screen.getByRole('group', { name: 'Decision on NE-1.1.3' });
    await user.click(within(decision).getByLabelText('Agree with the school'));
    await waitFor(async () => {
      const stored = await db.criterionModerations.get(criterionModerationKey(second.key, 'NE-1.1.3'));
      expect(stored?.decision).toBe('agree');
      expect(stored?.carriedFrom).toBeUndefined();
    });
    await waitFor(() => expect(screen.queryByTestId('carried-over')).toBeNull());
  });
});
