import { checkSignerCertificate } from '../crypto/signer-certificate-check';
import type { CertificateSummary } from '../crypto/signing-certificate';
import { createSchemaCheck } from '../formats/json-schema-check';
import { sha256Hex } from '../formats/sha256';
import { readSignedJson } from '../formats/signed-json-data';
import { openSignedPdf, type ContainerProblemCode } from '../pdf/signed-pdf-reader';
import { MAX_EVIDENCE_FILE_BYTES } from './evidence-records';
import { EVIDENCE_PACK_JSON_NAME, type EvidencePackDocument, type EvidencePackItem } from './evidence-pack-format';
import evidencePackSchema from './evidence-pack.schema.json';
import { asArrayBufferView } from '../formats/bytes';

/**
 * Checks a colleague's evidence pack from outside, with the container rules of every signed file
 * (one signature over the whole file, nothing added after signing), then: evidence-pack.json is
 * valid, every file it lists is attached and matches its SHA-256 and size, nothing else is
 * attached, no item holds personal data without the colleague's confirmation, the signer is a
 * colleague's certificate naming the pack's sender and school, and the pack is for this school.
 */
export type PackRejectionCode =
  | ContainerProblemCode
  | 'not-a-pack'
  | 'data-invalid'
  | 'attachment-missing'
  | 'attachment-extra'
  | 'file-mismatch'
  | 'personal-data'
  | 'signer-mismatch'
  | 'signer-certificate'
  | 'wrong-school';

export interface PackRejection {
  code: PackRejectionCode;
  message: string;
}

export interface VerifiedPackItem {
  item: EvidencePackItem;
  bytes: Uint8Array;
}

export interface VerifiedPack {
  pack: EvidencePackDocument;
  items: VerifiedPackItem[];
  certificate: CertificateSummary;
  signingTime: Date | null;
  fileSha256: string;
}

export type PackVerification = { ok: true; verified: VerifiedPack } | { ok: false; rejection: PackRejection };

export interface VerifyPackOptions {
  /** The URN of the school importing the pack: a pack for another school is refused. */
  schoolUrn: string;
  /** A lower limit for evidence-pack.json (tests use it). */
  maxJsonBytes?: number;
}

export const MAX_EVIDENCE_PACK_JSON_BYTES = 4 * 1024 * 1024;

const checkSchema = createSchemaCheck(evidencePackSchema);

export async function verifyEvidencePack(bytes: Uint8Array<ArrayBuffer>, options: VerifyPackOptions): Promise<PackVerification> {
  const opened = await openSignedPdf(bytes);
  if (!opened.ok) return reject(opened.problem.code, opened.problem.message);
  const { container } = opened;
  const data = container.attachments.get(EVIDENCE_PACK_JSON_NAME);
  if (!data || data.relationship !== 'Data') {
    return reject(
      'not-a-pack',
      'The PDF is signed but carries no evidence-pack.json, so it is not an evidence pack made with this app. Ask your colleague to make the pack again with “Contribute evidence to your SENCO”.',
    );
  }
  const read = await data.read(options.maxJsonBytes ?? MAX_EVIDENCE_PACK_JSON_BYTES);
  if (!read.ok) return reject('data-invalid', 'The pack’s data (evidence-pack.json) cannot be read: it is damaged or too large.');
  const parsed = readSignedJson(read.bytes);
  if (!parsed.ok) return reject('data-invalid', `The pack’s data (evidence-pack.json) cannot be accepted: ${parsed.message}`);
  let problems: ReturnType<typeof checkSchema>;
  try {
    problems = checkSchema(parsed.value);
  } catch {
    return reject('data-invalid', 'The pack’s data does not follow the evidence pack format.');
  }
  if (problems.length > 0) {
    const first = problems[0];
    return reject(
      'data-invalid',
      `The pack’s data does not follow the evidence pack format: ${first?.pointer || '/'}: ${first?.message ?? ''}`,
    );
  }
  const pack = parsed.value as EvidencePackDocument;

  const consistency = packConsistencyProblem(pack);
  if (consistency) return reject('data-invalid', consistency);
  const unconfirmed = pack.items.find((item) => item.containsPersonalData && !item.redactionConfirmed);
  if (unconfirmed) {
    return reject(
      'personal-data',
      `The item “${unconfirmed.title}” contains personal data and ${pack.colleague.name} did not confirm it was redacted or may be shared, so the pack was not imported. Ask them to confirm it, or take the file out, and send the pack again.`,
    );
  }

  const fingerprint = container.certificate.fingerprint;
  if (fingerprint !== pack.signer.certificateFingerprint) {
    return reject('signer-mismatch', 'The pack was signed with a different key from the one it names on its cover.');
  }
  if (container.certificate.commonName !== pack.colleague.name.slice(0, 64) || container.certificate.urn !== pack.school.urn) {
    return reject('signer-mismatch', 'The signing certificate does not name the colleague and school the pack says it is from.');
  }
  const certificateProblem = checkSignerCertificate(container.certificate, { role: 'Colleague', at: container.signingTime ?? new Date() });
  if (certificateProblem) return reject('signer-certificate', certificateProblem);

  if (pack.school.urn !== options.schoolUrn) {
    return reject(
      'wrong-school',
      `This pack was made for the school with URN ${pack.school.urn} (${pack.school.name}), not this school (URN ${options.schoolUrn}). Ask ${pack.colleague.name} to check the URN in their details and make the pack again.`,
    );
  }

  const listed = new Map(pack.items.map((item) => [item.file.attachmentName, item]));
  for (const name of container.attachments.keys()) {
    if (name !== EVIDENCE_PACK_JSON_NAME && !listed.has(name))
      return reject('attachment-extra', `The pack carries a file “${name}” that its list of items does not name.`);
  }
  const items: VerifiedPackItem[] = [];
  for (const item of pack.items) {
    const attachment = container.attachments.get(item.file.attachmentName);
    if (!attachment)
      return reject(
        'attachment-missing',
        `The file of “${item.title}” (${item.file.originalName}) is not in the pack. Ask for the pack again.`,
      );
    const file = await attachment.read(MAX_EVIDENCE_FILE_BYTES);
    if (!file.ok) return reject('file-mismatch', `The file of “${item.title}” cannot be read: it is damaged or too large.`);
    if (file.bytes.length !== item.file.size || (await sha256Hex(asArrayBufferView(file.bytes))) !== item.file.sha256) {
      return reject(
        'file-mismatch',
        `The file of “${item.title}” (${item.file.originalName}) is not the file the pack lists: its SHA-256 does not match.`,
      );
    }
    items.push({ item, bytes: file.bytes });
  }
  return {
    ok: true,
    verified: { pack, items, certificate: container.certificate, signingTime: container.signingTime, fileSha256: container.fileSha256 },
  };
}

/** Items and attachment names are each listed once. */
function packConsistencyProblem(pack: EvidencePackDocument): string | null {
  const ids = new Set<string>();
  const names = new Set<string>();
  for (const item of pack.items) {
    if (ids.has(item.itemId)) return `The pack lists the item ${item.itemId} twice.`;
    ids.add(item.itemId);
    if (names.has(item.file.attachmentName) || item.file.attachmentName === EVIDENCE_PACK_JSON_NAME)
      return `The pack lists the file ${item.file.attachmentName} twice.`;
    names.add(item.file.attachmentName);
  }
  return null;
}

function reject(code: PackRejectionCode, message: string): PackVerification {
  return { ok: false, rejection: { code, message } };
}
