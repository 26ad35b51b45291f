import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { addEvidenceRecord } from '../../renderer/db/evidence-store';
import { EvidenceScreen } from '../../renderer/school/evidence/EvidenceScreen';
import { EMPTY_EVIDENCE_DETAILS, type EvidenceItem } from '../../shared/evidence/evidence-records';
import { freshDatabase, recordingPlatform, renderWithServices, seedSchoolAndEvaluation } from './render-app';

/**
 * Render counters: each table row asks for its item's personal-data label once per render, and each
 * card for its thumbnail once per render. The real functions still answer; only the calls are counted.
 */
const counts = vi.hoisted(() => ({ rows: new Map<string, number>(), cards: 0 }));

vi.mock('../../shared/evidence/evidence-table', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../shared/evidence/evidence-table')>();
  return {
    ...original,
    personalDataLabel: (item: EvidenceItem) => {
      counts.rows.set(item.id, (counts.rows.get(item.id) ?? 0) + 1);
      return original.personalDataLabel(item);
    },
  };
});

vi.mock('../../renderer/db/evidence-thumbnails', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../renderer/db/evidence-thumbnails')>();
  return {
    ...original,
    useEvidenceThumbnail: (...args: Parameters<typeof original.useEvidenceThumbnail>) => {
      counts.cards += 1;
      return original.useEvidenceThumbnail(...args);
    },
  };
});

const rowRenders = () => [...counts.rows.values()].reduce((n, c) => n + c, 0);

/** 30 records without a file: 10 sets of governors' minutes and 20 lesson visits. */
async function openLibraryOfThirty() {
  const db = freshDatabase();
  const seeded = await seedSchoolAndEvaluation(db, 'north-east');
  for (let i = 1; i <= 30; i += 1) {
    const number = String(i).padStart(2, '0');
    await addEvidenceRecord(db, seeded.school.id, {
      ...EMPTY_EVIDENCE_DETAILS,
      title: i % 3 === 0 ? `Governors meeting ${number}` : `Lesson visit ${number}`,
      heldAt: 'SEN office',
    });
  }
  const user = userEvent.setup();
  await renderWithServices(<EvidenceScreen evaluationId={seeded.evaluation.id} />, { db, platform: recordingPlatform() });
  await screen.findByText('30 items in the library.', {}, { timeout: 10_000 });
  return { user };
}

beforeEach(() => {
  counts.rows.clear();
  counts.cards = 0;
});

describe('The evidence library draws only what a change touches', () => {
  it('a search, and clearing it, draws no row again; ticking one box draws that row alone', async () => {
    const { user } = await openLibraryOfThirty();
    const table = await screen.findByRole('table', { name: /^Evidence, sorted by added/ });
    expect(table.querySelectorAll('tbody tr')).toHaveLength(30);
    // Every row was drawn.
    expect(counts.rows.size).toBe(30);

    counts.rows.clear();
    await user.click(screen.getByLabelText('Search evidence'));
    await user.paste('governors');
    expect(await screen.findByText('Showing 10 of 30 items.')).toBeTruthy();
    // The rows left out are hidden, so screen readers and the row count agree with the count said.
    expect(within(table).getAllByRole('row')).toHaveLength(11);
    expect(rowRenders()).toBe(0);

    await user.clear(screen.getByLabelText('Search evidence'));
    expect(await screen.findByText('30 items in the library.')).toBeTruthy();
    expect(within(table).getAllByRole('row')).toHaveLength(31);
    expect(rowRenders()).toBe(0);

    await user.click(screen.getByRole('checkbox', { name: 'Select Lesson visit 01' }));
    expect(await screen.findByText('1 file selected.')).toBeTruthy();
    expect([...counts.rows.keys()]).toHaveLength(1);
    const [drawn] = [...counts.rows.keys()];
    const row = screen.getByRole('button', { name: 'Lesson visit 01' }).closest('tr');
    expect(row?.querySelector<HTMLInputElement>('input[type="checkbox"]')?.checked).toBe(true);
    expect(drawn).toBeTruthy();
  });

  it('in the card view a search draws no card again', async () => {
    const { user } = await openLibraryOfThirty();
    await user.click(screen.getByLabelText('Cards'));
    const list = await screen.findByRole('list', { name: 'Evidence' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(30);

    counts.cards = 0;
    await user.click(screen.getByLabelText('Search evidence'));
    await user.paste('governors');
    expect(await screen.findByText('Showing 10 of 30 items.')).toBeTruthy();
    expect(within(list).getAllByRole('listitem')).toHaveLength(10);
    expect(screen.getByLabelText('Select all 10 shown')).toBeTruthy();
    expect(counts.cards).toBe(0);
  });
});
