import { SHORT_TEXT_MAX_CHARS, tooLongMessage } from '../formats/field-limits';
import type { SchoolDetails } from '../school/school-records';
import type { Cohort, Criterion } from './framework-types';

/**
 * Which criteria apply to a school (the framework's `appliesTo`, read against the school's
 * profile), and the school's claim that a criterion does not apply to it. Pure.
 */

/** What applicability reads of a school. */
export type ApplicabilityProfile = Pick<
  SchoolDetails,
  'phases' | 'setting' | 'highestYear' | 'pupilsOnSenSupport' | 'pupilsWithEhcPlan' | 'resourcedProvision' | 'lookedAfterOnRoll'
>;

export type Applicability = { applies: true } | { applies: false; reason: string };

/** Whether the school has each group of pupils a criterion may be limited to. */
const HAS_COHORT: Readonly<Record<Cohort, (profile: ApplicabilityProfile) => boolean>> = {
  'ehc-plans': (p) => p.pupilsWithEhcPlan > 0,
  'sen-support': (p) => p.pupilsOnSenSupport > 0,
  'year-9-and-above': (p) => p.highestYear >= 9,
  'resourced-provision': (p) => p.resourcedProvision,
  'looked-after-children': (p) => p.lookedAfterOnRoll,
};

/**
 * A criterion applies when every condition it gives holds: the school teaches any of its phases,
 * is any of its settings, and has all of its cohorts. No `appliesTo`: it applies to every school.
 */
export function criterionApplies(criterion: Pick<Criterion, 'appliesTo'>, profile: ApplicabilityProfile): Applicability {
  const limit = criterion.appliesTo;
  if (!limit) return { applies: true };
  const phaseOk = !limit.phases || limit.phases.some((phase) => profile.phases.includes(phase));
  const settingOk = !limit.settings || limit.settings.includes(profile.setting);
  const cohortsOk = !limit.cohorts || limit.cohorts.every((cohort) => HAS_COHORT[cohort](profile));
  return phaseOk && settingOk && cohortsOk ? { applies: true } : { applies: false, reason: limit.reason };
}

/** "a primary school", "a special school", "an alternative provision setting": the school as the dashboard names it. */
export function describeSchool(profile: Pick<ApplicabilityProfile, 'phases' | 'setting'>): string {
  if (profile.setting === 'special') return 'a special school';
  if (profile.setting === 'alternative-provision') return 'an alternative provision setting';
  const has = (phase: ApplicabilityProfile['phases'][number]) => profile.phases.includes(phase);
  if (has('primary') && (has('secondary') || has('post-16'))) return 'an all-through school';
  if (has('secondary')) return has('post-16') ? 'a secondary school with a sixth form' : 'a secondary school';
  if (has('primary')) return 'a primary school';
  if (has('post-16')) return 'a post-16 setting';
  return 'a nursery school';
}

/** The school's claim that a criterion does not apply to it, with its written reason. */
export interface NotApplicableClaim {
  reason: string;
}

/**
 * Why a "not applicable" claim cannot be accepted, or null when it can: only on a criterion the
 * framework marks as possibly not applicable, and only with a written reason of sensible length.
 */
export function notApplicableProblem(criterion: Pick<Criterion, 'id' | 'mayBeNotApplicable'>, claim: NotApplicableClaim): string | null {
  if (!criterion.mayBeNotApplicable) {
    return `${criterion.id} cannot be marked not applicable: the framework expects every school it applies to to show it. Give a judgement instead.`;
  }
  if (claim.reason.trim() === '') {
    return `Write why ${criterion.id} does not apply to your school. The moderator reads the reason and may disagree.`;
  }
  return tooLongMessage('The reason it does not apply', claim.reason, SHORT_TEXT_MAX_CHARS);
}
