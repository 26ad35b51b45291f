/** A school workspace: who the school is and the context the evaluation is read in. */
export const SCHOOL_PHASES = [
  { id: 'nursery', label: 'Nursery' },
  { id: 'primary', label: 'Primary' },
  { id: 'middle', label: 'Middle' },
  { id: 'secondary', label: 'Secondary' },
  { id: 'all-through', label: 'All-through' },
  { id: 'special', label: 'Special school' },
  { id: 'pupil-referral-unit', label: 'Pupil referral unit' },
] as const;

export type SchoolPhase = (typeof SCHOOL_PHASES)[number]['id'];

export interface SchoolDetails {
  name: string;
  /** Unique reference number: six digits. */
  urn: string;
  regionId: string;
  localAuthority: string;
  phase: SchoolPhase;
  headTeacher: string;
  senco: string;
  senGovernor: string;
  pupilsOnRoll: number;
  pupilsOnSenSupport: number;
  pupilsWithStatementOrPlan: number;
}

export interface School extends SchoolDetails {
  id: string;
  createdAt: string;
  updatedAt: string;
}

export function phaseLabel(phase: SchoolPhase): string {
  return SCHOOL_PHASES.find((p) => p.id === phase)?.label ?? phase;
}
