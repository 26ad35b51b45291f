import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import { evidenceKindLabel, formatBytes } from '../evidence/evidence-records';
import type { AppliedFramework } from '../framework/applied-framework';
import type { FrameworkRef } from '../framework/framework-types';
import { evaluateAwards } from '../awards/award-rules';
import {
  actionPlanSection,
  contentsPage,
  criteriaSection,
  criterionLinks,
  dataTable,
  documentDefinition,
  evidenceAnchor,
  fingerprintLines,
  hashPrefix,
  internalLink,
  labelledRows,
  panel,
  schoolContextSection,
  sectionHeading,
  standingsOf,
  subheading,
  summarySection,
  type CriterionExtras,
} from '../pdf/layout-blocks';
import { academicYearOfDate, academicYearOfTime } from '../formats/academic-year';
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
  const criterionOrder = framework.criteria.map((c) => c.id);
  return documentDefinition({
    info: {
      title: `${school} SEN accreditation submission v${document.version}`,
      author: school,
      subject: `Self-evaluation against the ${frameworkName(document.framework)}, submission ${document.submissionId}`,
      keywords: `SEN accreditation; submission ${document.submissionId}; URN ${document.school.urn}`,
    },
    footerText: `${school} · Submission ${document.submissionId}`,
    content: [
      ...coverPage(document, framework),
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
      ...actionPlanSection(document.actions, criterionOrder, { linkCriteria: true }),
      declarationSection(document),
      ...evidenceIndexSection(document.evidence, new Set(criterionOrder)),
    ],
  });
}

function frameworkName(ref: FrameworkRef): string {
  return `${ref.title}, version ${ref.version}`;
}

function frameworkLine(ref: FrameworkRef): string {
  return `${frameworkName(ref)}\ncontent hash ${hashPrefix(ref.contentHash)}`;
}

/**
 * The cover leads with what a governor or a head teacher looks for: the school, its local
 * authority, the academic year, the award the school claims (the level the award rules give for
 * its own judgements) and who declared it, when. What identifies this exact file for checking it
 * (submission id, framework hashes, the signer's fingerprint) comes lower down, under its own heading.
 */
function coverPage(document: SubmissionDocument, framework: AppliedFramework): Content[] {
  const outcome = evaluateAwards(framework, standingsOf(document.responses), {
    profile: submissionApplicabilityProfile(document.school),
  });
  const year = academicYearOfDate(document.declaration.date) ?? academicYearOfTime(document.createdAt) ?? 'not known';
  const facts: [string, string][] = [
    ['Academic year', year],
    ['Local authority', document.school.localAuthority],
    ['Region', document.region.name],
    ['Head teacher', document.declaration.headTeacher],
    ['Date', formatIsoDate(document.declaration.date, 'not given')],
  ];
  return [
    { text: 'SEN accreditation submission', style: 'coverKicker', margin: [0, 24, 0, 6] },
    { text: document.school.name, style: 'coverTitle', margin: [0, 0, 0, 16] },
    panel(
      [
        { text: 'Award level claimed', style: 'label', fontSize: 12 },
        { text: outcome.achieved ? outcome.achieved.label : 'Not yet at any award level', style: 'coverAward' },
        {
          text: 'The level the framework’s award rules give for the school’s own judgements. The regional moderator decides the award.',
          style: ['small', 'muted'],
        },
      ],
      [0, 0, 0, 16],
    ),
    { stack: [labelledRows(facts, 130)], fontSize: 12 },
    ...approvalLine(document),
    { ...subheading('For checking this file'), margin: [0, 18, 0, 4] },
    { stack: [labelledRows(technicalRows(document), 150)], fontSize: 9 },
    panel([{ text: signedFileNotice(document), style: 'small' }], [0, 4, 0, 0]),
  ];
}

/** The head teacher's (or a governor's) approval of this submission, one line on the cover, when it carries one. */
function approvalLine(document: SubmissionDocument): Content[] {
  return document.approval ? [{ text: approvalSentence(document.approval), bold: true, fontSize: 12, margin: [0, 10, 0, 0] }] : [];
}

/** What identifies this exact file: for a moderator, or anyone checking the signature. */
function technicalRows(document: SubmissionDocument): [string, string][] {
  const rows: [string, string][] = [
    ['URN', document.school.urn],
    ['Framework', frameworkLine(document.framework)],
  ];
  if (document.supplement) rows.push(['Regional supplement', frameworkLine(document.supplement)]);
  rows.push(
    ['Submission', document.submissionId],
    ['Version', `v${document.version}`],
    ['Date of export', longDateOfTime(document.createdAt)],
    ['Signer certificate fingerprint (SHA-256)', fingerprintLines(document.signer.certificateFingerprint)],
  );
  return rows;
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
      { text: [{ ...internalLink(item.title, evidenceAnchor(item.id)), bold: true }] },
      { text: details.join(' · '), style: ['small', 'muted'] },
    ],
    margin: [0, 0, 0, 3],
  };
}

/** The declaration follows the action plan on its page when there is room; it is never split. */
function declarationSection(document: SubmissionDocument): Content {
  const { declaration } = document;
  return {
    stack: [
      sectionHeading('Declaration', { newPage: false }),
      panel([{ text: declaration.statement }], [0, 0, 0, 12]),
      labelledRows([
        ['Head teacher', declaration.headTeacher],
        ['SENCO', declaration.senco],
        ['Chair of governors', declaration.chairOfGovernors],
        ['Date', formatIsoDate(declaration.date, 'not given')],
      ]),
    ],
    unbreakable: true,
  };
}

/**
 * Every item of evidence, each row the destination of the links under the criteria, its criteria
 * links back to them. A link cannot open an embedded file safely (only an attachment annotation or
 * JavaScript can, and the verifier refuses both as active content), so the index names each file
 * as the reader's attachments panel lists it.
 */
function evidenceIndexSection(evidence: readonly SubmissionEvidence[], criteria: ReadonlySet<string>): Content[] {
  const targets = new Set<string>();
  return [
    sectionHeading('Evidence index'),
    {
      text:
        'Every item of evidence the school refers to. Files are embedded in this PDF: to open one, show your PDF reader’s attachments ' +
        '(often a paper-clip button) and choose the name in the first column. The SHA-256 identifies each file’s exact contents. ' +
        'Items without a file are held by the school and can be seen on request. The criteria are links to their pages.',
      style: 'lead',
    },
    dataTable({
      headers: ['Embedded as', 'Evidence', 'Criteria it supports'],
      widths: [150, '*', 128],
      rows: evidence.map((item) => {
        // pdfmake refuses two destinations of one name: should two items share an id, only the first is a link target.
        const first = !targets.has(item.id);
        targets.add(item.id);
        return evidenceIndexRow(item, criteria, first);
      }),
      whenEmpty: 'The school refers to no evidence.',
    }),
  ];
}

function evidenceIndexRow(item: SubmissionEvidence, criteria: ReadonlySet<string>, linkTarget: boolean): TableCell[] {
  const file = item.file;
  const anchor = linkTarget ? { id: evidenceAnchor(item.id) } : {};
  return [
    file
      ? {
          stack: [
            { text: file.attachmentName, ...anchor },
            { text: `${formatBytes(file.size)} · SHA-256 ${hashPrefix(file.sha256)}`, style: ['small', 'muted'], margin: [0, 2, 0, 0] },
          ],
        }
      : { text: 'Not attached: held by the school', italics: true, ...anchor },
    {
      stack: [
        { text: item.title, bold: true },
        { text: evidenceKindLabel(item.kind), style: ['small', 'muted'] },
      ],
    },
    { text: criterionLinks(item.criterionIds, criteria) },
  ];
}
