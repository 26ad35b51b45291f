import { evaluateAwards, isMet, type AwardContext, type AwardOutcome, type CriterionStanding, type Standings } from '../awards/award-rules';
import type { AppliedFramework } from '../framework/applied-framework';
import type { CriterionResponse, EvidenceLink } from './evaluation-records';
import { formatIsoDate } from '../formats/en-gb-dates';

/**
 * Progress over time. Once a day (the last save of the day wins) the stores keep a small record of
 * where each criterion of an evaluation stood: its judgement, how much evidence is linked and
 * whether the school claims it does not apply. The dashboard and the portfolio turn those records,
 * read with the framework's own rules, into one point a day: criteria judged, met, at each point of
 * the scale, with evidence, and the award level the rules give. Pure.
 *
 * An evaluation started before the app kept these records has none for its earlier days; they are
 * not made up. What can honestly be said is that an evaluation started from nothing (not carried
 * forward) had nothing judged on the day it was made: that point is derived and marked so.
 */

/** One evaluation's standing on one day, as stored (Dexie table progressSnapshots). */
export interface ProgressSnapshot {
  /** `${evaluationId}|${day}` */
  key: string;
  evaluationId: string;
  /** yyyy-mm-dd (UTC day of the save) */
  day: string;
  /** When the snapshot was last written (ISO). */
  recordedAt: string;
  /** Criterion id to scale point id, for the judged criteria only. */
  judgements: Record<string, string>;
  /** Criterion id to the number of evidence links, for criteria with any. */
  evidence: Record<string, number>;
  /** Criteria the school claims do not apply, with their reasons. */
  notApplicable: Record<string, string>;
}

export function progressSnapshotKey(evaluationId: string, day: string): string {
  return `${evaluationId}|${day}`;
}

/** The UTC day of an ISO time stamp, yyyy-mm-dd. */
export function dayOf(iso: string): string {
  return iso.slice(0, 10);
}

/** The snapshot of an evaluation's records at `now`: what the stores write in the same transaction as a save. */
export function snapshotOf(
  evaluationId: string,
  now: string,
  responses: readonly CriterionResponse[],
  links: readonly EvidenceLink[],
): ProgressSnapshot {
  const judgements: Record<string, string> = {};
  const notApplicable: Record<string, string> = {};
  for (const r of responses) {
    if (r.evaluationId !== evaluationId) continue;
    if (r.judgement !== null) judgements[r.criterionId] = r.judgement;
    if (r.notApplicable) notApplicable[r.criterionId] = r.notApplicable.reason;
  }
  const evidence: Record<string, number> = {};
  for (const l of links) if (l.evaluationId === evaluationId) evidence[l.criterionId] = (evidence[l.criterionId] ?? 0) + 1;
  const day = dayOf(now);
  return { key: progressSnapshotKey(evaluationId, day), evaluationId, day, recordedAt: now, judgements, evidence, notApplicable };
}

/** A snapshot's standings, as standingsFromRecords gives them for the records it was taken from. */
export function standingsOfSnapshot(framework: AppliedFramework, snapshot: ProgressSnapshot): Standings {
  const standings = new Map<string, CriterionStanding>();
  for (const criterion of framework.criteria) {
    const judgement = snapshot.judgements[criterion.id] ?? null;
    const reason = snapshot.notApplicable[criterion.id];
    standings.set(criterion.id, {
      judgement: framework.scale.points.some((p) => p.id === judgement) ? judgement : null,
      evidenceCount: snapshot.evidence[criterion.id] ?? 0,
      notApplicable: reason === undefined ? null : { reason },
    });
  }
  return standings;
}

/** One day's point of the progress chart. */
export interface ProgressPoint {
  day: string;
  /** recorded: a stored snapshot; today: the records as they are now; started: the evaluation's first day, with nothing judged. */
  source: 'recorded' | 'today' | 'started';
  /** Criteria that apply to the school. */
  total: number;
  /** Judged, or validly claimed not applicable. */
  judged: number;
  /** Judged at or above the scale's "met" point. */
  met: number;
  withEvidence: number;
  /** Count per scale point, strongest first (the scale's order). */
  perPoint: number[];
  /** The award level the rules give that day; null for none. */
  level: string | null;
}

/** The counts and level of one set of standings, under the framework's rules and the school's profile. */
export function progressPointOf(
  framework: AppliedFramework,
  standings: Standings,
  day: string,
  source: ProgressPoint['source'],
  context: AwardContext = {},
  /** The rules' outcome for these standings when the caller has it already (the dashboard's summary). */
  known?: AwardOutcome,
): ProgressPoint {
  const award = known ?? evaluateAwards(framework, standings, context);
  const doesNotApply = new Set(award.excluded.criteria.filter((c) => c.why === 'does-not-apply').map((c) => c.criterionId));
  const claimed = new Set(award.excluded.criteria.filter((c) => c.why === 'not-applicable').map((c) => c.criterionId));
  const ids = framework.criteria.map((c) => c.id).filter((id) => !doesNotApply.has(id));
  const judgementOf = (id: string) => standings.get(id)?.judgement ?? null;
  return {
    day,
    source,
    total: ids.length,
    judged: ids.filter((id) => judgementOf(id) !== null || claimed.has(id)).length,
    met: ids.filter((id) => !claimed.has(id) && judgementOf(id) !== null && isMet(framework.scale, judgementOf(id))).length,
    withEvidence: ids.filter((id) => (standings.get(id)?.evidenceCount ?? 0) > 0).length,
    perPoint: framework.scale.points.map((p) => ids.filter((id) => !claimed.has(id) && judgementOf(id) === p.id).length),
    level: award.achieved?.label ?? null,
  };
}

export interface ProgressHistory {
  points: ProgressPoint[];
  /**
   * The first day with a stored record, when the evaluation is older than it (or has none):
   * days before it are not known, and the screen says so. Null when the record covers every day.
   */
  recordedSince: string | null;
  /** True when the first point is the derived "started with nothing judged" one. */
  startDerived: boolean;
}

/**
 * The evaluation's points, oldest first: its first day (derived, when it started from nothing),
 * each stored snapshot, and today from the live standings (which replace a stored snapshot of today).
 */
export function progressHistory(input: {
  framework: AppliedFramework;
  evaluation: { createdAt: string; carriedForwardFrom: string | null };
  snapshots: readonly ProgressSnapshot[];
  today: string;
  liveStandings: Standings;
  context?: AwardContext;
  /** The award rules' outcome for the live standings, when already worked out. */
  liveAward?: AwardOutcome;
}): ProgressHistory {
  const { framework, evaluation, today, context } = input;
  const started = dayOf(evaluation.createdAt);
  const stored = [...input.snapshots].filter((s) => s.day < today && s.day >= started).sort((a, b) => a.day.localeCompare(b.day));
  const points: ProgressPoint[] = [];
  const startDerived = evaluation.carriedForwardFrom === null && started < today && (stored[0]?.day ?? today) > started;
  if (startDerived) points.push(progressPointOf(framework, new Map(), started, 'started', context));
  for (const s of stored) points.push(progressPointOf(framework, standingsOfSnapshot(framework, s), s.day, 'recorded', context));
  points.push(progressPointOf(framework, input.liveStandings, today, 'today', context, input.liveAward));
  const firstRecorded = stored[0]?.day ?? today;
  // Days between the start and the first record are unknown, unless the start is the day before it.
  const gap = firstRecorded > started && !(startDerived && nextDay(started) === firstRecorded);
  return { points, recordedSince: gap ? firstRecorded : null, startDerived };
}

/** The day after a yyyy-mm-dd day. */
export function nextDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (yyyy-mm-dd). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The chart in one or two sentences: its text equivalent. */
export function progressSummary(history: ProgressHistory): string {
  const first = history.points[0];
  const last = history.points[history.points.length - 1];
  if (!first || !last) return 'There is no progress to show yet.';
  const award = `The award rules give ${last.level ?? 'no award yet'}.`;
  if (first === last)
    return `Today ${last.judged} of ${last.total} criteria are judged, ${last.met} met and ${last.withEvidence} with evidence. ${award}`;
  const from = formatIsoDate(first.day, first.day);
  const to = formatIsoDate(last.day, last.day);
  return (
    `From ${from} to ${to}, criteria judged went from ${first.judged} to ${last.judged} of ${last.total}, ` +
    `met from ${first.met} to ${last.met}, and with evidence from ${first.withEvidence} to ${last.withEvidence}. ${award}`
  );
}
