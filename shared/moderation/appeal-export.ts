import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import { signDigest } from '../crypto/cms-signature';
import { canonicalJson } from '../formats/canonical-json';
import { formatIsoDate, longDateOfTime } from '../formats/en-gb-dates';
import { sha256Hex, utf8 } from '../formats/sha256';
import { documentDefinition, fingerprintLines, labelledRows, panel, paragraphs, sectionHeading } from '../pdf/layout-blocks';
import { renderPdf } from '../pdf/pdfmake-renderer';
import { sealPdf } from '../pdf/signed-pdf-writer';
import type { SigningIdentity } from '../submission/submission-exporter';
import { APPEAL_JSON_NAME, type AppealDocument } from './appeal';

/** The human-readable pages of a signed appeal, laid out from appeal.json alone. */
export function appealLayout(document: AppealDocument): TDocumentDefinitions {
  const disputed = [
    ...(document.disputes.outcome ? ['The outcome'] : []),
    ...(document.disputes.criterionIds.length > 0
      ? [`The decision${document.disputes.criterionIds.length === 1 ? '' : 's'} on ${document.disputes.criterionIds.join(', ')}`]
      : []),
  ].join('; ');
  const content: Content[] = [
    { text: 'Appeal against a moderation report', style: 'coverTitle', margin: [0, 60, 0, 8] },
    { text: document.school.name, style: 'coverSchool' },
    labelledRows(
      [
        ['URN', document.school.urn],
        ['Lodged', longDateOfTime(document.lodgedAt)],
        ['Appeal to', document.report.organisation],
        ['Report appealed against', document.report.reportId],
        ['SHA-256 of that report', fingerprintLines(document.report.sha256)],
        ['Submission', `${document.report.submissionId}, v${document.report.submissionVersion}`],
        ['Last day to appeal', formatIsoDate(document.report.appealBy)],
        ['What the school disputes', disputed],
        ['Head teacher', document.headTeacherName],
        ['Signer certificate fingerprint (SHA-256)', fingerprintLines(document.signer.certificateFingerprint)],
      ],
      150,
    ),
    sectionHeading('Grounds of the appeal', { newPage: false }),
    ...paragraphs(document.grounds, { whenEmpty: 'No grounds given.' }),
    panel(
      [
        {
          text:
            'This appeal is digitally signed with the school’s key and carries its data as appeal.json. ' +
            'The moderator’s app checks the signature, that the key is the one that signed the school’s submission, ' +
            'and that the report it names is one the moderator issued.',
          style: 'notice',
        },
      ],
      [0, 16, 0, 0],
    ),
  ];
  return documentDefinition({
    info: {
      title: `${document.school.name}: appeal against moderation report ${document.report.reportId}`,
      author: `${document.headTeacherName}, ${document.school.name}`,
      subject: `Appeal against the moderation of submission ${document.report.submissionId}`,
    },
    footerText: `${document.school.name} · Appeal ${document.appealId}`,
    content,
  });
}

/** The signed appeal PDF, signed with the school's key. */
export async function exportAppeal(
  document: AppealDocument,
  signing: SigningIdentity,
): Promise<{ bytes: Uint8Array<ArrayBuffer>; sha256: string }> {
  const layout = await renderPdf(appealLayout(document));
  const bytes = await sealPdf(
    layout,
    [
      {
        name: APPEAL_JSON_NAME,
        source: utf8(canonicalJson(document)),
        mediaType: 'application/json',
        relationship: 'Data',
        description: 'The appeal: the report it is against, what the school disputes and the grounds',
        compress: true,
      },
    ],
    {
      title: `${document.school.name}: appeal against moderation report ${document.report.reportId}`,
      author: `${document.headTeacherName}, ${document.school.name}`,
      subject: `Appeal against the moderation of submission ${document.report.submissionId}`,
      language: 'en-GB',
    },
    {
      name: document.headTeacherName,
      reason: 'Appeal against an SEN accreditation moderation report',
      location: document.school.name,
      signingTime: new Date(document.lodgedAt),
    },
    (digest) => signDigest(digest, signing.privateKey, signing.certificateDer),
  );
  return { bytes, sha256: await sha256Hex(bytes) };
}
