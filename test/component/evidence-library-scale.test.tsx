import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { addEvidenceFile, addEvidenceRecord, linkEvidence } from '../../renderer/db/evidence-store';
import { EvidenceScreen } from '../../renderer/school/evidence/EvidenceScreen';
import { EMPTY_EVIDENCE_DETAILS } from '../../shared/evidence/evidence-records';
import { freshDatabase, recordingPlatform, renderWithServices, seedSchoolAndEvaluation } from './render-app';

type Seeded = Awaited<ReturnType<typeof seedSchoolAndEvaluation>> & { db: ReturnType<typeof freshDatabase> };

async function openLibrary(seed: (seeded: Seeded) => Promise<void>) {
  const db = freshDatabase();
  const seeded = { ...(await seedSchoolAndEvaluation(db, 'north-east')), db };
  await seed(seeded);
  const user = userEvent.setup();
  const view = await renderWithServices(<EvidenceScreen evaluationId={seeded.evaluation.id} />, { db, platform: recordingPlatform() });
  await screen.findByText(/ in the library\.$/, {}, { timeout: 10_000 });
  return { ...seeded, user, view };
}

/** 250 observations and 50 sets of minutes, each a record with no file. */
async function seedThreeHundred({ db, school }: Seeded): Promise<void> {
  for (let i = 1; i <= 300; i += 1) {
    const minutes = i % 6 === 0;
    const number = String(i).padStart(3, '0');
    await addEvidenceRecord(db, school.id, {
      ...EMPTY_EVIDENCE_DETAILS,
      title: minutes ? `Governors meeting ${number}` : `Lesson visit ${number}`,
      heldAt: 'SEN office',
    });
  }
}

describe('The evidence library with hundreds of files', () => {
  it('bulk-edits 50 of 300 records in one action: kind, document date, personal data and a criterion link', async () => {
    const { db, user, evaluation } = await openLibrary(seedThreeHundred);
    // A large library opens as a table, with the ways to add evidence behind a button.
    const table = await screen.findByRole('table', { name: /^Evidence, sorted by added, descending/ });
    // Counted without role queries, which are slow over hundreds of rows; drawn in steps after the first screenful.
    await waitFor(() => expect(table.querySelectorAll('tbody tr')).toHaveLength(300));
    await waitFor(() => expect(table.getAttribute('aria-busy')).toBeNull());
    expect(screen.getByRole('button', { name: 'Add files or evidence without a file' }).getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByRole('region', { name: 'Add files' })).toBeNull();

    await user.click(screen.getByLabelText('Search evidence'));
    await user.paste('governors');
    expect(await screen.findByText('Showing 50 of 300 items.')).toBeTruthy();
    await user.click(screen.getByRole('checkbox', { name: 'Select all 50 shown' }));
    expect(await screen.findByText('50 files selected.')).toBeTruthy();

    const bulk = screen.getByRole('region', { name: 'Change the 50 selected files' });
    await user.selectOptions(within(bulk).getByLabelText('Kind of evidence'), 'minutes');
    await user.selectOptions(within(bulk).getByLabelText('Document date'), 'set');
    const date = within(bulk).getByRole('group', { name: 'The date on the documents' });
    await user.type(within(date).getByLabelText('Day'), '12');
    await user.type(within(date).getByLabelText('Month'), '11');
    await user.type(within(date).getByLabelText('Year'), '2025');
    await user.selectOptions(within(bulk).getByLabelText('Contains personal data'), 'yes');
    await user.selectOptions(within(bulk).getByLabelText('Redacted or anonymised'), 'yes');
    await user.selectOptions(within(bulk).getByLabelText('Link them to a criterion'), 'NE-1.1.1');
    await user.click(within(bulk).getByRole('button', { name: 'Apply to the 50 selected files' }));

    expect(await within(bulk).findByText('Updated 50 files.')).toBeTruthy();
    const all = await db.evidence.toArray();
    const changed = all.filter((item) => item.title.startsWith('Governors'));
    const others = all.filter((item) => item.title.startsWith('Lesson'));
    expect(changed).toHaveLength(50);
    expect(new Set(changed.map((i) => `${i.kind} ${i.date} ${i.containsPersonalData} ${i.redactionConfirmed}`))).toEqual(
      new Set(['minutes 2025-11-12 true true']),
    );
    expect(new Set(others.map((i) => `${i.kind} ${i.date} ${i.containsPersonalData}`))).toEqual(new Set(['other  false']));
    const links = await db.evidenceLinks.where('evaluationId').equals(evaluation.id).toArray();
    expect(new Set(links.map((l) => l.evidenceId))).toEqual(new Set(changed.map((i) => i.id)));
    expect(new Set(links.map((l) => l.criterionId))).toEqual(new Set(['NE-1.1.1']));
    // The table shows it.
    const row = screen.getByRole('button', { name: 'Governors meeting 300' }).closest('tr');
    if (!row) throw new Error('The row of “Governors meeting 300” is not in the table.');
    await within(row).findByText('12 November 2025');
    expect(within(row).getByRole('link', { name: 'NE-1.1.1' })).toBeTruthy();
    expect(within(row).getByText('Yes, redacted')).toBeTruthy();
  }, 90_000);

  it('refuses a bulk change that links and unlinks the same criterion, and changes none of the files', async () => {
    const { db, user } = await openLibrary(async ({ db, school, evaluation }) => {
      for (const title of ['Plan A', 'Plan B', 'Plan C']) {
        const item = await addEvidenceRecord(db, school.id, { ...EMPTY_EVIDENCE_DETAILS, title });
        await linkEvidence(db, evaluation.id, 'NE-2.1.1', item.id);
      }
    });
    await user.click(screen.getByRole('radio', { name: 'A table' }));
    await user.click(await screen.findByRole('checkbox', { name: 'Select Plan A' }));
    await user.click(screen.getByRole('checkbox', { name: 'Select Plan C' }));
    const bulk = screen.getByRole('region', { name: 'Change the 2 selected files' });
    await user.selectOptions(within(bulk).getByLabelText('Kind of evidence'), 'pupil-plan');
    await user.selectOptions(within(bulk).getByLabelText('Link them to a criterion'), 'NE-2.1.1');
    await user.selectOptions(within(bulk).getByLabelText('Unlink them from a criterion'), 'NE-2.1.1');
    await user.click(within(bulk).getByRole('button', { name: 'Apply to the 2 selected files' }));

    expect((await within(bulk).findAllByText('Choose either to link or to unlink NE-2.1.1, not both')).length).toBeGreaterThan(0);
    expect((await db.evidence.toArray()).map((i) => i.kind)).toEqual(['other', 'other', 'other']);
    expect(await db.evidenceLinks.count()).toBe(3);

    // Unlinking alone is made for the two selected, and Plan B keeps its link.
    await user.selectOptions(within(bulk).getByLabelText('Link them to a criterion'), '');
    await user.click(within(bulk).getByRole('button', { name: 'Apply to the 2 selected files' }));
    expect(await within(bulk).findByText('Updated 2 files.')).toBeTruthy();
    const plans = await db.evidence.toArray();
    const planB = plans.find((i) => i.title === 'Plan B');
    expect((await db.evidenceLinks.toArray()).map((l) => l.evidenceId)).toEqual([planB?.id]);
    expect(
      plans
        .filter((i) => i.kind === 'pupil-plan')
        .map((i) => i.title)
        .sort(),
    ).toEqual(['Plan A', 'Plan C']);
  });

  it('sorts by a column, opens an item’s details under its row, and remembers the chosen view', async () => {
    const { user, view, db, evaluation } = await openLibrary(async ({ db, school }) => {
      await addEvidenceRecord(db, school.id, { ...EMPTY_EVIDENCE_DETAILS, title: 'Older minutes', date: '2024-03-01' });
      await addEvidenceRecord(db, school.id, { ...EMPTY_EVIDENCE_DETAILS, title: 'Undated note' });
      await addEvidenceRecord(db, school.id, { ...EMPTY_EVIDENCE_DETAILS, title: 'Newer minutes', date: '2025-09-01' });
    });
    // Few items open as cards until the person chooses.
    expect(screen.getByRole('list', { name: 'Evidence' })).toBeTruthy();
    await user.click(screen.getByRole('radio', { name: 'A table' }));
    const table = await screen.findByRole('table');
    await user.click(within(table).getByRole('button', { name: /^Document date/ }));
    expect(
      within(table)
        .getByRole('columnheader', { name: /^Document date/ })
        .getAttribute('aria-sort'),
    ).toBe('ascending');
    const titles = () =>
      within(table)
        .getAllByRole('rowheader')
        .map((cell) => within(cell).getByRole('button').textContent);
    expect(titles()).toEqual(['Older minutes', 'Newer minutes', 'Undated note']);
    await user.click(within(table).getByRole('button', { name: /^Document date/ }));
    expect(titles()).toEqual(['Newer minutes', 'Older minutes', 'Undated note']);

    await user.click(within(table).getByRole('button', { name: 'Older minutes' }));
    const panel = await screen.findByRole('region', { name: 'Older minutes' });
    // On a narrow window (jsdom has no media queries) the details sit in the row under the item.
    const rows = within(table).getAllByRole('row');
    const openRow = rows.findIndex((row) => within(row).queryByRole('button', { name: 'Older minutes' }));
    expect(rows[openRow + 1]?.contains(panel)).toBe(true);
    await waitFor(() => expect(document.activeElement).toBe(within(panel).getByRole('heading', { level: 2, name: 'Older minutes' })));

    // Opened again, the library shows the table the person chose, though it holds only three items.
    view.unmount();
    await renderWithServices(<EvidenceScreen evaluationId={evaluation.id} />, { db, platform: recordingPlatform() });
    await screen.findByText(/ in the library\.$/);
    expect(screen.getByRole('table')).toBeTruthy();
    expect(screen.queryByRole('list', { name: 'Evidence' })).toBeNull();
  });

  it('suggests a kind and takes the date from a file’s name; the person confirms the kind, one by one or for all selected', async () => {
    const { db, user } = await openLibrary(async ({ db, school }) => {
      for (const [name, text] of [
        ['governors-minutes-2025-11-12.txt', 'Minutes'],
        ['SEN-Policy_2025.txt', 'Policy'],
        ['IMG_2041.txt', 'A photo'],
      ] as const)
        await addEvidenceFile(db, school.id, new File([text], name, { type: 'text/plain', lastModified: Date.UTC(2026, 11, 4) }));
    });
    const stored = await db.evidence.toArray();
    expect(stored.map((i) => [i.file?.name, i.kind, i.suggestedKind, i.date]).sort()).toEqual([
      ['IMG_2041.txt', 'other', undefined, ''],
      ['SEN-Policy_2025.txt', 'other', 'policy', ''],
      ['governors-minutes-2025-11-12.txt', 'other', 'minutes', '2025-11-12'],
    ]);
    await user.click(screen.getByRole('radio', { name: 'A table' }));
    const table = await screen.findByRole('table');
    const rowOf = (title: string) => {
      const row = within(table).getByRole('button', { name: title }).closest('tr');
      if (!row) throw new Error(`No row for ${title}`);
      return row;
    };
    expect(within(rowOf('governors minutes 2025 11 12')).getByText('Other (suggested: Minutes)')).toBeTruthy();
    expect(within(rowOf('governors minutes 2025 11 12')).getByText('12 November 2025')).toBeTruthy();
    expect(within(rowOf('IMG 2041')).getByText('Other')).toBeTruthy();
    expect(within(rowOf('IMG 2041')).getByText('Not known')).toBeTruthy();

    // One by one: the details offer the suggestion, and saving confirms it.
    await user.click(within(table).getByRole('button', { name: 'SEN Policy 2025' }));
    const panel = await screen.findByRole('region', { name: 'SEN Policy 2025' });
    const kind = within(panel).getByLabelText('Kind of evidence');
    expect((kind as HTMLSelectElement).value).toBe('policy');
    expect(within(panel).getByText(/^Suggested from the file’s name: Policy\./)).toBeTruthy();
    await user.click(within(panel).getByRole('button', { name: 'Save details' }));
    expect(await within(panel).findByText('Details saved.')).toBeTruthy();
    const policy = (await db.evidence.toArray()).find((i) => i.file?.name === 'SEN-Policy_2025.txt');
    expect([policy?.kind, policy && 'suggestedKind' in policy]).toEqual(['policy', false]);

    // For all selected: each takes its own suggestion; one without a suggestion keeps its kind.
    await user.click(within(table).getByRole('checkbox', { name: 'Select all 3 shown' }));
    const bulk = screen.getByRole('region', { name: 'Change the 3 selected files' });
    await user.selectOptions(within(bulk).getByLabelText('Kind of evidence'), 'suggested');
    await user.click(within(bulk).getByRole('button', { name: 'Apply to the 3 selected files' }));
    expect(await within(bulk).findByText('Updated 3 files.')).toBeTruthy();
    expect((await db.evidence.toArray()).map((i) => [i.file?.name, i.kind, i.suggestedKind]).sort()).toEqual([
      ['IMG_2041.txt', 'other', undefined],
      ['SEN-Policy_2025.txt', 'policy', undefined],
      ['governors-minutes-2025-11-12.txt', 'minutes', undefined],
    ]);
  });
});
