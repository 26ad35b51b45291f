import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { responseKey } from '../../shared/evaluation/evaluation-records';
import { CriterionScreen } from '../../renderer/school/evaluation/CriterionScreen';
import { freshDatabase, renderWithServices, seedSchoolAndEvaluation } from './render-app';

describe('the narrative box on the criterion screen', () => {
  it('grows with the text and counts its words, read with the box rather than announced at each key', async () => {
    const db = freshDatabase();
    const { evaluation, framework } = await seedSchoolAndEvaluation(db);
    const criterion = framework.criteria[0]!;
    const user = userEvent.setup();
    await renderWithServices(<CriterionScreen evaluationId={evaluation.id} criterionId={criterion.id} />, { db });
    const box = (await screen.findByLabelText('Narrative')) as HTMLTextAreaElement;

    const words = document.getElementById('narrative-words');
    expect(words?.textContent).toBe('No words yet');
    expect(box.getAttribute('aria-describedby')?.split(' ')).toContain('narrative-words');
    expect(words?.closest('[aria-live], [role="status"], [role="alert"]')).toBeNull();
    const rowsAtFirst = box.rows;
    expect(rowsAtFirst).toBe(8);
    expect(box.classList.contains('textarea--grows')).toBe(true);

    await user.type(box, 'Policy agreed by governors in March.');
    expect(words?.textContent).toBe('6 words');
    expect(box.rows).toBe(8);

    // Twelve short paragraphs: more lines than eight rows show.
    for (let line = 1; line <= 12; line += 1) await user.type(box, `{Enter}Point ${line}`);
    expect(words?.textContent).toBe('30 words');
    expect(box.rows).toBeGreaterThan(rowsAtFirst);
    expect(box.rows).toBe(14);
    await waitFor(async () => expect((await db.responses.get(responseKey(evaluation.id, criterion.id)))?.narrative).toBe(box.value), {
      timeout: 3000,
    });

    await user.clear(box);
    expect(words?.textContent).toBe('No words yet');
    expect(box.rows).toBe(8);
  });
});
