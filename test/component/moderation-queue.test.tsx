import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { recordOutcome } from '../../renderer/db/moderation-store';
import type { ModerationOutcome } from '../../shared/moderation/moderation-records';
import { ModerationQueueScreen } from '../../renderer/moderation/queue/ModerationQueueScreen';
import type { AppliedFramework } from '../../shared/framework/applied-framework';
import { KEY_A, northEast, sampleVersion, seedImported, seedWorkspace } from './moderator-fixtures';
import { freshDatabase, renderWithServices } from './render-app';

/** Riverside sent v1 and v2 (with changes), Oakfield and Ashby one each. */
async function openQueue() {
  const { framework, catalogue } = await northEast();
  const db = freshDatabase();
  const workspace = await seedWorkspace(db);
  const first = framework.criteria[0]!;
  const v1 = sampleVersion(framework, 1);
  const before = v1.responses[0]!;
  const newJudgement = framework.scale.points.find((p) => p.id !== before.judgement)!;
  const withEvidence = v1.responses.find((r) => r.evidenceIds.includes('ev-provision-map'))!;
  const v2 = sampleVersion(framework, 2, (d) => {
    const response = d.responses[0]!;
    response.judgement = newJudgement.id;
    response.narrative = `${response.narrative} Reviewed again in November.`;
    const linked = d.responses.find((r) => r.criterionId === withEvidence.criterionId)!;
    linked.evidenceIds = linked.evidenceIds.filter((id) => id !== 'ev-provision-map');
  });
  const other = (name: string, urn: string, day: string) =>
    sampleVersion(framework, 1, (d) => {
      d.school = { ...d.school, name, urn };
      d.submissionId = `submission-${urn}-v1`;
      d.createdAt = `2026-11-${day}T10:00:00.000Z`;
    });
  for (const document of [v1, v2, other('Oakfield Academy', '654321', '20'), other('Ashby Infant School', '111222', '05')]) {
    await seedImported(db, workspace.id, catalogue, framework, document, KEY_A);
  }
  await db.importedSubmissions.update(`${workspace.id}|submission-654321-v1`, { status: 'in-review' });
  const user = userEvent.setup();
  await renderWithServices(<ModerationQueueScreen workspaceId={workspace.id} />, { db });
  await screen.findByRole('heading', { level: 1, name: 'Submissions to moderate' });
  await screen.findByTestId('queue-table');
  return { db, workspace, user, framework, first, before, newJudgement, withEvidence };
}

/** Each row group (one per school) as the rows' first cells: "School, submission vN". */
function groups(): string[][] {
  const table = screen.getByTestId('queue-table');
  return [...table.querySelectorAll('tbody')].map((tbody) =>
    within(tbody)
      .getAllByRole('rowheader')
      .map((th) => th.textContent ?? ''),
  );
}

function label(framework: AppliedFramework, id: string | null): string {
  return framework.scale.points.find((p) => p.id === id)?.label ?? 'not judged';
}

describe('the moderator’s queue', () => {
  it('groups the versions of one school’s submission, newest first, and links each to its review', async () => {
    const { workspace } = await openQueue();
    expect(groups()).toEqual([
      ['Ashby Infant School, submission v1'],
      ['Oakfield Academy, submission v1'],
      ['Riverside Primary School, submission v2', 'Riverside Primary School, submission v1'],
    ]);
    expect(screen.getByText('4 submissions from 3 schools.')).toBeTruthy();
    const link = screen.getByRole('link', { name: 'Riverside Primary School, submission v2' });
    expect(link.getAttribute('href')).toBe(`#/moderation/${workspace.id}/submissions/submission-123456-v2`);
    const row = link.closest('tr')!;
    expect(
      within(row)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['123456', 'North East', 'North East SEN Accreditation Framework 1.0.0', '12 November 2026', 'v2', 'New']);
    expect(screen.getByRole('columnheader', { name: /School/ }).getAttribute('aria-sort')).toBe('ascending');
  });

  it('sorts by a column header, with aria-sort saying how', async () => {
    const { user } = await openQueue();
    await user.click(screen.getByRole('button', { name: /School/ }));
    expect(screen.getByRole('columnheader', { name: /School/ }).getAttribute('aria-sort')).toBe('descending');
    expect(groups().map((g) => g[0])).toEqual([
      'Riverside Primary School, submission v2',
      'Oakfield Academy, submission v1',
      'Ashby Infant School, submission v1',
    ]);
    await user.click(screen.getByRole('button', { name: /Exported/ }));
    expect(screen.getByRole('columnheader', { name: /Exported/ }).getAttribute('aria-sort')).toBe('ascending');
    expect(screen.getByRole('columnheader', { name: /School/ }).getAttribute('aria-sort')).toBe('none');
    expect(groups().map((g) => g[0])).toEqual([
      'Ashby Infant School, submission v1',
      'Riverside Primary School, submission v2',
      'Oakfield Academy, submission v1',
    ]);
    await user.click(screen.getByRole('button', { name: /Status/ }));
    expect(groups().map((g) => g[0])?.[2]).toBe('Oakfield Academy, submission v1');
  });

  it('filters by status and by part of a school’s name or URN', async () => {
    const { user } = await openQueue();
    await user.selectOptions(screen.getByLabelText('Status'), 'In review');
    expect(groups()).toEqual([['Oakfield Academy, submission v1']]);
    expect(screen.getByText('Showing 1 of 4 submissions.')).toBeTruthy();

    await user.selectOptions(screen.getByLabelText('Status'), 'All statuses');
    await user.type(screen.getByLabelText('School name or URN'), 'river');
    expect(groups()).toEqual([['Riverside Primary School, submission v2', 'Riverside Primary School, submission v1']]);
    await user.clear(screen.getByLabelText('School name or URN'));
    await user.type(screen.getByLabelText('School name or URN'), '1112');
    expect(groups()).toEqual([['Ashby Infant School, submission v1']]);

    await user.type(screen.getByLabelText('School name or URN'), 'nothing like this');
    expect(screen.getByText('No submissions match. Change the filter, or clear it to see every submission.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Clear the filter' }));
    expect(groups()).toHaveLength(3);
  });

  it('shows what changed since the previous version only when asked, criterion by criterion', async () => {
    const { user, framework, first, before, newJudgement, withEvidence } = await openQueue();
    // Only a later version has the disclosure, and nothing is worked out until it opens.
    const disclosures = screen.getAllByText('Changes since v1');
    expect(disclosures).toHaveLength(1);
    expect(screen.queryByRole('list', { name: /changes/i })).toBeNull();
    await user.click(disclosures[0]!);

    const details = disclosures[0]!.closest('details')!;
    const items = await within(details).findAllByRole('listitem');
    const texts = items.map((li) => li.textContent);
    expect(texts).toContain(`${first.id}: Judgement: ${label(framework, before.judgement)} → ${newJudgement.label}; Narrative changed`);
    expect(texts).toContain(`${withEvidence.criterionId}: Evidence removed: Provision map, autumn term 2026`);
    expect(texts).toHaveLength(2);
  });

  describe('the state derived from the records', () => {
    afterEach(() => {
      vi.useRealTimers();
    });
    const outcome = (submissionKey: string, kind: ModerationOutcome['kind'], resubmitBy: string | null): ModerationOutcome => ({
      submissionKey,
      kind,
      levelId: null,
      computedLevelId: null,
      overrideReason: '',
      renewalDate: '',
      resubmitBy,
      feedback: '',
      decidedAt: '2026-12-01T10:00:00.000Z',
    });
    const statusOf = (name: string) => within(screen.getByRole('link', { name }).closest('tr')!).getAllByRole('cell').at(-1)?.textContent;

    it('a deferred submission is awaiting evidence with its date, not "Decided", and the filter finds it so', async () => {
      vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-12-04T12:00:00.000Z') });
      const { db, workspace, user } = await openQueue();
      await recordOutcome(db, outcome(`${workspace.id}|submission-111222-v1`, 'deferred', '2027-01-09'));
      await recordOutcome(db, outcome(`${workspace.id}|submission-654321-v1`, 'not-yet', null));
      await waitFor(() => expect(statusOf('Oakfield Academy, submission v1')).toBe('Decided: not accredited'));
      expect(statusOf('Ashby Infant School, submission v1')).toBe('Awaiting evidence, due 9 January 2027');
      await user.selectOptions(screen.getByLabelText('Status'), 'Awaiting evidence');
      expect(groups()).toEqual([['Ashby Infant School, submission v1']]);
      await user.selectOptions(screen.getByLabelText('Status'), 'Decided');
      expect(groups()).toEqual([['Oakfield Academy, submission v1']]);
    });

    it('a planned visit shows with its date, and one whose date has passed shows the submission in review', async () => {
      vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-12-04T12:00:00.000Z') });
      const { db, workspace } = await openQueue();
      const plan = (submissionKey: string, visitDate: string) => ({
        submissionKey,
        criterionIds: [],
        method: { kind: 'hand' as const },
        visitDate,
        notes: '',
        updatedAt: '2026-12-01T10:00:00.000Z',
      });
      await db.visitPlans.bulkPut([
        plan(`${workspace.id}|submission-111222-v1`, '2026-12-15'),
        plan(`${workspace.id}|submission-654321-v1`, '2026-11-20'),
      ]);
      await waitFor(() => expect(statusOf('Ashby Infant School, submission v1')).toBe('Visit planned, 15 December 2026'));
      expect(statusOf('Oakfield Academy, submission v1')).toMatch(/^In review/);
    });

    it('a deferral whose date has passed shows as lapsed', async () => {
      vi.useFakeTimers({ toFake: ['Date'], now: new Date('2027-01-10T12:00:00.000Z') });
      const { db, workspace } = await openQueue();
      await recordOutcome(db, outcome(`${workspace.id}|submission-111222-v1`, 'deferred', '2027-01-09'));
      await waitFor(() => expect(statusOf('Ashby Infant School, submission v1')).toBe('Lapsed'));
    });
  });
});
