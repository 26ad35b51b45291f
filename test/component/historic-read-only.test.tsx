import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { createAction, deleteAction, restoreAction, updateAction } from '../../renderer/db/action-store';
import type { AppDatabase } from '../../renderer/db/app-database';
import { saveResponse, saveResponseChanges, setNotApplicable } from '../../renderer/db/evaluation-store';
import {
  addEvidenceRecord,
  linkEvidence,
  restoreEvidenceLink,
  unlinkEvidence,
  updateEvidenceItems,
} from '../../renderer/db/evidence-store';
import { EvidenceScreen } from '../../renderer/school/evidence/EvidenceScreen';
import { describeStorageError } from '../../renderer/db/storage-errors';
import { ActionPlanScreen } from '../../renderer/school/actions/ActionPlanScreen';
import { CriterionScreen } from '../../renderer/school/evaluation/CriterionScreen';
import { DashboardScreen } from '../../renderer/school/evaluation/DashboardScreen';
import { SchoolScreen } from '../../renderer/school/profile/SchoolScreen';
import { SubmitScreen } from '../../renderer/school/submission/SubmitScreen';
import { historicReadOnlyReason } from '../../shared/evaluation/evaluation-editable';
import { evidenceLinkKey, responseKey } from '../../shared/evaluation/evaluation-records';
import { freshDatabase, recordOlderResponse, renderWithServices, seedSchoolAndEvaluation } from './render-app';

const REASON = historicReadOnlyReason('North East SEN Accreditation Framework');
const ACTION = {
  criterionIds: ['NE-1.1.1'],
  what: 'Review the policy',
  who: '',
  byWhen: '',
  successCriteria: '',
  status: 'not-started' as const,
};

/** An evaluation on the shipped 2005 edition with what an older build stored in it: a response, a linked item and an action. */
async function olderWork(db: AppDatabase) {
  const seeded = await seedSchoolAndEvaluation(db, 'north-east', 'historic');
  const id = seeded.evaluation.id;
  await recordOlderResponse(db, id, 'NE-1.1.1', { judgement: 'embedded', narrative: 'Written in 2024.', nextSteps: 'Ask the governors.' });
  const item = await addEvidenceRecord(db, seeded.school.id, {
    title: 'SEN policy 2024',
    kind: 'policy',
    description: '',
    heldAt: 'Office',
    date: '',
    containsPersonalData: false,
    redactionConfirmed: false,
  });
  await db.evidenceLinks.put({
    key: evidenceLinkKey(id, 'NE-1.1.1', item.id),
    evaluationId: id,
    criterionId: 'NE-1.1.1',
    evidenceId: item.id,
  });
  await db.actions.add({
    ...ACTION,
    id: 'older-action',
    evaluationId: id,
    createdAt: '2024-06-01T09:00:00.000Z',
    updatedAt: '2024-06-01T09:00:00.000Z',
  });
  return { ...seeded, item };
}

/** Every table a refused write could touch, as stored. */
async function snapshot(db: AppDatabase) {
  return {
    responses: await db.responses.toArray(),
    links: await db.evidenceLinks.toArray(),
    actions: await db.actions.toArray(),
    evaluations: await db.evaluations.toArray(),
  };
}

async function refusal(write: Promise<unknown>): Promise<string> {
  try {
    await write;
  } catch (error) {
    return describeStorageError(error, 'the change');
  }
  return 'written';
}

describe('the stores refuse changes to an evaluation on a historic edition', () => {
  it.each<[string, (db: AppDatabase, evaluationId: string, evidenceId: string) => Promise<unknown>]>([
    ['saveResponse', (db, id) => saveResponse(db, id, 'NE-1.1.1', { narrative: 'Changed' })],
    [
      'saveResponseChanges',
      (db, id) =>
        saveResponseChanges(
          db,
          id,
          'NE-1.1.2',
          { judgement: null, narrative: '', nextSteps: '' },
          { judgement: 'established', narrative: '', nextSteps: '' },
        ),
    ],
    ['linkEvidence', (db, id, evidenceId) => linkEvidence(db, id, 'NE-1.1.2', evidenceId)],
    ['unlinkEvidence', (db, id, evidenceId) => unlinkEvidence(db, id, 'NE-1.1.1', evidenceId)],
    ['createAction', (db, id) => createAction(db, id, ACTION)],
    ['updateAction', (db) => updateAction(db, 'older-action', { status: 'done' })],
    ['deleteAction', (db) => deleteAction(db, 'older-action')],
    [
      'restoreAction (undo of a delete)',
      async (db, id) =>
        restoreAction(db, {
          ...ACTION,
          id: 'put-back',
          evaluationId: id,
          createdAt: '2024-06-01T09:00:00.000Z',
          updatedAt: '2024-06-01T09:00:00.000Z',
        }),
    ],
    [
      'restoreEvidenceLink (undo of an unlink)',
      (db, id, evidenceId) =>
        restoreEvidenceLink(db, {
          key: evidenceLinkKey(id, 'NE-1.1.2', evidenceId),
          evaluationId: id,
          criterionId: 'NE-1.1.2',
          evidenceId,
        }),
    ],
  ])('%s: says why in plain words and writes nothing', async (_name, write) => {
    const db = freshDatabase();
    const { evaluation, item } = await olderWork(db);
    const before = await snapshot(db);
    expect(await refusal(write(db, evaluation.id, item.id))).toBe(REASON);
    expect(await snapshot(db)).toEqual(before);
  });

  it('updateEvidenceItems: a bulk link or unlink is refused with the reason and writes nothing; a change of details alone goes through', async () => {
    const db = freshDatabase();
    const { evaluation, school, item } = await olderWork(db);
    const before = { ...(await snapshot(db)), evidence: await db.evidence.toArray() };
    for (const change of [{ kind: 'minutes' as const, linkCriterionIds: ['NE-1.1.2'] }, { unlinkCriterionIds: ['NE-1.1.1'] }]) {
      const result = await updateEvidenceItems(db, school.id, evaluation.id, [item.id], change);
      expect(result).toMatchObject({ ok: false, message: expect.stringContaining(REASON) });
      expect({ ...(await snapshot(db)), evidence: await db.evidence.toArray() }).toEqual(before);
    }
    // The library is the school's: its details still change, and the historic evaluation's links stay as they were.
    expect(await updateEvidenceItems(db, school.id, evaluation.id, [item.id], { kind: 'minutes' })).toMatchObject({ ok: true, updated: 1 });
    expect((await db.evidence.get(item.id))?.kind).toBe('minutes');
    expect((await snapshot(db)).links).toEqual(before.links);
  });

  it('setNotApplicable: returns the reason as its problem and writes nothing', async () => {
    const db = freshDatabase();
    const { evaluation } = await olderWork(db);
    const before = await snapshot(db);
    const result = await setNotApplicable(db, evaluation.id, { id: 'NE-1.1.1', mayBeNotApplicable: true }, { reason: 'No sixth form' });
    expect(result).toEqual({ ok: false, problem: REASON });
    expect(await snapshot(db)).toEqual(before);
  });

  it('the same writes go through on an evaluation on a current edition (a partnership’s own format 1 file)', async () => {
    const db = freshDatabase();
    const { evaluation, school } = await seedSchoolAndEvaluation(db, 'north-east');
    const item = await addEvidenceRecord(db, school.id, {
      title: 'Policy',
      kind: 'policy',
      description: '',
      heldAt: 'Office',
      date: '',
      containsPersonalData: false,
      redactionConfirmed: false,
    });
    await saveResponse(db, evaluation.id, 'NE-1.1.1', { narrative: 'Changed' });
    await linkEvidence(db, evaluation.id, 'NE-1.1.1', item.id);
    const action = await createAction(db, evaluation.id, ACTION);
    await updateAction(db, action.id, { status: 'done' });
    expect((await db.responses.get(responseKey(evaluation.id, 'NE-1.1.1')))?.narrative).toBe('Changed');
    expect(await db.evidenceLinks.count()).toBe(1);
    expect((await db.actions.get(action.id))?.status).toBe('done');
    await unlinkEvidence(db, evaluation.id, 'NE-1.1.1', item.id);
    await deleteAction(db, action.id);
    expect(await db.evidenceLinks.count()).toBe(0);
    expect(await db.actions.count()).toBe(0);
  });
});

describe('the screens of an evaluation on a historic edition', () => {
  function expectCarryForward(schoolId: string, evaluationId: string) {
    const notice = screen.getByTestId('historic-read-only');
    expect(within(notice).getByRole('heading', { level: 2, name: 'Read only: historic edition' })).toBeTruthy();
    expect(within(notice).getByText(REASON)).toBeTruthy();
    const link = within(notice).getByRole('link', { name: 'Carry forward into the 2026 edition' });
    expect(link.getAttribute('href')).toBe(`#/schools/${schoolId}?carryForward=${evaluationId}`);
  }

  it('criterion: the judgement, narrative, next steps and evidence as text, with nothing to change', async () => {
    const db = freshDatabase();
    const { evaluation, school } = await olderWork(db);
    await renderWithServices(<CriterionScreen evaluationId={evaluation.id} criterionId="NE-1.1.1" />, { db });
    const response = await screen.findByTestId('read-only-response');
    expect(within(response).getByRole('heading', { level: 2, name: 'Your evaluation' })).toBeTruthy();
    expect(within(response).getByText('Embedded')).toBeTruthy();
    expect(within(response).getByText('Written in 2024.')).toBeTruthy();
    expect(within(response).getByText('Ask the governors.')).toBeTruthy();
    expect(await screen.findByText('SEN policy 2024', {}, { timeout: 5000 })).toBeTruthy();
    expect(screen.queryAllByRole('textbox')).toEqual([]);
    expect(screen.queryAllByRole('radio')).toEqual([]);
    expect(screen.queryByRole('button', { name: /^Unlink/ })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Link' })).toBeNull();
    expect(screen.queryByLabelText('Add a new file and link it')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Create an action from the next steps' })).toBeNull();
    expectCarryForward(school.id, evaluation.id);
  });

  it('action plan: the actions as they stand, with nothing to add, edit, delete or re-status', async () => {
    const db = freshDatabase();
    const { evaluation, school } = await olderWork(db);
    await renderWithServices(<ActionPlanScreen evaluationId={evaluation.id} />, { db });
    expect(await screen.findByRole('rowheader', { name: 'Review the policy' })).toBeTruthy();
    expect(screen.getByRole('cell', { name: 'Not started' })).toBeTruthy();
    expect(screen.queryByRole('combobox')).toBeNull();
    expect(screen.queryByRole('button', { name: /^Edit/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /^Delete/ })).toBeNull();
    expect(screen.queryByRole('heading', { name: 'Add an action' })).toBeNull();
    expectCarryForward(school.id, evaluation.id);
  });

  it('evidence library: the item’s links to criteria are shown but cannot be changed, and uploads link to nothing', async () => {
    const db = freshDatabase();
    const { evaluation } = await olderWork(db);
    const user = userEvent.setup();
    await renderWithServices(<EvidenceScreen evaluationId={evaluation.id} />, { db });
    await user.click(await screen.findByRole('button', { name: /SEN policy 2024/ }));
    const links = await screen.findByRole('heading', { level: 3, name: 'Criteria it is used for' });
    const section = links.closest('section')!;
    expect(within(section).getByRole('link', { name: /^NE-1\.1\.1/ })).toBeTruthy();
    expect(within(section).queryByRole('button', { name: /^Unlink/ })).toBeNull();
    expect(within(section).queryByLabelText('Link it to a criterion')).toBeNull();
    expect(within(section).getByText(/its links to criteria can be read but not changed/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Add files or evidence without a file' }));
    expect(screen.queryByLabelText('Link the new files to a criterion (optional)')).toBeNull();
  });

  it('submit: no new submission is offered; the list of those made stays', async () => {
    const db = freshDatabase();
    const { evaluation, school } = await olderWork(db);
    await renderWithServices(<SubmitScreen evaluationId={evaluation.id} />, { db });
    expect(await screen.findByRole('heading', { level: 1, name: 'Submissions of this evaluation' })).toBeTruthy();
    expect(screen.queryByRole('heading', { name: 'Before you export' })).toBeNull();
    expect(screen.queryByRole('button', { name: /export/i })).toBeNull();
    expect(screen.getByText(/No new submission can be made from a historic edition/)).toBeTruthy();
    expectCarryForward(school.id, evaluation.id);
  });

  it('dashboard: prints the portfolio but offers no signed submission, and links to carry forward', async () => {
    const db = freshDatabase();
    const { evaluation, school } = await olderWork(db);
    await renderWithServices(<DashboardScreen evaluationId={evaluation.id} />, { db });
    expect(await screen.findByRole('link', { name: 'Print the portfolio' })).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Prepare the signed submission' })).toBeNull();
    const link = screen.getByRole('link', { name: 'Carry forward into the 2026 edition' });
    expect(link.getAttribute('href')).toBe(`#/schools/${school.id}?carryForward=${evaluation.id}`);
  });

  it('the school page opened from that link has the evaluation chosen to carry forward, on the current edition', async () => {
    const db = freshDatabase();
    const { evaluation, school } = await olderWork(db);
    window.location.hash = `#/schools/${school.id}?carryForward=${evaluation.id}`;
    await renderWithServices(<SchoolScreen schoolId={school.id} />, { db });
    const select = (await screen.findByLabelText('Start from')) as HTMLSelectElement;
    expect(select.value).toBe(evaluation.id);
    expect(screen.getByText(/^Against the North East SEND Accreditation Framework, 2026 edition/)).toBeTruthy();
  });
});

describe('a current edition keeps its controls', () => {
  it('the criterion screen of an editable evaluation has its fields and no read-only notice', async () => {
    const db = freshDatabase();
    const { evaluation } = await seedSchoolAndEvaluation(db, 'north-east');
    await renderWithServices(<CriterionScreen evaluationId={evaluation.id} criterionId="NE-1.1.1" />, { db });
    expect(await screen.findByLabelText('Narrative')).toBeTruthy();
    expect(screen.queryByTestId('historic-read-only')).toBeNull();
    expect(screen.queryByTestId('read-only-response')).toBeNull();
  });
});
