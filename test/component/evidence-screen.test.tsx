import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { addEvidenceFile, addEvidenceRecord, fileTooLargeMessage } from '../../renderer/db/evidence-store';
import { EvidenceScreen } from '../../renderer/school/evidence/EvidenceScreen';
import { EMPTY_EVIDENCE_DETAILS, MAX_EVIDENCE_FILE_BYTES, type EvidenceDetails } from '../../shared/evidence/evidence-records';
import { freshDatabase, recordingPlatform, renderWithServices, seedSchoolAndEvaluation } from './render-app';

async function openEvidenceLibrary(
  prepare?: (seeded: Awaited<ReturnType<typeof seedSchoolAndEvaluation>>, db: ReturnType<typeof freshDatabase>) => Promise<void>,
) {
  const db = freshDatabase();
  const seeded = await seedSchoolAndEvaluation(db, 'north-east');
  await prepare?.(seeded, db);
  const platform = recordingPlatform();
  const user = userEvent.setup();
  await renderWithServices(<EvidenceScreen evaluationId={seeded.evaluation.id} />, { db, platform });
  await screen.findByRole('heading', { level: 1, name: 'Evidence library' });
  // The library has been read: the ways to add evidence are open (an empty library) or behind a button.
  await screen.findByText(/ in the library\.$/);
  return { ...seeded, db, platform, user };
}

function details(overrides: Partial<EvidenceDetails>): EvidenceDetails {
  return {
    ...EMPTY_EVIDENCE_DETAILS,
    title: 'Untitled',
    ...overrides,
  };
}

function textFile(content: string, name: string, type = 'text/plain'): File {
  return new File([content], name, { type });
}

async function evidenceList() {
  return screen.findByRole('list', { name: 'Evidence' });
}

function cardTitles(list: HTMLElement): string[] {
  return within(list)
    .getAllByRole('heading', { level: 3 })
    .map((h) => h.textContent ?? '');
}

describe('EvidenceScreen', () => {
  it('is the evaluation’s evidence page, with one h1 and the evaluation’s section links', async () => {
    const { evaluation } = await openEvidenceLibrary();
    expect(screen.getAllByRole('heading', { level: 1 })).toHaveLength(1);
    const sections = screen.getByRole('navigation', { name: 'Evaluation' });
    expect(within(sections).getByRole('link', { name: 'Evidence library' }).getAttribute('aria-current')).toBe('page');
    expect(within(sections).getByRole('link', { name: 'Criteria' }).getAttribute('href')).toBe(`#/evaluations/${evaluation.id}/overview`);
    expect(screen.getByText('Riverside Primary School')).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Drop files here to add them' })).toBeTruthy();
    expect(await screen.findByText('No evidence yet. Add files or a record of evidence above.')).toBeTruthy();
  });

  it('adds two files chosen with the file button and lists both', async () => {
    const { db, user } = await openEvidenceLibrary();
    await user.upload(screen.getByLabelText('Choose files to add'), [
      textFile('Our SEN policy, adopted by governors.', 'sen-policy_2026.txt'),
      textFile('pupil,need,provision\n', 'provision-map.csv', 'text/csv'),
    ]);

    expect(await screen.findByText('Added 2 files.')).toBeTruthy();
    const list = await evidenceList();
    await waitFor(() => expect(cardTitles(list).sort()).toEqual(['provision map', 'sen policy 2026']));
    expect(within(list).getByText(/^sen-policy_2026\.txt \(37 bytes\)$/)).toBeTruthy();
    expect(within(list).getAllByText('Not linked to any criterion yet')).toHaveLength(2);
    expect(await db.evidence.count()).toBe(2);
    expect(await db.evidenceBlobs.count()).toBe(2);
    const added = screen.getByRole('list', { name: 'Files added' });
    expect(within(added).getByText('“provision-map.csv” added.')).toBeTruthy();
  });

  it('adds files dropped on the drop zone', async () => {
    const { db } = await openEvidenceLibrary();
    const zone = screen.getByRole('region', { name: 'Drop files here to add them' });
    const dropped = textFile('Pupil voice survey results', 'pupil-voice.txt');
    fireEvent.dragOver(zone, { dataTransfer: { types: ['Files'], files: [dropped] } });
    fireEvent.drop(zone, { dataTransfer: { types: ['Files'], files: [dropped] } });

    expect(await screen.findByText('Added 1 file.')).toBeTruthy();
    expect(within(await evidenceList()).getByRole('heading', { name: 'pupil voice' })).toBeTruthy();
    expect(await db.evidence.count()).toBe(1);
  });

  it('does not add a file the library already has: it names the item that holds it, and adds no second record', async () => {
    const { db, user } = await openEvidenceLibrary();
    const input = screen.getByLabelText('Choose files to add');
    await user.upload(input, textFile('Minutes of the SEN governors’ meeting', 'minutes.txt'));
    await screen.findByText('Added 1 file.');
    await user.upload(input, textFile('Minutes of the SEN governors’ meeting', 'minutes-copy.txt'));

    expect(await screen.findByText('1 file was already in your library, so not added again.')).toBeTruthy();
    const already = screen.getByRole('list', { name: 'Files already in your library' });
    expect(
      within(already).getByText(/“minutes-copy\.txt” is already in your library as “minutes”, so it was not added again\./),
    ).toBeTruthy();
    // Not uploaded for a criterion: nothing to link it to.
    expect(within(already).queryByRole('button')).toBeNull();
    expect(await db.evidence.count()).toBe(1);
    expect(await db.evidenceBlobs.count()).toBe(1);
  });

  it('draws the ways to add evidence only once asked for, and keeps them (hidden) with their report after they are closed', async () => {
    const { user } = await openEvidenceLibrary(async ({ school }, db) => {
      await addEvidenceRecord(db, school.id, details({ title: 'Register of SEN support' }));
    });
    const fileInput = () => document.getElementById('add-evidence')?.querySelector('input[type="file"]') ?? null;
    // Not in the page at all while closed behind the button, so opening the library does not draw them.
    expect(fileInput()).toBeNull();
    expect(screen.queryByLabelText('Choose files to add')).toBeNull();
    const toggle = screen.getByRole('button', { name: 'Add files or evidence without a file' });
    await user.click(toggle);
    await user.upload(screen.getByLabelText('Choose files to add'), textFile('Provision map for the autumn term', 'provision-map.txt'));
    expect(await screen.findByText(/^Added 1 file\./)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Hide the ways to add evidence' }));
    // Hidden, not removed: the report of the upload is still there when they are opened again.
    expect(document.getElementById('add-evidence')?.hidden).toBe(true);
    expect(fileInput()).not.toBeNull();
    await user.click(screen.getByRole('button', { name: 'Add files or evidence without a file' }));
    expect(screen.getByText(/^Added 1 file\./)).toBeTruthy();
  });

  it('offers to link the item already in the library when the upload was for a criterion, and links it', async () => {
    const { db, user, evaluation } = await openEvidenceLibrary(async ({ school }, db) => {
      await addEvidenceFile(db, school.id, textFile('SEN policy, approved by governors', 'SEN-policy.txt'), { title: 'SEN policy 2025' });
    });
    await user.click(screen.getByRole('button', { name: 'Add files or evidence without a file' }));
    await user.selectOptions(screen.getByLabelText('Link the new files to a criterion (optional)'), 'NE-1.1.1');
    await user.upload(screen.getByLabelText('Choose files to add'), textFile('SEN policy, approved by governors', 'policy-again.txt'));

    const already = await screen.findByRole('list', { name: 'Files already in your library' });
    expect(within(already).getByText(/“policy-again\.txt” is already in your library as “SEN policy 2025”/)).toBeTruthy();
    expect(await db.evidenceLinks.count()).toBe(0);
    await user.click(within(already).getByRole('button', { name: 'Link it to NE-1.1.1' }));

    expect(await within(already).findByText('Linked “SEN policy 2025” to NE-1.1.1.')).toBeTruthy();
    const links = await db.evidenceLinks.toArray();
    expect(links.map((l) => [l.evaluationId, l.criterionId])).toEqual([[evaluation.id, 'NE-1.1.1']]);
    expect(await db.evidence.count()).toBe(1);
  });

  it('adds the same bytes twice in one selection as one item, and says the second is already in the library', async () => {
    const { db, user } = await openEvidenceLibrary();
    const input = screen.getByLabelText('Choose files to add');
    await user.upload(input, [
      textFile('Provision map, spring term', 'map-a.txt'),
      textFile('Provision map, spring term', 'map-b.txt'),
      textFile('Something else', 'other.txt'),
    ]);
    await screen.findByText('Added 2 files. 1 file was already in your library, so not added again.');
    expect(await db.evidenceBlobs.count()).toBe(2);
    const names = (await db.evidence.toArray()).map((e) => e.file?.name).sort();
    expect(names).toEqual(['map-a.txt', 'other.txt']);
  });

  it('refuses a file over the size limit with a message, and adds nothing', async () => {
    const { db, user } = await openEvidenceLibrary();
    const huge = textFile('pretend this is enormous', 'whole-school-video.txt');
    Object.defineProperty(huge, 'size', { value: MAX_EVIDENCE_FILE_BYTES + 1 });
    await user.upload(screen.getByLabelText('Choose files to add'), huge);

    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText(fileTooLargeMessage('whole-school-video.txt', MAX_EVIDENCE_FILE_BYTES + 1))).toBeTruthy();
    expect(alert.textContent).toContain('One file was not added');
    expect(await db.evidence.count()).toBe(0);
    expect(await db.evidenceBlobs.count()).toBe(0);
    expect(screen.queryByRole('list', { name: 'Evidence' })).toBeNull();
  });

  it('links new files straight to a criterion when one is chosen', async () => {
    const { db, user, evaluation } = await openEvidenceLibrary();
    await user.selectOptions(screen.getByLabelText('Link the new files to a criterion (optional)'), 'NE-2.1.1');
    await user.upload(screen.getByLabelText('Choose files to add'), textFile('Observation notes', 'observation.txt'));

    expect(await screen.findByText('Added 1 file and linked it to NE-2.1.1.')).toBeTruthy();
    const links = await db.evidenceLinks.where('evaluationId').equals(evaluation.id).toArray();
    expect(links.map((l) => l.criterionId)).toEqual(['NE-2.1.1']);
    const list = await evidenceList();
    expect(within(list).getByRole('link', { name: 'NE-2.1.1' }).getAttribute('href')).toBe(
      `#/evaluations/${evaluation.id}/criteria/NE-2.1.1`,
    );
  });

  it('links an item to a criterion and unlinks it again', async () => {
    const { db, user, evaluation } = await openEvidenceLibrary(async ({ school }, database) => {
      await addEvidenceRecord(database, school.id, details({ title: 'Provision map 2026', kind: 'provision-map', heldAt: 'SENCO office' }));
    });
    await user.click(await screen.findByRole('button', { name: 'View and edit Provision map 2026' }));
    const panel = screen.getByRole('region', { name: 'Provision map 2026' });
    expect(within(panel).getByText('Not linked to any criterion in this evaluation yet.')).toBeTruthy();

    await user.selectOptions(within(panel).getByLabelText('Link it to a criterion'), 'NE-1.1.1');
    await user.click(within(panel).getByRole('button', { name: 'Link' }));

    await within(panel).findByText('Linked to NE-1.1.1.');
    const linked = await db.evidenceLinks.where('evaluationId').equals(evaluation.id).toArray();
    expect(linked).toHaveLength(1);
    expect(linked[0]?.criterionId).toBe('NE-1.1.1');
    const list = await evidenceList();
    expect(within(list).getByText(/Used for:/).textContent).toBe('Used for: NE-1.1.1');
    expect(within(list).getByRole('link', { name: 'NE-1.1.1' }).getAttribute('href')).toBe(
      `#/evaluations/${evaluation.id}/criteria/NE-1.1.1`,
    );

    await user.click(within(panel).getByRole('button', { name: 'Unlink from NE-1.1.1' }));
    // The notice offering Undo takes the keyboard, as the button pressed has gone.
    const notice = await within(panel).findByText(/unlinked from NE-1\.1\.1\.$/);
    expect(await db.evidenceLinks.where('evaluationId').equals(evaluation.id).count()).toBe(0);
    await waitFor(() => expect(within(list).getByText('Not linked to any criterion yet')).toBeTruthy());
    await waitFor(() => expect(document.activeElement).toBe(notice));
  });

  it('narrows the list by search text, kind and criterion', async () => {
    const { user } = await openEvidenceLibrary(async ({ school, evaluation }, database) => {
      await addEvidenceRecord(database, school.id, details({ title: 'SEN policy', kind: 'policy', description: 'Adopted by governors' }));
      const observation = await addEvidenceRecord(database, school.id, details({ title: 'Year 4 observation', kind: 'observation' }));
      await addEvidenceRecord(
        database,
        school.id,
        details({ title: 'Parent survey', kind: 'parent-voice', description: 'Views of parents' }),
      );
      await database.evidenceLinks.put({
        key: `${evaluation.id}|NE-3.1.1|${observation.id}`,
        evaluationId: evaluation.id,
        criterionId: 'NE-3.1.1',
        evidenceId: observation.id,
      });
    });
    const list = await evidenceList();
    await waitFor(() => expect(cardTitles(list)).toHaveLength(3));

    await user.type(screen.getByLabelText('Search evidence'), 'governors');
    await waitFor(() => expect(cardTitles(list)).toEqual(['SEN policy']));
    expect(screen.getByText('Showing 1 of 3 items.')).toBeTruthy();

    await user.clear(screen.getByLabelText('Search evidence'));
    await user.selectOptions(screen.getByLabelText('Filter by kind'), 'parent-voice');
    await waitFor(() => expect(cardTitles(list)).toEqual(['Parent survey']));

    await user.selectOptions(screen.getByLabelText('Filter by kind'), '');
    await user.selectOptions(screen.getByLabelText('Filter by criterion'), 'NE-3.1.1');
    await waitFor(() => expect(cardTitles(list)).toEqual(['Year 4 observation']));

    await user.type(screen.getByLabelText('Search evidence'), 'survey');
    expect(await screen.findByText('No evidence matches. Change the search or clear the filters.')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Clear the filters' }));
    expect(cardTitles(await evidenceList())).toHaveLength(3);
    expect(screen.getByText('3 items in the library.')).toBeTruthy();
  });

  it('adds evidence without a file, recording where the original is held', async () => {
    const { db, user, school } = await openEvidenceLibrary();
    const form = screen.getByRole('region', { name: 'Add evidence without a file' });
    await user.type(within(form).getByLabelText('Title'), 'Pupil passport for child A');
    await user.selectOptions(within(form).getByLabelText('Kind of evidence'), 'pupil-plan');
    const date = within(form).getByRole('group', { name: 'Document date' });
    await user.type(within(date).getByLabelText('Day'), '3');
    await user.type(within(date).getByLabelText('Month'), '2');
    await user.type(within(date).getByLabelText('Year'), '2026');
    await user.type(within(form).getByLabelText('Where the original is held'), 'SEN file, office cabinet 2');
    await user.type(within(form).getByLabelText('Description'), 'One-page profile written with the pupil');
    await user.click(within(form).getByLabelText('It contains personal data'));
    await user.click(within(form).getByRole('button', { name: 'Add this evidence' }));

    expect(await within(form).findByText('“Pupil passport for child A” added to the library.')).toBeTruthy();
    const stored = await db.evidence.where('schoolId').equals(school.id).toArray();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      title: 'Pupil passport for child A',
      kind: 'pupil-plan',
      date: '2026-02-03',
      heldAt: 'SEN file, office cabinet 2',
      description: 'One-page profile written with the pupil',
      containsPersonalData: true,
      redactionConfirmed: false,
      file: null,
    });
    const list = await evidenceList();
    expect(within(list).getByText('No file: held at SEN file, office cabinet 2')).toBeTruthy();
    expect(within(list).getByText('Pupil plan / IEP · 3 February 2026')).toBeTruthy();
    expect(within(list).getByText(/has not been confirmed as redacted or anonymised/)).toBeTruthy();
    // The form is ready for the next record.
    expect((within(form).getByLabelText('Title') as HTMLInputElement).value).toBe('');
  });

  it('asks for a title before adding a record, beside the field and in the summary', async () => {
    const { db, user } = await openEvidenceLibrary();
    const form = screen.getByRole('region', { name: 'Add evidence without a file' });
    await user.click(within(form).getByRole('button', { name: 'Add this evidence' }));

    const summary = await within(form).findByRole('alert');
    expect(within(summary).getByRole('link', { name: 'Enter a title for the evidence' }).getAttribute('href')).toBe('#new-evidence-title');
    const title = within(form).getByLabelText('Title');
    expect(title.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(title.getAttribute('aria-describedby') ?? '')?.textContent).toBe(
      'Error: Enter a title for the evidence',
    );
    expect(await db.evidence.count()).toBe(0);
  });

  it('edits an item’s details, confirms its redaction, shows a text file and saves a copy', async () => {
    const { db, user, platform } = await openEvidenceLibrary();
    await user.upload(screen.getByLabelText('Choose files to add'), textFile('Attendance at annual reviews: 96%', 'reviews.txt'));
    await user.click(await screen.findByRole('button', { name: 'View and edit reviews' }));
    const panel = screen.getByRole('region', { name: 'reviews' });
    expect(document.activeElement).toBe(within(panel).getByRole('heading', { level: 2, name: 'reviews' }));

    const preview = await within(panel).findByRole('region', { name: 'Text of reviews' });
    expect(preview.textContent).toBe('Attendance at annual reviews: 96%');

    const title = within(panel).getByLabelText('Title');
    await user.clear(title);
    await user.type(title, 'Annual review attendance');
    await user.selectOptions(within(panel).getByLabelText('Kind of evidence'), 'attainment-data');
    await user.click(within(panel).getByLabelText('It contains personal data'));
    await user.click(within(panel).getByLabelText('I confirm it has been redacted or anonymised'));
    await user.click(within(panel).getByRole('button', { name: 'Save details' }));

    await within(panel).findByText('Details saved.');
    const [item] = await db.evidence.toArray();
    expect(item).toMatchObject({
      title: 'Annual review attendance',
      kind: 'attainment-data',
      containsPersonalData: true,
      redactionConfirmed: true,
    });
    const list = await evidenceList();
    expect(within(list).queryByText(/has not been confirmed as redacted/)).toBeNull();

    await user.click(within(panel).getByRole('button', { name: 'Save a copy of reviews.txt' }));
    expect(await within(panel).findByText('Saved a copy of “reviews.txt”.')).toBeTruthy();
    const saved = (platform as ReturnType<typeof recordingPlatform>).saved;
    expect(saved.map((s) => s.name)).toEqual(['reviews.txt']);
  });

  it('says when a file cannot be previewed', async () => {
    const { user } = await openEvidenceLibrary();
    await user.upload(
      screen.getByLabelText('Choose files to add'),
      new File([new Uint8Array([80, 75, 3, 4])], 'data.xlsx', { type: 'application/vnd.ms-excel' }),
    );
    await user.click(await screen.findByRole('button', { name: 'View and edit data' }));
    const panel = screen.getByRole('region', { name: 'data' });
    expect(await within(panel).findByText('No preview for this kind of file. Save a copy to open it in another program.')).toBeTruthy();
  });

  it('deletes an item only after it is confirmed, with its links and stored file', async () => {
    const { db, user, evaluation } = await openEvidenceLibrary();
    await user.selectOptions(screen.getByLabelText('Link the new files to a criterion (optional)'), 'NE-1.2.1');
    await user.upload(screen.getByLabelText('Choose files to add'), textFile('Training log', 'training.txt'));
    await user.click(await screen.findByRole('button', { name: 'View and edit training' }));
    const panel = screen.getByRole('region', { name: 'training' });

    await user.click(within(panel).getByRole('button', { name: 'Delete this evidence' }));
    await user.click(within(panel).getByRole('button', { name: 'Cancel' }));
    expect(await db.evidence.count()).toBe(1);
    expect(document.activeElement).toBe(within(panel).getByRole('button', { name: 'Delete this evidence' }));

    await user.click(within(panel).getByRole('button', { name: 'Delete this evidence' }));
    expect(within(panel).getByText(/Delete “training”\? It is removed from the library/)).toBeTruthy();
    await user.click(within(panel).getByRole('button', { name: 'Yes, delete it' }));

    expect(await screen.findByText('“training” was deleted.')).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'training' })).toBeNull();
    expect(await db.evidence.count()).toBe(0);
    expect(await db.evidenceBlobs.count()).toBe(0);
    expect(await db.evidenceLinks.where('evaluationId').equals(evaluation.id).count()).toBe(0);
  });
});
