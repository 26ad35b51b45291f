import type * as Generated from './evidence-pack-document.generated';
import { attachmentNameParts } from '../formats/safe-file-name';

/**
 * evidence-pack.json, format version 1: the data of a signed evidence pack, which a class teacher
 * or teaching assistant makes for their SENCO. The files it lists are embedded beside it in the
 * same signed PDF (relationship Source), each named by `file.attachmentName` and checked by its
 * SHA-256. The pack is signed with the colleague's own key (certificate role "Colleague").
 */
export const EVIDENCE_PACK_FORMAT = 'sen-accreditation-evidence-pack';
export const EVIDENCE_PACK_FORMAT_VERSION = 1;
export const EVIDENCE_PACK_JSON_NAME = 'evidence-pack.json';
/** The role written in a colleague's certificate. */
export const COLLEAGUE_CERTIFICATE_ROLE = 'Colleague';

// The types are generated from evidence-pack.schema.json (npm run types:generate).
export type EvidencePackDocument = Generated.EvidencePackDocument;
export type EvidencePackItem = Generated.EvidencePackItem;
export type EvidencePackFile = Generated.EvidencePackFile;

/** "<URN>-evidence-pack-<yyyy-mm-dd>-<colleague's name>.pdf" */
export function evidencePackFileName(document: Pick<EvidencePackDocument, 'school' | 'createdAt' | 'colleague'>): string {
  const who =
    document.colleague.name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'colleague';
  return `${document.school.urn}-evidence-pack-${document.createdAt.slice(0, 10)}-${who}.pdf`;
}

/** The name an item's file is embedded under: "item-001-lesson-observation.pdf". */
export function packAttachmentName(index: number, originalName: string): string {
  const { slug, extension } = attachmentNameParts(originalName);
  return `item-${String(index + 1).padStart(3, '0')}${slug ? `-${slug}` : ''}${extension}`;
}
