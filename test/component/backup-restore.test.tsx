import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppDatabase, DATABASE_SCHEMA_VERSION } from '../../renderer/db/app-database';
import { checkBackupFile, DERIVED_TABLES, makeBackup, restoreBackup, TABLES_LEFT_OUT } from '../../renderer/db/backup-store';
import { META, openAppDatabase } from '../../renderer/db/database-guard';
import { SettingsScreen } from '../../renderer/settings/SettingsScreen';
import { BACKUP_HEADER_BYTES, writeBackup, type BackupTableInput } from '../../shared/backup/backup-format';
import { parseBackupFileName } from '../../shared/backup/backup-file-name';
import { signerPinKey } from '../../shared/moderation/import-decision';
import type { ImportedSubmission, SignerPin, VisitPlan } from '../../shared/moderation/moderation-records';
import {
  addSigningKey,
  BINARY_EVIDENCE,
  everything,
  genuineFilesIn,
  genuineFilesVerifier,
  genuineReport,
  seedRealisticData,
  type GenuineFile,
} from './backup-test-data';
import { restoredText } from '../../renderer/settings/backup-text';
import { moderatorPinKey } from '../../shared/moderation/first-use-trust';
import { importedSubmissionKey } from '../../shared/moderation/moderation-records';
import {
  MODERATOR_FINGERPRINT,
  moderationRecord,
  schoolSubmissionAndReport,
  seedModeratorSubmission,
  WORKSPACE,
} from './moderation-test-data';
import { freshDatabase, recordingPlatform, renderWithServices, seedSchoolAndEvaluation } from './render-app';

const VERSION = '0.0.0-test';

async function fileOf(blob: Blob, name = 'backup.senbackup'): Promise<File> {
  return new File([await blob.arrayBuffer()], name, { type: '' });
}

afterEach(() => {
  vi.restoreAllMocks();
});

/**
 * As on a new computer: the database is deleted and made again, empty, then the backup file is
 * checked and restored into it. Returns the new database and what the restore reported.
 */
async function restoreOntoNewDatabase(db: AppDatabase, backup: Blob, genuine: readonly GenuineFile[] = []) {
  await db.delete();
  const fresh = new AppDatabase(db.name);
  expect(await openAppDatabase(fresh, VERSION)).toEqual({ ok: true });
  expect(await fresh.schools.count()).toBe(0);
  const checked = await checkBackupFile(fresh, await fileOf(backup), VERSION, genuineFilesVerifier(genuine).runner);
  if (!checked.ok) throw new Error(checked.message);
  return { fresh, checked, outcome: await restoreBackup(fresh, checked.backup, VERSION) };
}

/** The pin an import makes for the school of an imported submission. */
async function pinAsImported(db: AppDatabase, submission: ImportedSubmission): Promise<SignerPin> {
  const pin: SignerPin = {
    key: signerPinKey(submission.workspaceId, submission.urn),
    workspaceId: submission.workspaceId,
    urn: submission.urn,
    fingerprint: submission.signerFingerprint,
    pinnedAt: submission.importedAt,
    history: [],
  };
  await db.signerPins.put(pin);
  return pin;
}

/** Settings, once the criteria have loaded and its heading is up. */
async function renderSettings(options: Parameters<typeof renderWithServices>[1]) {
  const view = await renderWithServices(<SettingsScreen />, options);
  await screen.findByRole('heading', { level: 1, name: 'Settings' }, { timeout: 10_000 });
  return view;
}

describe('backing up and restoring the whole database', () => {
  it('gives back every record and every byte after the database is wiped', async () => {
    const db = freshDatabase();
    await openAppDatabase(db, VERSION);
    const { school } = await seedRealisticData(db);
    await addSigningKey(db, school.id);
    const before = await everything(db);
    const tableNames = db.tables.map((t) => t.name);

    const made = await makeBackup(db, VERSION, new Date('2026-11-24T09:30:00Z'));
    expect(made.fileName).toBe('sen-accreditation-backup-2026-11-24T09-30-00Z-v0.0.0-test.senbackup');
    // Signing keys and thumbnails are left out and said so; the shared-folder index, which a scan rebuilds from the folder, silently.
    expect(made.manifest.tables.map((t) => t.name).sort()).toEqual(
      tableNames.filter((n) => n !== 'signingKeys' && n !== 'evidenceThumbnails' && !DERIVED_TABLES.includes(n)).sort(),
    );
    expect(made.manifest.leftOut).toEqual([
      { table: 'signingKeys', records: 1, reason: TABLES_LEFT_OUT.signingKeys },
      { table: 'evidenceThumbnails', records: 0, reason: TABLES_LEFT_OUT.evidenceThumbnails },
    ]);
    // Policy (stored once though used twice), the binary file, the PDF, and the certificate bytes nowhere (keys are left out).
    expect(made.manifest.entries).toHaveLength(3);
    expect(made.counts).toEqual({ schools: 1, evaluations: 1, evidence: 4, files: 2, submissions: 1 });
    // Figures for the record: size and time for this data.
    console.info(`backup of the test data: ${made.file.size} bytes in ${made.tookMs.toFixed(0)} ms`);

    const { fresh, outcome } = await restoreOntoNewDatabase(db, made.file);
    expect(outcome.workspacesWithoutKey).toEqual(['Riverside Primary School']);

    const after = await everything(fresh);
    const { meta: metaBefore, ...restBefore } = before;
    const { meta: metaAfter, ...restAfter } = after;
    expect(restAfter).toEqual(restBefore);
    const blob = (await fresh.evidenceBlobs.toArray()).find((b) => b.size === BINARY_EVIDENCE.length);
    expect(new Uint8Array(await blob!.blob.arrayBuffer())).toEqual(BINARY_EVIDENCE);
    expect(metaBefore).toEqual(expect.arrayContaining([{ key: META.schemaVersion, value: DATABASE_SCHEMA_VERSION }]));
    expect(metaAfter).toEqual(
      expect.arrayContaining([
        { key: META.schemaVersion, value: DATABASE_SCHEMA_VERSION },
        { key: META.appVersion, value: VERSION },
        { key: META.lastBackupAt, value: '2026-11-24T09:30:00.000Z' },
        { key: META.restoredBackupCreatedAt, value: '2026-11-24T09:30:00.000Z' },
      ]),
    );
    expect(await fresh.signingKeys.count()).toBe(0);
  });

  it('keeps a signing key that is already on this computer', async () => {
    const db = freshDatabase();
    await openAppDatabase(db, VERSION);
    const { school } = await seedRealisticData(db);
    await addSigningKey(db, school.id);
    const made = await makeBackup(db, VERSION);
    const checked = await checkBackupFile(db, made.file, VERSION, genuineFilesVerifier([]).runner);
    if (!checked.ok) throw new Error(checked.message);
    const outcome = await restoreBackup(db, checked.backup, VERSION);
    expect(outcome.workspacesWithoutKey).toEqual([]);
    expect(await db.signingKeys.count()).toBe(1);
  });

  it('gives back a moderator’s imported submissions with their data, each in its own table', async () => {
    const db = freshDatabase();
    await openAppDatabase(db, VERSION);
    const { submission, document, framework } = await seedModeratorSubmission(db);
    await pinAsImported(db, submission);
    const genuine = await genuineFilesIn(db, framework);
    const { meta: _metaBefore, ...before } = await everything(db);

    const made = await makeBackup(db, VERSION);
    expect(made.manifest.tables.find((t) => t.name === 'importedSubmissionDocuments')?.records).toHaveLength(1);
    const { fresh } = await restoreOntoNewDatabase(db, made.file, genuine);

    const { meta: _metaAfter, ...after } = await everything(fresh);
    expect(after).toEqual(before);
    expect(await fresh.importedSubmissions.get(submission.key)).not.toHaveProperty('document');
    expect((await fresh.importedSubmissionDocuments.get(submission.key))?.document).toEqual(document);
  });

  it('restores a backup made at schema 3, moving each imported submission’s data into its own table', async () => {
    const db = freshDatabase();
    await openAppDatabase(db, VERSION);
    const { submission, document, framework } = await seedModeratorSubmission(db);
    await pinAsImported(db, submission);
    const genuine = await genuineFilesIn(db, framework);
    const { meta: _metaBefore, ...before } = await everything(db);
    // The same data as schema 3 backed it up: each document inside its record, and no table of documents.
    const tables: BackupTableInput[] = [];
    for (const table of db.tables) {
      if (table.name === 'signingKeys' || table.name === 'evidenceThumbnails' || table.name === 'importedSubmissionDocuments') continue;
      let records: unknown[] = await table.toArray();
      if (table.name === 'importedSubmissions')
        records = records.map((record) => ({ ...(record as object), document: structuredClone(document) }));
      tables.push({ name: table.name, primaryKey: table.schema.primKey.keyPath as string, records });
    }
    const old = await writeBackup({ appVersion: VERSION, schemaVersion: 3, createdAt: '2026-11-20T09:00:00.000Z', tables });
    expect(old.manifest.tables.find((t) => t.name === 'importedSubmissions')?.records[0]).toHaveProperty('document');

    const { fresh } = await restoreOntoNewDatabase(db, old.file, genuine);

    const { meta: _metaAfter, ...after } = await everything(fresh);
    expect(after).toEqual(before);
    expect(await fresh.importedSubmissions.get(submission.key)).not.toHaveProperty('document');
    expect((await fresh.importedSubmissionDocuments.get(submission.key))?.document).toEqual(document);
  });

  it('backs up a table that a later version adds, with no change to the backup code', async () => {
    // A later schema: the same tables plus one more (as the moderator's side will add).
    class LaterDatabase extends AppDatabase {
      constructor(name: string) {
        super(name);
        this.version(DATABASE_SCHEMA_VERSION + 1).stores({ laterReports: 'id, submissionId', outboundNotes: '' });
      }
    }
    const db = new LaterDatabase(`later-${Date.now()}`);
    await db.table('laterReports').add({ id: 'm1', submissionId: 's1', pdf: new Blob(['report'], { type: 'application/pdf' }) });
    await db.table('outboundNotes').add({ text: 'kept by an outside key' }, 'note-1');
    const made = await makeBackup(db, VERSION);
    expect(made.manifest.tables.map((t) => t.name)).toEqual(expect.arrayContaining(['laterReports', 'outboundNotes']));
    await db.table('laterReports').clear();
    await db.table('outboundNotes').clear();
    const checked = await checkBackupFile(db, made.file, VERSION, genuineFilesVerifier([]).runner);
    if (!checked.ok) throw new Error(checked.message);
    await restoreBackup(db, checked.backup, VERSION);
    expect(await everything(db, ['signingKeys', 'meta'])).toMatchObject({
      laterReports: [
        { id: 'm1', submissionId: 's1', pdf: { blobType: 'application/pdf', bytes: [...new TextEncoder().encode('report')] } },
      ],
      outboundNotes: [{ text: 'kept by an outside key' }],
    });
    expect(await db.table('outboundNotes').toCollection().primaryKeys()).toEqual(['note-1']);
  });
});

describe('a restore verifies every signed file again', () => {
  /** A moderator workspace with one genuine imported submission, pinned; and a hand-made one whose PDF does not verify. */
  async function moderatorWithForgery(db: AppDatabase) {
    const { submission, document, framework } = await seedModeratorSubmission(db);
    const pin = await pinAsImported(db, submission);
    const genuine = await genuineFilesIn(db, framework);
    const forgedDocument = structuredClone(document);
    forgedDocument.submissionId = 'forged-0001';
    forgedDocument.school = { ...forgedDocument.school, name: 'Forged Academy', urn: '999999' };
    const forgedPdf = new Blob(['%PDF-1.7 made by hand, never signed by the school'], { type: 'application/pdf' });
    const forged: ImportedSubmission = {
      ...submission,
      key: importedSubmissionKey(submission.workspaceId, 'forged-0001'),
      submissionId: 'forged-0001',
      urn: '999999',
      schoolName: 'Forged Academy',
      fileSha256: 'ab'.repeat(32),
      signerFingerprint: 'cd'.repeat(32),
    };
    await db.importedSubmissions.put(forged);
    await db.importedSubmissionDocuments.put({ key: forged.key, document: forgedDocument });
    await db.importedSubmissionFiles.put({ sha256: forged.fileSha256, pdf: forgedPdf });
    await pinAsImported(db, forged);
    await db.criterionModerations.put(moderationRecord(forged.key, framework.criteria[0]!.id, 'agree', 'Looks fine.'));
    return { submission, document, pin, forged, genuine };
  }

  it('restores without an imported submission that does not verify, and says what was left out and why', async () => {
    const db = freshDatabase();
    await openAppDatabase(db, VERSION);
    const { submission, document, pin, forged, genuine } = await moderatorWithForgery(db);
    const made = await makeBackup(db, VERSION);

    const { fresh, checked, outcome } = await restoreOntoNewDatabase(db, made.file, genuine);
    expect(checked.counts.submissions).toBe(0);
    expect((await fresh.importedSubmissions.toArray()).map((s) => s.key)).toEqual([submission.key]);
    expect((await fresh.importedSubmissionDocuments.toArray()).map((d) => d.key)).toEqual([submission.key]);
    expect((await fresh.importedSubmissionFiles.toArray()).map((f) => f.sha256)).toEqual([submission.fileSha256]);
    expect((await fresh.importedSubmissionDocuments.get(submission.key))?.document).toEqual(document);
    // Only the genuine school's pin: the forged file's key is not pinned on the backup's word.
    expect(await fresh.signerPins.toArray()).toEqual([pin]);
    expect(await fresh.criterionModerations.where('submissionKey').equals(forged.key).count()).toBe(0);
    expect(outcome.leftOut).toEqual([
      {
        what: 'Imported submission v1 from Forged Academy (URN 999999), in the workspace of Jordan Hale (North East SEN Partnership)',
        why: 'Its PDF does not verify: The signature does not match the file: it has been changed since it was signed.',
      },
      {
        what: 'The key pinned for URN 999999',
        why: 'No submission in the backup that verifies was signed with it, so it is not trusted on the backup’s word alone.',
      },
      { what: '1 criterion moderation notes', why: 'They belong to submissions that were left out, or to no submission in the backup.' },
    ]);
    expect(restoredText(outcome)).toContain(
      'Left out, because they did not verify again: Imported submission v1 from Forged Academy (URN 999999)',
    );
  });

  it('gives back a visit plan with its timetable, the evidence seen on the day and the notes on each criterion', async () => {
    const db = freshDatabase();
    await openAppDatabase(db, VERSION);
    const { submission, framework } = await seedModeratorSubmission(db);
    await pinAsImported(db, submission);
    const genuine = await genuineFilesIn(db, framework);
    const id = framework.criteria[0]!.id;
    const plan: VisitPlan = {
      submissionKey: submission.key,
      criterionIds: [id],
      method: { kind: 'hand' },
      visitDate: '2027-01-14',
      notes: '',
      updatedAt: '2026-11-26T09:00:00.000Z',
      timetable: [
        {
          id: 'r1',
          start: '09:00',
          end: '09:30',
          activity: 'interview',
          withWhom: ['governors'],
          who: '',
          place: 'Office',
          criterionIds: [id],
        },
      ],
      evidenceSeen: [{ id: 'e1', what: 'Governors’ minutes', where: 'Office', criterionIds: [id] }],
      criterionNotes: { [id]: 'Minutes record the yearly SEN report.' },
    };
    await db.visitPlans.put(plan);
    const made = await makeBackup(db, VERSION);
    const { fresh, outcome } = await restoreOntoNewDatabase(db, made.file, genuine);
    expect(outcome.leftOut).toEqual([]);
    expect(await fresh.visitPlans.get(submission.key)).toEqual(plan);
  });

  it('does not restore a pin that no verifying file in the backup was signed with', async () => {
    const db = freshDatabase();
    await openAppDatabase(db, VERSION);
    const { school } = await seedSchoolAndEvaluation(db);
    await db.moderatorWorkspaces.put(WORKSPACE);
    await db.signerPins.put({
      key: signerPinKey(WORKSPACE.id, '777777'),
      workspaceId: WORKSPACE.id,
      urn: '777777',
      fingerprint: 'ee'.repeat(32),
      pinnedAt: '2026-10-01T09:00:00.000Z',
      history: [],
    });
    await db.moderatorPins.put({
      key: moderatorPinKey(school.id, 'north-east', 'Someone Else'),
      schoolId: school.id,
      regionId: 'north-east',
      organisation: 'Someone Else',
      fingerprint: 'dd'.repeat(32),
      moderatorName: 'A Stranger',
      pinnedAt: '2026-10-01T09:00:00.000Z',
    });
    const made = await makeBackup(db, VERSION);
    const { fresh, outcome } = await restoreOntoNewDatabase(db, made.file);
    expect(await fresh.signerPins.count()).toBe(0);
    expect(await fresh.moderatorPins.count()).toBe(0);
    expect(await fresh.schools.count()).toBe(1);
    expect(outcome.leftOut.map((r) => r.what)).toEqual(['The key pinned for URN 777777', 'The key pinned for Someone Else']);
  });

  it('derives a school’s moderator pin from a received report that verifies, and leaves out one that does not', async () => {
    const db = freshDatabase();
    await openAppDatabase(db, VERSION);
    const { school, evaluation, framework } = await seedSchoolAndEvaluation(db);
    const { record, moderation } = await schoolSubmissionAndReport(db, school, evaluation.id, framework);
    const received = {
      id: moderation.reportId,
      schoolId: school.id,
      evaluationId: evaluation.id,
      submissionId: record.id,
      importedAt: '2026-12-03T09:00:00.000Z',
      fileSha256: '34'.repeat(32),
      signerFingerprint: MODERATOR_FINGERPRINT,
      document: moderation,
      pdf: new Blob(['%PDF-1.7 the moderator’s report'], { type: 'application/pdf' }),
    };
    await db.receivedReports.put(received);
    // A second report, hand-made, under a look-alike name, with its own key pinned.
    const forged = {
      ...received,
      id: 'report-forged',
      signerFingerprint: '66'.repeat(32),
      document: {
        ...moderation,
        reportId: 'report-forged',
        moderator: { ...moderation.moderator, organisation: 'North East SEN Partnership ' },
      },
      pdf: new Blob(['%PDF-1.7 not signed by anyone'], { type: 'application/pdf' }),
    };
    await db.receivedReports.put(forged);
    await db.moderatorPins.put({
      key: moderatorPinKey(school.id, 'north-east', WORKSPACE.organisation),
      schoolId: school.id,
      regionId: 'north-east',
      organisation: WORKSPACE.organisation,
      fingerprint: '66'.repeat(32),
      moderatorName: 'A Stranger',
      pinnedAt: '2026-12-03T10:00:00.000Z',
    });
    const made = await makeBackup(db, VERSION);
    const verifier = genuineFilesVerifier([genuineReport(received)]);
    await db.delete();
    const fresh = new AppDatabase(db.name);
    await openAppDatabase(fresh, VERSION);
    const checked = await checkBackupFile(fresh, await fileOf(made.file), VERSION, verifier.runner);
    if (!checked.ok) throw new Error(checked.message);
    expect(verifier.requests).toEqual(['report', 'report']);
    const outcome = await restoreBackup(fresh, checked.backup, VERSION);

    expect((await fresh.receivedReports.toArray()).map((r) => r.id)).toEqual([moderation.reportId]);
    expect(await fresh.moderatorPins.toArray()).toEqual([
      {
        key: moderatorPinKey(school.id, 'north-east', WORKSPACE.organisation),
        schoolId: school.id,
        regionId: 'north-east',
        organisation: WORKSPACE.organisation,
        fingerprint: MODERATOR_FINGERPRINT,
        moderatorName: WORKSPACE.moderatorName,
        pinnedAt: received.importedAt,
      },
    ]);
    expect(outcome.leftOut.map((r) => r.what)).toEqual([
      'Moderation report of submission v1 from North East SEN Partnership ',
      'The key pinned for North East SEN Partnership',
    ]);
  });

  it('leaves out a hand-made record not in the form the app keeps, and refuses the whole restore when a file cannot be checked', async () => {
    const db = freshDatabase();
    await openAppDatabase(db, VERSION);
    const { submission, genuine } = await moderatorWithForgery(db);
    await db.importedSubmissions.put({ ...submission, key: `${submission.workspaceId}|odd`, submissionId: 'odd', size: -1 });
    const made = await makeBackup(db, VERSION);
    const checked = await checkBackupFile(db, await fileOf(made.file), VERSION, genuineFilesVerifier(genuine).runner);
    if (!checked.ok) throw new Error(checked.message);
    expect(checked.leftOut).toContainEqual({
      what: 'Imported submission v1 from Riverside Primary School (URN 123456), in the workspace of Jordan Hale (North East SEN Partnership)',
      why: 'The record is not in the form this app keeps it, so the backup may have been edited by hand.',
    });

    // The checker stops part way: nothing is restored, and the database is as it was.
    await db.moderatorWorkspaces.update(WORKSPACE.id, { moderatorName: 'Changed since' });
    const before = await everything(db);
    const broken = await checkBackupFile(db, await fileOf(made.file), VERSION, {
      verify: async () => ({ kind: 'failed', message: 'The file could not be checked: the background task stopped unexpectedly.' }),
    });
    expect(broken).toEqual({
      ok: false,
      message: expect.stringMatching(
        /^The backup could not be restored because Imported submission v1 .* could not be checked: The file could not be checked: the background task stopped unexpectedly\. Nothing in the app has been changed\./,
      ),
    });
    expect(await everything(db)).toEqual(before);
  });

  it('lists what a restore will leave out before anything is replaced', async () => {
    const user = userEvent.setup();
    const db = freshDatabase();
    await openAppDatabase(db, VERSION);
    const { genuine } = await moderatorWithForgery(db);
    const made = await makeBackup(db, VERSION);
    const before = await everything(db);
    await renderSettings({ db, verifyJobs: genuineFilesVerifier(genuine).runner });
    await user.upload(screen.getByLabelText('Restore from a backup…'), await fileOf(made.file));
    const list = await screen.findByTestId('restore-left-out');
    expect(list.textContent).toContain('3 things in this backup will not be restored, because they could not be verified again:');
    expect(within(list).getAllByRole('listitem')[0]?.textContent).toBe(
      'Imported submission v1 from Forged Academy (URN 999999), in the workspace of Jordan Hale (North East SEN Partnership): Its PDF does not verify: The signature does not match the file: it has been changed since it was signed.',
    );
    // Asking changed nothing.
    expect(await everything(db)).toEqual(before);
  });
});

describe('Settings › Back up and restore', () => {
  it('backs up with “Back up now”, and restores the file after a wipe, saying a new signing key will be made', async () => {
    const user = userEvent.setup();
    const db = freshDatabase();
    await openAppDatabase(db, VERSION);
    await seedRealisticData(db);
    const before = await everything(db);
    const platform = recordingPlatform();
    const view = await renderSettings({ db, platform });
    const section = screen.getByRole('region', { name: 'Back up and restore' });
    await waitFor(() =>
      expect(within(section).getByTestId('last-backup').textContent).toBe('No backup has been made on this computer yet.'),
    );

    await user.click(within(section).getByRole('button', { name: 'Back up now' }));
    await within(section).findByText(/^Backup saved as “sen-accreditation-backup-.*\.senbackup” \(/);
    expect(platform.saved).toHaveLength(1);
    const saved = platform.saved[0]!;
    expect(parseBackupFileName(saved.name)?.appVersion).toBe(VERSION);
    await waitFor(() =>
      expect(within(section).getByTestId('last-backup').textContent).toMatch(/^Last backup: \d{1,2} \w+ \d{4} at \d\d:\d\d\.$/),
    );
    view.unmount();

    // Wipe everything, then restore through the file input.
    await Promise.all(db.tables.map((t) => t.clear()));
    await renderSettings({ db, platform });
    const restoreSection = screen.getByRole('region', { name: 'Back up and restore' });
    await user.upload(within(restoreSection).getByLabelText('Restore from a backup…'), await fileOf(saved.data, saved.name));
    const question = await within(restoreSection).findByTestId('restore-question');
    expect(question.textContent).toMatch(
      /^Restoring replaces everything in the app with the backup from \d{1,2} \w+ \d{4} at \d\d:\d\d \(made by version 0\.0\.0-test\): 1 school, 1 evaluation, 4 items of evidence, 2 stored files, 1 exported submission\. /,
    );
    await waitFor(() => expect(document.activeElement).toBe(question));
    // Nothing to keep: no offer of a safety backup.
    expect(within(restoreSection).queryByLabelText(/Save a backup of what is in the app now/)).toBeNull();
    await user.click(within(restoreSection).getByRole('button', { name: 'Replace everything with this backup' }));
    const done = await within(restoreSection).findByText(/^Restored the backup from /);
    expect(done.textContent).toContain(
      'Signing keys are never in a backup, and Riverside Primary School has no signing key on this computer: a new key is made at the next export, with a new fingerprint.',
    );
    const { meta: _m1, ...restBefore } = before;
    const { meta: _m2, ...restAfter } = await everything(db);
    expect(restAfter).toEqual(restBefore);
    const certificates = screen.getByRole('region', { name: 'Signing certificates' });
    await within(certificates).findByText('No key yet: it is made at the first export.');
  });

  it('offers a backup of what is there now before replacing it, and saves it first', async () => {
    const user = userEvent.setup();
    const db = freshDatabase();
    await openAppDatabase(db, VERSION);
    await seedRealisticData(db);
    const made = await makeBackup(db, VERSION);
    const platform = recordingPlatform();
    await renderSettings({ db, platform });
    await user.upload(screen.getByLabelText('Restore from a backup…'), await fileOf(made.file));
    const safety = await screen.findByLabelText('Save a backup of what is in the app now, before restoring');
    expect((safety as HTMLInputElement).checked).toBe(true);
    await user.click(screen.getByRole('button', { name: 'Replace everything with this backup' }));
    await screen.findByText(/^Restored the backup from /);
    expect(platform.saved.map((s) => s.name)).toEqual([expect.stringMatching(/^sen-accreditation-backup-.*\.senbackup$/)]);
  });

  it('refuses a damaged file with an error summary, and changes nothing', async () => {
    const user = userEvent.setup();
    const db = freshDatabase();
    await openAppDatabase(db, VERSION);
    await seedRealisticData(db);
    const made = await makeBackup(db, VERSION);
    const bytes = new Uint8Array(await made.file.arrayBuffer());
    bytes[bytes.length - 10] = (bytes[bytes.length - 10] ?? 0) ^ 0xff; // inside the last stored file
    // Change the data after the backup, so a restore would show.
    await db.schools.toCollection().modify({ name: 'Renamed After The Backup' });
    const before = await everything(db);

    await renderSettings({ db });
    await user.upload(screen.getByLabelText('Restore from a backup…'), new File([bytes], 'damaged.senbackup'));
    const summary = await screen.findByRole('alert', { name: '“damaged.senbackup” was not restored' });
    const link = within(summary).getByRole('link', {
      name: /^This backup file is damaged \(stored file \d of 3 does not match the checksum/,
    });
    await waitFor(() => expect(document.activeElement).toBe(summary));
    await user.click(link);
    expect(document.activeElement).toBe(screen.getByLabelText('Restore from a backup…'));
    expect(screen.getByLabelText('Restore from a backup…').getAttribute('aria-invalid')).toBe('true');
    expect(screen.queryByRole('button', { name: 'Replace everything with this backup' })).toBeNull();
    expect(await everything(db)).toEqual(before);
  });

  it('refuses a file cut short, and one that is not a backup', async () => {
    const user = userEvent.setup();
    const db = freshDatabase();
    await openAppDatabase(db, VERSION);
    await seedRealisticData(db);
    const made = await makeBackup(db, VERSION);
    const before = await everything(db);
    await renderSettings({ db });
    const input = screen.getByLabelText('Restore from a backup…');
    await user.upload(input, new File([made.file.slice(0, made.file.size - 100)], 'cut.senbackup'));
    await screen.findByRole('link', { name: /^This backup file is incomplete: it ends before all of its contents/ });
    await user.upload(input, new File(['just some text'], 'notes.senbackup'));
    await screen.findByRole('link', { name: /^This file is not a SEN Accreditation backup/ });
    expect(await everything(db)).toEqual(before);
  });

  it('refuses a backup from a newer version, in plain words', async () => {
    const user = userEvent.setup();
    const db = freshDatabase();
    await openAppDatabase(db, VERSION);
    await seedRealisticData(db);
    const newer = await makeBackup(db, '9.0.0');
    const before = await everything(db);
    await renderSettings({ db });
    await user.upload(screen.getByLabelText('Restore from a backup…'), await fileOf(newer.file, 'from-the-future.senbackup'));
    await screen.findByRole('link', {
      name: 'This backup was made by a newer version of SEN Accreditation (version 9.0.0) than this one (version 0.0.0-test), so this version cannot restore it. Nothing in the app has been changed. Install the newest version of the app, then restore the backup.',
    });
    expect(await everything(db)).toEqual(before);
  });

  it('when the disk fills up during a restore, says so and loses nothing already saved', async () => {
    const user = userEvent.setup();
    const db = freshDatabase();
    await openAppDatabase(db, VERSION);
    await seedRealisticData(db);
    const made = await makeBackup(db, VERSION);
    // Work done since the backup: it must survive the failed restore.
    await db.schools.toCollection().modify({ name: 'Riverside Primary School (renamed since the backup)' });
    await db.responses.toCollection().modify({ narrative: 'Typed after the backup was made.' });
    const before = await everything(db);

    // The restore goes over db.tables, whose Table objects are db.table(name)'s (not db.evidenceBlobs).
    const bulkAdd = vi
      .spyOn(db.table('evidenceBlobs'), 'bulkAdd')
      .mockRejectedValueOnce(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
    await renderSettings({ db });
    await user.upload(screen.getByLabelText('Restore from a backup…'), await fileOf(made.file));
    // No safety backup this time: it would record its date, and the data must be exactly as before.
    await user.click(await screen.findByLabelText('Save a backup of what is in the app now, before restoring'));
    await user.click(screen.getByRole('button', { name: 'Replace everything with this backup' }));
    await screen.findByRole('link', {
      name: 'There is not enough storage space on this computer to save the backup. Nothing was changed. Free some space (or remove large evidence files you no longer need) and try again.',
    });
    expect(bulkAdd).toHaveBeenCalledTimes(1);
    expect(await everything(db)).toEqual(before);
  });
});

describe('the backup file for the record', () => {
  it('starts with the header and its manifest names this app and schema', async () => {
    const db = freshDatabase();
    await openAppDatabase(db, VERSION);
    await seedRealisticData(db);
    const made = await makeBackup(db, VERSION);
    const bytes = new Uint8Array(await made.file.arrayBuffer());
    const length = new DataView(bytes.buffer).getUint32(12);
    const manifest = JSON.parse(new TextDecoder().decode(bytes.subarray(BACKUP_HEADER_BYTES, BACKUP_HEADER_BYTES + length))) as Record<
      string,
      unknown
    >;
    expect(manifest).toMatchObject({
      format: 'sen-accreditation-backup',
      formatVersion: 1,
      appVersion: VERSION,
      schemaVersion: DATABASE_SCHEMA_VERSION,
    });
  });
});
