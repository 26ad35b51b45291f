import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { startEvaluation } from '../../renderer/db/evaluation-store';
import { createSchool } from '../../renderer/db/school-store';
import { CriterionScreen } from '../../renderer/school/evaluation/CriterionScreen';
import { HelpScreen } from '../../renderer/help/HelpScreen';
import { ModerationCriterionScreen } from '../../renderer/moderation/review/ModerationCriterionScreen';
import { createCatalogue, frameworkForRegion } from '../../shared/framework/framework-catalogue';
import { loadShippedData } from '../../shared/framework/shipped-frameworks';
import { sampleSubmissionDocument } from '../fixtures/sample-submission-document';
import {
  fakePdfRunner,
  fakeVerifyRunner,
  importedFrom,
  seedModeratorSubmission,
  SUBMISSION_PDF_SHA256,
  WORKSPACE,
} from './moderation-test-data';
import { freshDatabase, recordingPlatform, renderWithServices, SAMPLE_SCHOOL, seedSchoolAndEvaluation } from './render-app';

async function currentFramework(regionId: string) {
  const { frameworks, regions } = await loadShippedData();
  const chosen = frameworkForRegion(createCatalogue(frameworks, regions), regionId);
  if (!chosen.ok) throw new Error(chosen.message);
  return chosen.framework;
}

/** The definition list inside the "Terms used" disclosure, as [term, definition] pairs. */
function termsShown(): [string, string][] {
  const disclosure = screen.getByTestId('terms-used');
  return within(disclosure)
    .getAllByRole('definition')
    .map((dd) => [dd.previousElementSibling?.querySelector('dfn')?.textContent ?? '', dd.textContent ?? '']);
}

describe('the terms a criterion uses, on the school’s criterion screen', () => {
  it('lists each glossary term of NE26-1.1.1 with its definition, in a disclosure that opens', async () => {
    const user = userEvent.setup();
    const db = freshDatabase();
    const framework = await currentFramework('north-east');
    const school = await createSchool(db, SAMPLE_SCHOOL);
    const { evaluation } = await startEvaluation(db, school, framework, { title: 'Accreditation 2026–27' });
    await renderWithServices(<CriterionScreen evaluationId={evaluation.id} criterionId="NE26-1.1.1" />, { db });

    const disclosure = (await screen.findByTestId('terms-used', {}, { timeout: 10_000 })) as HTMLDetailsElement;
    const definitionOf = (term: string) => framework.glossary.find((g) => g.term === term)!.definition;
    const shown = termsShown();
    // The statement names the SENCO and the NPQ for SENCOs; SEN is not found inside "SENCO".
    expect(shown).toContainEqual(['SENCO', definitionOf('SENCO')]);
    expect(shown).toContainEqual(['NPQ for SENCOs', definitionOf('NPQ for SENCOs')]);
    expect(shown.map(([term]) => term)).not.toContain('Special educational needs (SEN)');
    expect(new Set(shown.map(([term]) => term)).size).toBe(shown.length);

    const summary = within(disclosure).getByText(`Terms used in NE26-1.1.1 (${shown.length}): what they mean`);
    expect(disclosure.open).toBe(false);
    // A native disclosure: browsers open it from the keyboard too (jsdom models only the click).
    await user.click(summary);
    expect(disclosure.open).toBe(true);
  });

  it('shows nothing on a criterion of the 2005 edition, which has no glossary', async () => {
    const db = freshDatabase();
    const { evaluation, framework } = await seedSchoolAndEvaluation(db);
    expect(framework.glossary).toEqual([]);
    const criterionId = framework.criteria[0]!.id;
    await renderWithServices(<CriterionScreen evaluationId={evaluation.id} criterionId={criterionId} />, { db });
    await screen.findByRole('heading', { level: 1, name: new RegExp(criterionId.replace(/\./g, '\\.')) }, { timeout: 10_000 });
    expect(screen.queryByTestId('terms-used')).toBeNull();
  });
});

describe('the terms a criterion uses, on the moderator’s criterion screen', () => {
  it('lists the terms of a 2026 criterion', async () => {
    const db = freshDatabase();
    const framework = await currentFramework('north-east');
    const document = sampleSubmissionDocument(framework);
    const submission = importedFrom(document);
    await db.moderatorWorkspaces.put(WORKSPACE);
    await db.importedSubmissions.put(submission);
    await db.importedSubmissionDocuments.put({ key: submission.key, document });
    await db.importedSubmissionFiles.put({ sha256: SUBMISSION_PDF_SHA256, pdf: new Blob(['%PDF-1.7 stand-in submission']) });
    await renderWithServices(
      <ModerationCriterionScreen workspaceId={WORKSPACE.id} submissionId={submission.submissionId} criterionId="NE26-1.1.2" />,
      { db, platform: recordingPlatform(), pdfJobs: fakePdfRunner().runner, verifyJobs: fakeVerifyRunner().runner },
    );
    await screen.findByTestId('terms-used', {}, { timeout: 10_000 });
    const terms = termsShown().map(([term]) => term);
    expect(terms).toContain('SENCO');
    expect(terms).toContain('SEND');
  });

  it('shows nothing on a criterion of a 2005 submission', async () => {
    const db = freshDatabase();
    const { submission } = await seedModeratorSubmission(db);
    await renderWithServices(
      <ModerationCriterionScreen workspaceId={WORKSPACE.id} submissionId={submission.submissionId} criterionId="NE-1.1.1" />,
      { db, platform: recordingPlatform(), pdfJobs: fakePdfRunner().runner, verifyJobs: fakeVerifyRunner().runner },
    );
    await screen.findByRole('heading', { level: 1, name: /NE-1\.1\.1/ }, { timeout: 10_000 });
    expect(screen.queryByTestId('terms-used')).toBeNull();
  });
});

describe('the glossary on the help screen', () => {
  it('lists the terms of the framework of the school’s region, alphabetically, under its title', async () => {
    const db = freshDatabase();
    await createSchool(db, SAMPLE_SCHOOL);
    const framework = await currentFramework('north-east');
    await renderWithServices(<HelpScreen />, { db });
    const section = await screen.findByRole('region', { name: 'Glossary' }, { timeout: 10_000 });
    const headings = within(section)
      .getAllByRole('heading', { level: 3 })
      .map((h) => h.textContent);
    expect(headings).toEqual([framework.title]);
    const terms = [...section.querySelectorAll('dt > dfn')].map((dfn) => dfn.textContent);
    expect(terms).toHaveLength(framework.glossary.length);
    expect(terms).toEqual([...terms].sort((a, b) => (a ?? '').localeCompare(b ?? '', 'en-GB', { sensitivity: 'base' })));
    expect(terms).not.toEqual(framework.glossary.map((g) => g.term));
    const senco = framework.glossary.find((g) => g.term === 'SENCO')!;
    expect(within(section).getByText(senco.definition)).toBeTruthy();
  });

  it('lists every region’s current framework before any school or workspace is set up', async () => {
    const db = freshDatabase();
    const { regions } = await loadShippedData();
    await renderWithServices(<HelpScreen />, { db });
    const section = await screen.findByRole('region', { name: 'Glossary' }, { timeout: 10_000 });
    const headings = within(section)
      .getAllByRole('heading', { level: 3 })
      .map((h) => h.textContent);
    const titles = await Promise.all(regions.map(async (r) => (await currentFramework(r.id)).title));
    expect(headings).toEqual([...new Set(titles)]);
    expect(headings.length).toBeGreaterThan(1);
  });
});
