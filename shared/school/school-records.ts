import type { Phase, Setting } from '../framework/framework-types';

/** A school workspace: who the school is and the profile that decides which criteria apply to it. */

/** The phases a school may teach, in 2015 terms (several may be chosen). */
export const SCHOOL_PHASES: readonly { id: Phase; label: string }[] = [
  { id: 'early-years', label: 'Early years (nursery or Reception)' },
  { id: 'primary', label: 'Primary (Years 1 to 6)' },
  { id: 'secondary', label: 'Secondary (Years 7 to 11)' },
  { id: 'post-16', label: 'Post-16 (sixth form)' },
];

/** The kind of setting a school is. */
export const SCHOOL_SETTINGS: readonly { id: Setting; label: string }[] = [
  { id: 'mainstream', label: 'Mainstream school' },
  { id: 'special', label: 'Special school' },
  { id: 'alternative-provision', label: 'Alternative provision (including a pupil referral unit)' },
];

/** Year groups as numbers: -1 nursery, 0 Reception, then Year 1 to Year 13. */
export const YEAR_GROUPS: readonly { id: number; label: string }[] = [
  { id: -1, label: 'Nursery' },
  { id: 0, label: 'Reception' },
  ...Array.from({ length: 13 }, (_, i) => ({ id: i + 1, label: `Year ${i + 1}` })),
];

export interface SchoolDetails {
  name: string;
  /** Unique reference number: six digits. */
  urn: string;
  regionId: string;
  localAuthority: string;
  /** The phases the school teaches: one or more. */
  phases: Phase[];
  setting: Setting;
  /** The lowest and highest year groups on roll (YEAR_GROUPS ids). */
  lowestYear: number;
  highestYear: number;
  headTeacher: string;
  senco: string;
  senGovernor: string;
  pupilsOnRoll: number;
  pupilsOnSenSupport: number;
  /** Pupils with an education, health and care (EHC) plan. */
  pupilsWithEhcPlan: number;
  /** The school has resourced provision or an SEN unit. */
  resourcedProvision: boolean;
  /** Looked-after children are on roll. */
  lookedAfterOnRoll: boolean;
}

export interface School extends SchoolDetails {
  id: string;
  createdAt: string;
  updatedAt: string;
}

export function yearGroupLabel(year: number): string {
  return YEAR_GROUPS.find((y) => y.id === year)?.label ?? `Year ${year}`;
}

/** "Primary and secondary": the phases a school teaches, in words. */
export function phasesLabel(phases: readonly Phase[]): string {
  const names = SCHOOL_PHASES.filter((p) => phases.includes(p.id)).map((p) => p.label.replace(/ \(.*\)$/, '').toLowerCase());
  if (names.length === 0) return 'No phase given';
  const text = names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names.at(-1)!}`;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function settingLabel(setting: Setting): string {
  return SCHOOL_SETTINGS.find((s) => s.id === setting)?.label ?? setting;
}

// ---- Schema 5 and earlier: one `phase`, and pupils "with a statement or plan" ----

/** The single phase schema 5 and earlier stored, as the submission format (version 1) still records it. */
export type LegacySchoolPhase = 'nursery' | 'primary' | 'middle' | 'secondary' | 'all-through' | 'special' | 'pupil-referral-unit';

export const LEGACY_PHASE_LABELS: Readonly<Record<LegacySchoolPhase, string>> = {
  nursery: 'Nursery',
  primary: 'Primary',
  middle: 'Middle',
  secondary: 'Secondary',
  'all-through': 'All-through',
  special: 'Special school',
  'pupil-referral-unit': 'Pupil referral unit',
};

export function legacyPhaseLabel(phase: LegacySchoolPhase): string {
  return LEGACY_PHASE_LABELS[phase] ?? phase;
}

/** A school as schema 5 and earlier stored it. */
export type SchoolBeforeSchema6 = Omit<
  School,
  'phases' | 'setting' | 'lowestYear' | 'highestYear' | 'pupilsWithEhcPlan' | 'resourcedProvision' | 'lookedAfterOnRoll'
> & { phase: LegacySchoolPhase; pupilsWithStatementOrPlan: number };

/**
 * How the old single `phase` becomes the profile, for the most common school of each kind; the
 * school can correct it on its details page:
 * - nursery: early years, mainstream, Nursery to Reception;
 * - primary: early years and primary (Reception is early years), mainstream, Reception to Year 6;
 * - middle: primary and secondary, mainstream, Year 5 to Year 8;
 * - secondary: secondary, mainstream, Year 7 to Year 11 (a sixth form is not assumed);
 * - all-through: early years, primary and secondary, mainstream, Reception to Year 11;
 * - special: primary and secondary, special, Year 1 to Year 11;
 * - pupil referral unit: secondary, alternative provision, Year 7 to Year 11.
 */
export const PROFILE_OF_LEGACY_PHASE: Readonly<
  Record<LegacySchoolPhase, Pick<SchoolDetails, 'phases' | 'setting' | 'lowestYear' | 'highestYear'>>
> = {
  nursery: { phases: ['early-years'], setting: 'mainstream', lowestYear: -1, highestYear: 0 },
  primary: { phases: ['early-years', 'primary'], setting: 'mainstream', lowestYear: 0, highestYear: 6 },
  middle: { phases: ['primary', 'secondary'], setting: 'mainstream', lowestYear: 5, highestYear: 8 },
  secondary: { phases: ['secondary'], setting: 'mainstream', lowestYear: 7, highestYear: 11 },
  'all-through': { phases: ['early-years', 'primary', 'secondary'], setting: 'mainstream', lowestYear: 0, highestYear: 11 },
  special: { phases: ['primary', 'secondary'], setting: 'special', lowestYear: 1, highestYear: 11 },
  'pupil-referral-unit': { phases: ['secondary'], setting: 'alternative-provision', lowestYear: 7, highestYear: 11 },
};

/**
 * A schema-5 school as schema 6 keeps it. Pupils "with a statement or plan" become pupils with an
 * EHC plan (statements ended in 2018). Resourced provision is taken as absent; looked-after
 * children as on roll, so that the criteria about them apply until the school says otherwise:
 * a criterion wrongly left out is never noticed, one wrongly kept is shown on the dashboard.
 * A record already in schema 6 is returned as it is.
 */
export function upgradeSchoolToSchema6(record: SchoolBeforeSchema6 | School): School {
  if (!('phase' in record)) return record;
  const { phase, pupilsWithStatementOrPlan, ...rest } = record;
  const profile = PROFILE_OF_LEGACY_PHASE[phase] ?? PROFILE_OF_LEGACY_PHASE.primary;
  return {
    ...rest,
    ...profile,
    phases: [...profile.phases],
    pupilsWithEhcPlan: pupilsWithStatementOrPlan,
    resourcedProvision: false,
    lookedAfterOnRoll: true,
  };
}

/**
 * The one phase the submission format (version 1) records for a school, from its profile: the
 * setting first (special, pupil referral unit), then the span of phases taught.
 */
export function legacyPhaseOf(details: Pick<SchoolDetails, 'phases' | 'setting'>): LegacySchoolPhase {
  if (details.setting === 'special') return 'special';
  if (details.setting === 'alternative-provision') return 'pupil-referral-unit';
  const has = (phase: Phase) => details.phases.includes(phase);
  if (has('primary') && (has('secondary') || has('post-16'))) return has('early-years') ? 'all-through' : 'middle';
  if (has('secondary') || has('post-16')) return 'secondary';
  if (has('primary')) return 'primary';
  return 'nursery';
}
