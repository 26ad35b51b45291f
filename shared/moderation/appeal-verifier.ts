import { checkSignerCertificate } from '../crypto/signer-certificate-check';
import type { CertificateSummary } from '../crypto/signing-certificate';
import { createSchemaCheck } from '../formats/json-schema-check';
import { readSignedJson } from '../formats/signed-json-data';
import { openSignedPdf, type ContainerProblemCode } from '../pdf/signed-pdf-reader';
import { APPEAL_JSON_NAME, appealConsistencyProblem, type AppealDocument } from './appeal';
import appealSchema from './appeal.schema.json';

/**
 * Checks an appeal PDF from outside, with the container rules of every signed file of the app:
 * one signature over the whole file, nothing added, appeal.json only, valid data, and a school
 * certificate for the URN the appeal is from that matches the fingerprint it names. Whether it
 * answers a report the moderator issued is matchAppealToReport's (appeal.ts).
 */
export type AppealRejectionCode =
  ContainerProblemCode | 'not-an-appeal' | 'data-invalid' | 'attachment-extra' | 'signer-mismatch' | 'signer-certificate';

export interface VerifiedAppeal {
  appeal: AppealDocument;
  certificate: CertificateSummary;
  signingTime: Date | null;
  fileSha256: string;
}

export type AppealVerification = { ok: true; verified: VerifiedAppeal } | { ok: false; code: AppealRejectionCode; message: string };

/** The most appeal.json may hold once inflated. */
export const MAX_APPEAL_JSON_BYTES = 4 * 1024 * 1024;

const checkSchema = createSchemaCheck(appealSchema);

export async function verifyAppeal(bytes: Uint8Array<ArrayBuffer>): Promise<AppealVerification> {
  const opened = await openSignedPdf(bytes);
  if (!opened.ok) return reject(opened.problem.code, opened.problem.message);
  const { container } = opened;
  const data = container.attachments.get(APPEAL_JSON_NAME);
  if (!data) return reject('not-an-appeal', 'The PDF is signed but carries no appeal.json, so it is not an appeal made with this app.');
  for (const name of container.attachments.keys()) {
    if (name !== APPEAL_JSON_NAME) return reject('attachment-extra', `The appeal carries a file “${name}” that an appeal does not have.`);
  }
  if (data.relationship !== 'Data') return reject('data-invalid', 'appeal.json is not marked as the data of the PDF.');
  const read = await data.read(MAX_APPEAL_JSON_BYTES);
  if (!read.ok) {
    return read.reason === 'too-large'
      ? reject('data-invalid', 'The appeal data (appeal.json) is larger than this app accepts, so it was not read.')
      : reject('data-invalid', 'The appeal data (appeal.json) cannot be read: its stored bytes are damaged.');
  }
  const parsed = readSignedJson(read.bytes);
  if (!parsed.ok) return reject('data-invalid', `The appeal data (appeal.json) cannot be accepted: ${parsed.message}`);
  let problems: ReturnType<typeof checkSchema>;
  try {
    problems = checkSchema(parsed.value);
  } catch {
    return reject('data-invalid', 'The appeal data does not follow the appeal format.');
  }
  const first = problems[0];
  if (first) return reject('data-invalid', `The appeal data does not follow the appeal format: ${first.pointer || '/'}: ${first.message}`);
  const appeal = parsed.value as AppealDocument;
  const consistency = appealConsistencyProblem(appeal);
  if (consistency) return reject('data-invalid', consistency);

  if (container.certificate.fingerprint !== appeal.signer.certificateFingerprint) {
    return reject('signer-mismatch', 'The appeal was signed with a different key from the one it names on its cover.');
  }
  if (container.certificate.urn !== appeal.school.urn) {
    return reject(
      'signer-mismatch',
      `The signing certificate names URN ${container.certificate.urn || '(none)'}, but the appeal is from URN ${appeal.school.urn}.`,
    );
  }
  const certificateProblem = checkSignerCertificate(container.certificate, { role: 'School', at: container.signingTime ?? new Date() });
  if (certificateProblem) return reject('signer-certificate', certificateProblem);
  return {
    ok: true,
    verified: { appeal, certificate: container.certificate, signingTime: container.signingTime, fileSha256: container.fileSha256 },
  };
}

function reject(code: AppealRejectionCode, message: string): AppealVerification {
  return { ok: false, code, message };
}
