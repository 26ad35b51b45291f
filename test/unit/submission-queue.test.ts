import { describe, expect, it } from 'vitest';
import type { SubmissionStatus } from '../../shared/moderation/moderation-records';
import {
  describeChange,
  firstGroups,
  matchesFilter,
  previousVersions,
  queueGroups,
  type QueueFilter,
  type QueueRow,
} from '../../shared/moderation/submission-queue';
import { fromRecordedStatus } from '../../shared/moderation/submission-state';

function row(
  key: string,
  urn: string,
  schoolName: string,
  version: number,
  exportedAt: string,
  status: SubmissionStatus = 'new',
): QueueRow {
  return {
    key,
    submissionId: key,
    urn,
    schoolName,
    regionId: 'north-east',
    regionName: 'North East',
    frameworkTitle: 'North East SEN Accreditation Framework',
    frameworkVersion: '1.0.0',
    version,
    exportedAt,
    importedAt: '2026-12-01T09:00:00.000Z',
    state: fromRecordedStatus(status),
    status,
  };
}

const ROWS = [
  row('a1', '100001', 'Ashfield Primary', 1, '2026-10-01T09:00:00.000Z', 'decided'),
  row('a2', '100001', 'Ashfield Primary', 2, '2026-11-01T09:00:00.000Z', 'in-review'),
  row('b1', '100002', 'birchwood Academy', 1, '2026-11-15T09:00:00.000Z'),
  row('c1', '100003', 'Cedar School', 1, '2026-09-01T09:00:00.000Z', 'awaiting-evidence'),
  row('a3', '100001', 'Ashfield Primary', 3, '2026-11-20T09:00:00.000Z'),
];
const ALL: QueueFilter = { status: '', text: '' };
const order = (groups: ReturnType<typeof queueGroups>) => groups.map((g) => g.rows.map((r) => r.key));

describe('the moderator’s queue', () => {
  it('groups by URN with the newest version first, groups in school order (case-insensitive)', () => {
    expect(order(queueGroups(ROWS, ALL, { key: 'school', direction: 'ascending' }))).toEqual([['a3', 'a2', 'a1'], ['b1'], ['c1']]);
    expect(order(queueGroups(ROWS, ALL, { key: 'school', direction: 'descending' }))).toEqual([['c1'], ['b1'], ['a3', 'a2', 'a1']]);
  });

  it('sorts groups by their newest submission', () => {
    expect(order(queueGroups(ROWS, ALL, { key: 'exported', direction: 'descending' }))).toEqual([['a3', 'a2', 'a1'], ['b1'], ['c1']]);
    expect(order(queueGroups(ROWS, ALL, { key: 'version', direction: 'ascending' })).map((g) => g[0])).toEqual(['b1', 'c1', 'a3']);
    // Status in the order of the workflow: new, in review, awaiting evidence, visit planned, decided.
    expect(order(queueGroups(ROWS, { status: '', text: '' }, { key: 'status', direction: 'descending' })).map((g) => g[0])).toEqual([
      'c1',
      'a3',
      'b1',
    ]);
  });

  it('filters by status and by part of a name or URN; the groups keep only the rows that pass', () => {
    expect(order(queueGroups(ROWS, { status: 'new', text: '' }, { key: 'school', direction: 'ascending' }))).toEqual([['a3'], ['b1']]);
    expect(order(queueGroups(ROWS, { status: '', text: 'BIRCH' }, { key: 'school', direction: 'ascending' }))).toEqual([['b1']]);
    expect(order(queueGroups(ROWS, { status: '', text: ' 100003 ' }, { key: 'school', direction: 'ascending' }))).toEqual([['c1']]);
    expect(matchesFilter(ROWS[0]!, { status: 'decided', text: 'ash' })).toBe(true);
    expect(matchesFilter(ROWS[0]!, { status: 'new', text: 'ash' })).toBe(false);
  });

  it('knows, for each submission, the one its school sent before it, whatever the filter', () => {
    const previous = previousVersions(ROWS);
    expect(previous.get('a3')?.key).toBe('a2');
    expect(previous.get('a2')?.key).toBe('a1');
    expect(previous.has('a1')).toBe(false);
    expect(previous.has('b1')).toBe(false);
  });

  it('sorts 200 submissions in a moment', () => {
    const many = Array.from({ length: 200 }, (_, i) =>
      row(
        `k${i}`,
        String(200000 + (i % 80)),
        `School ${i % 80}`,
        Math.floor(i / 80) + 1,
        `2026-${String((i % 12) + 1).padStart(2, '0')}-01T00:00:00.000Z`,
      ),
    );
    const groups = queueGroups(many, ALL, { key: 'school', direction: 'ascending' });
    expect(groups).toHaveLength(80);
    expect(groups.reduce((n, g) => n + g.rows.length, 0)).toBe(200);
    expect(groups[0]?.rows[0]?.schoolName).toBe('School 0');
    expect(groups[1]?.rows[0]?.schoolName).toBe('School 1');
  });

  it('draws whole groups first until a screenful of rows is in, and every group when there are fewer', () => {
    const groups = queueGroups(ROWS, ALL, { key: 'school', direction: 'ascending' });
    expect(order([...firstGroups(groups, 1)])).toEqual([['a3', 'a2', 'a1']]);
    expect(order([...firstGroups(groups, 3)])).toEqual([['a3', 'a2', 'a1']]);
    expect(order([...firstGroups(groups, 4)])).toEqual([['a3', 'a2', 'a1'], ['b1']]);
    expect(firstGroups(groups, 5)).toBe(groups);
    expect(firstGroups(groups, 50)).toBe(groups);
    expect(firstGroups([], 30)).toEqual([]);
  });

  it('describes a criterion’s changes in plain words', () => {
    const label = (id: string | null) => (id === null ? 'not judged' : id === 'est' ? 'Established' : 'Developing');
    expect(
      describeChange(
        {
          criterionId: 'NE-1.1.1',
          judgement: { from: 'dev', to: 'est' },
          narrativeChanged: true,
          nextStepsChanged: false,
          evidenceAdded: ['Provision map', 'Minutes'],
          evidenceRemoved: ['Old policy'],
        },
        label,
      ),
    ).toEqual([
      'Judgement: Developing → Established',
      'Narrative changed',
      'Evidence added: Provision map; Minutes',
      'Evidence removed: Old policy',
    ]);
    expect(
      describeChange(
        {
          criterionId: 'x',
          judgement: { from: null, to: 'est' },
          narrativeChanged: false,
          nextStepsChanged: true,
          evidenceAdded: [],
          evidenceRemoved: [],
        },
        label,
      ),
    ).toEqual(['Judgement: not judged → Established', 'Next steps changed']);
  });
});
