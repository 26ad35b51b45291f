/**
 * The visit as it is run: a timetable of what the moderator does and with whom, a record of the
 * evidence seen on the day and notes per sampled criterion. Pure: checks, ordering and the text
 * forms the plan's autosave keeps them in (one text per part, merged between windows as the
 * plan's other fields are).
 */

export const VISIT_ACTIVITIES = [
  { id: 'interview', label: 'Interview' },
  { id: 'learning-walk', label: 'Learning walk' },
  { id: 'book-look', label: 'Book look' },
  { id: 'observation', label: 'Observation' },
  { id: 'document-review', label: 'Document review' },
  { id: 'feedback', label: 'Feedback' },
] as const;

export type VisitActivity = (typeof VISIT_ACTIVITIES)[number]['id'];

export const VISIT_AUDIENCES = [
  { id: 'pupils', label: 'Pupils' },
  { id: 'parents', label: 'Parents or carers' },
  { id: 'staff', label: 'Staff' },
  { id: 'governors', label: 'Governors or trustees' },
  { id: 'senco', label: 'SENCO' },
  { id: 'head-teacher', label: 'Head teacher' },
] as const;

export type VisitAudience = (typeof VISIT_AUDIENCES)[number]['id'];

/** One row of the visit's timetable. */
export interface VisitTimetableRow {
  id: string;
  /** hh:mm, 24-hour clock. */
  start: string;
  /** hh:mm after the start, or '' when open-ended. */
  end: string;
  activity: VisitActivity;
  withWhom: VisitAudience[];
  /** Roles or adults' names; never pupils' names. */
  who: string;
  place: string;
  /** The sampled criteria the row covers. */
  criterionIds: string[];
}

/** Something seen on the day, where, and the criteria it bears on. */
export interface VisitEvidenceSeen {
  id: string;
  what: string;
  where: string;
  criterionIds: string[];
}

export const ROW_TEXT_MAX_CHARS = 500;

export function activityLabel(activity: VisitActivity): string {
  return VISIT_ACTIVITIES.find((a) => a.id === activity)?.label ?? activity;
}

export function audienceLabel(audience: VisitAudience): string {
  return VISIT_AUDIENCES.find((a) => a.id === audience)?.label ?? audience;
}

function isActivity(value: unknown): value is VisitActivity {
  return VISIT_ACTIVITIES.some((a) => a.id === value);
}

function isAudience(value: unknown): value is VisitAudience {
  return VISIT_AUDIENCES.some((a) => a.id === value);
}

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Minutes since midnight for hh:mm (a single-digit hour is accepted as typed: 9:30), or null. */
export function minutesOf(time: string): number | null {
  const match = TIME.exec(normaliseTime(time));
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}

/** "9:30" and " 09.30 " read as "09:30"; anything else is returned trimmed, to be refused. */
export function normaliseTime(time: string): string {
  const match = /^(\d{1,2})[:.](\d{2})$/.exec(time.trim());
  return match ? `${match[1]!.padStart(2, '0')}:${match[2]}` : time.trim();
}

/** A row as typed in the form, before it is checked. */
export interface TimetableRowDraft {
  start: string;
  end: string;
  activity: VisitActivity | '';
  withWhom: VisitAudience[];
  who: string;
  place: string;
  criterionIds: string[];
}

export type TimetableRowField = 'start' | 'end' | 'activity' | 'withWhom' | 'who' | 'place';

export type RowCheck =
  { ok: true; row: Omit<VisitTimetableRow, 'id'> } | { ok: false; problems: { field: TimetableRowField; message: string }[] };

/** Checks a row as typed: the start a time, the end (if any) a time after it, an activity, and who an interview is with. */
export function checkTimetableRow(draft: TimetableRowDraft): RowCheck {
  const problems: { field: TimetableRowField; message: string }[] = [];
  const start = minutesOf(draft.start);
  if (draft.start.trim() === '') problems.push({ field: 'start', message: 'Enter the start time, for example 09:30.' });
  else if (start === null)
    problems.push({
      field: 'start',
      message: 'Enter the start time as hours and minutes on the 24-hour clock, for example 09:30 or 14:15.',
    });
  const end = draft.end.trim() === '' ? null : minutesOf(draft.end);
  if (draft.end.trim() !== '' && end === null)
    problems.push({
      field: 'end',
      message: 'Enter the end time as hours and minutes on the 24-hour clock, for example 10:15, or leave it empty.',
    });
  else if (start !== null && end !== null && end <= start)
    problems.push({
      field: 'end',
      message: `The end time must be after the start time (${normaliseTime(draft.start)}). Change one of them.`,
    });
  if (draft.activity === '') problems.push({ field: 'activity', message: 'Choose what happens at this time, for example an interview.' });
  if (draft.activity === 'interview' && draft.withWhom.length === 0)
    problems.push({ field: 'withWhom', message: 'Choose who the interview is with, so the plan can suggest questions for them.' });
  for (const [field, label] of [
    ['who', 'The names or roles'],
    ['place', 'The place'],
  ] as const) {
    if (draft[field].length > ROW_TEXT_MAX_CHARS)
      problems.push({ field, message: `${label} can be up to ${ROW_TEXT_MAX_CHARS} characters. Shorten it.` });
  }
  if (problems.length > 0 || draft.activity === '') return { ok: false, problems };
  return {
    ok: true,
    row: {
      start: normaliseTime(draft.start),
      end: draft.end.trim() === '' ? '' : normaliseTime(draft.end),
      activity: draft.activity,
      withWhom: VISIT_AUDIENCES.map((a) => a.id).filter((id) => draft.withWhom.includes(id)),
      who: draft.who.trim(),
      place: draft.place.trim(),
      criterionIds: [...new Set(draft.criterionIds)],
    },
  };
}

/** "09:30 to 10:15", or "09:30" for a row with no end. */
export function rowTimes(row: Pick<VisitTimetableRow, 'start' | 'end'>): string {
  return row.end ? `${row.start} to ${row.end}` : row.start;
}

/** "Row 2 (Interview, 09:30 to 10:15)". */
export function rowName(row: VisitTimetableRow, index: number): string {
  return `Row ${index + 1} (${activityLabel(row.activity)}, ${rowTimes(row)})`;
}

/**
 * Warnings, in words, about the timetable as a whole: rows whose times overlap (a row with no end
 * takes only its start), rows out of time order, criteria a row covers that are no longer in the
 * sample, and sampled criteria no row covers. None of them stops the plan being saved or printed.
 */
export function timetableWarnings(rows: readonly VisitTimetableRow[], sampled: readonly string[]): string[] {
  const warnings: string[] = [];
  const span = (row: VisitTimetableRow) => {
    const start = minutesOf(row.start) ?? 0;
    const end = row.end ? (minutesOf(row.end) ?? start) : start;
    return { start, end };
  };
  for (let i = 0; i < rows.length; i += 1) {
    for (let j = i + 1; j < rows.length; j += 1) {
      const a = span(rows[i]!);
      const b = span(rows[j]!);
      const overlap = a.start === b.start || (a.start < b.start && b.start < a.end) || (b.start < a.start && a.start < b.end);
      if (overlap)
        warnings.push(`${rowName(rows[i]!, i)} and ${rowName(rows[j]!, j)} overlap. Change a time if they cannot happen together.`);
    }
  }
  const outOfOrder = rows.findIndex((row, i) => i > 0 && (minutesOf(row.start) ?? 0) < (minutesOf(rows[i - 1]!.start) ?? 0));
  if (outOfOrder > 0)
    warnings.push(
      `${rowName(rows[outOfOrder]!, outOfOrder)} starts before the row above it. Move it up if the timetable should read in time order.`,
    );
  const inSample = new Set(sampled);
  rows.forEach((row, i) => {
    const gone = row.criterionIds.filter((id) => !inSample.has(id));
    if (gone.length > 0)
      warnings.push(
        `${rowName(row, i)} covers ${gone.join(', ')}, which ${gone.length === 1 ? 'is' : 'are'} no longer in the sample. Edit the row to take ${gone.length === 1 ? 'it' : 'them'} off, or put ${gone.length === 1 ? 'it' : 'them'} back in the sample.`,
      );
  });
  if (rows.length > 0) {
    const covered = new Set(rows.flatMap((r) => r.criterionIds));
    const missed = sampled.filter((id) => !covered.has(id));
    if (missed.length > 0)
      warnings.push(
        `No row covers ${missed.join(', ')}. Add ${missed.length === 1 ? 'it' : 'them'} to a row if you mean to see ${missed.length === 1 ? 'it' : 'them'} on the day.`,
      );
  }
  return warnings;
}

/** The rows with the one at `index` moved one place up or down; the same rows when it cannot move. */
export function moveRow<T>(rows: readonly T[], index: number, direction: 'up' | 'down'): T[] {
  const to = direction === 'up' ? index - 1 : index + 1;
  if (index < 0 || index >= rows.length || to < 0 || to >= rows.length) return [...rows];
  const next = [...rows];
  [next[index], next[to]] = [next[to]!, next[index]!];
  return next;
}

/** An item of evidence seen as typed: what it was is needed, and at least one criterion. */
export function checkEvidenceSeen(draft: Omit<VisitEvidenceSeen, 'id'>): { field: 'what' | 'where' | 'criteria'; message: string }[] {
  const problems: { field: 'what' | 'where' | 'criteria'; message: string }[] = [];
  if (draft.what.trim() === '') problems.push({ field: 'what', message: 'Say what you saw, for example “Year 4 maths books”.' });
  else if (draft.what.length > ROW_TEXT_MAX_CHARS)
    problems.push({ field: 'what', message: `What you saw can be up to ${ROW_TEXT_MAX_CHARS} characters. Shorten it.` });
  if (draft.where.length > ROW_TEXT_MAX_CHARS)
    problems.push({ field: 'where', message: `Where you saw it can be up to ${ROW_TEXT_MAX_CHARS} characters. Shorten it.` });
  if (draft.criterionIds.length === 0)
    problems.push({ field: 'criteria', message: 'Choose at least one criterion this evidence bears on.' });
  return problems;
}

// ---- The text forms the autosave keeps (the same text for the same value: keys in a fixed order).

export function encodeTimetable(rows: readonly VisitTimetableRow[]): string {
  return JSON.stringify(
    rows.map((r) => ({
      id: r.id,
      start: r.start,
      end: r.end,
      activity: r.activity,
      withWhom: [...r.withWhom],
      who: r.who,
      place: r.place,
      criterionIds: [...r.criterionIds],
    })),
  );
}

const isText = (value: unknown): value is string => typeof value === 'string';
const isTextList = (value: unknown): value is string[] => Array.isArray(value) && value.every(isText);

function parse(text: string | null): unknown {
  if (text === null || text === '') return [];
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The rows from their text ('' or null: none), or null when it is not of that shape. */
export function decodeTimetable(text: string | null): VisitTimetableRow[] | null {
  const value = parse(text);
  if (!Array.isArray(value)) return null;
  const rows: VisitTimetableRow[] = [];
  for (const item of value as unknown[]) {
    if (typeof item !== 'object' || item === null) return null;
    const { id, start, end, activity, withWhom, who, place, criterionIds } = item as Record<string, unknown>;
    if (!isText(id) || !isText(start) || !isText(end) || !isActivity(activity) || !isText(who) || !isText(place)) return null;
    if (!Array.isArray(withWhom) || !withWhom.every(isAudience) || !isTextList(criterionIds)) return null;
    rows.push({ id, start, end, activity, withWhom: [...withWhom], who, place, criterionIds: [...criterionIds] });
  }
  return rows;
}

export function encodeEvidenceSeen(items: readonly VisitEvidenceSeen[]): string {
  return JSON.stringify(items.map((e) => ({ id: e.id, what: e.what, where: e.where, criterionIds: [...e.criterionIds] })));
}

export function decodeEvidenceSeen(text: string | null): VisitEvidenceSeen[] | null {
  const value = parse(text);
  if (!Array.isArray(value)) return null;
  const items: VisitEvidenceSeen[] = [];
  for (const item of value as unknown[]) {
    if (typeof item !== 'object' || item === null) return null;
    const { id, what, where, criterionIds } = item as Record<string, unknown>;
    if (!isText(id) || !isText(what) || !isText(where) || !isTextList(criterionIds)) return null;
    items.push({ id, what, where, criterionIds: [...criterionIds] });
  }
  return items;
}

/** Notes per criterion, empty notes left out, in criterion-id order. */
export function encodeCriterionNotes(notes: Readonly<Record<string, string>>): string {
  const kept = Object.keys(notes)
    .filter((id) => (notes[id] ?? '') !== '')
    .sort();
  return JSON.stringify(Object.fromEntries(kept.map((id) => [id, notes[id]])));
}

export function decodeCriterionNotes(text: string | null): Record<string, string> | null {
  if (text === null || text === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const notes: Record<string, string> = {};
  for (const [id, note] of Object.entries(value as Record<string, unknown>)) {
    if (!isText(note)) return null;
    if (note !== '') notes[id] = note;
  }
  return notes;
}

/** A timetable in a line, for a choice between two windows' versions. */
export function timetableSummary(rows: readonly VisitTimetableRow[]): string {
  if (rows.length === 0) return 'No rows.';
  return rows.map((r) => `${rowTimes(r)} ${activityLabel(r.activity)}`).join('; ');
}

export function evidenceSeenSummary(items: readonly VisitEvidenceSeen[]): string {
  if (items.length === 0) return 'Nothing recorded.';
  return items.map((e) => `${e.what} (${e.criterionIds.join(', ')})`).join('; ');
}

export function criterionNotesSummary(notes: Readonly<Record<string, string>>): string {
  const ids = Object.keys(notes).sort();
  if (ids.length === 0) return 'No notes.';
  return ids.map((id) => `${id}: ${notes[id]}`).join(' · ');
}
