import { judgementRank } from '../awards/award-rules';
import type { JudgementScale } from '../framework/framework-types';
import { moderatorAgreement, type DecisionPair, type Kappa } from '../moderation/moderator-agreement';
import {
  isOlderEntry,
  type FolderFrameworkRef,
  type FolderReportData,
  type FolderSecondModerationData,
  type FolderSubmissionData,
  type SharedFolderEntry,
} from '../moderation/shared-folder-index';
import { SUBMISSION_STATES, submissionState, submissionStateLabel, type SubmissionStateKind } from '../moderation/submission-state';

/**
 * The partnership's view of its region, worked out from the shared folder's index alone (never
 * from the evidence): pure functions, so the screen, the CSV files and the tests all read the same
 * numbers.
 *
 * The rules:
 * - Only entries that passed verification count. A submission or report the index kept before it
 *   held the overview's data (no `detail`) is left out until a scan reads it again.
 * - The filters (local authority, phase, framework edition, academic year) pick submissions; each
 *   school then counts once, by its latest submission among those picked (the highest version, then
 *   the latest made). Reports, second moderation and agreement follow the submissions picked.
 * - A submission's reports are those naming its SHA-256; the one that stands is the latest issued
 *   (a follow-up after the report it follows).
 * - The level a school holds is the one its latest award gives (accredited, with or without
 *   conditions), from any of its submissions picked, with that award's renewal date.
 * - The criteria table counts, for each school, its latest submission that has a report (else its
 *   latest submission): "moderated down" a point lower than the school judged, "not met" the
 *   moderator's decision not met, "claimed not applicable" the school's claim. A criterion whose
 *   framework is not installed cannot say which way a moderated point moved and is not counted as down.
 * - Agreement pairs each second moderation return with the first moderator's report on the same
 *   submission (the requester's latest report on it) and compares the criteria the return decided
 *   (shared/moderation/moderator-agreement.ts), pooled per pair of moderators and per strand.
 */

/** What the overview needs of an installed framework. */
export interface OverviewFramework {
  scale: JudgementScale;
  /** The strand a criterion sits in, or null when the framework does not have it. */
  strandOf(criterionId: string): { id: string; title: string } | null;
  /** A criterion's short label, e.g. "1.2.3 Pupils' views are sought". */
  criterionLabel(criterionId: string): string | null;
}

/** Finds the framework a file was made against; null when it is not installed. */
export type FrameworkLookup = (ref: FolderFrameworkRef) => OverviewFramework | null;

export interface OverviewFilters {
  localAuthority: string | null;
  phase: string | null;
  /** editionKey(): framework id and version. */
  edition: string | null;
  academicYear: string | null;
}

export const NO_FILTERS: OverviewFilters = { localAuthority: null, phase: null, edition: null, academicYear: null };

export function editionKey(ref: Pick<FolderFrameworkRef, 'id' | 'version'>): string {
  return `${ref.id}@${ref.version}`;
}

export interface FilterOptions {
  localAuthorities: string[];
  phases: string[];
  editions: { key: string; label: string }[];
  academicYears: string[];
}

export interface SchoolRow {
  urn: string;
  schoolName: string;
  localAuthority: string;
  phase: string;
  edition: string;
  academicYear: string;
  version: number;
  /** The level of the school's latest award, or '' when it holds none. */
  levelHeld: string;
  /** yyyy-mm-dd, or '' when it holds no award or the award gives none. */
  renewalDate: string;
  state: SubmissionStateKind;
  stateLabel: string;
}

export interface RenewalMonth {
  /** yyyy-mm */
  month: string;
  /** "November 2029" */
  label: string;
  /** True when the month is before today's: these renewals are overdue. */
  past: boolean;
  schools: { schoolName: string; urn: string; levelHeld: string; renewalDate: string }[];
}

export interface StateCount {
  state: SubmissionStateKind;
  label: string;
  count: number;
}

export interface CriterionCount {
  criterionId: string;
  label: string;
  strand: string;
  /** Schools whose moderator moved this criterion to a lower point. */
  moderatedDown: number;
  notMet: number;
  claimedNotApplicable: number;
  /** Schools whose report decided this criterion. */
  decided: number;
  /** Schools that submitted this criterion. */
  submitted: number;
}

export interface AgreementRow {
  /** "Jo Bloggs and Sam Patel", or a strand's title. */
  label: string;
  /** Second moderation returns counted. */
  returns: number;
  compared: number;
  agreed: number;
  /** 0–100, or null when nothing was compared. */
  percent: number | null;
  kappa: Kappa;
}

export interface RegionalOverview {
  /** Submissions picked by the filters. */
  submissionsCounted: number;
  /** Submissions left out: signed by a key no partnership certified, naming a school certified in the folder (they may be forged). */
  uncertifiedLeftOut: number;
  schools: SchoolRow[];
  renewals: RenewalMonth[];
  states: StateCount[];
  criteria: CriterionCount[];
  agreementByPair: AgreementRow[];
  agreementByStrand: AgreementRow[];
  /** Second moderation returns whose first moderator's report is not in the folder: not compared. */
  returnsWithoutReport: number;
}

type SubmissionEntry = SharedFolderEntry & { submission: FolderSubmissionData & { detail: NonNullable<FolderSubmissionData['detail']> } };
type ReportEntry = SharedFolderEntry & { report: FolderReportData & { detail: NonNullable<FolderReportData['detail']> } };
type ReturnEntry = SharedFolderEntry & { second: FolderSecondModerationData };

function isSubmission(entry: SharedFolderEntry): entry is SubmissionEntry {
  return entry.valid && entry.kind === 'submission' && entry.submission !== null && entry.submission.detail !== undefined;
}
function isReport(entry: SharedFolderEntry): entry is ReportEntry {
  return entry.valid && entry.kind === 'moderation-report' && entry.report !== null && entry.report.detail !== undefined;
}
function isReturn(entry: SharedFolderEntry): entry is ReturnEntry {
  return entry.valid && entry.kind === 'second-return' && entry.second !== null && entry.second !== undefined;
}

const PHASE_WORDS: Record<string, string> = {
  nursery: 'Nursery',
  primary: 'Primary',
  middle: 'Middle',
  secondary: 'Secondary',
  'all-through': 'All-through',
  special: 'Special',
  'pupil-referral-unit': 'Pupil referral unit',
};

/** "pupil-referral-unit" -> "Pupil referral unit". */
export function phaseLabel(phase: string): string {
  return PHASE_WORDS[phase] ?? phase;
}

function editionLabel(ref: FolderFrameworkRef): string {
  return `${ref.title} (version ${ref.version})`;
}

/** The choices each filter offers: every value in the index's verified submissions, sorted. */
export function filterOptions(entries: readonly SharedFolderEntry[]): FilterOptions {
  const las = new Set<string>();
  const phases = new Set<string>();
  const editions = new Map<string, string>();
  const years = new Set<string>();
  for (const entry of entries) {
    if (!isSubmission(entry)) continue;
    const d = entry.submission.detail;
    if (d.localAuthority) las.add(d.localAuthority);
    phases.add(d.phase);
    editions.set(editionKey(d.framework), editionLabel(d.framework));
    if (d.academicYear) years.add(d.academicYear);
  }
  return {
    localAuthorities: [...las].sort(compare),
    phases: [...phases].sort(compare),
    editions: [...editions].map(([key, label]) => ({ key, label })).sort((a, b) => compare(a.label, b.label)),
    academicYears: [...years].sort(compare),
  };
}

/** Whether a submission is one the filters pick. */
export function matchesFilters(submission: FolderSubmissionData, filters: OverviewFilters): boolean {
  const d = submission.detail;
  if (!d) return false;
  if (filters.localAuthority !== null && d.localAuthority !== filters.localAuthority) return false;
  if (filters.phase !== null && d.phase !== filters.phase) return false;
  if (filters.edition !== null && editionKey(d.framework) !== filters.edition) return false;
  if (filters.academicYear !== null && d.academicYear !== filters.academicYear) return false;
  return true;
}

const MONTH = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });

function monthLabel(yyyyMm: string): string {
  const [y, m] = yyyyMm.split('-').map(Number);
  return MONTH.format(new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, 1)));
}

const AWARDS: ReadonlySet<string> = new Set(['accredited', 'accredited-with-conditions']);

/**
 * What every filter of the overview starts from, worked out once per index: the verified
 * submissions that count (a school certified in the folder counted by its certified submissions
 * only), the reports by the submission they moderate (latest issued first), the second moderation
 * returns, the filters' choices, and how many entries were left out. Filtering then only picks from
 * these lists: no entry is looked at again and no report list is sorted again.
 */
export interface OverviewIndex {
  readonly submissions: readonly SubmissionEntry[];
  readonly reportsBySubmission: ReadonlyMap<string, readonly ReportEntry[]>;
  readonly returns: readonly ReturnEntry[];
  readonly options: FilterOptions;
  /** Submissions left out: signed by a key no partnership certified, naming a school certified in the folder. */
  readonly uncertifiedLeftOut: number;
  /** Entries indexed before the index kept what the overview needs (isOlderEntry's rule). */
  readonly older: number;
}

/** The index's entries read once into what the overview's filters start from. */
export function prepareOverview(entries: readonly SharedFolderEntry[]): OverviewIndex {
  const all: SubmissionEntry[] = [];
  const returns: ReturnEntry[] = [];
  const reportsBySubmission = new Map<string, ReportEntry[]>();
  let older = 0;
  for (const entry of entries) {
    if (isOlderEntry(entry)) older += 1;
    if (isSubmission(entry)) all.push(entry);
    else if (isReport(entry)) {
      const list = reportsBySubmission.get(entry.report.submissionSha256) ?? [];
      list.push(entry);
      reportsBySubmission.set(entry.report.submissionSha256, list);
    } else if (isReturn(entry)) returns.push(entry);
  }
  for (const list of reportsBySubmission.values()) list.sort((a, b) => compare(b.report.issuedAt, a.report.issuedAt));
  // A school a partnership certified in this folder is counted by its certified submissions only:
  // one signed by a key no partnership certified, naming that school, may be forged (the shared
  // folder screen flags it), so it is never taken as the school's latest.
  const certifiedUrns = new Set(all.flatMap((e) => (e.submission.certifiedBy ? [e.submission.urn] : [])));
  const submissions = all.filter((e) => e.submission.certifiedBy || !certifiedUrns.has(e.submission.urn));
  return {
    submissions,
    reportsBySubmission,
    returns,
    options: filterOptions(entries),
    uncertifiedLeftOut: all.length - submissions.length,
    older,
  };
}

function isOverviewIndex(from: readonly SharedFolderEntry[] | OverviewIndex): from is OverviewIndex {
  return !Array.isArray(from);
}

/**
 * What regionalOverview works out: `criteria: false` leaves the criteria and agreement tables empty
 * (the screen's first draw, from the index's summaries, before the criteria are read); the second
 * moderations without a first report are counted either way.
 */
export interface OverviewParts {
  criteria: boolean;
}

/**
 * The regional overview of an index, filtered. `today` is yyyy-mm-dd. Give it prepareOverview's
 * index when the same entries are filtered more than once.
 */
export function regionalOverview(
  from: readonly SharedFolderEntry[] | OverviewIndex,
  filters: OverviewFilters,
  today: string,
  frameworks: FrameworkLookup = () => null,
  parts: OverviewParts = { criteria: true },
): RegionalOverview {
  const prepared = isOverviewIndex(from) ? from : prepareOverview(from);
  const { reportsBySubmission } = prepared;
  const picked = prepared.submissions.filter((e) => matchesFilters(e.submission, filters));
  const pickedHashes = new Set(picked.map((e) => e.sha256));
  const standing = (submission: SubmissionEntry): ReportEntry | null => reportsBySubmission.get(submission.sha256)?.[0] ?? null;

  // Each school's submissions picked, latest first.
  const bySchool = new Map<string, SubmissionEntry[]>();
  for (const entry of picked) {
    const list = bySchool.get(entry.submission.urn) ?? [];
    list.push(entry);
    bySchool.set(entry.submission.urn, list);
  }
  for (const list of bySchool.values())
    list.sort((a, b) => b.submission.version - a.submission.version || compare(b.submission.exportedAt, a.submission.exportedAt));

  const schools: SchoolRow[] = [];
  const stateCounts = new Map<SubmissionStateKind, number>();
  const criteria = new Map<string, CriterionCount>();
  for (const list of bySchool.values()) {
    const latest = list[0];
    if (!latest) continue;
    const d = latest.submission.detail;
    const report = standing(latest);
    const award = list
      .flatMap((s) => reportsBySubmission.get(s.sha256) ?? [])
      .filter((r) => AWARDS.has(r.report.outcome))
      .sort((a, b) => compare(b.report.detail.decidedOn, a.report.detail.decidedOn) || compare(b.report.issuedAt, a.report.issuedAt))[0];
    const state = submissionState({
      recordedStatus: 'new',
      decisions: report ? report.report.detail.criteria : [],
      visit: null,
      outcome: report
        ? {
            kind: report.report.outcome,
            levelId: report.report.detail.levelId,
            renewalDate: report.report.detail.renewalDate,
            resubmitBy: report.report.detail.resubmitBy,
          }
        : null,
      requests: [],
      appeal: null,
      laterVersion: null,
      today,
    });
    stateCounts.set(state.kind, (stateCounts.get(state.kind) ?? 0) + 1);
    schools.push({
      urn: latest.submission.urn,
      schoolName: latest.submission.schoolName,
      localAuthority: d.localAuthority,
      phase: d.phase,
      edition: editionLabel(d.framework),
      academicYear: d.academicYear,
      version: latest.submission.version,
      levelHeld: award ? award.report.detail.levelLabel || award.report.detail.levelId || '' : '',
      renewalDate: award ? award.report.detail.renewalDate : '',
      state: state.kind,
      stateLabel: submissionStateLabel(state),
    });

    // The criteria: the school's latest moderated submission, else its latest.
    if (parts.criteria) {
      const counted = list.find((s) => standing(s) !== null) ?? latest;
      countCriteria(criteria, counted, standing(counted), frameworks);
    }
  }
  schools.sort(
    (a, b) =>
      compare(a.localAuthority, b.localAuthority) ||
      compare(a.phase, b.phase) ||
      compare(a.schoolName, b.schoolName) ||
      compare(a.urn, b.urn),
  );

  const thisMonth = today.slice(0, 7);
  const months = new Map<string, RenewalMonth>();
  for (const school of schools) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(school.renewalDate)) continue;
    const month = school.renewalDate.slice(0, 7);
    const row = months.get(month) ?? { month, label: monthLabel(month), past: month < thisMonth, schools: [] };
    row.schools.push({ schoolName: school.schoolName, urn: school.urn, levelHeld: school.levelHeld, renewalDate: school.renewalDate });
    months.set(month, row);
  }
  const renewals = [...months.values()].sort((a, b) => compare(a.month, b.month));
  for (const month of renewals) month.schools.sort((a, b) => compare(a.renewalDate, b.renewalDate) || compare(a.schoolName, b.schoolName));

  const agreement = agreementOf(prepared.returns, pickedHashes, reportsBySubmission, frameworks, parts.criteria);
  return {
    submissionsCounted: picked.length,
    uncertifiedLeftOut: prepared.uncertifiedLeftOut,
    schools,
    renewals,
    states: SUBMISSION_STATES.map((s) => ({ state: s.id, label: s.label, count: stateCounts.get(s.id) ?? 0 })),
    criteria: [...criteria.values()].sort(
      (a, b) =>
        b.moderatedDown + b.notMet + b.claimedNotApplicable - (a.moderatedDown + a.notMet + a.claimedNotApplicable) ||
        compare(a.criterionId, b.criterionId),
    ),
    agreementByPair: agreement.byPair,
    agreementByStrand: agreement.byStrand,
    returnsWithoutReport: agreement.withoutReport,
  };
}

function countCriteria(
  criteria: Map<string, CriterionCount>,
  submission: SubmissionEntry,
  report: ReportEntry | null,
  frameworks: FrameworkLookup,
): void {
  const framework = frameworks(submission.submission.detail.framework);
  const row = (criterionId: string): CriterionCount => {
    let found = criteria.get(criterionId);
    if (!found) {
      found = {
        criterionId,
        label: framework?.criterionLabel(criterionId) ?? criterionId,
        strand: framework?.strandOf(criterionId)?.title ?? '',
        moderatedDown: 0,
        notMet: 0,
        claimedNotApplicable: 0,
        decided: 0,
        submitted: 0,
      };
      criteria.set(criterionId, found);
    }
    return found;
  };
  for (const c of submission.submission.detail.criteria) {
    const r = row(c.criterionId);
    r.submitted += 1;
    if (c.notApplicable) r.claimedNotApplicable += 1;
  }
  if (!report) return;
  for (const c of report.report.detail.criteria) {
    if (c.decision === null) continue;
    const r = row(c.criterionId);
    r.decided += 1;
    if (c.decision === 'not-met') r.notMet += 1;
    if (c.decision === 'moderated' && framework) {
      const school = judgementRank(framework.scale, c.schoolJudgement);
      const moderated = judgementRank(framework.scale, c.moderatedJudgement);
      if (school >= 0 && moderated >= 0 && moderated < school) r.moderatedDown += 1;
    }
  }
}

interface Pooled {
  label: string;
  returns: Set<string>;
  first: DecisionPair[];
  second: DecisionPair[];
}

function agreementOf(
  returns: readonly ReturnEntry[],
  pickedHashes: ReadonlySet<string>,
  reportsBySubmission: ReadonlyMap<string, readonly ReportEntry[]>,
  frameworks: FrameworkLookup,
  pool: boolean,
): { byPair: AgreementRow[]; byStrand: AgreementRow[]; withoutReport: number } {
  const pairs = new Map<string, Pooled>();
  const strands = new Map<string, Pooled>();
  let withoutReport = 0;
  for (const entry of returns) {
    if (!pickedHashes.has(entry.second.submissionSha256)) continue;
    const back = entry.second;
    const first = (reportsBySubmission.get(back.submissionSha256) ?? []).find(
      (r) => r.report.moderatorName === back.requesterName && r.report.organisation === back.requesterOrganisation,
    );
    if (!first) {
      withoutReport += 1;
      continue;
    }
    if (!pool) continue;
    const framework = frameworks(first.report.detail.framework);
    const firstById = new Map(first.report.detail.criteria.map((c) => [c.criterionId, c]));
    const names = [back.requesterName, back.secondModeratorName ?? 'Second moderator'].sort(compare);
    const pairKey = names.join('\u0000');
    const pair = pairs.get(pairKey) ?? { label: names.join(' and '), returns: new Set<string>(), first: [], second: [] };
    pairs.set(pairKey, pair);
    pair.returns.add(entry.key);
    for (const decision of back.decisions) {
      const mine = firstById.get(decision.criterionId);
      // Each return's criteria are told apart, so pooling never matches one school's criterion with another's.
      const id = `${entry.key}|${decision.criterionId}`;
      const firstPair: DecisionPair = {
        criterionId: id,
        decision: mine?.decision ?? null,
        moderatedJudgement: mine?.moderatedJudgement ?? null,
      };
      const secondPair: DecisionPair = { criterionId: id, decision: decision.decision, moderatedJudgement: decision.moderatedJudgement };
      pair.first.push(firstPair);
      pair.second.push(secondPair);
      const strand = framework?.strandOf(decision.criterionId) ?? null;
      const strandKey = strand?.id ?? '';
      const pooled = strands.get(strandKey) ?? {
        label: strand?.title ?? 'Strand not known (framework not installed)',
        returns: new Set<string>(),
        first: [],
        second: [],
      };
      strands.set(strandKey, pooled);
      pooled.returns.add(entry.key);
      pooled.first.push(firstPair);
      pooled.second.push(secondPair);
    }
  }
  const rows = (pooled: Iterable<Pooled>) =>
    [...pooled]
      .map((p): AgreementRow => {
        const result = moderatorAgreement(p.first, p.second);
        return {
          label: p.label,
          returns: p.returns.size,
          compared: result.compared,
          agreed: result.agreed,
          percent: result.percent,
          kappa: result.kappa,
        };
      })
      .sort((a, b) => compare(a.label, b.label));
  return { byPair: rows(pairs.values()), byStrand: rows(strands.values()), withoutReport };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
