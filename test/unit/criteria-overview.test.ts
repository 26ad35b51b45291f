import { beforeAll, describe, expect, it } from 'vitest';
import type { ActionItem } from '../../shared/actions/action-plan';
import {
  EMPTY_OVERVIEW_QUERY,
  filterAndSort,
  isFiltered,
  overviewRows,
  overviewSearchString,
  readOverviewQuery,
  showingText,
  type OverviewInput,
  type OverviewQuery,
} from '../../shared/evaluation/criteria-overview';
import { summariseEvaluation } from '../../shared/evaluation/evaluation-progress';
import { evidenceLinkKey, responseKey, type CriterionResponse, type EvidenceLink } from '../../shared/evaluation/evaluation-records';
import { criterionApplies, type ApplicabilityProfile } from '../../shared/framework/applicability';
import { applyFramework, type AppliedFramework } from '../../shared/framework/applied-framework';
import { createCatalogue, frameworkForRegion } from '../../shared/framework/framework-catalogue';
import { loadShippedData } from '../../shared/framework/shipped-frameworks';
import { TINY_IDS, tinyApplied } from '../fixtures/tiny-framework';

const EVAL = 'eval-1';

function response(criterionId: string, judgement: string | null, more: Partial<CriterionResponse> = {}): CriterionResponse {
  return {
    key: responseKey(EVAL, criterionId),
    evaluationId: EVAL,
    criterionId,
    judgement,
    narrative: '',
    nextSteps: '',
    updatedAt: '',
    ...more,
  };
}

function link(criterionId: string, evidenceId: string): EvidenceLink {
  return { key: evidenceLinkKey(EVAL, criterionId, evidenceId), evaluationId: EVAL, criterionId, evidenceId };
}

type Action = Pick<ActionItem, 'criterionIds' | 'what' | 'byWhen' | 'status' | 'createdAt'>;
function action(
  criterionId: string,
  what: string,
  byWhen: string,
  status: ActionItem['status'] = 'not-started',
  createdAt = '2026-01-01',
): Action {
  return { criterionIds: [criterionId], what, byWhen, status, createdAt };
}

/**
 * The tiny framework with two limits, as a 2026 edition has: TF-1.2.2 only for secondary schools
 * (so not for the primary profile below), and TF-2.2.2 may be claimed not applicable.
 */
function limitedTiny(): AppliedFramework {
  const tiny = tinyApplied();
  const strands = tiny.base.file.strands.map((strand) => ({
    ...strand,
    standards: strand.standards.map((standard) => ({
      ...standard,
      criteria: standard.criteria.map((c) =>
        c.id === 'TF-1.2.2'
          ? { ...c, appliesTo: { phases: ['secondary' as const], reason: 'It is about pupils in Year 9 and above' } }
          : c.id === 'TF-2.2.2'
            ? { ...c, mayBeNotApplicable: true }
            : c,
      ),
    })),
  }));
  return applyFramework({ ...tiny.base, file: { ...tiny.base.file, strands } });
}

const PRIMARY: ApplicabilityProfile = {
  phases: ['primary'],
  setting: 'mainstream',
  highestYear: 6,
  pupilsOnSenSupport: 30,
  pupilsWithEhcPlan: 4,
  resourcedProvision: false,
  lookedAfterOnRoll: false,
};

const framework = limitedTiny();

/** One evaluation in progress on the limited tiny framework, for a primary school. */
const input: OverviewInput = {
  framework,
  profile: PRIMARY,
  responses: [
    response('TF-1.1.1', 'strong', { narrative: 'The governors review the SEN policy every spring.' }),
    response('TF-1.1.2', 'weak', { nextSteps: 'Share the provision map with every teacher' }),
    response('TF-1.1.3', 'good'),
    response('TF-1.2.1', null, { narrative: 'Parents join termly reviews.' }),
    response('TF-1.2.2', 'strong'), // judged, but it does not apply to a primary school
    response('TF-2.1.1', 'none'),
    response('TF-2.1.2', 'not-a-point'), // an unknown point counts as not judged
    response('TF-2.2.2', null, { notApplicable: { reason: 'We have no resourced provision.' } }),
    response('TF-2.2.3', null, { notApplicable: { reason: 'Not allowed here' } }), // the framework allows no claim: it counts
  ],
  links: [link('TF-1.1.1', 'ev-policy'), link('TF-1.1.1', 'ev-minutes'), link('TF-2.1.1', 'ev-observation'), link('TF-1.2.2', 'ev-policy')],
  evidenceTitles: new Map([
    ['ev-policy', 'SEN Policy 2026'],
    ['ev-minutes', 'Governors minutes, spring term'],
    ['ev-observation', 'Lesson observation: phonics'],
  ]),
  actions: [
    action('TF-1.1.2', 'Later step', '2026-09-01'),
    action('TF-1.1.2', 'Soonest step', '2026-03-01'),
    action('TF-1.1.2', 'Done already', '2026-01-01', 'done'),
    action('TF-2.1.1', 'Undated step', ''),
  ],
  moderation: [
    { criterionId: 'TF-1.1.1', decision: 'agree', moderatedJudgement: null },
    { criterionId: 'TF-1.1.2', decision: 'moderated', moderatedJudgement: 'none' },
  ],
};

const rows = overviewRows(input);
const rowOf = (id: string) => {
  const row = rows.find((r) => r.id === id);
  if (!row) throw new Error(`No row ${id}`);
  return row;
};
const ids = (query: Partial<OverviewQuery>) => filterAndSort(framework, rows, { ...EMPTY_OVERVIEW_QUERY, ...query }).map((r) => r.id);

describe('overviewRows', () => {
  it('gives one row per criterion, in framework order, with where it sits', () => {
    expect(rows.map((r) => r.id)).toEqual([...TINY_IDS]);
    expect(rowOf('TF-2.1.1')).toMatchObject({
      strandId: 'TF-2',
      strandTitle: 'Teaching',
      level: 'bronze',
      levelLabel: 'Bronze',
      mandatory: true,
      statutory: false,
      order: 5,
    });
  });

  it.each([
    ['a judged criterion', 'TF-1.1.1', { judgement: 'strong', met: true, judgementText: 'Strong', applies: 'applies' }],
    ['one judged below the met point', 'TF-1.1.2', { judgement: 'weak', met: false, judgementText: 'Weak' }],
    ['one never judged', 'TF-1.2.1', { judgement: null, met: false, judgementText: 'Not judged' }],
    ['an unknown point', 'TF-2.1.2', { judgement: null, judgementText: 'Not judged' }],
    [
      'one that does not apply to the school, even though judged',
      'TF-1.2.2',
      { applies: 'does-not-apply', judgementText: 'Does not apply', notApplicableReason: 'It is about pupils in Year 9 and above' },
    ],
    [
      'a valid not-applicable claim',
      'TF-2.2.2',
      {
        applies: 'claimed-not-applicable',
        judgementText: 'Not applicable (the school’s claim)',
        notApplicableReason: 'We have no resourced provision.',
      },
    ],
    ['a claim the framework does not allow', 'TF-2.2.3', { applies: 'applies', judgementText: 'Not judged', notApplicableReason: null }],
  ] as const)('judgement and applicability: %s', (_name, id, expected) => {
    expect(rowOf(id)).toMatchObject(expected);
  });

  it.each([
    [
      'evidence titles, in link order',
      'TF-1.1.1',
      { evidenceCount: 2, evidenceTitles: ['SEN Policy 2026', 'Governors minutes, spring term'] },
    ],
    ['the soonest open action, not a done one', 'TF-1.1.2', { nextStep: { text: 'Soonest step', due: '2026-03-01' } }],
    ['an undated action', 'TF-2.1.1', { nextStep: { text: 'Undated step', due: '' } }],
    ['no action and no next steps', 'TF-1.1.3', { nextStep: null, evidenceCount: 0, evidenceTitles: [] }],
    ['the moderator’s agreement', 'TF-1.1.1', { moderatorDecision: 'Agree with the school' }],
    ['the moderator’s change', 'TF-1.1.2', { moderatorDecision: 'Moderated to None' }],
    ['a criterion the report leaves out', 'TF-1.1.3', { moderatorDecision: 'Not reviewed' }],
  ] as const)('evidence, next step and moderation: %s', (_name, id, expected) => {
    expect(rowOf(id)).toMatchObject(expected);
  });

  it('falls back on the school’s own next steps when no action is open, and says nothing of moderation without a report', () => {
    const withoutActions = overviewRows({ ...input, actions: [], moderation: null });
    expect(withoutActions.find((r) => r.id === 'TF-1.1.2')?.nextStep).toEqual({
      text: 'Share the provision map with every teacher',
      due: '',
    });
    expect(withoutActions.every((r) => r.moderatorDecision === null)).toBe(true);
  });

  it('without a profile every criterion applies', () => {
    const noProfile = overviewRows({ ...input, profile: null });
    expect(noProfile.find((r) => r.id === 'TF-1.2.2')).toMatchObject({ applies: 'applies', judgementText: 'Strong' });
  });
});

describe('filterAndSort', () => {
  it.each([
    ['no filter', {}, [...TINY_IDS]],
    ['mandatory', { mandatory: true }, ['TF-1.1.1', 'TF-2.1.1']],
    ['a level', { level: 'silver' }, ['TF-1.1.3', 'TF-2.1.3']],
    ['a strand', { strand: 'TF-1' }, ['TF-1.1.1', 'TF-1.1.2', 'TF-1.1.3', 'TF-1.2.1', 'TF-1.2.2']],
    ['a scale point', { judgement: 'strong' }, ['TF-1.1.1', 'TF-1.2.2']],
    ['not judged', { judgement: 'not-judged' }, ['TF-1.2.1', 'TF-2.1.2', 'TF-2.1.3', 'TF-2.2.1', 'TF-2.2.3']],
    ['judged, not met', { judgement: 'not-met' }, ['TF-1.1.2', 'TF-2.1.1']],
    ['met', { judgement: 'met' }, ['TF-1.1.1', 'TF-1.1.3']],
    ['no evidence', { noEvidence: true, strand: 'TF-1' }, ['TF-1.1.2', 'TF-1.1.3', 'TF-1.2.1']],
    ['does not apply (either reason)', { applies: 'does-not-apply' }, ['TF-1.2.2', 'TF-2.2.2']],
    ['only those that count', { applies: 'applies', strand: 'TF-1' }, ['TF-1.1.1', 'TF-1.1.2', 'TF-1.1.3', 'TF-1.2.1']],
    ['named criteria', { ids: ['TF-2.2.1', 'TF-1.1.2'] }, ['TF-1.1.2', 'TF-2.2.1']],
    ['filters together', { mandatory: true, judgement: 'not-met' }, ['TF-2.1.1']],
  ] as const)('filters: %s', (_name, query, expected) => {
    expect(ids(query as Partial<OverviewQuery>)).toEqual(expected);
  });

  it.each([
    ['a word of a narrative', 'termly', ['TF-1.2.1']],
    ['an evidence title, in any case', 'sen policy', ['TF-1.1.1', 'TF-1.2.2']],
    ['every word must match, anywhere in the row', 'governors phonics', []],
    ['words from the narrative and an evidence title', 'governors minutes spring', ['TF-1.1.1']],
    ['a statement', 'TF-2.2.3 is met', ['TF-2.2.3']],
    ['only spaces: no search', '   ', [...TINY_IDS]],
  ] as const)('search: %s', (_name, search, expected) => {
    expect(ids({ search })).toEqual(expected);
  });

  it.each([
    ['id, descending', { sort: 'id', direction: 'descending' }, [...TINY_IDS].reverse()],
    [
      'judgement, weakest first; not counting below not judged; ties in framework order',
      { sort: 'judgement', direction: 'ascending', strand: 'TF-1' },
      ['TF-1.2.2', 'TF-1.2.1', 'TF-1.1.2', 'TF-1.1.3', 'TF-1.1.1'],
    ],
    [
      'judgement, strongest first',
      { sort: 'judgement', direction: 'descending', strand: 'TF-1' },
      ['TF-1.1.1', 'TF-1.1.3', 'TF-1.1.2', 'TF-1.2.1', 'TF-1.2.2'],
    ],
    [
      'evidence count, most first, ties in framework order',
      { sort: 'evidence', direction: 'descending', mandatory: true },
      ['TF-1.1.1', 'TF-2.1.1'],
    ],
    [
      'evidence count, fewest first',
      { sort: 'evidence', direction: 'ascending', strand: 'TF-1' },
      ['TF-1.1.2', 'TF-1.1.3', 'TF-1.2.1', 'TF-1.2.2', 'TF-1.1.1'],
    ],
    [
      'level, in the framework’s order',
      { sort: 'level', direction: 'descending', strand: 'TF-1' },
      ['TF-1.2.2', 'TF-1.1.3', 'TF-1.1.1', 'TF-1.1.2', 'TF-1.2.1'],
    ],
  ] as const)('sorts: %s', (_name, query, expected) => {
    expect(ids(query as Partial<OverviewQuery>)).toEqual(expected);
  });

  it('says how many of how many are shown', () => {
    expect(showingText(12, 66)).toBe('Showing 12 of 66 criteria');
    expect(showingText(0, 1)).toBe('Showing 0 of 1 criterion');
  });
});

describe('the query in the address', () => {
  it.each([
    ['the empty query', {}, ''],
    ['mandatory, not judged', { mandatory: true, judgement: 'not-judged' }, 'mandatory=yes&judgement=not-judged'],
    ['a strand and no evidence', { strand: 'TF-1', noEvidence: true }, 'strand=TF-1&evidence=none'],
    ['named criteria', { ids: ['TF-1.1.1', 'TF-2.1.1'] }, 'ids=TF-1.1.1%2CTF-2.1.1'],
    ['a search with spaces and symbols', { search: 'SEN & policy' }, 'search=SEN+%26+policy'],
    ['a sort', { sort: 'evidence', direction: 'descending' }, 'sort=evidence&order=down'],
    ['does not apply, a level', { applies: 'does-not-apply', level: 'gold' }, 'level=gold&applies=no'],
  ] as const)('writes and reads back %s', (_name, query, written) => {
    expect(overviewSearchString(query as Partial<OverviewQuery>)).toBe(written);
    const read = readOverviewQuery(framework, `?${written}`);
    expect(read.problems).toEqual([]);
    expect(read.query).toEqual({ ...EMPTY_OVERVIEW_QUERY, ...query });
  });

  it.each([
    ['an unknown level', 'level=platinum', 'This framework has no level “platinum”, so criteria of every level are shown.'],
    ['an unknown strand', 'strand=TF-9', 'This framework has no strand “TF-9”, so criteria of every strand are shown.'],
    [
      'an unknown judgement',
      'judgement=brilliant',
      '“brilliant” is not a judgement on this framework’s scale, so every judgement is shown.',
    ],
    ['an unknown sort', 'sort=colour', 'The overview cannot sort by “colour”, so it is in framework order.'],
    ['a criterion not in the framework', 'ids=TF-1.1.1,XX-1', 'Criterion XX-1 is not in this framework, so it is left out.'],
  ])('leaves out %s and says so', (_name, search, problem) => {
    const read = readOverviewQuery(framework, search);
    expect(read.problems).toEqual([problem]);
    expect(read.query).toEqual({ ...EMPTY_OVERVIEW_QUERY, ids: search.startsWith('ids') ? ['TF-1.1.1'] : null });
  });

  it('knows when the rows are limited at all', () => {
    expect(isFiltered(EMPTY_OVERVIEW_QUERY)).toBe(false);
    expect(isFiltered({ ...EMPTY_OVERVIEW_QUERY, sort: 'level', search: '  ' })).toBe(false);
    expect(isFiltered({ ...EMPTY_OVERVIEW_QUERY, search: 'policy' })).toBe(true);
    expect(isFiltered({ ...EMPTY_OVERVIEW_QUERY, ids: [] })).toBe(true);
  });
});

describe('the overview and the dashboard agree', () => {
  let northEast: AppliedFramework;
  beforeAll(async () => {
    const { frameworks, regions } = await loadShippedData();
    const result = frameworkForRegion(createCatalogue(frameworks, regions), 'north-east');
    if (!result.ok) throw new Error(result.message);
    northEast = result.framework;
  });

  it('on a 2026 edition for a primary school, its not-judged and no-evidence filters give the dashboard’s lists', () => {
    const applying = northEast.criteria.filter((c) => criterionApplies(c, PRIMARY).applies);
    const claimable = applying.find((c) => c.mayBeNotApplicable);
    const responses = applying
      .filter((_c, index) => index % 3 === 0)
      .map((c) => response(c.id, northEast.scale.points[1]?.id ?? null))
      .concat(claimable ? [response(claimable.id, null, { notApplicable: { reason: 'No such pupils on roll.' } })] : []);
    const links = applying.filter((_c, index) => index % 4 === 0).map((c) => link(c.id, 'ev-1'));
    const summary = summariseEvaluation(northEast, responses, links, { profile: PRIMARY });
    const all = overviewRows({
      framework: northEast,
      profile: PRIMARY,
      responses,
      links,
      evidenceTitles: new Map(),
      actions: [],
      moderation: null,
    });
    const filtered = (query: Partial<OverviewQuery>) =>
      filterAndSort(northEast, all, { ...EMPTY_OVERVIEW_QUERY, ...query }).map((r) => r.id);
    expect(summary.unjudged.length).toBeGreaterThan(0);
    expect(filtered({ judgement: 'not-judged' })).toEqual(summary.unjudged);
    expect(filtered({ noEvidence: true })).toEqual(summary.withoutEvidence);
  });
});
