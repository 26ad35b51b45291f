import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { criteriaOverviewHref, hashQuery } from '../../renderer/app/hash-route';
import { createAction } from '../../renderer/db/action-store';
import type { AppDatabase } from '../../renderer/db/app-database';
import { saveResponse } from '../../renderer/db/evaluation-store';
import { addEvidenceRecord, linkEvidence } from '../../renderer/db/evidence-store';
import { CriteriaOverviewScreen } from '../../renderer/school/evaluation/CriteriaOverviewScreen';
import { DashboardScreen } from '../../renderer/school/evaluation/DashboardScreen';
import { EMPTY_OVERVIEW_QUERY, readOverviewQuery } from '../../shared/evaluation/criteria-overview';
import { summariseEvaluation } from '../../shared/evaluation/evaluation-progress';
import { EMPTY_EVIDENCE_DETAILS } from '../../shared/evidence/evidence-records';
import type { AppliedFramework } from '../../shared/framework/applied-framework';
import type { ModerationDocument } from '../../shared/moderation/moderation-format';
import { freshDatabase, renderWithServices, seedSchoolAndEvaluation } from './render-app';

/**
 * The evaluation the tests open (the 2005 North East edition, 63 criteria): three criteria judged,
 * two with evidence, one with an action.
 */
async function seedWork(db: AppDatabase, schoolId: string, evaluationId: string) {
  await saveResponse(db, evaluationId, 'NE-1.1.1', { judgement: 'embedded', narrative: 'The governors approved the policy in March.' });
  await saveResponse(db, evaluationId, 'NE-1.1.2', { judgement: 'developing' });
  await saveResponse(db, evaluationId, 'NE-2.1.1', { judgement: 'established' });
  const policy = await addEvidenceRecord(db, schoolId, { ...EMPTY_EVIDENCE_DETAILS, title: 'SEN Policy 2026' });
  const audit = await addEvidenceRecord(db, schoolId, { ...EMPTY_EVIDENCE_DETAILS, title: 'Zephyr audit of parents’ views' });
  await linkEvidence(db, evaluationId, 'NE-1.1.1', policy.id);
  await linkEvidence(db, evaluationId, 'NE-1.1.2', policy.id);
  await linkEvidence(db, evaluationId, 'NE-1.1.2', audit.id);
  await createAction(db, evaluationId, {
    criterionIds: ['NE-1.1.2'],
    what: 'Run a workshop for parents',
    who: 'SENCO',
    byWhen: '2026-11-30',
    successCriteria: '',
    status: 'not-started',
  });
}

async function openOverview(query = '', prepare?: (db: AppDatabase, schoolId: string, evaluationId: string) => Promise<void>) {
  const db = freshDatabase();
  const seeded = await seedSchoolAndEvaluation(db, 'north-east');
  await seedWork(db, seeded.school.id, seeded.evaluation.id);
  await prepare?.(db, seeded.school.id, seeded.evaluation.id);
  // The address the screen was opened at, as the router would have it (without a hashchange).
  window.history.replaceState(null, '', criteriaOverviewHref(seeded.evaluation.id, query));
  const user = userEvent.setup();
  await renderWithServices(<CriteriaOverviewScreen evaluationId={seeded.evaluation.id} />, { db });
  await screen.findByRole('heading', { level: 1, name: 'Criteria overview' });
  await screen.findByText(/^Showing \d+ of 63 criteria$/);
  // The rows past the first screenful are drawn after it is painted.
  await allRowsDrawn();
  return { ...seeded, db, user };
}

/** Waits until the table is no longer drawing rows in steps. */
async function allRowsDrawn(): Promise<void> {
  await waitFor(() => expect(table().getAttribute('aria-busy')).toBeNull());
}

function table(): HTMLElement {
  return screen.getByRole('table', { name: /^Criteria of / });
}

/** The criterion id of each body row, top to bottom. */
function rowIds(): string[] {
  return within(table())
    .getAllByRole('rowheader')
    .map((cell) => cell.textContent ?? '');
}

function rowOf(id: string): HTMLElement {
  const header = within(table()).getByRole('rowheader', { name: id });
  const row = header.closest('tr');
  if (!row) throw new Error(`No row for ${id}`);
  return row;
}

function count(): string {
  return screen.getByTestId('overview-count').textContent ?? '';
}

function idsWhere(framework: AppliedFramework, test: (c: AppliedFramework['criteria'][number]) => boolean): string[] {
  return framework.criteria.filter(test).map((c) => c.id);
}

describe('CriteriaOverviewScreen', () => {
  it('lists every criterion with its judgement, evidence and next step, each id linking to its criterion', async () => {
    const { evaluation, framework } = await openOverview();
    expect(count()).toBe('Showing 63 of 63 criteria');
    expect(rowIds()).toEqual(framework.criteria.map((c) => c.id));
    const sections = screen.getByRole('navigation', { name: 'Evaluation' });
    expect(within(sections).getByRole('link', { name: 'Criteria' }).getAttribute('aria-current')).toBe('page');
    expect(within(rowOf('NE-1.1.1')).getByRole('link', { name: 'NE-1.1.1' }).getAttribute('href')).toBe(
      `#/evaluations/${evaluation.id}/criteria/NE-1.1.1`,
    );
    const cells = (id: string) =>
      within(rowOf(id))
        .getAllByRole('cell')
        .map((c) => c.textContent);
    const title = framework.criterionById.get('NE-1.1.2')?.title ?? '';
    expect(cells('NE-1.1.2')).toEqual([title, 'NE-1', 'Established', 'Developing', '2', 'Run a workshop for parentsBy 30 November 2026']);
    expect(cells('NE-1.1.1')[3]).toBe('Embedded');
    expect(cells('NE-1.2.2')[3]).toBe('Not judged');
    // No report has come back: no moderator's column.
    expect(within(table()).queryByRole('columnheader', { name: 'Moderator’s decision' })).toBeNull();
    // The way to the first criterion stays.
    expect(screen.getByRole('link', { name: 'Go to the first criterion, NE-1.1.1' }).getAttribute('href')).toBe(
      `#/evaluations/${evaluation.id}/criteria/NE-1.1.1`,
    );
    expect(screen.getByRole('link', { name: 'Continue with NE-1.1.3, the first not judged' })).toBeTruthy();
  });

  it('filters by strand, mandatory and judgement, puts the filters in the address, and shows every criterion again', async () => {
    const { user, framework } = await openOverview();
    await user.selectOptions(screen.getByLabelText('Strand'), 'NE-1');
    const strandOne = idsWhere(framework, (c) => c.strandId === 'NE-1');
    expect(rowIds()).toEqual(strandOne);
    expect(count()).toBe(`Showing ${strandOne.length} of 63 criteria`);
    expect(hashQuery(window.location.hash)).toBe('strand=NE-1');

    await user.click(screen.getByLabelText('Mandatory only'));
    const mandatory = idsWhere(framework, (c) => c.strandId === 'NE-1' && c.mandatory);
    expect(mandatory.length).toBeGreaterThan(0);
    expect(mandatory.length).toBeLessThan(strandOne.length);
    expect(rowIds()).toEqual(mandatory);
    expect(hashQuery(window.location.hash)).toBe('mandatory=yes&strand=NE-1');

    await user.click(screen.getByLabelText('Mandatory only'));
    await user.selectOptions(screen.getByLabelText('Judgement'), 'not-met');
    expect(rowIds()).toEqual(['NE-1.1.2']);
    await user.selectOptions(screen.getByLabelText('Judgement'), 'embedded');
    expect(rowIds()).toEqual(['NE-1.1.1']);
    await user.selectOptions(screen.getByLabelText('Strand'), '');
    await user.selectOptions(screen.getByLabelText('Judgement'), 'not-judged');
    expect(count()).toBe('Showing 60 of 63 criteria');

    await user.selectOptions(screen.getByLabelText('Judgement'), '');
    await user.click(screen.getByLabelText('Without evidence only'));
    expect(count()).toBe('Showing 61 of 63 criteria');
    expect(rowIds()).not.toContain('NE-1.1.1');

    await user.click(screen.getByRole('button', { name: 'Show every criterion' }));
    expect(count()).toBe('Showing 63 of 63 criteria');
    expect(hashQuery(window.location.hash)).toBe('');
    expect(screen.queryByRole('button', { name: 'Show every criterion' })).toBeNull();
  });

  it('sorts by a column header, saying which way in aria-sort and the caption', async () => {
    const { user, framework } = await openOverview();
    const header = () => within(table()).getByRole('columnheader', { name: /^Evidence/ });
    expect(header().getAttribute('aria-sort')).toBe('none');
    expect(
      within(table())
        .getByRole('columnheader', { name: /^Criterion/ })
        .getAttribute('aria-sort'),
    ).toBe('ascending');

    await user.click(within(header()).getByRole('button'));
    expect(header().getAttribute('aria-sort')).toBe('ascending');
    expect(rowIds().slice(-2)).toEqual(['NE-1.1.1', 'NE-1.1.2']);

    await user.click(within(header()).getByRole('button'));
    expect(header().getAttribute('aria-sort')).toBe('descending');
    expect(rowIds().slice(0, 3)).toEqual(['NE-1.1.2', 'NE-1.1.1', framework.criteria[2]?.id]);
    expect(table().querySelector('caption')?.textContent).toMatch(/, sorted by evidence, descending$/);
    expect(hashQuery(window.location.hash)).toBe('sort=evidence&order=down');

    const judgement = within(table()).getByRole('columnheader', { name: /^Judgement/ });
    await user.click(within(judgement).getByRole('button'));
    await user.click(within(judgement).getByRole('button'));
    expect(judgement.getAttribute('aria-sort')).toBe('descending');
    expect(rowIds().slice(0, 4)).toEqual(['NE-1.1.1', 'NE-2.1.1', 'NE-1.1.2', framework.criteria[2]?.id]);
  });

  it('searches statements, narratives and evidence titles, every word, keeping focus in the search box', async () => {
    const { user } = await openOverview();
    const search = screen.getByRole('searchbox', { name: 'Search the criteria' });
    await user.type(search, 'march governors');
    expect(rowIds()).toEqual(['NE-1.1.1']);
    expect(document.activeElement).toBe(search);
    expect(count()).toBe('Showing 1 of 63 criteria');

    await user.clear(search);
    await user.type(search, 'ZEPHYR');
    expect(rowIds()).toEqual(['NE-1.1.2']);
    expect(hashQuery(window.location.hash)).toBe('search=ZEPHYR');

    await user.type(search, ' nowhere');
    expect(screen.queryByRole('table')).toBeNull();
    expect(screen.getByText('No criteria match. Change the search or the filters, or show every criterion.')).toBeTruthy();
    expect(count()).toBe('Showing 0 of 63 criteria');
  });

  it('opens with the filters a link carries, says what it could not use, and follows a later link', async () => {
    const { framework, evaluation } = await openOverview('mandatory=yes&judgement=not-judged&level=platinum');
    expect((screen.getByLabelText('Judgement') as HTMLSelectElement).value).toBe('not-judged');
    expect((screen.getByLabelText('Mandatory only') as HTMLInputElement).checked).toBe(true);
    expect(rowIds()).toEqual(idsWhere(framework, (c) => c.mandatory && c.id !== 'NE-1.1.1' && c.id !== 'NE-2.1.1'));
    expect(screen.getByTestId('overview-link-problems').textContent).toBe(
      'This framework has no level “platinum”, so criteria of every level are shown.',
    );

    window.location.hash = criteriaOverviewHref(evaluation.id, 'strand=NE-3');
    await waitFor(() => expect(rowIds()).toEqual(idsWhere(framework, (c) => c.strandId === 'NE-3')));
    expect((screen.getByLabelText('Mandatory only') as HTMLInputElement).checked).toBe(false);
    expect(screen.queryByTestId('overview-link-problems')).toBeNull();
  });

  it('shows the moderator’s decisions once a report has come back', async () => {
    await openOverview('', async (db, schoolId, evaluationId) => {
      const document: ModerationDocument = {
        format: 'sen-accreditation-moderation',
        formatVersion: 1,
        reportId: 'report-1',
        createdAt: '2027-02-03T10:00:00Z',
        moderator: { name: 'Pat Lee', organisation: 'North East SEN Partnership', regionId: 'north-east', regionName: 'North East' },
        submission: {
          submissionId: 'sub-1',
          version: 1,
          sha256: 'a'.repeat(64),
          exportedAt: '2027-01-10T10:00:00Z',
          school: { name: 'Riverside Primary School', urn: '123456' },
          framework: { id: 'f', version: '1', title: 'F', contentHash: 'b'.repeat(64) },
          supplement: null,
        },
        criteria: [
          { criterionId: 'NE-1.1.1', schoolJudgement: 'embedded', decision: 'agree', moderatedJudgement: null, comment: '' },
          { criterionId: 'NE-1.1.2', schoolJudgement: 'developing', decision: 'more-evidence', moderatedJudgement: null, comment: '' },
        ],
        visit: null,
        outcome: {
          kind: 'not-yet',
          levelId: null,
          levelLabel: '',
          computedLevelId: null,
          overrideReason: '',
          renewalDate: '',
          feedback: '',
          decidedAt: '2027-02-03T10:00:00Z',
        },
        signer: { certificateFingerprint: 'c'.repeat(64) },
      };
      await db.receivedReports.put({
        id: 'report-1',
        schoolId,
        evaluationId,
        submissionId: 'sub-1',
        importedAt: '2027-02-04T10:00:00Z',
        fileSha256: 'd'.repeat(64),
        signerFingerprint: 'c'.repeat(64),
        document,
        pdf: new Blob(['%PDF-1.7']),
      });
    });
    expect(within(table()).getByRole('columnheader', { name: 'Moderator’s decision' })).toBeTruthy();
    const decision = (id: string) => within(rowOf(id)).getAllByRole('cell').at(-1)?.textContent;
    expect(decision('NE-1.1.1')).toBe('Agree with the school');
    expect(decision('NE-1.1.2')).toBe('More evidence needed');
    expect(decision('NE-2.1.1')).toBe('Not reviewed');
    expect(table().querySelector('caption')?.textContent).toMatch(/with the moderator’s decisions of 3 February 2027$/);
  });
});

describe('the dashboard’s links into the overview', () => {
  it('carry the filter of each strand row, each blocker and each list of what is still to do', async () => {
    const db = freshDatabase();
    const { school, evaluation, framework } = await seedSchoolAndEvaluation(db, 'north-east');
    await seedWork(db, school.id, evaluation.id);
    await renderWithServices(<DashboardScreen evaluationId={evaluation.id} />, { db });
    await screen.findByTestId('strand-table');

    const strandLink = within(screen.getByTestId('strand-table')).getByRole('link', { name: /^NE-2 / });
    expect(strandLink.getAttribute('href')).toBe(criteriaOverviewHref(evaluation.id, 'strand=NE-2'));
    const sections = screen.getByRole('navigation', { name: 'Evaluation' });
    expect(within(sections).getByRole('link', { name: 'Criteria' }).getAttribute('href')).toBe(criteriaOverviewHref(evaluation.id));

    const unjudged = screen.getByText('Criteria without a judgement: 60').closest('details');
    const noEvidence = screen.getByText('Criteria without evidence: 61').closest('details');
    if (!unjudged || !noEvidence) throw new Error('The lists of what is still to do are missing');
    expect(within(unjudged).getByRole('link', { name: 'Show these 60 in the criteria overview' }).getAttribute('href')).toBe(
      criteriaOverviewHref(evaluation.id, 'judgement=not-judged'),
    );
    expect(within(noEvidence).getByRole('link', { name: 'Show these 61 in the criteria overview' }).getAttribute('href')).toBe(
      criteriaOverviewHref(evaluation.id, 'evidence=none'),
    );

    // Each blocker's link names exactly the criteria that hold its rule back.
    const responses = await db.responses.toArray();
    const links = await db.evidenceLinks.toArray();
    const blockers = summariseEvaluation(framework, responses, links, { profile: school }).award.next?.blockers ?? [];
    const withCriteria = blockers.filter((b) => b.blocking.length > 0);
    const blockerLinks = within(screen.getByTestId('award-blockers')).getAllByRole('link');
    expect(blockerLinks).toHaveLength(withCriteria.length);
    expect(blockerLinks.length).toBeGreaterThan(0);
    blockerLinks.forEach((link, index) => {
      const read = readOverviewQuery(framework, hashQuery(link.getAttribute('href') ?? ''));
      expect(read).toEqual({ query: { ...EMPTY_OVERVIEW_QUERY, ids: withCriteria[index]?.blocking }, problems: [] });
    });
  });

  it('once every criterion is judged, “Review the criteria” opens the overview', async () => {
    const db = freshDatabase();
    const { evaluation, framework } = await seedSchoolAndEvaluation(db, 'north-east');
    await db.responses.bulkPut(
      framework.criteria.map((c) => ({
        key: `${evaluation.id}|${c.id}`,
        evaluationId: evaluation.id,
        criterionId: c.id,
        judgement: 'established',
        narrative: '',
        nextSteps: '',
        updatedAt: '2026-12-01T10:00:00Z',
      })),
    );
    await renderWithServices(<DashboardScreen evaluationId={evaluation.id} />, { db });
    const review = await screen.findByRole('link', { name: 'Review the criteria' });
    expect(review.getAttribute('href')).toBe(criteriaOverviewHref(evaluation.id));
  });

  it('a blocker’s link opens the overview showing just those criteria', async () => {
    const blocking = ['NE-1.1.1', 'NE-1.2.1', 'NE-2.1.1'];
    const { user } = await openOverview(`ids=${blocking.join(',')}`);
    expect(rowIds()).toEqual(blocking);
    expect(count()).toBe('Showing 3 of 63 criteria');
    expect(screen.getByText(/Only the 3 criteria the link named are shown: NE-1.1.1, NE-1.2.1, NE-2.1.1\./)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Show them among all the criteria' }));
    expect(count()).toBe('Showing 63 of 63 criteria');
  });
});
