import type {
  Content,
  ContentTable,
  ContentText,
  CustomTableLayout,
  Size,
  StyleDictionary,
  TableCell,
  TDocumentDefinitions,
  TDocumentInformation,
} from 'pdfmake/interfaces';
import { actionStatusLabel } from '../actions/action-plan';
import { evaluateAwards, type AwardContext, type AwardOutcome, type Standings } from '../awards/award-rules';
import { criterionApplies, notApplicableProblem, type ApplicabilityProfile } from '../framework/applicability';
import type { AppliedFramework, PlacedCriterion, PlacedStrand } from '../framework/applied-framework';
import { criterionReferences, levelLabel, scalePoint, statutoryReference } from '../framework/applied-framework';
import { formatIsoDate } from '../formats/en-gb-dates';
import { legacyPhaseLabel, phasesLabel, settingLabel, yearGroupLabel } from '../school/school-records';
import { breakLongWords, breakLongWordsInContent } from './long-words';
import type { SubmissionAction, SubmissionResponse, SubmissionSchool } from '../submission/submission-format';
import { formatCount } from '../formats/en-gb-counts';

/**
 * Blocks shared by the PDFs the app prints (the signed submission and the portfolio): page set-up,
 * styles, headings that feed the contents page, and the sections both documents carry.
 * Everything here is pdfmake content: real text in Roboto (which has no check-mark glyph).
 */

/** A4 in points, and the margins every page uses. */
export const PAGE = { width: 595.28, height: 841.89, left: 56, top: 56, right: 56, bottom: 64 } as const;
export const CONTENT_WIDTH = PAGE.width - PAGE.left - PAGE.right;

const COLOURS = {
  ink: '#1f2933',
  heading: '#1d3d5c',
  accent: '#2b6a8f',
  muted: '#5b6770',
  rule: '#c5d0da',
  fill: '#eef3f7',
  headerFill: '#dde7ef',
} as const;

const STYLES: StyleDictionary = {
  coverKicker: { fontSize: 12, bold: true, color: COLOURS.accent, margin: [0, 0, 0, 6] },
  coverTitle: { fontSize: 24, bold: true, color: COLOURS.heading, margin: [0, 0, 0, 6] },
  coverSchool: { fontSize: 18, color: COLOURS.ink, margin: [0, 0, 0, 24] },
  coverAward: { fontSize: 30, bold: true, color: COLOURS.heading, margin: [0, 2, 0, 4] },
  h1: { fontSize: 18, bold: true, color: COLOURS.heading, margin: [0, 0, 0, 10] },
  h2: { fontSize: 14, bold: true, color: COLOURS.heading, margin: [0, 18, 0, 4] },
  h3: { fontSize: 11.5, bold: true, color: COLOURS.accent, margin: [0, 10, 0, 6] },
  lead: { fontSize: 11, margin: [0, 0, 0, 10] },
  paragraph: { margin: [0, 0, 0, 6] },
  small: { fontSize: 9 },
  muted: { color: COLOURS.muted },
  label: { bold: true, color: COLOURS.heading },
  tableHeader: { bold: true, fontSize: 9.5, color: COLOURS.heading },
  tableBody: { fontSize: 9.5 },
  tocEntry: { fontSize: 10.5 },
  tocSubEntry: { fontSize: 9.5, color: COLOURS.muted },
  footer: { fontSize: 8.5, color: COLOURS.muted },
  notice: { fontSize: 10, color: COLOURS.ink },
};

/** Thin horizontal rules, a shaded header row, no vertical lines. */
const LIGHT_TABLE: CustomTableLayout = {
  hLineWidth: (i, node) => (i === 0 || i === node.table.body.length ? 0.8 : 0.5),
  vLineWidth: () => 0,
  hLineColor: () => COLOURS.rule,
  fillColor: (rowIndex) => (rowIndex === 0 ? COLOURS.headerFill : null),
  paddingLeft: () => 5,
  paddingRight: () => 5,
  paddingTop: () => 4,
  paddingBottom: () => 4,
};

/** Label and value pairs without any lines. */
const PLAIN_TABLE: CustomTableLayout = {
  hLineWidth: () => 0,
  vLineWidth: () => 0,
  paddingLeft: (i) => (i === 0 ? 0 : 8),
  paddingRight: () => 0,
  paddingTop: () => 2,
  paddingBottom: () => 2,
};

/** A shaded panel: one cell, no lines. */
const PANEL_TABLE: CustomTableLayout = {
  hLineWidth: () => 0,
  vLineWidth: () => 0,
  fillColor: () => COLOURS.fill,
  paddingLeft: () => 8,
  paddingRight: () => 8,
  paddingTop: () => 6,
  paddingBottom: () => 6,
};

export interface DocumentFrame {
  info: Required<Pick<TDocumentInformation, 'title' | 'author' | 'subject'>> & Pick<TDocumentInformation, 'keywords'>;
  /** Shown before "Page x of y" in every page's footer. */
  footerText: string;
  content: Content[];
  /** pdfmake's images dictionary: key to data: URL. */
  images?: Record<string, string>;
}

/**
 * An A4 document with the app's styles, British English as its language and a footer on every page.
 * Every layout comes through here, so every long word anyone typed gets break opportunities here.
 */
export function documentDefinition(frame: DocumentFrame): TDocumentDefinitions {
  const footerText = breakLongWords(frame.footerText);
  return {
    pageSize: 'A4',
    pageMargins: [PAGE.left, PAGE.top, PAGE.right, PAGE.bottom],
    language: 'en-GB',
    info: { ...frame.info, creator: 'SEN Accreditation', producer: 'SEN Accreditation (pdfmake)' },
    defaultStyle: { font: 'Roboto', fontSize: 10.5, lineHeight: 1.2, color: COLOURS.ink },
    styles: STYLES,
    content: breakLongWordsInContent(frame.content),
    ...(frame.images ? { images: frame.images } : {}),
    // The page number is a column of its own that never wraps, so a long school name wraps within
    // its own column and "Page 12 of 29" always reads whole at the right.
    footer: (currentPage, pageCount) => ({
      columns: [
        { text: footerText, width: '*' },
        { text: `Page ${currentPage} of ${pageCount}`, width: 'auto', noWrap: true, alignment: 'right' },
      ],
      columnGap: 12,
      style: 'footer',
      margin: [PAGE.left, 28, PAGE.right, 0],
    }),
  };
}

// ---- Headings and the contents page -------------------------------------------------------------

/**
 * A main section, listed in the contents. It starts a new page unless `newPage` is false: a short
 * section then follows the one before it (keep it with what follows it, see keepWithNext).
 */
export function sectionHeading(text: string, options: { newPage: boolean } = { newPage: true }): Content {
  return {
    text,
    style: 'h1',
    tocItem: true,
    tocStyle: 'tocEntry',
    tocMargin: [0, 6, 0, 0],
    ...(options.newPage ? { pageBreak: 'before' as const } : { margin: [0, 18, 0, 10] as [number, number, number, number] }),
  };
}

/** A strand heading, listed in the contents under its section. */
export function strandHeading(strand: Pick<PlacedStrand, 'id' | 'title'>, options: { newPage: boolean } = { newPage: false }): Content {
  return {
    text: `${strand.id} ${strand.title}`,
    style: 'h2',
    tocItem: true,
    tocStyle: 'tocSubEntry',
    tocNumberStyle: 'tocSubEntry',
    tocMargin: [14, 2, 0, 0],
    ...(options.newPage ? { pageBreak: 'before' as const } : {}),
  };
}

// ---- Links inside a document --------------------------------------------------------------------

/** The destination of a criterion's heading block, for links from the evidence index. */
export function criterionAnchor(criterionId: string): string {
  return `criterion-${criterionId}`;
}

/** The destination of an evidence item's row in the evidence index, for links from the criteria. */
export function evidenceAnchor(evidenceId: string): string {
  return `evidence-${evidenceId}`;
}

/**
 * "NE-1.1.1, NE-2.3.1" as inline text: each id a link to its criterion's heading when it is in
 * `linkable` (criteria the document prints), plain text otherwise.
 */
export function criterionLinks(ids: readonly string[], linkable: ReadonlySet<string>): ContentText[] {
  return ids.flatMap((id, index) => {
    const separator: ContentText[] = index === 0 ? [] : [{ text: ', ' }];
    return [...separator, linkable.has(id) ? internalLink(id, criterionAnchor(id)) : { text: id }];
  });
}

/** Text that goes to a place in the same document when clicked, drawn as a link. */
export function internalLink(text: string, destination: string): ContentText {
  return { text, linkToDestination: destination, color: COLOURS.accent, decoration: 'underline' };
}

/** A heading inside a section; `keepWithNext` keeps it on the same page as what follows. */
export function subheading(text: string): ContentText {
  return { text, style: 'h3' };
}

/**
 * A heading and the block after it, kept on one page when the block is small enough to be sure
 * it fits (pdfmake drops an unbreakable block taller than a page). This replaces pdfmake's
 * pageBreakBefore callback, which lays the whole document out again for every node it moves, so
 * a long submission was laid out many times over.
 */
export function keepWithNext(heading: Content, following: readonly Content[]): Content[] {
  const [first, ...rest] = following;
  if (first === undefined) return [heading];
  if (JSON.stringify(first).length > KEEP_TOGETHER_LIMIT) return [heading, first, ...rest];
  return [{ stack: [heading, first], unbreakable: true }, ...rest];
}

/** About half a page of text, or a table of a dozen short rows. */
const KEEP_TOGETHER_LIMIT = 2500;

export function standardHeading(id: string, title: string): Content {
  return { text: `${id} ${title}`, style: 'h3' };
}

/** The contents page, with page numbers and bookmarks for every listed heading. */
export function contentsPage(): Content {
  return {
    toc: {
      title: { text: 'Contents', style: 'h1' },
      numberStyle: 'tocEntry',
      outlines: true,
    },
    pageBreak: 'before',
  };
}

// ---- Small building blocks ----------------------------------------------------------------------

/** Text typed by a person: one pdfmake paragraph per line they wrote, blank lines dropped. */
export function paragraphs(text: string, options: { label?: string; whenEmpty: string }): Content[] {
  const lines = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const label = options.label ? [{ text: `${options.label}: `, style: 'label' }] : [];
  if (lines.length === 0) {
    return [{ text: [...label, { text: options.whenEmpty, italics: true, style: 'muted' }], style: 'paragraph' }];
  }
  return lines.map((line, index) => ({ text: index === 0 ? [...label, line] : line, style: 'paragraph' }));
}

/** Label and value rows, for the cover and the school's context. */
export function labelledRows(rows: readonly (readonly [string, string])[], labelWidth = 170): Content {
  return {
    table: {
      widths: [labelWidth, '*'],
      body: rows.map(([label, value]) => [{ text: label, style: 'label' }, { text: value === '' ? 'not given' : value }]),
    },
    layout: PLAIN_TABLE,
    margin: [0, 0, 0, 10],
  };
}

export interface DataTable {
  headers: readonly string[];
  widths: readonly Size[];
  rows: readonly (readonly TableCell[])[];
  /** Said instead of an empty table. */
  whenEmpty: string;
  /** Smaller header text for tables with many narrow columns. */
  headerFontSize?: number;
}

/** A table with a repeated header row and rows that are never split across pages. */
export function dataTable(table: DataTable): Content {
  if (table.rows.length === 0) return { text: table.whenEmpty, italics: true, style: ['paragraph', 'muted'] };
  return {
    table: {
      headerRows: 1,
      dontBreakRows: true,
      widths: [...table.widths],
      body: [
        table.headers.map((h): TableCell => ({
          text: h,
          style: 'tableHeader',
          ...(table.headerFontSize ? { fontSize: table.headerFontSize } : {}),
        })),
        ...table.rows.map((row) => [...row]),
      ],
    },
    layout: LIGHT_TABLE,
    style: 'tableBody',
    margin: [0, 2, 0, 12],
  };
}

/** A shaded panel holding a few lines. */
export function panel(stack: Content[], margin: [number, number, number, number] = [0, 4, 0, 8]): ContentTable {
  return { table: { widths: ['*'], body: [[{ stack }]] }, layout: PANEL_TABLE, margin };
}

export function bulletList(items: readonly Content[]): Content {
  return { ul: [...items], margin: [0, 0, 0, 8], markerColor: COLOURS.accent };
}

// ---- Formatting ---------------------------------------------------------------------------------

/** The first 12 hex characters of a SHA-256: enough to tell files apart by eye. */
export function hashPrefix(hex: string): string {
  return hex.slice(0, 12);
}

/** A full SHA-256 in groups of four characters, eight groups a line: "3f2a 91c0 ...". */
export function fingerprintLines(hex: string): string {
  const groups = hex.match(/.{1,4}/g) ?? [];
  const lines: string[] = [];
  for (let i = 0; i < groups.length; i += 8) lines.push(groups.slice(i, i + 8).join(' '));
  return lines.join('\n');
}

export function judgementLabel(framework: AppliedFramework, judgement: string | null): string {
  return scalePoint(framework, judgement)?.label ?? 'Not judged';
}

export function criterionTags(framework: AppliedFramework, criterion: PlacedCriterion): string {
  const parts = [`Level: ${levelLabel(framework, criterion.level)}`];
  if (criterion.mandatory) parts.push('Mandatory');
  const duty = statutoryReference(framework, criterion);
  if (duty) parts.push(`Legal duty: ${duty}`);
  const references = criterionReferences(framework, criterion);
  if (references.length > 0) parts.push(references.join('; '));
  return parts.join(' · ');
}

// ---- Sections both documents carry --------------------------------------------------------------

export function schoolContextSection(school: SubmissionSchool, regionName: string): Content[] {
  return [
    sectionHeading('School context'),
    labelledRows([
      ['School', school.name],
      ['URN', school.urn],
      ...profileRows(school),
      ['Region', regionName],
      ['Local authority', school.localAuthority],
      ['Head teacher', school.headTeacher],
      ['SENCO', school.senco],
      ['SEN governor', school.senGovernor],
    ]),
    ...keepWithNext(subheading('Pupils'), [
      labelledRows([
        ['Pupils on roll', formatCount(school.pupilsOnRoll)],
        ['Pupils on SEN support', shareOfRoll(school.pupilsOnSenSupport, school.pupilsOnRoll)],
        ['Pupils with an EHC plan', shareOfRoll(school.pupilsWithStatementOrPlan, school.pupilsOnRoll)],
      ]),
    ]),
  ];
}

/**
 * The school's phases, setting and year groups: what decides which criteria apply. A submission
 * made before profiles has only its one-word phase.
 */
function profileRows(school: SubmissionSchool): [string, string][] {
  const profile = school.profile;
  if (!profile) return [['Phase', legacyPhaseLabel(school.phase)]];
  const years =
    profile.lowestYear === profile.highestYear
      ? yearGroupLabel(profile.lowestYear)
      : `${yearGroupLabel(profile.lowestYear)} to ${yearGroupLabel(profile.highestYear)}`;
  return [
    ['Phases', phasesLabel(profile.phases)],
    ['Setting', settingLabel(profile.setting)],
    ['Year groups', years],
    ['Resourced provision or SEN unit', profile.resourcedProvision ? 'Yes' : 'No'],
    ['Looked-after children on roll', profile.lookedAfterOnRoll ? 'Yes' : 'No'],
  ];
}

/** "31 (14.8% of pupils on roll)" */
function shareOfRoll(pupils: number, roll: number): string {
  const share = roll > 0 ? ` (${((pupils / roll) * 100).toFixed(1)}% of pupils on roll)` : '';
  return `${formatCount(pupils)}${share}`;
}

/** Each criterion's standing as the award rules see it: its judgement, how much evidence it has, and any "not applicable" claim. */
export function standingsOf(responses: readonly SubmissionResponse[]): Standings {
  return new Map(
    responses.map((r) => [
      r.criterionId,
      { judgement: r.judgement, evidenceCount: r.evidenceIds.length, notApplicable: r.notApplicable ?? null },
    ]),
  );
}

/**
 * Judgements by strand, then where the award rules place the school and what holds it back. With
 * the school's profile, criteria that do not apply to it are left out, as on the school's dashboard.
 */
export function summarySection(
  framework: AppliedFramework,
  responses: readonly SubmissionResponse[],
  context: AwardContext = {},
): Content[] {
  const outcome = evaluateAwards(framework, standingsOf(responses), context);
  return [
    sectionHeading('Summary'),
    awardPanel(outcome),
    ...(outcome.excluded.sentences.length > 0 ? [bulletList(outcome.excluded.sentences)] : []),
    ...keepWithNext(subheading('Judgements by strand'), [
      strandDistributionTable(framework, responses, new Set(outcome.excluded.criteria.map((c) => c.criterionId))),
    ]),
    ...keepWithNext(subheading('The award rules, level by level'), [awardRulesTable(outcome)]),
  ];
}

function awardPanel(outcome: AwardOutcome): Content {
  const achieved = outcome.achieved ? outcome.achieved.label : 'Not yet at any award level';
  const lines: Content[] = [
    {
      text: [
        { text: 'Award level the rules give: ', style: 'label' },
        { text: achieved, bold: true, fontSize: 12 },
      ],
    },
  ];
  if (outcome.next) {
    lines.push(
      { text: `What still stands between the school and ${outcome.next.level.label}:`, margin: [0, 6, 0, 2] },
      bulletList(outcome.next.blockers.map((b) => b.explanation)),
    );
  } else {
    lines.push({ text: 'The rules of every award level are met.', margin: [0, 4, 0, 0] });
  }
  return panel(lines);
}

/**
 * How many criteria of each strand are at each point of the scale. Criteria left out of the award
 * (they do not apply, or the school's claim that they do not stands) have a column of their own,
 * shown only when there are any, and count neither as judged nor as not judged.
 */
function strandDistributionTable(
  framework: AppliedFramework,
  responses: readonly SubmissionResponse[],
  excluded: ReadonlySet<string>,
): Content {
  const points = framework.scale.points;
  const withExcluded = excluded.size > 0;
  // Wide enough for a long label such as "inconsistent" on one line, leaving the strand column 140 points.
  const pointWidth = Math.min(58, Math.floor((CONTENT_WIDTH - 140 - 90 - (withExcluded ? 50 : 0)) / Math.max(1, points.length)));
  const byCriterion = new Map(responses.map((r) => [r.criterionId, r.judgement]));
  const rowFor = (title: string, all: readonly PlacedCriterion[], bold: boolean): TableCell[] => {
    const criteria = all.filter((c) => !excluded.has(c.id));
    const judgements = criteria.map((c) => byCriterion.get(c.id) ?? null);
    const judged = judgements.filter((j) => points.some((p) => p.id === j)).length;
    const cells = [
      title,
      ...points.map((p) => String(judgements.filter((j) => j === p.id).length)),
      String(criteria.length - judged),
      ...(withExcluded ? [String(all.length - criteria.length)] : []),
      `${judged} of ${criteria.length}`,
    ];
    return cells.map((text, i) => ({ text, bold, alignment: i === 0 ? 'left' : 'center' }));
  };
  const rows = framework.strands.map((strand) =>
    rowFor(
      `${strand.id} ${strand.title}`,
      framework.criteria.filter((c) => c.strandId === strand.id),
      false,
    ),
  );
  rows.push(rowFor('All strands', framework.criteria, true));
  return dataTable({
    headers: ['Strand', ...points.map((p) => p.label), 'Not judged', ...(withExcluded ? ['Does not apply'] : []), 'Judged'],
    widths: ['*', ...points.map(() => pointWidth), 44, ...(withExcluded ? [50] : []), 46],
    headerFontSize: 8.5,
    rows,
    whenEmpty: 'The framework has no strands.',
  });
}

function awardRulesTable(outcome: AwardOutcome): Content {
  const rows = outcome.levels.flatMap((level) =>
    level.rules.map((rule, index): TableCell[] => [
      index === 0 ? { text: level.level.label, bold: true } : '',
      rule.explanation,
      { text: rule.met ? 'Met' : 'Not yet met', bold: !rule.met },
    ]),
  );
  return dataTable({
    headers: ['Level', 'Rule', 'Outcome'],
    widths: [80, '*', 60],
    rows,
    whenEmpty: 'The framework has no award rules.',
  });
}

/** What a document adds under each criterion (its evidence, in the submission's or the portfolio's words). */
export type CriterionExtras = (criterion: PlacedCriterion, response: SubmissionResponse | undefined) => Content[];

/**
 * Every criterion in framework order, under its strand and standard headings. The strands follow
 * one another without forced page breaks, so no strand ends on a page of its own few lines. A
 * criterion short enough to be sure it fits on a page is kept whole on one page (with its strand and
 * standard headings when it is the first under them); a longer one keeps its heading block and its
 * first short paragraph together, and what the school wrote flows on across pages like any text.
 * Each criterion's heading block is the destination of links to it (see criterionAnchor).
 */
export function criteriaSection(input: {
  title: string;
  introduction: string;
  framework: AppliedFramework;
  responses: readonly SubmissionResponse[];
  extras: CriterionExtras;
  /** The school's profile: criteria that do not apply to it say so. Null or absent: every criterion applies. */
  profile?: ApplicabilityProfile | null;
}): Content[] {
  const { framework } = input;
  const responseOf = new Map(input.responses.map((r) => [r.criterionId, r]));
  const content: Content[] = [sectionHeading(input.title), { text: input.introduction, style: 'lead' }];
  // pdfmake refuses two destinations of one name: a criterion listed twice is printed once.
  const printed = new Set<string>();
  for (const strand of framework.strands) {
    // Headings waiting to be kept with the first criterion under them.
    let opening: Content[] = strandOpening(strand);
    for (const standard of strand.standards) {
      opening.push(standardHeading(standard.id, standard.title));
      for (const plain of standard.criteria) {
        const criterion = framework.criterionById.get(plain.id);
        if (!criterion || printed.has(criterion.id)) continue;
        printed.add(criterion.id);
        const response = responseOf.get(criterion.id);
        const header = criterionHeader(framework, criterion, response, input.profile ?? null);
        const body = [...criterionBody(response), ...input.extras(criterion, response)];
        content.push(...criterionBlocks([...opening, header], body, response?.narrative ?? ''));
        opening = [];
      }
    }
    // A strand without criteria still shows its headings.
    content.push(...opening);
  }
  return content;
}

/**
 * A criterion as pdfmake blocks. pdfmake silently drops an unbreakable block taller than a page,
 * so only a criterion surely shorter than a page is kept whole; otherwise the heading block keeps
 * the first paragraph under it when that paragraph is short, and nobody's long text goes in one whole.
 */
function criterionBlocks(heading: Content[], body: Content[], narrative: string): Content[] {
  if (estimatedLines([...heading, ...body]) <= WHOLE_CRITERION_LINES) {
    return [{ stack: [...heading, ...body], unbreakable: true, margin: [0, 0, 0, 10] }];
  }
  const kept = firstParagraphIsShort(narrative) ? body.splice(0, 1) : [];
  return [
    { stack: [...heading, ...kept], unbreakable: true },
    { stack: body, margin: [0, 0, 0, 10] },
  ];
}

/** Under half a page: a block this many lines long (as estimated) is kept whole, leaving at most that much space unused. */
const WHOLE_CRITERION_LINES = 24;

/** Characters of body text on one line, on the safe side (narrow letters fit more). */
const CHARACTERS_A_LINE = 80;

/**
 * How many lines a block takes at most, roughly: every piece of text counts as at least one line,
 * longer text one line for each CHARACTERS_A_LINE characters, and each paragraph break as a line. It
 * errs high (a heading in large type counts as text), so a block it passes is surely shorter than a page.
 */
export function estimatedLines(content: unknown): number {
  if (typeof content === 'string') {
    return content.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(line.length / CHARACTERS_A_LINE)), 0);
  }
  if (typeof content === 'number') return 1;
  if (Array.isArray(content)) return content.reduce((n: number, item) => n + estimatedLines(item), 0);
  if (typeof content !== 'object' || content === null) return 0;
  const node = content as Record<string, unknown>;
  if ('text' in node) {
    const text = node.text;
    // Inline pieces of one paragraph are measured as one string.
    if (Array.isArray(text)) return estimatedLines(text.map(inlineText).join('')) + 1;
    return estimatedLines(text) + 1;
  }
  let lines = 0;
  for (const key of ['stack', 'columns', 'ul', 'ol'] as const) if (key in node) lines += estimatedLines(node[key]);
  const table = node.table;
  if (typeof table === 'object' && table !== null && 'body' in table) lines += estimatedLines((table as { body: unknown }).body) + 2;
  if ('image' in node) lines += IMAGE_LINES;
  return lines;
}

/** An image counts as a quarter page. */
const IMAGE_LINES = 14;

function inlineText(piece: unknown): string {
  if (typeof piece === 'string' || typeof piece === 'number') return String(piece);
  if (typeof piece === 'object' && piece !== null && 'text' in piece) {
    const text = (piece as { text: unknown }).text;
    return Array.isArray(text) ? text.map(inlineText).join('') : inlineText(text);
  }
  return '';
}

/** About seven lines of body text. */
const SHORT_PARAGRAPH = 600;

function firstParagraphIsShort(text: string): boolean {
  const first = text.split(/\r?\n/).find((line) => line.trim() !== '') ?? '';
  return first.length <= SHORT_PARAGRAPH;
}

function strandOpening(strand: PlacedStrand): Content[] {
  const opening: Content[] = [strandHeading(strand)];
  if (strand.summary.trim() !== '') opening.push({ text: strand.summary, italics: true, style: ['paragraph', 'muted'] });
  return opening;
}

/** Why a criterion has no judgement to show: it does not apply to the school, or the school claims so. */
function notJudgedBecause(
  criterion: PlacedCriterion,
  response: SubmissionResponse | undefined,
  profile: ApplicabilityProfile | null,
): { label: string; line: string } | null {
  const applies = profile ? criterionApplies(criterion, profile) : ({ applies: true } as const);
  if (!applies.applies) return { label: 'Does not apply to this school', line: `Does not apply to this school: ${applies.reason}` };
  const claim = response?.notApplicable;
  if (claim && notApplicableProblem(criterion, claim) === null) {
    return { label: 'Claimed not applicable', line: `Claimed not applicable: ${claim.reason.trim()}` };
  }
  return null;
}

function criterionHeader(
  framework: AppliedFramework,
  criterion: PlacedCriterion,
  response: SubmissionResponse | undefined,
  profile: ApplicabilityProfile | null,
): Content {
  const judgement = response?.judgement ?? null;
  const judged = scalePoint(framework, judgement) !== null;
  const notJudged = notJudgedBecause(criterion, response, profile);
  return panel(
    [
      {
        columns: [
          // pdfmake makes a destination of a line of text only, so the link target is the criterion's id.
          { text: criterion.id, id: criterionAnchor(criterion.id), bold: true, color: COLOURS.accent, width: 'auto' },
          {
            text: [
              { text: 'Judgement: ', style: 'label' },
              notJudged
                ? { text: notJudged.label, bold: true }
                : { text: judgementLabel(framework, judgement), bold: judged, italics: !judged },
            ],
            alignment: 'right',
            width: '*',
          },
        ],
        columnGap: 12,
      },
      { text: criterion.statement, bold: true, margin: [0, 3, 0, 3] },
      { text: criterionTags(framework, criterion), style: ['small', 'muted'] },
      ...(notJudged ? [{ text: notJudged.line, italics: true, margin: [0, 3, 0, 0] } as Content] : []),
    ],
    [0, 4, 0, 6],
  );
}

function criterionBody(response: SubmissionResponse | undefined): Content[] {
  const nextSteps = response?.nextSteps ?? '';
  return [
    ...paragraphs(response?.narrative ?? '', { label: 'Narrative', whenEmpty: 'No narrative written.' }),
    ...(nextSteps.trim() === '' ? [] : paragraphs(nextSteps, { label: 'Next steps', whenEmpty: '' })),
  ];
}

/**
 * The actions in the order a reader follows them: by due date, earliest first, undated ones last;
 * actions due the same day (or both undated) by the first of their criteria in the framework's
 * order (criteria the framework does not list after those it does, by id), then as the school listed them.
 */
export function actionsInPlanOrder(actions: readonly SubmissionAction[], criterionOrder: readonly string[]): SubmissionAction[] {
  const rank = new Map(criterionOrder.map((id, index) => [id, index]));
  const firstCriterion = (action: SubmissionAction): [number, string] => {
    const ranked = action.criterionIds.map((id): [number, string] => [rank.get(id) ?? Number.MAX_SAFE_INTEGER, id]);
    ranked.sort(compareCriterionRank);
    return ranked[0] ?? [Number.MAX_SAFE_INTEGER + 1, ''];
  };
  return actions
    .map((action, index) => ({ action, index, due: isoDateOrNull(action.byWhen), criterion: firstCriterion(action) }))
    .sort((a, b) => {
      if (a.due !== b.due) {
        if (a.due === null) return 1;
        if (b.due === null) return -1;
        return a.due < b.due ? -1 : 1;
      }
      return compareCriterionRank(a.criterion, b.criterion) || a.index - b.index;
    })
    .map((entry) => entry.action);
}

function compareCriterionRank(a: readonly [number, string], b: readonly [number, string]): number {
  if (a[0] !== b[0]) return a[0] - b[0];
  return a[1].localeCompare(b[1], 'en-GB', { numeric: true });
}

/** A yyyy-mm-dd date, or null for an empty or malformed one (sorted with the undated). */
function isoDateOrNull(text: string): string | null {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) ? text : null;
}

/**
 * The action plan, sorted by due date (see actionsInPlanOrder); `criterionOrder` is the framework's
 * criteria, in order. With `linkCriteria` (the document prints the criteria section) each criterion links to its page.
 */
export function actionPlanSection(
  actions: readonly SubmissionAction[],
  criterionOrder: readonly string[],
  options: { linkCriteria: boolean },
): Content[] {
  const linkable: ReadonlySet<string> = options.linkCriteria ? new Set(criterionOrder) : new Set();
  return [
    sectionHeading('Action plan'),
    ...(actions.length === 0
      ? []
      : [{ text: 'What the school will do next, soonest first. Actions without a date come last.', style: 'lead' } as Content]),
    dataTable({
      headers: ['What', 'Who', 'By when', 'Status', 'Criteria'],
      widths: ['*', 80, 70, 56, 62],
      rows: actionsInPlanOrder(actions, criterionOrder).map((a): TableCell[] => [
        {
          stack: [
            a.what,
            ...(a.successCriteria.trim() === ''
              ? []
              : [{ text: `Success criteria: ${a.successCriteria}`, style: ['small', 'muted'], margin: [0, 2, 0, 0] } as Content]),
          ],
        },
        a.who === '' ? { text: 'not given', italics: true } : a.who,
        formatIsoDate(a.byWhen, 'no date'),
        actionStatusLabel(a.status),
        { text: criterionLinks(a.criterionIds, linkable) },
      ]),
      whenEmpty: 'No actions are planned.',
    }),
  ];
}
