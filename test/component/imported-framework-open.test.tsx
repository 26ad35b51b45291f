import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ModerationReviewScreen } from '../../renderer/moderation/review/ModerationReviewScreen';
import { CriteriaOverviewScreen } from '../../renderer/school/evaluation/CriteriaOverviewScreen';
import { DashboardScreen } from '../../renderer/school/evaluation/DashboardScreen';
import { EvidenceScreen } from '../../renderer/school/evidence/EvidenceScreen';
import { seedModeratorSubmission, WORKSPACE } from './moderation-test-data';
import { freshDatabase, renderWithServices, seedSchoolAndEvaluation } from './render-app';

const NOT_INSTALLED = 'The framework for this evaluation is not installed';

/** Every text the page showed while `work` ran, caught at each change to it. */
async function textsShownDuring(work: () => Promise<void>): Promise<string[]> {
  const shown: string[] = [];
  const observer = new MutationObserver(() => shown.push(document.body.textContent ?? ''));
  observer.observe(document.body, { subtree: true, childList: true, characterData: true });
  try {
    await work();
  } finally {
    shown.push(...observer.takeRecords().map(() => document.body.textContent ?? ''));
    observer.disconnect();
  }
  return shown;
}

afterEach(() => {
  vi.restoreAllMocks();
});

/** Each SHA-256 from now on takes a moment longer, as checking a large imported framework does. */
function slowDigests(ms: number): void {
  const subtle = globalThis.crypto.subtle;
  const digest = subtle.digest.bind(subtle);
  vi.spyOn(subtle, 'digest').mockImplementation(async (algorithm: AlgorithmIdentifier, data: BufferSource) => {
    await new Promise((resolve) => setTimeout(resolve, ms));
    return digest(algorithm, data);
  });
}

// An evaluation on a framework the school imported (here a partnership's editable copy): the
// imported frameworks are read from the database and checked after the app has started, and an
// evaluation read before they are ready is still loading, not on a framework that is missing.
describe('opening an evaluation on an imported framework', () => {
  const screens = [
    { name: 'the evidence library', heading: 'Evidence library', draw: (id: string) => <EvidenceScreen evaluationId={id} /> },
    { name: 'the criteria overview', heading: 'Criteria', draw: (id: string) => <CriteriaOverviewScreen evaluationId={id} /> },
    { name: 'the dashboard', heading: 'Accreditation 2026', draw: (id: string) => <DashboardScreen evaluationId={id} /> },
  ];

  for (const { name, heading, draw } of screens) {
    it(`shows ${name} without ever saying its framework is not installed`, async () => {
      const db = freshDatabase();
      const { evaluation } = await seedSchoolAndEvaluation(db);
      slowDigests(300);
      const shown = await textsShownDuring(async () => {
        await renderWithServices(draw(evaluation.id), { db });
        await screen.findByRole('heading', { level: 1, name: new RegExp(heading) }, { timeout: 10_000 });
      });
      expect(shown.length).toBeGreaterThan(0);
      expect(shown.filter((text) => text.includes(NOT_INSTALLED))).toEqual([]);
    });
  }

  it('says so once the imported frameworks are read and its framework is not among them', async () => {
    const db = freshDatabase();
    const { evaluation } = await seedSchoolAndEvaluation(db);
    await db.frameworks.clear();
    await renderWithServices(<EvidenceScreen evaluationId={evaluation.id} />, { db });
    expect(await screen.findByRole('heading', { level: 1, name: NOT_INSTALLED }, { timeout: 10_000 })).toBeTruthy();
  });

  it('shows a submission made against it to a moderator without ever saying its framework cannot be found', async () => {
    const db = freshDatabase();
    const { framework } = await seedSchoolAndEvaluation(db);
    const { submission } = await seedModeratorSubmission(db, framework);
    slowDigests(300);
    const shown = await textsShownDuring(async () => {
      await renderWithServices(<ModerationReviewScreen workspaceId={WORKSPACE.id} submissionId={submission.submissionId} />, { db });
      await screen.findByRole('heading', { level: 1, name: /submission v1/ }, { timeout: 10_000 });
    });
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.filter((text) => text.includes('cannot be found') || text.includes('not installed'))).toEqual([]);
  });
});
