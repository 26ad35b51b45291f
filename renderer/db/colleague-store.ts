import { colleagueProfileProblems, type ColleagueProfile, type ColleagueProfileDetails } from '../../shared/evidence/evidence-pack-records';
import type { EvidencePackInput } from '../../shared/evidence/evidence-pack-builder';
import type { EvidencePackDocument } from '../../shared/evidence/evidence-pack-format';
import type { SigningIdentity } from '../../shared/submission/submission-exporter';
import { newId, nowIso, type AppDatabase } from './app-database';
import { ensureSigningIdentity, type SigningSubject } from './signing-key-store';
import { describeStorageError, UserFacingError } from './storage-errors';

/**
 * A colleague's side of evidence packs: their details, kept on their computer, and their own
 * signing key, made on first use exactly as a school's is (a non-extractable key in IndexedDB with
 * a self-signed certificate, here with the role "Colleague", their name and the school's URN).
 */

export function colleagueSigningSubject(profile: ColleagueProfile): SigningSubject {
  return { workspaceId: profile.id, role: 'Colleague', commonName: profile.name, urn: profile.urn, organisation: profile.schoolName };
}

export type SaveColleagueResult =
  { ok: true; profile: ColleagueProfile } | { ok: false; problems: Partial<Record<keyof ColleagueProfileDetails, string>> };

/** Keeps the colleague's details (a new profile, or changes to `id`'s); details with a problem are refused and nothing is written. */
export async function saveColleagueProfile(db: AppDatabase, details: ColleagueProfileDetails, id?: string): Promise<SaveColleagueResult> {
  const problems = colleagueProfileProblems(details);
  if (Object.keys(problems).length > 0) return { ok: false, problems };
  const clean: ColleagueProfileDetails = {
    name: details.name.trim(),
    role: details.role.trim(),
    schoolName: details.schoolName.trim(),
    urn: details.urn.trim(),
    regionId: details.regionId,
  };
  try {
    return await db.transaction('rw', [db.colleagueProfiles], async () => {
      const existing = id ? await db.colleagueProfiles.get(id) : undefined;
      const now = nowIso();
      const profile: ColleagueProfile = existing
        ? { ...existing, ...clean, updatedAt: now }
        : { id: newId(), ...clean, createdAt: now, updatedAt: now };
      await db.colleagueProfiles.put(profile);
      return { ok: true as const, profile };
    });
  } catch (error) {
    throw new UserFacingError(describeStorageError(error, 'your details'));
  }
}

/** The colleague's signing identity, made the first time they export a pack (re-issued if their details changed). */
export function ensureColleagueSigningIdentity(db: AppDatabase, profile: ColleagueProfile): Promise<SigningIdentity> {
  return ensureSigningIdentity(db, colleagueSigningSubject(profile));
}

/**
 * Signs and makes a colleague's evidence pack with their own key (made on first use). The PDF code
 * loads only when a pack is made.
 */
export async function makeSignedEvidencePack(
  db: AppDatabase,
  profile: ColleagueProfile,
  input: EvidencePackInput,
  readFile: (sha256: string) => Promise<Blob | Uint8Array>,
  criteria: ReadonlySet<string>,
): Promise<{ bytes: Uint8Array<ArrayBuffer>; document: EvidencePackDocument }> {
  const signing = await ensureColleagueSigningIdentity(db, profile);
  const { exportEvidencePack } = await import('../../shared/evidence/evidence-pack-builder');
  return exportEvidencePack(input, readFile, signing, criteria);
}
