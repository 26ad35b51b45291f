import { render, screen, type RenderResult } from '@testing-library/react';
import type { ReactElement } from 'react';
import { ServicesProvider } from '../../renderer/app/app-context';
import { AppDatabase } from '../../renderer/db/app-database';
import { startEvaluation } from '../../renderer/db/evaluation-store';
import { createSchool } from '../../renderer/db/school-store';
import type { PdfJobRunner } from '../../renderer/export/pdf-jobs';
import type { VerifyRunner } from '../../renderer/export/verify-jobs';
import type { PlatformPort } from '../../renderer/platform/platform-port';
import { createCatalogue } from '../../shared/framework/framework-catalogue';
import { historicFrameworkForRegion } from '../fixtures/historic-edition';
import type { AppliedFramework } from '../../shared/framework/applied-framework';
import { loadShippedData } from '../../shared/framework/shipped-frameworks';
import type { Evaluation } from '../../shared/evaluation/evaluation-records';
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
  await screen.findByRole('main', {}, { timeout: 10_000 });
  // Wait for the startup "Loading the accreditation criteria" status to go.
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

export async function seedSchoolAndEvaluation(
  db: AppDatabase,
  regionId = 'north-east',
): Promise<{ school: School; evaluation: Evaluation; framework: AppliedFramework }> {
  const { frameworks, regions } = await loadShippedData();
  const region = regions.find((r) => r.id === regionId);
  if (!region) throw new Error(`No region ${regionId}`);
  const school = await createSchool(db, { ...SAMPLE_SCHOOL, regionId, localAuthority: region.localAuthorities[0] ?? '' });
  // An evaluation made earlier, on the 2005 edition the component tests' criteria come from.
  const framework = historicFrameworkForRegion(createCatalogue(frameworks, regions), regionId);
  const { evaluation } = await startEvaluation(db, school, framework, { title: 'Accreditation 2026–27' });
  return { school, evaluation, framework };
}
