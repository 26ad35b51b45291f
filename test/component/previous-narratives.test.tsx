import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { AppDatabase } from '../../renderer/db/app-database';
import { checkBackupFile, makeBackup, restoreBackup } from '../../renderer/db/backup-store';
import { openAppDatabase } from '../../renderer/db/database-guard';
import { saveResponse, startEvaluation } from '../../renderer/db/evaluation-store';
import { CriterionScreen } from '../../renderer/school/evaluation/CriterionScreen';
import { writeBackup } from '../../shared/backup/backup-format';
import { previousNarrativeKey } from '../../shared/evaluation/edition-crosswalk';
import { createCatalogue, frameworkForRegion } from '../../shared/framework/framework-catalogue';
import { loadShippedData } from '../../shared/framework/shipped-frameworks';
import { genuineFilesVerifier } from './backup-test-data';
import { freshDatabase, recordOlderResponse, renderWithServices, seedSchoolAndEvaluation } from './render-app';

const VERSION = '0.0.0-test';
/** NE-1.1.1 (the 2005 SEN policy) carries only its evidence to NE26-4.1.1: its narrative is kept for reference. */
const OLD_NARRATIVE = 'Our SEN policy is on the website and reviewed each summer.\nGovernors approved it in July.';
const OLD_NEXT_STEPS = 'Add the complaints procedure.';

/** A 2005 evaluation with a narrative on NE-1.1.1, carried forward into a new 2026 evaluation. */
async function carriedForward(db: AppDatabase = freshDatabase()) {
  const { school, evaluation: old } = await seedSchoolAndEvaluation(db, 'north-east', 'historic');
  await recordOlderResponse(db, old.id, 'NE-1.1.1', { judgement: 'established', narrative: OLD_NARRATIVE, nextSteps: OLD_NEXT_STEPS });
  const { frameworks, regions } = await loadShippedData();
  const current = frameworkForRegion(createCatalogue(frameworks, regions), 'north-east');
  if (!current.ok) throw new Error(current.message);
  const { evaluation } = await startEvaluation(db, school, current.framework, { title: 'Accreditation 2027–28', carryForwardFrom: old.id });
  return { db, old, evaluation };
}

describe('starting a 2026 evaluation from a 2005 one keeps the narratives that no longer fit', () => {
  it('stores each beside the criterion that succeeds its own, with the crosswalk’s note', async () => {
    const { db, evaluation } = await carriedForward();
    const stored = await db.previousNarratives.where('evaluationId').equals(evaluation.id).toArray();
    expect(stored).toEqual([
      {
        key: previousNarrativeKey(evaluation.id, 'NE26-4.1.1', 'NE-1.1.1'),
        evaluationId: evaluation.id,
        criterionId: 'NE26-4.1.1',
        fromCriterionId: 'NE-1.1.1',
        narrative: OLD_NARRATIVE,
        nextSteps: OLD_NEXT_STEPS,
        note: expect.stringContaining('What a school must publish') as string,
      },
    ]);
    // Not used as the new criterion's narrative.
    expect((await db.responses.get(`${evaluation.id}|NE26-4.1.1`))?.narrative ?? '').toBe('');
  });

  it('goes into backups and comes back on restore', async () => {
    const { db, evaluation } = await carriedForward();
    const before = await db.previousNarratives.toArray();
    const made = await makeBackup(db, VERSION);
    expect(made.manifest.tables.find((t) => t.name === 'previousNarratives')?.records).toHaveLength(1);
    await db.previousNarratives.clear();
    const checked = await checkBackupFile(db, made.file, VERSION, genuineFilesVerifier([]).runner);
    if (!checked.ok) throw new Error(checked.message);
    await restoreBackup(db, checked.backup, VERSION);
    expect(await db.previousNarratives.where('evaluationId').equals(evaluation.id).toArray()).toEqual(before);
  });

  it('restores a backup made before there were previous narratives, leaving none', async () => {
    const { db } = await carriedForward();
    const made = await makeBackup(db, VERSION);
    // The same backup as schema 6 wrote it: no previousNarratives table at all.
    const older = await writeBackup({
      appVersion: VERSION,
      schemaVersion: 6,
      createdAt: made.createdAt,
      tables: made.manifest.tables.filter((t) => t.name !== 'previousNarratives'),
    });
    await db.delete();
    const fresh = new AppDatabase(db.name);
    expect(await openAppDatabase(fresh, VERSION)).toEqual({ ok: true });
    const checked = await checkBackupFile(fresh, older.file, VERSION, genuineFilesVerifier([]).runner);
    if (!checked.ok) throw new Error(checked.message);
    await restoreBackup(fresh, checked.backup, VERSION);
    expect(await fresh.evaluations.count()).toBe(2);
    expect(await fresh.previousNarratives.count()).toBe(0);
  });
});

describe('the previous narrative on the criterion screen', () => {
  it('shows it read-only, naming the edition and the criterion it was written for', async () => {
    const { db, evaluation } = await carriedForward();
    await renderWithServices(<CriterionScreen evaluationId={evaluation.id} criterionId="NE26-4.1.1" />, { db });
    const section = await screen.findByRole(
      'region',
      {
        name: 'From your previous evaluation (2005 edition, criterion NE-1.1.1), for reference',
      },
      { timeout: 10_000 },
    );
    expect(within(section).getByText(/^What changed: What a school must publish/)).toBeTruthy();
    const texts = section.querySelectorAll('.previous-narratives__text');
    expect([...texts].map((t) => t.textContent)).toEqual([OLD_NARRATIVE, OLD_NEXT_STEPS]);
    expect(within(section).queryByRole('textbox')).toBeNull();
  });

  it('copies it into the narrative as typing would, and the narrative is saved', async () => {
    const user = userEvent.setup();
    const { db, evaluation } = await carriedForward();
    await saveResponse(db, evaluation.id, 'NE26-4.1.1', { narrative: 'The report is linked from the home page.' });
    await renderWithServices(<CriterionScreen evaluationId={evaluation.id} criterionId="NE26-4.1.1" />, { db });
    await user.click(await screen.findByRole('button', { name: 'Copy the NE-1.1.1 narrative into your narrative' }, { timeout: 10_000 }));

    const narrative = screen.getByLabelText('Narrative') as HTMLTextAreaElement;
    const expected = `The report is linked from the home page.\n\n${OLD_NARRATIVE}`;
    expect(narrative.value).toBe(expected);
    expect(document.activeElement).toBe(narrative);
    expect(screen.getByText(/^The NE-1\.1\.1 narrative is now at the end of your narrative/)).toBeTruthy();
    await waitFor(async () => expect((await db.responses.get(`${evaluation.id}|NE26-4.1.1`))?.narrative).toBe(expected));
    // The previous narrative itself is unchanged, still there for reference.
    expect((await db.previousNarratives.get(previousNarrativeKey(evaluation.id, 'NE26-4.1.1', 'NE-1.1.1')))?.narrative).toBe(OLD_NARRATIVE);
  });

  it('shows nothing on a criterion with no previous narrative', async () => {
    const { db, evaluation } = await carriedForward();
    await renderWithServices(<CriterionScreen evaluationId={evaluation.id} criterionId="NE26-1.1.1" />, { db });
    await screen.findByRole('heading', { name: 'Your evaluation' }, { timeout: 10_000 });
    expect(screen.queryByTestId('previous-narratives')).toBeNull();
    expect(screen.queryByRole('button', { name: /narrative into your narrative/ })).toBeNull();
  });
});
