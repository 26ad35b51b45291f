import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { CriterionScreen } from '../../renderer/school/evaluation/CriterionScreen';
import { responseKey } from '../../shared/evaluation/evaluation-records';
import { evidenceDetailsProblems } from '../../shared/evidence/evidence-details-validation';
import { LONG_TEXT_MAX_CHARS, SHORT_TEXT_MAX_CHARS } from '../../shared/formats/field-limits';
import { freshDatabase, renderWithServices, seedSchoolAndEvaluation } from './render-app';

describe('criterion form: a narrative past the limit', () => {
  it('says so in plain words at one character past the limit, not at the limit, and still saves what was typed', async () => {
    const db = freshDatabase();
    const { evaluation, framework } = await seedSchoolAndEvaluation(db);
    const criterion = framework.criteria[0]!;
    const user = userEvent.setup();
    await renderWithServices(<CriterionScreen evaluationId={evaluation.id} criterionId={criterion.id} />, { db });
    const narrative = await screen.findByLabelText('Narrative');

    // Pasted, as a long text would be: one character short of the limit, then two more typed.
    await user.click(narrative);
    await user.paste('x'.repeat(LONG_TEXT_MAX_CHARS - 1));
    await user.type(narrative, 'y');
    expect(narrative.getAttribute('aria-invalid')).toBeNull();
    expect(screen.queryByText(/characters long/)).toBeNull();

    await user.type(narrative, 'z');
    const message = 'The narrative is 100,001 characters long; it can be at most 100,000. Shorten it by 1 character.';
    expect((await screen.findByText(message)).id).toBe('narrative-error');
    expect(narrative.getAttribute('aria-invalid')).toBe('true');
    expect(narrative.getAttribute('aria-describedby')).toContain('narrative-error');
    await waitFor(
      async () =>
        expect((await db.responses.get(responseKey(evaluation.id, criterion.id)))?.narrative.length).toBe(LONG_TEXT_MAX_CHARS + 1),
      { timeout: 5000 },
    );

    await user.type(narrative, '{Backspace}');
    await waitFor(() => expect(screen.queryByText(message)).toBeNull());
  });
});

describe('evidence details: texts past their limits', () => {
  const at = {
    title: 't'.repeat(SHORT_TEXT_MAX_CHARS),
    kind: 'policy' as const,
    date: '',
    heldAt: 'h'.repeat(SHORT_TEXT_MAX_CHARS),
    description: 'd'.repeat(LONG_TEXT_MAX_CHARS),
    containsPersonalData: false,
    redactionConfirmed: false,
  };

  it('takes each text at its limit and refuses it one character past, saying how much to cut', () => {
    expect(evidenceDetailsProblems(at)).toEqual({});
    expect(evidenceDetailsProblems({ ...at, title: `${at.title}x`, heldAt: `${at.heldAt}x`, description: `${at.description}x` })).toEqual({
      title: 'The title is 1,001 characters long; it can be at most 1,000. Shorten it by 1 character.',
      heldAt: 'Where the original is held is 1,001 characters long; it can be at most 1,000. Shorten it by 1 character.',
      description: 'The description is 100,001 characters long; it can be at most 100,000. Shorten it by 1 character.',
    });
  });
});
