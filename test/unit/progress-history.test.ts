import { describe, expect, it } from 'vitest';
import { evaluateAwards } from '../../shared/awards/award-rules';
import type { CriterionResponse, EvidenceLink } from '../../shared/evaluation/evaluation-records';
import { pathOf, progressChartGeometry } from '../../shared/evaluation/progress-chart-geometry';
import {
  nextDay,
  progressHistory,
  progressPointOf,
  progressSummary,
  snapshotOf,
  standingsOfSnapshot,
  type ProgressPoint,
  type ProgressSnapshot,
} from '../../shared/evaluation/progress-history';
import { allAt, standingsOf, TINY_IDS, tinyApplied, tinyIdsWhere } from '../fixtures/tiny-framework';

const tiny = tinyApplied();

function response(criterionId: string, judgement: string | null, evaluationId = 'ev1'): CriterionResponse {
  return {
    key: `${evaluationId}|${criterionId}`,
    evaluationId,
    criterionId,
    judgement,
    narrative: '',
    nextSteps: '',
    updatedAt: '2026-11-03T10:00:00Z',
  };
}
function link(criterionId: string, evidenceId: string, evaluationId = 'ev1'): EvidenceLink {
  return { key: `${evaluationId}|${criterionId}|${evidenceId}`, evaluationId, criterionId, evidenceId };
}

function snapshot(day: string, judgements: Record<string, string>, evidence: Record<string, number> = {}): ProgressSnapshot {
  return { key: `ev1|${day}`, evaluationId: 'ev1', day, recordedAt: `${day}T12:00:00Z`, judgements, evidence, notApplicable: {} };
}

describe('snapshotOf', () => {
  it('keeps the judged criteria, the evidence count per criterion and the claims, of this evaluation only', () => {
    const s = snapshotOf(
      'ev1',
      '2026-11-03T16:45:00.000Z',
      [
        response('TF-1.1.1', 'good'),
        response('TF-1.1.2', null),
        { ...response('TF-1.2.1', null), notApplicable: { reason: 'No sixth form' } },
        response('TF-2.1.1', 'strong', 'ev2'),
      ],
      [link('TF-1.1.1', 'a'), link('TF-1.1.1', 'b'), link('TF-2.1.1', 'a'), link('TF-2.1.2', 'a', 'ev2')],
    );
    expect(s).toEqual({
      key: 'ev1|2026-11-03',
      evaluationId: 'ev1',
      day: '2026-11-03',
      recordedAt: '2026-11-03T16:45:00.000Z',
      judgements: { 'TF-1.1.1': 'good' },
      evidence: { 'TF-1.1.1': 2, 'TF-2.1.1': 1 },
      notApplicable: { 'TF-1.2.1': 'No sixth form' },
    });
  });

  it('reads back as the standings it was taken from; a point the scale does not know counts as not judged', () => {
    const standings = standingsOfSnapshot(tiny, snapshot('2026-11-03', { 'TF-1.1.1': 'good', 'TF-1.1.2': 'excellent' }, { 'TF-1.1.1': 2 }));
    expect(standings.get('TF-1.1.1')).toEqual({ judgement: 'good', evidenceCount: 2, notApplicable: null });
    expect(standings.get('TF-1.1.2')?.judgement).toBeNull();
    expect(standings.size).toBe(TINY_IDS.length);
  });
});

describe('progressPointOf', () => {
  it('counts a hand-worked day: every bronze criterion good, one with evidence, gives Bronze', () => {
    const bronze = tinyIdsWhere((c) => c.level === 'bronze');
    const standings = new Map([...allAt(bronze, 'good'), ...standingsOf({ 'TF-1.1.1': ['good', 2], 'TF-1.1.3': 'weak' })]);
    expect(progressPointOf(tiny, standings, '2026-11-03', 'recorded')).toEqual({
      day: '2026-11-03',
      source: 'recorded',
      total: 11,
      judged: 8,
      met: 7,
      withEvidence: 1,
      perPoint: [0, 7, 1, 0],
      level: 'Bronze',
    });
  });

  it('takes the award outcome the caller already worked out for these standings, instead of evaluating the rules again', () => {
    const bronze = tinyIdsWhere((c) => c.level === 'bronze');
    const standings = allAt(bronze, 'good');
    const outcome = evaluateAwards(tiny, standings, {});
    expect(outcome.achieved?.label).toBe('Bronze');
    // An outcome that says Silver is read as it is: the point's level comes from it, not from the rules.
    const silver = { ...outcome, achieved: tiny.levels.find((l) => l.id === 'silver')! };
    expect(progressPointOf(tiny, standings, '2026-11-03', 'today', {}, silver).level).toBe('Silver');
  });

  it('gives no level and nothing judged for an empty day', () => {
    expect(progressPointOf(tiny, new Map(), '2026-11-01', 'started')).toMatchObject({ judged: 0, met: 0, withEvidence: 0, level: null });
  });
});

describe('progressHistory', () => {
  const live = standingsOf({ 'TF-1.1.1': 'strong', 'TF-1.1.2': 'good', 'TF-1.1.3': 'weak' });

  it('starts a new evaluation from nothing on its first day, then each record, then today from the live records', () => {
    const history = progressHistory({
      framework: tiny,
      evaluation: { createdAt: '2026-11-01T09:00:00Z', carriedForwardFrom: null },
      snapshots: [
        snapshot('2026-11-05', { 'TF-1.1.1': 'good', 'TF-1.1.2': 'weak' }),
        snapshot('2026-11-03', { 'TF-1.1.1': 'good' }),
        // Today's stored record is older than the live records, which replace it.
        snapshot('2026-11-07', { 'TF-1.1.1': 'none' }),
      ],
      today: '2026-11-07',
      liveStandings: live,
    });
    expect(history.points.map((p) => [p.day, p.source, p.judged, p.met])).toEqual([
      ['2026-11-01', 'started', 0, 0],
      ['2026-11-03', 'recorded', 1, 1],
      ['2026-11-05', 'recorded', 2, 1],
      ['2026-11-07', 'today', 3, 2],
    ]);
    expect(history.startDerived).toBe(true);
    // 2 November is unknown: the record starts on the 3rd.
    expect(history.recordedSince).toBe('2026-11-03');
  });

  it('makes up nothing for a carried-forward evaluation with no records: today alone, recorded since today', () => {
    const history = progressHistory({
      framework: tiny,
      evaluation: { createdAt: '2026-09-01T09:00:00Z', carriedForwardFrom: 'ev0' },
      snapshots: [],
      today: '2026-11-07',
      liveStandings: live,
    });
    expect(history.points.map((p) => p.source)).toEqual(['today']);
    expect(history.startDerived).toBe(false);
    expect(history.recordedSince).toBe('2026-11-07');
  });

  it('has no gap for an evaluation made today, nor when records start the day after a new evaluation began', () => {
    const base = { framework: tiny, today: '2026-11-07', liveStandings: live };
    expect(
      progressHistory({ ...base, evaluation: { createdAt: '2026-11-07T08:00:00Z', carriedForwardFrom: null }, snapshots: [] })
        .recordedSince,
    ).toBeNull();
    const nextDayStart = progressHistory({
      ...base,
      evaluation: { createdAt: '2026-11-05T08:00:00Z', carriedForwardFrom: null },
      snapshots: [snapshot('2026-11-06', { 'TF-1.1.1': 'good' })],
    });
    expect(nextDayStart.recordedSince).toBeNull();
    expect(nextDayStart.points.map((p) => p.source)).toEqual(['started', 'recorded', 'today']);
  });

  it('counts days across a month end', () => {
    expect(nextDay('2026-11-30')).toBe('2026-12-01');
    expect(nextDay('2028-02-28')).toBe('2028-02-29');
  });
});

describe('progressChartGeometry', () => {
  const point = (day: string, judged: number, met: number, withEvidence: number): ProgressPoint => ({
    day,
    source: 'recorded',
    total: 10,
    judged,
    met,
    withEvidence,
    perPoint: [],
    level: null,
  });
  const box = { width: 120, height: 70, left: 20, right: 0, top: 0, bottom: 20 };

  it('places days in proportion to the time between them and counts from 0 at the bottom to the total at the top, as steps', () => {
    const g = progressChartGeometry([point('2026-11-01', 0, 0, 0), point('2026-11-03', 5, 2, 1), point('2026-11-05', 10, 4, 10)], box);
    expect(g.plot).toEqual({ x: 20, y: 0, width: 100, height: 50 });
    const judged = g.series.find((s) => s.key === 'judged')!;
    expect(judged.markers).toEqual([
      { x: 20, y: 50 },
      { x: 70, y: 25 },
      { x: 120, y: 0 },
    ]);
    expect(pathOf(judged.vertices)).toBe('M20 50 L70 50 L70 25 L120 25 L120 0');
    expect(g.series.find((s) => s.key === 'met')!.markers.map((m) => m.y)).toEqual([50, 40, 30]);
    expect(g.yTicks).toEqual([
      { value: 0, y: 50 },
      { value: 5, y: 25 },
      { value: 10, y: 0 },
    ]);
    expect(g.xTicks).toEqual([
      { day: '2026-11-01', x: 20 },
      { day: '2026-11-05', x: 120 },
    ]);
  });

  it('puts a single day at the right-hand edge with one date', () => {
    const g = progressChartGeometry([point('2026-11-07', 3, 1, 2)], box);
    expect(g.series[0]!.vertices).toEqual([{ x: 120, y: 35 }]);
    expect(g.xTicks).toEqual([{ day: '2026-11-07', x: 120 }]);
  });
});

describe('progressSummary', () => {
  it('says where the counts went from the first day to today, and the level now', () => {
    const history = progressHistory({
      framework: tiny,
      evaluation: { createdAt: '2026-11-01T09:00:00Z', carriedForwardFrom: null },
      snapshots: [],
      today: '2026-11-07',
      liveStandings: standingsOf({ 'TF-1.1.1': ['strong', 1], 'TF-1.1.2': 'weak' }),
    });
    expect(progressSummary(history)).toBe(
      'From 1 November 2026 to 7 November 2026, criteria judged went from 0 to 2 of 11, met from 0 to 1, and with evidence from 0 to 1. The award rules give no award yet.',
    );
  });
});
