import type { AppliedFramework } from '../../shared/framework/applied-framework';
import type { SubmissionSnapshot } from '../../shared/submission/submission-builder';
import type { SubmissionDocument } from '../../shared/submission/submission-format';
import { nowIso, type AppDatabase, type SubmissionRecord } from './app-database';
import { describeStorageError, UserFacingError } from './storage-errors';

/** Reads everything an export needs, in one read transaction so the snapshot is consistent. */
export async function loadSubmissionSnapshot(
  db: AppDatabase,
  evaluationId: string,
  framework: AppliedFramework,
  regionName: string,
): Promise<{ snapshot: SubmissionSnapshot; blobs: Map<string, Blob> }> {
  return db.transaction(
    'r',
    [db.evaluations, db.schools, db.responses, db.evidenceLinks, db.evidence, db.actions, db.evidenceBlobs],
    async () => {
      const evaluation = await db.evaluations.get(evaluationId);
      if (!evaluation) throw new UserFacingError('This evaluation no longer exists.');
      const school = await db.schools.get(evaluation.schoolId);
      if (!school) throw new UserFacingError('The school of this evaluation no longer exists.');
      const [responses, links, evidence, actions] = await Promise.all([
        db.responses.where('evaluationId').equals(evaluationId).toArray(),
        db.evidenceLinks.where('evaluationId').equals(evaluationId).toArray(),
        db.evidence.where('schoolId').equals(school.id).toArray(),
        db.actions.where('evaluationId').equals(evaluationId).toArray(),
      ]);
      const linked = new Set(links.map((l) => l.evidenceId));
      const hashes = [...new Set(evidence.filter((e) => linked.has(e.id) && e.file).map((e) => e.file?.sha256 ?? ''))];
      const blobs = new Map<string, Blob>();
      for (const record of await db.evidenceBlobs.bulkGet(hashes)) if (record) blobs.set(record.sha256, record.blob);
      return { snapshot: { school, evaluation, framework, regionName, responses, links, evidence, actions }, blobs };
    },
  );
}

export async function nextSubmissionVersion(db: AppDatabase, evaluationId: string): Promise<number> {
  const existing = await db.submissions.where('evaluationId').equals(evaluationId).toArray();
  return existing.reduce((max, s) => Math.max(max, s.version), 0) + 1;
}

/** Keeps the exported submission, frozen, with the exact PDF bytes. One write: all or nothing. */
export async function recordSubmission(
  db: AppDatabase,
  document: SubmissionDocument,
  schoolId: string,
  fileName: string,
  pdf: Blob,
  size: number,
  sha256: string,
): Promise<SubmissionRecord> {
  const record: SubmissionRecord = {
    id: document.submissionId,
    evaluationId: document.evaluationId,
    schoolId,
    version: document.version,
    createdAt: document.createdAt || nowIso(),
    fileName,
    sha256,
    size,
    document,
    pdf,
  };
  try {
    await db.transaction('rw', db.submissions, async () => {
      const clash = await db.submissions.where('[evaluationId+version]').equals([document.evaluationId, document.version]).count();
      if (clash > 0)
        throw new UserFacingError(
          `Submission v${document.version} of this evaluation already exists. Export again to make v${document.version + 1}.`,
        );
      await db.submissions.add(record);
    });
  } catch (error) {
    throw new UserFacingError(describeStorageError(error, `submission v${document.version}`));
  }
  return record;
}
