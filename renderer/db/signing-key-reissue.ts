import type { SigningKeyRecord } from './app-database';

/*
 * The note kept on a signing key record when its certificate was re-issued, apart from the store
 * that makes certificates (signing-key-store.ts): the queue and settings show the note without
 * loading the certificate checks.
 */

/**
 * Why a workspace's certificate was last re-issued for the same key when nothing about the
 * workspace changed: older versions of the app wrote some certificates in a form (not strict DER)
 * that other tools refuse, so those are replaced at the next export.
 */
export interface CertificateReissue {
  reason: 'not-strict-der';
  previousFingerprint: string;
  /** When the new certificate was made (ISO). */
  at: string;
}

/** A signing key record as this store writes it: the record, and a note when its certificate was re-issued. */
export type SigningKeyRecordWithReissue = SigningKeyRecord & { reissue?: CertificateReissue };

/** The re-issue note kept on a record, if it has a well-formed one. */
export function certificateReissueOf(record: SigningKeyRecord): CertificateReissue | null {
  const note: unknown = (record as SigningKeyRecordWithReissue).reissue;
  if (typeof note !== 'object' || note === null) return null;
  const { reason, previousFingerprint, at } = note as Record<string, unknown>;
  if (reason !== 'not-strict-der' || typeof previousFingerprint !== 'string' || typeof at !== 'string') return null;
  return { reason, previousFingerprint, at };
}
