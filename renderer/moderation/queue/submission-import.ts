import { useEffect, useSyncExternalStore } from 'react';
import type { FrameworkCatalogue } from '../../../shared/framework/framework-catalogue';
import { signerIdentity, type SignerIdentity } from '../../../shared/moderation/first-use-trust';
import type { ImportDecision, IncomingFile, KeyAnswer, SignerTrust } from '../../../shared/moderation/import-decision';
import { importedSubmissionKey } from '../../../shared/moderation/moderation-records';
import type { SignerTrustVerdict } from '../../../shared/crypto/signer-trust';
import { isTheFileThatWasRead, type SubmissionFileVerdict } from '../../../shared/desktop/submission-file-verdict';
import type { PartnershipTrustDer } from '../../../shared/submission/submission-signer-trust';
import type { SubmissionVerification } from '../../../shared/submission/submission-verifier';
import type { AppDatabase } from '../../db/app-database';
import type { partnershipTrustMaterial } from '../../db/partnership-trust-store';
import { describeStorageError } from '../../db/storage-errors';
import type { VerifyRunner } from '../../export/verify-jobs';
import type { PlatformPort } from '../../platform/platform-port';
import { useServices } from '../../app/app-context';

/**
 * Importing submission PDFs into a moderator workspace: files are checked one at a time in the
 * verify worker (so memory holds one file and the page stays responsive), or, for a file picked
 * or dropped from disk on the desktop, in the main process; each is stored on its own, all or
 * nothing. The session lives outside React, one per workspace, so an import carries on while the
 * moderator looks at the queue, and its results are there on coming back.
 */

/** What the moderator is told about a file's submission. */
export interface ImportSummary {
  submissionId: string;
  submissionKey: string;
  schoolName: string;
  urn: string;
  version: number;
  exportedAt: string;
  regionId: string;
  /** SHA-256 (hex) of the signer's certificate. */
  fingerprint: string;
  /** What the signer's certificate says: shown before a first-use key is trusted. */
  signer: SignerIdentity;
}

/** What a file waiting for the moderator's decision asks. */
export type ImportQuestion = { kind: 'first-use' } | { kind: 'different-key'; pinnedFingerprint: string; pinnedAt: string };

export type ImportItemResult =
  | { state: 'waiting' }
  | { state: 'checking' }
  | {
      state: 'imported';
      summary: ImportSummary;
      trust: SignerTrust;
      frameworkNote: string | null;
      /** "Signed by …, certified by the South West SEN Regional Partnership." when a pinned partnership certified the signer. */
      certification: string | null;
    }
  | { state: 'duplicate'; summary: ImportSummary; message: string }
  | { state: 'not-imported'; summary: ImportSummary | null; message: string }
  | {
      state: 'asking';
      summary: ImportSummary;
      question: ImportQuestion;
      deciding: boolean;
      problem: string | null;
      /** Set when the school is known to be certified and this key is not: it may be forged. */
      warning: string | null;
    }
  | { state: 'refused'; summary: ImportSummary }
  /** The moderator did not trust a first-use key: nothing was stored. */
  | { state: 'declined'; summary: ImportSummary };

export interface ImportItem {
  id: number;
  fileName: string;
  size: number;
  result: ImportItemResult;
}

export interface ImportSnapshot {
  items: readonly ImportItem[];
  /** Files in the current batch, and how many of them have been checked. */
  total: number;
  done: number;
  running: boolean;
  /** The file being checked now. */
  current: string | null;
  /** The id of the first file of the current (or last) batch. */
  batchFrom: number;
}

export interface ImportServices {
  db: AppDatabase;
  verifyJobs: VerifyRunner;
  catalogue: FrameworkCatalogue;
  /** The desktop's check of a picked file in the main process (the platform's); absent on the web. */
  verifySubmissionFile?: PlatformPort['verifySubmissionFile'];
}

interface Held {
  verification: SubmissionVerification;
  pdf: Blob;
  file: IncomingFile;
  signerTrust: SignerTrustVerdict | null;
  pinnedRootFingerprints: readonly string[];
}

/**
 * The code that stores an imported file and reads the workspace's pinned partnerships (and through
 * them the certificate code): loaded when the first file is imported, not with the queue, which
 * follows an import's progress without it. A failed load is reported like a failed save.
 */
const loadImportStores = async () => {
  const [trust, store] = await Promise.all([import('../../db/partnership-trust-store'), import('../../db/submission-import-store')]);
  return { partnershipTrustMaterial: trust.partnershipTrustMaterial, importVerifiedSubmission: store.importVerifiedSubmission };
};

const EMPTY: ImportSnapshot = { items: [], total: 0, done: 0, running: false, current: null, batchFrom: 1 };

export class SubmissionImportSession {
  private items: ImportItem[] = [];
  private queue: { id: number; file: File }[] = [];
  /** Files waiting for the moderator's answer about a first-use or different key: the verified result and the bytes. */
  private held = new Map<number, Held>();
  private listeners = new Set<() => void>();
  private snapshot: ImportSnapshot = EMPTY;
  private nextId = 1;
  private total = 0;
  private done = 0;
  private running = false;
  private current: string | null = null;
  private batchFrom = 1;

  constructor(
    private readonly workspaceId: string,
    private services: ImportServices,
  ) {}

  connect(services: ImportServices): void {
    this.services = services;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): ImportSnapshot => this.snapshot;

  /** Adds files to the import; files added while others are being checked join the same batch. */
  add(files: readonly File[]): void {
    if (files.length === 0) return;
    if (!this.running) {
      this.total = 0;
      this.done = 0;
      this.batchFrom = this.nextId;
    }
    for (const file of files) {
      const id = this.nextId++;
      this.items.push({ id, fileName: file.name, size: file.size, result: { state: 'waiting' } });
      this.queue.push({ id, file });
    }
    this.total += files.length;
    this.emit();
    void this.run();
  }

  /** The moderator's answer about a file signed with a key new to the school, or different from its pinned one. */
  async decide(id: number, answer: KeyAnswer): Promise<void> {
    const held = this.held.get(id);
    const item = this.items.find((i) => i.id === id);
    if (!held || item?.result.state !== 'asking') return;
    const asking = item.result;
    this.update(id, { ...asking, deciding: true, problem: null });
    try {
      const { importVerifiedSubmission } = await loadImportStores();
      const decision = await importVerifiedSubmission(this.services.db, {
        workspaceId: this.workspaceId,
        ...held,
        catalogue: this.services.catalogue,
        answer,
        question: asking.question.kind,
      });
      this.held.delete(id);
      if (decision.kind === 'ask' || decision.kind === 'ask-first-use') this.held.set(id, held);
      // Other files from the same school signed with the key just trusted now match it; others from it now ask about a
      // different key. They are settled before this file shows as done, so the list never shows a question already answered.
      if (answer === 'accept' && decision.kind === 'store') await this.recheck(asking.summary.urn);
      this.update(id, resultOf(decision, asking.summary));
    } catch (error) {
      this.update(id, { ...asking, deciding: false, problem: describeStorageError(error, `your decision about “${item.fileName}”`) });
    }
  }

  /** Removes the finished files from the list; files still waiting for an answer stay. */
  clearFinished(): void {
    this.items = this.items.filter((i) => ['waiting', 'checking', 'asking'].includes(i.result.state));
    for (const id of this.held.keys()) if (!this.items.some((i) => i.id === id)) this.held.delete(id);
    this.emit();
  }

  private async recheck(urn: string): Promise<void> {
    for (const item of this.items) {
      const held = this.held.get(item.id);
      if (!held || item.result.state !== 'asking' || item.result.summary.urn !== urn) continue;
      const summary = item.result.summary;
      try {
        const { importVerifiedSubmission } = await loadImportStores();
        const decision = await importVerifiedSubmission(this.services.db, {
          workspaceId: this.workspaceId,
          ...held,
          catalogue: this.services.catalogue,
        });
        const next = resultOf(decision, summary);
        if (decision.kind === 'ask' || decision.kind === 'ask-first-use') {
          if (next.state === 'asking' && next.question.kind !== item.result.question.kind) this.update(item.id, next);
          continue;
        }
        this.held.delete(item.id);
        this.update(item.id, next);
      } catch {
        // It stays a question; answering it reports any problem.
      }
    }
  }

  private async run(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.emit();
    try {
      for (let next = this.queue.shift(); next; next = this.queue.shift()) {
        this.current = next.file.name;
        this.update(next.id, { state: 'checking' });
        this.update(next.id, await this.importOne(next.id, next.file));
        this.done += 1;
      }
    } finally {
      this.running = false;
      this.current = null;
      this.emit();
    }
  }

  private async importOne(id: number, file: File): Promise<ImportItemResult> {
    const incoming: IncomingFile = { fileName: file.name, size: file.size };
    let stores: Awaited<ReturnType<typeof loadImportStores>>;
    let material: Awaited<ReturnType<typeof partnershipTrustMaterial>>;
    try {
      stores = await loadImportStores();
      material = await stores.partnershipTrustMaterial(this.services.db, this.workspaceId);
    } catch (error) {
      return { state: 'not-imported', summary: null, message: describeStorageError(error, `“${file.name}”`) };
    }
    const partnership = { rootsDer: material.rootsDer, listsDer: material.listsDer };
    // On the desktop the main process checks a file that has a path; any other file is checked in the verify worker.
    const verifyFile = this.services.verifySubmissionFile;
    const inMainProcess = verifyFile ? await checkInMainProcess(verifyFile, file, partnership) : null;
    const checked = inMainProcess ?? (await this.checkInWorker(file, partnership));
    if (checked.kind === 'not-imported') return checked.result;
    const { verification, pdf } = checked;
    const summary = summaryOf(this.workspaceId, verification);
    const trust = { signerTrust: checked.signerTrust, pinnedRootFingerprints: material.rootFingerprints };
    try {
      const decision = await stores.importVerifiedSubmission(this.services.db, {
        workspaceId: this.workspaceId,
        verification,
        file: incoming,
        pdf,
        catalogue: this.services.catalogue,
        ...trust,
      });
      if (decision.kind === 'ask' || decision.kind === 'ask-first-use') this.held.set(id, { verification, pdf, file: incoming, ...trust });
      return summary ? resultOf(decision, summary) : { state: 'not-imported', summary: null, message: rejectionText(decision) };
    } catch (error) {
      return { state: 'not-imported', summary, message: describeStorageError(error, `“${file.name}”`) };
    }
  }

  /** The file's bytes checked in the verify worker (the web, and a desktop file with no path). */
  private async checkInWorker(file: File, partnership: PartnershipTrustDer): Promise<Checked> {
    const bytes = await bytesOf(file);
    if (!bytes) return notImported(unreadable(file));
    // The exact bytes that are checked are the bytes that are kept (the worker takes the original).
    const pdf = new Blob([bytes], { type: 'application/pdf' });
    const result = await this.services.verifyJobs.verify({ kind: 'submission', bytes, partnership });
    if (result.kind !== 'submission') {
      return notImported(
        `${result.kind === 'failed' ? result.message : 'The file could not be checked.'} Nothing was imported. Try importing it again.`,
      );
    }
    return { kind: 'checked', verification: result.verification, signerTrust: result.signerTrust ?? null, pdf };
  }

  private update(id: number, result: ImportItemResult): void {
    this.items = this.items.map((item) => (item.id === id ? { ...item, result } : item));
    this.emit();
  }

  private emit(): void {
    this.snapshot = {
      items: this.items,
      total: this.total,
      done: this.done,
      running: this.running,
      current: this.current,
      batchFrom: this.batchFrom,
    };
    for (const listener of this.listeners) listener();
  }
}

/** A file checked and ready to store (its verification, who certified its signer, the bytes that were checked), or why not. */
type Checked =
  | { kind: 'checked'; verification: SubmissionVerification; signerTrust: SignerTrustVerdict | null; pdf: Blob }
  | { kind: 'not-imported'; result: ImportItemResult };

const notImported = (message: string): Checked => ({ kind: 'not-imported', result: { state: 'not-imported', summary: null, message } });

const unreadable = (file: File) =>
  `“${file.name}” could not be read. Check that the file is still where it was and that you can open it, then import it again.`;

async function bytesOf(file: File): Promise<Uint8Array<ArrayBuffer> | null> {
  try {
    return new Uint8Array(await file.arrayBuffer());
  } catch {
    return null;
  }
}

/**
 * The desktop's check: the main process reads the file from disk and verifies it; the page then
 * reads the same file's bytes to store them, once it is sure they are the bytes main read (the
 * same size and last-modified time as main found; Chromium refuses to read a picked file changed
 * since it was picked). Null when the file has no path on disk, for the verify worker to check.
 */
async function checkInMainProcess(
  verifyFile: NonNullable<ImportServices['verifySubmissionFile']>,
  file: File,
  partnership: PartnershipTrustDer,
): Promise<Checked | null> {
  let verdict: SubmissionFileVerdict | null;
  try {
    verdict = await verifyFile(file, partnership);
  } catch (error) {
    // Electron puts its own words before the main process's: "Error invoking remote method '…': Error: …".
    const reason = (error instanceof Error ? error.message : String(error)).replace(
      /^Error invoking remote method '[^']*': (Error: )?/,
      '',
    );
    return notImported(`The file could not be checked (${reason}). Nothing was imported. Try importing it again.`);
  }
  if (verdict === null) return null;
  if (verdict.kind === 'refused') return notImported(`${verdict.message} Nothing was imported.`);
  const changed = notImported(
    `“${file.name}” changed after you chose it, so what was checked may not be what would be stored. Nothing was imported. Choose the file again once it has finished saving or copying.`,
  );
  if (!isTheFileThatWasRead(file, verdict)) return changed;
  const { verification, signerTrust } = verdict;
  // A file that did not verify is refused as the worker's verdict is, without reading its bytes.
  if (!verification.ok) return notImported(rejectionText({ kind: 'rejected', message: verification.rejection.message }));
  const bytes = await bytesOf(file);
  if (!bytes) return notImported(unreadable(file));
  if (bytes.length !== verdict.size) return changed;
  return { kind: 'checked', verification, signerTrust, pdf: new Blob([bytes], { type: 'application/pdf' }) };
}

function summaryOf(workspaceId: string, verification: SubmissionVerification): ImportSummary | null {
  if (!verification.ok) return null;
  const { submission, certificate } = verification.report;
  return {
    submissionId: submission.submissionId,
    submissionKey: importedSubmissionKey(workspaceId, submission.submissionId),
    schoolName: submission.school.name,
    urn: submission.school.urn,
    version: submission.version,
    exportedAt: submission.createdAt,
    regionId: submission.region.id,
    fingerprint: certificate.fingerprint,
    signer: signerIdentity(certificate),
  };
}

/** The verifier's reason, and what to do about it. */
function rejectionText(decision: ImportDecision): string {
  const reason = 'message' in decision ? decision.message : 'The file could not be checked.';
  return `${reason} Nothing was imported. Ask the school to send the file again, exactly as the app saved it.`;
}

function resultOf(decision: ImportDecision, summary: ImportSummary): ImportItemResult {
  switch (decision.kind) {
    case 'store':
      return {
        state: 'imported',
        summary,
        trust: decision.trust,
        frameworkNote: decision.framework.source === 'embedded' ? decision.framework.message : null,
        certification: decision.certification ?? null,
      };
    case 'duplicate':
      return { state: 'duplicate', summary, message: decision.message };
    case 'rejected':
      // A signer the partnership revoked, or whose certificate does not lead to a pinned partnership: its own words say what to do.
      return { state: 'not-imported', summary: null, message: decision.signer ? decision.message : rejectionText(decision) };
    case 'conflict':
      return { state: 'not-imported', summary, message: decision.message };
    case 'ask':
      return {
        state: 'asking',
        summary,
        question: { kind: 'different-key', pinnedFingerprint: decision.pinnedFingerprint, pinnedAt: decision.pinnedAt },
        deciding: false,
        problem: null,
        warning: decision.warning ?? null,
      };
    case 'ask-first-use':
      return {
        state: 'asking',
        summary,
        question: { kind: 'first-use' },
        deciding: false,
        problem: null,
        warning: decision.warning ?? null,
      };
    case 'refuse':
      return { state: 'refused', summary };
    case 'declined':
      return { state: 'declined', summary };
  }
}

const sessions = new Map<string, SubmissionImportSession>();

/** The workspace's import session, made on first use. */
export function importSessionFor(workspaceId: string, services: ImportServices): SubmissionImportSession {
  const key = `${services.db.name}|${workspaceId}`;
  let session = sessions.get(key);
  if (!session) {
    session = new SubmissionImportSession(workspaceId, services);
    sessions.set(key, session);
  }
  return session;
}

/** The import's services from the app's: on the desktop, with the platform's check of a picked file in the main process. */
function importServices(db: AppDatabase, verifyJobs: VerifyRunner, catalogue: FrameworkCatalogue, platform: PlatformPort): ImportServices {
  return { db, verifyJobs, catalogue, verifySubmissionFile: platform.verifySubmissionFile?.bind(platform) };
}

/** The import session of a workspace, followed live. */
export function useSubmissionImport(workspaceId: string): { snapshot: ImportSnapshot; session: SubmissionImportSession } {
  const { db, verifyJobs, catalogue, platform } = useServices();
  const session = importSessionFor(workspaceId, importServices(db, verifyJobs, catalogue, platform));
  useEffect(() => session.connect(importServices(db, verifyJobs, catalogue, platform)), [session, db, verifyJobs, catalogue, platform]);
  const snapshot = useSyncExternalStore(session.subscribe, session.getSnapshot);
  return { snapshot, session };
}

export interface ImportCounts {
  imported: number;
  duplicate: number;
  notImported: number;
  asking: number;
  refused: number;
  pending: number;
}

export function importCounts(items: readonly ImportItem[]): ImportCounts {
  const counts: ImportCounts = { imported: 0, duplicate: 0, notImported: 0, asking: 0, refused: 0, pending: 0 };
  for (const { result } of items) {
    if (result.state === 'imported') counts.imported += 1;
    else if (result.state === 'duplicate') counts.duplicate += 1;
    else if (result.state === 'not-imported') counts.notImported += 1;
    else if (result.state === 'asking') counts.asking += 1;
    else if (result.state === 'refused' || result.state === 'declined') counts.refused += 1;
    else counts.pending += 1;
  }
  return counts;
}

/** "Checked 20 files: 17 imported, 1 already here, 1 not imported, 1 waiting for your decision." */
export function describeCounts(counts: ImportCounts): string {
  const files = (n: number) => (n === 1 ? '1 file' : `${n} files`);
  const checked = counts.imported + counts.duplicate + counts.notImported + counts.asking + counts.refused;
  const parts = [
    counts.imported > 0 ? `${counts.imported} imported` : null,
    counts.duplicate > 0 ? `${counts.duplicate} already in this workspace` : null,
    counts.notImported > 0 ? `${counts.notImported} not imported` : null,
    counts.refused > 0 ? `${counts.refused} refused` : null,
    counts.asking > 0 ? `${counts.asking} waiting for your decision` : null,
  ].filter((p) => p !== null);
  return `Checked ${files(checked)}: ${parts.join(', ')}.`;
}
