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
import type { AppealResult } from './moderation-document.generated';
import { conditionForReport } from './follow-up-report';
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
  /** The result of the school's appeal, once the moderator has recorded it. */
  appealResult?: AppealResult | null;
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
      conditions: outcome.kind === 'accredited-with-conditions' ? (outcome.conditions ?? []).map((c) => conditionForReport(c)) : [],
      evidenceRequests:
        outcome.kind === 'deferred'
          ? (outcome.evidenceRequests ?? []).map((r) => ({ criterionId: r.criterionId, what: r.what, dueOn: r.dueOn }))
          : [],
      strengths: [...(outcome.strengths ?? [])],
      areasForDevelopment: [...(outcome.areasForDevelopment ?? [])],
      recommendations: [...(outcome.recommendations ?? [])],
      ...(outcome.conflictOfInterest ? { conflictOfInterest: { ...outcome.conflictOfInterest } } : {}),
      ...(outcome.appealBy ? { appealBy: outcome.appealBy } : {}),
      ...(input.appealResult ? { appealResult: { ...input.appealResult } } : {}),
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
  const bytes = await sealModerationDocument(document, input.framework, signing, onProgress);
  onProgress({ stage: 'sign', fraction: 1 });
  return { bytes, document, sha256: await sha256Hex(bytes) };
}

/**
 * The signed PDF of a moderation.json: its pages laid out from the document alone, the document
 * attached as its data, signed with the moderator's key. A report and a follow-up are sealed alike.
 */
export async function sealModerationDocument(
  document: ModerationDocument,
  framework: AppliedFramework,
  signing: SigningIdentity,
  onProgress: (progress: ExportProgress) => void = () => {},
): Promise<Uint8Array<ArrayBuffer>> {
  const layout = await renderPdf(moderationReportLayout({ document, framework }));
  onProgress({ stage: 'attach', fraction: 0.7 });
  const followUp = document.followsReport !== undefined;
  return sealPdf(
    layout,
    [
      {
        name: MODERATION_JSON_NAME,
        source: utf8(canonicalJson(document)),
        mediaType: 'application/json',
        relationship: 'Data',
        description: followUp
          ? 'The follow-up: the report it follows, with the conditions discharged and any appeal result'
          : 'The moderation: per-criterion decisions, the visit plan and the outcome',
        compress: true,
      },
    ],
    {
      title: `${document.submission.school.name}: ${followUp ? 'follow-up moderation report' : 'moderation report'} for submission v${document.submission.version}`,
      author: `${document.moderator.name}, ${document.moderator.organisation}`,
      subject: `Moderation against ${document.submission.framework.title} ${document.submission.framework.version}`,
      language: 'en-GB',
    },
    {
      name: document.moderator.name,
      reason: followUp ? 'SEN accreditation follow-up moderation report' : 'SEN accreditation moderation report',
      location: document.moderator.regionName,
      signingTime: new Date(document.createdAt),
    },
    (digest) =>
      signDigest(digest, signing.privateKey, signing.certificateDer, { issuerCertificatesDer: signing.issuerCertificatesDer ?? [] }),
    { onProgress: (stage, fraction) => onProgress({ stage, fraction: 0.7 + 0.3 * fraction }) },
  );
}
