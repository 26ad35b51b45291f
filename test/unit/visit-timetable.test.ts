import { beforeAll, describe, expect, it } from 'vitest';
import { createCatalogue, frameworkForRegion } from '../../shared/framework/framework-catalogue';
import type { AppliedFramework } from '../../shared/framework/applied-framework';
import { loadShippedData } from '../../shared/framework/shipped-frameworks';
import { interviewPrompts, promptFor } from '../../shared/moderation/visit-prompts';
import {
  checkEvidenceSeen,
  checkTimetableRow,
  decodeCriterionNotes,
  decodeEvidenceSeen,
  decodeTimetable,
  encodeCriterionNotes,
  encodeEvidenceSeen,
  encodeTimetable,
  minutesOf,
  moveRow,
  timetableWarnings,
  VISIT_AUDIENCES,
  type TimetableRowDraft,
  type TimetableRowField,
  type VisitTimetableRow,
} from '../../shared/moderation/visit-timetable';

const draft = (over: Partial<TimetableRowDraft> = {}): TimetableRowDraft => ({
  start: '09:30',
  end: '10:15',
  activity: 'interview',
  withWhom: ['pupils'],
  who: 'Six pupils from Year 5',
  place: 'Library',
  criterionIds: ['NE26-5.1.1'],
  ...over,
});

const row = (id: string, start: string, end: string, criterionIds: string[] = []): VisitTimetableRow => ({
  id,
  start,
  end,
  activity: 'learning-walk',
  withWhom: [],
  who: '',
  place: '',
  criterionIds,
});

describe('checkTimetableRow', () => {
  it('keeps a good row, tidying the times and putting the groups in the form’s order', () => {
    expect(checkTimetableRow(draft({ start: '9:30', end: ' 10.15 ', withWhom: ['staff', 'pupils'], who: '  Year 5  ' }))).toEqual({
      ok: true,
      row: {
        start: '09:30',
        end: '10:15',
        activity: 'interview',
        withWhom: ['pupils', 'staff'],
        who: 'Year 5',
        place: 'Library',
        criterionIds: ['NE26-5.1.1'],
      },
    });
    expect(checkTimetableRow(draft({ end: '' }))).toMatchObject({ ok: true, row: { end: '' } });
  });

  it.each<[Partial<TimetableRowDraft>, TimetableRowField, string]>([
    [{ start: '' }, 'start', 'Enter the start time, for example 09:30.'],
    [{ start: '25:00' }, 'start', 'Enter the start time as hours and minutes on the 24-hour clock, for example 09:30 or 14:15.'],
    [{ start: 'half nine' }, 'start', 'Enter the start time as hours and minutes on the 24-hour clock, for example 09:30 or 14:15.'],
    [{ end: '10:60' }, 'end', 'Enter the end time as hours and minutes on the 24-hour clock, for example 10:15, or leave it empty.'],
    [{ end: '09:30' }, 'end', 'The end time must be after the start time (09:30). Change one of them.'],
    [{ end: '08:00' }, 'end', 'The end time must be after the start time (09:30). Change one of them.'],
    [{ activity: '' }, 'activity', 'Choose what happens at this time, for example an interview.'],
    [{ withWhom: [] }, 'withWhom', 'Choose who the interview is with, so the plan can suggest questions for them.'],
    [{ place: 'x'.repeat(501) }, 'place', 'The place can be up to 500 characters. Shorten it.'],
  ])('refuses %j with a message on %s', (over, field, message) => {
    expect(checkTimetableRow(draft(over))).toEqual({ ok: false, problems: [{ field, message }] });
  });

  it('a learning walk needs nobody chosen', () => {
    expect(checkTimetableRow(draft({ activity: 'learning-walk', withWhom: [] })).ok).toBe(true);
  });

  it('reads times on the 24-hour clock only', () => {
    expect(minutesOf('00:00')).toBe(0);
    expect(minutesOf('23:59')).toBe(23 * 60 + 59);
    expect(minutesOf('24:00')).toBeNull();
    expect(minutesOf('9:5')).toBeNull();
  });
});

describe('timetableWarnings', () => {
  it('names overlapping rows, in words', () => {
    const rows = [row('a', '09:00', '10:00'), row('b', '09:45', '10:30'), row('c', '10:30', '')];
    expect(timetableWarnings(rows, [])).toEqual([
      'Row 1 (Learning walk, 09:00 to 10:00) and Row 2 (Learning walk, 09:45 to 10:30) overlap. Change a time if they cannot happen together.',
    ]);
  });

  it('treats rows at the same start as overlapping, and back-to-back rows as not', () => {
    expect(timetableWarnings([row('a', '09:00', ''), row('b', '09:00', '')], [])).toHaveLength(1);
    expect(timetableWarnings([row('a', '09:00', '09:30'), row('b', '09:30', '10:00')], [])).toEqual([]);
  });

  it('says when a row starts before the one above it', () => {
    expect(timetableWarnings([row('a', '11:00', ''), row('b', '09:00', '')], [])).toEqual([
      'Row 2 (Learning walk, 09:00) starts before the row above it. Move it up if the timetable should read in time order.',
    ]);
  });

  it('names criteria no row covers and criteria no longer in the sample', () => {
    expect(timetableWarnings([row('a', '09:00', '', ['X-1', 'X-9'])], ['X-1', 'X-2'])).toEqual([
      'Row 1 (Learning walk, 09:00) covers X-9, which is no longer in the sample. Edit the row to take it off, or put it back in the sample.',
      'No row covers X-2. Add it to a row if you mean to see it on the day.',
    ]);
    expect(timetableWarnings([], ['X-1'])).toEqual([]);
  });
});

describe('moveRow', () => {
  it('moves a row up or down one place, and leaves the order alone at either end', () => {
    expect(moveRow(['a', 'b', 'c'], 2, 'up')).toEqual(['a', 'c', 'b']);
    expect(moveRow(['a', 'b', 'c'], 0, 'down')).toEqual(['b', 'a', 'c']);
    expect(moveRow(['a', 'b', 'c'], 0, 'up')).toEqual(['a', 'b', 'c']);
    expect(moveRow(['a', 'b', 'c'], 2, 'down')).toEqual(['a', 'b', 'c']);
  });
});

describe('checkEvidenceSeen', () => {
  it('needs what was seen and a criterion', () => {
    expect(checkEvidenceSeen({ what: ' ', where: '', criterionIds: [] })).toEqual([
      { field: 'what', message: 'Say what you saw, for example “Year 4 maths books”.' },
      { field: 'criteria', message: 'Choose at least one criterion this evidence bears on.' },
    ]);
    expect(checkEvidenceSeen({ what: 'Year 4 maths books', where: '', criterionIds: ['X-1'] })).toEqual([]);
  });
});

describe('the text forms the autosave keeps', () => {
  it('read back what they wrote, read nothing as empty, and refuse what is not of their shape', () => {
    const rows = [row('a', '09:00', '10:00', ['X-1'])];
    expect(decodeTimetable(encodeTimetable(rows))).toEqual(rows);
    expect(decodeTimetable('')).toEqual([]);
    expect(decodeTimetable(null)).toEqual([]);
    expect(decodeTimetable('{')).toBeNull();
    expect(decodeTimetable(JSON.stringify([{ ...rows[0], activity: 'lunch' }]))).toBeNull();
    expect(decodeTimetable(JSON.stringify([{ ...rows[0], withWhom: ['inspectors'] }]))).toBeNull();
    const seen = [{ id: 'e', what: 'Books', where: 'Year 4', criterionIds: ['X-1', 'X-2'] }];
    expect(decodeEvidenceSeen(encodeEvidenceSeen(seen))).toEqual(seen);
    expect(decodeEvidenceSeen(JSON.stringify([{ id: 'e', what: 3, where: '', criterionIds: [] }]))).toBeNull();
    expect(encodeCriterionNotes({ 'X-2': 'b', 'X-1': 'a', 'X-3': '' })).toBe('{"X-1":"a","X-2":"b"}');
    expect(decodeCriterionNotes('{"X-1":"a"}')).toEqual({ 'X-1': 'a' });
    expect(decodeCriterionNotes('[]')).toBeNull();
    expect(decodeCriterionNotes('{"X-1":1}')).toBeNull();
  });
});

describe('interview prompts', () => {
  let framework: AppliedFramework;
  beforeAll(async () => {
    const { frameworks, regions } = await loadShippedData();
    const result = frameworkForRegion(createCatalogue(frameworks, regions), 'north-east');
    if (!result.ok) throw new Error(result.message);
    framework = result.framework;
  });

  it('gives one question per criterion covered and group, worded for each group', () => {
    const prompts = interviewPrompts(framework, {
      activity: 'interview',
      withWhom: VISIT_AUDIENCES.map((a) => a.id),
      criterionIds: ['NE26-5.1.1', 'NE26-1.2.1'],
    });
    expect(prompts.map((p) => `${p.criterionId} ${p.audience}`)).toEqual([
      ...VISIT_AUDIENCES.map((a) => `NE26-5.1.1 ${a.id}`),
      ...VISIT_AUDIENCES.map((a) => `NE26-1.2.1 ${a.id}`),
    ]);
    const of = (audience: string, id = 'NE26-5.1.1') => prompts.find((p) => p.audience === audience && p.criterionId === id)?.question;
    expect(of('pupils')).toBe(
      'We are finding out about pupils’ voice, wellbeing and safety. The school says that each pupil’s views shape their own support. What is that like for you? What helps you most, and what would you change?'.replace(
        /’/g,
        "'",
      ),
    );
    expect(of('parents')).toMatch(
      /^The school says: “Every pupil with SEND gives their views before each review of their plan,.*” Is that how it has been for your family\?/,
    );
    expect(of('staff')).toMatch(/What do you do in a normal week that shows this/);
    expect(of('governors', 'NE26-1.2.1')).toBe(
      "How do governors or trustees know that governors or trustees oversee the school's SEND duties? What did you last see, ask for or challenge about it, and what changed?",
    );
    expect(of('senco')).toMatch(/^Show me how you know that each pupil's views shape their own support\./);
    expect(of('head-teacher')).toMatch(/^How do leaders make sure that each pupil's views shape their own support, in every class/);
    // Each group's question differs from every other's.
    expect(new Set(prompts.map((p) => p.question)).size).toBe(prompts.length);
  });

  it('gives none for a row that is not an interview, and skips a criterion not in the framework', () => {
    expect(interviewPrompts(framework, { activity: 'learning-walk', withWhom: ['pupils'], criterionIds: ['NE26-5.1.1'] })).toEqual([]);
    expect(interviewPrompts(framework, { activity: 'interview', withWhom: ['staff'], criterionIds: ['NOPE-1'] })).toEqual([]);
  });

  it('keeps an acronym’s capitals at the start of a title', () => {
    expect(promptFor('senco', { title: 'SEND training is planned', statement: 'x' }, 'Staff')).toBe(
      'Show me how you know that SEND training is planned. Which records would you point me to, and what have you changed because of them?',
    );
  });
});
