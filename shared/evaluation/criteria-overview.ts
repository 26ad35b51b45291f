import { isMet, judgementRank } from '../awards/award-rules';
import { criterionApplies, notApplicableProblem, type ApplicabilityProfile } from '../framework/applicability';
import { levelLabel, scalePoint, type AppliedFramework } from '../framework/applied-framework';
import type { ActionItem } from '../actions/action-plan';
import type { ModerationCriterion } from '../moderation/moderation-format';
import { decisionText } from '../moderation/moderation-review';
import type { CriterionResponse, EvidenceLink } from './evaluation-records';

/**
 * The criteria overview: one row per criterion of an evaluation, with what the school has done for
 * it, and the filters, sorting and search the overview screen offers. The filters and the sort
 * travel in the address (`?strand=NE26-1&judgement=not-judged`), so a link can carry them. Pure.
 */

/** Whether a criterion counts for this school: as the dashboard and the award engine decide. */
export type OverviewApplies = 'applies' | 'does-not-apply' | 'claimed-not-applicable';

export interface OverviewNextStep {
  /** The first open action for the criterion (soonest due first), or else the school's own next steps. */
  text: string;
  /** yyyy-mm-dd of the action, or '' when it has none or the step is the school's own words. */
  due: string;
}

export interface OverviewRow {
  id: string;
  title: string;
  statement: string;
  strandId: string;
  strandTitle: string;
  level: string;
  levelLabel: string;
  mandatory: boolean;
  /** The criterion checks a legal duty. */
  statutory: boolean;
  applies: OverviewApplies;
  /** Why it does not apply (the framework's reason, or the school's claim); null when it applies. */
  notApplicableReason: string | null;
  /** A judgement on the framework's scale, or null when none (or an unknown point) is recorded. */
  judgement: string | null;
  /** Judged at or above the framework's "met" point. */
  met: boolean;
  /** How the judgement column reads: "Good", "Not judged", "Does not apply", "Not applicable (the school's claim)". */
  judgementText: string;
  evidenceCount: number;
  evidenceTitles: string[];
  narrative: string;
  nextStep: OverviewNextStep | null;
  /** The moderator's decision in words ("Not reviewed" when the report has none for it), or null when no report has come back. */
  moderatorDecision: string | null;
  /** The criterion's place in the framework, from 0. */
  order: number;
}

export interface OverviewInput {
  framework: AppliedFramework;
  /** The school's profile; null: every criterion applies (as for a format 1 framework). */
  profile: ApplicabilityProfile | null;
  responses: readonly CriterionResponse[];
  links: readonly EvidenceLink[];
  /** The school's evidence titles, by evidence id. */
  evidenceTitles: ReadonlyMap<string, string>;
  actions: readonly Pick<ActionItem, 'criterionIds' | 'what' | 'byWhen' | 'status' | 'createdAt'>[];
  /** The criteria of the latest moderation report received for this evaluation, or null when none has come back. */
  moderation: readonly Pick<ModerationCriterion, 'criterionId' | 'decision' | 'moderatedJudgement'>[] | null;
}

/** One row per criterion, in framework order. */
export function overviewRows(input: OverviewInput): OverviewRow[] {
  const { framework, profile } = input;
  const responseOf = new Map(input.responses.map((r) => [r.criterionId, r]));
  const evidenceOf = new Map<string, string[]>();
  for (const link of input.links) {
    const titles = evidenceOf.get(link.criterionId) ?? [];
    titles.push(input.evidenceTitles.get(link.evidenceId) ?? '');
    evidenceOf.set(link.criterionId, titles);
  }
  const moderationOf = new Map((input.moderation ?? []).map((m) => [m.criterionId, m]));
  const openActions = input.actions
    .filter((a) => a.status !== 'done')
    .sort((a, b) => dueOrder(a.byWhen, b.byWhen) || a.createdAt.localeCompare(b.createdAt));
  const strandTitle = new Map(framework.strands.map((s) => [s.id, s.title]));

  return framework.criteria.map((criterion, order): OverviewRow => {
    const response = responseOf.get(criterion.id);
    const stored = response?.judgement ?? null;
    const judgement = scalePoint(framework, stored) ? stored : null;
    const fromProfile = profile ? criterionApplies(criterion, profile) : ({ applies: true } as const);
    const claim = response?.notApplicable ?? null;
    const validClaim = claim !== null && notApplicableProblem(criterion, claim) === null;
    const applies: OverviewApplies = !fromProfile.applies ? 'does-not-apply' : validClaim ? 'claimed-not-applicable' : 'applies';
    const notApplicableReason = !fromProfile.applies ? fromProfile.reason : validClaim ? claim.reason.trim() : null;
    const action = openActions.find((a) => a.criterionIds.includes(criterion.id));
    const ownSteps = response?.nextSteps.trim() ?? '';
    const nextStep = action ? { text: action.what.trim(), due: action.byWhen } : ownSteps !== '' ? { text: ownSteps, due: '' } : null;
    const moderated = moderationOf.get(criterion.id);
    const evidenceTitles = evidenceOf.get(criterion.id) ?? [];
    return {
      id: criterion.id,
      title: criterion.title,
      statement: criterion.statement,
      strandId: criterion.strandId,
      strandTitle: strandTitle.get(criterion.strandId) ?? criterion.strandId,
      level: criterion.level,
      levelLabel: levelLabel(framework, criterion.level),
      mandatory: criterion.mandatory,
      statutory: criterion.statutory !== null,
      applies,
      notApplicableReason,
      judgement,
      met: judgement !== null && isMet(framework.scale, judgement),
      judgementText:
        applies === 'does-not-apply'
          ? 'Does not apply'
          : applies === 'claimed-not-applicable'
            ? 'Not applicable (the school’s claim)'
            : (scalePoint(framework, judgement)?.label ?? 'Not judged'),
      evidenceCount: evidenceTitles.length,
      evidenceTitles,
      narrative: response?.narrative ?? '',
      nextStep,
      moderatorDecision:
        input.moderation === null
          ? null
          : decisionText(framework, moderated?.decision ?? null, moderated?.moderatedJudgement ?? null, 'Not reviewed'),
      order,
    };
  });
}

/** Dates first, soonest first; an action without a date after every dated one. */
function dueOrder(a: string, b: string): number {
  if (a === b) return 0;
  if (a === '') return 1;
  if (b === '') return -1;
  return a < b ? -1 : 1;
}

// ---- Filters, sort and search -------------------------------------------------------------------

/** What the judgement filter may ask for: a point of the scale, or one of these. */
export const JUDGEMENT_FILTERS = [
  { id: 'not-judged', label: 'Not judged' },
  { id: 'not-met', label: 'Judged, not met' },
  { id: 'met', label: 'Met' },
] as const;

export type OverviewSortKey = 'id' | 'judgement' | 'evidence' | 'level';
export type SortDirection = 'ascending' | 'descending';

export const SORT_LABELS: Readonly<Record<OverviewSortKey, string>> = {
  id: 'Criterion',
  judgement: 'Judgement',
  evidence: 'Evidence',
  level: 'Level',
};

export interface OverviewQuery {
  /** Only the mandatory criteria. */
  mandatory: boolean;
  level: string | null;
  strand: string | null;
  /** A scale point id, or a JUDGEMENT_FILTERS id. */
  judgement: string | null;
  /** Only criteria that count for the school and have no evidence linked (the dashboard's list). */
  noEvidence: boolean;
  /** 'applies': only criteria that count for the school; 'does-not-apply': only those that do not (either reason). */
  applies: 'all' | 'applies' | 'does-not-apply';
  /** Only these criteria (a dashboard link names the ones that block an award); null: no such limit. */
  ids: readonly string[] | null;
  /** Every word must appear in the id, title, statement, narrative or an evidence title. */
  search: string;
  sort: OverviewSortKey;
  direction: SortDirection;
}

export const EMPTY_OVERVIEW_QUERY: Readonly<OverviewQuery> = {
  mandatory: false,
  level: null,
  strand: null,
  judgement: null,
  noEvidence: false,
  applies: 'all',
  ids: null,
  search: '',
  sort: 'id',
  direction: 'ascending',
};

/** The words of a search, lower case; none for an empty search. */
function searchWords(search: string): string[] {
  return search.toLowerCase().split(/\s+/).filter(Boolean);
}

function matchesJudgement(row: OverviewRow, wanted: string): boolean {
  switch (wanted) {
    case 'not-judged':
      return row.applies === 'applies' && row.judgement === null;
    case 'not-met':
      return row.applies === 'applies' && row.judgement !== null && !row.met;
    case 'met':
      return row.applies === 'applies' && row.met;
    default:
      return row.judgement === wanted;
  }
}

/** Whether a row passes every filter and the search. */
export function rowMatches(row: OverviewRow, query: OverviewQuery): boolean {
  if (query.mandatory && !row.mandatory) return false;
  if (query.level !== null && row.level !== query.level) return false;
  if (query.strand !== null && row.strandId !== query.strand) return false;
  if (query.judgement !== null && !matchesJudgement(row, query.judgement)) return false;
  if (query.noEvidence && (row.applies === 'does-not-apply' || row.evidenceCount > 0)) return false;
  if (query.applies === 'applies' && row.applies !== 'applies') return false;
  if (query.applies === 'does-not-apply' && row.applies === 'applies') return false;
  if (query.ids !== null && !query.ids.includes(row.id)) return false;
  const words = searchWords(query.search);
  if (words.length === 0) return true;
  const text = searchText(row);
  return words.every((word) => text.includes(word));
}

/** Each row's searchable text, lower case, made once per row (rows are never changed, only made anew). */
const searchTexts = new WeakMap<OverviewRow, string>();

function searchText(row: OverviewRow): string {
  const known = searchTexts.get(row);
  if (known !== undefined) return known;
  const text = [row.id, row.title, row.statement, row.narrative, ...row.evidenceTitles].join('\n').toLowerCase();
  searchTexts.set(row, text);
  return text;
}

/**
 * The rows that pass the query, sorted. Ties keep framework order whichever way. Judgement sorts
 * weakest first when ascending: not judged lowest, criteria that do not count for the school
 * below even that.
 */
export function filterAndSort(framework: AppliedFramework, rows: readonly OverviewRow[], query: OverviewQuery): OverviewRow[] {
  const levelIndex = new Map(framework.levels.map((l, i) => [l.id, i]));
  const value = (row: OverviewRow): number => {
    switch (query.sort) {
      case 'id':
        return row.order;
      case 'judgement':
        return row.applies === 'applies' ? judgementRank(framework.scale, row.judgement) : -2;
      case 'evidence':
        return row.evidenceCount;
      case 'level':
        return levelIndex.get(row.level) ?? framework.levels.length;
    }
  };
  const sign = query.direction === 'ascending' ? 1 : -1;
  return rows.filter((row) => rowMatches(row, query)).sort((a, b) => sign * (value(a) - value(b)) || a.order - b.order);
}

/** "Showing 12 of 66 criteria", for the live region above the table. */
export function showingText(shown: number, total: number): string {
  return `Showing ${shown} of ${total} ${total === 1 ? 'criterion' : 'criteria'}`;
}

// ---- The query in the address -------------------------------------------------------------------

/**
 * The query as it is written after '?' in the address, with only what differs from the empty
 * query, in a fixed order: the same query always gives the same address.
 */
export function overviewSearchString(query: Partial<OverviewQuery>): string {
  const full = { ...EMPTY_OVERVIEW_QUERY, ...query };
  const params = new URLSearchParams();
  if (full.mandatory) params.set('mandatory', 'yes');
  if (full.level !== null) params.set('level', full.level);
  if (full.strand !== null) params.set('strand', full.strand);
  if (full.judgement !== null) params.set('judgement', full.judgement);
  if (full.noEvidence) params.set('evidence', 'none');
  if (full.applies !== 'all') params.set('applies', full.applies === 'applies' ? 'yes' : 'no');
  if (full.ids !== null) params.set('ids', full.ids.join(','));
  if (full.search.trim() !== '') params.set('search', full.search);
  if (full.sort !== 'id' || full.direction !== 'ascending') {
    params.set('sort', full.sort);
    params.set('order', full.direction === 'ascending' ? 'up' : 'down');
  }
  return params.toString();
}

export interface ReadQuery {
  query: OverviewQuery;
  /** What the address asked for that this framework does not have, in words: those parts were left out. */
  problems: string[];
}

/**
 * The query an address carries (the part after '?'). Anything the framework does not know (a
 * level, strand, judgement or criterion it lacks, a sort it does not offer) is left out, and a
 * sentence says so: the overview then shows more, never nothing on a mistyped link.
 */
export function readOverviewQuery(framework: AppliedFramework, search: string): ReadQuery {
  const params = new URLSearchParams(search.replace(/^\?/, ''));
  const query: OverviewQuery = { ...EMPTY_OVERVIEW_QUERY };
  const problems: string[] = [];
  const given = (name: string): string | null => {
    const value = params.get(name);
    return value === null || value.trim() === '' ? null : value.trim();
  };

  query.mandatory = given('mandatory') === 'yes';

  const level = given('level');
  if (level !== null) {
    if (framework.levels.some((l) => l.id === level)) query.level = level;
    else problems.push(`This framework has no level “${level}”, so criteria of every level are shown.`);
  }
  const strand = given('strand');
  if (strand !== null) {
    if (framework.strands.some((s) => s.id === strand)) query.strand = strand;
    else problems.push(`This framework has no strand “${strand}”, so criteria of every strand are shown.`);
  }
  const judgement = given('judgement');
  if (judgement !== null) {
    if (JUDGEMENT_FILTERS.some((j) => j.id === judgement) || scalePoint(framework, judgement)) query.judgement = judgement;
    else problems.push(`“${judgement}” is not a judgement on this framework’s scale, so every judgement is shown.`);
  }
  query.noEvidence = given('evidence') === 'none';
  const applies = given('applies');
  query.applies = applies === 'yes' ? 'applies' : applies === 'no' ? 'does-not-apply' : 'all';

  const ids = given('ids');
  if (ids !== null) {
    const listed = ids
      .split(',')
      .map((id) => id.trim())
      .filter(Boolean);
    const known = listed.filter((id) => framework.criterionById.has(id));
    const unknown = listed.filter((id) => !framework.criterionById.has(id));
    if (known.length > 0) query.ids = known;
    if (unknown.length > 0) {
      problems.push(
        `${unknown.length === 1 ? 'Criterion' : 'Criteria'} ${unknown.join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not in this framework, so ${unknown.length === 1 ? 'it is' : 'they are'} left out.`,
      );
    }
  }
  query.search = params.get('search') ?? '';

  const sort = given('sort');
  if (sort !== null) {
    if (sort === 'id' || sort === 'judgement' || sort === 'evidence' || sort === 'level') query.sort = sort;
    else problems.push(`The overview cannot sort by “${sort}”, so it is in framework order.`);
  }
  query.direction = given('order') === 'down' ? 'descending' : 'ascending';
  return { query, problems };
}

/** Whether the query limits the rows at all (so the screen offers to show every criterion). */
export function isFiltered(query: OverviewQuery): boolean {
  return (
    query.mandatory ||
    query.level !== null ||
    query.strand !== null ||
    query.judgement !== null ||
    query.noEvidence ||
    query.applies !== 'all' ||
    query.ids !== null ||
    searchWords(query.search).length > 0
  );
}
