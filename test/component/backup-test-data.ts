import type { AppDatabase, ReceivedReportRecord } from '../../renderer/db/app-database';
import type { VerifyJobRequest, VerifyJobResult, VerifyRunner } from '../../renderer/export/verify-jobs';
import type { CertificateSummary } from '../../shared/crypto/signing-certificate';
import type { AppliedFramework } from '../../shared/framework/applied-framework';
import type { ImportedSubmission } from '../../shared/moderation/moderation-records';
import type { SubmissionDocument } from '../../shared/submission/submission-format';
import { createAction } from '../../renderer/db/action-store';
import { saveResponse } from '../../renderer/db/evaluation-store';
import { addEvidenceFile, addEvidenceRecord, linkEvidence } from '../../renderer/db/evidence-store';
import { recordSubmission } from '../../renderer/db/submission-store';
import { newId } from '../../renderer/db/record-stamps';
import { sha256Hex } from '../../shared/formats/sha256';
import { sampleSubmissionDocument } from '../fixtures/sample-submission-document';
import { seedSchoolAndEvaluation } from './render-app';

/** Bytes of every value 0–255, twice, so a backup that mangles any byte value shows it. */
export const BINARY_EVIDENCE = new Uint8Array(Array.from({ length: 512 }, (_, i) => i % 256));
export const POLICY_TEXT = 'SEN policy 2025. Reviewed by governors in September; next review July.';

/** A school with an evaluation, judgements, three evidence files (one used twice), links, actions, a framework and a submission with its PDF. */
export async function seedRealisticData(db: AppDatabase) {
  const { school, evaluation, framework } = await seedSchoolAndEvaluation(db);
  const [first, second, third] = framework.criteria;
  if (!first || !second || !third) throw new Error('The framework has fewer than three criteria');
  await saveResponse(db, evaluation.id, first.id, {
    judgement: 'established',
    narrative: 'Policy rewritten with parents in 2025.',
    nextSteps: 'Publish a summary.',
  });
  await saveResponse(db, evaluation.id, second.id, {
    judgement: 'embedded',
    narrative: 'The SENCO reports to governors each term — “every term”.',
  });
  const policy = await addEvidenceFile(db, school.id, new File([POLICY_TEXT], 'SEN-policy-2025.txt', { type: 'text/plain' }));
  const binary = await addEvidenceFile(db, school.id, new File([BINARY_EVIDENCE], 'attendance.bin', { type: 'application/octet-stream' }));
  if (!policy.item?.file || !binary.item) throw new Error('The evidence files were not stored');
  // The same bytes again under another name, as a library from before a file already held was
  // refused may have them: two items, the bytes stored once, and in the backup once.
  await db.evidence.add({ ...policy.item, id: newId(), title: 'policy copy', file: { ...policy.item.file, name: 'policy-copy.txt' } });
  const minutes = await addEvidenceRecord(db, school.id, {
    title: 'Governors’ minutes, July 2025',
    kind: 'minutes',
    date: '2025-07-10',
    description: 'Item 6',
    heldAt: 'School office',
    containsPersonalData: false,
    redactionConfirmed: false,
  });
  await linkEvidence(db, evaluation.id, first.id, policy.item.id);
  await linkEvidence(db, evaluation.id, first.id, binary.item.id);
  await linkEvidence(db, evaluation.id, second.id, minutes.id);
  await createAction(db, evaluation.id, {
    criterionIds: [first.id, third.id],
    what: 'Publish a summary of the SEN policy.',
    who: 'Sam Patel',
    byWhen: '2026-12-19',
    successCriteria: 'On the website.',
    status: 'in-progress',
  });
  await db.frameworks.put({
    contentHash: 'f'.repeat(64),
    id: 'partnership-extra',
    version: '1.0.0',
    fileName: 'partnership-extra.json',
    value: { id: 'partnership-extra', strands: [], nested: { list: [1, 2, 3], empty: null } },
    importedAt: '2026-10-01T10:00:00.000Z',
  });
  const pdf = new Uint8Array([...new TextEncoder().encode('%PDF-1.7\n'), ...BINARY_EVIDENCE, ...new TextEncoder().encode('\n%%EOF\n')]);
  const document = { ...sampleSubmissionDocument(framework), evaluationId: evaluation.id, version: 1 };
  await recordSubmission(
    db,
    document,
    school.id,
    'Riverside-submission-v1.pdf',
    new Blob([pdf], { type: 'application/pdf' }),
    pdf.length,
    await sha256Hex(pdf),
  );
  return { school, evaluation, framework };
}

/** A signing key, as the export makes one: non-extractable. */
export async function addSigningKey(db: AppDatabase, workspaceId: string): Promise<void> {
  const keys = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
  await db.signingKeys.put({
    workspaceId,
    keys,
    certificateDer: new Uint8Array([0x30, 0x82, 0x01, 0x0a]),
    fingerprint: 'a'.repeat(64),
    commonName: 'Riverside Primary School',
    urn: '123456',
    createdAt: '2026-11-01T10:00:00.000Z',
  });
}

/** A value with every Blob replaced by its type and bytes, so equality checks compare contents. */
export async function materialise(value: unknown): Promise<unknown> {
  if (value instanceof Blob) return { blobType: value.type, bytes: [...new Uint8Array(await value.arrayBuffer())] };
  if (Array.isArray(value)) return Promise.all(value.map(materialise));
  if (value && typeof value === 'object' && !(value instanceof Date) && !ArrayBuffer.isView(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = await materialise(item);
    return out;
  }
  return value;
}

/** Every record of every table (by name), Blobs as bytes, leaving out the tables named. */
export async function everything(db: AppDatabase, leaveOut: readonly string[] = ['signingKeys']): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const table of db.tables) if (!leaveOut.includes(table.name)) out[table.name] = await materialise(await table.toArray());
  return out;
}

/** What a genuine file says when it verifies: the answer the verify worker gives for its exact bytes. */
export interface GenuineFile {
  pdf: Blob;
  answer: VerifyJobResult;
}

/**
 * A stand-in for the verify worker (pkijs does not run under jsdom): the files given are genuine
 * and verify, byte for byte, as they say; any other file is refused as a forged or changed file is.
 */
export function genuineFilesVerifier(files: readonly GenuineFile[]) {
  const requests: VerifyJobRequest['kind'][] = [];
  const runner: VerifyRunner = {
    async verify(request) {
      requests.push(request.kind);
      for (const file of files) {
        const known = new Uint8Array(await file.pdf.arrayBuffer());
        if (known.length === request.bytes.length && known.every((b, i) => b === request.bytes[i])) return file.answer;
      }
      const rejection = {
        code: 'signature-mismatch' as const,
        message: 'The signature does not match the file: it has been changed since it was signed.',
      };
      const refused: VerifyJobResult =
        request.kind === 'report'
          ? { kind: 'report', verification: { ok: false, rejection } }
          : { kind: 'submission', verification: { ok: false, rejection } };
      return refused;
    },
  };
  return { runner, requests };
}

function certificateOf(fingerprint: string, role: string, name: string, urn: string, organisation: string): CertificateSummary {
  return {
    commonName: name,
    role,
    urn,
    organisation,
    notBefore: new Date('2026-01-01T00:00:00Z'),
    notAfter: new Date('2036-01-01T00:00:00Z'),
    fingerprint,
  };
}

/** The genuine file of an imported submission, as the record and its data name it. */
export async function genuineSubmission(
  record: ImportedSubmission,
  document: SubmissionDocument,
  pdf: Blob,
  framework: AppliedFramework,
): Promise<GenuineFile> {
  return {
    pdf,
    answer: {
      kind: 'submission',
      verification: {
        ok: true,
        report: {
          submission: document,
          framework: framework.base,
          supplement: framework.supplement,
          certificate: certificateOf(record.signerFingerprint, 'School', document.school.name, document.school.urn, ''),
          certificateDer: new Uint8Array(0),
          otherCertificatesDer: [],
          pin: { status: 'first-use' },
          fileSha256: record.fileSha256,
          signingTime: null,
          evidenceFiles: new Map(),
        },
      },
    },
  };
}

/** The genuine file of a received moderation report. */
export function genuineReport(record: ReceivedReportRecord): GenuineFile {
  const { moderator } = record.document;
  return {
    pdf: record.pdf,
    answer: {
      kind: 'report',
      verification: {
        ok: true,
        report: {
          moderation: record.document,
          certificate: certificateOf(record.signerFingerprint, 'Moderator', moderator.name, '', moderator.organisation),
          certificateDer: new Uint8Array(0),
          otherCertificatesDer: [],
          signingTime: null,
          pin: { status: 'first-use' },
          fileSha256: record.fileSha256,
        },
      },
    },
  };
}

/** Every signed file the database holds now, as genuine: for tests of a restore whose subject is not verification. */
export async function genuineFilesIn(db: AppDatabase, framework: AppliedFramework): Promise<GenuineFile[]> {
  const files: GenuineFile[] = [];
  for (const record of await db.importedSubmissions.toArray()) {
    const [document, file] = await Promise.all([
      db.importedSubmissionDocuments.get(record.key),
      db.importedSubmissionFiles.get(record.fileSha256),
    ]);
    if (document && file) files.push(await genuineSubmission(record, document.document, file.pdf, framework));
  }
  for (const record of await db.receivedReports.toArray()) files.push(genuineReport(record));
  return files;
}
