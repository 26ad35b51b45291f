import type { ApplicabilityProfile } from '../framework/applicability';
import type * as Generated from './submission-document.generated';

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

// The types of submission.json are generated from submission.schema.json (npm run types:generate);
// these are the names the rest of the code uses. test/unit/schema-types-agree.test.ts checks that
// the app's own lists (phases, evidence kinds, action statuses...) are the schema's.

/**
 * The school as it submitted. `phase` is the one word format version 1 keeps (legacyPhaseOf the
 * school's profile). `profile` decides which criteria apply; absent in submissions made before
 * applicability, and then every criterion applies.
 */
export type SubmissionSchool = Generated.SubmissionSchool;
/** The lowest and highest year groups on roll are YEAR_GROUPS ids. */
export type SubmissionSchoolProfile = Generated.SubmissionSchoolProfile;

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

/**
 * One criterion as the school judged it. `judgement` is a scale point id, or null when the school made
 * no judgement; `evidenceIds` name items of `evidence`. `notApplicable` is the school's claim that the
 * criterion does not apply to it, with its reason; absent or null: no claim (and every submission
 * made before claims existed).
 */
export type SubmissionResponse = Generated.SubmissionResponse;
/**
 * An evidence file carried inside the PDF: `attachmentName` is the embedded file's safe, unique
 * name (e.g. "evidence-003-sen-policy.pdf"), `originalName` the name it had on the school's
 * computer, `sha256` the SHA-256 (hex) of its bytes.
 */
export type SubmissionEvidenceFile = Generated.SubmissionEvidenceFile;
/** `date` is yyyy-mm-dd or ''; `file` is null for evidence the school holds elsewhere (a note of where it is kept). */
export type SubmissionEvidence = Generated.SubmissionEvidence;
/** `byWhen` is yyyy-mm-dd or ''. */
export type SubmissionAction = Generated.SubmissionAction;
/** `date` is yyyy-mm-dd; `chairOfGovernors` is '' when not given (the name is optional). */
export type SubmissionDeclaration = Generated.SubmissionDeclaration;
/**
 * Who approved the submission for the school before it was exported: `role` as it reads ("Head
 * teacher", "Governor", or the role the approver gave), `date` yyyy-mm-dd, and `snapshotHash` the
 * SHA-256 of what they approved (approvalSnapshotHash in approval.ts), which the verifier recomputes.
 * Absent in submissions made before approvals, and in any exported without one.
 */
export type SubmissionApproval = Generated.SubmissionApproval;
/**
 * submission.json. `version` is 1 for the first submission of an evaluation, then 2, 3...;
 * `createdAt` the ISO 8601 time of export; `responses` every criterion of the framework (and
 * supplement) in framework order; `evidence` the items linked to at least one criterion, in the
 * order of the evidence index; `signer.certificateFingerprint` the SHA-256 (hex) of the DER of the
 * signing certificate.
 */
export type SubmissionDocument = Generated.SubmissionDocument;

export const DECLARATION_STATEMENT =
  'We confirm that this self-evaluation is an accurate account of the special educational needs provision at our school, ' +
  'and that the evidence referred to is held by the school and can be seen on request.';

/** Default file name: "<URN>-<framework id>-<yyyy-mm-dd>-v<n>.pdf". */
export function submissionFileName(document: Pick<SubmissionDocument, 'school' | 'framework' | 'createdAt' | 'version'>): string {
  return `${document.school.urn}-${document.framework.id}-${document.createdAt.slice(0, 10)}-v${document.version}.pdf`;
}
