import { describe, expect, it } from 'vitest';
import { NO_FILTERS, prepareOverview, regionalOverview, type OverviewFilters } from '../../shared/partnership/regional-overview';
import { summaryOfEntry } from '../../shared/partnership/regional-overview-summary';
import { TODAY, index, lookup } from './regional-overview-fixtures';

/** The summaries the Regional overview draws first give exactly what the full entries give for that draw. */
const FILTERS: OverviewFilters[] = [
  NO_FILTERS,
  { ...NO_FILTERS, localAuthority: 'Devon' },
  { ...NO_FILTERS, localAuthority: 'Devon', phase: 'primary' },
  { ...NO_FILTERS, phase: 'special' },
  { ...NO_FILTERS, academicYear: '2025 to 2026' },
  { ...NO_FILTERS, localAuthority: 'Nowhere' },
];

describe('an index entry’s summary', () => {
  const summaries = index.map(summaryOfEntry);

  it('holds no criteria, and leaves the entry as it was', () => {
    const before = JSON.stringify(index);
    for (const s of summaries) {
      expect(s.criteriaLeftOut).toBe(true);
      expect(s.submission?.detail?.criteria ?? []).toEqual([]);
      expect(s.report?.detail?.criteria ?? []).toEqual([]);
      expect(s.second?.decisions ?? []).toEqual([]);
      expect(s.second?.criterionIds ?? []).toEqual([]);
      expect(s).not.toHaveProperty('trustBasis');
    }
    expect(JSON.stringify(index)).toBe(before);
    // The fixtures do hold criteria, decisions and a second moderation's, so the above says something.
    expect(index.some((e) => (e.submission?.detail?.criteria.length ?? 0) > 0)).toBe(true);
    expect(index.some((e) => (e.report?.detail?.criteria.length ?? 0) > 0)).toBe(true);
    expect(index.some((e) => (e.second?.decisions.length ?? 0) > 0)).toBe(true);
  });

  it('gives the first draw’s schools, renewals, states and counts exactly as the full entries do, for every filter', () => {
    const fromSummaries = prepareOverview(summaries);
    const fromEntries = prepareOverview(index);
    expect(fromSummaries.options).toEqual(fromEntries.options);
    expect(fromSummaries.older).toBe(fromEntries.older);
    expect(fromSummaries.uncertifiedLeftOut).toBe(fromEntries.uncertifiedLeftOut);
    for (const filters of FILTERS) {
      const first = regionalOverview(fromSummaries, filters, TODAY, lookup, { criteria: false });
      const full = regionalOverview(fromEntries, filters, TODAY, lookup);
      expect(first.schools, JSON.stringify(filters)).toEqual(full.schools);
      expect(first.renewals).toEqual(full.renewals);
      expect(first.states).toEqual(full.states);
      expect(first.submissionsCounted).toBe(full.submissionsCounted);
      expect(first.uncertifiedLeftOut).toBe(full.uncertifiedLeftOut);
      expect(first.returnsWithoutReport).toBe(full.returnsWithoutReport);
    }
    // The fixtures' region has a decided school, a new one and a lapsed one, and a second moderation without its report.
    const whole = regionalOverview(fromEntries, NO_FILTERS, TODAY, lookup);
    expect(new Set(whole.schools.map((s) => s.state))).toEqual(new Set(['decided', 'new', 'lapsed']));
    expect(whole.returnsWithoutReport).toBe(1);
  });

  it('leaves the criteria and agreement tables empty in the first draw, rather than counting from summaries', () => {
    const first = regionalOverview(prepareOverview(summaries), NO_FILTERS, TODAY, lookup, { criteria: false });
    expect(first.criteria).toEqual([]);
    expect(first.agreementByPair).toEqual([]);
    expect(first.agreementByStrand).toEqual([]);
    const full = regionalOverview(index, NO_FILTERS, TODAY, lookup);
    expect(full.criteria.length).toBeGreaterThan(0);
    expect(full.agreementByPair.length).toBeGreaterThan(0);
  });
});
