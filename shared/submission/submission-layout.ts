import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import { evidenceKindLabel, formatBytes } from '../evidence/evidence-records';
import type { AppliedFramework } from '../framework/applied-framework';
import type { FrameworkRef } from '../framework/framework-types';
import {
  actionPlanSection,
  contentsPage,
  criteriaSection,
  dataTable,
  documentDefinition,
  fingerprintLines,
  hashPrefix,
  labelledRows,
  panel,
  schoolContextSection,
  sectionHeading,
  summarySection,
  type CriterionExtras,
} from '../pdf/layout-blocks';
import { formatIsoDate, longDateOfTime } from '../formats/en-gb-dates';
import { approvalSentence } from './approval';
import {
  FRAMEWORK_JSON_NAME,
  SUBMISSION_JSON_NAME,
  SUPPLEMENT_JSON_NAME,
  submissionApplicabilityProfile,
  type SubmissionDocument,
  type SubmissionEvidence,
} from './submission-format';

/**
 * The human-readable pages of a signed submission: what a moderator, a governor or anyone with a
 * PDF reader sees. The same facts travel as submission.json inside the PDF; these pages are laid
 * out from that document alone (and the framework it names), so the two never disagree.
 */
export function submissionLayout(input: { document: SubmissionDocument; framework: AppliedFramework }): TDocumentDefinitions {
  const { document, framework } = input;
  const school = document.school.name;
  return documentDefinition({
    info: {
      title: `${school} SEN accreditation submission v${document.version}`,
      author: school,
      subject: `Self-evaluation against the ${frameworkName(document.framework)}, submission ${document.submissionId}`,
      keywords: `SEN accreditation; submission ${document.submissionId}; URN ${document.school.urn}`,
    },
    footerText: `${school} · Submission ${document.submissionId}`,
    content: [
      ...coverPage(document),
      contentsPage(),
      ...schoolContextSection(document.school, document.region.name),
      ...summarySection(framework, document.responses, { profile: submissionApplicabilityProfile(document.school) }),
      ...criteriaSection({
        title: 'Criteria',
        introduction:
          'Each criterion of the framework, in the framework’s order, with the school’s judgement, what the school says about its practice, its next steps and the evidence it refers to.',
        framework,
        responses: document.responses,
        extras: evidenceReferences(document.evidence),
        profile: submissionApplicabilityProfile(document.school),
      }),
      ...actionPlanSection(document.actions),
      ...declarationSection(document),
      ...evidenceIndexSection(document.evidence),
    ],
  });
}

function frameworkName(ref: FrameworkRef): string {
  return `${ref.title}, version ${ref.version}`;
}

function frameworkLine(ref: FrameworkRef): string {
  return `${frameworkName(ref)}\ncontent hash ${hashPrefix(ref.contentHash)}`;
}

function coverPage(document: SubmissionDocument): Content[] {
  const rows: [string, string][] = [
    ['URN', document.school.urn],
    ['Region', document.region.name],
    ['Framework', frameworkLine(document.framework)],
  ];
  if (document.supplement) rows.push(['Regional supplement', frameworkLine(document.supplement)]);
  rows.push(
    ['Submission', document.submissionId],
    ['Version', `v${document.version}`],
    ['Date of export', longDateOfTime(document.createdAt)],
    ['Signer certificate fingerprint (SHA-256)', fingerprintLines(document.signer.certificateFingerprint)],
  );
  return [
    { text: 'SEN accreditation submission', style: 'coverTitle', margin: [0, 120, 0, 8] },
    { text: document.school.name, style: 'coverSchool' },
    ...(document.approval ? [{ text: approvalSentence(document.approval), bold: true, margin: [0, 0, 0, 12] } satisfies Content] : []),
    labelledRows(rows, 150),
    panel([{ text: signedFileNotice(document), style: 'notice' }], [0, 16, 0, 0]),
  ];
}

function signedFileNotice(document: SubmissionDocument): string {
  const dataFiles = [SUBMISSION_JSON_NAME, FRAMEWORK_JSON_NAME, ...(document.supplement ? [SUPPLEMENT_JSON_NAME] : [])];
  const attached = document.evidence.filter((e) => e.file !== null).length;
  const evidence = attached === 0 ? 'no evidence files' : attached === 1 ? '1 evidence file' : `${attached} evidence files`;
  return (
    'This file is digitally signed by the school and carries embedded data files: ' +
    `${dataFiles.join(', ')} and ${evidence}. A PDF reader lists them as attachments. ` +
    'The signature shows whether anything has changed since the school signed it; check that the fingerprint above is the one the school gave you.'
  );
}

/** Under each criterion: the evidence the school refers to, and where each item is. */
function evidenceReferences(evidence: readonly SubmissionEvidence[]): CriterionExtras {
  const byId = new Map(evidence.map((e) => [e.id, e]));
  return (_criterion, response) => {
    const items = (response?.evidenceIds ?? []).map((id) => byId.get(id)).filter((e) => e !== undefined);
    if (items.length === 0) {
      return [
        {
          text: [
            { text: 'Evidence: ', style: 'label' },
            { text: 'none referred to.', italics: true, style: 'muted' },
          ],
          style: 'paragraph',
        },
      ];
    }
    return [
      {
        stack: [
          { text: 'Evidence', style: 'label', margin: [0, 2, 0, 2] },
          { ul: items.map(evidenceReference), margin: [0, 0, 0, 6] },
        ],
        // Kept on one page when it surely fits on one (pdfmake drops an unbreakable block taller than a page).
        unbreakable: items.length <= 10 && items.reduce((n, e) => n + e.title.length + e.heldAt.length, 0) <= 1500,
      },
    ];
  };
}

function evidenceReference(item: SubmissionEvidence): Content {
  const details = [evidenceKindLabel(item.kind), formatIsoDate(item.date, 'undated')];
  if (item.heldAt.trim() !== '') details.push(`held at: ${item.heldAt}`);
  details.push(
    item.file ? `attached as ${item.file.attachmentName}, SHA-256 ${hashPrefix(item.file.sha256)}` : 'held by the school, not attached',
  );
  return {
    stack: [
      { text: item.title, bold: true },
      { text: details.join(' · '), style: ['small', 'muted'] },
    ],
    margin: [0, 0, 0, 3],
  };
}

function declarationSection(document: SubmissionDocument): Content[] {
  const { declaration } = document;
  return [
    sectionHeading('Declaration'),
    panel([{ text: declaration.statement }], [0, 0, 0, 12]),
    labelledRows([
      ['Head teacher', declaration.headTeacher],
      ['SENCO', declaration.senco],
      ['Chair of governors', declaration.chairOfGovernors],
      ['Date', formatIsoDate(declaration.date, 'not given')],
    ]),
  ];
}

function evidenceIndexSection(evidence: readonly SubmissionEvidence[]): Content[] {
  return [
    sectionHeading('Evidence index'),
    {
      text: 'Every item of evidence the school refers to. Files are embedded in this PDF under the attachment name shown; the SHA-256 identifies each file’s exact contents. Items without a file are held by the school and can be seen on request.',
      style: 'lead',
    },
    dataTable({
      headers: ['Attachment', 'Title', 'Kind', 'Size', 'SHA-256', 'Criteria'],
      widths: [112, '*', 62, 44, 66, 62],
      rows: evidence.map(evidenceIndexRow),
      whenEmpty: 'The school refers to no evidence.',
    }),
  ];
}

function evidenceIndexRow(item: SubmissionEvidence): TableCell[] {
  const file = item.file;
  return [
    file ? file.attachmentName : { text: 'Not attached: held by the school', italics: true },
    item.title,
    evidenceKindLabel(item.kind),
    file ? formatBytes(file.size) : '',
    file ? hashPrefix(file.sha256) : '',
    item.criterionIds.join(', '),
  ];
}
