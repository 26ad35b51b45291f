import Dexie, { type EntityTable } from 'dexie';
import type { ActionItem } from '../../shared/actions/action-plan';
import type { CriterionResponse, Evaluation, EvidenceLink } from '../../shared/evaluation/evaluation-records';
import type { EvidenceItem } from '../../shared/evidence/evidence-records';
import type { School } from '../../shared/school/school-records';

/** A stored evidence file, kept once however many items or schools use it. */
export interface EvidenceBlobRecord {
  sha256: string;
  blob: Blob;
  size: number;
  type: string;
}

/** A framework file a partnership imported (Settings > Frameworks > Import). */
export interface ImportedFrameworkRecord {
  contentHash: string;
  id: string;
  version: string;
  fileName: string;
  value: unknown;
  importedAt: string;
}

export interface MetaRecord {
  key: string;
  value: string | number;
}

/** The schema version of the database this build writes. Bump it with a new `version()` below. */
export const DATABASE_SCHEMA_VERSION = 1;
export const DATABASE_NAME = 'sen-accreditation';

export class AppDatabase extends Dexie {
  schools!: EntityTable<School, 'id'>;
  evaluations!: EntityTable<Evaluation, 'id'>;
  responses!: EntityTable<CriterionResponse, 'key'>;
  evidence!: EntityTable<EvidenceItem, 'id'>;
  evidenceBlobs!: EntityTable<EvidenceBlobRecord, 'sha256'>;
  evidenceLinks!: EntityTable<EvidenceLink, 'key'>;
  actions!: EntityTable<ActionItem, 'id'>;
  frameworks!: EntityTable<ImportedFrameworkRecord, 'contentHash'>;
  meta!: EntityTable<MetaRecord, 'key'>;

  constructor(name = DATABASE_NAME) {
    // Strict durability: a transaction reports success only once the data is on disk.
    super(name, { chromeTransactionDurability: 'strict' });
    this.version(DATABASE_SCHEMA_VERSION).stores({
      schools: 'id, urn, name',
      evaluations: 'id, schoolId',
      responses: 'key, evaluationId',
      evidence: 'id, schoolId, file.sha256',
      evidenceBlobs: 'sha256',
      evidenceLinks: 'key, evaluationId, evidenceId, [evaluationId+criterionId]',
      actions: 'id, evaluationId, *criterionIds',
      frameworks: 'contentHash, id',
      meta: 'key',
    });
  }
}

export function newId(): string {
  return globalThis.crypto.randomUUID();
}

export function nowIso(): string {
  return new Date().toISOString();
}
