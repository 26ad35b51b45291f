import { screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { criteriaOverviewHref } from '../../renderer/app/hash-route';
import { addEvidenceRecord } from '../../renderer/db/evidence-store';
import { CriteriaOverviewScreen } from '../../renderer/school/evaluation/CriteriaOverviewScreen';
import { EvidenceScreen } from '../../renderer/school/evidence/EvidenceScreen';
import { EMPTY_EVIDENCE_DETAILS } from '../../shared/evidence/evidence-records';
import type { School } from '../../shared/school/school-records';
import { freshDatabase, recordingPlatform, renderWithServices, seedSchoolAndEvaluation } from './render-app';

/**
 * Opening the evidence library or the criteria overview starts the read of its records beside the
 * read of the evaluation and its school, not after the screen has them: each read waits on the
 * database, and one after the other they add up on a busy computer. The school's read is held back
 * here until the screen's own records have been asked for; a screen that waited for its school first
 * would never ask.
 */
async function holdSchoolRead(db: ReturnType<typeof freshDatabase>) {
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  const get = db.schools.get.bind(db.schools) as (key: string) => Promise<School | undefined>;
  vi.spyOn(db.schools, 'get').mockImplementation(((key: string) => released.then(() => get(key))) as unknown as typeof db.schools.get);
  return release;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('Opening the evidence library and the criteria overview', () => {
  it('the library asks for its items before its school has been read, and one read of the items shows them', async () => {
    const db = freshDatabase();
    const { school, evaluation } = await seedSchoolAndEvaluation(db, 'north-east');
    for (const title of ['Provision map', 'Governors minutes'])
      await addEvidenceRecord(db, school.id, { ...EMPTY_EVIDENCE_DETAILS, title });
    const itemReads = vi.spyOn(db.evidence, 'where');
    const release = await holdSchoolRead(db);
    await renderWithServices(<EvidenceScreen evaluationId={evaluation.id} />, { db, platform: recordingPlatform() });
    await waitFor(() => expect(itemReads).toHaveBeenCalledWith('schoolId'));
    expect(screen.queryByText('2 items in the library.')).toBeNull();
    release();
    expect(await screen.findByText('2 items in the library.', {}, { timeout: 10_000 })).toBeTruthy();
    expect(itemReads).toHaveBeenCalledTimes(1);
  });

  it('the overview asks for its responses before the school has been read, and one read of them shows the rows', async () => {
    const db = freshDatabase();
    const { evaluation } = await seedSchoolAndEvaluation(db, 'north-east');
    window.history.replaceState(null, '', criteriaOverviewHref(evaluation.id, ''));
    const responseReads = vi.spyOn(db.responses, 'where');
    const release = await holdSchoolRead(db);
    await renderWithServices(<CriteriaOverviewScreen evaluationId={evaluation.id} />, { db });
    await waitFor(() => expect(responseReads).toHaveBeenCalledWith('evaluationId'));
    release();
    expect(await screen.findByText('Showing 63 of 63 criteria', {}, { timeout: 10_000 })).toBeTruthy();
    expect(responseReads).toHaveBeenCalledTimes(1);
  });
});
