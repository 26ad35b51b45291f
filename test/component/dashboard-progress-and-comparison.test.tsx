import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { nowIso } from '../../renderer/db/app-database';
import { checkBackupFile, makeBackup, restoreBackup } from '../../renderer/db/backup-store';
import { linkEvidence, unlinkEvidence } from '../../renderer/db/evidence-store';
import { saveResponse, saveResponseChanges, startEvaluation } from '../../renderer/db/evaluation-store';
import { createSchool } from '../../renderer/db/school-store';
import { DashboardScreen } from '../../renderer/school/evaluation/DashboardScreen';
import { emptyResponse } from '../../shared/evaluation/evaluation-records';
import { dayOf, type ProgressSnapshot } from '../../shared/evaluation/progress-history';
import { formatIsoDate } from '../../shared/formats/en-gb-dates';
import { createCatalogue, frameworkForRegion } from '../../shared/framework/framework-catalogue';
import { loadShippedData } from '../../shared/framework/shipped-frameworks';
import { genuineFilesVerifier } from './backup-test-data';
import { freshDatabase, recordOlderResponse, renderWithServices, SAMPLE_SCHOOL, seedSchoolAndEvaluation } from './render-app';

async function northEast2026() {
  const { frameworks, regions } = await loadShippedData();
  const chosen = frameworkForRegion(createCatalogue(frameworks, regions), 'north-east');
  if (!chosen.ok) throw new Error(chosen.message);
  return chosen.framework;
}

function snapshot(
  evaluationId: string,
  day: string,
  judgements: Record<string, string>,
  evidence: Record<string, number> = {},
): ProgressSnapshot {
  return { key: `${evaluationId}|${day}`, evaluationId, day, recordedAt: `${day}T15:00:00.000Z`, judgements, evidence, notApplicable: {} };
}

describe('the daily progress record, written with each save', () => {
  it('records a changed judgement and a linked or unlinked evidence item in the same transaction, and not a narrative edit', async () => {
    const db = freshDatabase();
    const framework = await northEast2026();
    const school = await createSchool(db, SAMPLE_SCHOOL);
    const { evaluation } = await startEvaluation(db, school, framework, { title: 'Accreditation 2026–27' });
    const today = dayOf(nowIso());
    // A new evaluation from nothing needs no record: its first day is derived.
    expect(await db.progressSnapshots.count()).toBe(0);

    await saveResponseChanges(
      db,
      evaluation.id,
      'NE26-1.1.1',
      { judgement: null, narrative: '', nextSteps: '' },
      { judgement: null, narrative: 'A narrative only.', nextSteps: '' },
    );
    expect(await db.progressSnapshots.count()).toBe(0);

    await saveResponse(db, evaluation.id, 'NE26-1.1.1', { judgement: 'established' });
    await linkEvidence(db, evaluation.id, 'NE26-1.1.2', 'evidence-1');
    let stored = await db.progressSnapshots.get(`${evaluation.id}|${today}`);
    expect(stored?.judgements).toEqual({ 'NE26-1.1.1': 'established' });
    expect(stored?.evidence).toEqual({ 'NE26-1.1.2': 1 });

    await unlinkEvidence(db, evaluation.id, 'NE26-1.1.2', 'evidence-1');
    stored = await db.progressSnapshots.get(`${evaluation.id}|${today}`);
    expect(stored?.evidence).toEqual({});
    expect(await db.progressSnapshots.count()).toBe(1);
  });

  it('writes no record when the save is refused (an evaluation on a historic edition)', async () => {
    const db = freshDatabase();
    const { evaluation } = await seedSchoolAndEvaluation(db, 'north-east', 'historic');
    await expect(saveResponse(db, evaluation.id, 'NE-1.1.1', { judgement: 'established' })).rejects.toThrow();
    await expect(linkEvidence(db, evaluation.id, 'NE-1.1.1', 'evidence-1')).rejects.toThrow();
    expect(await db.progressSnapshots.count()).toBe(0);
    expect(await db.responses.count()).toBe(0);
  });
});

describe('the daily progress records in a backup', () => {
  it('are saved in the backup and come back on restore', async () => {
    const db = freshDatabase();
    const framework = await northEast2026();
    const school = await createSchool(db, SAMPLE_SCHOOL);
    const { evaluation } = await startEvaluation(db, school, framework, { title: 'Accreditation 2026–27' });
    const kept = snapshot(evaluation.id, '2026-10-02', { 'NE26-1.1.1': 'established' }, { 'NE26-1.1.1': 1 });
    await db.progressSnapshots.put(kept);
    const made = await makeBackup(db, '0.3.0-test');

    const other = freshDatabase();
    const checked = await checkBackupFile(other, made.file, '0.3.0-test', genuineFilesVerifier([]).runner);
    if (!checked.ok) throw new Error(checked.message);
    await restoreBackup(other, checked.backup, '0.3.0-test');
    expect(await other.progressSnapshots.toArray()).toEqual([kept]);
  });
});

describe('the dashboard’s progress over time', () => {
  it('draws a point for the first day, each recorded day and today, with the numbers in a table', async () => {
    const db = freshDatabase();
    const framework = await northEast2026();
    const school = await createSchool(db, SAMPLE_SCHOOL);
    const { evaluation } = await startEvaluation(db, school, framework, { title: 'Accreditation 2026–27' });
    await db.evaluations.update(evaluation.id, { createdAt: '2026-10-01T09:00:00.000Z' });
    await db.progressSnapshots.bulkPut([
      snapshot(evaluation.id, '2026-10-02', { 'NE26-1.1.1': 'established' }),
      snapshot(evaluation.id, '2026-10-09', { 'NE26-1.1.1': 'established', 'NE26-1.1.2': 'developing' }, { 'NE26-1.1.1': 2 }),
    ]);
    await db.responses.put({ ...emptyResponse(evaluation.id, 'NE26-1.1.1'), judgement: 'embedded', updatedAt: nowIso() });
    await renderWithServices(<DashboardScreen evaluationId={evaluation.id} />, { db });

    const section = await screen.findByRole('region', { name: 'Progress over time' });
    const table = await within(section).findByTestId('progress-table');
    const rows = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((r) =>
        [
          within(r).getByRole('rowheader').textContent,
          ...within(r)
            .getAllByRole('cell')
            .map((c) => c.textContent),
        ].slice(0, 4),
      );
    const applying = rows[0]![1]!.split(' of ')[1];
    expect(rows).toEqual([
      ['1 October 2026 (started, nothing judged)', `0 of ${applying}`, '0', '0'],
      ['2 October 2026', `1 of ${applying}`, '1', '0'],
      ['9 October 2026', `2 of ${applying}`, '1', '1'],
      [`${formatIsoDate(dayOf(nowIso()))} (today)`, `1 of ${applying}`, '1', '0'],
    ]);
    expect(within(section).getByTestId('progress-coverage').textContent).toContain(
      'the day the evaluation was started, when nothing was judged yet',
    );
    expect(within(section).getByTestId('progress-summary').textContent).toBe(
      `From 1 October 2026 to ${formatIsoDate(dayOf(nowIso()))}, criteria judged went from 0 to 1 of ${applying}, met from 0 to 1, and with evidence from 0 to 0. The award rules give no award yet.`,
    );
    const picture = section.querySelector('.progress-chart__picture');
    expect(picture?.getAttribute('aria-hidden')).toBe('true');
    expect(picture?.querySelectorAll('.progress-chart__marker--judged')).toHaveLength(4);
  });

  it('says the record starts today for an older evaluation with no history, and makes none up', async () => {
    const db = freshDatabase();
    const framework = await northEast2026();
    const school = await createSchool(db, SAMPLE_SCHOOL);
    const { evaluation } = await startEvaluation(db, school, framework, { title: 'Accreditation 2026–27' });
    await db.evaluations.update(evaluation.id, { createdAt: '2026-09-01T09:00:00.000Z', carriedForwardFrom: 'gone' });
    await renderWithServices(<DashboardScreen evaluationId={evaluation.id} />, { db });
    const section = await screen.findByRole('region', { name: 'Progress over time' });
    const today = formatIsoDate(dayOf(nowIso()));
    expect((await within(section).findByTestId('progress-coverage')).textContent).toBe(
      `The app keeps a daily record of progress from ${today}. Earlier days are not shown: before then the app kept only where each criterion stands now, not how it got there.`,
    );
    expect(within(within(section).getByTestId('progress-table')).getAllByRole('row')).toHaveLength(2);
  });
});

describe('the dashboard’s comparison with the last evaluation', () => {
  it('compares each strand with the school’s earlier evaluation on the same edition, with the criteria that went up and down', async () => {
    const db = freshDatabase();
    const framework = await northEast2026();
    const school = await createSchool(db, SAMPLE_SCHOOL);
    const { evaluation: last } = await startEvaluation(db, school, framework, { title: 'Accreditation 2025–26' });
    await db.evaluations.update(last.id, { createdAt: '2025-10-01T09:00:00.000Z' });
    await recordOlderResponse(db, last.id, 'NE26-1.1.1', { judgement: 'established' });
    await recordOlderResponse(db, last.id, 'NE26-1.1.2', { judgement: 'embedded' });
    const { evaluation } = await startEvaluation(db, school, framework, { title: 'Accreditation 2026–27' });
    await recordOlderResponse(db, evaluation.id, 'NE26-1.1.1', { judgement: 'embedded' });
    await recordOlderResponse(db, evaluation.id, 'NE26-1.1.2', { judgement: 'developing' });
    await recordOlderResponse(db, evaluation.id, 'NE26-1.1.3', { judgement: 'established' });
    await renderWithServices(<DashboardScreen evaluationId={evaluation.id} />, { db });

    // The earlier evaluation is read after this one's records: wait for it however loaded the machine is.
    const panel = await screen.findByRole('region', { name: 'This evaluation against Accreditation 2025–26' }, { timeout: 15_000 });
    expect(panel.textContent).toContain('compared point by point');
    const table = within(panel).getByTestId('comparison-table');
    const row = within(table)
      .getAllByRole('row')
      .find((r) => within(r).queryByRole('rowheader')?.textContent?.startsWith('NE26-1 '));
    const cells = within(row!)
      .getAllByRole('cell')
      .map((c) => c.textContent);
    expect(cells).toEqual(['2 of 8', '3 of 8', '2', '2', 'NE26-1.1.1, NE26-1.1.3', 'NE26-1.1.2']);
    expect(
      within(row!)
        .getAllByRole('link')
        .map((a) => a.getAttribute('href')),
    ).toHaveLength(2);
    expect(panel.querySelector('.comparison-chart__picture')?.getAttribute('aria-hidden')).toBe('true');
  });
});
