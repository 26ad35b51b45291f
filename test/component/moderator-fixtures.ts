import type { AppDatabase } from '../../renderer/db/app-database';
import { createModeratorWorkspace } from '../../renderer/db/moderator-store';
import { importVerifiedSubmission } from '../../renderer/db/submission-import-store';
import type { VerifyJobRequest, VerifyJobResult, VerifyRunner } from '../../renderer/export/verify-jobs';
import type { CertificateSummary } from '../../shared/crypto/signing-certificate';
import type { AppliedFramework } from '../../shared/framework/applied-framework';
import { createCatalogue, type FrameworkCatalogue } from '../../shared/framework/framework-catalogue';
import { historicFrameworkForRegion } from '../fixtures/historic-edition';
import { sha256Hex } from '../../shared/formats/sha256';
import { loadShippedData } from '../../shared/framework/shipped-frameworks';
import type { ModeratorWorkspace } from '../../shared/moderation/moderation-records';
import type { SubmissionDocument } from '../../shared/submission/submission-format';
import type { SubmissionVerification } from '../../shared/submission/submission-verifier';
import { sampleSubmissionDocument } from '../fixtures/sample-submission-document';

/**
 * The moderator's side in component tests. PKI.js cannot run under jsdom, so the verify worker is
 * replaced by a stand-in that answers with canned verifications: what the real verifier returns
 * for a good file (built from the sample submission document) or its rejection.
 */
export const KEY_A = 'a1'.repeat(32);
export const KEY_B = 'b2'.repeat(32);

export async function northEast(): Promise<{ framework: AppliedFramework; catalogue: FrameworkCatalogue }> {
  const { frameworks, regions } = await loadShippedData();
  const catalogue = createCatalogue(frameworks, regions);
  return { framework: historicFrameworkForRegion(catalogue, 'north-east'), catalogue };
}

export function certificate(fingerprint: string, document: SubmissionDocument): CertificateSummary {
  return {
    commonName: document.school.name,
    role: 'School',
    urn: document.school.urn,
    organisation: '',
    notBefore: new Date('2026-11-01T00:00:00Z'),
    notAfter: new Date('2036-11-01T00:00:00Z'),
    fingerprint,
  };
}

/** A good file as the verifier reports it. */
export function verified(
  framework: AppliedFramework,
  document: SubmissionDocument,
  fingerprint: string,
  fileSha256: string,
): SubmissionVerification {
  return {
    ok: true,
    report: {
      submission: { ...document, signer: { certificateFingerprint: fingerprint } },
      framework: framework.base,
      supplement: framework.supplement,
      certificate: certificate(fingerprint, document),
      certificateDer: new Uint8Array(0),
      otherCertificatesDer: [],
      pin: { status: 'first-use' },
      fileSha256,
      signingTime: null,
      evidenceFiles: new Map(),
    },
  };
}

/** The sample submission as version n of Riverside Primary School (or another school). */
export function sampleVersion(
  framework: AppliedFramework,
  version: number,
  change: (document: SubmissionDocument) => void = () => {},
): SubmissionDocument {
  const document = structuredClone(sampleSubmissionDocument(framework));
  document.version = version;
  document.submissionId = `submission-${document.school.urn}-v${version}`;
  document.createdAt = `2026-11-${String(10 + version).padStart(2, '0')}T10:00:00.000Z`;
  change(document);
  return document;
}

export type Canned = { document: SubmissionDocument; fingerprint: string; framework?: AppliedFramework } | { rejection: string };

/**
 * A stand-in for the verify worker: each file's text names the canned answer it gets. `hold`
 * makes it wait for `release()` before answering, to watch progress.
 */
export function standInVerifier(framework: AppliedFramework, canned: Record<string, Canned>, options: { hold?: boolean } = {}) {
  const requests: string[] = [];
  const waiting: (() => void)[] = [];
  const runner: VerifyRunner = {
    async verify(request: VerifyJobRequest): Promise<VerifyJobResult> {
      if (request.kind !== 'submission') return { kind: 'failed', message: 'The stand-in checks submissions only.' };
      const name = new TextDecoder().decode(request.bytes).replace('%PDF-1.7 stand-in ', '');
      requests.push(name);
      if (options.hold) await new Promise<void>((resolve) => waiting.push(resolve));
      const answer = canned[name];
      if (!answer) return { kind: 'failed', message: `The file could not be checked (no canned answer for ${name}).` };
      if ('rejection' in answer)
        return { kind: 'submission', verification: { ok: false, rejection: { code: 'signature-mismatch', message: answer.rejection } } };
      const sha = await sha256Hex(request.bytes);
      return { kind: 'submission', verification: verified(answer.framework ?? framework, answer.document, answer.fingerprint, sha) };
    },
  };
  return {
    runner,
    requests,
    /** Lets the oldest held file be answered. */
    release: () => waiting.shift()?.(),
    held: () => waiting.length,
  };
}

/** A PDF-ish file whose text tells the stand-in which canned answer to give. */
export function standInFile(cannedName: string, fileName = `${cannedName}.pdf`): File {
  return new File([`%PDF-1.7 stand-in ${cannedName}`], fileName, { type: 'application/pdf' });
}

export async function seedWorkspace(db: AppDatabase): Promise<ModeratorWorkspace> {
  return createModeratorWorkspace(db, {
    moderatorName: 'Jo Bloggs',
    organisation: 'North East SEN Regional Partnership',
    regionId: 'north-east',
  });
}

/** Stores a submission as an import would, without the screen. */
export async function seedImported(
  db: AppDatabase,
  workspaceId: string,
  catalogue: FrameworkCatalogue,
  framework: AppliedFramework,
  document: SubmissionDocument,
  fingerprint = KEY_A,
): Promise<void> {
  const bytes = new TextEncoder().encode(`%PDF-1.7 stand-in ${document.submissionId}`);
  const decision = await importVerifiedSubmission(db, {
    workspaceId,
    verification: verified(framework, document, fingerprint, await sha256Hex(bytes)),
    file: { fileName: `${document.submissionId}.pdf`, size: bytes.length },
    pdf: new Blob([bytes], { type: 'application/pdf' }),
    catalogue,
    // As the moderator does on first use, having compared the fingerprint.
    answer: 'accept',
  });
  if (decision.kind !== 'store') throw new Error(`seeding ${document.submissionId}: ${decision.kind}`);
}
