import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { responseKey } from '../../shared/evaluation/evaluation-records';
import { CriterionScreen } from '../../renderer/school/evaluation/CriterionScreen';
import { ServicesProvider } from '../../renderer/app/app-context';
import type { AppDatabase } from '../../renderer/db/app-database';
import { freshDatabase, renderWithServices, seedSchoolAndEvaluation } from './render-app';

/**
 * The criterion screen stays mounted while the person moves between the criteria of one
 * evaluation (the route keys it by the evaluation), so each test moves it from one criterion to
 * another by giving it the new criterion, as the route does.
 */

/** Holds the saves of the criterion form's store while a test says so, as a slow disk would. */
const gate = vi.hoisted(() => ({ held: null as Promise<void> | null, started: [] as string[] }));

vi.mock('../../renderer/db/evaluation-store', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../renderer/db/evaluation-store')>();
  return {
    ...original,
    saveResponseChanges: async (...args: Parameters<typeof original.saveResponseChanges>) => {
      gate.started.push(args[2]);
      if (gate.held) await gate.held;
      return original.saveResponseChanges(...args);
    },
  };
});

beforeEach(() => {
  gate.held = null;
  gate.started = [];
});

async function openFirstOfTwo() {
  const db = freshDatabase();
  const { evaluation, framework } = await seedSchoolAndEvaluation(db);
  const first = framework.criteria[0]!;
  const second = framework.criteria[1]!;
  const view = await renderWithServices(<CriterionScreen evaluationId={evaluation.id} criterionId={first.id} />, { db });
  await screen.findByRole('heading', { level: 1, name: new RegExp(first.id) });
  await screen.findByLabelText('Narrative');
  /** Moves the mounted screen to another criterion, as following a link to it does. */
  const switchTo = (criterionId: string) => {
    act(() => void window.dispatchEvent(new HashChangeEvent('hashchange')));
    view.rerender(
      <ServicesProvider db={view.db} platform={view.platform}>
        <CriterionScreen evaluationId={evaluation.id} criterionId={criterionId} />
      </ServicesProvider>,
    );
  };
  return { db, evaluation, first, second, switchTo };
}

async function narrativeOf(db: AppDatabase, evaluationId: string, criterionId: string): Promise<string | undefined> {
  return (await db.responses.get(responseKey(evaluationId, criterionId)))?.narrative;
}

async function putNarrative(db: AppDatabase, evaluationId: string, criterionId: string, narrative: string) {
  await db.responses.put({
    key: responseKey(evaluationId, criterionId),
    evaluationId,
    criterionId,
    judgement: null,
    narrative,
    nextSteps: '',
    updatedAt: new Date().toISOString(),
  });
}

describe('moving from one criterion to the next on the mounted criterion screen', () => {
  it('saves what was typed under the criterion it was typed on, and never under the next', async () => {
    const { db, evaluation, first, second, switchTo } = await openFirstOfTwo();
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Narrative'), 'Typed on the first');
    // Before the pause that would save it.
    switchTo(second.id);
    await screen.findByRole('heading', { level: 1, name: new RegExp(second.id) });
    await waitFor(async () => expect(await narrativeOf(db, evaluation.id, first.id)).toBe('Typed on the first'), { timeout: 3000 });
    // The next criterion's form starts empty, and nothing of the first is saved under it.
    await waitFor(() => expect((screen.getByLabelText('Narrative') as HTMLTextAreaElement).value).toBe(''));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await narrativeOf(db, evaluation.id, second.id)).toBeUndefined();
    expect(gate.started).toEqual([first.id]);
  });

  it('shows the next criterion’s own saved response, not the one just left', async () => {
    const { db, evaluation, first, second, switchTo } = await openFirstOfTwo();
    await putNarrative(db, evaluation.id, second.id, 'Saved earlier on the second');
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Narrative'), 'On the first');
    await waitFor(async () => expect(await narrativeOf(db, evaluation.id, first.id)).toBe('On the first'), { timeout: 3000 });

    switchTo(second.id);
    expect(await screen.findByDisplayValue('Saved earlier on the second')).toBeTruthy();
    expect(screen.queryByDisplayValue('On the first')).toBeNull();
    // Typing now saves under the second only.
    await user.type(screen.getByLabelText('Narrative'), ', and more');
    await waitFor(async () => expect(await narrativeOf(db, evaluation.id, second.id)).toBe('Saved earlier on the second, and more'), {
      timeout: 3000,
    });
    expect(await narrativeOf(db, evaluation.id, first.id)).toBe('On the first');

    // And back: the first shows its own, and the heading moved with the criterion.
    switchTo(first.id);
    expect(await screen.findByDisplayValue('On the first')).toBeTruthy();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toContain(first.id);
  });

  it('lets a slow save of the criterion just left land on that criterion only', async () => {
    const { db, evaluation, first, second, switchTo } = await openFirstOfTwo();
    await putNarrative(db, evaluation.id, second.id, 'The second’s own');
    let release: () => void = () => undefined;
    gate.held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Narrative'), 'Slow to save');
    await waitFor(() => expect(gate.started.length).toBeGreaterThan(0), { timeout: 3000 });
    // The save has started and is held; the person moves on before it finishes.
    switchTo(second.id);
    expect(await screen.findByDisplayValue('The second’s own')).toBeTruthy();
    gate.held = null;
    await act(async () => release());
    await waitFor(async () => expect(await narrativeOf(db, evaluation.id, first.id)).toBe('Slow to save'), { timeout: 3000 });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await narrativeOf(db, evaluation.id, second.id)).toBe('The second’s own');
    expect((screen.getByLabelText('Narrative') as HTMLTextAreaElement).value).toBe('The second’s own');
    expect(new Set(gate.started)).toEqual(new Set([first.id]));
  });

  it('gives the new criterion’s heading focus and the window its title', async () => {
    const { evaluation, second, switchTo } = await openFirstOfTwo();
    screen.getByLabelText('Narrative').focus();
    switchTo(second.id);
    const heading = await screen.findByRole('heading', { level: 1, name: new RegExp(second.id) });
    await waitFor(() => expect(document.activeElement).toBe(heading));
    await waitFor(() => expect(document.title).toBe(`${second.id} ${evaluation.title} – SEN Accreditation`));
    // The side list marks the new criterion as the current page, and only it.
    await waitFor(() => {
      const current = screen.getByRole('navigation', { name: 'Criteria' }).querySelectorAll('a[aria-current="page"]');
      expect(Array.from(current, (link) => link.textContent?.includes(`${second.id} `))).toEqual([true]);
    });
  });
});
