import { checkSignerCertificate } from '../crypto/signer-certificate-check';
import type { CertificateSummary } from '../crypto/signing-certificate';
import { createSchemaCheck } from '../formats/json-schema-check';
import { readSignedJson } from '../formats/signed-json-data';
import { openSignedPdf } from '../pdf/signed-pdf-reader';
import { regionFrameworkProblem } from '../submission/submission-verifier';
import {
  SECOND_REQUEST_JSON_NAME,
  SECOND_RETURN_JSON_NAME,
  type SecondModerationRequestDocument,
  type SecondModerationReturnDocument,
} from './second-moderation-format';
import requestSchema from './second-moderation-request.schema.json';
import returnSchema from './second-moderation-return.schema.json';

/**
 * Checks a second moderation request or return from outside, with a moderation report's container
 * rules: one signature over the whole file, nothing added after it, exactly one embedded file (the
 * data), data that follows its schema and holds together, and a moderator's certificate that is
 * the one the data names. A return must also answer a request this workspace sent, byte for byte.
 */
export type SecondFileRejectionCode =
  | 'container'
  | 'not-this-kind'
  | 'data-invalid'
  | 'attachment-extra'
  | 'signer-mismatch'
  | 'signer-certificate'
  | 'unknown-request'
  | 'wrong-request';

export interface SecondFileRejection {
  code: SecondFileRejectionCode;
  message: string;
}

export interface VerifiedSecondFile<D> {
  document: D;
  certificate: CertificateSummary;
  fileSha256: string;
}

export type SecondFileVerification<D> = { ok: true; file: VerifiedSecondFile<D> } | { ok: false; rejection: SecondFileRejection };

/** The most a request's or return's data may hold once inflated. */
export const MAX_SECOND_JSON_BYTES = 4 * 1024 * 1024;

const checkRequest = createSchemaCheck(requestSchema);
const checkReturn = createSchemaCheck(returnSchema);

function reject<D>(code: SecondFileRejectionCode, message: string): SecondFileVerification<D> {
  return { ok: false, rejection: { code, message } };
}

/** The container, the data and the signer, shared by both kinds of file. */
async function openSecondFile<D extends { signer: { certificateFingerprint: string } }>(
  bytes: Uint8Array<ArrayBuffer>,
  kind: { jsonName: string; what: string; check: ReturnType<typeof createSchemaCheck> },
  organisationOf: (document: D) => string,
): Promise<SecondFileVerification<D>> {
  const opened = await openSignedPdf(bytes);
  if (!opened.ok) return reject('container', opened.problem.message);
  const { container } = opened;
  const data = container.attachments.get(kind.jsonName);
  if (!data) {
    return reject('not-this-kind', `The PDF is signed but carries no ${kind.jsonName}, so it is not a ${kind.what} made with this app.`);
  }
  for (const name of container.attachments.keys()) {
    if (name !== kind.jsonName) return reject('attachment-extra', `The file carries “${name}”, which a ${kind.what} does not have.`);
  }
  if (data.relationship !== 'Data') return reject('data-invalid', `${kind.jsonName} is not marked as the data of the PDF.`);
  const read = await data.read(MAX_SECOND_JSON_BYTES);
  if (!read.ok) {
    return reject(
      'data-invalid',
      read.reason === 'too-large'
        ? `The data of the ${kind.what} is larger than this app accepts, so it was not read.`
        : `The data of the ${kind.what} cannot be read: its stored bytes are damaged.`,
    );
  }
  const parsed = readSignedJson(read.bytes);
  if (!parsed.ok) return reject('data-invalid', `The data of the ${kind.what} cannot be accepted: ${parsed.message}`);
  let problems: ReturnType<typeof kind.check>;
  try {
    problems = kind.check(parsed.value);
  } catch {
    return reject('data-invalid', `The data does not follow the ${kind.what} format.`);
  }
  const first = problems[0];
  if (first) return reject('data-invalid', `The data does not follow the ${kind.what} format: ${first.pointer || '/'}: ${first.message}`);
  const document = parsed.value as D;
  if (container.certificate.fingerprint !== document.signer.certificateFingerprint) {
    return reject('signer-mismatch', `The ${kind.what} was signed with a different key from the one it names.`);
  }
  if (container.certificate.role !== 'Moderator' || container.certificate.organisation !== organisationOf(document)) {
    return reject('signer-mismatch', `The signing certificate does not name the moderator and organisation the ${kind.what} is from.`);
  }
  const certificateProblem = checkSignerCertificate(container.certificate, { role: 'Moderator', at: container.signingTime ?? new Date() });
  if (certificateProblem) return reject('signer-certificate', certificateProblem);
  return { ok: true, file: { document, certificate: container.certificate, fileSha256: container.fileSha256 } };
}

function duplicate(ids: readonly string[]): string | null {
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) return id;
    seen.add(id);
  }
  return null;
}

export async function verifySecondRequest(
  bytes: Uint8Array<ArrayBuffer>,
): Promise<SecondFileVerification<SecondModerationRequestDocument>> {
  const opened = await openSecondFile<SecondModerationRequestDocument>(
    bytes,
    { jsonName: SECOND_REQUEST_JSON_NAME, what: 'second moderation request', check: checkRequest },
    (d) => d.requester.organisation,
  );
  if (!opened.ok) return opened;
  const document = opened.file.document;
  const { framework, supplement } = document.submission;
  const region = regionFrameworkProblem(document.requester.regionId, framework, supplement, 'The request');
  if (region) return reject('data-invalid', region);
  const twice = duplicate(document.criteria.map((c) => c.criterionId));
  if (twice !== null) return reject('data-invalid', `The request asks about criterion ${twice} twice.`);
  return opened;
}

/** What this workspace knows of a request it sent, to check a return against. */
export interface SentRequest {
  requestId: string;
  /** SHA-256 (hex) of the request PDF as exported. */
  sha256: string;
  submissionSha256: string;
  criterionIds: readonly string[];
}

export interface VerifyReturnOptions {
  /** The request this workspace sent with that id, or null. */
  sentRequest: (requestId: string) => SentRequest | null;
  /** This workspace's own certificate fingerprint: a moderator cannot second-moderate their own decisions. */
  ownFingerprint?: string | null;
}

export async function verifySecondReturn(
  bytes: Uint8Array<ArrayBuffer>,
  options: VerifyReturnOptions,
): Promise<SecondFileVerification<SecondModerationReturnDocument>> {
  const opened = await openSecondFile<SecondModerationReturnDocument>(
    bytes,
    { jsonName: SECOND_RETURN_JSON_NAME, what: 'second moderation return', check: checkReturn },
    (d) => d.secondModerator.organisation,
  );
  if (!opened.ok) return opened;
  const document = opened.file.document;
  const request = options.sentRequest(document.request.requestId);
  if (!request) {
    return reject(
      'unknown-request',
      'This return answers a second moderation request that was not sent from this workspace. Import it into the workspace that asked for it.',
    );
  }
  if (request.sha256 !== document.request.sha256) {
    return reject(
      'wrong-request',
      'This return names a different file from the request you sent: the SHA-256 of the request does not match.',
    );
  }
  if (request.submissionSha256 !== document.submission.sha256) {
    return reject('wrong-request', 'This return is about a different submission file from the one your request named.');
  }
  if (options.ownFingerprint && options.ownFingerprint === opened.file.certificate.fingerprint) {
    return reject(
      'wrong-request',
      'This return is signed with this workspace’s own key: a second moderation must come from another moderator.',
    );
  }
  const ids = document.decisions.map((d) => d.criterionId);
  const twice = duplicate(ids);
  if (twice !== null) return reject('data-invalid', `The return decides criterion ${twice} twice.`);
  const asked = new Set(request.criterionIds);
  const extra = ids.find((id) => !asked.has(id));
  if (extra !== undefined) return reject('wrong-request', `The return decides criterion ${extra}, which your request did not ask about.`);
  const missing = request.criterionIds.find((id) => !ids.includes(id));
  if (missing !== undefined)
    return reject('wrong-request', `The return has no decision on criterion ${missing}, which your request asked about.`);
  const unexplained = document.decisions.find((d) => (d.decision === 'moderated') !== (d.moderatedJudgement !== null));
  if (unexplained) {
    return reject('data-invalid', `The return’s decision on ${unexplained.criterionId} and the point it moderates to do not fit together.`);
  }
  return opened;
}
