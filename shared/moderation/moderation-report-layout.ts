import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { AppliedFramework } from '../framework/applied-framework';
import {
  bulletList,
  contentsPage,
  dataTable,
  documentDefinition,
  keepWithNext,
  fingerprintLines,
  judgementLabel,
  labelledRows,
  panel,
  paragraphs,
  sectionHeading,
  strandHeading,
  subheading,
} from '../pdf/layout-blocks';
import { formatIsoDate, longDateOfTime } from '../formats/en-gb-dates';
import type { ModerationDocument } from './moderation-format';
import { FEEDBACK_LISTS } from './moderation-outcome';
import { MODERATION_DECISIONS, outcomeHeadline } from './moderation-records';

/** The human-readable pages of a signed moderation report, laid out from moderation.json alone. */
export function moderationReportLayout(input: { document: ModerationDocument; framework: AppliedFramework }): TDocumentDefinitions {
  const { document, framework } = input;
  const school = document.submission.school.name;
  return documentDefinition({
    info: {
      title: `${school}: moderation report for submission v${document.submission.version}`,
      author: `${document.moderator.name}, ${document.moderator.organisation}`,
      subject: `Moderation of submission ${document.submission.submissionId}`,
    },
    footerText: `${school} · Moderation report ${document.reportId}`,
    content: [
      ...cover(document),
      contentsPage(),
      ...outcomeSection(document, framework),
      ...visitSection(document, framework),
      ...criteriaSection(document, framework),
    ],
  });
}

function cover(document: ModerationDocument): Content[] {
  const { submission, moderator } = document;
  return [
    {
      text: document.followsReport ? 'SEN accreditation follow-up moderation report' : 'SEN accreditation moderation report',
      style: 'coverTitle',
      margin: [0, 120, 0, 8],
    },
    { text: submission.school.name, style: 'coverSchool' },
    labelledRows(
      [
        ['URN', submission.school.urn],
        ['Outcome', outcomeLine(document)],
        ...(document.outcome.renewalDate ? [['Renewal due', formatIsoDate(document.outcome.renewalDate)] as [string, string]] : []),
        ...(document.outcome.appealBy ? [['Appeal by', formatIsoDate(document.outcome.appealBy)] as [string, string]] : []),
        ['Framework', `${submission.framework.title}, version ${submission.framework.version}`],
        ['Submission moderated', `${submission.submissionId}, v${submission.version}, exported ${longDateOfTime(submission.exportedAt)}`],
        ['SHA-256 of the submission PDF', fingerprintLines(submission.sha256)],
        ['Moderator', `${moderator.name}, ${moderator.organisation} (${moderator.regionName})`],
        ['Date of the report', longDateOfTime(document.createdAt)],
        ...(document.followsReport
          ? [
              ['Follows report', document.followsReport.reportId] as [string, string],
              ['SHA-256 of the report it follows', fingerprintLines(document.followsReport.sha256)] as [string, string],
            ]
          : []),
        ['Signer certificate fingerprint (SHA-256)', fingerprintLines(document.signer.certificateFingerprint)],
      ],
      150,
    ),
    panel(
      [
        {
          text:
            'This report is digitally signed by the moderator and carries its data as moderation.json' +
            '. The school’s app checks the signature and the fingerprint of the submission it refers to before showing it.',
          style: 'notice',
        },
      ],
      [0, 16, 0, 0],
    ),
  ];
}

function outcomeLine(document: ModerationDocument): string {
  return outcomeHeadline(document.outcome.kind, document.outcome.levelLabel);
}

/**
 * The outcome first: what was decided, the conditions, every date the school must meet, then the
 * feedback. A report made before conditions and dated requests lists its requests from the
 * criteria that need more evidence, undated, as it always did.
 */
function outcomeSection(document: ModerationDocument, framework: AppliedFramework): Content[] {
  const { outcome } = document;
  const computed = outcome.computedLevelId
    ? (framework.levels.find((l) => l.id === outcome.computedLevelId)?.label ?? outcome.computedLevelId)
    : 'no award level';
  const rows: [string, string][] = [
    ['Outcome', outcomeLine(document)],
    ['What the award rules give from the moderated judgements', computed],
  ];
  if (outcome.overrideReason) rows.push(['Why the level differs', outcome.overrideReason]);
  if (outcome.renewalDate) rows.push(['Renewal due', formatIsoDate(outcome.renewalDate)]);
  if (outcome.resubmitBy) rows.push(['Resubmit by', formatIsoDate(outcome.resubmitBy)]);
  rows.push(['Decided', longDateOfTime(outcome.decidedAt)]);
  if (outcome.appealBy) rows.push(['Appeal by', `${formatIsoDate(outcome.appealBy)} (write to ${document.moderator.organisation})`]);
  if (outcome.conflictOfInterest) {
    rows.push([
      'Moderator’s conflict of interest',
      outcome.conflictOfInterest.kind === 'none' ? 'None declared' : `Declared: ${outcome.conflictOfInterest.text}`,
    ]);
  }
  const conditions = outcome.conditions ?? [];
  return [
    sectionHeading('Outcome'),
    labelledRows(rows, 170),
    ...(conditions.length > 0
      ? keepWithNext(subheading('Conditions of the award'), [
          conditions.some((c) => c.dischargedOn)
            ? dataTable({
                headers: ['Condition', 'Due by', 'Discharged'],
                widths: ['*', 90, 150],
                whenEmpty: 'No conditions.',
                rows: conditions.map((c) => [
                  c.text,
                  { text: formatIsoDate(c.dueOn), bold: true },
                  c.dischargedOn ? `${formatIsoDate(c.dischargedOn)}${c.dischargeNote ? `: ${c.dischargeNote}` : ''}` : 'Not yet',
                ]),
              })
            : dataTable({
                headers: ['Condition', 'Due by'],
                widths: ['*', 110],
                whenEmpty: 'No conditions.',
                rows: conditions.map((c) => [c.text, { text: formatIsoDate(c.dueOn), bold: true }]),
              }),
        ])
      : []),
    ...appealResult(document),
    ...deadlines(document),
    ...evidenceRequests(document, framework),
    ...feedback(document),
  ];
}

/** The result of the school's appeal, once decided. */
function appealResult(document: ModerationDocument): Content[] {
  const result = document.outcome.appealResult;
  if (!result) return [];
  return keepWithNext(subheading('The school’s appeal'), [
    labelledRows(
      [
        ['Lodged', formatIsoDate(result.lodgedOn)],
        ['Result', result.result === 'upheld' ? 'Upheld' : 'Not upheld'],
        ['Decided', formatIsoDate(result.decidedOn)],
        ['Reasons', result.reasons],
      ],
      170,
    ),
  ]);
}

/** Every date the school must meet, soonest first. */
function deadlines(document: ModerationDocument): Content[] {
  const { outcome } = document;
  const dates: [string, string][] = [
    ...(outcome.conditions ?? []).flatMap((c, i): [string, string][] =>
      c.dischargedOn ? [] : [[c.dueOn, `Condition ${i + 1} to be met`]],
    ),
    ...(outcome.evidenceRequests ?? []).map((r): [string, string] => [r.dueOn, `Evidence for ${r.criterionId} to be sent`]),
    ...(outcome.resubmitBy ? [[outcome.resubmitBy, 'The submission to be sent again'] as [string, string]] : []),
    ...(outcome.appealBy ? [[outcome.appealBy, 'Last day to appeal against this outcome'] as [string, string]] : []),
  ];
  if (dates.length === 0) return [];
  dates.sort((a, b) => a[0].localeCompare(b[0]));
  return keepWithNext(subheading('Dates for the school'), [
    dataTable({
      headers: ['Date', 'What is due'],
      widths: [110, '*'],
      whenEmpty: 'No dates.',
      rows: dates.map(([day, what]) => [{ text: formatIsoDate(day), bold: true }, what]),
    }),
  ]);
}

/** Strengths, areas for development and recommendations as lists, then the moderator's summary. */
function feedback(document: ModerationDocument): Content[] {
  const { outcome } = document;
  const lists = FEEDBACK_LISTS.flatMap((list) => {
    const items = outcome[list.field] ?? [];
    return items.length === 0 ? [] : keepWithNext(subheading(list.label), [bulletList(items.map((text) => ({ text })))]);
  });
  const structured = lists.length > 0;
  return [
    ...lists,
    ...keepWithNext(
      subheading(structured ? 'Summary' : 'Feedback'),
      paragraphs(outcome.feedback, { whenEmpty: structured ? 'No summary written.' : 'No feedback written.' }),
    ),
  ];
}

/** Each request for more evidence on its own: the criterion, what to send and, when dated, by when. */
function evidenceRequests(document: ModerationDocument, framework: AppliedFramework): Content[] {
  const statement = (id: string) => framework.criterionById.get(id)?.statement ?? '';
  const dated = document.outcome.evidenceRequests ?? [];
  const requests =
    dated.length > 0
      ? dated.map((r) => ({ criterionId: r.criterionId, what: r.what, dueOn: r.dueOn }))
      : document.criteria
          .filter((c) => c.decision === 'more-evidence')
          .map((c) => ({ criterionId: c.criterionId, what: c.comment || 'further evidence for this criterion.', dueOn: '' }));
  return [
    ...keepWithNext(subheading('Requests for more evidence'), [
      requests.length === 0
        ? { text: 'None: the evidence seen was enough for every criterion.', style: 'paragraph' }
        : {
            stack: requests.map((r): Content => ({
              stack: [
                { text: [{ text: `${r.criterionId} `, bold: true }, statement(r.criterionId)] },
                { text: [{ text: 'What to send: ', style: 'label' }, r.what], margin: [12, 2, 0, 0] },
                ...(r.dueOn
                  ? [{ text: [{ text: 'Due by: ', style: 'label' }, formatIsoDate(r.dueOn)], margin: [12, 2, 0, 0] } satisfies Content]
                  : []),
              ],
              unbreakable: true,
              margin: [0, 0, 0, 8],
            })),
          },
    ]),
    {
      text: 'The school’s app adds each request to the school’s action plan when the report is imported.',
      style: ['small', 'muted'],
      margin: [0, 0, 0, 6],
    },
  ];
}

function visitSection(document: ModerationDocument, framework: AppliedFramework): Content[] {
  const { visit } = document;
  if (!visit) return [sectionHeading('Visit'), { text: 'No visit was planned.', style: 'paragraph' }];
  const method =
    visit.method.kind === 'rule'
      ? `proposed by the region’s sampling rule (mandatory and statutory criteria the school claims, then criteria at risk, then a draw from each strand with the seed ${visit.method.seed}), which the moderator could add to or take from`
      : visit.method.kind === 'random'
        ? `${visit.method.perStrand} at random from each strand, seed ${visit.method.seed} (the same seed draws the same criteria)`
        : 'chosen by the moderator';
  return [
    sectionHeading('Visit'),
    labelledRows(
      [
        ['Date', formatIsoDate(visit.visitDate, 'not set')],
        ['Criteria sampled', `${visit.criterionIds.length}, ${method}`],
      ],
      170,
    ),
    ...keepWithNext(subheading('Criteria seen on the visit'), [
      visit.criterionIds.length === 0
        ? { text: 'None.', italics: true, style: ['paragraph', 'muted'] }
        : bulletList(
            visit.criterionIds.map((id) => ({ text: [{ text: `${id} `, bold: true }, framework.criterionById.get(id)?.statement ?? ''] })),
          ),
    ]),
    ...keepWithNext(subheading('Visit notes'), paragraphs(visit.notes, { whenEmpty: 'No visit notes.' })),
  ];
}

/** Whether a criterion was agreed (or accepted on the desk review) with nothing written about it. */
export function agreedWithoutComment(criterion: ModerationDocument['criteria'][number]): boolean {
  return (criterion.decision === 'agree' || criterion.decision === null) && criterion.comment.trim() === '';
}

/**
 * Criterion by criterion, strand by strand: those agreed without comment are counted in one line per
 * strand; every other criterion (changed, asked about, or commented on) is listed in full.
 */
function criteriaSection(document: ModerationDocument, framework: AppliedFramework): Content[] {
  const counts = { agree: 0, moderated: 0, 'more-evidence': 0, none: 0 };
  for (const c of document.criteria) {
    // Not met and a disputed "not applicable" change what the school claimed: they count as moderated.
    const decision = c.decision === 'not-met' || c.decision === 'not-applicable-disputed' ? 'moderated' : c.decision;
    counts[decision ?? 'none'] += 1;
  }
  const byStrand = new Map<string, ModerationDocument['criteria']>();
  for (const c of document.criteria) {
    const strandId = framework.criterionById.get(c.criterionId)?.strandId ?? '';
    byStrand.set(strandId, [...(byStrand.get(strandId) ?? []), c]);
  }
  const carried = document.criteria.filter((c) => c.carriedFromVersion !== undefined);
  const versions = [...new Set(carried.flatMap((c) => c.carriedFromVersion ?? []))].sort((x, y) => x - y);
  const groups = [
    ...framework.strands.map((strand) => ({ strand: { id: strand.id, title: strand.title }, criteria: byStrand.get(strand.id) ?? [] })),
    { strand: { id: '', title: 'Criteria not in the framework' }, criteria: byStrand.get('') ?? [] },
  ].filter((group) => group.criteria.length > 0);
  const summaryLines = groups.flatMap((group) => {
    const quiet = group.criteria.filter(agreedWithoutComment);
    if (quiet.length === 0) return [];
    const undecided = quiet.filter((c) => c.decision === null).length;
    const carriedHere = quiet.filter((c) => c.carriedFromVersion !== undefined).length;
    const notes = [
      ...(undecided > 0 ? [`${undecided} of them accepted on the desk review without a separate decision`] : []),
      ...(carriedHere > 0 ? [`${carriedHere} of them carried over from an earlier version`] : []),
    ];
    const name = group.strand.id ? `${group.strand.id} ${group.strand.title}` : group.strand.title;
    return [
      {
        text: [
          { text: `${name}: `, bold: true },
          `${quiet.length} ${quiet.length === 1 ? 'criterion' : 'criteria'} agreed without comment` +
            (notes.length > 0 ? ` (${notes.join('; ')})` : ''),
        ],
      },
    ];
  });
  return [
    sectionHeading('Criterion by criterion'),
    {
      text:
        `${document.criteria.length} criteria: ${counts.agree} agreed, ${counts.moderated} moderated to a different judgement, ` +
        `${counts['more-evidence']} needing more evidence, and ${counts.none} accepted on the desk review without a separate decision.`,
      style: 'lead',
    },
    ...(carried.length > 0
      ? [
          {
            text:
              `${carried.length} of these ${carried.length === 1 ? 'decision was' : 'decisions were'} carried over unchanged from ` +
              `version ${versions.join(' and ')} of the submission, because the school left ${carried.length === 1 ? 'that criterion' : 'those criteria'} ` +
              `as ${carried.length === 1 ? 'it was' : 'they were'}: ${carried.map((c) => c.criterionId).join(', ')}. ` +
              (carried.some(agreedWithoutComment)
                ? 'Those listed below are marked “carried over”; the others are counted in their strand’s line of criteria agreed without comment.'
                : 'Each is marked “carried over” below.'),
            style: 'paragraph',
          } satisfies Content,
        ]
      : []),
    ...(summaryLines.length > 0 ? keepWithNext(subheading('Agreed without comment'), [bulletList(summaryLines)]) : []),
    ...groups.flatMap((group) => {
      const listed = group.criteria.filter((c) => !agreedWithoutComment(c));
      if (listed.length === 0) return [];
      return [
        strandHeading(group.strand, { newPage: false }),
        dataTable({
          headers: ['Criterion', 'School’s judgement', 'Moderation', 'Comment'],
          widths: [54, 88, 140, '*'],
          whenEmpty: 'No criteria.',
          rows: listed.map((c) => {
            const changed = c.decision !== null && c.decision !== 'agree';
            return [
              { text: c.criterionId, bold: true },
              judgementLabel(framework, c.schoolJudgement),
              {
                text: [
                  { text: decisionText(c.decision, c.moderatedJudgement, framework), bold: changed },
                  ...(c.carriedFromVersion !== undefined
                    ? [{ text: ` (carried over from version ${c.carriedFromVersion})`, style: 'muted' }]
                    : []),
                ],
              },
              c.comment || { text: '—', style: 'muted' },
            ];
          }),
        }),
      ];
    }),
  ];
}

function decisionText(
  decision: ModerationDocument['criteria'][number]['decision'],
  moderated: string | null,
  framework: AppliedFramework,
): string {
  if (decision === null) return 'Accepted on the desk review';
  if (decision === 'moderated') return `Moderated to ${judgementLabel(framework, moderated)}`;
  return MODERATION_DECISIONS.find((d) => d.id === decision)?.label ?? decision;
}
