import type { Page } from 'playwright-core';

/** Who sets up a moderator workspace: as the form asks for them. */
export interface ModeratorAnswers {
  name: string;
  region: string;
  organisation: string;
}

/**
 * From anywhere in the app: go home, set up a moderator workspace, and import one submission from a
 * school this workspace has not seen, trusting its key (the moderator compares the fingerprint, then
 * trusts it). Leaves the page on the import screen, with the submission imported.
 */
export async function setUpWorkspaceAndTrustSubmission(page: Page, moderator: ModeratorAnswers, submissionPath: string): Promise<void> {
  await page.getByRole('link', { name: 'SEN Accreditation' }).click();
  await page.getByRole('link', { name: 'Set up a moderator workspace' }).click();
  await page.getByLabel('Your name').fill(moderator.name);
  await page.getByLabel('Region you moderate').selectOption({ label: moderator.region });
  await page.getByLabel('Organisation').fill(moderator.organisation);
  await page.getByRole('button', { name: 'Set up moderator workspace' }).click();
  await page.getByRole('link', { name: 'Import submissions' }).first().click();
  await page.getByLabel('Choose submission PDFs').setInputFiles(submissionPath);
  await page.getByRole('button', { name: /^Trust and import/ }).click();
}
