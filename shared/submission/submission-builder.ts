import { attachmentNameParts } from '../formats/safe-file-name';
import type { ActionItem } from '../actions/action-plan';
import type { CriterionResponse, Evaluation, EvidenceLink } from '../evaluation/evaluation-records';
import type { EvidenceItem } from '../evidence/evidence-records';
import type { AppliedFramework } from '../framework/applied-framework';
import { frameworkRef } from '../framework/applied-framework';
import { notApplicableProblem } from '../framework/applicability';
import { legacyPhaseOf, type School } from '../school/school-records';
import {
  SUBMISSION_FORMAT,
  SUBMISSION_FORMAT_VERSION,
  type SubmissionApproval,
  type SubmissionDeclaration,
  type SubmissionDocument,
  type SubmissionEvidence,
} from './submission-format';

/** Everything the app holds about one evaluation at the moment of export. */
export interface SubmissionSnapshot {
  school: School;
  evaluation: Evaluation;
  framework: AppliedFramework;
  regionName: string;
  responses: readonly CriterionResponse[];
  links: readonly EvidenceLink[];
  evidence: readonly EvidenceItem[];
  actions: readonly ActionItem[];
}

export interface SubmissionIdentity {
  submissionId: string;
  version: number;
  createdAt: string;
  declaration: SubmissionDeclaration;
  /** The approval the export carries (approval.ts), when there is one. */
  approval?: SubmissionApproval | null;
  certificateFingerprint: string;
}

/** Builds submission.json from the records. Pure: the same snapshot and identity give the same document. */
export function buildSubmissionDocument(snapshot: SubmissionSnapshot, identity: SubmissionIdentity): SubmissionDocument {
  const { school, evaluation, framework } = snapshot;
  const responseOf = new Map(snapshot.responses.map((r) => [r.criterionId, r]));
  const order = new Map(framework.criteria.map((c, i) => [c.id, i]));
  const linksByEvidence = new Map<string, string[]>();
  const linksByCriterion = new Map<string, string[]>();
  for (const link of snapshot.links) {
    if (!order.has(link.criterionId)) continue;
    push(linksByEvidence, link.evidenceId, link.criterionId);
    push(linksByCriterion, link.criterionId, link.evidenceId);
  }

  const linked = snapshot.evidence
    .filter((item) => linksByEvidence.has(item.id))
    .sort((a, b) => a.title.localeCompare(b.title, 'en-GB') || a.id.localeCompare(b.id));
  const evidence = linked.map((item, index): SubmissionEvidence => {
    const criterionIds = [...new Set(linksByEvidence.get(item.id) ?? [])].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
    return {
      id: item.id,
      title: item.title,
      kind: item.kind,
      date: item.date,
      description: item.description,
      heldAt: item.heldAt,
      containsPersonalData: item.containsPersonalData,
      redactionConfirmed: item.redactionConfirmed,
      file: item.file
        ? {
            attachmentName: evidenceAttachmentName(index, item.file.name),
            originalName: item.file.name,
            mediaType: item.file.type || 'application/octet-stream',
            size: item.file.size,
            sha256: item.file.sha256,
          }
        : null,
      criterionIds,
    };
  });
  const evidenceOrder = new Map(evidence.map((e, i) => [e.id, i]));

  return {
    format: SUBMISSION_FORMAT,
    formatVersion: SUBMISSION_FORMAT_VERSION,
    submissionId: identity.submissionId,
    version: identity.version,
    evaluationId: evaluation.id,
    createdAt: identity.createdAt,
    school: {
      name: school.name,
      urn: school.urn,
      localAuthority: school.localAuthority,
      phase: legacyPhaseOf(school),
      headTeacher: school.headTeacher,
      senco: school.senco,
      senGovernor: school.senGovernor,
      pupilsOnRoll: school.pupilsOnRoll,
      pupilsOnSenSupport: school.pupilsOnSenSupport,
      // The submission format (version 1) keeps its own name for this count: pupils with an EHC plan.
      pupilsWithStatementOrPlan: school.pupilsWithEhcPlan,
      profile: {
        phases: [...school.phases],
        setting: school.setting,
        lowestYear: school.lowestYear,
        highestYear: school.highestYear,
        resourcedProvision: school.resourcedProvision,
        lookedAfterOnRoll: school.lookedAfterOnRoll,
      },
    },
    region: { id: evaluation.regionId, name: snapshot.regionName },
    framework: frameworkRef(framework.base),
    supplement: framework.supplement ? frameworkRef(framework.supplement) : null,
    responses: framework.criteria.map((criterion) => {
      const response = responseOf.get(criterion.id);
      const known = framework.scale.points.some((p) => p.id === response?.judgement);
      const evidenceIds = [...new Set(linksByCriterion.get(criterion.id) ?? [])].sort(
        (a, b) => (evidenceOrder.get(a) ?? 0) - (evidenceOrder.get(b) ?? 0),
      );
      const claim = response?.notApplicable;
      return {
        criterionId: criterion.id,
        judgement: known ? (response?.judgement ?? null) : null,
        narrative: response?.narrative ?? '',
        nextSteps: response?.nextSteps ?? '',
        evidenceIds,
        // Only a claim the framework allows is carried: the verifier refuses any other.
        ...(claim && notApplicableProblem(criterion, claim) === null ? { notApplicable: { reason: claim.reason.trim() } } : {}),
      };
    }),
    evidence,
    actions: snapshot.actions
      .filter((a) => a.evaluationId === evaluation.id)
      .map((a) => ({
        id: a.id,
        what: a.what,
        who: a.who,
        byWhen: a.byWhen,
        successCriteria: a.successCriteria,
        status: a.status,
        criterionIds: [...a.criterionIds],
      })),
    declaration: {
      headTeacher: identity.declaration.headTeacher,
      senco: identity.declaration.senco,
      chairOfGovernors: identity.declaration.chairOfGovernors,
      date: identity.declaration.date,
      statement: identity.declaration.statement,
    },
    ...(identity.approval
      ? {
          approval: {
            name: identity.approval.name,
            role: identity.approval.role,
            date: identity.approval.date,
            snapshotHash: identity.approval.snapshotHash,
          },
        }
      : {}),
    signer: { certificateFingerprint: identity.certificateFingerprint },
  };
}

/** A safe, unique name for an embedded evidence file: "evidence-007-sen-policy-2026.pdf". */
export function evidenceAttachmentName(index: number, originalName: string): string {
  const { slug, extension } = attachmentNameParts(originalName);
  return `evidence-${String(index + 1).padStart(3, '0')}-${slug}${extension}`;
}

function push(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
