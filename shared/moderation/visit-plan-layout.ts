import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import { evidenceKindLabel } from '../evidence/evidence-records';
import type { AppliedFramework } from '../framework/applied-framework';
import {
  bulletList,
  CONTENT_WIDTH,
  criterionTags,
  dataTable,
  documentDefinition,
  estimatedLines,
  judgementLabel,
  keepWithNext,
  labelledRows,
  panel,
  paragraphs,
  subheading,
} from '../pdf/layout-blocks';
import { formatIsoDate, longDateOfTime } from '../formats/en-gb-dates';
import type { SubmissionDocument, SubmissionEvidence } from '../submission/submission-format';
import type { CriterionModeration, VisitPlan } from './moderation-records';
import { decisionText, evidenceForCriterion } from './moderation-review';
import { interviewPrompts } from './visit-prompts';
import { whyInPlan } from './visit-sampling';
import { activityLabel, audienceLabel, rowTimes } from './visit-timetable';

/**
 * The printable visit plan: what the moderator takes into school. It names the criteria to see,
 * what the school said about each and the evidence it offered, the desk review so far, and leaves
 * ruled space for notes taken on the day. Not signed: it is a working paper.
 */
export interface VisitPlanLayoutInput {
  document: SubmissionDocument;
  framework: AppliedFramework;
  plan: Pick<VisitPlan, 'criterionIds' | 'method' | 'visitDate' | 'notes' | 'sample' | 'timetable' | 'evidenceSeen' | 'criterionNotes'>;
  moderations: readonly CriterionModeration[];
  moderator: { name: string; organisation: string };
  /** yyyy-mm-dd */
  printedOn: string;
}

const NOTE_LINES = 10;
/** What the first page holds, in estimatedLines' count, which errs high. */
const FIRST_PAGE_LINES = 44;
/** Lines left under notes already recorded on the laptop. */
const FURTHER_NOTE_LINES = 4;
const NOTE_LINE_GAP = 20;

export function visitPlanLayout(input: VisitPlanLayoutInput): TDocumentDefinitions {
  const { document, framework, plan } = input;
  const school = document.school.name;
  const byCriterion = new Map(input.moderations.map((m) => [m.criterionId, m]));
  const order = new Map(framework.criteria.map((c, i) => [c.id, i]));
  const ids = [...plan.criterionIds].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
  const opening: Content[] = [
    { text: 'Moderation visit plan', style: 'coverKicker' },
    { text: school, style: 'coverTitle' },
    labelledRows(
      [
        ['URN', document.school.urn],
        ['Visit date', formatIsoDate(plan.visitDate, 'not set yet')],
        ['Moderator', `${input.moderator.name}, ${input.moderator.organisation}`],
        ['Submission', `v${document.version}, exported ${longDateOfTime(document.createdAt)}`],
        ['Framework', `${document.framework.title}, version ${document.framework.version}`],
        ['Criteria to see', `${ids.length}, ${methodText(plan.method)}`],
        ['Printed', formatIsoDate(input.printedOn, input.printedOn)],
      ],
      110,
    ),
    ...paragraphs(plan.notes, { label: 'Notes for the visit', whenEmpty: 'No notes for the visit.' }),
    { text: 'The criteria at a glance', style: 'h2' },
    dataTable({
      headers: ['Criterion', 'Why it is in the sample', 'School’s judgement', 'Desk review', 'Evidence offered'],
      widths: [54, 120, 70, 90, '*'],
      whenEmpty: 'No criteria have been chosen for the visit yet.',
      rows: ids.map((id): TableCell[] => {
        const moderation = byCriterion.get(id);
        const response = document.responses.find((r) => r.criterionId === id);
        return [
          { text: id, bold: true },
          whyInPlan(plan, id),
          judgementLabel(framework, response?.judgement ?? null),
          decisionText(framework, moderation?.decision ?? null, moderation?.moderatedJudgement ?? null),
          evidenceForCriterion(document, id)
            .map((e) => e.title)
            .join('; ') || { text: 'None linked', italics: true },
        ];
      }),
    }),
  ];
  const timetable = timetableSection(input);
  // The timetable follows on the first page when it surely fits there. When the first page is
  // full without it, it starts a page of its own, so the first page is not split into a sliver
  // of table on the next; when the first page overflows anyway, it simply follows.
  const fitsAlone = estimatedLines(opening) <= FIRST_PAGE_LINES;
  const fitsWith = estimatedLines([...opening, ...timetable]) <= FIRST_PAGE_LINES;
  const timetableContent: Content[] = fitsAlone && !fitsWith ? [{ stack: timetable, pageBreak: 'before' }] : timetable;
  return documentDefinition({
    info: {
      title: `${school}: visit plan`,
      author: `${input.moderator.name}, ${input.moderator.organisation}`,
      subject: `Moderation visit for submission v${document.version}`,
    },
    footerText: `${school} (URN ${document.school.urn}) · Visit plan`,
    content: [...opening, ...timetableContent, ...ids.flatMap((id) => criterionBlock(input, id, byCriterion.get(id)))],
  });
}

function methodText(method: VisitPlan['method']): string {
  if (method.kind === 'rule')
    return `proposed by the region’s sampling rule (random draw with the seed ${method.seed}), as changed by the moderator`;
  return method.kind === 'random'
    ? `${method.perStrand} drawn at random from each strand (seed ${method.seed})`
    : 'chosen by the moderator';
}

function criterionBlock(input: VisitPlanLayoutInput, criterionId: string, moderation: CriterionModeration | undefined): Content[] {
  const { document, framework } = input;
  const criterion = framework.criterionById.get(criterionId);
  const response = document.responses.find((r) => r.criterionId === criterionId);
  const evidence = evidenceForCriterion(document, criterionId);
  const deskComment = moderation?.comment.trim() ?? '';
  const recordedNote = input.plan.criterionNotes?.[criterionId]?.trim() ?? '';
  return [
    {
      stack: [
        panel(
          [
            {
              columns: [
                { text: criterionId, bold: true, width: 'auto' },
                {
                  text: [{ text: 'School’s judgement: ', style: 'label' }, judgementLabel(framework, response?.judgement ?? null)],
                  alignment: 'right',
                  width: '*',
                },
              ],
              columnGap: 12,
            },
            { text: criterion?.statement ?? 'This criterion is not in the framework.', bold: true, margin: [0, 3, 0, 3] },
            ...(criterion ? [{ text: criterionTags(framework, criterion), style: ['small', 'muted'] } as Content] : []),
          ],
          [0, 4, 0, 6],
        ),
        {
          text: [
            { text: 'Desk review: ', style: 'label' },
            decisionText(framework, moderation?.decision ?? null, moderation?.moderatedJudgement ?? null),
            ...(deskComment ? [` (${deskComment})`] : []),
          ],
          style: 'paragraph',
        },
      ],
      // Each criterion starts a page, so the plan can be handed round a page at a time.
      pageBreak: 'before',
    },
    ...paragraphs(response?.narrative ?? '', { label: 'What the school says', whenEmpty: 'The school wrote no narrative.' }),
    { text: 'Evidence the school offered', style: 'label', margin: [0, 4, 0, 2] },
    evidence.length === 0
      ? { text: 'None linked.', italics: true, style: ['paragraph', 'muted'] }
      : bulletList(evidence.map((e) => ({ text: evidenceLine(e) }))),
    ...(criterion && criterion.suggestedEvidence.length > 0
      ? [
          { text: 'Evidence the framework suggests', style: 'label', margin: [0, 4, 0, 2] } as Content,
          bulletList(criterion.suggestedEvidence.map((text) => ({ text, style: 'small' }))),
        ]
      : []),
    ...seenOnTheDay(input, criterionId),
    ...(recordedNote
      ? [
          ...paragraphs(recordedNote, { label: 'Notes on the visit', whenEmpty: '' }),
          {
            stack: [{ text: 'Further notes', style: 'label', margin: [0, 4, 0, 0] }, noteLines(FURTHER_NOTE_LINES)],
            unbreakable: true,
          } as Content,
        ]
      : [
          {
            stack: [{ text: 'Notes on the visit', style: 'label', margin: [0, 6, 0, 0] }, noteLines(NOTE_LINES)],
            unbreakable: true,
          } as Content,
        ]),
  ];
}

/** The timetable, then the questions for each interview under its time, activity and group; nothing when there is no timetable. */
function timetableSection(input: VisitPlanLayoutInput): Content[] {
  const rows = input.plan.timetable ?? [];
  // A plan without a timetable (every plan made before there was one) prints as it always has.
  if (rows.length === 0) return [];
  const heading: Content = { text: 'Timetable for the day', style: 'h2' };
  const table = dataTable({
    headers: ['Time', 'Activity', 'With whom', 'Place', 'Criteria'],
    widths: [62, 80, '*', 80, 90],
    whenEmpty: '',
    rows: rows.map((row): TableCell[] => [
      { text: rowTimes(row), bold: true },
      activityLabel(row.activity),
      [row.withWhom.map(audienceLabel).join(', '), row.who].filter(Boolean).join(': ') || { text: 'Not given', italics: true },
      row.place || { text: 'Not given', italics: true },
      row.criterionIds.join(', ') || { text: 'None', italics: true },
    ]),
  });
  const interviews = rows.flatMap((row): Content[] => {
    const prompts = interviewPrompts(input.framework, row);
    if (row.activity !== 'interview') return [];
    const title = `${rowTimes(row)} Interview with ${row.withWhom.map((a) => audienceLabel(a).toLowerCase()).join(', ') || 'no group chosen'}${row.who ? ` (${row.who})` : ''}`;
    return keepWithNext(subheading(title), [
      prompts.length === 0
        ? { text: 'No criteria chosen for this interview, so no questions are suggested.', italics: true, style: ['paragraph', 'muted'] }
        : bulletList(
            prompts.map((p) => ({
              text: [{ text: `${p.criterionId}, ${audienceLabel(p.audience).toLowerCase()}: `, bold: true }, p.question],
            })),
          ),
    ]);
  });
  return [
    heading,
    table,
    ...(interviews.length > 0 ? [{ text: 'Questions for each interview', style: 'h2' } as Content, ...interviews] : []),
  ];
}

/** The evidence seen on the day that bears on a criterion, as recorded. */
function seenOnTheDay(input: VisitPlanLayoutInput, criterionId: string): Content[] {
  const seen = (input.plan.evidenceSeen ?? []).filter((e) => e.criterionIds.includes(criterionId));
  if (seen.length === 0) return [];
  return [
    { text: 'Evidence seen on the day', style: 'label', margin: [0, 4, 0, 2] },
    bulletList(seen.map((e) => ({ text: e.where ? `${e.what} (${e.where})` : e.what }))),
  ];
}

function evidenceLine(evidence: SubmissionEvidence): string {
  const where = evidence.file
    ? `file in the submission: ${evidence.file.originalName}`
    : `held at ${evidence.heldAt || 'a place not given'}`;
  return `${evidence.title} (${evidenceKindLabel(evidence.kind)}; ${where})`;
}

/** Ruled lines to write on. */
function noteLines(count: number): Content {
  return {
    canvas: Array.from({ length: count }, (_, i) => ({
      type: 'line' as const,
      x1: 0,
      y1: NOTE_LINE_GAP * (i + 1),
      x2: CONTENT_WIDTH,
      y2: NOTE_LINE_GAP * (i + 1),
      lineWidth: 0.5,
      lineColor: '#9aa6b1',
    })),
    margin: [0, 0, 0, 8],
  };
}
