import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { AppDatabase } from '../../renderer/db/app-database';
import { VisitPlanScreen } from '../../renderer/moderation/review/VisitPlanScreen';
import { loadShippedData } from '../../shared/framework/shipped-frameworks';
import { sampleByRule } from '../../shared/moderation/visit-sampling';
import { fakePdfRunner, importedFrom, moderationRecord, seedModeratorSubmission, WORKSPACE } from './moderation-test-data';
import { fakeVerifyRunner } from './moderation-test-data';
import { freshDatabase, recordingPlatform, renderWithServices } from './render-app';

async function northEastRule() {
  const { regions } = await loadShippedData();
  const rule = regions.find((r) => r.id === 'north-east')?.moderation.sampling;
  if (!rule) throw new Error('no North East rule');
  return rule;
}

async function renderVisit(db: AppDatabase, submissionId: string) {
  const pdf = fakePdfRunner();
  const view = await renderWithServices(<VisitPlanScreen workspaceId={WORKSPACE.id} submissionId={submissionId} />, {
    db,
    platform: recordingPlatform(),
    pdfJobs: pdf.runner,
    verifyJobs: fakeVerifyRunner().runner,
  });
  await screen.findByRole('heading', { level: 1, name: 'Plan the visit' });
  return { pdf, view };
}

const whyOf = (id: string) => screen.getByTestId(`why-${id}`).textContent;

describe('The visit sample is proposed by the region’s rule', () => {
  it('proposes the mandatory criteria claimed, the criteria at risk and a seeded draw per strand, each saying why, and the same seed proposes it again', async () => {
    const db = freshDatabase();
    const { framework, document, submission } = await seedModeratorSubmission(db);
    const rule = await northEastRule();
    const user = userEvent.setup();
    const { pdf } = await renderVisit(db, submission.submissionId);
    expect(screen.getByTestId('sampling-rule').textContent).toMatch(
      /^The region’s rule proposes every mandatory criterion the school claims to meet/,
    );

    await user.type(screen.getByLabelText('Seed for the random draw'), 'MOORSIDE');
    await user.click(screen.getByRole('button', { name: 'Propose the sample' }));
    const expected = sampleByRule({ framework, responses: document.responses, rule, movedDownLastTime: [], seed: 'MOORSIDE' });
    const stored = async () => (await db.visitPlans.get(submission.key)) ?? null;
    await waitFor(async () => expect((await stored())?.method).toEqual({ kind: 'rule', seed: 'MOORSIDE' }));
    const plan = (await stored())!;
    expect(
      screen.getByText(
        `Proposed ${plan.criterionIds.length} criteria by the region’s rule, with the seed MOORSIDE. Proposing again with this seed gives the same criteria.`,
      ),
    ).toBeTruthy();
    expect(new Set(plan.criterionIds)).toEqual(new Set(expected.map((s) => s.criterionId)));
    expect(plan.sample?.proposed).toEqual(expected.map((s) => ({ criterionId: s.criterionId, why: s.why })));

    // Every mandatory criterion the school claims to meet is in it, and says so.
    const metAt = framework.scale.points.findIndex((p) => p.id === framework.scale.metAtOrAbove);
    const claimedMandatory = framework.criteria.filter((c) => {
      const judgement = document.responses.find((r) => r.criterionId === c.id)?.judgement;
      const rank = framework.scale.points.findIndex((p) => p.id === judgement);
      return c.mandatory && rank >= 0 && rank <= metAt;
    });
    expect(claimedMandatory.length).toBeGreaterThan(0);
    for (const c of claimedMandatory) expect(whyOf(c.id)).toBe('A mandatory criterion the school claims to meet.');
    // Two drawn from each strand, named by the strand.
    for (const strand of framework.strands) {
      const drawn = plan.criterionIds.filter((id) => whyOf(id)?.startsWith(`Drawn at random from ${strand.title} (seed MOORSIDE)`));
      expect(drawn).toHaveLength(Math.min(rule.randomPerStrand, strand.standards.flatMap((s) => s.criteria).length));
    }
    expect(screen.getByTestId('visit-method').textContent).toBe(
      'Proposed by the region’s rule, with the seed MOORSIDE. Each says why it is in the sample.',
    );

    // Taken out, it is listed to put back; one added by hand says so; the plan stays the rule's.
    const first = plan.criterionIds[0]!;
    await user.click(within(screen.getByTestId('visit-chosen')).getByRole('button', { name: `Remove ${first}` }));
    await waitFor(async () => expect((await stored())?.criterionIds).not.toContain(first));
    expect((await stored())?.method).toEqual({ kind: 'rule', seed: 'MOORSIDE' });
    expect(
      within(screen.getByTestId('visit-taken-out'))
        .getAllByRole('listitem')
        .map((li) => li.querySelector('strong')?.textContent),
    ).toEqual([first]);
    const extra = framework.criteria.find((c) => !plan.criterionIds.includes(c.id))!.id;
    await user.click(screen.getByLabelText(new RegExp(`^${extra.replace(/\./g, '\\.')} `)));
    await waitFor(async () => expect((await stored())?.criterionIds).toContain(extra));
    expect(whyOf(extra)).toBe('Added by you.');
    await user.click(within(screen.getByTestId('visit-taken-out')).getByRole('button', { name: `Put back ${first}` }));
    await waitFor(async () => expect((await stored())?.criterionIds).toContain(first));
    expect(screen.queryByTestId('visit-taken-out')).toBeNull();

    // Proposing again with the seed gives the same sample (and drops the one added by hand).
    await user.click(screen.getByRole('button', { name: 'Propose the sample' }));
    await waitFor(async () => expect((await stored())?.criterionIds).toEqual(plan.criterionIds));

    await user.click(screen.getByRole('button', { name: 'Download the visit plan to print' }));
    await screen.findByText(/The visit plan was downloaded as 123456-visit-plan-/);
    const request = pdf.requests[0];
    if (request?.kind !== 'visit-plan') throw new Error('no visit plan printed');
    expect(request.input.plan.sample?.proposed).toEqual(plan.sample?.proposed);
  });

  it('puts a criterion moderated down at the last moderation in the sample of the next version, saying so, and keeps the reasons when opened again', async () => {
    const db = freshDatabase();
    const { framework, document, submission } = await seedModeratorSubmission(db);
    // A criterion none of the other rules would take: not mandatory, judged with evidence below the top.
    const quiet = document.responses.find((r) => {
      const c = framework.criterionById.get(r.criterionId);
      return (
        c && !c.mandatory && r.judgement === framework.scale.metAtOrAbove && r.evidenceIds.length > 0 && !('statutory' in c && c.statutory)
      );
    })!;
    const lowest = framework.scale.points.at(-1)!.id;
    await db.criterionModerations.put(moderationRecord(submission.key, quiet.criterionId, 'moderated', 'Not seen.', lowest));
    const v2 = { ...structuredClone(document), version: 2, submissionId: `${document.submissionId}-v2` };
    const second = { ...importedFrom(v2), version: 2 };
    await db.transaction('rw', db.importedSubmissions, db.importedSubmissionDocuments, async () => {
      await db.importedSubmissions.put(second);
      await db.importedSubmissionDocuments.put({ key: second.key, document: v2 });
    });
    const user = userEvent.setup();
    const { view } = await renderVisit(db, second.submissionId);
    await user.type(screen.getByLabelText('Seed for the random draw'), 'AB12CD34');
    await user.click(screen.getByRole('button', { name: 'Propose the sample' }));
    await waitFor(async () => expect((await db.visitPlans.get(second.key))?.criterionIds).toContain(quiet.criterionId));
    expect(whyOf(quiet.criterionId)).toBe('At risk: moderated down at the last moderation.');

    view.unmount();
    await renderVisit(db, second.submissionId);
    expect(whyOf(quiet.criterionId)).toBe('At risk: moderated down at the last moderation.');
    expect((screen.getByLabelText('Seed for the random draw') as HTMLInputElement).value).toBe('AB12CD34');
  });

  it('refuses a seed with spaces, in an error summary, and proposes nothing', async () => {
    const db = freshDatabase();
    const { submission } = await seedModeratorSubmission(db);
    const user = userEvent.setup();
    await renderVisit(db, submission.submissionId);
    await user.type(screen.getByLabelText('Seed for the random draw'), 'two words');
    await user.click(screen.getByRole('button', { name: 'Propose the sample' }));
    const summary = await screen.findByRole('alert');
    expect(
      within(summary).getByRole('link', { name: /The seed can only have letters, digits and punctuation, with no spaces/ }),
    ).toBeTruthy();
    expect(await db.visitPlans.get(submission.key)).toBeUndefined();
  });
});
