import type { AppliedFramework } from '../../shared/framework/applied-framework';
import { toHex } from '../../shared/formats/sha256';
import {
  SUBMISSION_STATUSES,
  importedSubmissionKey,
  type ImportedSubmission,
  type ImportedSubmissionDocument,
  type ImportedSubmissionFile,
} from '../../shared/moderation/moderation-records';
import { seededRandom } from '../../shared/moderation/visit-sampling';
import { sampleSubmissionDocument } from '../fixtures/sample-submission-document';
import { BENCH_SEED, benchWords } from './bench-dataset';

/**
 * The moderator's side of the benchmark, reproducibly: imported submissions for a moderator
 * workspace, from many schools in the North East, some with two or three versions. Each has a
 * full submission.json (every criterion with a narrative of about 250 words), kept beside its
 * record as a real import keeps it; the PDF kept beside it is a small stand-in. The queue reads
 * neither.
 */
export interface QueueDataset {
  submissions: ImportedSubmission[];
  documents: ImportedSubmissionDocument[];
  files: ImportedSubmissionFile[];
  schools: number;
}

const NAMES = [
  'Oakfield',
  'Riverside',
  'St Mary’s',
  'Hillcrest',
  'Westgate',
  'Brookside',
  'Moorland',
  'St Cuthbert’s',
  'Heathfield',
  'Valley View',
  'Northfield',
  'Castle Hill',
  'Greenbank',
  'Holy Trinity',
  'Elmwood',
  'Fellside',
  'Seaton',
  'Park View',
  'Ashbrook',
  'Redhouse',
];
const KINDS = [
  'Primary School',
  'Academy',
  'High School',
  'Church of England Primary School',
  'Infant School',
  'Junior School',
  'Community College',
];

export function queueDataset(
  framework: AppliedFramework,
  workspaceId: string,
  count: number,
  options: { seed?: string; narrativeWords?: number } = {},
): QueueDataset {
  const random = seededRandom(`${options.seed ?? BENCH_SEED}-queue`);
  const hex = (bytes: number) => toHex(Uint8Array.from({ length: bytes }, () => Math.floor(random() * 256)));
  const template = sampleSubmissionDocument(framework);
  const submissions: ImportedSubmission[] = [];
  const documents: ImportedSubmissionDocument[] = [];
  const files: ImportedSubmissionFile[] = [];
  const urns = new Set<string>();
  let schools = 0;
  while (submissions.length < count) {
    schools += 1;
    let urn = '';
    do urn = String(100000 + Math.floor(random() * 900000));
    while (urns.has(urn));
    urns.add(urn);
    const schoolName = `${NAMES[Math.floor(random() * NAMES.length)] ?? 'Oakfield'} ${KINDS[Math.floor(random() * KINDS.length)] ?? 'Academy'}`;
    // About one school in four sent a second version, one in ten a third.
    const roll = random();
    const versions = Math.min(count - submissions.length, roll < 0.1 ? 3 : roll < 0.25 ? 2 : 1);
    const fingerprint = hex(32);
    for (let version = 1; version <= versions; version += 1) {
      const submissionId = `${hex(4)}-${hex(2)}-${hex(2)}-${hex(2)}-${hex(6)}`;
      const day = String(1 + Math.floor(random() * 27)).padStart(2, '0');
      const exportedAt = `2026-${String(8 + version).padStart(2, '0')}-${day}T10:00:00.000Z`;
      const document = structuredClone(template);
      document.submissionId = submissionId;
      document.version = version;
      document.createdAt = exportedAt;
      document.school = { ...document.school, name: schoolName, urn };
      document.signer = { certificateFingerprint: fingerprint };
      for (const response of document.responses) {
        response.narrative = benchWords(random, options.narrativeWords ?? 250);
        response.nextSteps = benchWords(random, 30);
      }
      const pdf = new Blob([`%PDF-1.7\n% stand-in for ${schoolName} v${version}\n%%EOF\n`], { type: 'application/pdf' });
      const fileSha256 = hex(32);
      files.push({ sha256: fileSha256, pdf });
      const status = SUBMISSION_STATUSES[Math.floor(random() * SUBMISSION_STATUSES.length)]?.id ?? 'new';
      const key = importedSubmissionKey(workspaceId, submissionId);
      documents.push({ key, document });
      submissions.push({
        key,
        workspaceId,
        submissionId,
        urn,
        schoolName,
        regionId: document.region.id,
        framework: document.framework,
        supplement: document.supplement,
        version,
        exportedAt,
        importedAt: `2026-12-01T09:${String(submissions.length % 60).padStart(2, '0')}:00.000Z`,
        fileSha256,
        fileName: `${schoolName} submission v${version}.pdf`,
        size: pdf.size,
        signerFingerprint: fingerprint,
        frameworkSource: 'installed',
        status,
      });
    }
  }
  return { submissions, documents, files, schools };
}
