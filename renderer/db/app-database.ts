import type { AppealDocument } from '../../shared/moderation/appeal';
import Dexie, { type EntityTable, type Transaction } from 'dexie';
import type { ActionItem } from '../../shared/actions/action-plan';
import type { PreviousNarrative } from '../../shared/evaluation/edition-crosswalk';
import type { ProgressSnapshot } from '../../shared/evaluation/progress-history';
import type { PartnershipTrustRecord } from '../../shared/moderation/partnership-trust';
import type {
  IssuedCertificateRecord,
  PartnershipWorkspace,
  WorkspacePartnershipCertificate,
} from '../../shared/partnership/partnership-register';
import type { CriterionResponse, Evaluation, EvidenceLink } from '../../shared/evaluation/evaluation-records';
import type { EvidenceItem } from '../../shared/evidence/evidence-records';
import type { EvidenceThumbnail } from '../../shared/evidence/evidence-thumbnail';
import type { ColleaguePinRecord, ColleagueProfile, EvidencePackImportRecord } from '../../shared/evidence/evidence-pack-records';
import type { EvidencePackDraftItem } from '../../shared/evidence/evidence-pack-builder';
import { upgradeSchoolToSchema6, type School, type SchoolBeforeSchema6 } from '../../shared/school/school-records';
import type { ApprovalRecord } from '../../shared/submission/approval';
import type { SubmissionDocument } from '../../shared/submission/submission-format';
import type {
  CriterionModeration,
  EmbeddedFrameworkRecord,
  ImportedSubmission,
  ImportedSubmissionDocument,
  ImportedSubmissionFile,
  ModerationOutcome,
  ModeratorWorkspace,
  SignerPin,
  VisitPlan,
} from '../../shared/moderation/moderation-records';
import type { ModerationDocument } from '../../shared/moderation/moderation-format';
import type {
  PeerModeratorPin,
  ReceivedSecondModerationRequest,
  SecondModerationDecision,
  SecondModerationRequestRecord,
  SecondModerationResolution,
  SecondModerationReturnRecord,
} from '../../shared/moderation/second-moderation-records';
import type { BenchmarkDocument } from '../../shared/partnership/benchmark-document.generated';
import type { SharedFolderEntry } from '../../shared/moderation/shared-folder-index';
import { summaryOfEntry, type FolderEntrySummary } from '../../shared/partnership/regional-overview-summary';
import { moderatorPinKey, normaliseOrganisation } from '../../shared/moderation/first-use-trust';

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

/**
 * A workspace's signing key: the private key is a non-extractable CryptoKey (IndexedDB keeps it
 * as it is, so it can sign but never be read out), with the self-signed certificate naming the school.
 */
export interface SigningKeyRecord {
  /** The school's (or moderator workspace's) id. */
  workspaceId: string;
  keys: CryptoKeyPair;
  certificateDer: Uint8Array<ArrayBuffer>;
  /** SHA-256 (hex) of the certificate's DER. */
  fingerprint: string;
  /** The names the certificate was made for: a school's name and URN, or a moderator's name and organisation. */
  commonName: string;
  urn: string;
  organisation?: string;
  createdAt: string;
  /** The certificate a partnership issued for this key, once imported: files are signed with it while it is valid. */
  partnershipCertificate?: WorkspacePartnershipCertificate;
  /** When this workspace last wrote a certificate request for this key (ISO). */
  certificateRequestedAt?: string;
}

/** An exported submission, frozen: its data as exported and the exact PDF that was saved. */
export interface SubmissionRecord {
  /** The submission id inside submission.json. */
  id: string;
  evaluationId: string;
  schoolId: string;
  version: number;
  createdAt: string;
  fileName: string;
  /** SHA-256 (hex) of the PDF. */
  sha256: string;
  size: number;
  document: SubmissionDocument;
  pdf: Blob;
}

/** A signed moderation report the moderator exported. */
export interface ModerationReportRecord {
  id: string;
  submissionKey: string;
  workspaceId: string;
  createdAt: string;
  fileName: string;
  sha256: string;
  size: number;
  document: ModerationDocument;
  pdf: Blob;
}

/** A moderation report a school imported, verified, kept beside its evaluation. */
export interface ReceivedReportRecord {
  id: string;
  schoolId: string;
  evaluationId: string;
  submissionId: string;
  importedAt: string;
  fileSha256: string;
  signerFingerprint: string;
  document: ModerationDocument;
  pdf: Blob;
}

/**
 * An appeal in a moderator's workspace: a school's signed appeal against a report the workspace
 * issued, verified on import and kept with its PDF, and the moderator's result once recorded.
 */
export interface ModeratorAppealRecord {
  /** The appeal's id (appeal.json's appealId). */
  id: string;
  workspaceId: string;
  submissionKey: string;
  /** The report appealed against. */
  reportId: string;
  importedAt: string;
  fileSha256: string;
  signerFingerprint: string;
  document: AppealDocument;
  pdf: Blob;
  /** The moderator's result, or null while the appeal is open. */
  result: { result: 'upheld' | 'not-upheld'; reasons: string; decidedOn: string; recordedAt: string } | null;
}

/** An appeal a school lodged (signed and exported) against a report it imported. */
export interface LodgedAppealRecord {
  /** The appeal's id (appeal.json's appealId). */
  id: string;
  schoolId: string;
  evaluationId: string;
  /** The report appealed against (a received report's id). */
  reportId: string;
  lodgedAt: string;
  fileName: string;
  fileSha256: string;
  document: AppealDocument;
  pdf: Blob;
}

/**
 * A school's pin of a moderating organisation's key, per region: `moderatorPinKey(schoolId,
 * regionId, organisation)`, the organisation's name normalised so that a look-alike name is the same pin.
 */
export interface ModeratorPinRecord {
  key: string;
  schoolId: string;
  regionId: string;
  /** The organisation's name as the pinned report writes it. */
  organisation: string;
  /** SHA-256 (hex) of the moderator's certificate. */
  fingerprint: string;
  /** The name the pinned certificate gives the moderator (empty for a pin made before schema 5). */
  moderatorName: string;
  pinnedAt: string;
}

/** A pin as schema 3 and 4 kept it: `${schoolId}|${organisation}`, the name exactly as typed. */
export interface ModeratorPinBeforeSchema5 {
  key: string;
  schoolId: string;
  organisation: string;
  fingerprint: string;
  pinnedAt: string;
}

export interface MetaRecord {
  key: string;
  value: string | number;
}

/** The schema version of the database this build writes. Bump it with a new `version()` below. */
export const DATABASE_SCHEMA_VERSION = 19;
export const DATABASE_NAME = 'sen-accreditation';

/** A "schools like yours" benchmark a school imported: the verified file and its data. */
/** A colleague's evidence pack not yet made: the items' details, in order. */
export interface ColleaguePackDraft {
  profileId: string;
  items: EvidencePackDraftItem[];
  updatedAt: string;
}

/** One file of a colleague's draft pack, kept once by its SHA-256. */
export interface ColleaguePackDraftFile {
  /** `${profileId}|${sha256}` */
  key: string;
  profileId: string;
  sha256: string;
  file: Blob;
}

export interface BenchmarkRecord {
  /** SHA-256 (hex) of the PDF: the same file imported again is the same record. */
  sha256: string;
  schoolId: string;
  document: BenchmarkDocument;
  /** "Signed by the South West SEN Regional Partnership." */
  signedBy: string;
  /** SHA-256 of the partnership's root certificate. */
  rootFingerprint: string;
  pdf: Blob;
  importedAt: string;
}

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
  signingKeys!: EntityTable<SigningKeyRecord, 'workspaceId'>;
  submissions!: EntityTable<SubmissionRecord, 'id'>;
  moderatorWorkspaces!: EntityTable<ModeratorWorkspace, 'id'>;
  importedSubmissions!: EntityTable<ImportedSubmission, 'key'>;
  importedSubmissionDocuments!: EntityTable<ImportedSubmissionDocument, 'key'>;
  importedSubmissionFiles!: EntityTable<ImportedSubmissionFile, 'sha256'>;
  embeddedFrameworks!: EntityTable<EmbeddedFrameworkRecord, 'contentHash'>;
  signerPins!: EntityTable<SignerPin, 'key'>;
  criterionModerations!: EntityTable<CriterionModeration, 'key'>;
  visitPlans!: EntityTable<VisitPlan, 'submissionKey'>;
  moderationOutcomes!: EntityTable<ModerationOutcome, 'submissionKey'>;
  moderationReports!: EntityTable<ModerationReportRecord, 'id'>;
  receivedReports!: EntityTable<ReceivedReportRecord, 'id'>;
  moderatorPins!: EntityTable<ModeratorPinRecord, 'key'>;
  previousNarratives!: EntityTable<PreviousNarrative, 'key'>;
  partnershipTrust!: EntityTable<PartnershipTrustRecord, 'key'>;
  approvals!: EntityTable<ApprovalRecord, 'evaluationId'>;
  partnerships!: EntityTable<PartnershipWorkspace, 'id'>;
  issuedCertificates!: EntityTable<IssuedCertificateRecord, 'key'>;
  secondModerationRequests!: EntityTable<SecondModerationRequestRecord, 'id'>;
  secondModerationReturns!: EntityTable<SecondModerationReturnRecord, 'requestId'>;
  secondModerationResolutions!: EntityTable<SecondModerationResolution, 'key'>;
  receivedSecondRequests!: EntityTable<ReceivedSecondModerationRequest, 'key'>;
  secondModerationDecisions!: EntityTable<SecondModerationDecision, 'key'>;
  peerModeratorPins!: EntityTable<PeerModeratorPin, 'key'>;
  evidenceThumbnails!: EntityTable<EvidenceThumbnail, 'sha256'>;
  colleagueProfiles!: EntityTable<ColleagueProfile, 'id'>;
  colleaguePins!: EntityTable<ColleaguePinRecord, 'key'>;
  evidencePackImports!: EntityTable<EvidencePackImportRecord, 'key'>;
  progressSnapshots!: EntityTable<ProgressSnapshot, 'key'>;
  moderatorAppeals!: EntityTable<ModeratorAppealRecord, 'id'>;
  lodgedAppeals!: EntityTable<LodgedAppealRecord, 'id'>;
  sharedFolderEntries!: EntityTable<SharedFolderEntry, 'key'>;
  sharedFolderSummaries!: EntityTable<FolderEntrySummary, 'key'>;
  benchmarks!: EntityTable<BenchmarkRecord, 'sha256'>;
  colleaguePackDrafts!: EntityTable<ColleaguePackDraft, 'profileId'>;
  colleaguePackDraftFiles!: EntityTable<ColleaguePackDraftFile, 'key'>;

  constructor(
    name = DATABASE_NAME,
    {
      declare = 'whole-path',
    }: {
      /**
       * 'whole-path' (the default): every version an older database passes through, ready for any
       * open. 'latest-until-settled': the latest version alone until settleUpgradePath, which the
       * app's start calls from its look at the database on disk before anything else touches it.
       */
      declare?: 'whole-path' | 'latest-until-settled';
    } = {},
  ) {
    // Strict durability: a transaction reports success only once the data is on disk.
    super(name, { chromeTransactionDurability: 'strict' });
    // A new database, or one already at this version, needs only the latest version, and declaring
    // it alone is several times cheaper for Dexie than declaring the whole path, which the app would
    // otherwise do at every start. An older database needs the path.
    this.version(DATABASE_SCHEMA_VERSION)
      .stores(CURRENT_STORES)
      .upgrade((tx) => summariseFolderEntries(tx));
    if (declare === 'whole-path') this.declareUpgradePathOnce();
  }

  private upgradePathSettled = false;

  /**
   * Declares what an older database needs to reach this version, when the one on disk is older than
   * this version (its schema version, or null when there is none yet): the versions with an upgrade
   * function and the tables each held. Before the database is opened; later calls change nothing.
   */
  settleUpgradePath(storedSchemaVersion: number | null): void {
    if (storedSchemaVersion !== null && storedSchemaVersion < DATABASE_SCHEMA_VERSION) this.declareUpgradePathOnce();
    else this.upgradePathSettled = true;
  }

  /** Opens the database; when the path was never settled, with the whole path declared first (an explicit open only). */
  override open(): ReturnType<Dexie['open']> {
    this.declareUpgradePathOnce();
    return super.open();
  }

  /** Declares the whole upgrade path, unless the path is settled already. */
  private declareUpgradePathOnce(): void {
    if (this.upgradePathSettled) return;
    this.upgradePathSettled = true;
    declareUpgradePath(this);
  }
}

// What each version added, as released (test/component/database-migration.test.ts opens a database
// of every one): 1: the school's own records. 2: signing keys and frozen submissions (issue 3). 3:
// the moderator's side (issue 4) and moderation reports a school imports. 4: each imported
// submission's data (submission.json) moves out of its record into a table of its own, so the queue
// reads only what it shows. Every document is kept.
const STORES_AT_4 = {
  schools: 'id, urn, name',
  evaluations: 'id, schoolId',
  responses: 'key, evaluationId',
  evidence: 'id, schoolId, file.sha256',
  evidenceBlobs: 'sha256',
  evidenceLinks: 'key, evaluationId, evidenceId, [evaluationId+criterionId]',
  actions: 'id, evaluationId, *criterionIds',
  frameworks: 'contentHash, id',
  meta: 'key',
  signingKeys: 'workspaceId',
  submissions: 'id, evaluationId, schoolId, [evaluationId+version]',
  moderatorWorkspaces: 'id',
  importedSubmissions: 'key, workspaceId, submissionId, [workspaceId+urn], status',
  importedSubmissionFiles: 'sha256',
  embeddedFrameworks: 'contentHash',
  signerPins: 'key, workspaceId',
  criterionModerations: 'key, submissionKey',
  visitPlans: 'submissionKey',
  moderationOutcomes: 'submissionKey',
  moderationReports: 'id, submissionKey, workspaceId',
  receivedReports: 'id, schoolId, evaluationId, submissionId',
  moderatorPins: 'key, schoolId',
  importedSubmissionDocuments: 'key',
};

// Versions 7 to 18 added tables only, nothing to migrate; version 18 declares them all:
// 7: the narratives of a 2005 evaluation that carry forward for reference only, beside the 2026
//    criterion that succeeds theirs (shared/evaluation/edition-crosswalk.ts).
// 8: the partnership roots a moderator workspace has pinned and the revocation lists it holds
//    (shared/moderation/partnership-trust.ts).
// 9: the head teacher's (or a governor's) approval of an evaluation for submission, the latest
//    one per evaluation (shared/submission/approval.ts).
// 10: partnership workspaces (issue 19) and the register of the certificates each has issued
//    (shared/partnership/partnership-register.ts).
// 11: second moderation (shared/moderation/second-moderation-records.ts): the first moderator's
//    requests sent, the returns imported and the resolutions; the second moderator's requests
//    received and decisions; and the keys of fellow moderators trusted on first use.
// 12: thumbnails of evidence files for the library's cards, keyed by the file's SHA-256
//    (shared/evidence/evidence-thumbnail.ts); derived data, left out of backups, made again when missing.
// 13: colleagues' evidence packs (issue 17 item 4): a colleague's own details on their computer,
//    and on the SENCO's the colleagues' pinned keys and the packs imported (shared/evidence/evidence-pack-records.ts).
// 14: one record a day of where each criterion of an evaluation stood, written with the save that
//    changed it (shared/evaluation/progress-history.ts); evaluations made before it have no history.
// 15: appeals, recorded on both sides (issue 18): those a moderator imported, with the result, and
//    those a school lodged.
// 16: the index of a workspace's shared folder (shared/moderation/shared-folder-index.ts), one
//    entry per file, by workspace; rebuilt by a scan, never backed up (backup-store.ts, DERIVED_TABLES).
// 17: the "schools like yours" benchmarks a school imported from its partnership
//    (shared/partnership/benchmark-file.ts), keyed by the SHA-256 of the PDF, by school.
// 18: a colleague's evidence pack as it is being put together (renderer/db/colleague-pack-draft-store.ts):
//    the items' details by profile, and each file's bytes once, so a reload or a closed window loses nothing.
const ADDED_FROM_7_TO_18 = {
  previousNarratives: 'key, evaluationId, [evaluationId+criterionId]',
  partnershipTrust: 'key, workspaceId',
  approvals: 'evaluationId',
  partnerships: 'id',
  issuedCertificates: 'key, partnershipId',
  secondModerationRequests: 'id, workspaceId, submissionKey',
  secondModerationReturns: 'requestId, workspaceId',
  secondModerationResolutions: 'key, requestId',
  receivedSecondRequests: 'key, workspaceId',
  secondModerationDecisions: 'key, receivedKey',
  peerModeratorPins: 'key, workspaceId',
  evidenceThumbnails: 'sha256',
  colleagueProfiles: 'id',
  colleaguePins: 'key, schoolId',
  evidencePackImports: 'key, schoolId',
  progressSnapshots: 'key, evaluationId',
  moderatorAppeals: 'id, workspaceId, submissionKey',
  lodgedAppeals: 'id, schoolId, evaluationId, reportId',
  sharedFolderEntries: 'key, folderKey',
  benchmarks: 'sha256, schoolId',
  colleaguePackDrafts: 'profileId',
  colleaguePackDraftFiles: 'key, profileId',
};

// Version 19: a summary of each shared-folder index entry beside it, under the same key
// (shared/partnership/regional-overview-summary.ts): the entry without its criteria lists, which
// the Regional overview reads first. Written and removed with its entry in one transaction
// (shared-folder-store.ts); the upgrade makes the summary of every entry already indexed.
// Derived like the index, never backed up.
const ADDED_AT_19 = { sharedFolderSummaries: 'key, folderKey' };

/** Every store and index of this version: what a new database is made with. */
const CURRENT_STORES = { ...STORES_AT_4, ...ADDED_FROM_7_TO_18, ...ADDED_AT_19 };

/**
 * The versions an older database passes through: those with an upgrade function (4, 5, 6; 19's is
 * declared with the latest), and 18, which declares every table added from 7 to 18. Dexie (3 and
 * later) reads the stores an existing database really has and builds what is missing from the
 * declarations after its version, so versions that only added tables need no declaration of their
 * own. Each version declared holds every store as of that version (Dexie deletes a store that a
 * version's stores, with those of the versions before it, leave out).
 */
function declareUpgradePath(db: AppDatabase): void {
  db.version(4)
    .stores(STORES_AT_4)
    .upgrade((tx) => moveImportedSubmissionDocuments(tx));
  // Version 5: a school's pins of moderators' keys are keyed by region and normalised organisation
  // (a trailing space or a look-alike letter is no longer a new organisation). Same stores.
  db.version(5)
    .stores({ moderatorPins: 'key, schoolId' })
    .upgrade((tx) => rekeyModeratorPins(tx));
  // Version 6: a school's profile decides which criteria apply (issue 15). The single `phase`
  // becomes phases taught, setting and year groups; pupils "with a statement or plan" become
  // pupils with an EHC plan (upgradeSchoolToSchema6 says how). Same stores.
  db.version(6)
    .stores({ schools: 'id, urn, name' })
    .upgrade((tx) => upgradeSchools(tx));
  db.version(18).stores(ADDED_FROM_7_TO_18);
}

/** How many index entries the upgrade to version 19 holds in memory at once. */
const SUMMARY_BATCH = 200;

/** The upgrade to version 19, inside Dexie's upgrade transaction: a failure undoes all of it. */
async function summariseFolderEntries(tx: Transaction): Promise<void> {
  const entries = tx.table<SharedFolderEntry, string>('sharedFolderEntries');
  const summaries = tx.table<FolderEntrySummary, string>('sharedFolderSummaries');
  const keys = await entries.toCollection().primaryKeys();
  for (let start = 0; start < keys.length; start += SUMMARY_BATCH) {
    const batch = await entries.bulkGet(keys.slice(start, start + SUMMARY_BATCH));
    await summaries.bulkPut(batch.flatMap((entry) => (entry ? [summaryOfEntry(entry)] : [])));
  }
}

/** The upgrade to version 6, inside Dexie's upgrade transaction: a failure undoes all of it. */
async function upgradeSchools(tx: Transaction): Promise<void> {
  await tx
    .table<SchoolBeforeSchema6 | School, string>('schools')
    .toCollection()
    .modify((school, ref) => {
      ref.value = upgradeSchoolToSchema6(school);
    });
}

/**
 * Schema-4 pins as schema 5 keeps them. The region is the one the school's reports signed with the
 * pinned key name, else the school's own region; a pin of a school that no longer exists is dropped.
 * When two old pins become one (the same organisation written two ways), the one pinned first is
 * kept: trust on first use trusts the first key, and a later look-alike is what a pin guards against.
 */
export function migrateModeratorPins(
  pins: readonly ModeratorPinBeforeSchema5[],
  reports: readonly Pick<ReceivedReportRecord, 'schoolId' | 'signerFingerprint' | 'document'>[],
  schools: readonly Pick<School, 'id' | 'regionId'>[],
): ModeratorPinRecord[] {
  const regionOfSchool = new Map(schools.map((s) => [s.id, s.regionId]));
  const byKey = new Map<string, ModeratorPinRecord>();
  for (const pin of [...pins].sort((a, b) => a.pinnedAt.localeCompare(b.pinnedAt))) {
    const signed = reports.find(
      (r) =>
        r.schoolId === pin.schoolId &&
        r.signerFingerprint === pin.fingerprint &&
        normaliseOrganisation(r.document.moderator.organisation) === normaliseOrganisation(pin.organisation),
    );
    const regionId = signed?.document.moderator.regionId ?? regionOfSchool.get(pin.schoolId);
    if (regionId === undefined) continue;
    const key = moderatorPinKey(pin.schoolId, regionId, pin.organisation);
    if (byKey.has(key)) continue;
    byKey.set(key, {
      key,
      schoolId: pin.schoolId,
      regionId,
      organisation: pin.organisation,
      fingerprint: pin.fingerprint,
      moderatorName: signed?.document.moderator.name ?? '',
      pinnedAt: pin.pinnedAt,
    });
  }
  return [...byKey.values()];
}

async function rekeyModeratorPins(tx: Transaction): Promise<void> {
  const pins = tx.table<ModeratorPinBeforeSchema5 | ModeratorPinRecord, string>('moderatorPins');
  const old = (await pins.toArray()).filter((pin): pin is ModeratorPinBeforeSchema5 => !('regionId' in pin));
  if (old.length === 0) return;
  const [reports, schools] = await Promise.all([
    tx.table<ReceivedReportRecord, string>('receivedReports').toArray(),
    tx.table<School, string>('schools').toArray(),
  ]);
  await pins.bulkDelete(old.map((pin) => pin.key));
  await pins.bulkPut(migrateModeratorPins(old, reports, schools));
}

/** An imported submission as schema 3 kept it: its submission data inside the record. */
export type ImportedSubmissionWithDocument = ImportedSubmission & Partial<Pick<ImportedSubmissionDocument, 'document'>>;

/**
 * A schema-3 record split as schema 4 keeps it: the record without its document, and the document
 * under the same key (null when the record has none to move).
 */
export function splitImportedSubmission(record: ImportedSubmissionWithDocument): {
  submission: ImportedSubmission;
  document: ImportedSubmissionDocument | null;
} {
  const { document, ...submission } = record;
  return { submission, document: document === undefined ? null : { key: record.key, document } };
}

/** How many records the upgrade to version 4 holds in memory at once (each document holds a whole submission's data). */
const MOVE_BATCH = 25;

/** The upgrade to version 4, inside Dexie's upgrade transaction: a failure undoes all of it. */
async function moveImportedSubmissionDocuments(tx: Transaction): Promise<void> {
  const submissions = tx.table<ImportedSubmissionWithDocument, string>('importedSubmissions');
  const documents = tx.table<ImportedSubmissionDocument, string>('importedSubmissionDocuments');
  const keys = await submissions.toCollection().primaryKeys();
  for (let start = 0; start < keys.length; start += MOVE_BATCH) {
    const records = await submissions.bulkGet(keys.slice(start, start + MOVE_BATCH));
    const split = records.flatMap((record) => (record && record.document !== undefined ? [splitImportedSubmission(record)] : []));
    if (split.length === 0) continue;
    await documents.bulkPut(split.flatMap(({ document }) => (document ? [document] : [])));
    await submissions.bulkPut(split.map(({ submission }) => submission));
  }
}

// Kept here too for the stores and tests that import them from the database module.
export { newId, nowIso, todayIso } from './record-stamps';
