import type { Content } from 'pdfmake/interfaces';
import type { AppliedFramework } from '../framework/applied-framework';
import { canonicalJson } from '../formats/canonical-json';
import { longDateOfTime } from '../formats/en-gb-dates';
import { sha256Hex, utf8 } from '../formats/sha256';
import { signDigest } from '../crypto/cms-signature';
import { renderPdf } from '../pdf/pdfmake-renderer';
import { dataTable, documentDefinition, fingerprintLines, labelledRows, paragraphs, sectionHeading } from '../pdf/layout-blocks';
import { sealPdf } from '../pdf/signed-pdf-writer';
import { ExportError, type SigningIdentity } from '../submission/submission-exporter';
import type { ImportedSubmission, ModeratorWorkspace } from './moderation-records';
import { decisionWords } from './second-moderation';
import {
  SECOND_FORMAT_VERSION,
  SECOND_REQUEST_FORMAT,
  SECOND_REQUEST_JSON_NAME,
  SECOND_RETURN_FORMAT,
  SECOND_RETURN_JSON_NAME,
  type SecondModerationDecisionRecord,
  type SecondModerationRequestDocument,
  type SecondModerationReturnDocument,
} from './second-moderation-format';

/** Everything a second moderation request is made from. The first moderator's decisions are not among them. */
export interface SecondRequestInput {
  requestId: string;
  createdAt: string;
  workspace: ModeratorWorkspace;
  regionName: string;
  submission: ImportedSubmission;
  criterionIds: readonly string[];
  seed: string;
  note: string;
}

export function buildSecondRequestDocument(input: SecondRequestInput, certificateFingerprint: string): SecondModerationRequestDocument {
  const { submission, workspace } = input;
  return {
    format: SECOND_REQUEST_FORMAT,
    formatVersion: SECOND_FORMAT_VERSION,
    requestId: input.requestId,
    createdAt: input.createdAt,
    requester: {
      name: workspace.moderatorName,
      organisation: workspace.organisation,
      regionId: workspace.regionId,
      regionName: input.regionName,
    },
    submission: {
      submissionId: submission.submissionId,
      version: submission.version,
      sha256: submission.fileSha256,
      exportedAt: submission.exportedAt,
      school: { name: submission.schoolName, urn: submission.urn },
      framework: { ...submission.framework },
      supplement: submission.supplement ? { ...submission.supplement } : null,
    },
    criteria: input.criterionIds.map((criterionId) => ({ criterionId })),
    seed: input.seed,
    note: input.note.trim(),
    signer: { certificateFingerprint },
  };
}

/** Everything a return is made from: the request as verified, and the second moderator's decisions. */
export interface SecondReturnInput {
  returnId: string;
  createdAt: string;
  workspace: ModeratorWorkspace;
  regionName: string;
  request: SecondModerationRequestDocument;
  /** SHA-256 (hex) of the request PDF as received. */
  requestSha256: string;
  decisions: readonly SecondModerationDecisionRecord[];
}

export function buildSecondReturnDocument(input: SecondReturnInput, certificateFingerprint: string): SecondModerationReturnDocument {
  const { request, workspace } = input;
  const byId = new Map(input.decisions.map((d) => [d.criterionId, d]));
  return {
    format: SECOND_RETURN_FORMAT,
    formatVersion: SECOND_FORMAT_VERSION,
    returnId: input.returnId,
    createdAt: input.createdAt,
    request: {
      requestId: request.requestId,
      sha256: input.requestSha256,
      requesterName: request.requester.name,
      requesterOrganisation: request.requester.organisation,
    },
    secondModerator: {
      name: workspace.moderatorName,
      organisation: workspace.organisation,
      regionId: workspace.regionId,
      regionName: input.regionName,
    },
    submission: {
      submissionId: request.submission.submissionId,
      version: request.submission.version,
      sha256: request.submission.sha256,
      schoolName: request.submission.school.name,
      urn: request.submission.school.urn,
    },
    // In the request's order; only the criteria it sampled.
    decisions: request.criteria.flatMap(({ criterionId }) => {
      const d = byId.get(criterionId);
      return d
        ? [
            {
              criterionId,
              decision: d.decision,
              moderatedJudgement: d.decision === 'moderated' ? d.moderatedJudgement : null,
              comment: d.comment.trim(),
            },
          ]
        : [];
    }),
    signer: { certificateFingerprint },
  };
}

function criterionTitle(framework: AppliedFramework | null, criterionId: string): string {
  const criterion = framework?.criterionById.get(criterionId);
  return criterion ? `${criterionId} ${criterion.title}` : criterionId;
}

/** The request's pages: who asks, which submission, the criteria to decide and the note. No decisions. */
export function secondRequestLayout(document: SecondModerationRequestDocument, framework: AppliedFramework | null) {
  const { submission, requester } = document;
  const content: Content[] = [
    { text: 'SEN accreditation: request for second moderation', style: 'coverTitle', margin: [0, 60, 0, 8] },
    { text: submission.school.name, style: 'coverSchool' },
    labelledRows([
      ['URN', submission.school.urn],
      ['Submission', `${submission.submissionId}, v${submission.version}, exported ${longDateOfTime(submission.exportedAt)}`],
      ['SHA-256 of the submission PDF', fingerprintLines(submission.sha256)],
      ['Framework', `${submission.framework.title}, version ${submission.framework.version}`],
      ['Asked by', `${requester.name}, ${requester.organisation} (${requester.regionName})`],
      ['Date of the request', longDateOfTime(document.createdAt)],
      ['Signer certificate fingerprint (SHA-256)', fingerprintLines(document.signer.certificateFingerprint)],
    ]),
    ...paragraphs(
      'Please decide each criterion below yourself, from the school’s submission, without asking how the first moderator decided it. Import this file into your moderator workspace with the submission PDF named above; the app signs your decisions as a return to send back.',
      { whenEmpty: '' },
    ),
    sectionHeading(`Criteria to decide (${document.criteria.length})`, { newPage: false }),
    dataTable({
      headers: ['Criterion'],
      widths: ['*'],
      rows: document.criteria.map((c) => [criterionTitle(framework, c.criterionId)]),
      whenEmpty: 'No criteria.',
    }),
    sectionHeading('Note from the first moderator', { newPage: false }),
    ...paragraphs(document.note, { whenEmpty: 'No note.' }),
  ];
  return documentDefinition({
    info: {
      title: `${submission.school.name}: request for second moderation of submission v${submission.version}`,
      author: `${requester.name}, ${requester.organisation}`,
      subject: `Second moderation request ${document.requestId}`,
    },
    footerText: `${submission.school.name} · Second moderation request ${document.requestId}`,
    content,
  });
}

/** The return's pages: the request answered, and each decision with its comment. */
export function secondReturnLayout(document: SecondModerationReturnDocument, framework: AppliedFramework | null) {
  const { submission, secondModerator } = document;
  const content: Content[] = [
    { text: 'SEN accreditation: second moderation return', style: 'coverTitle', margin: [0, 60, 0, 8] },
    { text: submission.schoolName, style: 'coverSchool' },
    labelledRows([
      ['URN', submission.urn],
      ['Submission', `${submission.submissionId}, v${submission.version}`],
      ['SHA-256 of the submission PDF', fingerprintLines(submission.sha256)],
      [
        'In answer to',
        `Request ${document.request.requestId} from ${document.request.requesterName}, ${document.request.requesterOrganisation}`,
      ],
      ['SHA-256 of the request PDF', fingerprintLines(document.request.sha256)],
      ['Second moderator', `${secondModerator.name}, ${secondModerator.organisation} (${secondModerator.regionName})`],
      ['Date of the return', longDateOfTime(document.createdAt)],
      ['Signer certificate fingerprint (SHA-256)', fingerprintLines(document.signer.certificateFingerprint)],
    ]),
    sectionHeading(`Decisions (${document.decisions.length})`, { newPage: false }),
    dataTable({
      headers: ['Criterion', 'Decision', 'Comment'],
      widths: ['*', 120, '*'],
      rows: document.decisions.map((d) => [criterionTitle(framework, d.criterionId), decisionWords(framework, d), d.comment || '—']),
      whenEmpty: 'No decisions.',
    }),
  ];
  return documentDefinition({
    info: {
      title: `${submission.schoolName}: second moderation return for submission v${submission.version}`,
      author: `${secondModerator.name}, ${secondModerator.organisation}`,
      subject: `Second moderation return ${document.returnId}`,
    },
    footerText: `${submission.schoolName} · Second moderation return ${document.returnId}`,
    content,
  });
}

async function sealed(
  layout: Uint8Array<ArrayBuffer>,
  json: { name: string; value: unknown; description: string },
  info: { title: string; author: string; subject: string },
  signature: { name: string; reason: string; location: string; at: string },
  signing: SigningIdentity,
) {
  const bytes = await sealPdf(
    layout,
    [
      {
        name: json.name,
        source: utf8(canonicalJson(json.value)),
        mediaType: 'application/json',
        relationship: 'Data',
        description: json.description,
        compress: true,
      },
    ],
    { ...info, language: 'en-GB' },
    { name: signature.name, reason: signature.reason, location: signature.location, signingTime: new Date(signature.at) },
    (digest) => signDigest(digest, signing.privateKey, signing.certificateDer),
  );
  return { bytes, sha256: await sha256Hex(bytes) };
}

export async function exportSecondRequest(
  input: SecondRequestInput,
  framework: AppliedFramework | null,
  signing: SigningIdentity,
): Promise<{ bytes: Uint8Array<ArrayBuffer>; document: SecondModerationRequestDocument; sha256: string }> {
  if (input.criterionIds.length === 0) throw new ExportError('Choose at least one criterion for the second moderator to decide.');
  const document = buildSecondRequestDocument(input, signing.certificateFingerprint);
  const layout = await renderPdf(secondRequestLayout(document, framework));
  const { bytes, sha256 } = await sealed(
    layout,
    {
      name: SECOND_REQUEST_JSON_NAME,
      value: document,
      description: 'The second moderation request: the submission and the criteria sampled',
    },
    {
      title: `${document.submission.school.name}: request for second moderation of submission v${document.submission.version}`,
      author: `${document.requester.name}, ${document.requester.organisation}`,
      subject: 'Second moderation request',
    },
    {
      name: document.requester.name,
      reason: 'SEN accreditation second moderation request',
      location: document.requester.regionName,
      at: input.createdAt,
    },
    signing,
  );
  return { bytes, document, sha256 };
}

export async function exportSecondReturn(
  input: SecondReturnInput,
  framework: AppliedFramework | null,
  signing: SigningIdentity,
): Promise<{ bytes: Uint8Array<ArrayBuffer>; document: SecondModerationReturnDocument; sha256: string }> {
  const document = buildSecondReturnDocument(input, signing.certificateFingerprint);
  if (document.decisions.length !== input.request.criteria.length) {
    throw new ExportError('Decide every criterion the request asks about, then sign the return.');
  }
  const layout = await renderPdf(secondReturnLayout(document, framework));
  const { bytes, sha256 } = await sealed(
    layout,
    { name: SECOND_RETURN_JSON_NAME, value: document, description: 'The second moderator’s decisions on the sampled criteria' },
    {
      title: `${document.submission.schoolName}: second moderation return for submission v${document.submission.version}`,
      author: `${document.secondModerator.name}, ${document.secondModerator.organisation}`,
      subject: 'Second moderation return',
    },
    {
      name: document.secondModerator.name,
      reason: 'SEN accreditation second moderation return',
      location: document.secondModerator.regionName,
      at: input.createdAt,
    },
    signing,
  );
  return { bytes, document, sha256 };
}
