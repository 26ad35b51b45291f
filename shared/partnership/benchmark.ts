import { judgementRank } from '../awards/award-rules';
import type { FolderReportData, FolderSubmissionData, SharedFolderEntry } from '../moderation/shared-folder-index';
import type {
  BenchmarkDocument,
  BenchmarkGroup,
  BenchmarkLevelHeld,
  BenchmarkScalePoint,
  BenchmarkSchool,
  BenchmarkSpread,
  BenchmarkStrand,
} from './benchmark-document.generated';
import { NO_FILTERS, phaseLabel, regionalOverview, type FrameworkLookup } from './regional-overview';
import { SUPPRESSION_THRESHOLD } from './steering-report';

/**
 * The "schools like yours" benchmark of one school, worked out from the partnership's shared folder
 * index alone (pure functions; the PDF, the verifier and the tests all read these figures).
 *
 * The rules:
 * - Each school counts once, by the submission the regional overview counts for it: its latest
 *   submission that has a moderation report, else its latest submission (highest version, then the
 *   latest made). Only entries that passed verification count.
 * - The comparison group: every other school whose latest submission is in the same region (the
 *   submission's region id) and of the same phase as the school's latest submission. The school
 *   itself is never in the group's figures.
 * - Per strand of the school's framework: the share of the strand's criteria the school judged
 *   (claimed not applicable and not judged are left out) at each point of the scale; and the share
 *   of the criteria its moderator decided that were moved to a lower point ("moderated down").
 *   Strands are matched by id; a group school whose framework is not installed adds no strand figure.
 * - The group's figure for a share is its median and quartiles across the group's schools that
 *   have the share (quartiles by linear interpolation between the ordered values, as a spreadsheet's
 *   QUARTILE.INC), rounded to one decimal place.
 * - No other school identifiable: when the group has fewer than ANONYMITY_THRESHOLD schools the
 *   benchmark says so and carries no group figure and no levels held; a single figure taken over
 *   fewer than ANONYMITY_THRESHOLD schools (e.g. moderated down, when few have a report) is left out too.
 */

/** The fewest schools any group figure is taken over, so that no school can be picked out from it. */
/** The region's one anonymity rule: the steering report's threshold. */
export const ANONYMITY_THRESHOLD = SUPPRESSION_THRESHOLD;

/** The benchmark's figures: the document without its id, time and signer. */
export type BenchmarkFigures = Pick<BenchmarkDocument, 'school' | 'group' | 'scale' | 'strands' | 'levelsHeld'>;

export type BenchmarkFiguresResult = { ok: true; figures: BenchmarkFigures } | { ok: false; message: string };

type Submission = SharedFolderEntry & { submission: FolderSubmissionData & { detail: NonNullable<FolderSubmissionData['detail']> } };
type Report = SharedFolderEntry & { report: FolderReportData & { detail: NonNullable<FolderReportData['detail']> } };

function isSubmission(entry: SharedFolderEntry): entry is Submission {
  return entry.valid && entry.kind === 'submission' && entry.submission !== null && entry.submission.detail !== undefined;
}
function isReport(entry: SharedFolderEntry): entry is Report {
  return entry.valid && entry.kind === 'moderation-report' && entry.report !== null && entry.report.detail !== undefined;
}

/** One school's shares: per strand id, the criteria judged at each point and the criteria moderated down. */
interface SchoolShares {
  strands: Map<string, { title: string; judged: number; atPoint: Map<string, number>; decided: number; down: number }>;
}

/** The benchmark of the school with this URN, or why there is none, in words. */
export function benchmarkFigures(
  entries: readonly SharedFolderEntry[],
  urn: string,
  frameworks: FrameworkLookup,
  regionName: string,
): BenchmarkFiguresResult {
  const reports = new Map<string, Report[]>();
  for (const entry of entries) {
    if (!isReport(entry)) continue;
    const list = reports.get(entry.report.submissionSha256) ?? [];
    list.push(entry);
    reports.set(entry.report.submissionSha256, list);
  }
  for (const list of reports.values()) list.sort((a, b) => compare(b.report.issuedAt, a.report.issuedAt));
  const standing = (s: Submission): Report | null => reports.get(s.sha256)?.[0] ?? null;

  const bySchool = new Map<string, Submission[]>();
  for (const entry of entries) {
    if (!isSubmission(entry)) continue;
    const list = bySchool.get(entry.submission.urn) ?? [];
    list.push(entry);
    bySchool.set(entry.submission.urn, list);
  }
  for (const list of bySchool.values())
    list.sort((a, b) => b.submission.version - a.submission.version || compare(b.submission.exportedAt, a.submission.exportedAt));

  const own = bySchool.get(urn);
  const latest = own?.[0];
  if (!own || !latest) {
    return {
      ok: false,
      message: `No verified submission from the school with URN ${urn} is in the shared folder, so there is nothing to compare. Scan the folder once its submission is there.`,
    };
  }
  const counted = own.find((s) => standing(s) !== null) ?? latest;
  const framework = frameworks(counted.submission.detail.framework);
  if (!framework) {
    const ref = counted.submission.detail.framework;
    return {
      ok: false,
      message: `The framework ${latest.submission.schoolName} submitted against (${ref.title}, version ${ref.version}) is not installed here, so its strands cannot be told. Import that framework in Settings, then make the benchmark again.`,
    };
  }
  const phase = latest.submission.detail.phase;
  const regionId = latest.submission.regionId;
  const levels = new Map(regionalOverview(entries, NO_FILTERS, '1970-01-01', frameworks).schools.map((s) => [s.urn, s.levelHeld]));

  const sharesOf = (list: Submission[]): SchoolShares | null => {
    const first = list[0];
    if (!first) return null;
    const s = list.find((x) => standing(x) !== null) ?? first;
    return schoolShares(s, standing(s), frameworks);
  };

  const group: { urn: string; shares: SchoolShares | null }[] = [];
  for (const [otherUrn, list] of bySchool) {
    const first = list[0];
    if (otherUrn === urn || !first) continue;
    if (first.submission.regionId !== regionId || first.submission.detail.phase !== phase) continue;
    group.push({ urn: otherUrn, shares: sharesOf(list) });
  }
  const shown = group.length >= ANONYMITY_THRESHOLD;
  const mine = schoolShares(counted, standing(counted), frameworks);

  const scale: BenchmarkScalePoint[] = framework.scale.points.map((p) => ({ id: p.id, label: p.label }));
  const strands: BenchmarkStrand[] = [];
  for (const [strandId, strand] of mine.strands) {
    const others = group.map((g) => g.shares?.strands.get(strandId) ?? null);
    const spreadOf = (value: (s: NonNullable<(typeof others)[number]>) => number | null) =>
      shown ? spread(others.flatMap((o) => (o === null ? [] : [value(o)])).filter((v): v is number => v !== null)) : null;
    strands.push({
      id: strandId,
      title: strand.title,
      criteria: strand.judged,
      levels: scale.map((point) => ({
        pointId: point.id,
        school: share(strand.atPoint.get(point.id) ?? 0, strand.judged),
        group: spreadOf((o) => share(o.atPoint.get(point.id) ?? 0, o.judged)),
      })),
      moderatedDown: { school: share(strand.down, strand.decided), group: spreadOf((o) => share(o.down, o.decided)) },
    });
  }

  const held = new Map<string, number>();
  for (const g of group) {
    const level = levels.get(g.urn) || 'None';
    held.set(level, (held.get(level) ?? 0) + 1);
  }
  const levelsHeld: BenchmarkLevelHeld[] = shown
    ? [...held].map(([level, schools]) => ({ level, schools })).sort((a, b) => b.schools - a.schools || compare(a.level, b.level))
    : [];

  const school: BenchmarkSchool = {
    name: latest.submission.schoolName,
    urn,
    phase,
    localAuthority: latest.submission.detail.localAuthority,
    levelHeld: levels.get(urn) ?? '',
    submissionVersion: counted.submission.version,
    framework: {
      id: counted.submission.detail.framework.id,
      version: counted.submission.detail.framework.version,
      title: counted.submission.detail.framework.title,
    },
  };
  const groupInfo: BenchmarkGroup = {
    description: groupDescription(phase, regionName),
    phase,
    region: regionName,
    size: group.length,
    anonymityThreshold: ANONYMITY_THRESHOLD,
    figuresShown: shown,
  };
  return { ok: true, figures: { school, group: groupInfo, scale, strands, levelsHeld } };
}

/** What "like yours" means, in words: "Other primary schools in the South West that have submitted to the partnership." */
export function groupDescription(phase: string, regionName: string): string {
  return `Other ${phaseLabel(phase).toLowerCase()} schools in ${regionName} whose latest submission is in the partnership’s shared folder. Your school is not one of them.`;
}

/** Why the group's figures are missing, or null when they are there. */
export function groupTooSmallText(group: Pick<BenchmarkGroup, 'size' | 'anonymityThreshold' | 'figuresShown'>): string | null {
  if (group.figuresShown) return null;
  const count = group.size === 1 ? '1 other school' : `${group.size} other schools`;
  return `The group has ${count}, fewer than the ${group.anonymityThreshold} needed before any group figure is given, so that no school can be picked out. Only your own figures are shown.`;
}

function schoolShares(submission: Submission, report: Report | null, frameworks: FrameworkLookup): SchoolShares {
  const result: SchoolShares = { strands: new Map() };
  const framework = frameworks(submission.submission.detail.framework);
  if (!framework) return result;
  const strandOf = (criterionId: string) => {
    const strand = framework.strandOf(criterionId);
    if (!strand) return null;
    let found = result.strands.get(strand.id);
    if (!found) {
      found = { title: strand.title, judged: 0, atPoint: new Map(), decided: 0, down: 0 };
      result.strands.set(strand.id, found);
    }
    return found;
  };
  for (const c of submission.submission.detail.criteria) {
    const strand = strandOf(c.criterionId);
    if (!strand || c.notApplicable || c.judgement === null) continue;
    strand.judged += 1;
    strand.atPoint.set(c.judgement, (strand.atPoint.get(c.judgement) ?? 0) + 1);
  }
  if (report) {
    const reportFramework = frameworks(report.report.detail.framework) ?? framework;
    for (const c of report.report.detail.criteria) {
      if (c.decision === null) continue;
      const strand = strandOf(c.criterionId);
      if (!strand) continue;
      strand.decided += 1;
      if (c.decision !== 'moderated') continue;
      const school = judgementRank(reportFramework.scale, c.schoolJudgement);
      const moderated = judgementRank(reportFramework.scale, c.moderatedJudgement);
      if (school >= 0 && moderated >= 0 && moderated < school) strand.down += 1;
    }
  }
  return result;
}

/** A count as a percentage of a whole, to one decimal place; null when the whole is nothing. */
export function share(count: number, whole: number): number | null {
  return whole > 0 ? round1((100 * count) / whole) : null;
}

/** The quartile `p` (0 to 1) of values already in order, by linear interpolation (QUARTILE.INC). */
export function quantile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const at = (sorted.length - 1) * p;
  const low = Math.floor(at);
  const high = Math.ceil(at);
  const a = sorted[low] ?? NaN;
  const b = sorted[high] ?? NaN;
  return a + (at - low) * (b - a);
}

/** The median and quartiles of the values, or null when fewer than ANONYMITY_THRESHOLD schools give one. */
export function spread(values: readonly number[]): BenchmarkSpread | null {
  if (values.length < ANONYMITY_THRESHOLD) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return {
    lowerQuartile: round1(quantile(sorted, 0.25)),
    median: round1(quantile(sorted, 0.5)),
    upperQuartile: round1(quantile(sorted, 0.75)),
    schools: sorted.length,
  };
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
