/**
 * What the app keeps about evidence packs: on a colleague's computer, who they are (no full school
 * workspace); on the SENCO's, the colleagues' keys it has pinned and the packs it has imported.
 */

/** A class teacher's or teaching assistant's details, kept on their computer to sign their packs. */
export interface ColleagueProfile {
  id: string;
  name: string;
  /** "Class teacher, Year 4", "Teaching assistant". */
  role: string;
  schoolName: string;
  /** The school's six-digit URN: the SENCO's app refuses a pack for another URN. */
  urn: string;
  /** The school's region: its current framework edition gives the criteria to suggest. */
  regionId: string;
  createdAt: string;
  updatedAt: string;
}

export type ColleagueProfileDetails = Pick<ColleagueProfile, 'name' | 'role' | 'schoolName' | 'urn' | 'regionId'>;

/** A school's pin of a colleague's key: `colleaguePinKey(schoolId, name)`. */
export interface ColleaguePinRecord {
  key: string;
  schoolId: string;
  colleagueName: string;
  /** SHA-256 (hex) of the colleague's certificate. */
  fingerprint: string;
  pinnedAt: string;
}

/** A pack a school imported: who sent it, when, and what became of each item. */
export interface EvidencePackImportRecord {
  /** `packImportKey(schoolId, packId)` */
  key: string;
  schoolId: string;
  packId: string;
  evaluationId: string;
  colleagueName: string;
  colleagueRole: string;
  packCreatedAt: string;
  fileSha256: string;
  importedAt: string;
  accepted: string[];
  declined: string[];
  /** Accepted items the library already held: linked, not stored twice. */
  linkedExisting: string[];
}

/** What is wrong with a colleague's details, field by field, in words; empty when they can be kept. */
export function colleagueProfileProblems(details: ColleagueProfileDetails): Partial<Record<keyof ColleagueProfileDetails, string>> {
  const problems: Partial<Record<keyof ColleagueProfileDetails, string>> = {};
  if (details.name.trim() === '') problems.name = 'Enter your name, so the SENCO knows who sent the pack.';
  else if (details.name.trim().length > 64) problems.name = 'Enter your name in 64 characters or fewer.';
  if (details.role.trim() === '') problems.role = 'Enter your role, for example “Class teacher, Year 4”.';
  else if (details.role.trim().length > 200) problems.role = 'Enter your role in 200 characters or fewer.';
  if (details.schoolName.trim() === '') problems.schoolName = 'Enter your school’s name.';
  if (!/^\d{6}$/.test(details.urn.trim()))
    problems.urn = 'Enter your school’s URN: six digits. Your SENCO or the school office can tell you it.';
  if (details.regionId === '') problems.regionId = 'Choose your school’s region.';
  return problems;
}
