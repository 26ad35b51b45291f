import { describe, expect, it } from 'vitest';
import type { SharedFolderEntry } from '../../shared/moderation/shared-folder-index';
import { ANONYMITY_THRESHOLD, benchmarkFigures, groupTooSmallText, quantile, spread } from '../../shared/partnership/benchmark';
import { lookup, m, report, s, submission } from './regional-overview-fixtures';

/**
 * A hand-worked region for the "schools like yours" benchmark. Strand s1 holds c1 and c2, strand s2
 * holds c3 and c4; the scale is outstanding, good, developing, not yet.
 */
const school = (urn: string, name: string, phase = 'primary') => ({ urn, name, la: 'Devon', phase, year: '2026 to 2027' });
const T = school('200000', 'Thorn Primary');
const accredited = (level: string) => ({ kind: 'accredited' as const, level, renewal: '2029-01-01', decided: '2026-10-01' });
const deferred = { kind: 'deferred' as const, level: null, renewal: '', decided: '2026-10-01', resubmitBy: '2026-12-01' };
const s2 = [s('c3', 'good'), s('c4', null, true)];

function inRegion(entry: SharedFolderEntry, regionId: string): SharedFolderEntry {
  return entry.submission ? { ...entry, submission: { ...entry.submission, regionId } } : entry;
}

const region: SharedFolderEntry[] = [
  // The school: s1 both good; s2 c3 developing, c4 claimed not applicable. Its moderator moved c1 down.
  submission('sT', T, 1, [s('c1', 'good'), s('c2', 'good'), s('c3', 'developing'), s('c4', null, true)]),
  report('rT', 'sT', 'Jo', accredited('Silver'), [
    m('c1', 'good', 'moderated', 'developing'),
    m('c2', 'good', 'agree'),
    m('c3', 'developing', 'agree'),
  ]),
  // Six other primary schools in the region.
  submission('s1', school('200001', 'P1'), 1, [s('c1', 'outstanding'), s('c2', 'outstanding'), ...s2]),
  report('r1', 's1', 'Jo', accredited('Gold'), [
    m('c1', 'outstanding', 'moderated', 'good'),
    m('c2', 'outstanding', 'agree'),
    m('c3', 'good', 'agree'),
  ]),
  submission('s2', school('200002', 'P2'), 1, [s('c1', 'outstanding'), s('c2', 'good'), ...s2]),
  report('r2', 's2', 'Jo', accredited('Gold'), [m('c1', 'outstanding', 'agree'), m('c2', 'good', 'agree'), m('c3', 'good', 'agree')]),
  submission('s3', school('200003', 'P3'), 1, [s('c1', 'good'), s('c2', 'good'), ...s2]),
  report('r3', 's3', 'Jo', accredited('Silver'), [m('c1', 'good', 'not-met'), m('c2', 'good', 'agree'), m('c3', 'good', 'agree')]),
  submission('s4', school('200004', 'P4'), 1, [s('c1', 'good'), s('c2', 'developing'), ...s2]),
  report('r4', 's4', 'Jo', deferred, [
    m('c1', 'good', 'moderated', 'outstanding'),
    m('c2', 'developing', 'moderated', 'not-yet'),
    m('c3', 'good', 'agree'),
  ]),
  submission('s5', school('200005', 'P5'), 1, [s('c1', 'outstanding'), s('c2', null), ...s2]),
  report('r5', 's5', 'Jo', accredited('Gold'), [
    m('c1', 'outstanding', 'moderated', 'developing'),
    m('c2', null, null),
    m('c3', 'good', 'agree'),
  ]),
  submission('s6', school('200006', 'P6'), 1, [s('c1', 'good'), s('c2', 'good'), ...s2]),
  // Not like it: a primary school in another region, and a secondary school in this one.
  inRegion(submission('sQ', school('300001', 'Far Primary'), 1, [s('c1', 'not-yet'), s('c2', 'not-yet'), ...s2]), 'north-east'),
  submission('sR', school('300002', 'Big Secondary', 'secondary'), 1, [s('c1', 'not-yet'), s('c2', 'not-yet'), ...s2]),
];

describe('the benchmark of one school, worked by hand', () => {
  const result = benchmarkFigures(region, '200000', lookup, 'South West');
  if (!result.ok) throw new Error(result.message);
  const { figures } = result;
  const strand = (id: string) => figures.strands.find((x) => x.id === id);
  const level = (strandId: string, point: string) => strand(strandId)?.levels.find((l) => l.pointId === point);

  it('the group: other primary schools of the region, the school itself, other regions and other phases left out', () => {
    expect(figures.group).toMatchObject({ size: 6, phase: 'primary', region: 'South West', anonymityThreshold: 5, figuresShown: true });
    expect(figures.group.description).toContain('primary schools in South West');
    expect(figures.school).toMatchObject({ urn: '200000', name: 'Thorn Primary', levelHeld: 'Silver', submissionVersion: 1 });
  });

  it('the school’s own shares per strand: judged at each point, and moderated down', () => {
    expect(figures.strands.map((x) => [x.id, x.title, x.criteria])).toEqual([
      ['s1', 'Leadership', 2],
      ['s2', 'Teaching', 1],
    ]);
    expect(strand('s1')?.levels.map((l) => [l.pointId, l.school])).toEqual([
      ['outstanding', 0],
      ['good', 100],
      ['developing', 0],
      ['not-yet', 0],
    ]);
    // c4 is claimed not applicable: s2's one judged criterion is developing.
    expect(level('s2', 'developing')?.school).toBe(100);
    expect(strand('s1')?.moderatedDown.school).toBe(50);
    expect(strand('s2')?.moderatedDown.school).toBe(0);
  });

  it('the group’s median and quartiles (linear interpolation) of each share', () => {
    // Outstanding in s1: P1 100, P2 50, P3 0, P4 0, P5 100 (c2 not judged), P6 0 -> 0 0 0 50 100 100.
    // Positions 1.25, 2.5, 3.75: 0, 0 + 0.5·50 = 25, 50 + 0.75·50 = 87.5.
    expect(level('s1', 'outstanding')?.group).toEqual({ lowerQuartile: 0, median: 25, upperQuartile: 87.5, schools: 6 });
    // Good in s1: 0 50 100 50 0 100 -> 0 0 50 50 100 100: 0 + 0.25·50 = 12.5, 50, 87.5.
    expect(level('s1', 'good')?.group).toEqual({ lowerQuartile: 12.5, median: 50, upperQuartile: 87.5, schools: 6 });
    expect(level('s2', 'good')?.group).toEqual({ lowerQuartile: 100, median: 100, upperQuartile: 100, schools: 6 });
  });

  it('moderated down over the five schools with a report: not met and moved up are not down', () => {
    // P1 1 of 2, P2 0 of 2, P3 0 of 2 (not met), P4 1 of 2 (c1 up, c2 down), P5 1 of 1 (c2 undecided).
    expect(strand('s1')?.moderatedDown.group).toEqual({ lowerQuartile: 0, median: 50, upperQuartile: 50, schools: 5 });
  });

  it('the levels the group holds, most first', () => {
    expect(figures.levelsHeld).toEqual([
      { level: 'Gold', schools: 3 },
      { level: 'None', schools: 2 },
      { level: 'Silver', schools: 1 },
    ]);
  });
});

describe('no other school identifiable', () => {
  it('a group of four: it says so and carries no group figure and no levels held', () => {
    const small = region.filter((e) => !['s5', 'r5', 's6'].includes(e.sha256));
    const result = benchmarkFigures(small, '200000', lookup, 'South West');
    if (!result.ok) throw new Error(result.message);
    const { figures } = result;
    expect(figures.group).toMatchObject({ size: 4, figuresShown: false });
    expect(figures.strands.flatMap((x) => [...x.levels.map((l) => l.group), x.moderatedDown.group])).toEqual(Array(10).fill(null));
    expect(figures.levelsHeld).toEqual([]);
    // The school's own figures are still there.
    expect(figures.strands[0]?.moderatedDown.school).toBe(50);
    expect(groupTooSmallText(figures.group)).toBe(
      'The group has 4 other schools, fewer than the 5 needed before any group figure is given, so that no school can be picked out. Only your own figures are shown.',
    );
  });

  it('a group of exactly the threshold shows its figures; one figure over fewer schools is left out', () => {
    expect(ANONYMITY_THRESHOLD).toBe(5);
    expect(spread([1, 2, 3, 4])).toBeNull();
    expect(spread([4, 1, 3, 2, 5])).toEqual({ lowerQuartile: 2, median: 3, upperQuartile: 4, schools: 5 });
    const five = region.filter((e) => e.sha256 !== 's6');
    const result = benchmarkFigures(five, '200000', lookup, 'South West');
    expect(result.ok && result.figures.group.figuresShown).toBe(true);
  });
});

describe('quartiles', () => {
  it('match a spreadsheet’s QUARTILE.INC worked by hand', () => {
    const values = [1, 3, 7, 8, 20];
    expect(quantile(values, 0)).toBe(1);
    expect(quantile(values, 0.25)).toBe(3);
    expect(quantile(values, 0.5)).toBe(7);
    expect(quantile(values, 1)).toBe(20);
    // Four values: positions 0.75 and 2.25.
    expect(quantile([10, 20, 30, 40], 0.25)).toBe(17.5);
    expect(quantile([10, 20, 30, 40], 0.75)).toBe(32.5);
  });
});

describe('refusals in words', () => {
  it('a school with no submission in the folder', () => {
    const result = benchmarkFigures(region, '999999', lookup, 'South West');
    expect(result).toEqual({ ok: false, message: expect.stringContaining('No verified submission from the school with URN 999999') });
  });
  it('a school whose framework is not installed', () => {
    const result = benchmarkFigures(region, '200000', () => null, 'South West');
    expect(result.ok ? '' : result.message).toContain('is not installed here');
  });
});
