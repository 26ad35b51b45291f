import { useLiveQuery } from 'dexie-react-hooks';
import { sha256Hex } from '../../shared/formats/sha256';
import type { PartnershipAuthority } from '../../shared/crypto/partnership-certificate';
import type { VerifiedBenchmark } from '../../shared/partnership/benchmark-file';
import { nowIso, type AppDatabase, type BenchmarkRecord } from './app-database';
import { describeStorageError } from './storage-errors';

/**
 * A school's "schools like yours" benchmarks: keeping a verified file (keyed by its SHA-256, so the
 * same file imported again adds nothing), and reading the latest for the dashboard.
 */
export type BenchmarkImportResult =
  { ok: true; outcome: 'imported' | 'already-imported'; message: string } | { ok: false; message: string };

/** Keeps a verified benchmark for the school. Never throws: a failure is said in words. */
export async function importBenchmark(
  db: AppDatabase,
  input: { schoolId: string; benchmark: VerifiedBenchmark; pdf: Blob },
): Promise<BenchmarkImportResult> {
  const { benchmark } = input;
  const made = benchmark.document.createdAt.slice(0, 10);
  try {
    const existing = await db.benchmarks.get(benchmark.fileSha256);
    if (existing && existing.schoolId === input.schoolId) {
      return { ok: true, outcome: 'already-imported', message: `This benchmark (made on ${made}) was imported before: nothing was added.` };
    }
    const record: BenchmarkRecord = {
      sha256: benchmark.fileSha256,
      schoolId: input.schoolId,
      document: benchmark.document,
      signedBy: benchmark.signedBy,
      rootFingerprint: benchmark.rootFingerprint,
      pdf: input.pdf,
      importedAt: nowIso(),
    };
    await db.benchmarks.put(record);
    return {
      ok: true,
      outcome: 'imported',
      message: `Imported the benchmark made on ${made}. ${benchmark.signedBy} It is on the dashboard under “Schools like yours”.`,
    };
  } catch (error) {
    return { ok: false, message: describeStorageError(error, 'the benchmark') };
  }
}

/** The school's latest benchmark (by the date it was made), null when it has none; undefined while loading. */
export function useLatestBenchmark(db: AppDatabase, schoolId: string): BenchmarkRecord | null | undefined {
  return useLiveQuery(async () => {
    const all = await db.benchmarks.where('schoolId').equals(schoolId).toArray();
    all.sort((a, b) => (a.document.createdAt < b.document.createdAt ? 1 : a.document.createdAt > b.document.createdAt ? -1 : 0));
    return all[0] ?? null;
  }, [db, schoolId]);
}

/** The root fingerprint of the partnership that certified this school's key, or null when none has. */
export async function schoolPartnershipRoot(db: AppDatabase, schoolId: string): Promise<string | null> {
  const rootDer = (await db.signingKeys.get(schoolId))?.partnershipCertificate?.rootDer;
  // A certificate's fingerprint is the SHA-256 of its DER (as certificateFingerprint says), taken
  // here without loading the certificate code, which the dashboard does not otherwise need to draw.
  return rootDer ? sha256Hex(rootDer) : null;
}

/** The partnership's key and root certificate, to sign a benchmark; null when its key is not on this computer. */
export async function partnershipAuthority(db: AppDatabase, partnershipId: string): Promise<PartnershipAuthority | null> {
  const key = await db.signingKeys.get(partnershipId);
  return key ? { privateKey: key.keys.privateKey, rootDer: key.certificateDer } : null;
}
