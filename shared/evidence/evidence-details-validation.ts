import { LONG_TEXT_MAX_CHARS, SHORT_TEXT_MAX_CHARS, tooLongMessage } from '../formats/field-limits';
import type { EvidenceDetails } from './evidence-records';

/** The details of a piece of evidence a message can be about, in the order a form lists them. */
export const EVIDENCE_DETAILS_FIELDS = ['title', 'date', 'heldAt', 'description'] as const;
export type EvidenceDetailsField = (typeof EVIDENCE_DETAILS_FIELDS)[number];
export type EvidenceDetailsErrors = Partial<Record<EvidenceDetailsField, string>>;

/** What is wrong with a piece of evidence's details (already trimmed): a message for each field, none when all is well. */
export function evidenceDetailsProblems(details: EvidenceDetails): EvidenceDetailsErrors {
  const errors: EvidenceDetailsErrors = {};
  if (details.title.trim() === '') errors.title = 'Enter a title for the evidence';
  const title = tooLongMessage('The title', details.title, SHORT_TEXT_MAX_CHARS);
  if (title) errors.title = title;
  const heldAt = tooLongMessage('Where the original is held', details.heldAt, SHORT_TEXT_MAX_CHARS);
  if (heldAt) errors.heldAt = heldAt;
  const description = tooLongMessage('The description', details.description, LONG_TEXT_MAX_CHARS);
  if (description) errors.description = description;
  if (details.date !== '' && !/^\d{4}-\d{2}-\d{2}$/.test(details.date))
    errors.date = 'Enter a real date as day, month and year, or leave it empty';
  return errors;
}
