import { act, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { addEvidenceRecord } from '../../renderer/db/evidence-store';
import { EvidenceScreen } from '../../renderer/school/evidence/EvidenceScreen';
import { EMPTY_EVIDENCE_DETAILS } from '../../shared/evidence/evidence-records';
import { TABLE_ROW_STEPS } from '../../shared/tables/rows-in-steps';
import { freshDatabase, recordingPlatform, renderWithServices, seedSchoolAndEvaluation } from './render-app';

/** The page's frames, run only when the test says: each step of the table's drawing waits for one. */
const frames = vi.hoisted(() => ({ queue: new Map<number, FrameRequestCallback>(), next: 1 }));

async function runFrames(count = 1): Promise<void> {
  for (let i = 0; i < count; i += 1) {
    const callbacks = [...frames.queue.values()];
    frames.queue.clear();
    await act(async () => {
      for (const callback of callbacks) callback(performance.now());
      // The task each step waits for after its frame.
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
  }
}

beforeEach(() => {
  frames.queue.clear();
  vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => {
    const id = frames.next++;
    frames.queue.set(id, callback);
    return id;
  });
  vi.stubGlobal('cancelAnimationFrame', (id: number) => frames.queue.delete(id));
});

afterEach(() => {
  vi.unstubAllGlobals();
});

const ITEMS = 500;

describe('the evidence library of 500 items, drawn in steps', () => {
  it('shows the first screenful first, then every row; the count, select all and every row reach all 500', async () => {
    const db = freshDatabase();
    const { school, evaluation } = await seedSchoolAndEvaluation(db, 'north-east');
    for (let i = 1; i <= ITEMS; i += 1) {
      const number = String(i).padStart(3, '0');
      await addEvidenceRecord(db, school.id, {
        ...EMPTY_EVIDENCE_DETAILS,
        title: i % 10 === 0 ? `Governors meeting ${number}` : `Lesson visit ${number}`,
      });
    }
    const user = userEvent.setup();
    await renderWithServices(<EvidenceScreen evaluationId={evaluation.id} />, { db, platform: recordingPlatform() });
    await screen.findByText('500 items in the library.', {}, { timeout: 10_000 });
    const table = await screen.findByRole('table', { name: /^Evidence, sorted by/ });
    const rows = () => table.querySelectorAll('tbody tr');
    const visibleRows = () => table.querySelectorAll('tbody tr:not([hidden])');

    // The first paint: a screenful of rows, the table marked busy, the count and "select all" already of all 500.
    expect(rows()).toHaveLength(TABLE_ROW_STEPS.first);
    expect(table.getAttribute('aria-busy')).toBe('true');
    await user.click(screen.getByRole('checkbox', { name: 'Select all 500 shown' }));
    expect(await screen.findByText('500 files selected.')).toBeTruthy();

    // Then the rest, a step after each frame, each row drawn already selected.
    await runFrames();
    expect(rows()).toHaveLength(Math.min(ITEMS, TABLE_ROW_STEPS.first + TABLE_ROW_STEPS.step));
    await runFrames(Math.ceil(ITEMS / TABLE_ROW_STEPS.step));
    expect(rows()).toHaveLength(ITEMS);
    expect(visibleRows()).toHaveLength(ITEMS);
    expect(table.getAttribute('aria-busy')).toBeNull();
    expect(table.querySelectorAll('tbody input[type="checkbox"]:checked')).toHaveLength(ITEMS);
    // The last row is in the page and reached by its button, as any other.
    const last = screen.getByRole('button', { name: 'Lesson visit 001' });
    last.focus();
    expect(document.activeElement).toBe(last);

    // A search narrows the rows (hidden, not removed); clearing it shows a screenful, then all of them again.
    await user.click(screen.getByRole('button', { name: 'Clear the selection' }));
    await user.click(screen.getByLabelText('Search evidence'));
    await user.paste('governors');
    expect(await screen.findByText('Showing 50 of 500 items.')).toBeTruthy();
    expect(visibleRows()).toHaveLength(50);
    await user.clear(screen.getByLabelText('Search evidence'));
    expect(await screen.findByText('500 items in the library.')).toBeTruthy();
    expect(rows()).toHaveLength(ITEMS);
    expect(visibleRows()).toHaveLength(TABLE_ROW_STEPS.first);
    await runFrames(1 + Math.ceil(ITEMS / TABLE_ROW_STEPS.step));
    expect(visibleRows()).toHaveLength(ITEMS);
    expect(table.getAttribute('aria-busy')).toBeNull();
  }, 90_000);
});
