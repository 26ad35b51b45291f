import { describe, expect, it } from 'vitest';
import {
  applyBulkChange,
  bulkChangeFromChoices,
  bulkChangeProblems,
  bulkChangeSummary,
  bulkChoicesProblems,
  UNCHANGED_CHOICES,
} from '../../shared/evidence/evidence-bulk-change';
import { dateFromFileName, nameWords, suggestEvidenceKind } from '../../shared/evidence/evidence-name-guess';
import { filterEvidence, searchText, type EvidenceItem, type EvidenceKind } from '../../shared/evidence/evidence-records';
import { defaultEvidenceView, personalDataLabel, sortEvidence, type EvidenceSort } from '../../shared/evidence/evidence-table';

function item(overrides: Partial<EvidenceItem> & { id: string }): EvidenceItem {
  return {
    schoolId: 'school',
    title: overrides.id,
    kind: 'other',
    date: '',
    description: '',
    heldAt: '',
    containsPersonalData: false,
    redactionConfirmed: false,
    file: null,
    createdAt: '2026-01-01T09:00:00.000Z',
    updatedAt: '2026-01-01T09:00:00.000Z',
    ...overrides,
  };
}

describe('suggestEvidenceKind', () => {
  const cases: [string, EvidenceKind | null][] = [
    ['SEN-Policy_2026.pdf', 'policy'],
    ['Accessibility policies.docx', 'policy'],
    ['governors minutes 12-11-2025.pdf', 'minutes'],
    ['FGB_mins_autumn.pdf', 'minutes'],
    ['provision-map-spring.xlsx', 'provision-map'],
    ['ProvisionMap.xlsx', 'provision-map'],
    ['IEP child A.docx', 'pupil-plan'],
    ['sen support plan - Y4.docx', 'pupil-plan'],
    ['Pupil passport.pdf', 'pupil-plan'],
    ['learning walk autumn.pdf', 'observation'],
    ['pupil voice survey.pdf', 'pupil-voice'],
    ['Parent questionnaire results.xlsx', 'parent-voice'],
    ['KS2 attainment.xlsx', 'attainment-data'],
    ['INSET day dyslexia.pptx', 'training-record'],
    ['letter to parents.docx', 'correspondence'],
    ['Re: annual review.eml', 'correspondence'],
    ['outlook message.MSG', 'correspondence'],
    // Two kinds' words: the name alone does not settle it.
    ['minutes of the policy review.pdf', null],
    ['pupil voice and parent voice.pdf', null],
    // No kind's words, or a word only inside another word.
    ['IMG_2041.jpg', null],
    ['report.pdf', null],
    ['policyholder.pdf', null],
    ['', null],
  ];
  it.each(cases)('%j suggests %j', (name, kind) => {
    expect(suggestEvidenceKind(name)).toBe(kind);
  });

  it('splits a name into its words without the extension', () => {
    expect(nameWords('SEN-Policy_2026 (final).pdf')).toEqual(['sen', 'policy', '2026', 'final']);
    expect(nameWords('ProvisionMap.xlsx')).toEqual(['provision', 'map']);
  });
});

describe('dateFromFileName', () => {
  const cases: [string, string][] = [
    ['minutes 2025-11-12.pdf', '2025-11-12'],
    ['minutes_2025_11_12.pdf', '2025-11-12'],
    ['20251112 minutes.pdf', '2025-11-12'],
    ['minutes 12-11-2025.pdf', '2025-11-12'],
    ['minutes 3.2.2026.pdf', '2026-02-03'],
    ['minutes 12.11.2025 and 12.11.2025.pdf', '2025-11-12'],
    // Not one whole, real date.
    ['policy 2026.pdf', ''],
    ['policy 11-2025.pdf', ''],
    ['minutes 2025-02-30.pdf', ''],
    ['minutes 31-04-2026.pdf', ''],
    ['minutes 2025-13-01.pdf', ''],
    ['two dates 2025-11-12 2025-12-10.pdf', ''],
    ['pupil 123456789.pdf', ''],
    ['scan 18991231.pdf', ''],
    ['', ''],
  ];
  it.each(cases)('%j is dated %j', (name, date) => {
    expect(dateFromFileName(name)).toBe(date);
  });
});

describe('bulk changes', () => {
  it('turns the form’s choices into a change, leaving out what stays as it is', () => {
    expect(bulkChangeFromChoices(UNCHANGED_CHOICES)).toEqual({});
    expect(
      bulkChangeFromChoices({
        kind: 'minutes',
        dateChoice: 'set',
        date: '2025-11-12',
        personalData: 'yes',
        redaction: 'no',
        link: 'NE-1.1.1',
        unlink: 'NE-2.1.1',
      }),
    ).toEqual({
      kind: 'minutes',
      date: '2025-11-12',
      containsPersonalData: true,
      redactionConfirmed: false,
      linkCriterionIds: ['NE-1.1.1'],
      unlinkCriterionIds: ['NE-2.1.1'],
    });
    expect(bulkChangeFromChoices({ ...UNCHANGED_CHOICES, dateChoice: 'clear', date: '2025-11-12' })).toEqual({ date: '' });
    expect(bulkChangeFromChoices({ ...UNCHANGED_CHOICES, date: '2025-11-12' })).toEqual({});
  });

  const problems: [string, Parameters<typeof bulkChoicesProblems>[0], number, Record<string, string>][] = [
    ['nothing chosen', UNCHANGED_CHOICES, 3, { change: 'Choose at least one thing to change for the selected files' }],
    [
      'nothing selected',
      { ...UNCHANGED_CHOICES, kind: 'policy' },
      0,
      { selection: 'Select at least one file in the list, then apply the change' },
    ],
    [
      'a date asked for and not given',
      { ...UNCHANGED_CHOICES, dateChoice: 'set' },
      3,
      { date: 'Enter the document date, or choose to leave the dates as they are' },
    ],
    [
      'a date that is not on the calendar',
      { ...UNCHANGED_CHOICES, dateChoice: 'set', date: '2026-2-30' },
      3,
      { date: 'Enter the document date as a real day, month and year, for example 12 11 2025' },
    ],
    [
      'the same criterion linked and unlinked',
      { ...UNCHANGED_CHOICES, link: 'NE-1.1.1', unlink: 'NE-1.1.1' },
      3,
      { unlink: 'Choose either to link or to unlink NE-1.1.1, not both' },
    ],
    ['a good change', { ...UNCHANGED_CHOICES, personalData: 'no' }, 3, {}],
    ['a date removed', { ...UNCHANGED_CHOICES, dateChoice: 'clear' }, 3, {}],
  ];
  it.each(problems)('%s', (_, choices, selected, expected) => {
    expect(bulkChoicesProblems(choices, selected)).toEqual(expected);
  });

  it('refuses a change whose date is not real, whoever makes it', () => {
    expect(bulkChangeProblems({ date: '2026-02-29' }, 1).date).toMatch(/real day/);
    expect(bulkChangeProblems({ date: '2028-02-29' }, 1)).toEqual({});
  });

  it('applies the details and settles a suggested kind', () => {
    const suggested = item({ id: 'a', suggestedKind: 'policy', date: '2024-01-01' });
    const plain = item({ id: 'b', kind: 'minutes' });
    const now = '2026-12-04T10:00:00.000Z';

    const confirmed = applyBulkChange(suggested, { kind: 'suggested' }, now);
    expect([confirmed.kind, 'suggestedKind' in confirmed, confirmed.updatedAt]).toEqual(['policy', false, now]);
    expect(applyBulkChange(plain, { kind: 'suggested' }, now).kind).toBe('minutes');

    const chosen = applyBulkChange(suggested, { kind: 'observation', date: '', containsPersonalData: true, redactionConfirmed: true }, now);
    expect(chosen).toEqual({
      ...suggested,
      suggestedKind: undefined,
      kind: 'observation',
      date: '',
      containsPersonalData: true,
      redactionConfirmed: true,
      updatedAt: now,
    });
    expect('suggestedKind' in chosen).toBe(false);
    // A change that says nothing of the kind leaves the suggestion waiting.
    expect(applyBulkChange(suggested, { containsPersonalData: true }, now).suggestedKind).toBe('policy');
    // The item passed in is not changed.
    expect(suggested.suggestedKind).toBe('policy');
  });

  it('says how many files changed', () => {
    expect(bulkChangeSummary(50)).toBe('Updated 50 files.');
    expect(bulkChangeSummary(1)).toBe('Updated 1 file.');
    expect(bulkChangeSummary(0)).toBe('Updated 0 files.');
  });
});

describe('sortEvidence', () => {
  const items = [
    item({ id: 'b', title: 'Beta', kind: 'policy', date: '2025-01-10', createdAt: '2026-03-01T00:00:00Z', containsPersonalData: true }),
    item({ id: 'a', title: 'alpha', kind: 'minutes', date: '', createdAt: '2026-01-01T00:00:00Z' }),
    item({
      id: 'c',
      title: 'Gamma 10',
      kind: 'observation',
      date: '2024-06-01',
      createdAt: '2026-02-01T00:00:00Z',
      containsPersonalData: true,
      redactionConfirmed: true,
      file: { name: 'g.pdf', type: 'application/pdf', size: 500, sha256: 'c'.repeat(64) },
    }),
    item({
      id: 'd',
      title: 'Gamma 9',
      kind: 'observation',
      date: '2025-01-10',
      createdAt: '2026-02-01T00:00:00Z',
      file: { name: 'h.pdf', type: 'application/pdf', size: 20, sha256: 'd'.repeat(64) },
    }),
  ];
  const links: Record<string, number> = { a: 2, b: 0, c: 1, d: 1 };
  const order = (sort: EvidenceSort) => sortEvidence(items, sort, (i) => links[i.id] ?? 0).map((i) => i.id);

  const cases: [EvidenceSort, string[]][] = [
    [{ key: 'title', direction: 'ascending' }, ['a', 'b', 'd', 'c']],
    [{ key: 'title', direction: 'descending' }, ['c', 'd', 'b', 'a']],
    [{ key: 'kind', direction: 'ascending' }, ['a', 'd', 'c', 'b']],
    // Undated items come last either way; ties by title.
    [{ key: 'date', direction: 'ascending' }, ['c', 'b', 'd', 'a']],
    [{ key: 'date', direction: 'descending' }, ['b', 'd', 'c', 'a']],
    [{ key: 'added', direction: 'descending' }, ['b', 'd', 'c', 'a']],
    [{ key: 'size', direction: 'descending' }, ['c', 'd', 'a', 'b']],
    [{ key: 'criteria', direction: 'descending' }, ['a', 'd', 'c', 'b']],
    [{ key: 'personalData', direction: 'ascending' }, ['b', 'c', 'a', 'd']],
  ];
  it.each(cases)('%j', (sort, expected) => {
    expect(order(sort)).toEqual(expected);
  });

  it('says where an item stands on personal data', () => {
    expect(items.map(personalDataLabel)).toEqual(['Yes, not redacted', 'No', 'Yes, redacted', 'No']);
  });

  it('opens a small library as cards and a large one as a table', () => {
    expect([0, 12, 13, 500].map(defaultEvidenceView)).toEqual(['cards', 'cards', 'table', 'table']);
  });
});

describe('the search text of an item', () => {
  it('is its title, description, where it is held, file name and linked criteria, in lower case', () => {
    const minutes = item({ id: 'a', title: 'Governors Minutes', description: 'Autumn', heldAt: 'SEN Office' });
    expect(searchText(minutes, ['NE-1.1.1'])).toBe('governors minutes autumn sen office  ne-1.1.1');
  });

  it('follows a new list of links and a changed record, and a search finds by them', () => {
    const visit = item({ id: 'v', title: 'Lesson visit' });
    const first: readonly string[] = ['NE-1.1.1'];
    expect(filterEvidence([visit], { text: 'ne-1.1.1' }, new Map([['v', first]]))).toEqual([visit]);
    expect(filterEvidence([visit], { text: 'ne-2.1.1' }, new Map([['v', first]]))).toEqual([]);
    // Links changed: a new list, so the text is made again.
    expect(filterEvidence([visit], { text: 'ne-2.1.1' }, new Map([['v', ['NE-2.1.1']]]))).toEqual([visit]);
    // The record changed: a new object from the database, so its new title is searched.
    const renamed = { ...visit, title: 'Learning walk' };
    expect(filterEvidence([renamed], { text: 'walk' }, new Map([['v', first]]))).toEqual([renamed]);
    expect(filterEvidence([visit], { text: 'walk' }, new Map([['v', first]]))).toEqual([]);
  });
});
