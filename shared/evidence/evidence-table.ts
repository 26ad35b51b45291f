import { evidenceKindLabel, type EvidenceItem } from './evidence-records';

/** The columns the evidence table sorts by. */
export const EVIDENCE_SORT_KEYS = ['title', 'kind', 'date', 'added', 'size', 'criteria', 'personalData'] as const;
export type EvidenceSortKey = (typeof EVIDENCE_SORT_KEYS)[number];
export type SortDirection = 'ascending' | 'descending';

export interface EvidenceSort {
  key: EvidenceSortKey;
  direction: SortDirection;
}

/** The library's first order: the newest additions first. */
export const DEFAULT_EVIDENCE_SORT: EvidenceSort = { key: 'added', direction: 'descending' };

/** Where an item stands on personal data, most in need of attention first when sorted ascending. */
export type PersonalDataState = 'not-redacted' | 'redacted' | 'none';

export function personalDataState(item: EvidenceItem): PersonalDataState {
  if (!item.containsPersonalData) return 'none';
  return item.redactionConfirmed ? 'redacted' : 'not-redacted';
}

export function personalDataLabel(item: EvidenceItem): string {
  const state = personalDataState(item);
  return state === 'none' ? 'No' : state === 'redacted' ? 'Yes, redacted' : 'Yes, not redacted';
}

const PERSONAL_DATA_ORDER: Record<PersonalDataState, number> = { 'not-redacted': 0, redacted: 1, none: 2 };

// One collator for every comparison: `localeCompare` given a locale and options looks one up on each call.
const TEXT_ORDER = new Intl.Collator('en-GB', { sensitivity: 'base', numeric: true });
const byText = (a: string, b: string) => TEXT_ORDER.compare(a, b);
/** ISO dates and times, and ids, in the order of their characters (for these, the same as the alphabet's). */
const byCharacters = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The items in the order of one column. Ties (and, for dates, items with no date, which always
 * come last) fall back to the title, so the order never depends on how the items were read.
 */
export function sortEvidence(
  items: readonly EvidenceItem[],
  sort: EvidenceSort,
  linkCount: (item: EvidenceItem) => number,
): EvidenceItem[] {
  const sign = sort.direction === 'ascending' ? 1 : -1;
  const compare = (a: EvidenceItem, b: EvidenceItem): number => {
    switch (sort.key) {
      case 'title':
        return sign * byText(a.title, b.title);
      case 'kind':
        return sign * byText(evidenceKindLabel(a.kind), evidenceKindLabel(b.kind));
      case 'date':
        if ((a.date === '') !== (b.date === '')) return a.date === '' ? 1 : -1;
        return sign * byCharacters(a.date, b.date);
      case 'added':
        return sign * byCharacters(a.createdAt, b.createdAt);
      case 'size':
        return sign * ((a.file?.size ?? -1) - (b.file?.size ?? -1));
      case 'criteria':
        return sign * (linkCount(a) - linkCount(b));
      case 'personalData':
        return sign * (PERSONAL_DATA_ORDER[personalDataState(a)] - PERSONAL_DATA_ORDER[personalDataState(b)]);
    }
  };
  return [...items].sort((a, b) => compare(a, b) || byText(a.title, b.title) || byCharacters(a.id, b.id));
}

/** The table's view the first time the library opens: cards while there are few, a table once they are many. */
export const TABLE_VIEW_FROM_ITEMS = 13;
export type EvidenceView = 'table' | 'cards';

export function defaultEvidenceView(itemCount: number): EvidenceView {
  return itemCount >= TABLE_VIEW_FROM_ITEMS ? 'table' : 'cards';
}
