import type { Content, ContentImage, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import { evidenceKindLabel, formatBytes } from '../evidence/evidence-records';
import type { AppliedFramework } from '../framework/applied-framework';
import { dataUrl } from '../formats/base64';
import {
  actionPlanSection,
  CONTENT_WIDTH,
  contentsPage,
  criteriaSection,
  dataTable,
  documentDefinition,
  labelledRows,
  panel,
  schoolContextSection,
  sectionHeading,
  standingsOf,
  summarySection,
  type CriterionExtras,
} from '../pdf/layout-blocks';
import { formatIsoDate } from '../formats/en-gb-dates';
import { progressHistory, type ProgressSnapshot } from '../evaluation/progress-history';
import { portfolioChartsSection } from './portfolio-charts';
import { submissionApplicabilityProfile, type SubmissionDocument, type SubmissionEvidence } from '../submission/submission-format';

/**
 * The accreditation portfolio: a printable account of the evaluation for governors, staff and visits.
 * It is laid out from a submission document built from the working copy, but it is not signed and
 * says nothing about a declaration or a signer.
 */

/** Which sections to print; the cover and contents always are. */
export interface PortfolioSections {
  context: boolean;
  summary: boolean;
  criteria: boolean;
  evidenceImages: boolean;
  otherEvidence: boolean;
  actionPlan: boolean;
}

export const ALL_PORTFOLIO_SECTIONS: Readonly<PortfolioSections> = {
  context: true,
  summary: true,
  criteria: true,
  evidenceImages: true,
  otherEvidence: true,
  actionPlan: true,
};

/** The bytes of an evidence file, with the media type it was stored with. */
export interface PortfolioImage {
  bytes: Uint8Array;
  mediaType: string;
}

export interface PortfolioInput {
  document: SubmissionDocument;
  framework: AppliedFramework;
  sections: PortfolioSections;
  /** Image files by SHA-256; items whose bytes are missing here are listed with the other evidence. */
  images: ReadonlyMap<string, PortfolioImage>;
  /** yyyy-mm-dd */
  printedOn: string;
  /**
   * The evaluation's daily progress records and when it was started, for the chart of progress
   * over time (drawn when there is more than one day to show); null or absent: no such chart.
   */
  progress?: { snapshots: readonly ProgressSnapshot[]; evaluation: { createdAt: string; carriedForwardFrom: string | null } } | null;
}

/**
 * Photos are tiled two by two, up to four a page: each is scaled down (never up) to fit its tile,
 * keeping its shape, with its caption under it. A row of two is never split across pages, and two
 * rows with their captions fit on a page under the section's heading.
 */
const TILE_GAP = 16;
const TILE_WIDTH = Math.floor((CONTENT_WIDTH - TILE_GAP) / 2);
const TILE_IMAGE_HEIGHT = 200;
/** A caption's description is cut to about four lines of its tile, so that two rows always fit a page. */
const CAPTION_DESCRIPTION_MAX = 180;
/** A title longer than two lines of its tile is cut too; the full title is in the criteria's evidence lists. */
const CAPTION_TITLE_MAX = 90;
/** The kind, date and criteria on at most two lines of the tile. */
const CAPTION_FACTS_MAX = 110;

export function portfolioLayout(input: PortfolioInput): TDocumentDefinitions {
  const { document, framework, sections } = input;
  const school = document.school.name;
  const printed = formatIsoDate(input.printedOn, input.printedOn);
  const shownAsImages = sections.evidenceImages ? document.evidence.filter((e) => printableImage(e, input.images) !== null) : [];
  const others = document.evidence.filter((e) => !shownAsImages.includes(e));

  const content: Content[] = [...coverPage(input, printed), contentsPage()];
  if (sections.context) content.push(...schoolContextSection(document.school, document.region.name));
  if (sections.summary) {
    const context = { profile: submissionApplicabilityProfile(document.school) };
    content.push(...summarySection(framework, document.responses, context));
    const standings = standingsOf(document.responses);
    const progress = input.progress
      ? progressHistory({
          framework,
          evaluation: input.progress.evaluation,
          snapshots: input.progress.snapshots,
          today: input.printedOn,
          liveStandings: standings,
          context,
        })
      : null;
    content.push(...portfolioChartsSection({ framework, standings, context, progress }));
  }
  if (sections.criteria) {
    content.push(
      ...criteriaSection({
        title: 'Judgements by criterion',
        introduction:
          'Each criterion of the framework, in the framework’s order, with the school’s current judgement, what the school says about its practice and its next steps.',
        framework,
        responses: document.responses,
        extras: evidenceTitles(document.evidence),
        profile: submissionApplicabilityProfile(document.school),
      }),
    );
  }
  if (shownAsImages.length > 0) content.push(...evidenceImagesSection(shownAsImages));
  if (sections.otherEvidence) content.push(...otherEvidenceSection(others));
  if (sections.actionPlan)
    content.push(
      ...actionPlanSection(
        document.actions,
        framework.criteria.map((c) => c.id),
        { linkCriteria: sections.criteria },
      ),
    );

  return documentDefinition({
    info: {
      title: `${school} accreditation portfolio`,
      author: school,
      subject: `Self-evaluation against the ${document.framework.title}, printed ${printed}`,
    },
    footerText: `${school} · Accreditation portfolio · printed ${printed}`,
    content,
    images: imageDictionary(shownAsImages, input.images),
  });
}

function coverPage(input: PortfolioInput, printed: string): Content[] {
  const { document } = input;
  const rows: [string, string][] = [
    ['URN', document.school.urn],
    ['Region', document.region.name],
    ['Framework', `${document.framework.title}, version ${document.framework.version}`],
  ];
  if (document.supplement) rows.push(['Regional supplement', `${document.supplement.title}, version ${document.supplement.version}`]);
  rows.push(['Printed on', printed]);
  return [
    { text: 'Accreditation portfolio', style: 'coverKicker', margin: [0, 120, 0, 6] },
    { text: document.school.name, style: 'coverTitle' },
    { text: 'Special educational needs: the school’s self-evaluation', style: 'coverSchool' },
    labelledRows(rows, 150),
    panel(
      [
        {
          text:
            'A working copy for governors, staff and visitors, printed from the school’s self-evaluation as it stood on the day of printing. ' +
            'It is not the signed submission: judgements may still change before the school submits.',
          style: 'notice',
        },
      ],
      [0, 16, 0, 0],
    ),
  ];
}

/** Under each criterion: the titles of the evidence linked to it. */
function evidenceTitles(evidence: readonly SubmissionEvidence[]): CriterionExtras {
  const byId = new Map(evidence.map((e) => [e.id, e]));
  return (_criterion, response) => {
    const titles = (response?.evidenceIds ?? []).flatMap((id) => {
      const item = byId.get(id);
      return item ? [`${item.title} · ${evidenceKindLabel(item.kind)}`] : [];
    });
    if (titles.length === 0) return [];
    return [{ text: [{ text: 'Evidence: ', style: 'label' }, titles.join('; ')], style: 'paragraph' }];
  };
}

// ---- Evidence images --------------------------------------------------------------------------

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG_SIGNATURE = [0xff, 0xd8, 0xff];

/** The image to print for an item: a PNG or JPEG whose bytes we have and whose first bytes say so. */
function printableImage(item: SubmissionEvidence, images: ReadonlyMap<string, PortfolioImage>): PortfolioImage | null {
  if (!item.file) return null;
  const image = images.get(item.file.sha256);
  if (!image) return null;
  const type = image.mediaType.toLowerCase();
  if (type === 'image/png' && startsWith(image.bytes, PNG_SIGNATURE)) return image;
  if ((type === 'image/jpeg' || type === 'image/jpg') && startsWith(image.bytes, JPEG_SIGNATURE)) return image;
  return null;
}

function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  return bytes.length >= signature.length && signature.every((byte, i) => bytes[i] === byte);
}

function imageKey(sha256: string): string {
  return `evidence-${sha256}`;
}

/** pdfmake's images dictionary: every distinct file once, by SHA-256, however often it is shown. */
function imageDictionary(items: readonly SubmissionEvidence[], images: ReadonlyMap<string, PortfolioImage>): Record<string, string> {
  const dictionary: Record<string, string> = {};
  for (const item of items) {
    const image = printableImage(item, images);
    if (!item.file || !image || imageKey(item.file.sha256) in dictionary) continue;
    dictionary[imageKey(item.file.sha256)] = dataUrl(
      image.mediaType.toLowerCase() === 'image/png' ? 'image/png' : 'image/jpeg',
      image.bytes,
    );
  }
  return dictionary;
}

function evidenceImagesSection(items: readonly SubmissionEvidence[]): Content[] {
  const rows: Content[] = [];
  for (let i = 0; i < items.length; i += 2) rows.push(photoRow(items.slice(i, i + 2)));
  return [
    sectionHeading('Evidence images'),
    {
      text: 'Photographs and other images the school refers to, up to four a page, each with its title, kind, date and the criteria it supports.',
      style: 'lead',
    },
    ...rows,
  ];
}

/** pdfmake 0.3 scales an image down to `maxWidth` and `maxHeight` (keeping its shape); @types/pdfmake omits them. */
interface BoundedImage extends ContentImage {
  maxWidth: number;
  maxHeight: number;
}

/** Two photos side by side (or one on the left), each with its caption under it; never split across pages. */
function photoRow(items: readonly SubmissionEvidence[]): Content {
  const tiles: Content[] = items.map(photoTile);
  while (tiles.length < 2) tiles.push({ text: '' });
  return {
    columns: tiles.map((tile) => ({ width: TILE_WIDTH, stack: [tile] })),
    columnGap: TILE_GAP,
    unbreakable: true,
    margin: [0, 0, 0, 14],
  };
}

function photoTile(item: SubmissionEvidence): Content {
  // The image sits in a box of fixed height, so the captions of a row line up.
  const image: BoundedImage = {
    image: imageKey(item.file!.sha256),
    maxWidth: TILE_WIDTH,
    maxHeight: TILE_IMAGE_HEIGHT,
    alignment: 'center',
  };
  return {
    stack: [
      {
        table: { widths: [TILE_WIDTH], heights: [TILE_IMAGE_HEIGHT], body: [[{ stack: [image], alignment: 'center' }]] },
        layout: 'noBorders',
      },
      { text: shortened(item.title, CAPTION_TITLE_MAX), bold: true, fontSize: 10, margin: [0, 4, 0, 1] },
      { text: shortened(evidenceFacts(item).join(' · '), CAPTION_FACTS_MAX), style: ['small', 'muted'] },
      ...(item.description.trim() === ''
        ? []
        : [{ text: shortened(item.description, CAPTION_DESCRIPTION_MAX), style: 'small', margin: [0, 2, 0, 0] } as Content]),
    ],
  };
}

/** The text, cut at a word to at most `max` characters with an ellipsis when longer. */
export function shortened(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > max / 2 ? cut.slice(0, lastSpace) : cut).trimEnd()}…`;
}

function evidenceFacts(item: SubmissionEvidence): string[] {
  const facts = [evidenceKindLabel(item.kind), formatIsoDate(item.date, 'undated')];
  if (item.criterionIds.length > 0) facts.push(`supports ${item.criterionIds.join(', ')}`);
  return facts;
}

// ---- Other evidence ---------------------------------------------------------------------------

function otherEvidenceSection(items: readonly SubmissionEvidence[]): Content[] {
  return [
    sectionHeading('Other evidence'),
    { text: 'Documents, data and records the school refers to, and where each one can be seen.', style: 'lead' },
    dataTable({
      headers: ['Title', 'Kind', 'Date', 'Where it is', 'Criteria'],
      widths: ['*', 66, 70, 120, 62],
      rows: items.map(otherEvidenceRow),
      whenEmpty: 'There is no other evidence.',
    }),
  ];
}

function otherEvidenceRow(item: SubmissionEvidence): TableCell[] {
  const where: string[] = [];
  if (item.heldAt.trim() !== '') where.push(item.heldAt);
  if (item.file) where.push(`File: ${item.file.originalName} (${formatBytes(item.file.size)})`);
  return [
    {
      stack: [
        { text: item.title, bold: true },
        ...(item.description.trim() === '' ? [] : [{ text: item.description, style: ['small', 'muted'] }]),
      ],
    },
    evidenceKindLabel(item.kind),
    formatIsoDate(item.date, 'undated'),
    where.length === 0 ? { text: 'not given', italics: true } : where.join('\n'),
    item.criterionIds.join(', '),
  ];
}
