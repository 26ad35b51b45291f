import { render, screen, waitFor, type RenderResult } from '@testing-library/react';
import type { ReactElement } from 'react';
import { ServicesProvider } from '../../renderer/app/app-context';
import { AppDatabase } from '../../renderer/db/app-database';
import { startEvaluation } from '../../renderer/db/evaluation-store';
import { createSchool } from '../../renderer/db/school-store';
import type { PdfJobRunner } from '../../renderer/export/pdf-jobs';
import type { VerifyRunner } from '../../renderer/export/verify-jobs';
import type { PlatformPort } from '../../renderer/platform/platform-port';
import { createCatalogue } from '../../shared/framework/framework-catalogue';
import { applyFramework } from '../../shared/framework/applied-framework';
import { loadFrameworkValue } from '../../shared/framework/framework-loader';
import type { BaseFramework, LoadedFramework, SupplementFramework } from '../../shared/framework/framework-types';
import { historicFrameworkForRegion } from '../fixtures/historic-edition';
import type { AppliedFramework } from '../../shared/framework/applied-framework';
import { loadShippedData } from '../../shared/framework/shipped-frameworks';
import { emptyResponse, type CriterionResponse, type Evaluation } from '../../shared/evaluation/evaluation-records';
import type { School, SchoolDetails } from '../../shared/school/school-records';

let databaseCount = 0;

export function freshDatabase(): AppDatabase {
  databaseCount += 1;
  return new AppDatabase(`test-${Date.now()}-${databaseCount}`);
}

export interface SavedFile {
  name: string;
  data: Blob;
}

/** A platform port that records what the app saves, instead of downloading it. */
export function recordingPlatform(): PlatformPort & { saved: SavedFile[]; printed: SavedFile[] } {
  const saved: SavedFile[] = [];
  const printed: SavedFile[] = [];
  return {
    kind: 'web',
    saved,
    printed,
    appVersion: () => '0.0.0-test',
    saveFile: async (name, data) => {
      saved.push({ name, data });
      return 'saved';
    },
    printPdf: async (name, data) => {
      printed.push({ name, data });
      return 'downloaded';
    },
  };
}

/** Renders a screen inside the app's services, with a fresh database, once the criteria have loaded. */
export async function renderWithServices(
  ui: ReactElement,
  options: { db?: AppDatabase; platform?: PlatformPort; pdfJobs?: PdfJobRunner; verifyJobs?: VerifyRunner } = {},
): Promise<RenderResult & { db: AppDatabase; platform: PlatformPort }> {
  const db = options.db ?? freshDatabase();
  const platform = options.platform ?? recordingPlatform();
  const result = render(
    <ServicesProvider db={db} platform={platform} pdfJobs={options.pdfJobs} verifyJobs={options.verifyJobs}>
      {ui}
    </ServicesProvider>,
  );
  // The services are ready once the startup "Loading the accreditation criteria" screen has gone
  // (the criteria may already be loaded, by an earlier test, so it may never show).
  await waitFor(
    () => {
      if (document.querySelector('main.startup')) throw new Error('the criteria are still loading');
    },
    { timeout: 10_000 },
  );
  // A screen shows its main region; a part rendered alone (a panel, an offer) may draw nothing at all.
  await screen.findByRole('main', {}, { timeout: 1_000 }).catch(() => undefined);
  await new Promise((resolve) => setTimeout(resolve, 0));
  return { ...result, db, platform };
}

export const SAMPLE_SCHOOL: SchoolDetails = {
  name: 'Riverside Primary School',
  urn: '123456',
  regionId: 'north-east',
  localAuthority: 'Gateshead',
  phases: ['early-years', 'primary'],
  setting: 'mainstream',
  lowestYear: 0,
  highestYear: 6,
  headTeacher: 'Alex Morgan',
  senco: 'Sam Patel',
  senGovernor: 'Jo Reed',
  pupilsOnRoll: 320,
  pupilsOnSenSupport: 48,
  pupilsWithEhcPlan: 6,
  resourcedProvision: false,
  lookedAfterOnRoll: true,
};

/**
 * A partnership's own copy of a 2005 framework file, under a later version number: a format 1
 * file a partnership imports loads as current, so an evaluation on it can be changed. Stored as
 * an imported framework, so the app's catalogue finds it. The screens' editing tests use it, with
 * the 2005 criteria (NE-..., SO-..., SWP-...) they were written against.
 */
async function importEditableCopy(db: AppDatabase, historic: AppliedFramework): Promise<AppliedFramework> {
  const copy = async (loaded: LoadedFramework) => {
    const written = { ...(loaded.written as object), version: '1.1.0' };
    const fileName = `${loaded.file.id}-partnership-copy.json`;
    const result = await loadFrameworkValue(fileName, written);
    if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('\n'));
    await db.frameworks.put({
      contentHash: result.framework.contentHash,
      id: result.framework.file.id,
      version: result.framework.file.version,
      fileName,
      value: result.framework.written,
      importedAt: new Date().toISOString(),
    });
    return result.framework;
  };
  const base = (await copy(historic.base)) as LoadedFramework<BaseFramework>;
  const supplement = historic.supplement ? ((await copy(historic.supplement)) as LoadedFramework<SupplementFramework>) : null;
  return applyFramework(base, supplement);
}

/**
 * A school and an evaluation on the 2005 criteria: by default on a partnership's editable copy of
 * them; with `edition: 'historic'`, on the shipped historic edition itself (read only, as older work opens).
 */
export async function seedSchoolAndEvaluation(
  db: AppDatabase,
  regionId = 'north-east',
  edition: 'editable-copy' | 'historic' = 'editable-copy',
): Promise<{ school: School; evaluation: Evaluation; framework: AppliedFramework }> {
  const { frameworks, regions } = await loadShippedData();
  const region = regions.find((r) => r.id === regionId);
  if (!region) throw new Error(`No region ${regionId}`);
  const school = await createSchool(db, { ...SAMPLE_SCHOOL, regionId, localAuthority: region.localAuthorities[0] ?? '' });
  // An evaluation made earlier, on the 2005 edition the component tests' criteria come from.
  const historic = historicFrameworkForRegion(createCatalogue(frameworks, regions), regionId);
  const framework = edition === 'historic' ? historic : await importEditableCopy(db, historic);
  const { evaluation } = await startEvaluation(db, school, framework, { title: 'Accreditation 2026–27' });
  return { school, evaluation, framework };
}

/**
 * Writes a response straight into the database, as an older build of the app did before the
 * 2005 editions became historic: the stores now refuse changes to such an evaluation.
 */
export async function recordOlderResponse(
  db: AppDatabase,
  evaluationId: string,
  criterionId: string,
  patch: Partial<Pick<CriterionResponse, 'judgement' | 'narrative' | 'nextSteps'>>,
): Promise<void> {
  await db.responses.put({ ...emptyResponse(evaluationId, criterionId), ...patch, updatedAt: new Date().toISOString() });
}
