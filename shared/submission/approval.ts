import { isRealDate } from '../actions/action-plan';
import { canonicalJson } from '../formats/canonical-json';
import { formatIsoDate } from '../formats/en-gb-dates';
import { NAME_MAX_CHARS, tooLongMessage } from '../formats/field-limits';
import { sha256Hex } from '../formats/sha256';
import { buildSubmissionDocument, type SubmissionSnapshot } from './submission-builder';
import { DECLARATION_STATEMENT, type SubmissionApproval, type SubmissionDocument } from './submission-format';

/**
 * The head teacher's (or a governor's, or a trustee's) approval of a self-evaluation before it is
 * exported. An approval names the exact content it covers by a hash, so any later change to what
 * would be submitted makes it out of date, and the verifier can recompute the hash from the
 * submission's own data.
 */

export const APPROVER_ROLES = ['head-teacher', 'governor', 'trustee', 'other'] as const;
export type ApproverRole = (typeof APPROVER_ROLES)[number];

export const APPROVER_ROLE_LABELS: Record<Exclude<ApproverRole, 'other'>, string> = {
  'head-teacher': 'Head teacher',
  governor: 'Governor',
  trustee: 'Trustee',
};

export const APPROVAL_STATEMENT = 'I have reviewed this self-evaluation and approve it for submission.';

/** The counts an approver saw, kept with the approval so a later change can be said in words. */
export interface SubmissionCounts {
  criteria: number;
  judged: number;
  notApplicable: number;
  evidence: number;
  actions: number;
}

/** An approval as the school keeps it, one per evaluation (the latest). */
export interface ApprovalRecord {
  evaluationId: string;
  name: string;
  role: ApproverRole;
  /** The role in the approver's words when `role` is 'other'; '' otherwise. */
  otherRole: string;
  /** yyyy-mm-dd */
  date: string;
  /** approvalSnapshotHash of what was approved. */
  snapshotHash: string;
  counts: SubmissionCounts;
  /** ISO time the approval was recorded. */
  recordedAt: string;
}

/** The parts of submission.json an approval covers: everything but the export's own identity. */
type ApprovedParts = Pick<
  SubmissionDocument,
  'evaluationId' | 'school' | 'region' | 'framework' | 'supplement' | 'responses' | 'evidence' | 'actions' | 'declaration'
>;

/**
 * What an approval covers, as one JSON value: the school and its profile, region, framework,
 * every response (judgement, narrative, next steps, evidence, "does not apply" claim), the evidence
 * manifest with each file's SHA-256, the action plan and the declaration's wording. Not the
 * submission's id, version, time of export, declaration names or signer, which only exist at export.
 * Actions are taken in id order so the order records were read in never matters.
 */
export function approvalSnapshot(document: ApprovedParts): unknown {
  return {
    evaluationId: document.evaluationId,
    school: document.school,
    region: document.region,
    framework: document.framework,
    supplement: document.supplement,
    responses: document.responses,
    evidence: document.evidence,
    actions: [...document.actions].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
    declarationStatement: document.declaration.statement,
  };
}

/** SHA-256 (hex) of the canonical JSON of approvalSnapshot(document). */
export async function approvalSnapshotHash(document: ApprovedParts): Promise<string> {
  return sha256Hex(canonicalJson(approvalSnapshot(document)));
}

/**
 * The parts of the submission the records would give if exported now: the same builder the export
 * uses, with placeholders for the export's own identity (which the snapshot leaves out).
 */
export function documentToApprove(snapshot: SubmissionSnapshot): SubmissionDocument {
  return buildSubmissionDocument(snapshot, {
    submissionId: 'not-yet-exported',
    version: 1,
    createdAt: '1970-01-01T00:00:00Z',
    declaration: { headTeacher: '', senco: '', chairOfGovernors: '', date: '', statement: DECLARATION_STATEMENT },
    certificateFingerprint: '',
  });
}

export function submissionCounts(document: Pick<SubmissionDocument, 'responses' | 'evidence' | 'actions'>): SubmissionCounts {
  const notApplicable = document.responses.filter((r) => !!r.notApplicable).length;
  return {
    criteria: document.responses.length,
    judged: document.responses.filter((r) => !r.notApplicable && r.judgement !== null).length,
    notApplicable,
    evidence: document.evidence.length,
    actions: document.actions.length,
  };
}

export type ApprovalState =
  | { state: 'none' }
  | { state: 'current'; approval: ApprovalRecord }
  /** `changes`: the counts that differ, in words (empty when only wording changed). */
  | { state: 'out-of-date'; approval: ApprovalRecord; changes: string[] };

/** Whether the approval still covers what would be submitted now (the hash of it, and its counts). */
export function approvalState(snapshotHash: string, approval: ApprovalRecord | null, counts?: SubmissionCounts): ApprovalState {
  if (!approval) return { state: 'none' };
  if (approval.snapshotHash === snapshotHash) return { state: 'current', approval };
  return { state: 'out-of-date', approval, changes: counts ? countChanges(approval.counts, counts) : [] };
}

const COUNT_WORDS: Record<keyof SubmissionCounts, [string, string]> = {
  criteria: ['criterion', 'criteria'],
  judged: ['criterion judged', 'criteria judged'],
  notApplicable: ['criterion claimed not to apply', 'criteria claimed not to apply'],
  evidence: ['evidence item', 'evidence items'],
  actions: ['action', 'actions'],
};

function countChanges(before: SubmissionCounts, now: SubmissionCounts): string[] {
  const changes: string[] = [];
  for (const key of Object.keys(COUNT_WORDS) as (keyof SubmissionCounts)[]) {
    if (before[key] === now[key]) continue;
    const [one, many] = COUNT_WORDS[key];
    changes.push(`${before[key]} ${before[key] === 1 ? one : many} then, ${now[key]} now`);
  }
  return changes;
}

/** The approver's role as it reads: "Head teacher", or the role they gave. */
export function approverRoleText(approval: Pick<ApprovalRecord, 'role' | 'otherRole'>): string {
  return approval.role === 'other' ? approval.otherRole.trim() : APPROVER_ROLE_LABELS[approval.role];
}

/** The sentence that names an approval: "Approved for submission by Ann Lee, Head teacher, on 4 December 2026". */
export function approvalSentence(approval: Pick<SubmissionApproval, 'name' | 'role' | 'date'>): string {
  return `Approved for submission by ${approval.name}, ${approval.role}, on ${formatIsoDate(approval.date, approval.date)}`;
}

/** What export is blocked by, in plain words; null when the approval is current. */
export function approvalProblem(state: ApprovalState): string | null {
  switch (state.state) {
    case 'current':
      return null;
    case 'none':
      return 'The head teacher (or a governor or trustee) has not approved this self-evaluation yet: ask them to approve it on the Approval page';
    case 'out-of-date':
      return `${outOfDateSentence(state.approval)}; ask them to approve it again on the Approval page`;
  }
}

/** "Out of date: changed since Ann Lee approved it on 4 December 2026". */
export function outOfDateSentence(approval: Pick<ApprovalRecord, 'name' | 'date'>): string {
  return `Out of date: changed since ${approval.name} approved it on ${formatIsoDate(approval.date, approval.date)}`;
}

/** The approval as submission.json carries it. */
export function submissionApprovalOf(approval: ApprovalRecord): SubmissionApproval {
  return { name: approval.name, role: approverRoleText(approval), date: approval.date, snapshotHash: approval.snapshotHash };
}

/** The approval form as typed. */
export interface ApprovalDraft {
  name: string;
  role: ApproverRole;
  otherRole: string;
  date: string;
  confirmed: boolean;
}

export function approvalDraftProblems(draft: ApprovalDraft): Partial<Record<keyof ApprovalDraft, string>> {
  const problems: Partial<Record<keyof ApprovalDraft, string>> = {};
  const name = draft.name.trim();
  if (name === '') problems.name = 'Enter the name of the person approving the self-evaluation';
  else {
    const long = tooLongMessage('The name', name, NAME_MAX_CHARS);
    if (long) problems.name = long;
  }
  if (!(APPROVER_ROLES as readonly string[]).includes(draft.role)) problems.role = 'Choose the approver’s role';
  else if (draft.role === 'other') {
    const role = draft.otherRole.trim();
    if (role === '') problems.otherRole = 'Enter the approver’s role, for example Chair of the trust board';
    else {
      const long = tooLongMessage('The role', role, NAME_MAX_CHARS);
      if (long) problems.otherRole = long;
    }
  }
  if (!isRealDate(draft.date)) problems.date = 'Enter the date of the approval as a real date, for example 24 November 2026';
  if (!draft.confirmed) problems.confirmed = 'Confirm that you have reviewed the self-evaluation and approve it for submission';
  return problems;
}

/** The record an accepted draft gives; null (never a half-made record) when the draft has a problem. */
export function approvalRecordOf(
  draft: ApprovalDraft,
  evaluationId: string,
  snapshotHash: string,
  counts: SubmissionCounts,
  recordedAt: string,
): ApprovalRecord | null {
  if (Object.keys(approvalDraftProblems(draft)).length > 0) return null;
  return {
    evaluationId,
    name: draft.name.trim(),
    role: draft.role,
    otherRole: draft.role === 'other' ? draft.otherRole.trim() : '',
    date: draft.date,
    snapshotHash,
    counts,
    recordedAt,
  };
}

/**
 * The verifier's check of a submission's approval: null when there is none (older submissions) or
 * when its hash is the one the submission's own data gives; else why it is refused.
 */
export async function submissionApprovalProblem(document: SubmissionDocument): Promise<string | null> {
  if (!document.approval) return null;
  if (!isRealDate(document.approval.date)) return `The approval’s date (${document.approval.date}) is not a real date.`;
  if ((await approvalSnapshotHash(document)) !== document.approval.snapshotHash) {
    return (
      `The submission says ${document.approval.name} approved it, but what it holds is not what they approved: ` +
      'it was changed after the approval. Ask the school to have it approved again and export a new version.'
    );
  }
  return null;
}
