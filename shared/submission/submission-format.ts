import type { ActionStatus } from '../actions/action-plan';
import type { EvidenceKind } from '../evidence/evidence-records';
import type { ApplicabilityProfile, NotApplicableClaim } from '../framework/applicability';
import type { FrameworkRef, Phase, Setting } from '../framework/framework-types';
import type { LegacySchoolPhase } from '../school/school-records';

/**
 * submission.json, format version 1: the machine-readable heart of a signed submission PDF.
 * It is written as canonical JSON and embedded in the PDF with the relationship Data.
 * Never change the meaning of a field of version 1; add a new format version instead. Fields added
 * since (all optional, so submissions made before them still verify): the school's `profile` and
 * each response's `notApplicable` claim.
 */
export const SUBMISSION_FORMAT = 'sen-accreditation-submission';
export const SUBMISSION_FORMAT_VERSION = 1;

/** Names of the embedded files every submission carries besides its evidence. */
export const SUBMISSION_JSON_NAME = 'submission.json';
export const FRAMEWORK_JSON_NAME = 'framework.json';
export const SUPPLEMENT_JSON_NAME = 'framework-supplement.json';

export interface SubmissionSchool {
  name: string;
  urn: string;
  localAuthority: string;
  /** The school's phase in the one word format version 1 keeps (legacyPhaseOf the school's profile). */
  phase: LegacySchoolPhase;
  headTeacher: string;
  senco: string;
  senGovernor: string;
  pupilsOnRoll: number;
  pupilsOnSenSupport: number;
  pupilsWithStatementOrPlan: number;
  /**
   * What decides which criteria apply to the school, beyond the counts above. Absent in
   * submissions made before applicability: then every criterion applies.
   */
  profile?: SubmissionSchoolProfile;
}

export interface SubmissionSchoolProfile {
  phases: Phase[];
  setting: Setting;
  /** The lowest and highest year groups on roll (YEAR_GROUPS ids). */
  lowestYear: number;
  highestYear: number;
  resourcedProvision: boolean;
  lookedAfterOnRoll: boolean;
}

/** The profile the award rules read, or null for a submission made before profiles: every criterion applies. */
export function submissionApplicabilityProfile(school: SubmissionSchool): ApplicabilityProfile | null {
  if (!school.profile) return null;
  return {
    phases: school.profile.phases,
    setting: school.profile.setting,
    highestYear: school.profile.highestYear,
    pupilsOnSenSupport: school.pupilsOnSenSupport,
    pupilsWithEhcPlan: school.pupilsWithStatementOrPlan,
    resourcedProvision: school.profile.resourcedProvision,
    lookedAfterOnRoll: school.profile.lookedAfterOnRoll,
  };
}

export interface SubmissionResponse {
  criterionId: string;
  /** Scale point id, or null when the school made no judgement. */
  judgement: string | null;
  narrative: string;
  nextSteps: string;
  /** Ids of evidence items (in `evidence`) the school linked to this criterion. */
  evidenceIds: string[];
  /**
   * The school's claim that the criterion does not apply to it, with its reason. Absent or null:
   * no claim (and every submission made before claims existed).
   */
  notApplicable?: NotApplicableClaim | null;
}

/** An evidence file carried inside the PDF. */
export interface SubmissionEvidenceFile {
  /** The embedded file's name in the PDF: safe, unique, e.g. "evidence-003-sen-policy.pdf". */
  attachmentName: string;
  /** The name the file had on the school's computer. */
  originalName: string;
  mediaType: string;
  size: number;
  /** SHA-256 (hex) of the file's bytes. */
  sha256: string;
}

export interface SubmissionEvidence {
  id: string;
  title: string;
  kind: EvidenceKind;
  /** yyyy-mm-dd or '' */
  date: string;
  description: string;
  heldAt: string;
  containsPersonalData: boolean;
  redactionConfirmed: boolean;
  /** null for evidence the school holds elsewhere (a note of where it is kept, with no file). */
  file: SubmissionEvidenceFile | null;
  criterionIds: string[];
}

export interface SubmissionAction {
  id: string;
  what: string;
  who: string;
  /** yyyy-mm-dd or '' */
  byWhen: string;
  successCriteria: string;
  status: ActionStatus;
  criterionIds: string[];
}

export interface SubmissionDeclaration {
  headTeacher: string;
  senco: string;
  /** '' when not given: the chair of governors' name is optional. */
  chairOfGovernors: string;
  /** yyyy-mm-dd */
  date: string;
  statement: string;
}

export interface SubmissionDocument {
  format: typeof SUBMISSION_FORMAT;
  formatVersion: typeof SUBMISSION_FORMAT_VERSION;
  submissionId: string;
  /** 1 for the first submission of an evaluation, then 2, 3... */
  version: number;
  evaluationId: string;
  /** ISO 8601 time of export. */
  createdAt: string;
  school: SubmissionSchool;
  region: { id: string; name: string };
  framework: FrameworkRef;
  supplement: FrameworkRef | null;
  /** Every criterion of the framework (and supplement), in framework order. */
  responses: SubmissionResponse[];
  /** Evidence linked to at least one criterion, in the order it is listed in the evidence index. */
  evidence: SubmissionEvidence[];
  actions: SubmissionAction[];
  declaration: SubmissionDeclaration;
  signer: {
    /** SHA-256 (hex) of the DER of the signing certificate. */
    certificateFingerprint: string;
  };
}

export const DECLARATION_STATEMENT =
  'We confirm that this self-evaluation is an accurate account of the special educational needs provision at our school, ' +
  'and that the evidence referred to is held by the school and can be seen on request.';

/** Default file name: "<URN>-<framework id>-<yyyy-mm-dd>-v<n>.pdf". */
export function submissionFileName(document: Pick<SubmissionDocument, 'school' | 'framework' | 'createdAt' | 'version'>): string {
  return `${document.school.urn}-${document.framework.id}-${document.createdAt.slice(0, 10)}-v${document.version}.pdf`;
}
