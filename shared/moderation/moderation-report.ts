import type { AppliedFramework } from '../framework/applied-framework';
import { levelLabel } from '../framework/applied-framework';
import { canonicalJson } from '../formats/canonical-json';
import { sha256Hex, utf8 } from '../formats/sha256';
import { signDigest } from '../crypto/cms-signature';
import { renderPdf } from '../pdf/pdfmake-renderer';
import { sealPdf } from '../pdf/signed-pdf-writer';
import { ExportError, type ExportProgress, type SigningIdentity } from '../submission/submission-exporter';
import type { SubmissionDocument } from '../submission/submission-format';
import { MODERATION_FORMAT, MODERATION_FORMAT_VERSION, MODERATION_JSON_NAME, type ModerationDocument } from './moderation-format';
import type { CriterionModeration, ImportedSubmission, ModerationOutcome, ModeratorWorkspace, VisitPlan } from './moderation-records';
import { moderationReportLayout } from './moderation-report-layout';
import { moderationReportProblem } from './moderation-outcome';

/** Everything a moderation report is made from. */
export interface ModerationReportInput {
  reportId: string;
  createdAt: string;
  workspace: ModeratorWorkspace;
  regionName: string;
  submission: ImportedSubmission;
  /** The submission's data (its submission.json, as imported): every criterion the report lists. */
  document: SubmissionDocument;
  framework: AppliedFramework;
  moderations: readonly CriterionModeration[];
  visit: VisitPlan | null;
  outcome: ModerationOutcome;
}

export function buildModerationDocument(input: ModerationReportInput, certificateFingerprint: string): ModerationDocument {
  const { submission, document, outcome } = input;
  const byCriterion = new Map(input.moderations.map((m) => [m.criterionId, m]));
  return {
    format: MODERATION_FORMAT,
    formatVersion: MODERATION_FORMAT_VERSION,
    reportId: input.reportId,
    createdAt: input.createdAt,
    moderator: {
      name: input.workspace.moderatorName,
      organisation: input.workspace.organisation,
      regionId: input.workspace.regionId,
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
    criteria: document.responses.map((response) => {
      const moderation = byCriterion.get(response.criterionId);
      return {
        criterionId: response.criterionId,
        schoolJudgement: response.judgement,
        decision: moderation?.decision ?? null,
        moderatedJudgement: moderation?.decision === 'moderated' ? moderation.moderatedJudgement : null,
        comment: moderation?.comment.trim() ?? '',
        ...(moderation?.carriedFrom && moderation.decision !== null ? { carriedFromVersion: moderation.carriedFrom.version } : {}),
      };
    }),
    visit: input.visit
      ? {
          criterionIds: [...input.visit.criterionIds],
          // The proposal's reasons stay in the workspace and on the printed plan: the report records the method.
          method: { ...input.visit.method },
          visitDate: input.visit.visitDate,
          notes: input.visit.notes,
        }
      : null,
    outcome: {
      kind: outcome.kind,
      levelId: outcome.levelId,
      levelLabel: outcome.levelId ? levelLabel(input.framework, outcome.levelId) : '',
      computedLevelId: outcome.computedLevelId,
      overrideReason: outcome.overrideReason,
      renewalDate: outcome.renewalDate,
      feedback: outcome.feedback,
      decidedAt: outcome.decidedAt,
      ...(outcome.kind === 'deferred' && outcome.resubmitBy ? { resubmitBy: outcome.resubmitBy } : {}),
      conditions:
        outcome.kind === 'accredited-with-conditions' ? (outcome.conditions ?? []).map((c) => ({ text: c.text, dueOn: c.dueOn })) : [],
      evidenceRequests:
        outcome.kind === 'deferred'
          ? (outcome.evidenceRequests ?? []).map((r) => ({ criterionId: r.criterionId, what: r.what, dueOn: r.dueOn }))
          : [],
      strengths: [...(outcome.strengths ?? [])],
      areasForDevelopment: [...(outcome.areasForDevelopment ?? [])],
      recommendations: [...(outcome.recommendations ?? [])],
      ...(outcome.conflictOfInterest ? { conflictOfInterest: { ...outcome.conflictOfInterest } } : {}),
      ...(outcome.appealBy ? { appealBy: outcome.appealBy } : {}),
    },
    signer: { certificateFingerprint },
  };
}

export async function exportModerationReport(
  input: ModerationReportInput,
  signing: SigningIdentity,
  onProgress: (progress: ExportProgress) => void = () => {},
): Promise<{ bytes: Uint8Array<ArrayBuffer>; document: ModerationDocument; sha256: string }> {
  onProgress({ stage: 'data', fraction: 0 });
  const problem = moderationReportProblem(input);
  // The screens check first; this is the last guard, and the PDF worker shows an ExportError's message as it is.
  if (problem) throw new ExportError(problem);
  const document = buildModerationDocument(input, signing.certificateFingerprint);
  onProgress({ stage: 'layout', fraction: 0.2 });
  const layout = await renderPdf(moderationReportLayout({ document, framework: input.framework }));
  onProgress({ stage: 'attach', fraction: 0.7 });
  const bytes = await sealPdf(
    layout,
    [
      {
        name: MODERATION_JSON_NAME,
        source: utf8(canonicalJson(document)),
        mediaType: 'application/json',
        relationship: 'Data',
        description: 'The moderation: per-criterion decisions, the visit plan and the outcome',
        compress: true,
      },
    ],
    {
      title: `${document.submission.school.name}: moderation report for submission v${document.submission.version}`,
      author: `${document.moderator.name}, ${document.moderator.organisation}`,
      subject: `Moderation against ${document.submission.framework.title} ${document.submission.framework.version}`,
      language: 'en-GB',
    },
    {
      name: document.moderator.name,
      reason: 'SEN accreditation moderation report',
      location: document.moderator.regionName,
      signingTime: new Date(input.createdAt),
    },
    (digest) =>
      signDigest(digest, signing.privateKey, signing.certificateDer, { issuerCertificatesDer: signing.issuerCertificatesDer ?? [] }),
    { onProgress: (stage, fraction) => onProgress({ stage, fraction: 0.7 + 0.3 * fraction }) },
  );
  onProgress({ stage: 'sign', fraction: 1 });
  return { bytes, document, sha256: await sha256Hex(bytes) };
}
