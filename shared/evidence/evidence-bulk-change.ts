import { isRealDate } from '../actions/action-plan';
import type { EvidenceItem, EvidenceKind } from './evidence-records';

/**
 * One change made to many evidence items at once. Each part is left out when it should not change:
 * a kind (or each item's suggested kind), the document date (a date, or '' to say it is not known),
 * the personal-data flags, and criteria to link or unlink in one evaluation.
 */
export interface EvidenceBulkChange {
  kind?: EvidenceKind | 'suggested';
  date?: string;
  containsPersonalData?: boolean;
  redactionConfirmed?: boolean;
  linkCriterionIds?: readonly string[];
  unlinkCriterionIds?: readonly string[];
}

/** The parts of the bulk-change form a message can be about, in the order the form shows them. */
export const BULK_CHANGE_FIELDS = ['selection', 'change', 'date', 'unlink'] as const;
export type BulkChangeField = (typeof BULK_CHANGE_FIELDS)[number];

/** What is wrong with a bulk change before anything is written, in plain words; none when it can be made. */
export function bulkChangeProblems(change: EvidenceBulkChange, selectedCount: number): Partial<Record<BulkChangeField, string>> {
  const problems: Partial<Record<BulkChangeField, string>> = {};
  if (selectedCount === 0) problems.selection = 'Select at least one file in the list, then apply the change';
  const nothing =
    change.kind === undefined &&
    change.date === undefined &&
    change.containsPersonalData === undefined &&
    change.redactionConfirmed === undefined &&
    (change.linkCriterionIds ?? []).length === 0 &&
    (change.unlinkCriterionIds ?? []).length === 0;
  if (nothing) problems.change = 'Choose at least one thing to change for the selected files';
  if (change.date !== undefined && change.date !== '' && !isRealDate(change.date))
    problems.date = 'Enter the document date as a real day, month and year, for example 12 11 2025';
  const linking = new Set(change.linkCriterionIds ?? []);
  const both = (change.unlinkCriterionIds ?? []).filter((id) => linking.has(id));
  if (both.length > 0) problems.unlink = `Choose either to link or to unlink ${both.join(', ')}, not both`;
  return problems;
}

/** What the bulk-change form holds: each choice starts at "leave as it is". */
export interface BulkChangeChoices {
  kind: '' | EvidenceKind | 'suggested';
  dateChoice: 'keep' | 'set' | 'clear';
  date: string;
  personalData: 'keep' | 'yes' | 'no';
  redaction: 'keep' | 'yes' | 'no';
  link: string;
  unlink: string;
}

export const UNCHANGED_CHOICES: Readonly<BulkChangeChoices> = {
  kind: '',
  dateChoice: 'keep',
  date: '',
  personalData: 'keep',
  redaction: 'keep',
  link: '',
  unlink: '',
};

/** The change the form's choices make, leaving out every part left as it is. */
export function bulkChangeFromChoices(choices: BulkChangeChoices): EvidenceBulkChange {
  const flag = (choice: 'keep' | 'yes' | 'no') => (choice === 'keep' ? undefined : choice === 'yes');
  const containsPersonalData = flag(choices.personalData);
  const redactionConfirmed = flag(choices.redaction);
  return {
    ...(choices.kind === '' ? {} : { kind: choices.kind }),
    ...(choices.dateChoice === 'set' ? { date: choices.date } : choices.dateChoice === 'clear' ? { date: '' } : {}),
    ...(containsPersonalData === undefined ? {} : { containsPersonalData }),
    ...(redactionConfirmed === undefined ? {} : { redactionConfirmed }),
    ...(choices.link === '' ? {} : { linkCriterionIds: [choices.link] }),
    ...(choices.unlink === '' ? {} : { unlinkCriterionIds: [choices.unlink] }),
  };
}

/**
 * The item after the change's details (links are kept apart). Setting a kind settles any
 * suggestion; "suggested" takes the item's own suggestion and leaves an item without one as it was.
 */
export function applyBulkChange(item: EvidenceItem, change: EvidenceBulkChange, now: string): EvidenceItem {
  const next: EvidenceItem = { ...item, updatedAt: now };
  if (change.kind === 'suggested') {
    if (item.suggestedKind) next.kind = item.suggestedKind;
    delete next.suggestedKind;
  } else if (change.kind !== undefined) {
    next.kind = change.kind;
    delete next.suggestedKind;
  }
  if (change.date !== undefined) next.date = change.date;
  if (change.containsPersonalData !== undefined) next.containsPersonalData = change.containsPersonalData;
  if (change.redactionConfirmed !== undefined) next.redactionConfirmed = change.redactionConfirmed;
  return next;
}

/** The sentence said once the change is made: "Updated 50 files." */
export function bulkChangeSummary(updated: number): string {
  return updated === 1 ? 'Updated 1 file.' : `Updated ${updated} files.`;
}

/** What is wrong with the form's choices: a date asked for and not given, then the change's own problems. */
export function bulkChoicesProblems(choices: BulkChangeChoices, selectedCount: number): Partial<Record<BulkChangeField, string>> {
  const problems = bulkChangeProblems(bulkChangeFromChoices(choices), selectedCount);
  if (choices.dateChoice === 'set' && choices.date === '')
    problems.date = 'Enter the document date, or choose to leave the dates as they are';
  return problems;
}
