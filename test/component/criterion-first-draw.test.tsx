import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CriterionScreen } from '../../renderer/school/evaluation/CriterionScreen';
import { saveResponseChanges } from '../../renderer/db/evaluation-store';
import { freshDatabase, renderWithServices, seedSchoolAndEvaluation } from './render-app';
import { holdFrames } from './hold-frames';

describe('the criterion screen’s first draw', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('draws the criterion and its narrative box first, and the side list of every criterion, with its marks, once that is on screen', async () => {
    const db = freshDatabase();
    const { evaluation, framework } = await seedSchoolAndEvaluation(db);
    const [criterion, judged] = framework.criteria;
    const established = framework.scale.points.find((p) => p.label === 'Established')!;
    await saveResponseChanges(
      db,
      evaluation.id,
      judged!.id,
      { judgement: null, narrative: '', nextSteps: '' },
      { judgement: established.id, narrative: 'Reviewed each term.', nextSteps: '' },
    );
    const frames = holdFrames();
    await renderWithServices(<CriterionScreen evaluationId={evaluation.id} criterionId={criterion!.id} />, { db });
    const narrative = await screen.findByLabelText('Narrative', {}, { timeout: 10_000 });
    expect(narrative).toBeInstanceOf(HTMLTextAreaElement);
    expect((narrative as HTMLTextAreaElement).disabled).toBe(false);
    const side = screen.getByRole('complementary', { name: 'All criteria' });
    expect(within(side).queryAllByRole('link')).toHaveLength(0);
    expect(side.textContent).toBe('Loading the list of criteria…');

    frames.release();
    const mark = await within(side).findByRole('link', { name: new RegExp(`^${judged!.id} .*: judged`) }, { timeout: 10_000 });
    expect(mark.getAttribute('href')).toContain(judged!.id);
    await waitFor(() => expect(within(side).getByRole('link', { name: new RegExp(`^${criterion!.id} .*: not judged`) })).toBeTruthy());
  });
});
