import { fireEvent, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { responseKey } from '../../shared/evaluation/evaluation-records';
import { CriterionScreen } from '../../renderer/school/evaluation/CriterionScreen';
import { freshDatabase, renderWithServices, seedSchoolAndEvaluation } from './render-app';

/**
 * Counts each time the criterion's form is drawn: its save status is drawn once per drawing of the
 * form (the real status is still shown).
 */
const counts = vi.hoisted(() => ({ form: 0 }));

vi.mock('../../renderer/ui/SaveStatus', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../renderer/ui/SaveStatus')>();
  return {
    ...original,
    SaveStatus: (props: Parameters<typeof original.SaveStatus>[0]) => {
      counts.form += 1;
      return original.SaveStatus(props);
    },
  };
});

beforeEach(() => {
  counts.form = 0;
});

const TYPED = 'Pupils with SEN read with an adult daily and progress is tracked each half term.';

describe('typing in the narrative', () => {
  it('draws the narrative field at each key, not the whole form, and still counts words, grows the box and saves every key', async () => {
    const db = freshDatabase();
    const { evaluation, framework } = await seedSchoolAndEvaluation(db);
    const criterion = framework.criteria[0]!;
    await renderWithServices(<CriterionScreen evaluationId={evaluation.id} criterionId={criterion.id} />, { db });
    const box = (await screen.findByLabelText('Narrative')) as HTMLTextAreaElement;
    const words = document.getElementById('narrative-words')!;
    const nextSteps = screen.getByLabelText('Next steps') as HTMLTextAreaElement;
    const formDrawsBefore = counts.form;

    // One key at a time, each handled and drawn before the next; no timer runs in between, so no save does.
    let text = '';
    for (const key of TYPED) {
      text += key;
      fireEvent.change(box, { target: { value: text } });
      expect(box.value).toBe(text);
    }
    expect(words.textContent).toBe('15 words');
    // Lines enough to pass the eight rows the box starts with: the rows follow the text.
    for (let line = 1; line <= 10; line += 1) {
      text += `\nPoint ${line}`;
      fireEvent.change(box, { target: { value: text } });
    }
    expect(words.textContent).toBe('35 words');
    // Eleven lines (the first fills one row of eighty characters) and one for the next line.
    expect(box.rows).toBe(12);
    // The next steps' box alike.
    fireEvent.change(nextSteps, { target: { value: 'Train two more staff.' } });
    expect(nextSteps.value).toBe('Train two more staff.');

    // TYPED.length + 11 changes; the form itself was not drawn again for any of them.
    expect(counts.form - formDrawsBefore).toBe(0);

    // Autosave then saves everything typed.
    await waitFor(
      async () => {
        const stored = await db.responses.get(responseKey(evaluation.id, criterion.id));
        expect({ narrative: stored?.narrative, nextSteps: stored?.nextSteps }).toEqual({
          narrative: text,
          nextSteps: 'Train two more staff.',
        });
      },
      { timeout: 3000 },
    );
    await screen.findByText(/^Saved at/);
  });

  it('still shows the message when the narrative is longer than a submission holds', async () => {
    const db = freshDatabase();
    const { evaluation, framework } = await seedSchoolAndEvaluation(db);
    const criterion = framework.criteria[0]!;
    await renderWithServices(<CriterionScreen evaluationId={evaluation.id} criterionId={criterion.id} />, { db });
    const box = (await screen.findByLabelText('Narrative')) as HTMLTextAreaElement;
    fireEvent.change(box, { target: { value: 'word '.repeat(40_000) } });
    expect(document.getElementById('narrative-error')?.textContent ?? '').toMatch(/narrative/i);
    expect(box.getAttribute('aria-invalid')).toBe('true');
    fireEvent.change(box, { target: { value: 'Short again.' } });
    expect(document.getElementById('narrative-error')).toBeNull();
  });
});
