import { describe, expect, it } from 'vitest';
import northEastToNorthEast2026 from '../../criteria/crosswalks/north-east--north-east-2026.json';
import southWestParentsToSouthWestParents2026 from '../../criteria/crosswalks/south-west-parents--south-west-parents-2026.json';
import southernToSouthern2026 from '../../criteria/crosswalks/southern--southern-2026.json';
import northEast2026 from '../../criteria/frameworks/north-east-2026.json';
import northEast from '../../criteria/frameworks/north-east.json';
import southWestParents2026 from '../../criteria/frameworks/south-west-parents-supplement-2026.json';
import southWestParents from '../../criteria/frameworks/south-west-parents-supplement.json';
import southern2026 from '../../criteria/frameworks/southern-2026.json';
import southern from '../../criteria/frameworks/southern.json';
import {
  carriedFromHeading,
  carryForwardAcrossEditions,
  loadCrosswalk,
  previousNarrativeKey,
  type CrosswalkEditions,
  type CrosswalkFile,
  type EditionCarryForwardInput,
  type EditionOutline,
} from '../../shared/evaluation/edition-crosswalk';
import { evidenceLinkKey, responseKey, type CriterionResponse, type EvidenceLink } from '../../shared/evaluation/evaluation-records';

// ---- The shipped crosswalks ----

interface Shipped {
  name: string;
  value: unknown;
  editions: CrosswalkEditions;
}

const SHIPPED: Shipped[] = [
  { name: 'north-east--north-east-2026.json', value: northEastToNorthEast2026, editions: { from: northEast, to: northEast2026 } },
  { name: 'southern--southern-2026.json', value: southernToSouthern2026, editions: { from: southern, to: southern2026 } },
  {
    name: 'south-west-parents--south-west-parents-2026.json',
    value: southWestParentsToSouthWestParents2026,
    editions: { from: southWestParents, to: southWestParents2026, toBase: southern2026 },
  },
];

/** Read straight from the framework JSON, not through the module under test. */
function idsIn(edition: EditionOutline): string[] {
  const ids: string[] = [];
  for (const strand of edition.strands) for (const standard of strand.standards) for (const c of standard.criteria) ids.push(c.id);
  return ids;
}

function shippedCrosswalk(name: string): CrosswalkFile {
  const s = SHIPPED.find((x) => x.name === name);
  if (!s) throw new Error(`no shipped crosswalk ${name}`);
  const result = loadCrosswalk(s.name, s.value, s.editions);
  if (!result.ok) throw new Error(result.problems.map((p) => `${p.pointer}: ${p.message}`).join('\n'));
  return result.crosswalk;
}

describe('the shipped crosswalks', () => {
  it.each(SHIPPED)('$name is valid against both editions', ({ name, value, editions }) => {
    const result = loadCrosswalk(name, value, editions);
    expect(result.ok ? [] : result.problems).toEqual([]);
  });

  it.each(SHIPPED)('$name has exactly one entry for every historic criterion', ({ name, editions }) => {
    const crosswalk = shippedCrosswalk(name);
    const from = crosswalk.entries.map((e) => e.from);
    expect(new Set(from).size).toBe(from.length);
    expect([...from].sort()).toEqual(idsIn(editions.from).sort());
  });

  it.each(SHIPPED)(
    '$name: every successor exists and the new-criteria list is exactly the unnamed current criteria',
    ({ name, editions }) => {
      const crosswalk = shippedCrosswalk(name);
      const own = idsIn(editions.to);
      const reachable = new Set([...own, ...(editions.toBase ? idsIn(editions.toBase) : [])]);
      const named = new Set<string>();
      for (const entry of crosswalk.entries) {
        const ids = 'successors' in entry ? entry.successors : (entry.see ?? []);
        for (const id of ids) expect(reachable.has(id), `${entry.from} -> ${id}`).toBe(true);
        if ('successors' in entry) for (const id of entry.successors) named.add(id);
      }
      expect([...crosswalk.newCriteria].sort()).toEqual(own.filter((id) => !named.has(id)).sort());
    },
  );

  it.each(SHIPPED)('$name: every retired criterion has a reason and every mapped one a note', ({ name }) => {
    for (const entry of shippedCrosswalk(name).entries) {
      if ('retired' in entry) expect(entry.reason.length, entry.from).toBeGreaterThan(40);
      else expect(entry.note.length, entry.from).toBeGreaterThan(40);
    }
  });

  it.each(SHIPPED)('$name: an evidence-only note tells the school its narrative is kept for reference', ({ name }) => {
    for (const entry of shippedCrosswalk(name).entries) {
      if ('carry' in entry && entry.carry === 'evidence-only') expect(entry.note, entry.from).toMatch(/kept for reference/);
      if ('carry' in entry && entry.carry === 'narrative-and-evidence') expect(entry.note, entry.from).not.toMatch(/kept for reference/);
    }
  });

  it('sends the abolished procedures to their successors as evidence only', () => {
    const ne = shippedCrosswalk('north-east--north-east-2026.json');
    const so = shippedCrosswalk('southern--southern-2026.json');
    const entry = (c: CrosswalkFile, id: string) => c.entries.find((e) => e.from === id);
    // IEPs, statements, the Connexions transition plan and the parent partnership service.
    expect(entry(ne, 'NE-2.2.2')).toMatchObject({ successors: ['NE26-2.2.1'], carry: 'evidence-only' });
    expect(entry(ne, 'NE-7.2.2')).toMatchObject({ successors: ['NE26-7.1.2'], carry: 'evidence-only' });
    expect(entry(ne, 'NE-7.3.2')).toMatchObject({ successors: ['NE26-7.3.1', 'NE26-7.3.2'], carry: 'evidence-only' });
    expect(entry(ne, 'NE-5.1.2')).toMatchObject({ successors: ['NE26-4.1.3'], carry: 'evidence-only' });
    expect(entry(so, 'SO-8.2.3')).toMatchObject({ successors: ['SO26-7.1.4'], carry: 'evidence-only' });
    // The primary-school trap: the Year 9 transition plan is succeeded by the Year 9 EHC plan review.
    expect(entry(so, 'SO-8.3.2')).toMatchObject({ successors: ['SO26-8.1.2', 'SO26-8.1.3'], carry: 'evidence-only' });
  });
});

// ---- Broken copies: every check can fail ----

function brokenNorthEast(edit: (c: CrosswalkFile) => void): unknown {
  const copy = structuredClone(northEastToNorthEast2026) as CrosswalkFile;
  edit(copy);
  return copy;
}

function problemsOf(value: unknown, editions: CrosswalkEditions = SHIPPED[0]!.editions): string[] {
  const result = loadCrosswalk('copy.json', value, editions);
  return result.ok ? [] : result.problems.map((p) => `${p.pointer || '/'}: ${p.message}`);
}

describe('loadCrosswalk refuses a broken copy', () => {
  it('with a historic criterion missing', () => {
    const value = brokenNorthEast((c) => {
      c.entries = c.entries.filter((e) => e.from !== 'NE-4.1.2');
    });
    expect(problemsOf(value)).toEqual(['/entries: has no entry for NE-4.1.2: name its successors or say why it was retired']);
  });

  it('with a successor that does not exist', () => {
    const value = brokenNorthEast((c) => {
      const entry = c.entries.find((e) => e.from === 'NE-1.1.1');
      // NE26-4.1.1 stays named by NE-1.3.1, so only the unknown successor is wrong.
      if (entry && 'successors' in entry) entry.successors = ['NE26-9.9.9'];
    });
    expect(problemsOf(value)).toEqual(['/entries/0/successors/0: NE26-9.9.9 is not a criterion of north-east-2026']);
  });

  it('with a retired criterion pointing at a criterion that does not exist', () => {
    const value = brokenNorthEast((c) => {
      const entry = c.entries.find((e) => e.from === 'NE-5.2.4');
      if (entry && 'retired' in entry) entry.see = ['NE-4.2.3'];
    });
    expect(problemsOf(value)).toEqual([
      `/entries/${northEastToNorthEast2026.entries.findIndex((e) => e.from === 'NE-5.2.4')}/see/0: NE-4.2.3 is not a criterion of north-east-2026`,
    ]);
  });

  it('with a duplicated entry', () => {
    const value = brokenNorthEast((c) => {
      c.entries.push(structuredClone(c.entries[3]!));
    });
    expect(problemsOf(value)).toEqual([
      `/entries/${northEastToNorthEast2026.entries.length}/from: repeats NE-1.2.1, which already has an entry at /entries/3`,
    ]);
  });

  it('with an entry for a criterion the historic edition does not have', () => {
    const value = brokenNorthEast((c) => {
      c.entries.push({ from: 'NE-9.1.1', retired: true, reason: 'A criterion that was never in the framework.' });
    });
    expect(problemsOf(value)).toEqual([
      `/entries/${northEastToNorthEast2026.entries.length}/from: NE-9.1.1 is not a criterion of north-east`,
    ]);
  });

  it('with a new criterion left out, or one listed that is a successor, or one from another edition', () => {
    expect(problemsOf(brokenNorthEast((c) => void (c.newCriteria = c.newCriteria.filter((id) => id !== 'NE26-8.3.4'))))).toEqual([
      '/newCriteria: leaves out NE26-8.3.4, which no entry names as a successor',
    ]);
    const n = northEastToNorthEast2026.newCriteria.length;
    expect(problemsOf(brokenNorthEast((c) => void c.newCriteria.push('NE26-1.1.1')))).toEqual([
      `/newCriteria/${n}: NE26-1.1.1 is named as a successor, so it is not new`,
    ]);
    expect(problemsOf(brokenNorthEast((c) => void c.newCriteria.push('SO26-1.1.1')))).toEqual([
      `/newCriteria/${n}: SO26-1.1.1 is not a criterion of north-east-2026`,
    ]);
  });

  it('checked against editions it does not join', () => {
    expect(problemsOf(northEastToNorthEast2026, { from: southern, to: southern2026 })).toEqual([
      '/from: names "north-east", but it is being checked against the edition "southern"',
      '/to: names "north-east-2026", but it is being checked against the edition "southern-2026"',
    ]);
  });

  it('for a supplement checked without the framework it adds to', () => {
    const s = SHIPPED[2]!;
    expect(problemsOf(s.value, { from: southWestParents, to: southWestParents2026 })).toEqual([
      '/to: is a supplement to "southern-2026", which must be given to check the crosswalk',
    ]);
    // Without the base framework the successors that moved into the Southern core would not resolve.
    expect(problemsOf(s.value, { from: southWestParents, to: southWestParents2026, toBase: northEast2026 })).toHaveLength(1);
  });

  it('that breaks the schema: no reason for a retirement, an unknown carry, no successors', () => {
    const value = brokenNorthEast((c) => {
      const retired = c.entries.find((e) => e.from === 'NE-5.2.4') as unknown as Record<string, unknown>;
      delete retired.reason;
      (c.entries[0] as unknown as Record<string, unknown>).carry = 'everything';
      (c.entries[1] as unknown as Record<string, unknown>).successors = [];
    });
    const problems = problemsOf(value);
    const at = northEastToNorthEast2026.entries.findIndex((e) => e.from === 'NE-5.2.4');
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^\/entries\/0: /),
        expect.stringMatching(/^\/entries\/1: /),
        expect.stringMatching(new RegExp(`^/entries/${at}: `)),
      ]),
    );
    expect(problems).toHaveLength(3);
  });

  it('that is not a crosswalk at all', () => {
    expect(problemsOf('north-east')).toEqual(['/: must be an object']);
  });
});

// ---- Carrying forward across editions ----

const OLD = 'eval-2019';
const NEW = 'eval-2026';
const OTHER = 'eval-other';
const NOW = '2026-09-01T09:00:00.000Z';

function response(
  evaluationId: string,
  criterionId: string,
  judgement: string | null,
  narrative: string,
  nextSteps = '',
): CriterionResponse {
  return {
    key: responseKey(evaluationId, criterionId),
    evaluationId,
    criterionId,
    judgement,
    narrative,
    nextSteps,
    updatedAt: '2019-06-30T12:00:00.000Z',
  };
}

function link(evaluationId: string, criterionId: string, evidenceId: string): EvidenceLink {
  return { key: evidenceLinkKey(evaluationId, criterionId, evidenceId), evaluationId, criterionId, evidenceId };
}

/** A small crosswalk with one of each kind of entry. */
const SMALL: CrosswalkFile = {
  formatVersion: 1,
  kind: 'crosswalk',
  from: 'old-edition',
  to: 'new-edition',
  description: 'A crosswalk made for these tests.',
  entries: [
    { from: 'O-1.1.1', successors: ['N-1.1.1'], carry: 'narrative-and-evidence', note: 'Still fits as it was.' },
    { from: 'O-1.1.2', successors: ['N-1.1.1', 'N-1.1.2'], carry: 'narrative-and-evidence', note: 'Merged into N-1.1.1.' },
    { from: 'O-1.1.3', successors: ['N-1.1.2', 'N-1.1.3'], carry: 'evidence-only', note: 'The procedure was abolished.' },
    { from: 'O-1.1.4', retired: true, reason: 'Nothing takes its place.', see: ['N-1.1.3'] },
    { from: 'O-1.1.5', successors: ['N-1.1.3'], carry: 'narrative-and-evidence', note: 'Still fits, word for word.' },
  ],
  newCriteria: ['N-1.1.4'],
};

function outline(id: string, prefix: string, count: number): EditionOutline {
  return {
    id,
    kind: 'framework',
    strands: [{ standards: [{ criteria: Array.from({ length: count }, (_, i) => ({ id: `${prefix}-1.1.${i + 1}` })) }] }],
  };
}

function carryInput(overrides: Partial<EditionCarryForwardInput> = {}): EditionCarryForwardInput {
  return {
    fromEvaluationId: OLD,
    toEvaluationId: NEW,
    responses: [
      response(OLD, 'O-1.1.1', 'established', 'Our SENCO meets every teacher.', 'Train the new staff.'),
      response(OLD, 'O-1.1.2', 'embedded', 'Teachers adapt every lesson.'),
      response(OLD, 'O-1.1.3', 'developing', 'IEPs are reviewed twice a year.', 'Move IEPs online.'),
      response(OLD, 'O-1.1.4', 'not-yet', 'We benchmark against the region.'),
      response(OLD, 'O-1.1.5', null, '   ', ''),
      response(OTHER, 'O-1.1.1', 'embedded', 'Another school entirely.'),
    ],
    links: [
      link(OLD, 'O-1.1.1', 'ev-policy'),
      link(OLD, 'O-1.1.2', 'ev-policy'),
      link(OLD, 'O-1.1.2', 'ev-plans'),
      link(OLD, 'O-1.1.3', 'ev-ieps'),
      link(OLD, 'O-1.1.4', 'ev-benchmark'),
      link(OLD, 'X-9.9.9', 'ev-stray'),
      link(OTHER, 'O-1.1.3', 'ev-other'),
    ],
    crosswalks: [SMALL],
    now: NOW,
    ...overrides,
  };
}

describe('carryForwardAcrossEditions', () => {
  it('the small crosswalk used below is itself valid', () => {
    const result = loadCrosswalk('small.json', SMALL, { from: outline('old-edition', 'O', 5), to: outline('new-edition', 'N', 4) });
    expect(result.ok ? [] : result.problems).toEqual([]);
  });

  it('carries a narrative that still fits to the first successor, joining two that merge under headings', () => {
    const { responses } = carryForwardAcrossEditions(carryInput());
    expect(responses).toEqual([
      {
        key: `${NEW}|N-1.1.1`,
        evaluationId: NEW,
        criterionId: 'N-1.1.1',
        judgement: null,
        narrative: `${carriedFromHeading('O-1.1.1')}\nOur SENCO meets every teacher.\n\n${carriedFromHeading('O-1.1.2')}\nTeachers adapt every lesson.`,
        nextSteps: 'Train the new staff.',
        updatedAt: NOW,
      },
    ]);
    expect(carriedFromHeading('O-1.1.1')).toBe('From O-1.1.1:');
  });

  it('carries a single narrative as it was, without a heading', () => {
    const { responses } = carryForwardAcrossEditions(
      carryInput({ responses: [response(OLD, 'O-1.1.2', null, 'Teachers adapt every lesson.', 'Keep going.')] }),
    );
    expect(responses).toEqual([
      {
        key: `${NEW}|N-1.1.1`,
        evaluationId: NEW,
        criterionId: 'N-1.1.1',
        judgement: null,
        narrative: 'Teachers adapt every lesson.',
        nextSteps: 'Keep going.',
        updatedAt: NOW,
      },
    ]);
  });

  it('keeps an evidence-only narrative for reference on the first successor, not as its narrative', () => {
    const result = carryForwardAcrossEditions(carryInput());
    expect(result.previousNarratives).toEqual([
      {
        key: previousNarrativeKey(NEW, 'N-1.1.2', 'O-1.1.3'),
        evaluationId: NEW,
        criterionId: 'N-1.1.2',
        fromCriterionId: 'O-1.1.3',
        narrative: 'IEPs are reviewed twice a year.',
        nextSteps: 'Move IEPs online.',
        note: 'The procedure was abolished.',
      },
    ]);
    expect(previousNarrativeKey(NEW, 'N-1.1.2', 'O-1.1.3')).toBe(`${NEW}|N-1.1.2|O-1.1.3`);
    expect(result.responses.some((r) => r.narrative.includes('IEPs'))).toBe(false);
  });

  it('sends evidence to every successor, once per criterion, for both kinds of entry', () => {
    const { links } = carryForwardAcrossEditions(carryInput());
    expect(links).toEqual([
      link(NEW, 'N-1.1.1', 'ev-policy'),
      link(NEW, 'N-1.1.2', 'ev-policy'),
      link(NEW, 'N-1.1.1', 'ev-plans'),
      link(NEW, 'N-1.1.2', 'ev-plans'),
      link(NEW, 'N-1.1.2', 'ev-ieps'),
      link(NEW, 'N-1.1.3', 'ev-ieps'),
    ]);
  });

  it('lists retired criteria with their reasons and carries nothing for them', () => {
    const result = carryForwardAcrossEditions(carryInput());
    expect(result.retired).toEqual([{ criterionId: 'O-1.1.4', reason: 'Nothing takes its place.', see: ['N-1.1.3'], hadWork: true }]);
    expect(result.links.some((l) => l.evidenceId === 'ev-benchmark')).toBe(false);
    expect(result.responses.some((r) => r.narrative.includes('benchmark'))).toBe(false);
    expect(carryForwardAcrossEditions(carryInput({ responses: [], links: [] })).retired[0]?.hadWork).toBe(false);
  });

  it('lists the new criteria', () => {
    expect(carryForwardAcrossEditions(carryInput()).newCriteria).toEqual(['N-1.1.4']);
  });

  it('never carries a judgement, and lists every historic criterion that had one', () => {
    const result = carryForwardAcrossEditions(carryInput());
    expect(result.responses.every((r) => r.judgement === null)).toBe(true);
    expect(result.clearedJudgements).toEqual(['O-1.1.1', 'O-1.1.2', 'O-1.1.3', 'O-1.1.4']);
  });

  it('carries nothing for a blank narrative and reports criteria no crosswalk names', () => {
    const result = carryForwardAcrossEditions(carryInput());
    expect(result.responses.map((r) => r.criterionId)).not.toContain('N-1.1.3');
    expect(result.unmapped).toEqual(['X-9.9.9']);
  });

  it('ignores the records of other evaluations and leaves its input untouched', () => {
    const original = carryInput();
    const copy = structuredClone(original);
    const result = carryForwardAcrossEditions(original);
    expect(original).toEqual(copy);
    expect(JSON.stringify(result)).not.toContain('Another school');
    expect(result.links.some((l) => l.evidenceId === 'ev-other')).toBe(false);
    expect([...result.responses, ...result.links, ...result.previousNarratives].every((r) => r.evaluationId === NEW)).toBe(true);
  });

  it('carries nothing from an evaluation with no records', () => {
    expect(carryForwardAcrossEditions(carryInput({ fromEvaluationId: 'eval-none' }))).toEqual({
      responses: [],
      links: [],
      previousNarratives: [],
      newCriteria: ['N-1.1.4'],
      retired: [{ criterionId: 'O-1.1.4', reason: 'Nothing takes its place.', see: ['N-1.1.3'], hadWork: false }],
      clearedJudgements: [],
      unmapped: [],
    });
  });
});

describe('carryForwardAcrossEditions with the shipped crosswalks', () => {
  it('carries a North East 2005 evaluation into the 2026 edition', () => {
    const ne = shippedCrosswalk('north-east--north-east-2026.json');
    const result = carryForwardAcrossEditions({
      fromEvaluationId: OLD,
      toEvaluationId: NEW,
      responses: [
        response(OLD, 'NE-3.1.1', 'established', 'Pupil profiles go to every teacher.'),
        response(OLD, 'NE-3.1.2', 'established', 'Lesson plans show adaptations.'),
        response(OLD, 'NE-2.2.2', 'embedded', 'Every pupil at School Action has an IEP.'),
        response(OLD, 'NE-7.3.2', 'established', 'Connexions attends Year 9 reviews.'),
      ],
      links: [link(OLD, 'NE-2.2.2', 'ev-ieps'), link(OLD, 'NE-7.3.2', 'ev-transition'), link(OLD, 'NE-5.2.4', 'ev-workshops')],
      crosswalks: [ne],
      now: NOW,
    });
    expect(result.responses).toEqual([
      expect.objectContaining({
        criterionId: 'NE26-3.1.1',
        judgement: null,
        narrative: 'From NE-3.1.1:\nPupil profiles go to every teacher.\n\nFrom NE-3.1.2:\nLesson plans show adaptations.',
      }),
    ]);
    expect(result.previousNarratives.map((p) => [p.criterionId, p.fromCriterionId])).toEqual([
      ['NE26-2.2.1', 'NE-2.2.2'],
      ['NE26-7.3.1', 'NE-7.3.2'],
    ]);
    expect(result.links.map((l) => `${l.criterionId} ${l.evidenceId}`)).toEqual([
      'NE26-2.2.1 ev-ieps',
      'NE26-7.3.1 ev-transition',
      'NE26-7.3.2 ev-transition',
    ]);
    expect(result.retired.map((r) => [r.criterionId, r.hadWork])).toEqual([['NE-5.2.4', true]]);
    expect(result.newCriteria).toEqual(ne.newCriteria);
    expect(result.newCriteria).toContain('NE26-6.1.1');
    expect(result.clearedJudgements).toEqual(['NE-2.2.2', 'NE-3.1.1', 'NE-3.1.2', 'NE-7.3.2']);
  });

  it('carries a South West evaluation through the Southern and supplement crosswalks together', () => {
    const so = shippedCrosswalk('southern--southern-2026.json');
    const sw = shippedCrosswalk('south-west-parents--south-west-parents-2026.json');
    // SO26-6.2.1 (helping families at home) has no Southern predecessor, but the South West one moved there.
    expect(so.newCriteria).toContain('SO26-6.2.1');
    const result = carryForwardAcrossEditions({
      fromEvaluationId: OLD,
      toEvaluationId: NEW,
      responses: [response(OLD, 'SW-1.1.4', 'embedded', 'Termly reading workshops for parents.')],
      links: [link(OLD, 'SO-1.2.1', 'ev-access-plan')],
      crosswalks: [so, sw],
      now: NOW,
    });
    expect(result.responses.map((r) => [r.criterionId, r.narrative])).toEqual([['SO26-6.2.1', 'Termly reading workshops for parents.']]);
    expect(result.links.map((l) => `${l.criterionId} ${l.evidenceId}`)).toEqual(['SO26-2.1.3 ev-access-plan']);
    expect(result.newCriteria).not.toContain('SO26-6.2.1');
    expect(result.newCriteria).toContain('SO26-1.3.2');
    expect(result.newCriteria).toContain('SW26-1.1.2');
    expect(result.retired.map((r) => r.criterionId)).toEqual(['SW-1.2.4']);
  });
});
