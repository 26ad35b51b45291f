import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { responseKey } from '../../shared/evaluation/evaluation-records';
import { CriterionScreen } from '../../renderer/school/evaluation/CriterionScreen';
import type { AppDatabase } from '../../renderer/db/app-database';
import { freshDatabase, renderWithServices, seedSchoolAndEvaluation } from './render-app';

/**
 * Render counters: the side list of criteria counts each time it is drawn, and the criterion's
 * evidence section each time it asks for its evidence (once per render); likewise the part saying
 * what the criterion asks (its glossary terms, drawn once per drawing of that part), the side list's
 * own component (its read of the marks), the earlier narratives and the moderator's decision (their
 * reads). The real code still answers.
 */
const counts = vi.hoisted(() => ({ nav: 0, evidence: 0, about: 0, sideList: 0, previous: 0, decision: 0 }));

vi.mock('../../renderer/ui/GlossaryTermsUsed', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../renderer/ui/GlossaryTermsUsed')>();
  return {
    ...original,
    GlossaryTermsUsed: (props: Parameters<typeof original.GlossaryTermsUsed>[0]) => {
      counts.about += 1;
      return original.GlossaryTermsUsed(props);
    },
  };
});

vi.mock('../../renderer/db/evaluation-queries', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../renderer/db/evaluation-queries')>();
  return {
    ...original,
    useCriteriaMarkRecords: (...args: Parameters<typeof original.useCriteriaMarkRecords>) => {
      counts.sideList += 1;
      return original.useCriteriaMarkRecords(...args);
    },
  };
});

vi.mock('../../renderer/db/use-previous-narratives', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../renderer/db/use-previous-narratives')>();
  return {
    ...original,
    usePreviousNarratives: (...args: Parameters<typeof original.usePreviousNarratives>) => {
      counts.previous += 1;
      return original.usePreviousNarratives(...args);
    },
  };
});

vi.mock('../../renderer/db/received-report-queries', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../renderer/db/received-report-queries')>();
  return {
    ...original,
    useLatestSubmissionReport: (...args: Parameters<typeof original.useLatestSubmissionReport>) => {
      counts.decision += 1;
      return original.useLatestSubmissionReport(...args);
    },
  };
});

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
  for (const key of Object.keys(counts) as (keyof typeof counts)[]) counts[key] = 0;
});

/** Waits until the stored narrative is `text` and the form says it is saved, then for the live reads that follow. */
async function savedAs(db: AppDatabase, key: string, text: string) {
  await waitFor(async () => expect((await db.responses.get(key))?.narrative).toBe(text), { timeout: 3000 });
  await screen.findByText(/^Saved at/);
  await new Promise((resolve) => setTimeout(resolve, 200));
}

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

  it('draws none of what the criterion asks, the side list, the earlier narratives or the moderator’s decision again while saves follow typing', async () => {
    const db = freshDatabase();
    const { evaluation, framework } = await seedSchoolAndEvaluation(db);
    const criterion = framework.criteria[0]!;
    const key = responseKey(evaluation.id, criterion.id);
    const user = userEvent.setup();
    await renderWithServices(<CriterionScreen evaluationId={evaluation.id} criterionId={criterion.id} />, { db });
    await screen.findByText('No evidence linked yet.', {}, { timeout: 10_000 });
    const narrative = await screen.findByLabelText('Narrative');
    await screen.findByRole('link', { name: new RegExp(`^${criterion.id} .*: not judged`) });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(counts.about).toBeGreaterThan(0);
    expect(counts.sideList).toBeGreaterThan(0);
    expect(counts.previous).toBeGreaterThan(0);
    expect(counts.decision).toBeGreaterThan(0);
    const before = { ...counts };

    // Three saves, the first creating the record: each stamps the evaluation and the response, which
    // the screen follows live, and changes nothing these parts show.
    await user.type(narrative, 'Policy agreed.');
    await savedAs(db, key, 'Policy agreed.');
    await user.type(narrative, ' Reviewed in June.');
    await savedAs(db, key, 'Policy agreed. Reviewed in June.');
    await user.type(narrative, ' Shared with governors.');
    await savedAs(db, key, 'Policy agreed. Reviewed in June. Shared with governors.');

    // The side list draws its own marks once more when the first save creates the record (one more
    // response, judged by no one); otherwise none of these parts is drawn again.
    expect({ ...counts, sideList: Math.max(before.sideList, counts.sideList - 1) }).toEqual(before);
    // What the screen shows is still there, and the typing was kept.
    expect(screen.getByRole('heading', { level: 1 }).textContent).toContain(criterion.id);
    expect((narrative as HTMLTextAreaElement).value).toBe('Policy agreed. Reviewed in June. Shared with governors.');
  });
});
