import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import { signDigest } from '../crypto/cms-signature';
import { canonicalJson } from '../formats/canonical-json';
import { formatIsoDate, longDateOfTime } from '../formats/en-gb-dates';
import { sha256Hex, utf8 } from '../formats/sha256';
import type { FrameworkRef } from '../framework/framework-types';
import { dataTable, documentDefinition, fingerprintLines, labelledRows, sectionHeading } from '../pdf/layout-blocks';
import { renderPdf } from '../pdf/pdfmake-renderer';
import { sealPdf } from '../pdf/signed-pdf-writer';
import type { SigningIdentity } from '../submission/submission-exporter';
import { dateFromFileName, suggestEvidenceKind } from './evidence-name-guess';
import { evidenceKindLabel, formatBytes, MAX_EVIDENCE_FILE_BYTES, titleFromFileName, type EvidenceKind } from './evidence-records';
import {
  EVIDENCE_PACK_FORMAT,
  EVIDENCE_PACK_FORMAT_VERSION,
  EVIDENCE_PACK_JSON_NAME,
  packAttachmentName,
  type EvidencePackDocument,
} from './evidence-pack-format';

/** One file a colleague is sending, with what they say about it. */
export interface EvidencePackDraftItem {
  itemId: string;
  title: string;
  kind: EvidenceKind;
  /** The document's own date (yyyy-mm-dd), or ''. */
  date: string;
  containsPersonalData: boolean;
  redactionConfirmed: boolean;
  /** Criteria of the school's framework the colleague suggests the file is evidence for. */
  suggestedCriteria: string[];
  note: string;
  file: { name: string; type: string; size: number; sha256: string };
}

/** Everything an evidence pack is made from. */
export interface EvidencePackInput {
  packId: string;
  createdAt: string;
  colleague: { name: string; role: string };
  school: { name: string; urn: string };
  framework: FrameworkRef;
  items: readonly EvidencePackDraftItem[];
}

/** The most items one pack may carry (the format's limit). */
export const MAX_PACK_ITEMS = 500;

/**
 * What stops a pack being made, in plain words, or an empty list. `criteria` are the ids of the
 * school's framework: a suggestion outside it is refused.
 */
export function evidencePackProblems(input: EvidencePackInput, criteria: ReadonlySet<string> | null = null): string[] {
  const problems: string[] = [];
  if (input.colleague.name.trim() === '') problems.push('Enter your name, so the SENCO knows who sent the pack.');
  if (input.colleague.role.trim() === '') problems.push('Enter your role, for example “Class teacher, Year 4”.');
  if (input.school.name.trim() === '') problems.push('Enter your school’s name.');
  if (!/^\d{6}$/.test(input.school.urn)) problems.push('Enter your school’s URN: six digits, as on Get Information about Schools.');
  if (input.items.length === 0) problems.push('Add at least one file to the pack.');
  if (input.items.length > MAX_PACK_ITEMS) problems.push(`A pack can carry up to ${MAX_PACK_ITEMS} files. Make two packs.`);
  const seen = new Map<string, string>();
  input.items.forEach((item, index) => {
    const name = `“${item.file.name}”`;
    if (item.title.trim() === '') problems.push(`Give file ${index + 1} (${name}) a title.`);
    if (item.file.size > MAX_EVIDENCE_FILE_BYTES)
      problems.push(`${name} is ${formatBytes(item.file.size)}, over the ${formatBytes(MAX_EVIDENCE_FILE_BYTES)} limit for one file.`);
    if (item.date !== '' && !/^\d{4}-\d{2}-\d{2}$/.test(item.date)) problems.push(`The date of ${name} is not a date.`);
    if (item.containsPersonalData && !item.redactionConfirmed)
      problems.push(
        `${name} contains personal data about pupils or families. Confirm it has been redacted or that sharing it with the SENCO is allowed, or take it out of the pack.`,
      );
    const twin = seen.get(item.file.sha256);
    if (twin !== undefined) problems.push(`${name} is the same file as “${twin}”. Add it once.`);
    else seen.set(item.file.sha256, item.file.name);
    if (criteria) {
      const unknown = item.suggestedCriteria.find((id) => !criteria.has(id));
      if (unknown) problems.push(`${name} suggests criterion ${unknown}, which is not in your school’s framework.`);
    }
  });
  return problems;
}

/** evidence-pack.json for the input, signed by the certificate with this fingerprint. */
export function buildEvidencePackDocument(input: EvidencePackInput, certificateFingerprint: string): EvidencePackDocument {
  return {
    format: EVIDENCE_PACK_FORMAT,
    formatVersion: EVIDENCE_PACK_FORMAT_VERSION,
    packId: input.packId,
    createdAt: input.createdAt,
    colleague: { name: input.colleague.name.trim(), role: input.colleague.role.trim() },
    school: { name: input.school.name.trim(), urn: input.school.urn },
    framework: {
      id: input.framework.id,
      version: input.framework.version,
      title: input.framework.title,
      contentHash: input.framework.contentHash,
    },
    items: input.items.map((item, index) => ({
      itemId: item.itemId,
      title: item.title.trim(),
      kind: item.kind,
      date: item.date,
      containsPersonalData: item.containsPersonalData,
      redactionConfirmed: item.containsPersonalData ? item.redactionConfirmed : false,
      suggestedCriteria: [...new Set(item.suggestedCriteria)],
      note: item.note.trim(),
      file: {
        attachmentName: packAttachmentName(index, item.file.name),
        originalName: item.file.name,
        type: item.file.type || 'application/octet-stream',
        size: item.file.size,
        sha256: item.file.sha256,
      },
    })),
    signer: { certificateFingerprint },
  };
}

/** The pages a person reads: who sent the pack, when, for which school, and each item. */
export function evidencePackLayout(document: EvidencePackDocument): TDocumentDefinitions {
  const { colleague, school } = document;
  const content: Content[] = [
    { text: 'Evidence pack for the SENCO', style: 'coverTitle', margin: [0, 60, 0, 8] },
    { text: school.name, style: 'coverSchool' },
    labelledRows([
      ['From', `${colleague.name}, ${colleague.role}`],
      ['Made on', longDateOfTime(document.createdAt)],
      ['School', `${school.name} (URN ${school.urn})`],
      ['Framework', `${document.framework.title}, version ${document.framework.version}`],
      ['Files in the pack', String(document.items.length)],
      ['Pack', document.packId],
      ['Signer certificate fingerprint (SHA-256)', fingerprintLines(document.signer.certificateFingerprint)],
    ]),
    {
      text: 'The files are attached to this PDF. Import it in the app: Evidence library, “Import a colleague’s evidence pack”. Do not edit this file: the signature would no longer match.',
      style: 'paragraph',
    },
    sectionHeading('The items', { newPage: false }),
    dataTable({
      headers: ['Item', 'Kind and date', 'File', 'Suggested criteria', 'Note'],
      widths: ['*', 80, 100, 70, '*'],
      rows: document.items.map((item) => [
        { text: item.title },
        { text: `${evidenceKindLabel(item.kind)}${item.date ? `, ${formatIsoDate(item.date)}` : ''}` },
        {
          text: `${item.file.originalName} (${formatBytes(item.file.size)})${item.containsPersonalData ? '. Personal data: redaction or sharing confirmed' : ''}`,
        },
        { text: item.suggestedCriteria.join(', ') || 'none' },
        { text: item.note || '' },
      ]),
      whenEmpty: 'No items.',
    }),
  ];
  return documentDefinition({
    info: {
      title: `${school.name}: evidence pack from ${colleague.name}`,
      author: `${colleague.name}, ${colleague.role}`,
      subject: `Evidence for ${document.framework.title}`,
    },
    footerText: `${school.name} · Evidence pack from ${colleague.name}`,
    content,
  });
}

/** Why a pack cannot be made, for the screen that asked (the screen checks first; this is the last guard). */
export class EvidencePackError extends Error {
  override name = 'EvidencePackError';
}

/**
 * Makes the signed evidence pack PDF: the cover and list of items, evidence-pack.json (Data) and
 * each file as it is (Source), sealed with the colleague's key. `readFile` gives an item's bytes
 * by its SHA-256. A draft with a problem (evidencePackProblems) is refused.
 */
export async function exportEvidencePack(
  input: EvidencePackInput,
  readFile: (sha256: string) => Promise<Blob | Uint8Array>,
  signing: SigningIdentity,
  criteria: ReadonlySet<string> | null = null,
): Promise<{ bytes: Uint8Array<ArrayBuffer>; document: EvidencePackDocument; sha256: string }> {
  const problems = evidencePackProblems(input, criteria);
  if (problems.length > 0) throw new EvidencePackError(problems.join(' '));
  const document = buildEvidencePackDocument(input, signing.certificateFingerprint);
  const bytes = await sealEvidencePack(document, readFile, signing);
  return { bytes, document, sha256: await sha256Hex(bytes) };
}

/** Lays out and seals a pack's document with its files, as it is (tests use it to make packs that break a rule). */
export async function sealEvidencePack(
  document: EvidencePackDocument,
  readFile: (sha256: string) => Promise<Blob | Uint8Array>,
  signing: SigningIdentity,
): Promise<Uint8Array<ArrayBuffer>> {
  const layout = await renderPdf(evidencePackLayout(document));
  const files = [];
  for (const item of document.items) {
    files.push({
      name: item.file.attachmentName,
      source: await readFile(item.file.sha256),
      mediaType: item.file.type,
      relationship: 'Source' as const,
      description: item.title,
      compress: false,
    });
  }
  return sealPdf(
    layout,
    [
      {
        name: EVIDENCE_PACK_JSON_NAME,
        source: utf8(canonicalJson(document)),
        mediaType: 'application/json',
        relationship: 'Data',
        description: 'The evidence pack: who sent it, for which school, and each item with its details',
        compress: true,
      },
      ...files,
    ],
    {
      title: `${document.school.name}: evidence pack from ${document.colleague.name}`,
      author: `${document.colleague.name}, ${document.colleague.role}`,
      subject: `Evidence for ${document.framework.title}`,
      language: 'en-GB',
    },
    {
      name: document.colleague.name,
      reason: 'Evidence pack for the SENCO',
      location: document.school.name,
      signingTime: new Date(document.createdAt),
    },
    (digest) => signDigest(digest, signing.privateKey, signing.certificateDer),
  );
}

/** A new item for a file the colleague added: title, kind and date guessed from its name, as the library does. */
export function packDraftItemFor(
  file: { name: string; type: string; size: number },
  sha256: string,
  itemId: string,
): EvidencePackDraftItem {
  const kind = suggestEvidenceKind(file.name) ?? 'other';
  return {
    itemId,
    title: titleFromFileName(file.name),
    kind,
    date: dateFromFileName(file.name),
    containsPersonalData: false,
    redactionConfirmed: false,
    suggestedCriteria: [],
    note: '',
    file: { name: file.name, type: file.type || 'application/octet-stream', size: file.size, sha256 },
  };
}

/** The criteria whose id, title or statement holds every word of `query`, in framework order, at most `limit`. */
export function matchingCriteria<C extends { id: string; statement: string; title?: string }>(
  criteria: readonly C[],
  query: string,
  limit = 20,
): C[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  const found: C[] = [];
  for (const criterion of criteria) {
    const text = `${criterion.id} ${criterion.title ?? ''} ${criterion.statement}`.toLowerCase();
    if (words.every((word) => text.includes(word))) found.push(criterion);
    if (found.length >= limit) break;
  }
  return found;
}
