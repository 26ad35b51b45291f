import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { responseKey } from '../../shared/evaluation/evaluation-records';
import { CriterionScreen } from '../../renderer/school/evaluation/CriterionScreen';
import { freshDatabase, renderWithServices, seedSchoolAndEvaluation } from './render-app';

/**
 * Render counters: the side list of criteria counts each time it is drawn, and the criterion's
 * evidence section each time it asks for its evidence (once per render). The real code still answers.
 */
const counts = vi.hoisted(() => ({ nav: 0, evidence: 0 }));

vi.mock('../../renderer/ui/StrandCriteriaNav', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../renderer/ui/StrandCriteriaNav')>();
  return {
    ...original,
    StrandCriteriaNav: (props: Parameters<typeof original.StrandCriteriaNav>[0]) => {
      counts.nav += 1;
      return original.StrandCriteriaNav(props);
    },
  };
});

vi.mock('../../renderer/db/evidence-queries', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../renderer/db/evidence-queries')>();
  return {
    ...original,
    useCriterionEvidence: (...args: Parameters<typeof original.useCriterionEvidence>) => {
      counts.evidence += 1;
      return original.useCriterionEvidence(...args);
    },
  };
});

beforeEach(() => {
  localStorage.clear();
  counts.nav = 0;
  counts.evidence = 0;
});

describe('criterion screen while the narrative autosaves', () => {
  it('draws neither the side list nor the evidence section again when a save changes no mark', async () => {
    const db = freshDatabase();
    const { evaluation, framework } = await seedSchoolAndEvaluation(db);
    const criterion = framework.criteria[0]!;
    const user = userEvent.setup();
    await renderWithServices(<CriterionScreen evaluationId={evaluation.id} criterionId={criterion.id} />, { db });
    await screen.findByText('No evidence linked yet.', {}, { timeout: 10_000 });
    const narrative = await screen.findByLabelText('Narrative');
    // The side list is drawn once the criterion is on screen.
    await screen.findByRole('link', { name: new RegExp(`^${criterion.id} .*: not judged`) });
    expect(counts.nav).toBeGreaterThan(0);
    expect(counts.evidence).toBeGreaterThan(0);

    // The first save writes the record the side list reads, and the next saves change it again.
    await user.type(narrative, 'Policy agreed.');
    await waitFor(
      async () => expect((await db.responses.get(responseKey(evaluation.id, criterion.id)))?.narrative).toBe('Policy agreed.'),
      {
        timeout: 3000,
      },
    );
    await screen.findByText(/^Saved at/);
    const navAfterFirstSave = counts.nav;
    const evidenceAfterFirstSave = counts.evidence;
    await user.type(narrative, ' Reviewed in June.');
    await waitFor(
      async () =>
        expect((await db.responses.get(responseKey(evaluation.id, criterion.id)))?.narrative).toBe('Policy agreed. Reviewed in June.'),
      { timeout: 3000 },
    );
    await screen.findByText(/^Saved at/);
    // Let the live reads that follow the save arrive and be drawn.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect({ nav: counts.nav, evidence: counts.evidence }).toEqual({ nav: navAfterFirstSave, evidence: evidenceAfterFirstSave });
  });

  it('draws the side list again when a judgement changes its mark', async () => {
    const db = freshDatabase();
    const { evaluation, framework } = await seedSchoolAndEvaluation(db);
    const criterion = framework.criteria[0]!;
    const user = userEvent.setup();
    await renderWithServices(<CriterionScreen evaluationId={evaluation.id} criterionId={criterion.id} />, { db });
    await screen.findByText('No evidence linked yet.', {}, { timeout: 10_000 });
    const link = await screen.findByRole('link', { name: new RegExp(`^${criterion.id} .*: not judged`) });
    expect(link).toBeTruthy();
    await user.click(screen.getByLabelText('Established'));
    await screen.findByRole('link', { name: new RegExp(`^${criterion.id} .*: judged`) }, { timeout: 10_000 });
  });
});
