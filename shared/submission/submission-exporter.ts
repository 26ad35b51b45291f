import { canonicalJson } from '../formats/canonical-json';
import type { AppliedFramework } from '../framework/applied-framework';
import { utf8 } from '../formats/sha256';
import type { WrittenFrameworkFile } from '../framework/framework-types';
import { signDigest } from '../crypto/cms-signature';
import { renderPdf } from '../pdf/pdfmake-renderer';
import { sealPdfParts, type EmbeddedFileInput, type SealedPdf } from '../pdf/signed-pdf-writer';
import type { StreamingHash } from '../formats/sha256-stream';
import { buildSubmissionDocument, type SubmissionIdentity, type SubmissionSnapshot } from './submission-builder';
import { FRAMEWORK_JSON_NAME, SUBMISSION_JSON_NAME, SUPPLEMENT_JSON_NAME, type SubmissionDocument } from './submission-format';
import { submissionLayout } from './submission-layout';

/**
 * Export of a signed submission, from the records to the finished PDF bytes:
 * submission.json -> pdfmake layout -> embedded files -> one CMS signature.
 * Runs the same in a web worker, a page and Node.
 */
export interface SigningIdentity {
  privateKey: CryptoKey;
  certificateDer: Uint8Array<ArrayBuffer>;
  certificateFingerprint: string;
  /** For a partnership-issued certificate, the partnership's root, carried in the signature so other tools can show the chain. */
  issuerCertificatesDer?: readonly Uint8Array<ArrayBuffer>[];
}

export type ExportStage = 'data' | 'evidence' | 'layout' | 'attach' | 'write' | 'sign';

export interface ExportProgress {
  stage: ExportStage;
  /** 0..1 over the whole export. */
  fraction: number;
}

export interface ExportSubmissionInput {
  snapshot: SubmissionSnapshot;
  identity: Omit<SubmissionIdentity, 'certificateFingerprint'>;
  signing: SigningIdentity;
  /** The stored file of an evidence item, by its SHA-256: a Blob (not read into memory) or bytes. */
  readEvidence: (sha256: string) => Promise<Blob | Uint8Array>;
  onProgress?: (progress: ExportProgress) => void;
  /** An incremental SHA-256 to use instead of the built-in JavaScript one (Node passes its own). */
  createHash?: () => StreamingHash;
  /** Makes the pages; a browser passes one that runs in another worker, so it overlaps the hashing. */
  renderLayout?: (document: SubmissionDocument, framework: AppliedFramework) => Promise<Uint8Array>;
  signal?: AbortSignal;
}

export interface ExportedSubmission {
  /** The PDF as parts (evidence files stay the Blobs they were); `partsToBytes` joins them. */
  sealed: SealedPdf;
  document: SubmissionDocument;
  /** SHA-256 (hex) of the PDF. */
  sha256: string;
}

export class ExportError extends Error {
  override name = 'ExportError';
}

export class ExportCancelled extends Error {
  override name = 'ExportCancelled';
  constructor() {
    super('The export was cancelled.');
  }
}

/** How much of the bar each stage fills: evidence reading and writing are the heavy parts. */
const STAGE_SPAN: Record<ExportStage, [number, number]> = {
  data: [0, 0.02],
  evidence: [0.02, 0.05],
  sign: [0.05, 0.9],
  layout: [0.9, 0.92],
  attach: [0.92, 0.95],
  write: [0.95, 1],
};

export async function exportSubmission(input: ExportSubmissionInput): Promise<ExportedSubmission> {
  const { snapshot, signing, signal } = input;
  // The bar only moves forward, whatever order the stages report in.
  let shown = 0;
  const report = (stage: ExportStage, within: number) => {
    const [from, to] = STAGE_SPAN[stage];
    shown = Math.max(shown, from + (to - from) * Math.min(1, Math.max(0, within)));
    input.onProgress?.({ stage, fraction: shown });
  };
  const checkpoint = () => {
    if (signal?.aborted) throw new ExportCancelled();
  };

  report('data', 0);
  const document = buildSubmissionDocument(snapshot, { ...input.identity, certificateFingerprint: signing.certificateFingerprint });
  const files: EmbeddedFileInput[] = [
    jsonFile(
      SUBMISSION_JSON_NAME,
      document,
      'Data',
      'The submission’s data: school, judgements, evidence list, action plan and declaration',
    ),
    jsonFile(
      FRAMEWORK_JSON_NAME,
      withoutSchemaHint(snapshot.framework.base.written),
      'Source',
      `The framework: ${document.framework.title}`,
    ),
  ];
  if (snapshot.framework.supplement) {
    files.push(
      jsonFile(
        SUPPLEMENT_JSON_NAME,
        withoutSchemaHint(snapshot.framework.supplement.written),
        'Source',
        `The regional supplement: ${snapshot.framework.supplement.file.title}`,
      ),
    );
  }

  const withFiles = document.evidence.filter((e) => e.file !== null);
  let done = 0;
  for (const evidence of withFiles) {
    checkpoint();
    const file = evidence.file;
    if (!file) continue;
    // Each file was hashed when it was stored, under that hash; the size is checked here, and the
    // moderator's verifier hashes every file again, so a damaged copy can never pass unnoticed.
    const source = await input.readEvidence(file.sha256);
    if ((source instanceof Uint8Array ? source.length : source.size) !== file.size) {
      throw new ExportError(
        `The stored copy of “${evidence.title}” is damaged: it no longer matches the file that was added. Add the file again.`,
      );
    }
    files.push({
      name: file.attachmentName,
      source,
      mediaType: file.mediaType,
      relationship: 'Supplement',
      description: `Evidence: ${evidence.title}`,
      compress: worthCompressing(file.mediaType, file.attachmentName),
    });
    done += 1;
    report('evidence', done / withFiles.length);
  }
  report('evidence', 1);

  checkpoint();
  // Where another thread makes the pages, the evidence is hashed meanwhile (see sealPdfParts).
  const renderLayout = input.renderLayout ?? ((doc, framework) => renderPdf(submissionLayout({ document: doc, framework })));
  const layout = renderLayout(document, snapshot.framework);
  layout.catch(() => undefined);

  checkpoint();
  const signingTime = new Date(input.identity.createdAt);
  const sealed = await sealPdfParts(
    layout,
    files,
    {
      title: `${document.school.name}: SEN accreditation submission v${document.version}`,
      author: document.school.name,
      subject: `Self-evaluation against ${document.framework.title} ${document.framework.version}`,
      language: 'en-GB',
    },
    { name: document.school.name, reason: `SEN accreditation submission v${document.version}`, location: 'England', signingTime },
    async (digest) => {
      checkpoint();
      return signDigest(digest, signing.privateKey, signing.certificateDer, { issuerCertificatesDer: signing.issuerCertificatesDer ?? [] });
    },
    { onProgress: (stage, fraction) => report(stage, fraction), ...(input.createHash ? { createHash: input.createHash } : {}) },
  );
  return { sealed, document, sha256: sealed.sha256 };
}

function jsonFile(name: string, value: unknown, relationship: 'Data' | 'Source', description: string): EmbeddedFileInput {
  return { name, source: utf8(canonicalJson(value)), mediaType: 'application/json', relationship, description, compress: true };
}

/** The file as written (what its content hash covers), without the editor's "$schema" hint. */
function withoutSchemaHint(file: WrittenFrameworkFile): Omit<WrittenFrameworkFile, '$schema'> {
  const { $schema: _hint, ...content } = file as WrittenFrameworkFile & { $schema?: string };
  return content;
}

/** Text-like files shrink a lot; images, PDFs, office files and archives are compressed already. */
function worthCompressing(mediaType: string, name: string): boolean {
  if (/^text\//.test(mediaType) || /(json|xml|csv|rtf)$/.test(mediaType)) return true;
  return /\.(txt|csv|md|rtf|json|xml|html?)$/i.test(name);
}
