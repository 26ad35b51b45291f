import { NAME_MAX_CHARS, SHORT_TEXT_MAX_CHARS, tooLongMessage } from '../formats/field-limits';
import { currentLocalAuthority, type Region } from '../regions/regions';
import { SCHOOL_PHASES, SCHOOL_SETTINGS, YEAR_GROUPS, type SchoolDetails } from './school-records';

export type SchoolField = keyof SchoolDetails;
export type SchoolErrors = Partial<Record<SchoolField, string>>;

/** A URN is six digits (e.g. 123456). */
export function urnProblem(urn: string): string | null {
  const trimmed = urn.trim();
  if (trimmed === '') return 'Enter the school’s URN';
  if (!/^\d+$/.test(trimmed)) return 'The URN must contain only digits, for example 123456';
  if (trimmed.length !== 6) return `The URN must be 6 digits; this one has ${trimmed.length}`;
  return null;
}

/**
 * A note for a school stored with a local authority name that has since changed (e.g. "Poole is now
 * part of Bournemouth, Christchurch and Poole (since 2019). You can choose it instead."), or null.
 * The old name stays valid, so the school need not change it.
 */
export function localAuthorityNote(details: Pick<SchoolDetails, 'regionId' | 'localAuthority'>, regions: readonly Region[]): string | null {
  const region = regions.find((r) => r.id === details.regionId);
  if (!region) return null;
  const found = currentLocalAuthority(region, details.localAuthority);
  if (found.kind !== 'former') return null;
  const choice = found.current.length === 1 ? 'You can choose it instead.' : 'You can choose the one your school is in instead.';
  return `${found.former} is ${found.note}. ${choice}`;
}

export type PupilCountField = 'pupilsOnRoll' | 'pupilsOnSenSupport' | 'pupilsWithEhcPlan';

/** The pupil counts on the school's form, each with the words its messages use. */
export const PUPIL_COUNTS: readonly (readonly [PupilCountField, string])[] = [
  ['pupilsOnRoll', 'pupils on roll'],
  ['pupilsOnSenSupport', 'pupils on SEN support'],
  ['pupilsWithEhcPlan', 'pupils with an EHC plan'],
];

export type CountParse = { ok: true; value: number } | { ok: false; reason: 'empty' | 'misplaced-comma' | 'not-a-whole-number' };

/**
 * A count as a person types it: plain digits ("1650") or digits with commas between each group of
 * three ("1,650", "12,000"), with spaces around it ignored. A comma anywhere else ("1,65", "16,50")
 * is refused rather than guessed at, as it may be a mistyped number; so are spaces inside the
 * number, points, signs and letters.
 */
export function parseCount(text: string): CountParse {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, reason: 'empty' };
  if (/^\d+$/.test(trimmed)) return { ok: true, value: Number(trimmed) };
  if (/^[1-9]\d{0,2}(,\d{3})+$/.test(trimmed)) return { ok: true, value: Number(trimmed.replace(/,/g, '')) };
  if (/^[\d,]+$/.test(trimmed)) return { ok: false, reason: 'misplaced-comma' };
  return { ok: false, reason: 'not-a-whole-number' };
}

/** What is wrong with a typed pupil count, in words for its field, or null when it reads as a number. */
export function countTextProblem(text: string, label: string): string | null {
  const parsed = parseCount(text);
  if (parsed.ok) return null;
  if (parsed.reason === 'misplaced-comma') {
    return `The number of ${label} has a comma in the wrong place: use commas only between groups of three digits, for example 1,650, or leave them out`;
  }
  return `Enter the number of ${label} as a whole number, 0 or more, for example 1650 or 1,650`;
}

/** The problems with the pupil counts as typed on the form: these say more than a missing number can. */
export function pupilCountTextProblems(typed: Readonly<Record<PupilCountField, string>>): SchoolErrors {
  const errors: SchoolErrors = {};
  for (const [field, label] of PUPIL_COUNTS) {
    const problem = countTextProblem(typed[field], label);
    if (problem) errors[field] = problem;
  }
  return errors;
}

/** Checks school details and explains each problem in words for the field it belongs to. */
export function validateSchoolDetails(details: SchoolDetails, regions: readonly Region[]): SchoolErrors {
  const errors: SchoolErrors = {};
  const required: [SchoolField, string][] = [
    ['name', 'Enter the school’s name'],
    ['headTeacher', 'Enter the head teacher’s name'],
    ['senco', 'Enter the SENCO’s name'],
  ];
  for (const [field, message] of required) {
    if (String(details[field]).trim() === '') errors[field] = message;
  }
  const lengths: [SchoolField, string, number][] = [
    ['name', 'The school’s name', SHORT_TEXT_MAX_CHARS],
    ['headTeacher', 'The head teacher’s name', NAME_MAX_CHARS],
    ['senco', 'The SENCO’s name', NAME_MAX_CHARS],
    ['senGovernor', 'The SEN governor’s name', NAME_MAX_CHARS],
  ];
  for (const [field, what, max] of lengths) {
    const message = errors[field] ? null : tooLongMessage(what, String(details[field]), max);
    if (message) errors[field] = message;
  }
  const urn = urnProblem(details.urn);
  if (urn) errors.urn = urn;
  const region = regions.find((r) => r.id === details.regionId);
  if (!region) errors.regionId = 'Choose the school’s region';
  else if (currentLocalAuthority(region, details.localAuthority).kind === 'not-in-region') {
    errors.localAuthority = `Choose a local authority in the ${region.name}`;
  }
  const phases: readonly string[] = Array.isArray(details.phases) ? details.phases : [];
  if (phases.length === 0 || phases.some((p) => !SCHOOL_PHASES.some((known) => known.id === p))) {
    errors.phases = 'Choose the phases the school teaches: one or more of early years, primary, secondary and post-16';
  }
  if (!SCHOOL_SETTINGS.some((s) => s.id === details.setting)) {
    errors.setting = 'Choose the kind of setting: mainstream school, special school or alternative provision';
  }
  const isYear = (year: unknown) => YEAR_GROUPS.some((y) => y.id === year);
  if (!isYear(details.lowestYear)) errors.lowestYear = 'Choose the lowest year group on roll';
  if (!isYear(details.highestYear)) errors.highestYear = 'Choose the highest year group on roll';
  if (!errors.lowestYear && !errors.highestYear && details.lowestYear > details.highestYear) {
    errors.highestYear = 'The highest year group cannot be below the lowest; check both';
  }

  for (const [field, label] of PUPIL_COUNTS) {
    const value = details[field];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0)
      errors[field] = `Enter the number of ${label} as a whole number, 0 or more`;
  }
  if (!errors.pupilsOnRoll && !errors.pupilsOnSenSupport && details.pupilsOnSenSupport > details.pupilsOnRoll) {
    errors.pupilsOnSenSupport = 'Pupils on SEN support cannot be more than the pupils on roll';
  }
  if (!errors.pupilsOnRoll && !errors.pupilsWithEhcPlan && details.pupilsWithEhcPlan > details.pupilsOnRoll) {
    errors.pupilsWithEhcPlan = 'Pupils with an EHC plan cannot be more than the pupils on roll';
  }
  const answers: [SchoolField, string][] = [
    ['resourcedProvision', 'Say whether the school has resourced provision or an SEN unit'],
    ['lookedAfterOnRoll', 'Say whether any looked-after children are on roll'],
  ];
  for (const [field, message] of answers) if (typeof details[field] !== 'boolean') errors[field] = message;
  return errors;
}
